/**
 * The Tenants list's Primary admin filter against the store under test (MongoDB when MONGODB_URI
 * is set): relationships written through each of the repository's writers are listed for their
 * Primary admins, users and groups alike, and for nobody else.
 */
import assert from 'node:assert/strict';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import { StoreRelationshipRepository } from '../../src/data/partners.repositories.ts';
import { NOW, customer, pendingRelationship } from './side-fixtures.ts';

const PARTNER = '00000000-0000-4000-8000-00000000000a';
const USER = '00000000-0000-4000-8000-000000000b01';
const GROUP = '00000000-0000-4000-8000-000000000c01';
const OTHER_USER = '00000000-0000-4000-8000-000000000b02';

describe('data/partners.repositories: the Tenants list of a Primary admin', () => {
  let sut: StoreUnderTest;
  let repo: StoreRelationshipRepository;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    repo = new StoreRelationshipRepository(sut.store);
  });
  afterEach(async () => {
    await sut.dispose();
  });

  const listed = async (userId: string, groupIds: string[]) =>
    (await repo.listActiveForPartner(PARTNER, { userId, groupIds }, { limit: 50 })).items
      .map((r) => r.customerTenantId)
      .sort();

  it('When Primary admins come from accept, add and break-glass, then each is listed, users and groups by type', async () => {
    for (const n of [1, 2, 3, 4])
      assert.ok(await repo.insertPending(pendingRelationship(n, PARTNER)));
    // Accepted with members given fields first id, then type: stored as { type, id }.
    const byUser = { id: USER, type: 'user' } as unknown as { type: 'user'; id: string };
    assert.ok(await repo.accept('rel-1', PARTNER, [byUser], NOW));
    assert.ok(await repo.accept('rel-2', PARTNER, [{ type: 'user', id: OTHER_USER }], NOW));
    assert.ok(await repo.addPrimaryAdmin(customer(2), PARTNER, { type: 'group', id: GROUP }));
    assert.ok(await repo.accept('rel-3', PARTNER, [{ type: 'user', id: OTHER_USER }], NOW));
    assert.ok(
      await repo.restorePrimaryAdmin(
        customer(3),
        PARTNER,
        [{ type: 'user', id: OTHER_USER }],
        { type: 'user', id: USER },
        {
          at: NOW,
          actorId: OTHER_USER,
          actorName: 'Other',
          member: { type: 'user', id: USER },
          reason: 'Restoring access',
        }
      )
    );
    // rel-4 stays pending: never listed.

    assert.deepEqual(await listed(USER, []), [customer(1), customer(3)]);
    assert.deepEqual(await listed(OTHER_USER, []), [customer(2), customer(3)]);
    assert.deepEqual(await listed(OTHER_USER, [GROUP]), [customer(2), customer(3)]);
    assert.deepEqual(await listed('00000000-0000-4000-8000-000000000b09', [GROUP]), [customer(2)]);
    // The same id with the other type is not the same member.
    assert.deepEqual(await listed(GROUP, []), []);
    assert.deepEqual(await listed('00000000-0000-4000-8000-000000000b09', [USER]), []);

    assert.ok(await repo.deletePrimaryAdminsRole(customer(1), PARTNER));
    assert.deepEqual(await listed(USER, []), [customer(3)]);
  });
});
