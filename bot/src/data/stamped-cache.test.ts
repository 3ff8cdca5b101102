import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../store/embedded/index.ts';
import type { BaseDoc, Store } from '../store/types.ts';
import { changeTrackerOf, trackChanges } from './change-tracking.ts';
import { StampedCache, frozenDeep } from './stamped-cache.ts';

interface Doc extends BaseDoc {
  n: number;
}

describe('data/stamped-cache', () => {
  let dir: string;
  let raw: Store;
  let store: Store;
  const SOURCES = ['things'];
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-stamped-'));
    raw = await openEmbeddedStore(dir);
    store = trackChanges(raw);
    await store.collection<Doc>('things').insertOne({ _id: 'a', tenantId: 't', n: 1 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A cache of `things` by id, counting the reads it makes. */
  const cacheOf = (over: Store, size = 10) => {
    let reads = 0;
    const cache = new StampedCache<number | undefined>(over, SOURCES, size);
    const get = (id: string) =>
      cache.get(id, async () => {
        reads++;
        return (await over.collection<Doc>('things').findOne({ _id: id }))?.n;
      });
    return { get, reads: () => reads };
  };

  it('When nothing was written, then the value is read once; after any write, read again', async () => {
    const c = cacheOf(store);
    assert.equal(await c.get('a'), 1);
    assert.equal(await c.get('a'), 1);
    assert.equal(c.reads(), 1);
    await store.collection<Doc>('things').updateOne({ _id: 'a' }, { $set: { n: 2 } });
    assert.equal(await c.get('a'), 2);
    assert.equal(c.reads(), 2);
    // A write to another collection leaves it alone.
    await store.collection<Doc>('others').insertOne({ _id: 'x', tenantId: 't', n: 0 });
    assert.equal(await c.get('a'), 2);
    assert.equal(c.reads(), 2);
  });

  it('When a write completes while a value is being read, then that value is not used again', async () => {
    const things = store.collection<Doc>('things');
    const cache = new StampedCache<number | undefined>(store, SOURCES, 10);
    const stale = await cache.get('a', async () => {
      const n = (await things.findOne({ _id: 'a' }))?.n;
      await things.updateOne({ _id: 'a' }, { $set: { n: 3 } });
      return n;
    });
    assert.equal(stale, 1);
    const fresh = await cache.get('a', async () => (await things.findOne({ _id: 'a' }))?.n);
    assert.equal(fresh, 3);
  });

  it('When more keys come than it holds, then the oldest is read again', async () => {
    const things = store.collection<Doc>('things');
    await things.insertMany([
      { _id: 'b', tenantId: 't', n: 2 },
      { _id: 'c', tenantId: 't', n: 3 },
    ]);
    const c = cacheOf(store, 2);
    await c.get('a');
    await c.get('b');
    await c.get('c'); // evicts a
    assert.equal(c.reads(), 3);
    await c.get('c');
    await c.get('b');
    assert.equal(c.reads(), 3);
    await c.get('a');
    assert.equal(c.reads(), 4);
  });

  /** `getMany` over the same collection, recording which keys each read asked for. */
  const manyOf = (over: Store, size = 10) => {
    const asked: string[][] = [];
    const cache = new StampedCache<number | null>(over, SOURCES, size);
    const getMany = (ids: string[]) =>
      cache.getMany(ids, async (missing) => {
        asked.push([...missing]);
        const docs = await over
          .collection<Doc>('things')
          .find({ _id: { $in: [...missing] } })
          .toArray();
        return missing.map((id) => docs.find((d) => d._id === id)?.n ?? null);
      });
    return { getMany, asked };
  };

  it('When several keys are asked at once, then only the ones not kept are read, in one read, and answers keep the order asked', async () => {
    await store.collection<Doc>('things').insertOne({ _id: 'b', tenantId: 't', n: 2 });
    const c = manyOf(store);
    assert.deepEqual(await c.getMany(['b', 'zz']), [2, null]);
    assert.deepEqual(await c.getMany(['a', 'b', 'zz']), [1, 2, null]);
    assert.deepEqual(c.asked, [['b', 'zz'], ['a']]);
    await store.collection<Doc>('things').updateOne({ _id: 'b' }, { $set: { n: 5 } });
    assert.deepEqual(await c.getMany(['a', 'b']), [1, 5]);
    assert.deepEqual(c.asked.at(-1), ['a', 'b']);
  });

  it('When getMany runs on an untracked store, then every call reads every key', async () => {
    const c = manyOf(raw);
    await c.getMany(['a']);
    await c.getMany(['a']);
    assert.deepEqual(c.asked, [['a'], ['a']]);
  });

  it('When the store is untracked or the size is 0, then every call reads', async () => {
    for (const c of [cacheOf(raw), cacheOf(store, 0)]) {
      await c.get('a');
      await c.get('a');
      assert.equal(c.reads(), 2);
    }
  });

  it('When the same list of collections is stamped again after a write, then its stamp changes', async () => {
    const tracker = changeTrackerOf(store)!;
    const first = await tracker.stamp(SOURCES);
    assert.equal(await tracker.stamp(SOURCES), first);
    await store.collection<Doc>('things').deleteOne({ _id: 'a' });
    const second = await tracker.stamp(SOURCES);
    assert.notEqual(second, first);
    await store.dropAll();
    assert.notEqual(await tracker.stamp(SOURCES), second);
  });

  it('When a value is frozen deep, then every object and array in it is frozen, and it is itself', () => {
    const value = { a: [{ b: 1 }, [2]], c: { d: { e: 'x' } }, at: new Date(0), none: null };
    assert.equal(frozenDeep(value), value);
    for (const o of [value, value.a, value.a[0], value.a[1], value.c, value.c.d, value.at]) {
      assert.ok(Object.isFrozen(o));
    }
    assert.equal(frozenDeep(3), 3);
    assert.equal(frozenDeep(null), null);
  });
});
