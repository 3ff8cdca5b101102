/**
 * The repository writes that carry a change, what goes with it and its audit records as one
 * `writeBatch`: off-boarding a pair (StoreRelationshipRepository.endActive), accepting (with the
 * purge of the pair's leftovers), declining and withdrawing (with the receipt), a role's name
 * claims (StoreRoleRepository insert/update), an assignment's custom role, required to be there
 * (StoreAssignmentRepository insert/update), an enrollment key reset
 * (StoreEnrollmentKeyRepository.reset), an invitation sent (replacing the pair's expired one),
 * rooms (onboarded with their first key, changed with their tickets' groups, unenrolled, moved
 * between rings), room groups, update rings, the settings, a signal counted or escalating its
 * ticket, and change control's writes (StoreChangeControlRepository: a change request or
 * elevation asked and moved from status to status, the controls saved). Against the store under
 * test (MongoDB when MONGODB_URI is set): each stores all of it, an unmet precondition writes
 * nothing, and a later write that fails (its audit record's id already taken) undoes the earlier
 * ones where batches are atomic. On the embedded store, a journal torn anywhere in the batch (a
 * crash mid-write) keeps all or none.
 */
import assert from 'node:assert/strict';
import {
  afterTornBatch,
  freshDirEachTest,
  openStoreUnderTest,
  writeBatchIsAtomic,
  type StoreUnderTest,
} from '../store/store-under-test.ts';
import { isDuplicateKeyError, type BaseDoc, type Store } from '../../src/store/types.ts';
import { StoreRelationshipRepository } from '../../src/data/partners.repositories.ts';
import { PartnerCollections, type RelationshipDoc } from '../../src/data/partners.collections.ts';
import { RoleCollections, StoreRoleRepository } from '../../src/data/roles.repository.ts';
import {
  AssignmentCollections,
  StoreAssignmentRepository,
} from '../../src/data/assignments.repository.ts';
import { StoreEnrollmentKeyRepository } from '../../src/data/enrollment-keys.repository.ts';
import { Collections, ResourceCollections } from '../../src/data/collections.ts';
import { ResourceExtraCollections } from '../../src/data/resources.collections.ts';
import type { AuditRecord } from '../../src/core/audit/audit.ts';
import {
  ChangeControlCollections,
  StoreChangeControlRepository,
} from '../../src/data/change-control.repositories.ts';
import {
  defaultControls,
  type ChangeRequest,
  type StoredControls,
} from '../../src/core/change-control/model.ts';
import { NOW, relationshipFixture, sideAssignment, sideRole } from './side-fixtures.ts';
import type { Relationship } from '../../src/core/partners/model.ts';
import { DomainError } from '../../src/core/errors.ts';
import { ensureIndexes } from '../../src/data/indexes.ts';
import { StoreRoomRepository } from '../../src/data/rooms.repository.ts';
import { StoreRoomGroupRepository } from '../../src/data/room-groups.repository.ts';
import { StoreUpdateRingRepository } from '../../src/data/update-rings.repository.ts';
import { StoreSettingsRepository } from '../../src/data/settings.repository.ts';
import { StoreTicketRepository } from '../../src/data/tickets.repositories.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';
import { defaultSettings } from '../../src/core/resources/settings.rules.ts';
import type { EnrollmentKey, Room } from '../../src/core/resources/resources.model.ts';
import type { Ticket } from '../../src/core/tickets/ticket.model.ts';

const CUSTOMER = '00000000-0000-4000-8000-000000000001';
const OTHER_CUSTOMER = '00000000-0000-4000-8000-000000000002';
const PARTNER = '00000000-0000-4000-8000-00000000000a';
const LATER = new Date('2026-06-20T00:00:00Z');
const SIDE = { customerTenantId: CUSTOMER, partnerTenantId: PARTNER };
const OWN = { customerTenantId: CUSTOMER, partnerTenantId: null };

/** A document of any shape (rooms and keys are written here with only the fields read). */
type Loose = BaseDoc & Record<string, unknown>;

const record = (id: string): AuditRecord => ({
  id,
  at: NOW,
  tenantId: CUSTOMER,
  category: 'PartnerRelationship',
  objectType: 'PartnerRelationship',
  objectId: 'x',
  operation: 'Delete',
  result: 'Successful',
  actorId: 'actor',
  actorTenantId: CUSTOMER,
});

const relationship = (
  id: string,
  tenantId: string,
  state: 'pending' | 'active',
  expiresAt = LATER
): RelationshipDoc => {
  const {
    id: _id,
    customerTenantId,
    ...rest
  } = relationshipFixture(id, tenantId, PARTNER, {
    state,
    expiresAt,
  });
  return { _id, tenantId: customerTenantId, ...rest };
};

const role = sideRole;
const assignment = sideAssignment;

