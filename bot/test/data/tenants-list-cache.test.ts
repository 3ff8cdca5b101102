/**
 * The partner's Tenants list, remembered until the relationships collection is written: against
 * the store under test (MongoDB when MONGODB_URI is set), every answer of the cached repository
 * equals a fresh read's after each kind of relationship change, each Primary admin, group set,
 * partner and page keeps its own answer, and an unchanged list is read from the store once.
 */
import assert from 'node:assert/strict';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import type { MemberIdentity, PageRequest } from '../../src/core/partners/partners.ports.ts';
import { StoreRelationshipRepository } from '../../src/data/partners.repositories.ts';
import { NOW, customer, pendingRelationship } from './side-fixtures.ts';
import { PartnerCollections } from '../../src/data/partners.collections.ts';
import { trackChanges } from '../../src/data/change-tracking.ts';
import type { Store } from '../../src/store/types.ts';

const PARTNER = '00000000-0000-4000-8000-00000000000a';
const OTHER_PARTNER = '00000000-0000-4000-8000-00000000000b';
const USER = '00000000-0000-4000-8000-000000000b01';
const OTHER_USER = '00000000-0000-4000-8000-000000000b02';
const GROUP = '00000000-0000-4000-8000-000000000c01';

/** `store`, counting the reads (`find`) of the relationships collection. */
function countingReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'collection') {
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      }
      return (name: string) => {
        const coll = target.collection(name);
        if (name !== PartnerCollections.relationships) return coll;
        return new Proxy(coll, {
          get(c, method) {
            const fn = Reflect.get(c, method, c) as unknown;
            if (typeof fn !== 'function') return fn;
            if (method !== 'find') return (fn as () => unknown).bind(c);
            return (...args: unknown[]) => {
              reads++;
              return (fn as (...a: unknown[]) => unknown).apply(c, args);
            };
          },
        });
      };
    },
  });
  return { store: counted, reads: () => reads };
}

