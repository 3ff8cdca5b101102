/**
 * Deleting a custom update ring (StoreUpdateRingRepository.deleteCustomMovingRooms): the ring,
 * its rooms' move to General and the audit records are one write. Against the store under test
 * (MongoDB when MONGODB_URI is set): they change together, and an absent or built-in ring writes
 * nothing. On the embedded store: a later write that fails undoes the earlier ones, and a journal
 * torn anywhere in the batch (a crash mid-write) keeps all of it or none.
 */
import assert from 'node:assert/strict';
import {
  afterTornBatch,
  openStoreUnderTest,
  tempDir,
  type StoreUnderTest,
} from '../store/store-under-test.ts';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import { isDuplicateKeyError, type Store } from '../../src/store/types.ts';
import { StoreUpdateRingRepository } from '../../src/data/update-rings.repository.ts';
import {
  Collections,
  ResourceCollections,
  type RoomDoc,
  type UpdateRingDoc,
} from '../../src/data/collections.ts';
import type { AuditRecord } from '../../src/core/audit/audit.ts';

const T = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const GENERAL = 'ring-general';
const PILOT = 'ring-pilot';
const NOW = new Date('2026-06-01T00:00:00Z');

const ring = (id: string, tenantId: string, order: number, builtIn: boolean): UpdateRingDoc => ({
  _id: id,
  tenantId,
  displayName: id,
  order,
  builtIn,
  deferralDays: 0,
  description: '',
});

const room = (id: string, tenantId: string, ringId: string) =>
  ({
    _id: id,
    tenantId,
    displayName: id,
    site: 'HQ',
    country: 'US',
    health: 'Healthy',
    groupIds: [],
    ringId,
    enrollment: { status: 'Enrolled', keyVersion: 1 },
    createdAt: NOW,
    updatedAt: NOW,
  }) as RoomDoc;

const record = (id: string): AuditRecord => ({
  id,
  at: NOW,
  tenantId: T,
  category: 'UpdateRing',
  objectType: 'UpdateRing',
  objectId: PILOT,
  operation: 'Delete',
  result: 'Successful',
  actorId: 'actor',
  actorTenantId: T,
});

async function seed(store: Store): Promise<void> {
  await store
    .collection<UpdateRingDoc>(ResourceCollections.updateRings)
    .insertMany([ring(GENERAL, T, 4, true), ring(PILOT, T, 2, false)]);
  await store
    .collection<RoomDoc>(ResourceCollections.rooms)
    .insertMany([
      room('r1', T, PILOT),
      room('r2', T, PILOT),
      room('r3', T, GENERAL),
      room('x1', OTHER, PILOT),
    ]);
}

/** Where things stand: the tenant's ring ids, each room's ring, the audit ids. */
async function state(store: Store) {
  const rings = await store
    .collection<UpdateRingDoc>(ResourceCollections.updateRings)
    .find({ tenantId: T }, { sort: { _id: 1 } })
    .toArray();
  const rooms = await store
    .collection<RoomDoc>(ResourceCollections.rooms)
    .find({}, { sort: { _id: 1 } })
    .toArray();
  const audit = await store.collection(Collections.audit).find({}).toArray();
  return {
    rings: rings.map((r) => r._id),
    rooms: Object.fromEntries(rooms.map((r) => [r._id, r.ringId])),
    audit: audit.map((a) => a._id).sort(),
  };
}

const UNTOUCHED = {
  rings: [GENERAL, PILOT],
  rooms: { r1: PILOT, r2: PILOT, r3: GENERAL, x1: PILOT },
  audit: [],
};
const DELETED = {
  rings: [GENERAL],
  rooms: { r1: GENERAL, r2: GENERAL, r3: GENERAL, x1: PILOT },
  audit: ['a1'],
};

describe('data/update-rings.repository: deleting a custom ring moves its rooms in the same write', () => {
  let sut: StoreUnderTest;
  let repo: StoreUpdateRingRepository;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    repo = new StoreUpdateRingRepository(sut.store);
    await seed(sut.store);
  });
  afterEach(() => sut.dispose());

  it('When a custom ring is deleted, then it is gone, its rooms (only the tenant’s) are in General and the audit record is stored', async () => {
    const moved = await repo.deleteCustomMovingRooms(T, PILOT, GENERAL, NOW, [record('a1')]);
    assert.equal(moved, 2);
    assert.deepEqual(await state(sut.store), DELETED);
    const r1 = await sut.store
      .collection<RoomDoc>(ResourceCollections.rooms)
      .findOne({ _id: 'r1' });
    assert.deepEqual(r1?.updatedAt, NOW);
  });

  it('When the ring is absent, built in or of another tenant, then null and nothing is written', async () => {
    assert.equal(await repo.deleteCustomMovingRooms(T, 'nope', GENERAL, NOW, [record('a1')]), null);
    assert.equal(await repo.deleteCustomMovingRooms(T, GENERAL, PILOT, NOW, [record('a1')]), null);
    assert.equal(
      await repo.deleteCustomMovingRooms(OTHER, PILOT, GENERAL, NOW, [record('a1')]),
      null
    );
    assert.deepEqual(await state(sut.store), UNTOUCHED);
  });
});

describe('data/update-rings.repository: ring delete on the embedded store, all or nothing', () => {
  const quiet = { onWarning: () => undefined, compactOnClose: false };
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(() => remove());

  it('When a later write of the batch fails (its audit id is taken), then the ring and its rooms are left as they were', async () => {
    const store = await openEmbeddedStore(dir, quiet);
    try {
      await seed(store);
      await store.collection(Collections.audit).insertOne({ _id: 'a1', tenantId: T });
      const repo = new StoreUpdateRingRepository(store);
      await assert.rejects(
        repo.deleteCustomMovingRooms(T, PILOT, GENERAL, NOW, [record('a1')]),
        isDuplicateKeyError
      );
      assert.deepEqual(await state(store), { ...UNTOUCHED, audit: ['a1'] });
    } finally {
      await store.close();
    }
  });

  it('When the process dies mid-write (the journal torn anywhere in the batch), then reopened, the ring and its rooms are as before; whole, both changed', () =>
    afterTornBatch(dir, {
      seed,
      act: async (s) =>
        assert.equal(
          await new StoreUpdateRingRepository(s).deleteCustomMovingRooms(T, PILOT, GENERAL, NOW, [
            record('a1'),
          ]),
          2
        ),
      state,
      whole: (deleted) => assert.deepEqual(deleted, DELETED),
      torn: (reopened, cut) => assert.deepEqual(reopened, UNTOUCHED, `cut at ${cut}`),
    }));
});
