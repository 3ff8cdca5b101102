/**
 * What a start builds of a collection's indexes, and what it leaves for later: unique owners are
 * built per first key when a write first needs them (duplicates still refused during and after a
 * background load, also for keys the journal changed after the snapshot), the key table's id
 * lists become sets when a write first removes from them (lookups stay exact), persisted sorted
 * runs are checked as the documents decode (and refused when they do not match), and packed
 * objects read through a shape's compiled reader come back as BSON gives them.
 */
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'bson';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import { CollectionData } from '../../src/store/embedded/collection-data.ts';
import { PackedBlockReader, PackedBlockWriter } from '../../src/store/embedded/packed-docs.ts';
import { RunCheck } from '../../src/store/embedded/run-check.ts';
import type { Doc } from '../../src/store/embedded/values.ts';
import { isDuplicateKeyError, type BaseDoc } from '../../src/store/types.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { freshDirEachTest } from './store-under-test.ts';

interface Ticket extends BaseDoc {
  signalKey: string;
  at: Date;
  n: number;
}

const ticket = (i: number): Ticket => ({
  _id: `k${String(i).padStart(4, '0')}`,
  tenantId: `t${i % 5}`,
  signalKey: `sig-${i}`,
  at: new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 500) * 1000),
  n: i,
});

const ids = (docs: { _id: string }[]): string[] => docs.map((d) => d._id).sort();

