/**
 * Updates journaled as themselves: when replaying an update's operators on the previous version
 * reproduces the new version exactly, the journal holds the operators (`u` records), not the
 * whole document; otherwise (the positional `$`, `$currentDate`, values BSON does not read back
 * unchanged) the after-image (`p`). Either way a restart gives back exactly what was in memory.
 */
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from 'bson';
import { openEmbeddedStore, JOURNAL_FILE } from '../../src/store/embedded/index.ts';
import { decodeFrames } from '../../src/store/embedded/frames.ts';
import type { BaseDoc, DocCollection } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';

type Item = BaseDoc & Record<string, unknown>;

async function journalRecords(dir: string): Promise<Document[]> {
  return decodeFrames(await readFile(join(dir, JOURNAL_FILE))).records;
}

/** The record types the journal received after `from` records. */
async function kindsSince(dir: string, from: number): Promise<string[]> {
  return (await journalRecords(dir)).slice(from).map((r) => String(r.t));
}

const all = (c: DocCollection<Item>) => c.find({}, { sort: { _id: 1 } }).toArray();

describe('embedded store: updates journaled as operators', function () {
  this.timeout(30_000);
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(async () => {
    await remove();
  });

  it('When documents are updated with every kind of operator, then a restart replays the journal to exactly the same documents', async () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<Item>('tickets');
    await c1.createIndex({ tenantId: 1, status: 1 });
    await c1.insertOne({
      _id: 't1',
      tenantId: 't',
      status: 'Open',
      version: 1,
      notes: [{ id: 'n0', text: 'first', at }],
      history: [{ at, action: 'created' }],
      tags: ['a', 'b', 'c'],
      scores: [5, 1, 9],
      nested: {
        deep: { x: 1 },
        list: [
          { k: 1, v: 'a' },
          { k: 2, v: 'b' },
        ],
      },
      price: 10,
      old: 'name',
    });
    const before = (await journalRecords(dir)).length;
    const c = c1 as unknown as DocCollection<Document & BaseDoc>;
    const updates: Document[] = [
      {
        $push: { notes: { id: 'n1', text: 'second', at } },
        $inc: { version: 1 },
        $set: { updatedAt: at },
      },
      { $push: { scores: { $each: [7, 3], $sort: -1, $slice: 4 } } },
      { $addToSet: { tags: { $each: ['b', 'd'] } }, $pull: { scores: { $lt: 4 } } },
      {
        $set: { 'nested.deep.y': [1, { z: null }], status: 'InProgress' },
        $unset: { 'nested.deep.x': '' },
      },
      { $rename: { old: 'renamed' }, $mul: { price: 1.5 }, $min: { version: 0 }, $max: { at } },
      { $pop: { scores: -1 }, $pullAll: { tags: ['c'] }, $bit: { version: { or: 4 } } },
      { $set: { 'nested.list.$[e].v': 'changed' } },
      { $inc: { 'nested.list.$[].k': 10 } },
      { $set: { 'notes.0.text': 'edited' } },
    ];
    for (const [i, update] of updates.entries()) {
      const options = i === 6 ? { arrayFilters: [{ 'e.k': { $gte: 2 } }] } : undefined;
      const r = await c.updateOne({ _id: 't1' }, update, options);
      assert.equal(r.modifiedCount, 1, `update ${i} changed nothing`);
    }
    // Not reproducible from the operators alone: the positional $ (resolved against the filter)
    // and $currentDate (the clock) are journaled as after-images.
    await c.updateOne({ _id: 't1', 'notes.id': 'n1' }, { $set: { 'notes.$.text': 'via $' } });
    await c.updateOne({ _id: 't1' }, { $currentDate: { touchedAt: true } });
    // A no-op update journals nothing.
    await c.updateOne({ _id: 't1' }, { $set: { status: 'InProgress' } });
    assert.deepEqual(await kindsSince(dir, before), [...updates.map(() => 'u'), 'p', 'p']);
    const expected = await all(c1);
    await s1.close();

    const s2 = await openEmbeddedStore(dir);
    const c2 = s2.collection<Item>('tickets');
    assert.deepEqual(await all(c2), expected);
    // Indexes follow replayed updates too.
    assert.deepEqual(
      (await c2.find({ tenantId: 't', status: 'InProgress' }).toArray()).map((d) => d._id),
      ['t1']
    );
    await s2.close();
  });

  it('When a document holds a value BSON reads back differently (a Buffer), then its updates are journaled as after-images', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<BaseDoc & { n: number; blob?: Buffer }>('files');
    await c1.insertOne({ _id: 'f', tenantId: 't', blob: Buffer.from('abc'), n: 1 });
    await c1.insertOne({ _id: 'g', tenantId: 't', n: 1 });
    const before = (await journalRecords(dir)).length;
    await c1.updateOne({ _id: 'f' }, { $inc: { n: 1 } });
    await c1.updateOne({ _id: 'g' }, { $set: { blob: Buffer.from('x') } });
    await c1.updateOne({ _id: 'g' }, { $inc: { n: 1 } });
    assert.deepEqual(await kindsSince(dir, before), ['p', 'p', 'p']);
    await s1.close();
    const s2 = await openEmbeddedStore(dir);
    const docs = await all(s2.collection<Item>('files'));
    assert.deepEqual(
      docs.map((d) => [d._id, d.n]),
      [
        ['f', 2],
        ['g', 2],
      ]
    );
    await s2.close();
  });

  it('When updates continue across a compaction, then replay starts from the snapshot and applies each later update once', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<BaseDoc & { n: number; log: number[] }>('counters');
    await c1.insertMany(
      Array.from({ length: 5 }, (_, i) => ({ _id: `c${i}`, tenantId: 't', n: 0, log: [] }))
    );
    const bump = (round: number) =>
      Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          c1.updateOne({ _id: `c${i}` }, { $inc: { n: 1 }, $push: { log: round } })
        )
      );
    await bump(1);
    // Updates queued while the snapshot is taken (not awaited before compact starts).
    const during = bump(2);
    await s1.compact();
    await during;
    await bump(3);
    const expected = await c1.find({}, { sort: { _id: 1 } }).toArray();
    assert.deepEqual(
      expected.map((d) => [d.n, d.log]),
      Array.from({ length: 5 }, () => [3, [1, 2, 3]])
    );
    await s1.close();
    const s2 = await openEmbeddedStore(dir, { compactOnClose: false });
    assert.deepEqual(await all(s2.collection<Item>('counters')), expected);
    await s2.close();
  });

  it('When an update would take a document past 16 MiB, then it is refused and nothing changes; a small one on a large document is journaled small', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<BaseDoc & { n: number; text: string; more?: string }>('big');
    await c1.insertOne({ _id: 'b', tenantId: 't', text: 'x'.repeat(10 * 1024 * 1024), n: 0 });
    await assert.rejects(
      c1.updateOne({ _id: 'b' }, { $set: { more: 'y'.repeat(7 * 1024 * 1024) } }),
      (e: Error & { codeName?: string }) => e.codeName === 'BSONObjectTooLarge'
    );
    assert.equal((await c1.findOne({ _id: 'b' }, { projection: { more: 1 } }))?.more, undefined);
    const size = (await stat(join(dir, JOURNAL_FILE))).size;
    await c1.updateOne({ _id: 'b' }, { $inc: { n: 1 } });
    assert.ok((await stat(join(dir, JOURNAL_FILE))).size - size < 200);
    await s1.close();
    const s2 = await openEmbeddedStore(dir);
    const b = await s2.collection<Item>('big').findOne({ _id: 'b' });
    assert.equal(b?.n, 1);
    assert.equal((b?.text as string).length, 10 * 1024 * 1024);
    await s2.close();
  });
});