/** Customer's active relationship with a role and an assignment; another customer pending. */
async function seed(store: Store): Promise<void> {
  await store
    .collection<RelationshipDoc>(PartnerCollections.relationships)
    .insertMany([
      relationship('rel-1', CUSTOMER, 'active'),
      relationship('inv-2', OTHER_CUSTOMER, 'pending'),
    ]);
  const roles = new StoreRoleRepository(store);
  assert.ok(await roles.insert(role('p1', CUSTOMER, PARTNER)));
  assert.ok(await roles.insert(role('left', OTHER_CUSTOMER, PARTNER)));
  assert.ok(await roles.insert(role('own', CUSTOMER, null)));
  const assignments = new StoreAssignmentRepository(store);
  assert.ok(await assignments.insert(assignment('a1', CUSTOMER, PARTNER, 'p1')));
  assert.ok(await assignments.insert(assignment('a2', OTHER_CUSTOMER, PARTNER, 'left')));
  await store.collection<Loose>(ResourceCollections.rooms).insertOne({
    _id: 'room-1',
    tenantId: CUSTOMER,
    enrollment: { status: 'Enrolled', keyVersion: 1 },
    updatedAt: NOW,
  });
  await store
    .collection<Loose>(ResourceExtraCollections.enrollmentKeys)
    .insertOne({ _id: 'room-1', tenantId: CUSTOMER, key: 'k1', version: 1, issuedAt: NOW });
}

/** Where things stand, in every collection these writes touch. */
async function state(store: Store) {
  const ids = async (name: string) =>
    (await store.collection(name).find({}).toArray()).map((d) => String(d._id)).sort();
  const rels = await store
    .collection<RelationshipDoc>(PartnerCollections.relationships)
    .find({}, { sort: { _id: 1 } })
    .toArray();
  const key = await store.collection<Loose>(ResourceExtraCollections.enrollmentKeys).findOne({});
  const room = await store.collection<Loose>(ResourceCollections.rooms).findOne({});
  return {
    relationships: rels.map((r) => `${r._id} ${r.state}`),
    roles: await ids(RoleCollections.roles),
    claims: await ids(RoleCollections.roleNameClaims),
    assignments: await ids(AssignmentCollections.assignments),
    receipts: await ids(PartnerCollections.declineReceipts),
    audit: await ids(Collections.audit),
    key: `${key?.key} ${key?.version} ${(room?.enrollment as { keyVersion: number }).keyVersion}`,
  };
}

const claim = (customer: string, partner: string | null, roleId: string) =>
  `${customer}:${partner ?? 'customer'}:role ${roleId}`;

const SEEDED = {
  relationships: ['inv-2 pending', 'rel-1 active'],
  roles: ['left', 'own', 'p1'],
  claims: [
    claim(CUSTOMER, null, 'own'),
    claim(CUSTOMER, PARTNER, 'p1'),
    claim(OTHER_CUSTOMER, PARTNER, 'left'),
  ].sort(),
  assignments: ['a1', 'a2'],
  receipts: [] as string[],
  audit: [] as string[],
  key: 'k1 1 1',
};

const receipt = (invitationId: string, customerTenantId: string, withdrawn?: true) => ({
  id: `receipt-${invitationId}`,
  partnerTenantId: PARTNER,
  invitationId,
  customerTenantId,
  at: NOW,
  ...(withdrawn ? { withdrawn } : {}),
});

/**
 * The audit id is taken: the batch's last write fails, and with it the whole batch where batches
 * are atomic (the state read by `state` is as before, but for the taken record).
 */
async function failsLastIn<S extends { audit: string[] }>(
  store: Store,
  state: (store: Store) => Promise<S>,
  write: () => Promise<unknown>
): Promise<void> {
  const before = await state(store);
  await store.collection(Collections.audit).insertOne({ _id: 'taken', tenantId: CUSTOMER });
  await assert.rejects(write(), isDuplicateKeyError);
  if (await writeBatchIsAtomic(store)) {
    assert.deepEqual(await state(store), { ...before, audit: [...before.audit, 'taken'].sort() });
  }
}