describe('embedded store indexes at start-up', function () {
  this.timeout(60_000);
  const temp = freshDirEachTest();

  it('When a collection with a unique index loads in the background, then duplicates are refused during and after the load, keys the journal changed included, and queries answer the same', async () => {
    const dir = temp.dir;
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<Ticket>('tickets');
    await c1.createIndex({ tenantId: 1, signalKey: 1 }, { unique: true });
    await c1.createIndex({ tenantId: 1, at: -1, _id: -1 });
    await c1.insertMany(Array.from({ length: 600 }, (_, i) => ticket(i)));
    await s1.compact();
    // After the snapshot, in the journal: a key changed (sig-1 freed, sig-1b taken), a delete
    // (sig-2 freed), an insert (sig-new taken).
    await c1.updateOne({ _id: 'k0001' }, { $set: { signalKey: 'sig-1b' } });
    await c1.deleteOne({ _id: 'k0002' });
    await c1.insertOne({ ...ticket(9000), tenantId: 't0', signalKey: 'sig-new' });
    await s1.close();

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 50 });
    try {
      const c2 = s2.collection<Ticket>('tickets');
      // Issued at once, while the tickets load: each waits for them.
      const during = await Promise.allSettled([
        c2.insertOne({ ...ticket(7000), tenantId: 't3', signalKey: 'sig-3' }),
        c2.insertOne({ ...ticket(7001), tenantId: 't1', signalKey: 'sig-1b' }),
        c2.insertOne({ ...ticket(7002), tenantId: 't0', signalKey: 'sig-new' }),
        c2.find({ tenantId: 't4' }).toArray(),
      ]);
      assert.deepEqual(
        during.slice(0, 3).map((r) => r.status === 'rejected' && isDuplicateKeyError(r.reason)),
        [true, true, true]
      );
      const t4During = during[3]!.status === 'fulfilled' ? during[3]!.value : [];
      // Freed keys are free; a key under another tenant is not a duplicate.
      await c2.insertOne({ ...ticket(7003), tenantId: 't1', signalKey: 'sig-1' });
      await c2.insertOne({ ...ticket(7004), tenantId: 't2', signalKey: 'sig-2' });
      await c2.insertOne({ ...ticket(7005), tenantId: 't4', signalKey: 'sig-3' });
      // Taken keys, by insert and by update, after the load.
      await assert.rejects(
        c2.insertOne({ ...ticket(7006), tenantId: 't4', signalKey: 'sig-4' }),
        isDuplicateKeyError
      );
      await assert.rejects(
        c2.updateOne({ _id: 'k0010' }, { $set: { signalKey: 'sig-5' } }),
        isDuplicateKeyError
      );
      await assert.rejects(
        c2.updateOne({ _id: 'k0011' }, { $set: { tenantId: 't3', signalKey: 'sig-3' } }),
        isDuplicateKeyError
      );
      // A document moved to another tenant keeps its key unique there, and frees it here.
      await c2.updateOne({ _id: 'k0012' }, { $set: { tenantId: 't0' } });
      await c2.insertOne({ ...ticket(7007), tenantId: 't2', signalKey: 'sig-12' });
      await assert.rejects(
        c2.insertOne({ ...ticket(7008), tenantId: 't0', signalKey: 'sig-12' }),
        isDuplicateKeyError
      );
      const t4After = await c2.find({ tenantId: 't4' }).toArray();
      assert.deepEqual(ids(t4After), ids([...t4During, ticket(7005)]));
    } finally {
      await s2.close();
    }
  });

  it('When documents loaded from a snapshot are written in random ways, then every index lookup answers exactly what a scan does', async () => {
    const dir = temp.dir;
    const s1 = await openEmbeddedStore(dir);
    const c1 = s1.collection<Ticket>('c');
    await c1.createIndex({ tenantId: 1, at: -1, _id: -1 });
    await c1.createIndex({ n: 1 });
    await c1.insertMany(Array.from({ length: 400 }, (_, i) => ticket(i)));
    // A sorted page, so the snapshot keeps its runs and the restart takes them back.
    await c1
      .find({ tenantId: { $in: ['t0', 't1'] } }, { sort: { at: -1, _id: -1 }, limit: 5 })
      .toArray();
    await s1.compact();
    await s1.close();

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 10 });
    try {
      const c2 = s2.collection<Ticket>('c');
      const model = new Map(Array.from({ length: 400 }, (_, i) => [ticket(i)._id, ticket(i)]));
      const rand = seededRandom(7);
      const pick = (): string => [...model.keys()][Math.floor(rand() * model.size)]!;
      for (let step = 0; step < 300; step++) {
        const r = rand();
        if (r < 0.3) {
          const id = pick();
          await c2.deleteOne({ _id: id });
          model.delete(id);
        } else if (r < 0.7) {
          const id = pick();
          const tenantId = `t${Math.floor(rand() * 7)}`;
          const n = Math.floor(rand() * 50);
          await c2.updateOne({ _id: id }, { $set: { tenantId, n } });
          model.set(id, { ...model.get(id)!, tenantId, n });
        } else {
          const doc = { ...ticket(1000 + step), tenantId: `t${Math.floor(rand() * 7)}` };
          await c2.insertOne(doc);
          model.set(doc._id, doc);
        }
        if (step % 25 !== 0) continue;
        for (let t = 0; t < 7; t++) {
          const tenantId = `t${t}`;
          const want = [...model.values()].filter((d) => d.tenantId === tenantId);
          assert.deepEqual(ids(await c2.find({ tenantId }).toArray()), ids(want));
          const page = await c2
            .find({ tenantId }, { sort: { at: -1, _id: -1 }, limit: 7 })
            .toArray();
          assert.deepEqual(
            page.map((d) => d._id),
            want
              .sort((a, b) => b.at.getTime() - a.at.getTime() || (a._id < b._id ? 1 : -1))
              .slice(0, 7)
              .map((d) => d._id)
          );
        }
        const n = Math.floor(rand() * 50);
        assert.deepEqual(
          ids(await c2.find({ n: { $in: [n, n + 1] } }).toArray()),
          ids([...model.values()].filter((d) => d.n === n || d.n === n + 1))
        );
      }
    } finally {
      await s2.close();
    }
  });

  it('When persisted runs are checked as their section loads, then only runs holding exactly their value, strictly in order, are vouched for', () => {
    const order = JSON.stringify([
      ['at', -1],
      ['_id', -1],
    ]);
    const at = (h: number) => new Date(Date.UTC(2025, 0, 1, h));
    // Positions 0..5; t0: 4, 2, 0 newest first; t1: 5, 3, 1. Positions 2 and 4 tie on `at`.
    const docs: Doc[] = [0, 1, 2, 3, 4, 5].map((i) => ({
      _id: `d${i}`,
      tenantId: `t${i % 2}`,
      at: at(i === 4 ? 2 : i),
    }));
    const words = (...runs: number[][]) => Uint32Array.from(runs.flatMap((r) => [r.length, ...r]));
    const check = (field: string, keys: string[], w: Uint32Array, all = docs) => {
      const c = new RunCheck({ field, order, keys, words: w });
      for (const d of all) c.see(d);
      return c.finish(all);
    };
    const good = check('tenantId', ['st0', 'st1'], words([4, 2, 0], [5, 3, 1]));
    assert.equal(good?.checked, true);
    assert.deepEqual(
      good?.runs.get('st0')?.map((d) => d._id),
      ['d4', 'd2', 'd0']
    );
    // Tied dates decided by _id: d2 before d4 is out of order.
    assert.equal(check('tenantId', ['st0', 'st1'], words([2, 4, 0], [5, 3, 1]))?.checked, false);
    // Out of order, a member under another value, a position twice: not vouched for.
    assert.equal(check('tenantId', ['st0', 'st1'], words([0, 2, 4], [5, 3, 1]))?.checked, false);
    assert.equal(check('tenantId', ['st0', 'st1'], words([4, 3, 0], [5, 2, 1]))?.checked, false);
    assert.equal(check('tenantId', ['st0', 'st1'], words([4, 2, 0], [5, 4, 1]))?.checked, false);
    // Values that are not strings, or a dotted field: left to the full check.
    assert.equal(check('tenantId', ['n1', 'st1'], words([4, 2, 0], [5, 3, 1]))?.checked, false);
    assert.equal(check('a.b', ['st0'], words([4, 2, 0]))?.checked, false);
    // A position past the section, or a part that ends early: unreadable.
    assert.equal(check('tenantId', ['st0'], words([9])), undefined);
    assert.equal(check('tenantId', ['st0', 'st1'], words([4, 2, 0])), undefined);

    // Vouched-for runs are taken only when the section's documents are all the collection
    // holds; otherwise (two documents with one id) the full check decides.
    const data = new CollectionData('c');
    data.addIndex({ name: 'i', keys: { tenantId: 1, at: -1, _id: -1 }, unique: false });
    for (const d of docs) data.put(d);
    const stale: Doc = { _id: 'd0', tenantId: 't0', at: at(9) };
    data.put(stale);
    assert.equal(data.adoptRuns('tenantId', order, good!.runs, docs.length + 1), false);
    const fresh = new CollectionData('c');
    fresh.addIndex({ name: 'i', keys: { tenantId: 1, at: -1, _id: -1 }, unique: false });
    for (const d of docs) fresh.put(d);
    assert.equal(fresh.adoptRuns('tenantId', order, good!.runs, docs.length), true);
    assert.deepEqual(fresh.runOrders(), [['tenantId', order]]);
  });

  it('When many objects share a shape with unusual keys, then their compiled reader gives what BSON gives', () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({
      _id: `o${i}`,
      '2': i,
      'quote"and\\slash': `v${i}`,
      'ключ 😀': [i, { nested: i % 2 === 0 ? null : 'x', '10': true }],
      $dollar: i % 3 === 0 ? undefined : -0,
      empty: {},
    }));
    const writer = new PackedBlockWriter();
    for (const d of docs) writer.add(d);
    const reader = new PackedBlockReader(writer.finish());
    const read = [...reader.next(60), ...reader.next(60)];
    assert.equal(reader.remaining, 0);
    const viaBson = docs.map((d) => deserialize(serialize(d, { ignoreUndefined: false })));
    assert.deepEqual(read, viaBson);
    assert.deepEqual(
      read.map((d) => Object.keys(d)),
      viaBson.map((d) => Object.keys(d))
    );
    assert.ok(read.every((d) => Object.getPrototypeOf(d) === Object.prototype));
  });
});