describe('data/partners.repositories: the Tenants list cache', () => {
  let sut: StoreUnderTest;
  /** Over the tracked store: caches. */
  let cached: StoreRelationshipRepository;
  /** Over the same store untracked: reads every time (the reference). */
  let fresh: StoreRelationshipRepository;
  let reads: () => number;
  let tracked: Store;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
    tracked = trackChanges(sut.store);
    const counting = countingReads(tracked);
    reads = counting.reads;
    cached = new StoreRelationshipRepository(counting.store);
    fresh = new StoreRelationshipRepository(sut.store);
  });
  afterEach(async () => {
    await sut.dispose();
  });

  const who = (userId: string, groupIds: string[] = []): MemberIdentity => ({ userId, groupIds });
  /** Every list the test looks at: partners, Primary admins (or everyone), pages. */
  const views: [string, MemberIdentity | null, PageRequest][] = [
    [PARTNER, who(USER), { limit: 50 }],
    [PARTNER, who(USER, [GROUP]), { limit: 50 }],
    [PARTNER, who(OTHER_USER), { limit: 50 }],
    [PARTNER, null, { limit: 50 }],
    [PARTNER, null, { limit: 1 }],
    [OTHER_PARTNER, null, { limit: 50 }],
  ];
  /** Each view from the cache equals a fresh read; page two follows page one's cursor. */
  const assertSameAsFresh = async (when: string) => {
    for (const [partner, member, page] of views) {
      const a = await cached.listActiveForPartner(partner, member, page);
      const b = await fresh.listActiveForPartner(partner, member, page);
      assert.deepEqual(a, b, `${when}: ${partner} ${JSON.stringify(member)} ${page.limit}`);
      if (b.nextCursor) {
        const next = { limit: page.limit, cursor: b.nextCursor };
        assert.deepEqual(
          await cached.listActiveForPartner(partner, member, next),
          await fresh.listActiveForPartner(partner, member, next),
          `${when}: page two`
        );
      }
    }
  };

  it('When relationships change in every way, then the next list from the cache equals a fresh read', async () => {
    for (const n of [1, 2, 3])
      assert.ok(await cached.insertPending(pendingRelationship(n, PARTNER)));
    assert.ok(await cached.insertPending(pendingRelationship(4, OTHER_PARTNER)));
    await assertSameAsFresh('only pending');

    assert.ok(await cached.accept('rel-1', PARTNER, [{ type: 'user', id: USER }], NOW));
    await assertSameAsFresh('accepted');
    assert.ok(await cached.accept('rel-2', PARTNER, [{ type: 'user', id: OTHER_USER }], NOW));
    assert.ok(await cached.accept('rel-4', OTHER_PARTNER, [{ type: 'user', id: USER }], NOW));
    await assertSameAsFresh('accepted more');

    assert.ok(await cached.addPrimaryAdmin(customer(2), PARTNER, { type: 'group', id: GROUP }));
    await assertSameAsFresh('group made Primary admin');
    assert.ok(await cached.addPrimaryAdmin(customer(1), PARTNER, { type: 'user', id: OTHER_USER }));
    assert.ok(await cached.removePrimaryAdmin(customer(1), PARTNER, USER));
    await assertSameAsFresh('Primary admin removed');

    const narrowed = { allRooms: false, roomIds: ['r1'], roomGroupIds: [] };
    assert.ok(await cached.setScope(customer(2), PARTNER, narrowed));
    await assertSameAsFresh('scope narrowed');
    const listed = await cached.listActiveForPartner(PARTNER, null, { limit: 50 });
    assert.deepEqual(listed.items.find((r) => r.customerTenantId === customer(2))?.scope, narrowed);

    assert.ok(await cached.deletePrimaryAdminsRole(customer(2), PARTNER));
    await assertSameAsFresh('Primary admins role deleted');
    assert.ok(await cached.endActive(customer(1), PARTNER));
    await assertSameAsFresh('relationship ended');
    assert.deepEqual(
      (await cached.listActiveForPartner(PARTNER, null, { limit: 50 })).items.map(
        (r) => r.customerTenantId
      ),
      [customer(2)]
    );
  });

  it('When the same list is asked again and nothing was written, then the store is read once', async () => {
    assert.ok(await cached.insertPending(pendingRelationship(1, PARTNER)));
    assert.ok(await cached.accept('rel-1', PARTNER, [{ type: 'user', id: USER }], NOW));
    const first = await cached.listActiveForPartner(PARTNER, who(USER), { limit: 50 });
    const before = reads();
    const again = await cached.listActiveForPartner(PARTNER, who(USER), { limit: 50 });
    assert.equal(reads(), before);
    assert.equal(again, first);
    // Shared by every caller: frozen all the way down.
    assert.ok(Object.isFrozen(again) && Object.isFrozen(again.items));
    assert.ok(Object.isFrozen(again.items[0]) && Object.isFrozen(again.items[0]!.scope));
    assert.ok(Object.isFrozen(again.items[0]!.primaryAdmins[0]));

    // A group more is another Primary admin identity: its own read.
    await cached.listActiveForPartner(PARTNER, who(USER, [GROUP]), { limit: 50 });
    assert.equal(reads(), before + 1);
    // A write elsewhere leaves the list alone; one to relationships reads it again.
    await tracked
      .collection(PartnerCollections.declineReceipts)
      .insertOne({ _id: 'x', tenantId: PARTNER });
    await cached.listActiveForPartner(PARTNER, who(USER), { limit: 50 });
    assert.equal(reads(), before + 1);
    assert.ok(
      await cached.setScope(customer(1), PARTNER, { allRooms: true, roomIds: [], roomGroupIds: [] })
    );
    await cached.listActiveForPartner(PARTNER, who(USER), { limit: 50 });
    assert.equal(reads(), before + 2);
  });

  it('When a cursor is not valid, then the request is refused and nothing is kept for it', async () => {
    for (let i = 0; i < 2; i++) {
      await assert.rejects(
        cached.listActiveForPartner(PARTNER, null, { limit: 50, cursor: 'not-a-cursor' }),
        { code: 'REQUEST.BAD_CURSOR' }
      );
    }
  });
});