describe('data: a change, what goes with it and its audit records in one write', () => {
  let sut: StoreUnderTest;
  let rels: StoreRelationshipRepository;
  let roles: StoreRoleRepository;
  let assignments: StoreAssignmentRepository;
  let keys: StoreEnrollmentKeyRepository;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    await seed(sut.store);
    rels = new StoreRelationshipRepository(sut.store);
    roles = new StoreRoleRepository(sut.store);
    assignments = new StoreAssignmentRepository(sut.store);
    keys = new StoreEnrollmentKeyRepository(sut.store);
  });
  afterEach(() => sut.dispose());

  const failsLast = (write: () => Promise<unknown>) => failsLastIn(sut.store, state, write);

  it('When a pair is off-boarded, then the relationship, its partner roles, their claims and assignments go with the audit record; no other pair’s', async () => {
    assert.equal(await rels.endActive(CUSTOMER, PARTNER, [record('r1')]), true);
    assert.deepEqual(await state(sut.store), {
      ...SEEDED,
      relationships: ['inv-2 pending'],
      roles: ['left', 'own'],
      claims: [claim(CUSTOMER, null, 'own'), claim(OTHER_CUSTOMER, PARTNER, 'left')].sort(),
      assignments: ['a2'],
      audit: ['r1'],
    });
    assert.equal(await rels.endActive(CUSTOMER, PARTNER, [record('r2')]), false);
    assert.equal(await rels.endActive(OTHER_CUSTOMER, PARTNER, [record('r3')]), false);
    assert.deepEqual((await state(sut.store)).audit, ['r1']);
  });

  it('When the last write of an off-boarding fails, then nothing of it is stored', () =>
    failsLast(() => rels.endActive(CUSTOMER, PARTNER, [record('taken')])));

  it('When an invitation is accepted, then the leftovers of the pair go with it and the audit record; an expired one writes nothing', async () => {
    const accepted = await rels.accept('inv-2', PARTNER, [{ type: 'user', id: 'u1' }], NOW, [
      record('r1'),
    ]);
    assert.equal(accepted?.state, 'active');
    assert.deepEqual(await state(sut.store), {
      ...SEEDED,
      relationships: ['inv-2 active', 'rel-1 active'],
      roles: ['own', 'p1'],
      claims: [claim(CUSTOMER, null, 'own'), claim(CUSTOMER, PARTNER, 'p1')].sort(),
      assignments: ['a1'],
      audit: ['r1'],
    });
    await sut.store
      .collection<RelationshipDoc>(PartnerCollections.relationships)
      .insertOne(relationship('inv-3', '00000000-0000-4000-8000-000000000003', 'pending', NOW));
    assert.equal(await rels.accept('inv-3', PARTNER, [], NOW, [record('r2')]), null);
    assert.deepEqual((await state(sut.store)).audit, ['r1']);
  });

  it('When the last write of an acceptance fails, then the invitation is still pending and the leftovers are there', () =>
    failsLast(() => rels.accept('inv-2', PARTNER, [], NOW, [record('taken')])));

  it('When an invitation is declined or withdrawn, then its receipt and audit record go with the delete; no longer pending, nothing is written', async () => {
    assert.equal(await rels.decline('inv-2', PARTNER, receipt('inv-2', OTHER_CUSTOMER), []), true);
    assert.deepEqual((await state(sut.store)).receipts, ['receipt-inv-2']);
    assert.equal(await rels.hasDeclineReceipt(PARTNER, 'inv-2'), true);
    await sut.store
      .collection<RelationshipDoc>(PartnerCollections.relationships)
      .insertOne(relationship('inv-4', OTHER_CUSTOMER, 'pending'));
    const withdrawn = receipt('inv-4', OTHER_CUSTOMER, true);
    assert.equal(await rels.withdraw('inv-4', OTHER_CUSTOMER, withdrawn, [record('r1')]), true);
    assert.equal(await rels.removedInvitationCustomer(PARTNER, 'inv-4'), OTHER_CUSTOMER);
    assert.equal(await rels.hasDeclineReceipt(PARTNER, 'inv-4'), false);
    const after = await state(sut.store);
    assert.deepEqual(after.receipts, ['receipt-inv-2', 'receipt-inv-4']);
    assert.deepEqual(after.audit, ['r1']);
    // Active, or already gone: no receipt, no record.
    assert.equal(await rels.decline('rel-1', PARTNER, receipt('rel-1', CUSTOMER), []), false);
    const again = receipt('inv-4', OTHER_CUSTOMER, true);
    assert.equal(
      await rels.withdraw('inv-4', OTHER_CUSTOMER, { ...again, id: 'r-again' }, [record('r2')]),
      false
    );
    assert.deepEqual(await state(sut.store), after);
  });

  it('When the last write of a decline or a withdrawal fails, then the invitation is still pending and no receipt is kept', async () => {
    await failsLast(() =>
      rels.decline('inv-2', PARTNER, receipt('inv-2', OTHER_CUSTOMER), [record('taken')])
    );
    await sut.store.collection(Collections.audit).deleteMany({});
    await failsLast(() =>
      rels.withdraw('inv-2', OTHER_CUSTOMER, receipt('inv-2', OTHER_CUSTOMER, true), [
        record('taken'),
      ])
    );
  });

  it('When a role is created or renamed, then its name claims change with it and the audit record; a taken name writes nothing', async () => {
    assert.equal(await roles.insert(role('new', CUSTOMER, null), [record('r1')]), true);
    const renamed = await roles.update(
      OWN,
      'new',
      { name: 'Role renamed', updatedAt: NOW, updatedBy: 'x' },
      [record('r2')]
    );
    assert.equal(renamed !== null && renamed !== 'name_taken' && renamed.name, 'Role renamed');
    const after = await state(sut.store);
    assert.deepEqual(after.claims, [...SEEDED.claims, claim(CUSTOMER, null, 'renamed')].sort());
    assert.deepEqual(after.audit, ['r1', 'r2']);
    const taken = { ...role('dup', CUSTOMER, null), name: 'ROLE own' };
    assert.equal(await roles.insert(taken, [record('r3')]), false);
    const onto = { name: 'Role own', updatedAt: NOW, updatedBy: 'x' };
    assert.equal(await roles.update(OWN, 'new', onto, [record('r4')]), 'name_taken');
    assert.equal(await roles.update(SIDE, 'gone', onto, [record('r4')]), null);
    assert.deepEqual(await state(sut.store), after);
  });

  it('When the last write of a role create or rename fails, then neither the role nor a claim changes', async () => {
    await failsLast(() => roles.insert(role('new', CUSTOMER, null), [record('taken')]));
    await sut.store.collection(Collections.audit).deleteMany({});
    await failsLast(() =>
      roles.update(OWN, 'own', { name: 'Other', updatedAt: NOW, updatedBy: 'x' }, [record('taken')])
    );
  });

  it('When a claim is left by a role that is gone, then a create takes it over in its write', async () => {
    await sut.store.collection(RoleCollections.roles).deleteOne({ _id: 'own' });
    assert.equal(
      await roles.insert({ ...role('new', CUSTOMER, null), name: 'Role own' }, [record('r1')]),
      true
    );
    const claims = await sut.store
      .collection<{ _id: string; tenantId: string; roleId: string }>(RoleCollections.roleNameClaims)
      .findOne({ _id: claim(CUSTOMER, null, 'own') });
    assert.equal(claims?.roleId, 'new');
  });

  it('When an assignment is created or changed, then the audit record goes with it; naming a custom role its side does not have, or gone itself, nothing is written', async () => {
    assert.equal(
      await assignments.insert(assignment('a3', CUSTOMER, null, 'own'), [record('r1')]),
      true
    );
    const stamp = { updatedAt: NOW, updatedBy: 'x' };
    const changed = await assignments.update(
      OWN,
      'a3',
      { roleId: 'builtin:site-tech', notify: true, ...stamp },
      [record('r2')]
    );
    assert.deepEqual([changed?.roleId, changed?.notify], ['builtin:site-tech', true]);
    const back = await assignments.update(OWN, 'a3', { roleId: 'own', ...stamp }, [record('r3')]);
    assert.equal(back?.roleId, 'own');
    const after = await state(sut.store);
    assert.deepEqual(after.assignments, ['a1', 'a2', 'a3']);
    assert.deepEqual(after.audit, ['r1', 'r2', 'r3']);
    // 'p1' is the partner's (another side), 'gone' nobody's; 'nope' is no assignment.
    for (const roleId of ['p1', 'gone']) {
      const named = assignment('a4', CUSTOMER, null, roleId);
      assert.equal(await assignments.insert(named, [record('r4')]), false);
      assert.equal(await assignments.update(OWN, 'a3', { roleId, ...stamp }, [record('r4')]), null);
    }
    assert.equal(await assignments.update(OWN, 'nope', stamp, [record('r4')]), null);
    assert.equal(await assignments.update(SIDE, 'a3', stamp, [record('r4')]), null);
    assert.deepEqual(await state(sut.store), after);
    assert.equal((await assignments.get(OWN, 'a3'))?.roleId, 'own');
  });

  it('When the last write of an assignment create or change fails, then nothing of it is stored', async () => {
    await failsLast(() =>
      assignments.insert(assignment('a3', CUSTOMER, PARTNER, 'p1'), [record('taken')])
    );
    await sut.store.collection(Collections.audit).deleteMany({});
    await failsLast(() =>
      assignments.update(SIDE, 'a1', { notify: true, updatedAt: NOW, updatedBy: 'x' }, [
        record('taken'),
      ])
    );
  });

  it('When an enrollment key is reset, then the key, the room’s key version and the audit record change together; a missing room writes nothing', async () => {
    const key = await keys.reset(CUSTOMER, 'room-1', 'k2', NOW, [record('r1')]);
    assert.equal(key?.version, 2);
    assert.deepEqual(await state(sut.store), { ...SEEDED, key: 'k2 2 2', audit: ['r1'] });
    assert.equal(await keys.reset(CUSTOMER, 'room-x', 'k3', NOW, [record('r2')]), null);
    assert.equal(await keys.reset(OTHER_CUSTOMER, 'room-1', 'k3', NOW, [record('r2')]), null);
    assert.deepEqual(await state(sut.store), { ...SEEDED, key: 'k2 2 2', audit: ['r1'] });
    assert.equal(await keys.get(CUSTOMER, 'room-x'), null);
  });

  it('When the last write of a key reset fails, then the old key and version stay', () =>
    failsLast(() => keys.reset(CUSTOMER, 'room-1', 'k2', NOW, [record('taken')])));

  describe('change control', () => {
    let repo: StoreChangeControlRepository;
    beforeEach(() => {
      repo = new StoreChangeControlRepository(sut.store);
    });

    const actor = { userId: 'u1', tenantId: PARTNER, name: 'Lee' };
    const request = (id: string): ChangeRequest => ({
      id,
      customerTenantId: CUSTOMER,
      partnerTenantId: PARTNER,
      relationshipId: 'rel-1',
      action: 'rooms.modify',
      change: { kind: 'room.modify', roomId: 'room-1', changes: { displayName: 'B' } },
      objectType: 'Room',
      objectId: 'room-1',
      objectName: 'A',
      before: { displayName: 'A' },
      diff: [{ field: 'displayName', from: 'A', to: 'B' }],
      requestedBy: actor,
      justification: '',
      requestedAt: NOW,
      expiresAt: LATER,
      status: 'pending',
      version: 1,
    });
    const controls = (version: number): StoredControls => ({
      ...defaultControls('auto'),
      relationshipId: 'rel-1',
      customerTenantId: CUSTOMER,
      partnerTenantId: PARTNER,
      version,
    });

    /** Where things stand: the requests (status and version), the controls' version, the records. */
    async function ccState(store: Store) {
      const docs = async (name: string) =>
        store
          .collection<Loose>(name)
          .find({}, { sort: { _id: 1 } })
          .toArray();
      return {
        requests: (await docs(ChangeControlCollections.requests)).map(
          (r) => `${r._id} ${r.status} v${r.version}`
        ),
        controls: (await docs(ChangeControlCollections.controls)).map((c) => `v${c.version}`),
        audit: (await docs(Collections.audit)).map((a) => String(a._id)),
      };
    }

    const failsLast = (write: () => Promise<unknown>) => failsLastIn(sut.store, ccState, write);

    it('When a request is asked and decided, then each step stores its audit records with it; an unmet condition writes neither', async () => {
      await repo.requests.insert(request('cr-1'), [record('r1'), record('r2')]);
      const applying = await repo.requests.transition(
        CUSTOMER,
        'cr-1',
        'pending',
        { status: 'applying' },
        { unexpiredAt: NOW },
        [record('r3')]
      );
      assert.equal(applying?.status, 'applying');
      assert.deepEqual(await ccState(sut.store), {
        requests: ['cr-1 applying v2'],
        controls: [],
        audit: ['r1', 'r2', 'r3'],
      });
      const after = await ccState(sut.store);
      // No longer pending; past its deadline; another version; another customer's partition.
      const misses = [
        () => repo.requests.transition(CUSTOMER, 'cr-1', 'pending', {}, {}, [record('r4')]),
        () =>
          repo.requests.transition(CUSTOMER, 'cr-1', 'applying', {}, { unexpiredAt: LATER }, [
            record('r4'),
          ]),
        () =>
          repo.requests.transition(CUSTOMER, 'cr-1', 'applying', {}, { version: 1 }, [
            record('r4'),
          ]),
        () => repo.requests.transition(OTHER_CUSTOMER, 'cr-1', 'applying', {}, {}, [record('r4')]),
      ];
      for (const miss of misses) assert.equal(await miss(), null);
      assert.deepEqual(await ccState(sut.store), after);
    });

    it('When the last write of a request asked or decided fails, then neither the request nor its step is stored', async () => {
      await failsLast(() => repo.requests.insert(request('cr-1'), [record('taken')]));
      await sut.store.collection(Collections.audit).deleteMany({});
      await repo.requests.insert(request('cr-2'));
      await failsLast(() =>
        repo.requests.transition(CUSTOMER, 'cr-2', 'pending', { status: 'rejected' }, {}, [
          record('taken'),
        ])
      );
    });

    it('When the controls are saved, first and then again, then each save stores its audit record; a lost race writes neither', async () => {
      assert.equal(await repo.saveControls(controls(1), 0, [record('r1')]), true);
      assert.equal(await repo.saveControls(controls(2), 1, [record('r2')]), true);
      const after = await ccState(sut.store);
      assert.deepEqual(after, { requests: [], controls: ['v2'], audit: ['r1', 'r2'] });
      assert.equal(await repo.saveControls(controls(1), 0, [record('r3')]), false);
      assert.equal(await repo.saveControls(controls(3), 1, [record('r3')]), false);
      assert.deepEqual(await ccState(sut.store), after);
    });

    it('When the last write of a controls save fails, then the controls stay as they were', async () => {
      await failsLast(() => repo.saveControls(controls(1), 0, [record('taken')]));
      await sut.store.collection(Collections.audit).deleteMany({});
      await repo.saveControls(controls(1), 0);
      await failsLast(() => repo.saveControls(controls(2), 1, [record('taken')]));
    });
  });
});

