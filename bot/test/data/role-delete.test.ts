/**
 * Deleting a custom role (StoreRoleRepository.delete) against the store under test (MongoDB when
 * MONGODB_URI is set): the role, its name claim and its assignments go in one write, only that
 * side's; an absent role (or another side's) writes nothing.
 */
import assert from 'node:assert/strict';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import { RoleCollections, StoreRoleRepository } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  StoreAssignmentRepository,
} from '../../src/data/assignments.repository.ts';
import { sideAssignment, sideRole } from './side-fixtures.ts';

const CUSTOMER = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-00000000000a';
const OWN = { customerTenantId: CUSTOMER, partnerTenantId: null };
const PARTNERS = { customerTenantId: CUSTOMER, partnerTenantId: PARTNER };

const role = (id: string, partnerTenantId: string | null) =>
  sideRole(id, CUSTOMER, partnerTenantId);
const assignment = (id: string, roleId: string, partnerTenantId: string | null) =>
  sideAssignment(id, CUSTOMER, partnerTenantId, roleId);

describe('data/roles.repository: deleting a role takes its name claim and assignments in the same write', () => {
  let sut: StoreUnderTest;
  let roles: StoreRoleRepository;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    roles = new StoreRoleRepository(sut.store);
    const assignments = new StoreAssignmentRepository(sut.store);
    assert.ok(await roles.insert(role('r1', null)));
    assert.ok(await roles.insert(role('r2', null)));
    assert.ok(await roles.insert(role('p1', PARTNER)));
    await assignments.insert(assignment('a1', 'r1', null));
    await assignments.insert(assignment('a2', 'r1', null));
    await assignments.insert(assignment('a3', 'r2', null));
    await assignments.insert(assignment('a4', 'p1', PARTNER));
  });
  afterEach(() => sut.dispose());

  const ids = async (name: string) =>
    (await sut.store.collection(name).find({}).toArray()).map((d) => d._id).sort();

  it('When a role is deleted, then it, its claim and its assignments are gone; the others stay', async () => {
    assert.equal(await roles.delete(OWN, 'r1'), true);
    assert.deepEqual(await ids(RoleCollections.roles), ['p1', 'r2']);
    assert.equal((await ids(RoleCollections.roleNameClaims)).length, 2);
    assert.deepEqual(await ids(AssignmentCollections.assignments), ['a3', 'a4']);
    // Its name is free again.
    assert.ok(await roles.insert(role('r3', null)));
  });

  it('When the role is absent or of another side, then false and nothing is written', async () => {
    assert.equal(await roles.delete(OWN, 'nope'), false);
    assert.equal(await roles.delete(PARTNERS, 'r1'), false);
    assert.equal(await roles.delete(OWN, 'p1'), false);
    assert.deepEqual(await ids(RoleCollections.roles), ['p1', 'r1', 'r2']);
    assert.equal((await ids(RoleCollections.roleNameClaims)).length, 3);
    assert.deepEqual(await ids(AssignmentCollections.assignments), ['a1', 'a2', 'a3', 'a4']);
  });
});
