import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc, Store } from '../../src/store/types.ts';
import { changeTrackerOf, trackChanges } from '../../src/data/change-tracking.ts';
import { AuthzCollections, GrantsCache } from '../../src/data/authz.grants.ts';
import type { GrantsCaller } from '../../src/core/authz/engine.ts';

interface Doc extends BaseDoc {
  n?: number;
}

describe('data/change-tracking and the grants cache', () => {
  let dir: string;
  let raw: Store;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-track-'));
    raw = await openEmbeddedStore(dir);
    store = trackChanges(raw);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When any write method completes, then the stamp of its collection changes, and only of it', async () => {
    const tracker = changeTrackerOf(store)!;
    const a = store.collection<Doc>('a');
    const writes: (() => Promise<unknown>)[] = [
      () => a.insertOne({ _id: '1', tenantId: 't' }),
      () => a.insertMany([{ _id: '2', tenantId: 't' }]),
      () => a.updateOne({ _id: '1' }, { $set: { n: 1 } }),
      () => a.updateMany({}, { $inc: { n: 1 } }),
      () => a.findOneAndUpdate({ _id: '1' }, { $set: { n: 5 } }),
      () => a.findOneAndDelete({ _id: '2' }),
      () => a.deleteOne({ _id: '1' }),
      () => a.deleteMany({}),
      // A write that changes nothing, or fails, still counts (never too few).
      () => a.updateOne({ _id: 'none' }, { $set: { n: 1 } }),
      () => a.insertOne({ _id: 7 as unknown as string, tenantId: 't' }).catch(() => undefined),
    ];
    const seen = new Set([await tracker.stamp(['a'])]);
    const other = await tracker.stamp(['b']);
    for (const write of writes) {
      await write();
      const stamp = await tracker.stamp(['a']);
      assert.ok(!seen.has(stamp), 'a new stamp after each write');
      seen.add(stamp);
    }
    assert.equal(await tracker.stamp(['b']), other);
    await store.dropAll();
    assert.notEqual(await tracker.stamp(['b']), other, 'dropAll changes every stamp');
  });

  it('When the store is tracked twice, then it is the same store; an untracked store has no tracker', () => {
    assert.equal(trackChanges(store), store);
    assert.equal(changeTrackerOf(raw), undefined);
    assert.equal(store.kind, 'embedded');
  });

  it('When nothing the grants are read from changes, then the cached grants are returned; any write to them reloads', async () => {
    const caller: GrantsCaller = {
      tenantId: 'cust',
      userId: 'u1',
      groupIds: new Set(['g1']),
      isGlobalAdmin: false,
      isRoomsProManager: false,
    };
    const assignments = store.collection<BaseDoc & Record<string, unknown>>(
      AuthzCollections.assignments
    );
    await assignments.insertOne({
      _id: 'a1',
      tenantId: 'cust',
      partnerTenantId: null,
      roleId: 'builtin:site-lead',
      members: [{ type: 'user', id: 'u1' }],
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
    });
    const cache = new GrantsCache(store);
    const first = await cache.load(caller);
    assert.equal(await cache.load(caller), first);
    // Unrelated writes keep the entry.
    await store.collection<Doc>('tickets').insertOne({ _id: 't1', tenantId: 'cust' });
    assert.equal(await cache.load(caller), first);
    // Another group set is another entry.
    assert.notEqual(await cache.load({ ...caller, groupIds: new Set() }), first);
    await assignments.deleteOne({ _id: 'a1' });
    const after = await cache.load(caller);
    assert.notEqual(after, first);
    assert.equal(after.customers.size, 0);
  });
});