describe('data: off-boarding on the embedded store, torn anywhere in its journal record', () => {
  const temp = freshDirEachTest();

  it('When the process dies mid-write, then reopened, the pair is as before; whole, all of it is gone and audited', () =>
    afterTornBatch(temp.dir, {
      seed,
      act: async (s) =>
        assert.ok(
          await new StoreRelationshipRepository(s).endActive(CUSTOMER, PARTNER, [record('r1')])
        ),
      state,
      whole: (ended) => {
        assert.deepEqual(ended.relationships, ['inv-2 pending']);
        assert.deepEqual(ended.audit, ['r1']);
      },
      torn: (reopened, cut) => assert.deepEqual(reopened, SEEDED, `cut at ${cut}`),
    }));
});

/** A ticket of room-1's network signal: live, Warning, counted once, copying the room's groups. */
const signalTicket = (): Ticket => ({
  id: 't1',
  tenantId: CUSTOMER,
  roomId: 'room-1',
  roomName: 'Room 1',
  roomGroupIds: ['g1'],
  severity: 'Warning',
  type: 'network',
  status: 'Open',
  source: 'signal',
  title: 'Network quality degraded — Room 1',
  description: '',
  highImpact: false,
  signal: { type: 'network', count: 1, firstSeenAt: NOW, lastSeenAt: NOW },
  notes: [],
  history: [],
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
});

/** A new pending invitation of the customer to the partner, as the use case hands it over. */
const pendingInvitation = (id: string, customerTenantId: string): Relationship => {
  const { _id, tenantId, ...rest } = relationship(id, customerTenantId, 'pending');
  return { ...rest, id: _id, customerTenantId: tenantId, changeControl: 'auto' };
};

const room = (id: string, groupIds: string[]): Room => ({
  id,
  tenantId: CUSTOMER,
  displayName: `Room ${id}`,
  site: 'Site',
  country: 'US',
  health: 'Healthy',
  groupIds,
  ringId: 'ring-general',
  enrollment: { status: 'Enrolled', keyVersion: 1 },
  createdAt: NOW,
  updatedAt: NOW,
});

const firstKey = (roomId: string): EnrollmentKey => ({
  roomId,
  tenantId: CUSTOMER,
  key: `key-${roomId}`,
  version: 1,
  issuedAt: NOW,
});

/** The resources, a pending invitation and a signal's ticket, with their unique indexes. */
async function seedResources(store: Store): Promise<void> {
  await ensureIndexes(store);
  await seed(store);
  // The pending invitation has expired (a new one of the pair replaces it).
  await store
    .collection<RelationshipDoc>(PartnerCollections.relationships)
    .updateOne({ _id: 'inv-2' }, { $set: { expiresAt: new Date(NOW.getTime() - 1000) } });
  await store.collection<Loose>(ResourceCollections.rooms).updateOne(
    { _id: 'room-1' },
    {
      $set: {
        displayName: 'Room 1',
        health: 'Healthy',
        groupIds: ['g1'],
        ringId: 'ring-general',
      },
    }
  );
  const groups = new StoreRoomGroupRepository(store);
  for (const id of ['g1', 'g2'])
    await groups.insert({
      id,
      tenantId: CUSTOMER,
      displayName: `Group ${id}`,
      description: '',
      createdAt: NOW,
    });
  const rings = new StoreUpdateRingRepository(store);
  for (const [id, order] of [
    ['ring-general', 1],
    ['ring-custom', 2],
  ] as const)
    await rings.insert({
      id,
      tenantId: CUSTOMER,
      displayName: id,
      order,
      builtIn: id === 'ring-general',
      deferralDays: 0,
      description: '',
    });
  const tickets = new StoreTicketRepository(store, new StoreRoomRepository(store));
  assert.ok(await tickets.insert(signalTicket(), 'room-1:network'));
}

/** Where things stand in every collection the resource and signal writes touch. */
async function resourceState(store: Store) {
  const all = (name: string) =>
    store
      .collection<Loose>(name)
      .find({}, { sort: { _id: 1 } })
      .toArray();
  const show = (docs: Loose[], fields: string[]) =>
    docs.map((d) => [d._id, ...fields.map((f) => JSON.stringify(d[f]))].join(' '));
  return {
    relationships: show(await all(PartnerCollections.relationships), ['state', 'expiresAt']),
    rooms: show(await all(ResourceCollections.rooms), [
      'displayName',
      'groupIds',
      'ringId',
      'enrollment',
      'ticketSyncPending',
    ]),
    keys: show(await all(ResourceExtraCollections.enrollmentKeys), ['key', 'version']),
    groups: show(await all(ResourceCollections.roomGroups), ['displayName']),
    rings: show(await all(ResourceCollections.updateRings), ['order', 'deferralDays']),
    settings: show(await all(ResourceExtraCollections.settings), ['version', 'timeZone']),
    tickets: show(await all(TicketCollections.tickets), [
      'roomGroupIds',
      'severity',
      'status',
      'version',
      'signal',
    ]),
    audit: (await all(Collections.audit)).map((d) => String(d._id)),
  };
}

interface Repos {
  rels: StoreRelationshipRepository;
  rooms: StoreRoomRepository;
  groups: StoreRoomGroupRepository;
  rings: StoreUpdateRingRepository;
  settings: StoreSettingsRepository;
  tickets: StoreTicketRepository;
}

type Write = (r: Repos, audit: AuditRecord[]) => Promise<unknown>;

/** A key taken: thrown by the store, or as the repository's own conflict (a name, an order). */
const taken = (e: unknown): null => {
  if (!isDuplicateKeyError(e) && !(e instanceof DomainError && e.kind === 'conflict')) throw e;
  return null;
};

/**
 * Each write: what it does with its audit record (`done` checks the answer), and, where it has
 * a precondition, the same write unmet.
 */
const WRITES: { name: string; write: Write; done?: (answer: unknown) => void; unmet?: Write }[] = [
  {
    name: 'an invitation is sent (the expired one of the pair replaced)',
    write: (r, audit) => r.rels.insertPending(pendingInvitation('inv-5', OTHER_CUSTOMER), audit),
    done: (answer) => assert.equal(answer, true),
    unmet: (r, audit) => r.rels.insertPending(pendingInvitation('inv-6', CUSTOMER), audit),
  },
  {
    name: 'a room is onboarded with its first key',
    write: (r, audit) => r.rooms.insert(room('room-2', ['g2']), firstKey('room-2'), audit),
    unmet: (r, audit) => r.rooms.insert(room('room-1', []), firstKey('room-1'), audit).catch(taken),
  },
  {
    name: "a room's groups change (its tickets follow)",
    write: (r, audit) =>
      r.rooms.update(CUSTOMER, 'room-1', ['g1'], { groupIds: ['g2'] }, NOW, audit),
    done: (answer) => assert.deepEqual((answer as Room).groupIds, ['g2']),
    unmet: (r, audit) =>
      r.rooms.update(CUSTOMER, 'room-1', ['g9'], { groupIds: ['g2'] }, NOW, audit),
  },
  {
    name: 'a room is unenrolled',
    write: (r, audit) => r.rooms.unenroll(CUSTOMER, 'room-1', NOW, audit),
    unmet: (r, audit) => r.rooms.unenroll(OTHER_CUSTOMER, 'room-1', NOW, audit),
  },
  {
    name: 'rooms are moved to a ring',
    write: (r, audit) => r.rooms.moveToRing(CUSTOMER, ['room-1'], {}, 'ring-custom', NOW, audit),
    done: (answer) => assert.deepEqual(answer, { matched: 1, moved: 1 }),
  },
  {
    name: 'a room group is created',
    write: (r, audit) =>
      r.groups.insert(
        { id: 'g3', tenantId: CUSTOMER, displayName: 'Group g3', description: '', createdAt: NOW },
        audit
      ),
    done: (answer) => assert.equal(answer, true),
    unmet: (r, audit) =>
      r.groups.insert(
        { id: 'g4', tenantId: CUSTOMER, displayName: 'Group g1', description: '', createdAt: NOW },
        audit
      ),
  },
  {
    name: 'a room group is renamed',
    write: (r, audit) => r.groups.update(CUSTOMER, 'g1', { displayName: 'Renamed' }, audit),
    unmet: (r, audit) =>
      r.groups.update(CUSTOMER, 'g1', { displayName: 'Group g2' }, audit).catch(taken),
  },
  {
    name: 'an update ring is created',
    write: (r, audit) =>
      r.rings.insert(
        {
          id: 'ring-new',
          tenantId: CUSTOMER,
          displayName: 'New',
          order: 3,
          builtIn: false,
          deferralDays: 1,
          description: '',
        },
        audit
      ),
  },
  {
    name: 'an update ring is changed',
    write: (r, audit) => r.rings.update(CUSTOMER, 'ring-custom', { deferralDays: 9 }, audit),
    unmet: (r, audit) => r.rings.update(CUSTOMER, 'ring-custom', { order: 1 }, audit).catch(taken),
  },
  {
    name: 'the settings are saved, first and then again at their version',
    write: async (r, audit) => {
      const first = { ...defaultSettings(), timeZone: 'UTC' };
      const saved = await r.settings.save(CUSTOMER, first, 0, 'x', NOW, audit);
      const next = { ...first, timeZone: 'Europe/Paris' };
      return saved && r.settings.save(CUSTOMER, next, 1, 'x', NOW, []);
    },
    done: (answer) => assert.equal(answer, true),
    unmet: (r, audit) => r.settings.save(CUSTOMER, defaultSettings(), 1, 'x', NOW, audit),
  },
  {
    name: "a signal is counted on its ticket (at the ticket's version, which it keeps)",
    write: async (r, audit) =>
      r.tickets.countSignal(signalTicket(), { observedAt: LATER, detail: 'again' }, { audit }),
    done: (answer) => {
      const t = answer as Ticket;
      assert.deepEqual([t.version, t.signal?.count, t.signal?.lastSeenAt], [1, 2, LATER]);
    },
    unmet: (r, audit) =>
      r.tickets.countSignal({ ...signalTicket(), version: 7 }, { observedAt: LATER }, { audit }),
  },
  {
    name: 'a signal escalates its ticket, counted with the change',
    write: (r, audit) =>
      r.tickets.updateIf(
        CUSTOMER,
        't1',
        { version: 1 },
        { set: { severity: 'Important' }, history: [], counted: { observedAt: LATER }, at: LATER },
        { audit, from: signalTicket() }
      ),
    done: (answer) => {
      const t = answer as Ticket;
      assert.deepEqual([t.version, t.severity, t.signal?.count], [2, 'Important', 2]);
    },
    unmet: (r, audit) =>
      r.tickets.updateIf(
        CUSTOMER,
        't1',
        { version: 1 },
        { set: { severity: 'Warning' }, history: [], counted: { observedAt: LATER }, at: LATER },
        { audit, from: signalTicket() }
      ),
  },
];

describe('data: resource changes and signals, with their audit records in one write', () => {
  let sut: StoreUnderTest;
  let repos: Repos;
  let atomic: boolean;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    atomic = await writeBatchIsAtomic(sut.store);
    await seedResources(sut.store);
    const rooms = new StoreRoomRepository(sut.store);
    repos = {
      rels: new StoreRelationshipRepository(sut.store),
      rooms,
      groups: new StoreRoomGroupRepository(sut.store),
      rings: new StoreUpdateRingRepository(sut.store),
      settings: new StoreSettingsRepository(sut.store),
      tickets: new StoreTicketRepository(sut.store, rooms),
    };
  });
  afterEach(() => sut.dispose());

  for (const w of WRITES) {
    it(`When ${w.name}, then the change and its audit record are stored together${w.unmet ? '; unmet, nothing is' : ''}`, async () => {
      const before = await resourceState(sut.store);
      const answer = await w.write(repos, [record('r1')]);
      w.done?.(answer);
      const after = await resourceState(sut.store);
      assert.deepEqual(after.audit, ['r1']);
      assert.notDeepEqual({ ...after, audit: [] }, before, 'the change is stored');
      if (w.unmet) {
        await w.unmet(repos, [record('r2')]);
        assert.deepEqual(await resourceState(sut.store), after);
      }
    });

    it(`When the last write of ${w.name.replace(/^an? |^the |^rooms /, '')} fails, then nothing of it is stored`, async () => {
      await sut.store.collection(Collections.audit).insertOne({ _id: 'taken', tenantId: CUSTOMER });
      const before = await resourceState(sut.store);
      // Thrown (or, for a write answering a taken key itself, answered as not written).
      await w.write(repos, [record('taken')]).catch(taken);
      if (atomic) assert.deepEqual(await resourceState(sut.store), before);
    });
  }
});

describe('data: a room moved to other groups on the embedded store, torn anywhere in its journal record', () => {
  const temp = freshDirEachTest();

  it('When the process dies mid-write, then reopened, the room, its tickets and the log are as before; whole, all of them changed', async () => {
    let seeded: Awaited<ReturnType<typeof resourceState>> | undefined;
    await afterTornBatch(temp.dir, {
      seed: async (s) => {
        await seedResources(s);
        seeded = await resourceState(s);
      },
      act: async (s) => {
        const moved = await new StoreRoomRepository(s).update(
          CUSTOMER,
          'room-1',
          ['g1'],
          { groupIds: ['g2'] },
          NOW,
          // Recent: the audit log's retention index would drop an old record at the reopen.
          [{ ...record('r1'), at: new Date() }]
        );
        assert.deepEqual(moved?.groupIds, ['g2']);
      },
      state: resourceState,
      whole: (moved) => {
        assert.deepEqual(moved.audit, ['r1']);
        assert.match(moved.rooms[0]!, /^room-1 "Room 1" \["g2"\]/);
        assert.match(moved.tickets[0]!, /^t1 \["g2"\]/);
      },
      torn: (reopened, cut) => assert.deepEqual(reopened, seeded, `cut at ${cut}`),
    });
  });
});
