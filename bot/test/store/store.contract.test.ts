/**
 * The store contract: MongoDB's semantics for every DocCollection method the app uses. Runs
 * against MongoDB when MONGODB_URI is set, otherwise against the embedded store, so the two are
 * held to the same expectations.
 */
import assert from 'node:assert/strict';
import type {
  BaseDoc,
  BatchWrite,
  DocCollection,
  Filter,
  Store,
  UpdateResult,
} from '../../src/store/types.ts';
import { isBulkWriteError, isDuplicateKeyError } from '../../src/store/types.ts';
import { openStoreUnderTest, writeBatchIsAtomic, type StoreUnderTest } from './store-under-test.ts';

/** Free-form documents, for filters over fields of mixed types. */
type Item = BaseDoc & Record<string, unknown>;

/** Typed fields, so the driver's update-operator typings accept $inc, $push and friends. */
interface Rec extends BaseDoc {
  n?: number;
  m?: number;
  v?: number;
  p?: number;
  by?: number;
  count?: number;
  fresh?: number;
  state?: string;
  drop?: string;
  region?: string;
  createdBy?: string;
  created?: boolean;
  deep?: { k: string };
  meta?: { kind: string };
  list?: number[];
  set?: string[];
  log?: string[];
  items?: { sku: string; qty: number }[];
}

/** The MongoDB manual's example documents: any fields, no tenantId (typed loosely on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Free = BaseDoc & Record<string, any>;
const manual = (docs: Record<string, unknown>[]): Free[] => docs as Free[];

const sortedIds = (docs: { _id: string }[]): string[] => docs.map((d) => d._id).sort();
const idsInOrder = (docs: { _id: string }[]): string[] => docs.map((d) => d._id);
const codeOf = (e: unknown): unknown => (e as { code?: unknown }).code;
/** [matched, modified, upserted, upsertedId] of an update. */
const counts = (r: UpdateResult): unknown[] => [
  r.matchedCount,
  r.modifiedCount,
  r.upsertedCount,
  r.upsertedId,
];

async function rejectsWithDuplicateKey(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isDuplicateKeyError(e), `expected E11000, got ${String(e)}`);
    return true;
  });
}

describe('store contract', function () {
  this.timeout(10_000);
  let sut: StoreUnderTest;
  let store: Store;
  let seq = 0;
  /** A fresh collection name per test keeps tests independent without dropping anything. */
  const freshName = (): string => `c${++seq}_${Date.now().toString(36)}`;
  const fresh = <T extends BaseDoc = Item>(): DocCollection<T> => store.collection<T>(freshName());

  before(async () => {
    sut = await openStoreUnderTest();
    store = sut.store;
  });
  after(async () => {
    await sut.dispose();
  });

  describe('insert and read', () => {
    it('When a document is inserted, then findOne returns an equal copy that does not alias the store', async () => {
      const c = fresh();
      const doc: Item = { _id: 'a', tenantId: 't', nested: { list: [1, 2] } };
      const r = await c.insertOne(doc);
      assert.equal(r.insertedId, 'a');
      (doc.nested as { list: number[] }).list.push(3);
      const read = await c.findOne({ _id: 'a' });
      assert.deepEqual(read, { _id: 'a', tenantId: 't', nested: { list: [1, 2] } });
      (read!.nested as { list: number[] }).list.push(4);
      assert.deepEqual((await c.findOne({ _id: 'a' }))?.nested, { list: [1, 2] });
    });

    it('When a document holds Dates and nested arrays, then they come back as equal values', async () => {
      const c = fresh();
      const at = new Date('2024-05-06T07:08:09.123Z');
      await c.insertOne({
        _id: 'd',
        tenantId: 't',
        at,
        grid: [[1, 2], [3]],
        flag: true,
        nothing: null,
      });
      const read = await c.findOne({ at });
      assert.ok(read?.at instanceof Date);
      assert.equal(read.at.getTime(), at.getTime());
      assert.deepEqual(read.grid, [[1, 2], [3]]);
      assert.equal(read.flag, true);
      assert.equal(read.nothing, null);
    });

    it('When insertOne reuses an _id, then it fails with E11000 and the first document is unchanged', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'a', tenantId: 't', v: 2 }));
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 1);
      assert.equal(await c.countDocuments({}), 1);
    });

    it('When insertMany hits a duplicate part-way, then earlier documents are kept and later ones are not', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'b', tenantId: 't' });
      await rejectsWithDuplicateKey(
        c.insertMany([
          { _id: 'a', tenantId: 't' },
          { _id: 'b', tenantId: 't' },
          { _id: 'c', tenantId: 't' },
        ])
      );
      assert.deepEqual(sortedIds(await c.find({}).toArray()), ['a', 'b']);
    });

    it('When insertMany succeeds, then it reports the count and find returns every document', async () => {
      const c = fresh();
      const r = await c.insertMany([
        { _id: 'a', tenantId: 't' },
        { _id: 'b', tenantId: 't' },
      ]);
      assert.equal(r.insertedCount, 2);
      assert.deepEqual(sortedIds(await c.find({}).toArray()), ['a', 'b']);
    });

    it('When a cursor is iterated with for await, then it yields what toArray would', async () => {
      const c = fresh();
      await c.insertMany([1, 2, 3].map((n) => ({ _id: `i${n}`, tenantId: 't', n })));
      const seen: string[] = [];
      for await (const d of c.find({ n: { $gte: 2 } }, { sort: { n: 1 } })) seen.push(d._id);
      assert.deepEqual(seen, ['i2', 'i3']);
    });

    it('When findOne matches nothing, then it returns null', async () => {
      assert.equal(await fresh().findOne({ _id: 'nope' }), null);
    });
  });

  describe('filters', () => {
    let c: DocCollection<Item>;
    const at = (day: number): Date => new Date(Date.UTC(2024, 0, day));
    before(async () => {
      c = fresh();
      await c.insertMany([
        { _id: 'a', tenantId: 't1', n: 1, tags: ['x', 'y'], s: 'apple', at: at(1), sub: { k: 1 } },
        { _id: 'b', tenantId: 't1', n: 5, tags: ['y', 'x'], s: 'Banana', at: at(5) },
        { _id: 'c', tenantId: 't2', n: null, tags: 'x', s: 'cherry' },
        {
          _id: 'd',
          tenantId: 't2',
          tags: [],
          items: [
            { sku: 'p', qty: 1 },
            { sku: 'q', qty: 9 },
          ],
        },
        { _id: 'e', tenantId: 't3', n: [2, 8], tags: [['x', 'y']], s: 'date', sub: { k: 2 } },
        { _id: 'f', tenantId: 't3', n: '7', items: [{ sku: 'p', qty: 9 }] },
      ]);
    });
    const q = async (filter: Filter<Item>): Promise<string[]> =>
      sortedIds(await c.find(filter).toArray());

    it('When filtering by equality on a scalar field, then only equal values match (no type coercion)', async () => {
      assert.deepEqual(await q({ tenantId: 't1' }), ['a', 'b']);
      assert.deepEqual(await q({ n: 5 }), ['b']);
      assert.deepEqual(await q({ n: { $eq: 7 } }), []);
      assert.deepEqual(await q({ n: '7' }), ['f']);
    });

    it('When filtering by a scalar on an array field, then documents whose array contains it match', async () => {
      assert.deepEqual(await q({ tags: 'x' }), ['a', 'b', 'c']);
      assert.deepEqual(await q({ n: 8 }), ['e']);
    });

    it('When filtering by an array value, then only the exact array (order matters) or an element equal to it matches', async () => {
      assert.deepEqual(await q({ tags: ['x', 'y'] }), ['a', 'e']);
      assert.deepEqual(await q({ tags: ['y', 'x'] }), ['b']);
      assert.deepEqual(await q({ tags: [] }), ['d']);
    });

    it('When filtering with $in, then scalars and array elements both match, and null matches missing', async () => {
      assert.deepEqual(await q({ tags: { $in: ['y', 'z'] } }), ['a', 'b']);
      assert.deepEqual(await q({ n: { $in: [1, 8] } }), ['a', 'e']);
      assert.deepEqual(await q({ tenantId: { $in: ['t2', 't3'] } }), ['c', 'd', 'e', 'f']);
      assert.deepEqual(await q({ n: { $in: [null] } }), ['c', 'd']);
    });

    it('When $in or $nin lists an array, then it matches the whole array as equality does', async () => {
      assert.deepEqual(await q({ tags: { $in: [['x', 'y'], 'nope'] } }), ['a', 'e']);
      assert.deepEqual(await q({ tags: { $nin: [['x', 'y']] } }), ['b', 'c', 'd', 'f']);
    });

    it('When filtering with $nin, then documents holding any listed value are excluded and missing fields match', async () => {
      assert.deepEqual(await q({ tags: { $nin: ['y'] } }), ['c', 'd', 'e', 'f']);
    });

    it('When filtering with $ne, then missing fields match and arrays containing the value do not', async () => {
      assert.deepEqual(await q({ n: { $ne: 8 } }), ['a', 'b', 'c', 'd', 'f']);
      assert.deepEqual(await q({ tags: { $ne: 'x' } }), ['d', 'e', 'f']);
      assert.deepEqual(await q({ n: { $ne: null } }), ['a', 'b', 'e', 'f']);
    });

    it('When comparing with $gt/$gte/$lt/$lte, then only same-type values compare and arrays match by any element', async () => {
      assert.deepEqual(await q({ n: { $gt: 1 } }), ['b', 'e']);
      assert.deepEqual(await q({ n: { $gte: 1, $lt: 5 } }), ['a', 'e']);
      assert.deepEqual(await q({ n: { $lte: 2 } }), ['a', 'e']);
      assert.deepEqual(await q({ at: { $gte: at(2) } }), ['b']);
      assert.deepEqual(await q({ at: { $lt: at(2) } }), ['a']);
      assert.deepEqual(await q({ s: { $gt: 'b' } }), ['c', 'e']);
    });

    it('When filtering with $exists or null, then null matches null and missing while $exists:false matches only missing', async () => {
      assert.deepEqual(await q({ n: { $exists: true } }), ['a', 'b', 'c', 'e', 'f']);
      assert.deepEqual(await q({ n: { $exists: false } }), ['d']);
      assert.deepEqual(await q({ n: null }), ['c', 'd']);
    });

    it('When filtering with dotted paths, then nested documents and arrays of documents are searched', async () => {
      assert.deepEqual(await q({ 'sub.k': 2 }), ['e']);
      assert.deepEqual(await q({ 'items.sku': 'q' }), ['d']);
      assert.deepEqual(await q({ 'items.qty': { $gt: 5 } }), ['d', 'f']);
    });

    it('When $elemMatch is used, then one element must satisfy every condition (unlike separate conditions)', async () => {
      assert.deepEqual(await q({ 'items.sku': 'p', 'items.qty': { $gt: 5 } }), ['d', 'f']);
      assert.deepEqual(await q({ items: { $elemMatch: { sku: 'p', qty: { $gt: 5 } } } }), ['f']);
      assert.deepEqual(await q({ n: { $gt: 5, $lt: 8 } }), ['e']);
      assert.deepEqual(await q({ n: { $elemMatch: { $gt: 5, $lt: 8 } } }), []);
      assert.deepEqual(await q({ n: { $elemMatch: { $gt: 1, $lt: 5 } } }), ['e']);
    });

    it('When combining $and, $or and $not, then the logic follows MongoDB ($not also matches missing fields)', async () => {
      assert.deepEqual(await q({ $or: [{ n: 1 }, { tenantId: 't2' }] }), ['a', 'c', 'd']);
      assert.deepEqual(await q({ $and: [{ tags: 'x' }, { tenantId: 't1' }] }), ['a', 'b']);
      assert.deepEqual(await q({ n: { $not: { $gt: 1 } } }), ['a', 'c', 'd', 'f']);
    });

    it('When filtering with $regex, then string values match, honouring options', async () => {
      assert.deepEqual(await q({ s: { $regex: '^b', $options: 'i' } }), ['b']);
      assert.deepEqual(await q({ s: /an/ }), ['b']);
      assert.deepEqual(await q({ s: { $not: /^[a-c]/ } }), ['b', 'd', 'e', 'f']);
    });

    it('When a filter uses an unknown operator, then the query fails', async () => {
      await assert.rejects(c.find({ n: { $bogus: 1 } } as Filter<Item>).toArray());
    });
  });

  describe('indexed queries', () => {
    it('When an index exists, then every filter returns exactly what a full scan returns', async () => {
      const plain = fresh();
      const indexed = fresh();
      await indexed.createIndex({ tenantId: 1, status: 1 });
      await indexed.createIndex({ tags: 1 });
      await indexed.createIndex({ n: 1 });
      const docs: Item[] = Array.from({ length: 60 }, (_, i) => ({
        _id: `d${i}`,
        tenantId: `t${i % 4}`,
        status: ['open', 'closed', 'snoozed'][i % 3],
        tags: i % 5 === 0 ? ['a', 'b'] : i % 5 === 1 ? 'a' : i % 5 === 2 ? [] : ['b'],
        ...(i % 7 === 0 ? {} : { n: i % 7 === 1 ? null : i % 6 }),
      }));
      await plain.insertMany(docs);
      await indexed.insertMany(docs);
      // Churn so the index has seen updates and deletes, applied identically to both.
      for (const c of [plain, indexed]) {
        await c.updateMany({ tenantId: 't1' }, { $set: { status: 'closed' } });
        await c.updateOne({ _id: 'd3' }, { $set: { tenantId: 't0', tags: ['c'] } });
        await c.deleteMany({ _id: { $in: ['d4', 'd8'] } });
      }
      const filters: Filter<Item>[] = [
        { tenantId: 't0' },
        { tenantId: { $in: ['t1', 't2'] }, status: 'closed' },
        { tenantId: { $eq: 't3' } },
        { $and: [{ tenantId: 't2' }, { status: 'open' }] },
        { tags: 'a' },
        { tags: ['a', 'b'] },
        { tags: { $in: ['b', 'c'] } },
        { tags: [] },
        { n: 0 },
        { n: null },
        { n: { $in: [1, 2, null] } },
        { _id: { $in: ['d1', 'd2', 'd4'] }, tenantId: 't1' },
        { tenantId: 'nope' },
      ];
      for (const f of filters) {
        assert.deepEqual(
          sortedIds(await indexed.find(f).toArray()),
          sortedIds(await plain.find(f).toArray()),
          JSON.stringify(f)
        );
      }
    });
  });

  describe('sort, skip, limit, projection', () => {
    let c: DocCollection<Item>;
    before(async () => {
      c = fresh();
      await c.insertMany([
        { _id: 'a', tenantId: 't', g: 1, n: 3, arr: [5, 1], nested: { x: 1, y: 2 }, keep: 'a' },
        { _id: 'b', tenantId: 't', g: 2, n: 1, arr: [3], nested: { x: 2, y: 3 }, keep: 'b' },
        { _id: 'c', tenantId: 't', g: 1, n: 2, arr: [2, 6], keep: 'c' },
        { _id: 'd', tenantId: 't', g: 2, n: null, keep: 'd' },
        { _id: 'e', tenantId: 't', g: 2, keep: 'e' },
      ]);
    });
    const sorted = async (filter: Filter<Item>, sort: Record<string, 1 | -1>): Promise<string[]> =>
      idsInOrder(await c.find(filter, { sort }).toArray());

    it('When sorting by several keys, then the order follows each key and direction in turn', async () => {
      assert.deepEqual(await sorted({ n: { $ne: null } }, { g: -1, n: 1 }), ['b', 'c', 'a']);
    });

    it('When sorting on a field some documents lack, then missing and null come first ascending and last descending', async () => {
      const asc = await sorted({}, { n: 1 });
      assert.deepEqual(asc.slice(0, 2).sort(), ['d', 'e']);
      assert.deepEqual(asc.slice(2), ['b', 'c', 'a']);
      const desc = await sorted({}, { n: -1 });
      assert.deepEqual(desc.slice(0, 3), ['a', 'c', 'b']);
      assert.deepEqual(desc.slice(3).sort(), ['d', 'e']);
    });

    it('When sorting on an array field, then ascending uses the smallest element and descending the largest', async () => {
      assert.deepEqual(await sorted({ arr: { $exists: true } }, { arr: 1 }), ['a', 'c', 'b']);
      assert.deepEqual(await sorted({ arr: { $exists: true } }, { arr: -1 }), ['c', 'a', 'b']);
    });

    it('When skip and limit are given, then they apply after the sort', async () => {
      const page = await c.find({}, { sort: { keep: -1 }, skip: 1, limit: 2 }).toArray();
      assert.deepEqual(idsInOrder(page), ['d', 'c']);
      const all = await c.find({}, { sort: { keep: 1 }, limit: 0 }).toArray();
      assert.deepEqual(idsInOrder(all), ['a', 'b', 'c', 'd', 'e']);
      assert.equal((await c.findOne({ g: 2 }, { sort: { keep: -1 } }))?._id, 'e');
    });

    it('When an inclusion projection is given, then only those fields and _id are returned', async () => {
      const doc = await c.findOne({ _id: 'a' }, { projection: { keep: 1, 'nested.x': 1 } });
      assert.deepEqual(doc, { _id: 'a', keep: 'a', nested: { x: 1 } });
      const noId = await c.findOne({ _id: 'b' }, { projection: { keep: 1, _id: 0 } });
      assert.deepEqual(noId, { keep: 'b' });
    });

    it('When an exclusion projection is given, then every other field is returned', async () => {
      const doc = await c.findOne({ _id: 'b' }, { projection: { nested: 0, arr: 0, tenantId: 0 } });
      assert.deepEqual(doc, { _id: 'b', g: 2, n: 1, keep: 'b' });
    });

    it('When sorting by a field the projection excludes, then the sort still applies', async () => {
      const docs = await c
        .find({ n: { $gte: 1 } }, { sort: { n: -1 }, projection: { keep: 1, _id: 0 } })
        .toArray();
      assert.deepEqual(docs, [{ keep: 'a' }, { keep: 'c' }, { keep: 'b' }]);
    });
  });

  describe('countDocuments', () => {
    it('When counting with a filter, limit and skip, then matches are counted, capped by the limit', async () => {
      const c = fresh();
      await c.insertMany(
        Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, tenantId: 't', even: i % 2 === 0 }))
      );
      assert.equal(await c.countDocuments({}), 10);
      assert.equal(await c.countDocuments({ even: true }), 5);
      assert.equal(await c.countDocuments({ even: true }, { limit: 3 }), 3);
      assert.equal(await c.countDocuments({ even: true }, { limit: 30 }), 5);
      assert.equal(await c.countDocuments({ even: true }, { skip: 4 }), 1);
      assert.equal(await c.countDocuments({ missing: 1 }), 0);
    });
  });

  describe('updates', () => {
    it('When updateOne applies $set, $unset, $inc, $push, $pull and $addToSet, then the document reflects each', async () => {
      const c = fresh<Rec>();
      await c.insertOne({
        _id: 'a',
        tenantId: 't',
        n: 1,
        drop: 'x',
        list: [1, 2, 3, 2],
        set: ['a'],
      });
      const r = await c.updateOne(
        { _id: 'a' },
        {
          $set: { 'deep.k': 'v', tenantId: 't' },
          $unset: { drop: '' },
          $inc: { n: 2, fresh: 1 },
          $push: { log: 'e1' },
          $pull: { list: 2 },
          $addToSet: { set: 'b' },
        }
      );
      assert.deepEqual(counts(r), [1, 1, 0, null]);
      assert.deepEqual(await c.findOne({ _id: 'a' }), {
        _id: 'a',
        tenantId: 't',
        n: 3,
        list: [1, 3],
        set: ['a', 'b'],
        deep: { k: 'v' },
        fresh: 1,
        log: ['e1'],
      });
    });

    it('When $push uses $each and $addToSet adds an existing value, then arrays grow only by new values', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', list: [1], set: ['x'] });
      await c.updateOne(
        { _id: 'a' },
        { $push: { list: { $each: [2, 3] } }, $addToSet: { set: { $each: ['x', 'y'] } } }
      );
      const doc = await c.findOne({ _id: 'a' });
      assert.deepEqual(
        [doc?.list, doc?.set],
        [
          [1, 2, 3],
          ['x', 'y'],
        ]
      );
    });

    it('When an update changes nothing, then it matches but reports no modification', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1, set: ['x'] });
      const r = await c.updateOne({ _id: 'a' }, { $set: { v: 1 }, $addToSet: { set: 'x' } });
      assert.deepEqual([r.matchedCount, r.modifiedCount], [1, 0]);
    });

    it('When updateOne matches nothing without upsert, then nothing is written', async () => {
      const c = fresh<Rec>();
      const r = await c.updateOne({ _id: 'x' }, { $set: { v: 1 } });
      assert.deepEqual(counts(r), [0, 0, 0, null]);
      assert.equal(await c.countDocuments({}), 0);
    });

    it('When updateOne upserts, then the new document is seeded from equality conditions and $setOnInsert applies', async () => {
      const c = fresh<Rec>();
      const r = await c.updateOne(
        { _id: 'u1', tenantId: 't', 'meta.kind': 'k', n: { $gt: 5 }, $and: [{ region: 'eu' }] },
        { $set: { v: 1 }, $setOnInsert: { createdBy: 'alice' }, $inc: { count: 1 } },
        { upsert: true }
      );
      assert.deepEqual(counts(r), [0, 0, 1, 'u1']);
      assert.deepEqual(await c.findOne({ _id: 'u1' }), {
        _id: 'u1',
        tenantId: 't',
        meta: { kind: 'k' },
        region: 'eu',
        v: 1,
        createdBy: 'alice',
        count: 1,
      });
    });

    it('When an upsert finds its document, then it updates it and $setOnInsert is ignored', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'u1', tenantId: 't', createdBy: 'alice', count: 1 });
      const r = await c.updateOne(
        { _id: 'u1', tenantId: 't' },
        { $setOnInsert: { createdBy: 'bob' }, $inc: { count: 1 } },
        { upsert: true }
      );
      assert.deepEqual(counts(r), [1, 1, 0, null]);
      assert.deepEqual(await c.findOne({ _id: 'u1' }), {
        _id: 'u1',
        tenantId: 't',
        createdBy: 'alice',
        count: 2,
      });
    });

    it('When updateMany matches several documents, then all are updated and counted', async () => {
      const c = fresh<Rec>();
      await c.insertMany(
        [1, 2, 3, 4].map((n) => ({
          _id: `d${n}`,
          tenantId: n < 4 ? 't1' : 't2',
          n,
          state: n === 1 ? 'done' : 'open',
        }))
      );
      const r = await c.updateMany({ tenantId: 't1' }, { $set: { state: 'done' } });
      assert.deepEqual([r.matchedCount, r.modifiedCount], [3, 2]);
      assert.deepEqual(sortedIds(await c.find({ state: 'done' }).toArray()), ['d1', 'd2', 'd3']);
    });

    it('When updateMany upserts with no match, then one document is inserted', async () => {
      const c = fresh<Rec>();
      const r = await c.updateMany(
        { _id: 'm', tenantId: 't' },
        { $set: { v: 1 } },
        { upsert: true }
      );
      assert.deepEqual([r.upsertedCount, r.upsertedId], [1, 'm']);
      assert.deepEqual(await c.findOne({ _id: 'm' }), { _id: 'm', tenantId: 't', v: 1 });
    });

    it('When $inc targets a non-numeric field, then the update fails and the document is unchanged', async () => {
      const name = freshName();
      await store.collection<Item>(name).insertOne({ _id: 'a', tenantId: 't', n: 'text', m: 1 });
      const c = store.collection<Rec>(name);
      const bad = c.updateOne({ _id: 'a' }, { $inc: { n: 1, m: 1 } });
      await assert.rejects(bad, (e) => codeOf(e) === 14);
      assert.deepEqual(await c.findOne({ _id: 'a' }), { _id: 'a', tenantId: 't', n: 'text', m: 1 });
    });

    it('When $push targets a non-array field, then the update fails and the document is unchanged', async () => {
      const name = freshName();
      await store.collection<Item>(name).insertOne({ _id: 'a', tenantId: 't', list: 'nope' });
      const c = store.collection<Rec>(name);
      await assert.rejects(c.updateOne({ _id: 'a' }, { $push: { list: 1 } }));
      assert.equal((await c.findOne({ _id: 'a' }))?.list, 'nope');
    });

    it('When an update document has no operators, then it is refused', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      // A replacement document: the typings forbid it, the runtime must refuse it too.
      await assert.rejects(c.updateOne({ _id: 'a' }, { v: 2 } as never));
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 1);
    });

    it('When an update tries to change _id, then it fails with ImmutableField and nothing changes', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      const bad = c.updateOne({ _id: 'a' }, { $set: { _id: 'b', v: 2 } });
      await assert.rejects(bad, (e) => codeOf(e) === 66);
      assert.deepEqual(await c.find({}).toArray(), [{ _id: 'a', tenantId: 't', v: 1 }]);
    });

    it('When an update uses the positional $ operator, then the matched array element is updated', async () => {
      const c = fresh<Rec>();
      const items = [
        { sku: 'p', qty: 1 },
        { sku: 'q', qty: 2 },
      ];
      await c.insertOne({ _id: 'a', tenantId: 't', items });
      await c.updateOne({ _id: 'a', 'items.sku': 'q' }, { $set: { 'items.$.qty': 7 } });
      assert.deepEqual((await c.findOne({ _id: 'a' }))?.items, [
        { sku: 'p', qty: 1 },
        { sku: 'q', qty: 7 },
      ]);
    });
  });

  describe('findOneAndUpdate', () => {
    it('When returnDocument is omitted or "before", then the pre-image is returned; with "after", the post-image', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      const inc = { $inc: { v: 1 } };
      assert.equal((await c.findOneAndUpdate({ _id: 'a' }, inc))?.v, 1);
      const before = await c.findOneAndUpdate({ _id: 'a' }, inc, { returnDocument: 'before' });
      assert.equal(before?.v, 2);
      const after = await c.findOneAndUpdate({ _id: 'a' }, inc, { returnDocument: 'after' });
      assert.equal(after?.v, 4);
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 4);
    });

    it('When a sort is given, then the first document in that order is updated', async () => {
      const c = fresh<Rec>();
      await c.insertMany(
        [3, 1, 2].map((p) => ({ _id: `j${p}`, tenantId: 't', p, state: 'queued' }))
      );
      const got = await c.findOneAndUpdate(
        { state: 'queued' },
        { $set: { state: 'running' } },
        { sort: { p: -1 }, returnDocument: 'after' }
      );
      assert.deepEqual(got, { _id: 'j3', tenantId: 't', p: 3, state: 'running' });
    });

    it('When nothing matches and upsert is off, then null is returned and nothing is written', async () => {
      const c = fresh<Rec>();
      const got = await c.findOneAndUpdate(
        { _id: 'x' },
        { $set: { v: 1 } },
        { returnDocument: 'after' }
      );
      assert.equal(got, null);
      assert.equal(await c.countDocuments({}), 0);
    });

    it('When nothing matches and upsert is on, then "after" returns the inserted document and "before" null', async () => {
      const c = fresh<Rec>();
      const after = await c.findOneAndUpdate(
        { _id: 'x', tenantId: 't' },
        { $set: { v: 1 }, $setOnInsert: { created: true } },
        { upsert: true, returnDocument: 'after' }
      );
      assert.deepEqual(after, { _id: 'x', tenantId: 't', v: 1, created: true });
      const before = await c.findOneAndUpdate(
        { _id: 'y', tenantId: 't' },
        { $set: { v: 2 } },
        { upsert: true }
      );
      assert.equal(before, null);
      assert.deepEqual(await c.findOne({ _id: 'y' }), { _id: 'y', tenantId: 't', v: 2 });
    });

    it('When 50 callers race to move the same document out of "pending", then exactly one wins', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'inv', tenantId: 't', state: 'pending' });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          c.findOneAndUpdate(
            { _id: 'inv', state: 'pending' },
            { $set: { state: 'accepted', by: i } },
            { returnDocument: 'after' }
          )
        )
      );
      const winners = results.filter((r) => r !== null);
      assert.equal(winners.length, 1);
      const final = await c.findOne({ _id: 'inv' });
      assert.equal(final?.state, 'accepted');
      assert.equal(final?.by, winners[0]?.by);
    });

    it('When 100 callers $inc one counter concurrently, then no increment is lost', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'ctr', tenantId: 't', n: 0 });
      await Promise.all(
        Array.from({ length: 100 }, () => c.updateOne({ _id: 'ctr' }, { $inc: { n: 1 } }))
      );
      assert.equal((await c.findOne({ _id: 'ctr' }))?.n, 100);
    });
  });

  describe('deletes', () => {
    it('When findOneAndDelete matches, then it returns the deleted document and it is gone; otherwise null', async () => {
      const c = fresh<Rec>();
      await c.insertMany([1, 2, 3].map((p) => ({ _id: `d${p}`, tenantId: 't', p })));
      const got = await c.findOneAndDelete({ p: { $gte: 2 } }, { sort: { p: -1 } });
      assert.deepEqual(got, { _id: 'd3', tenantId: 't', p: 3 });
      assert.equal(await c.findOne({ _id: 'd3' }), null);
      assert.equal(await c.findOneAndDelete({ p: 99 }), null);
      assert.equal(await c.countDocuments({}), 2);
    });

    it('When deleteOne matches several documents, then exactly one is deleted', async () => {
      const c = fresh<Rec>();
      await c.insertMany([1, 2, 3].map((p) => ({ _id: `d${p}`, tenantId: 't', p })));
      assert.equal((await c.deleteOne({ tenantId: 't' })).deletedCount, 1);
      assert.equal(await c.countDocuments({}), 2);
      assert.equal((await c.deleteOne({ tenantId: 'none' })).deletedCount, 0);
    });

    it('When deleteMany matches, then every match is deleted and counted', async () => {
      const c = fresh<Rec>();
      await c.insertMany(
        [1, 2, 3, 4].map((p) => ({ _id: `d${p}`, tenantId: p % 2 ? 'odd' : 'even', p }))
      );
      assert.equal((await c.deleteMany({ tenantId: 'odd' })).deletedCount, 2);
      assert.deepEqual(sortedIds(await c.find({}).toArray()), ['d2', 'd4']);
      assert.equal((await c.deleteMany({})).deletedCount, 2);
      assert.equal(await c.countDocuments({}), 0);
    });
  });

  describe('indexes', () => {
    it('When createIndex is called twice with the same spec, then it is idempotent and returns the name', async () => {
      const c = fresh();
      assert.equal(await c.createIndex({ tenantId: 1, at: -1 }), 'tenantId_1_at_-1');
      assert.equal(await c.createIndex({ tenantId: 1, at: -1 }), 'tenantId_1_at_-1');
      const named = { unique: true, name: 'by_email' };
      assert.equal(await c.createIndex({ email: 1 }, named), 'by_email');
      assert.equal(await c.createIndex({ email: 1 }, named), 'by_email');
      assert.equal(await c.createIndex({ at: 1 }, { expireAfterSeconds: 3600 }), 'at_1');
    });

    it('When a unique index exists, then a duplicate insert fails with E11000 and nothing is written', async () => {
      const c = fresh();
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't', email: 'x@y' });
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'b', tenantId: 't', email: 'x@y' }));
      assert.equal(await c.findOne({ _id: 'b' }), null);
      assert.equal(await c.countDocuments({}), 1);
    });

    it('When a compound unique index exists, then only the full key must be unique', async () => {
      const c = fresh();
      await c.createIndex({ tenantId: 1, upn: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't1', upn: 'alice' });
      await c.insertOne({ _id: 'b', tenantId: 't2', upn: 'alice' });
      await c.insertOne({ _id: 'c', tenantId: 't1', upn: 'bob' });
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'd', tenantId: 't1', upn: 'alice' }));
      assert.deepEqual(sortedIds(await c.find({}).toArray()), ['a', 'b', 'c']);
    });

    it('When an update would duplicate a unique key, then it fails with E11000 and the document is unchanged', async () => {
      const c = fresh();
      await c.createIndex({ tenantId: 1, 'member.id': 1 }, { unique: true });
      await c.insertMany([
        { _id: 'a', tenantId: 't', member: { id: 'm1' } },
        { _id: 'b', tenantId: 't', member: { id: 'm2' } },
      ]);
      const clash = { $set: { 'member.id': 'm1', extra: 1 } };
      await rejectsWithDuplicateKey(c.updateOne({ _id: 'b' }, clash));
      await rejectsWithDuplicateKey(c.findOneAndUpdate({ _id: 'b' }, clash));
      const b = await c.findOne({ _id: 'b' });
      assert.deepEqual(b, { _id: 'b', tenantId: 't', member: { id: 'm2' } });
    });

    it('When an upsert would duplicate a unique key, then it fails with E11000 and nothing is inserted', async () => {
      const c = fresh();
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't', email: 'x@y' });
      await rejectsWithDuplicateKey(
        c.updateOne({ _id: 'b', tenantId: 't' }, { $set: { email: 'x@y' } }, { upsert: true })
      );
      // The classic compare-and-set-with-upsert clash: the filter misses, the insert hits _id.
      await rejectsWithDuplicateKey(
        c.updateOne({ _id: 'a', email: 'other' }, { $set: { v: 1 } }, { upsert: true })
      );
      assert.equal(await c.countDocuments({}), 1);
    });

    it('When documents lack a uniquely indexed field, then the second one collides (missing is null)', async () => {
      const c = fresh();
      await c.createIndex({ code: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't' });
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'b', tenantId: 't' }));
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'c', tenantId: 't', code: null }));
    });

    it('When a uniquely indexed field is an array, then elements collide across documents but not within one', async () => {
      const c = fresh();
      await c.createIndex({ domains: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't', domains: ['a.com', 'b.com', 'a.com'] });
      await rejectsWithDuplicateKey(
        c.insertOne({ _id: 'b', tenantId: 't', domains: ['c.com', 'b.com'] })
      );
      await rejectsWithDuplicateKey(c.insertOne({ _id: 'c', tenantId: 't', domains: 'a.com' }));
      await c.insertOne({ _id: 'd', tenantId: 't', domains: ['d.com'] });
      assert.equal(await c.countDocuments({}), 2);
    });

    it('When a compound index covers two fields that are both arrays, then the write is refused', async () => {
      const c = fresh();
      await c.createIndex({ a: 1, b: 1 });
      await c.insertOne({ _id: 'one', tenantId: 't', a: [1, 2], b: 3 });
      const bad = c.insertOne({ _id: 'two', tenantId: 't', a: [1, 2], b: [3, 4] });
      await assert.rejects(bad, (e) => codeOf(e) === 171);
      assert.equal(await c.countDocuments({}), 1);
    });

    it('When a unique index is created over existing duplicates, then it fails and leaves no constraint', async () => {
      const c = fresh();
      await c.insertMany([
        { _id: 'a', tenantId: 't', k: 1 },
        { _id: 'b', tenantId: 't', k: 1 },
      ]);
      await rejectsWithDuplicateKey(c.createIndex({ k: 1 }, { unique: true }));
      await c.insertOne({ _id: 'c', tenantId: 't', k: 1 });
      assert.equal(await c.countDocuments({ k: 1 }), 3);
    });
  });

  describe('aggregate', () => {
    it('When a pipeline has $match, $group and $sort, then it returns grouped totals in order', async () => {
      const c = fresh();
      await c.insertMany([
        { _id: '1', tenantId: 't1', status: 'open', sev: 3 },
        { _id: '2', tenantId: 't1', status: 'open', sev: 1 },
        { _id: '3', tenantId: 't1', status: 'closed', sev: 2 },
        { _id: '4', tenantId: 't2', status: 'open', sev: 5 },
      ]);
      const rows = await c
        .aggregate([
          { $match: { tenantId: 't1' } },
          { $group: { _id: '$status', n: { $sum: 1 }, maxSev: { $max: '$sev' } } },
          { $sort: { n: -1 } },
        ])
        .toArray();
      assert.deepEqual(rows, [
        { _id: 'open', n: 2, maxSev: 3 },
        { _id: 'closed', n: 1, maxSev: 2 },
      ]);
    });

    it('When a pipeline projects and limits without a leading $match, then it sees every document', async () => {
      const c = fresh();
      await c.insertMany([3, 1, 2].map((n) => ({ _id: `d${n}`, tenantId: 't', n })));
      const rows = await c
        .aggregate([
          { $sort: { n: 1 } },
          { $limit: 2 },
          { $project: { _id: 0, double: { $multiply: ['$n', 2] } } },
        ])
        .toArray();
      assert.deepEqual(rows, [{ double: 2 }, { double: 4 }]);
      const [count] = await c.aggregate([{ $match: { n: { $gt: 1 } } }, { $count: 'n' }]).toArray();
      assert.deepEqual(count, { n: 2 });
    });

    it('When $lookup joins another collection, then the matching documents are embedded', async () => {
      const rooms = fresh();
      const tickets = fresh();
      await rooms.insertMany([
        { _id: 'r1', tenantId: 't', name: 'Lobby' },
        { _id: 'r2', tenantId: 't', name: 'Board' },
      ]);
      await tickets.insertMany([
        { _id: 'k1', tenantId: 't', roomId: 'r2' },
        { _id: 'k2', tenantId: 't', roomId: 'r9' },
      ]);
      const rows = await tickets
        .aggregate([
          { $sort: { _id: 1 } },
          {
            $lookup: {
              from: rooms.collectionName,
              localField: 'roomId',
              foreignField: '_id',
              as: 'room',
            },
          },
          { $project: { _id: 1, names: '$room.name' } },
        ])
        .toArray();
      assert.deepEqual(rows, [
        { _id: 'k1', names: ['Board'] },
        { _id: 'k2', names: [] },
      ]);
    });

    it('When aggregation results are modified, then the stored documents are not', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'a', tenantId: 't', nested: { v: 1 } });
      const [row] = await c.aggregate<{ nested: { v: number } }>([{ $match: {} }]).toArray();
      row!.nested.v = 99;
      assert.deepEqual((await c.findOne({ _id: 'a' }))?.nested, { v: 1 });
    });
  });

  /**
   * MongoDB 8.0 manual examples, as given there (numeric `_id`s written as strings: the embedded
   * store requires string ids). Each case asserts the result the manual documents.
   */
  describe('MongoDB manual: array updates', () => {
    it('When $[] increments every element (manual: $[] "Update All Elements in an Array"), then each grade grows by 10', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', grades: [85, 82, 80] },
          { _id: '2', grades: [88, 90, 92] },
          { _id: '3', grades: [85, 100, 90] },
        ])
      );
      const r = await c.updateMany({}, { $inc: { 'grades.$[]': 10 } }, { upsert: true });
      assert.deepEqual(counts(r), [3, 3, 0, null]);
      assert.deepEqual(await c.find({}, { sort: { _id: 1 } }).toArray(), [
        { _id: '1', grades: [95, 92, 90] },
        { _id: '2', grades: [98, 100, 102] },
        { _id: '3', grades: [95, 110, 100] },
      ]);
    });

    it('When $[element] is used with arrayFilters (manual: "Update All Array Elements That Match arrayFilters"), then only matching elements change', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', grades: [95, 92, 90] },
          { _id: '2', grades: [98, 100, 102] },
          { _id: '3', grades: [95, 110, 100] },
        ])
      );
      const r = await c.updateMany(
        {},
        { $set: { 'grades.$[element]': 100 } },
        { arrayFilters: [{ element: { $gte: 100 } }] }
      );
      // Document 1 has no element >= 100; 2 and 3 each have one above 100.
      assert.deepEqual(counts(r), [3, 2, 0, null]);
      assert.deepEqual(await c.find({}, { sort: { _id: 1 } }).toArray(), [
        { _id: '1', grades: [95, 92, 90] },
        { _id: '2', grades: [98, 100, 100] },
        { _id: '3', grades: [95, 100, 100] },
      ]);
    });

    it('When arrayFilters select embedded documents (manual: "Update Specific Elements of an Array of Documents"), then only their field changes', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          {
            _id: '1',
            grades: [
              { grade: 80, mean: 75, std: 6 },
              { grade: 85, mean: 90, std: 4 },
              { grade: 85, mean: 85, std: 6 },
            ],
          },
          {
            _id: '2',
            grades: [
              { grade: 90, mean: 75, std: 6 },
              { grade: 87, mean: 90, std: 3 },
              { grade: 85, mean: 85, std: 4 },
            ],
          },
        ])
      );
      await c.updateMany(
        {},
        { $set: { 'grades.$[elem].mean': 100 } },
        { arrayFilters: [{ 'elem.grade': { $gte: 85 } }] }
      );
      const docs = await c.find({}, { sort: { _id: 1 } }).toArray();
      assert.deepEqual(
        docs.map((d) => (d.grades as { mean: number }[]).map((g) => g.mean)),
        [
          [75, 100, 100],
          [100, 100, 100],
        ]
      );
    });

    it('When one array filter has several conditions (manual: "Update All Array Elements That Match Multiple Conditions"), then only elements meeting all change', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          {
            _id: '1',
            grades: [
              { grade: 80, mean: 75, std: 6 },
              { grade: 85, mean: 100, std: 4 },
              { grade: 85, mean: 100, std: 6 },
            ],
          },
          {
            _id: '2',
            grades: [
              { grade: 90, mean: 100, std: 6 },
              { grade: 87, mean: 100, std: 3 },
              { grade: 85, mean: 100, std: 4 },
            ],
          },
        ])
      );
      await c.updateMany(
        {},
        { $inc: { 'grades.$[elem].std': -1 } },
        { arrayFilters: [{ 'elem.grade': { $gte: 80 }, 'elem.std': { $gte: 5 } }] }
      );
      const docs = await c.find({}, { sort: { _id: 1 } }).toArray();
      assert.deepEqual(
        docs.map((d) => (d.grades as { std: number }[]).map((g) => g.std)),
        [
          [5, 4, 5],
          [5, 3, 4],
        ]
      );
    });

    it('When $[<id>] filters two levels, or joins $[] (manual: "Update Nested Arrays in Conjunction with $[]"), then each level filters', async () => {
      const c = fresh<Free>();
      const questions = async () =>
        ((await c.findOne({ _id: '1' }))?.grades as { questions: number[] }[]).map(
          (g) => g.questions
        );
      await c.insertOne(
        manual([
          {
            _id: '1',
            grades: [
              { type: 'quiz', questions: [10, 8, 5] },
              { type: 'quiz', questions: [8, 9, 6] },
              { type: 'hw', questions: [5, 4, 3] },
              { type: 'exam', questions: [25, 10, 23, 0] },
            ],
          },
        ])[0]!
      );
      await c.updateMany(
        {},
        { $inc: { 'grades.$[t].questions.$[score]': 2 } },
        { arrayFilters: [{ 't.type': 'quiz' }, { score: { $gte: 8 } }] }
      );
      assert.deepEqual(await questions(), [
        [12, 10, 5],
        [10, 11, 6],
        [5, 4, 3],
        [25, 10, 23, 0],
      ]);
      await c.updateMany(
        {},
        { $inc: { 'grades.$[].questions.$[score]': 2 } },
        { arrayFilters: [{ score: { $gte: 8 } }] }
      );
      assert.deepEqual(await questions(), [
        [14, 12, 5],
        [12, 13, 6],
        [5, 4, 3],
        [27, 12, 25, 0],
      ]);
    });

    it('When the positional $ updates the first matching element (manual: $ "Update Values in an Array"), then only that one changes', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', grades: [85, 80, 80] },
          { _id: '2', grades: [88, 90, 92] },
        ])
      );
      const r = await c.updateOne({ _id: '1', grades: 80 }, { $set: { 'grades.$': 82 } });
      assert.deepEqual(counts(r), [1, 1, 0, null]);
      assert.deepEqual((await c.findOne({ _id: '1' }))?.grades, [85, 82, 80]);
    });

    it('When an identifier has no array filter, or a filter is unused, then the update fails and nothing changes', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', grades: [1, 2] }])[0]!);
      await assert.rejects(
        c.updateOne({ _id: '1' }, { $set: { 'grades.$[x]': 0 } }),
        (e) => codeOf(e) === 2
      );
      await assert.rejects(
        c.updateOne(
          { _id: '1' },
          { $set: { 'grades.$[x]': 0 } },
          { arrayFilters: [{ x: 1 }, { y: 2 }] }
        ),
        (e) => codeOf(e) === 9
      );
      assert.deepEqual((await c.findOne({ _id: '1' }))?.grades, [1, 2]);
    });

    it('When an upsert with $[<id>] inserts (manual: $[<identifier>] "upsert"), then the filter must pin the array by equality', async () => {
      const c = fresh<Free>();
      const r = await c.updateOne(
        { myArray: [5, 8] },
        { $set: { 'myArray.$[element]': 2 } },
        { arrayFilters: [{ element: 0 }], upsert: true }
      );
      assert.equal(r.upsertedCount, 1);
      assert.deepEqual((await c.findOne({ _id: r.upsertedId! }))?.myArray, [5, 8]);
      await assert.rejects(
        c.updateOne(
          { other: 1 },
          { $set: { 'myArray.$[element]': 2 } },
          { arrayFilters: [{ element: 0 }], upsert: true }
        )
      );
      assert.equal(await c.countDocuments({}), 1);
    });

    it('When $[] targets a field that is missing, then the update fails (the path must exist)', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1' }])[0]!);
      await assert.rejects(
        c.updateOne({ _id: '1' }, { $set: { 'grades.$[]': 0 } }),
        (e) => codeOf(e) === 2
      );
    });

    it('When $set names a field inside an array of scalars, then it fails with PathNotViable', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', list: [1, 2] }])[0]!);
      await assert.rejects(
        c.updateOne({ _id: '1' }, { $set: { 'list.x': 1 } }),
        (e) => codeOf(e) === 28
      );
      assert.deepEqual((await c.findOne({ _id: '1' }))?.list, [1, 2]);
    });
  });

  describe('MongoDB manual: update validation and results', () => {
    it('When two operators update the same path or a path and its prefix, then it fails with code 40 and nothing changes', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1, deep: { k: 'x' } });
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $set: { v: 2 }, $inc: { v: 1 } }),
        (e) => codeOf(e) === 40
      );
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $set: { 'deep.k': 'y' }, $unset: { deep: '' } }),
        (e) => codeOf(e) === 40
      );
      // $setOnInsert takes part in the check even when the document exists.
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $set: { v: 2 }, $setOnInsert: { v: 3 } }, { upsert: true }),
        (e) => codeOf(e) === 40
      );
      assert.deepEqual(await c.findOne({ _id: 'a' }), {
        _id: 'a',
        tenantId: 't',
        v: 1,
        deep: { k: 'x' },
      });
    });

    it('When an update is empty or an empty pipeline, then it is refused; an empty $set matches without modifying (5.0+)', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      await assert.rejects(c.updateOne({ _id: 'a' }, {}), /requires atomic operators/);
      await assert.rejects(c.updateOne({ _id: 'a' }, []), /requires atomic operators/);
      assert.deepEqual(counts(await c.updateOne({ _id: 'a' }, { $set: {} })), [1, 0, 0, null]);
    });

    it('When an update uses an unknown modifier, then it fails with FailedToParse (9)', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $foo: { v: 2 } } as never),
        (e) => codeOf(e) === 9
      );
    });

    it('When $inc is given a non-numeric argument, then it fails with TypeMismatch (14)', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $inc: { v: 'x' as never } }),
        (e) => codeOf(e) === 14
      );
    });

    it('When $set gives _id the value it already has, then the rest of the update applies', async () => {
      const c = fresh<Rec>();
      await c.insertOne({ _id: 'a', tenantId: 't', v: 1 });
      assert.deepEqual(counts(await c.updateOne({ _id: 'a' }, { $set: { _id: 'a', v: 2 } })), [
        1,
        1,
        0,
        null,
      ]);
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 2);
    });

    it('When an update adds several fields, then they are created in lexicographic order (5.0+)', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', z: 0 }])[0]!);
      await c.updateOne({ _id: '1' }, { $set: { c: 1, a: 1 }, $inc: { b: 1 } });
      assert.deepEqual(Object.keys((await c.findOne({ _id: '1' }))!), ['_id', 'z', 'a', 'b', 'c']);
    });

    it('When an upsert inserts (manual: $setOnInsert), then $set and $setOnInsert both apply and _id comes from the filter', async () => {
      const c = fresh<Free>();
      const r = await c.updateOne(
        { _id: '1' },
        { $set: { item: 'apple' }, $setOnInsert: { defaultQty: 100 } },
        { upsert: true }
      );
      assert.deepEqual(counts(r), [0, 0, 1, '1']);
      assert.deepEqual(await c.findOne({ _id: '1' }), { _id: '1', item: 'apple', defaultQty: 100 });
    });

    it('When an upsert filter has dotted and $eq equalities and ranges, then only the equalities seed the document', async () => {
      const c = fresh<Free>();
      const r = await c.updateOne(
        { 'a.b': 1, c: { $eq: 'x' }, n: { $gt: 5 }, $and: [{ d: true }] },
        { $set: { e: 2 } },
        { upsert: true }
      );
      assert.equal(r.upsertedCount, 1);
      const doc = await c.findOne({ _id: r.upsertedId! });
      assert.deepEqual({ ...doc, _id: 'x' }, { _id: 'x', a: { b: 1 }, c: 'x', d: true, e: 2 });
    });

    it('When updateOne has a sort (8.0), then the first match in that order is updated', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', state: 'open', score: 5 },
          { _id: '2', state: 'open', score: 9 },
          { _id: '3', state: 'open', score: 1 },
        ])
      );
      await c.updateOne({ state: 'open' }, { $set: { picked: true } }, { sort: { score: -1 } });
      await c.updateOne({ state: 'open' }, { $set: { low: true } }, { sort: { score: 1 } });
      assert.deepEqual(await c.distinct('_id', { picked: true }), ['2']);
      assert.deepEqual(await c.distinct('_id', { low: true }), ['3']);
    });

    it('When an update changes nothing with arrayFilters, then matchedCount counts it and modifiedCount does not', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', grades: [90, 91] }])[0]!);
      const r = await c.updateOne(
        { _id: '1' },
        { $set: { 'grades.$[g]': 100 } },
        { arrayFilters: [{ g: { $gte: 100 } }] }
      );
      assert.deepEqual(counts(r), [1, 0, 0, null]);
    });
  });

  describe('MongoDB manual: updates with an aggregation pipeline', () => {
    it('When updateOne gets [{ $set }] with $$NOW (manual: "Update with Aggregation Pipeline"), then the fields are set', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', test1: 95, test2: 92, test3: 90, modified: new Date('2020-01-05') },
          { _id: '3', test1: 95, test2: 110, modified: new Date('2020-01-04') },
        ])
      );
      const r = await c.updateOne({ _id: '3' }, [{ $set: { test3: 98, modified: '$$NOW' } }]);
      assert.deepEqual(counts(r), [1, 1, 0, null]);
      const doc = await c.findOne({ _id: '3' });
      assert.equal(doc?.test3, 98);
      assert.ok(doc?.modified instanceof Date && doc.modified.getTime() > Date.UTC(2024, 0, 1));
    });

    it('When updateMany gets $replaceRoot with $mergeObjects (manual: students2), then missing fields get defaults', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', quiz1: 8, test2: 100, quiz2: 9 },
          { _id: '2', quiz2: 5, test1: 80, test2: 89 },
        ])
      );
      const r = await c.updateMany({}, [
        {
          $replaceRoot: {
            newRoot: { $mergeObjects: [{ quiz1: 0, quiz2: 0, test1: 0, test2: 0 }, '$$ROOT'] },
          },
        },
      ]);
      assert.deepEqual(counts(r), [2, 2, 0, null]);
      assert.deepEqual(await c.find({}, { sort: { _id: 1 } }).toArray(), [
        { _id: '1', quiz1: 8, quiz2: 9, test1: 0, test2: 100 },
        { _id: '2', quiz1: 0, quiz2: 5, test1: 80, test2: 89 },
      ]);
    });

    it('When a pipeline computes from other fields (manual: students3 average and grade), then each document gets its own values', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          { _id: '1', tests: [95, 92, 90] },
          { _id: '2', tests: [94, 88, 90] },
          { _id: '3', tests: [70, 75, 82] },
        ])
      );
      await c.updateMany({}, [
        { $set: { average: { $trunc: [{ $avg: '$tests' }, 0] } } },
        {
          $set: {
            grade: {
              $switch: {
                branches: [
                  { case: { $gte: ['$average', 90] }, then: 'A' },
                  { case: { $gte: ['$average', 80] }, then: 'B' },
                  { case: { $gte: ['$average', 70] }, then: 'C' },
                  { case: { $gte: ['$average', 60] }, then: 'D' },
                ],
                default: 'F',
              },
            },
          },
        },
      ]);
      const docs = await c
        .find({}, { sort: { _id: 1 }, projection: { average: 1, grade: 1 } })
        .toArray();
      assert.deepEqual(docs, [
        { _id: '1', average: 92, grade: 'A' },
        { _id: '2', average: 90, grade: 'A' },
        { _id: '3', average: 75, grade: 'C' },
      ]);
    });

    it('When $replaceWith uses $setField (manual: $setField), then a field with a dot in its name is set', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', item: 'sweatshirt', 'price.usd': 45.99 }])[0]!);
      await c.updateOne({ _id: '1' }, [
        { $replaceWith: { $setField: { field: 'price.usd', input: '$$ROOT', value: 49.99 } } },
      ]);
      assert.deepEqual(await c.findOne({ _id: '1' }), {
        _id: '1',
        item: 'sweatshirt',
        'price.usd': 49.99,
      });
    });

    it('When a pipeline leaves the document as it was, then it matches without modifying; $unset stages remove fields', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1, b: 2 }])[0]!);
      assert.deepEqual(counts(await c.updateOne({ _id: '1' }, [{ $set: { a: 1 } }])), [
        1,
        0,
        0,
        null,
      ]);
      assert.deepEqual(counts(await c.updateOne({ _id: '1' }, [{ $unset: 'b' }])), [1, 1, 0, null]);
      assert.deepEqual(await c.findOne({ _id: '1' }), { _id: '1', a: 1 });
    });

    it('When a pipeline upserts, then the filter equalities seed the document before the stages run', async () => {
      const c = fresh<Free>();
      const r = await c.updateOne(
        { _id: 'n', kind: 'k' },
        [{ $set: { total: { $add: [1, 2] } } }],
        { upsert: true }
      );
      assert.deepEqual(counts(r), [0, 0, 1, 'n']);
      assert.deepEqual(await c.findOne({ _id: 'n' }), { _id: 'n', kind: 'k', total: 3 });
    });

    it('When a pipeline would change _id, then it fails with ImmutableField (66) and nothing changes', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1 }])[0]!);
      await assert.rejects(
        c.updateOne({ _id: '1' }, [{ $set: { _id: '2', a: 2 } }]),
        (e) => codeOf(e) === 66
      );
      assert.deepEqual(await c.find({}).toArray(), [{ _id: '1', a: 1 }]);
    });

    it('When an update pipeline holds a stage updates do not allow, then it is refused and nothing changes', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1 }])[0]!);
      await assert.rejects(c.updateOne({ _id: '1' }, [{ $match: { a: 1 } }]));
      assert.deepEqual(await c.findOne({ _id: '1' }), { _id: '1', a: 1 });
    });
  });

  describe('MongoDB manual: replaceOne and findOneAndReplace', () => {
    const restaurants = () =>
      manual([
        { _id: '1', name: 'Central Perk Cafe', Borough: 'Manhattan' },
        { _id: '2', name: 'Rock A Feller Bar and Grill', Borough: 'Queens', violations: 2 },
        { _id: '3', name: 'Empire State Pub', Borough: 'Brooklyn', violations: 0 },
      ]);

    it('When replaceOne matches (manual: "Replace"), then the document is replaced keeping its _id', async () => {
      const c = fresh<Free>();
      await c.insertMany(restaurants());
      const r = await c.replaceOne({ name: 'Central Perk Cafe' }, {
        name: 'Central Pork Cafe',
        Borough: 'Manhattan',
      } as never);
      assert.deepEqual(counts(r), [1, 1, 0, null]);
      assert.deepEqual(await c.findOne({ _id: '1' }), {
        _id: '1',
        name: 'Central Pork Cafe',
        Borough: 'Manhattan',
      });
    });

    it('When replaceOne upserts (manual: "Replace with Upsert"), then the replacement is inserted with its _id', async () => {
      const c = fresh<Free>();
      await c.insertMany(restaurants());
      const r = await c.replaceOne(
        { name: "Pizza Rat's Pizzaria" },
        { _id: '4', name: "Pizza Rat's Pizzaria", Borough: 'Manhattan', violations: 8 } as never,
        { upsert: true }
      );
      assert.deepEqual(counts(r), [0, 0, 1, '4']);
      assert.equal(await c.countDocuments({}), 4);
    });

    it('When replaceOne upserts without an _id, then only the filter _id is taken, not its other fields', async () => {
      const c = fresh<Free>();
      const r = await c.replaceOne({ _id: 'r', name: 'x' }, { size: 1 } as never, { upsert: true });
      assert.equal(r.upsertedId, 'r');
      assert.deepEqual(await c.findOne({ _id: 'r' }), { _id: 'r', size: 1 });
    });

    it('When a replacement has update operators or another _id, then it is refused and nothing changes', async () => {
      const c = fresh<Free>();
      await c.insertMany(restaurants());
      await assert.rejects(
        c.replaceOne({ _id: '1' }, { $set: { name: 'x' } } as never),
        /must not contain atomic operators/
      );
      await assert.rejects(
        c.replaceOne({ _id: '1' }, { _id: '9', name: 'x' } as never),
        (e) => codeOf(e) === 66
      );
      assert.equal((await c.findOne({ _id: '1' }))?.name, 'Central Perk Cafe');
    });

    it('When replaceOne has a sort (8.0), then the first match in that order is replaced', async () => {
      const c = fresh<Free>();
      await c.insertMany(restaurants());
      await c.replaceOne({ Borough: { $ne: 'x' } }, { name: 'first by name' } as never, {
        sort: { name: 1 },
      });
      assert.equal((await c.findOne({ _id: '1' }))?.name, 'first by name');
    });

    const scores = () =>
      manual([
        { _id: '1521', team: 'Fearful Mallards', score: 25000 },
        { _id: '2231', team: 'Tactful Mooses', score: 23500 },
        { _id: '4511', team: 'Aquatic Ponies', score: 19250 },
        { _id: '5331', team: 'Cuddly Zebras', score: 15235 },
        { _id: '3412', team: 'Garrulous Bears', score: 22300 },
      ]);

    it('When findOneAndReplace runs (manual: "Replace A Document"), then it returns the original document', async () => {
      const c = fresh<Free>();
      await c.insertMany(scores());
      const before = await c.findOneAndReplace({ score: { $lt: 20000 } }, {
        team: 'Observant Badgers',
        score: 20000,
      } as never);
      assert.deepEqual(before, { _id: '4511', team: 'Aquatic Ponies', score: 19250 });
      assert.deepEqual(await c.findOne({ _id: '4511' }), {
        _id: '4511',
        team: 'Observant Badgers',
        score: 20000,
      });
    });

    it('When findOneAndReplace has a sort and a projection (manual: "Sort and Replace", "Project the Returned Document"), then they apply', async () => {
      const c = fresh<Free>();
      await c.insertMany(scores());
      const sorted = await c.findOneAndReplace(
        { score: { $lt: 20000 } },
        { team: 'Observant Badgers', score: 20000 } as never,
        { sort: { score: 1 } }
      );
      assert.equal(sorted?._id, '5331');
      const d = fresh<Free>();
      await d.insertMany(scores());
      const projected = await d.findOneAndReplace(
        { score: { $lt: 22250 } },
        { team: 'Therapeutic Hamsters', score: 22250 } as never,
        { sort: { score: 1 }, projection: { _id: 0, team: 1 } }
      );
      assert.deepEqual(projected, { team: 'Cuddly Zebras' });
    });

    it('When findOneAndReplace upserts with returnDocument "after" (manual: "Replace Document with Upsert"), then the new document is returned', async () => {
      const c = fresh<Free>();
      await c.insertMany(scores());
      const after = await c.findOneAndReplace(
        { team: 'Fortified Lobsters' },
        { _id: '6019', team: 'Fortified Lobsters', score: 32000 } as never,
        { upsert: true, returnDocument: 'after' }
      );
      assert.deepEqual(after, { _id: '6019', team: 'Fortified Lobsters', score: 32000 });
    });
  });

  describe('MongoDB manual: distinct and estimatedDocumentCount', () => {
    const inventory = () =>
      manual([
        { _id: '1', dept: 'A', item: { sku: '111', color: 'red' }, sizes: ['S', 'M'] },
        { _id: '2', dept: 'A', item: { sku: '111', color: 'blue' }, sizes: ['M', 'L'] },
        { _id: '3', dept: 'B', item: { sku: '222', color: 'blue' }, sizes: 'S' },
        { _id: '4', dept: 'A', item: { sku: '333', color: 'black' }, sizes: ['S'] },
      ]);

    it('When distinct reads a field, an embedded field, an array field and a filtered set (manual: distinct examples), then each value appears once', async () => {
      const c = fresh<Free>();
      await c.insertMany(inventory());
      const sorted = (xs: unknown[]) => [...(xs as string[])].sort();
      assert.deepEqual(sorted(await c.distinct('dept')), ['A', 'B']);
      assert.deepEqual(sorted(await c.distinct('item.sku')), ['111', '222', '333']);
      assert.deepEqual(sorted(await c.distinct('sizes')), ['L', 'M', 'S']);
      assert.deepEqual(sorted(await c.distinct('item.sku', { dept: 'A' })), ['111', '333']);
    });

    it('When estimatedDocumentCount runs, then it returns the number of documents', async () => {
      const c = fresh<Free>();
      assert.equal(await c.estimatedDocumentCount(), 0);
      await c.insertMany(inventory());
      assert.equal(await c.estimatedDocumentCount(), 4);
    });
  });

  describe('MongoDB manual: insertMany and bulkWrite partial failures', () => {
    it('When insertMany succeeds, then insertedIds maps each position to its _id', async () => {
      const c = fresh<Free>();
      const r = await c.insertMany(manual([{ _id: 'a' }, { _id: 'b' }]));
      assert.deepEqual(r.insertedIds, { 0: 'a', 1: 'b' });
    });

    it('When an unordered insertMany meets duplicates (manual: "Unordered Inserts"), then the rest are inserted and each failure is reported', async () => {
      const c = fresh<Free>();
      const docs = manual([
        { _id: '10', item: 'large box', qty: 20 },
        { _id: '11', item: 'small box', qty: 55 },
        { _id: '11', item: 'medium box', qty: 30 },
        { _id: '12', item: 'envelope', qty: 100 },
        { _id: '13', item: 'stamps', qty: 125 },
        { _id: '13', item: 'tape', qty: 20 },
        { _id: '14', item: 'bubble wrap', qty: 30 },
      ]);
      await assert.rejects(c.insertMany(docs, { ordered: false }), (e: unknown) => {
        assert.ok(isBulkWriteError(e), `expected a bulk write error, got ${String(e)}`);
        assert.equal(e.code, 11000);
        assert.deepEqual(
          e.writeErrors.map((w) => [w.index, w.code]),
          [
            [2, 11000],
            [5, 11000],
          ]
        );
        assert.equal(e.insertedCount, 5);
        assert.deepEqual(e.insertedIds, { 0: '10', 1: '11', 3: '12', 4: '13', 6: '14' });
        return true;
      });
      assert.deepEqual((await c.distinct('item')).sort(), [
        'bubble wrap',
        'envelope',
        'large box',
        'small box',
        'stamps',
      ]);
    });

    it('When an ordered insertMany meets a duplicate (manual: "Ordered Inserts"), then it stops there and reports what it inserted', async () => {
      const c = fresh<Free>();
      const docs = manual([
        { _id: '13', item: 'envelopes', qty: 60 },
        { _id: '13', item: 'stamps', qty: 110 },
        { _id: '14', item: 'packing tape', qty: 38 },
      ]);
      await assert.rejects(c.insertMany(docs), (e: unknown) => {
        assert.ok(isBulkWriteError(e));
        assert.deepEqual(
          e.writeErrors.map((w) => w.index),
          [1]
        );
        assert.equal(e.insertedCount, 1);
        assert.deepEqual(e.insertedIds, { 0: '13' });
        return true;
      });
      assert.equal(await c.countDocuments({}), 1);
    });

    const pizzas = () =>
      manual([
        { _id: '0', type: 'pepperoni', size: 'small', price: 4 },
        { _id: '1', type: 'cheese', size: 'medium', price: 7 },
        { _id: '2', type: 'vegan', size: 'large', price: 8 },
      ]);

    it('When bulkWrite mixes operations (manual: bulkWrite "Insert and Update Operations"), then the result counts each kind', async () => {
      const c = fresh<Free>();
      await c.insertMany(pizzas());
      const r = await c.bulkWrite([
        {
          insertOne: {
            document: manual([{ _id: '3', type: 'beef', size: 'medium', price: 6 }])[0]!,
          },
        },
        {
          insertOne: {
            document: manual([{ _id: '4', type: 'sausage', size: 'large', price: 10 }])[0]!,
          },
        },
        { updateOne: { filter: { type: 'cheese' }, update: { $set: { price: 8 } } } },
        { deleteOne: { filter: { type: 'pepperoni' } } },
        {
          replaceOne: {
            filter: { type: 'vegan' },
            replacement: { type: 'tofu', size: 'small', price: 4 } as never,
          },
        },
      ]);
      assert.deepEqual(
        [r.insertedCount, r.matchedCount, r.modifiedCount, r.deletedCount, r.upsertedCount],
        [2, 2, 2, 1, 0]
      );
      assert.deepEqual(r.insertedIds, { 0: '3', 1: '4' });
      assert.deepEqual(r.upsertedIds, {});
      assert.deepEqual((await c.distinct('type')).sort(), ['beef', 'cheese', 'sausage', 'tofu']);
    });

    it('When bulkWrite upserts and updates many, then upsertedIds are keyed by operation position', async () => {
      const c = fresh<Free>();
      await c.insertMany(pizzas());
      const r = await c.bulkWrite([
        { updateMany: { filter: { price: { $lt: 8 } }, update: { $inc: { price: 1 } } } },
        {
          updateOne: {
            filter: { _id: '9', type: 'ham' },
            update: { $set: { price: 11 } },
            upsert: true,
          },
        },
        { deleteMany: { filter: { size: 'large' } } },
      ]);
      assert.deepEqual(
        [r.matchedCount, r.modifiedCount, r.upsertedCount, r.deletedCount],
        [2, 2, 1, 1]
      );
      assert.deepEqual(r.upsertedIds, { 1: '9' });
      assert.deepEqual(await c.findOne({ _id: '9' }), { _id: '9', type: 'ham', price: 11 });
    });

    it('When an ordered bulkWrite fails part-way, then earlier operations stay, later ones are not attempted', async () => {
      const c = fresh<Free>();
      await c.insertMany(pizzas());
      await assert.rejects(
        c.bulkWrite([
          { insertOne: { document: manual([{ _id: '5', type: 'a' }])[0]! } },
          { insertOne: { document: manual([{ _id: '0', type: 'dup' }])[0]! } },
          { deleteMany: { filter: {} } },
        ]),
        (e: unknown) => {
          assert.ok(isBulkWriteError(e));
          assert.deepEqual(
            e.writeErrors.map((w) => [w.index, w.code]),
            [[1, 11000]]
          );
          assert.deepEqual([e.insertedCount, e.deletedCount], [1, 0]);
          return true;
        }
      );
      assert.equal(await c.countDocuments({}), 4);
    });

    it('When an unordered bulkWrite fails part-way, then every other operation still runs', async () => {
      const c = fresh<Free>();
      await c.insertMany(pizzas());
      await assert.rejects(
        c.bulkWrite(
          [
            { insertOne: { document: manual([{ _id: '0', type: 'dup' }])[0]! } },
            {
              updateOne: {
                filter: { _id: '1' },
                update: { $set: { price: 1 }, $inc: { price: 1 } },
              },
            },
            { updateOne: { filter: { _id: '2' }, update: { $set: { price: 9 } } } },
            { deleteOne: { filter: { _id: '0' } } },
          ],
          { ordered: false }
        ),
        (e: unknown) => {
          assert.ok(isBulkWriteError(e));
          assert.deepEqual(
            e.writeErrors.map((w) => [w.index, w.code]),
            [
              [0, 11000],
              [1, 40],
            ]
          );
          assert.deepEqual(
            [e.insertedCount, e.matchedCount, e.modifiedCount, e.deletedCount],
            [0, 1, 1, 1]
          );
          return true;
        }
      );
      assert.deepEqual((await c.distinct('_id')).sort(), ['1', '2']);
      assert.equal((await c.findOne({ _id: '2' }))?.price, 9);
    });

    it('When a bulkWrite update has no operators, then the whole batch is refused before anything is written', async () => {
      const c = fresh<Free>();
      await assert.rejects(
        c.bulkWrite([
          { insertOne: { document: manual([{ _id: 'x' }])[0]! } },
          { updateOne: { filter: {}, update: { price: 1 } as never } },
        ]),
        /requires atomic operators/
      );
      assert.equal(await c.countDocuments({}), 0);
    });
  });

  describe('MongoDB manual: projection rules', () => {
    it('When a projection mixes inclusion and exclusion, then it fails with 31254; _id may be excluded from an inclusion', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1, b: 2 }])[0]!);
      await assert.rejects(
        c.find({}, { projection: { a: 1, b: 0 } }).toArray(),
        (e) => codeOf(e) === 31254
      );
      assert.deepEqual(await c.findOne({}, { projection: { _id: 0, b: 1 } }), { b: 2 });
    });

    it('When an inclusion projection lists fields in another order, then fields keep the document order', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1, b: 2, c: 3 }])[0]!);
      const doc = await c.findOne({}, { projection: { c: 1, a: 1 } });
      assert.deepEqual(Object.keys(doc!), ['_id', 'a', 'c']);
    });

    it('When a projection uses $elemMatch (manual: $elemMatch projection "Zip Code Search"), then only the first matching element is returned', async () => {
      const c = fresh<Free>();
      await c.insertMany(
        manual([
          {
            _id: '1',
            zipcode: '63109',
            students: [
              { name: 'john', school: 102, age: 10 },
              { name: 'jess', school: 102, age: 11 },
              { name: 'jeff', school: 108, age: 15 },
            ],
          },
          {
            _id: '2',
            zipcode: '63110',
            students: [
              { name: 'ajax', school: 100, age: 7 },
              { name: 'achilles', school: 100, age: 8 },
            ],
          },
          {
            _id: '3',
            zipcode: '63109',
            students: [
              { name: 'ajax', school: 100, age: 7 },
              { name: 'achilles', school: 100, age: 8 },
            ],
          },
          {
            _id: '4',
            zipcode: '63109',
            students: [
              { name: 'barney', school: 102, age: 7 },
              { name: 'ruth', school: 102, age: 16 },
            ],
          },
        ])
      );
      const docs = await c
        .find(
          { zipcode: '63109' },
          { projection: { students: { $elemMatch: { school: 102 } } } as never, sort: { _id: 1 } }
        )
        .toArray();
      assert.deepEqual(docs, [
        { _id: '1', students: [{ name: 'john', school: 102, age: 10 }] },
        { _id: '3' },
        { _id: '4', students: [{ name: 'barney', school: 102, age: 7 }] },
      ]);
    });

    it('When $slice is combined with an inclusion (manual: $slice projection), then the array is cut', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', title: 't', comments: ['a', 'b', 'c', 'd'] }])[0]!);
      assert.deepEqual(
        await c.findOne({}, { projection: { title: 1, comments: { $slice: -2 } } as never }),
        { _id: '1', title: 't', comments: ['c', 'd'] }
      );
    });

    it('When findOneAndUpdate and findOneAndDelete take a projection, then the returned document is projected', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1, b: 2 }])[0]!);
      const updated = await c.findOneAndUpdate(
        { _id: '1' },
        { $inc: { a: 1 } },
        { returnDocument: 'after', projection: { a: 1 } }
      );
      assert.deepEqual(updated, { _id: '1', a: 2 });
      assert.deepEqual(await c.findOneAndDelete({ _id: '1' }, { projection: { b: 0 } }), {
        _id: '1',
        a: 2,
      });
    });
  });

  describe('MongoDB manual: find arguments', () => {
    it('When skip is negative or a sort direction is not 1 or -1, then the query fails', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1 }])[0]!);
      await assert.rejects(c.find({}, { skip: -1 }).toArray());
      await assert.rejects(c.find({}, { sort: { a: 2 as never } }).toArray());
    });

    it('When a filter holds $comment, then it is ignored for matching', async () => {
      const c = fresh<Free>();
      await c.insertOne(manual([{ _id: '1', a: 1 }])[0]!);
      assert.equal(await c.countDocuments({ a: 1, $comment: 'why this query runs' }), 1);
    });
  });

  describe('writeBatch', () => {
    /**
     * Whether a failure part-way undoes the batch's earlier writes: always on the embedded store
     * and in a MongoDB transaction; a standalone MongoDB server has no transactions, and there
     * the earlier writes stay (Store.writeBatch).
     */
    let atomic = true;
    before(async () => {
      atomic = await writeBatchIsAtomic(store);
    });

    it('When a batch writes in several collections, then the writes run in order, each seeing the earlier ones, and each answers by position', async () => {
      const a = fresh<Rec>();
      const b = fresh<Rec>();
      await b.insertOne({ _id: 'b1', tenantId: 't', n: 1 });
      const r = await store.writeBatch([
        {
          collection: a.collectionName,
          insertOne: { document: { _id: 'a1', tenantId: 't', n: 1 } },
        },
        {
          collection: a.collectionName,
          findOneAndUpdate: {
            filter: { _id: 'a1' },
            update: { $inc: { n: 1 } },
            returnDocument: 'after',
            required: true,
          },
        },
        {
          collection: b.collectionName,
          updateOne: { filter: { _id: 'b1' }, update: { $set: { state: 'x' } } },
        },
        {
          collection: b.collectionName,
          updateOne: { filter: { _id: 'none' }, update: { $set: { n: 9 } } },
        },
      ]);
      assert.ok(r);
      assert.deepEqual(r[0], { insertedId: 'a1' });
      assert.deepEqual(r[1], { document: { _id: 'a1', tenantId: 't', n: 2 } });
      assert.deepEqual(counts(r[2] as UpdateResult), [1, 1, 0, null]);
      assert.deepEqual(counts(r[3] as UpdateResult), [0, 0, 0, null]);
      assert.deepEqual(await a.findOne({ _id: 'a1' }), { _id: 'a1', tenantId: 't', n: 2 });
      assert.deepEqual(await b.findOne({ _id: 'b1' }), {
        _id: 'b1',
        tenantId: 't',
        n: 1,
        state: 'x',
      });
    });

    it('When the first write is required and matches nothing, then the batch answers null and writes nothing', async () => {
      const a = fresh<Rec>();
      const audit = fresh<Rec>();
      await a.insertOne({ _id: 'a1', tenantId: 't', v: 2 });
      const r = await store.writeBatch([
        {
          collection: a.collectionName,
          findOneAndUpdate: {
            filter: { _id: 'a1', v: 1 },
            update: { $inc: { v: 1 } },
            returnDocument: 'after',
            required: true,
          },
        },
        { collection: audit.collectionName, insertOne: { document: { _id: 'r1', tenantId: 't' } } },
      ]);
      assert.equal(r, null);
      assert.equal(await audit.countDocuments({}), 0);
      assert.deepEqual(await a.findOne({ _id: 'a1' }), { _id: 'a1', tenantId: 't', v: 2 });
    });

    it('When a required updateOne upserts, then it counts as met', async () => {
      const a = fresh<Rec>();
      const r = await store.writeBatch([
        {
          collection: a.collectionName,
          updateOne: {
            filter: { _id: 'u1' },
            update: { $set: { n: 1 } },
            upsert: true,
            required: true,
          },
        },
      ]);
      assert.ok(r);
      assert.deepEqual(counts(r[0] as UpdateResult), [0, 0, 1, 'u1']);
      assert.equal(await a.countDocuments({ _id: 'u1' }), 1);
    });

    it('When a batch deletes one or many documents and updates many, then they happen with the others; a required delete that matches nothing writes nothing', async () => {
      const a = fresh<Rec>();
      const b = fresh<Rec>();
      await a.insertMany([
        { _id: 'a1', tenantId: 't' },
        { _id: 'a2', tenantId: 't' },
      ]);
      await b.insertMany([
        { _id: 'b1', tenantId: 't', state: 'a1' },
        { _id: 'b2', tenantId: 't', state: 'a1' },
        { _id: 'b3', tenantId: 't', state: 'a2' },
      ]);
      const move = (from: string): BatchWrite[] => [
        { collection: a.collectionName, deleteOne: { filter: { _id: from }, required: true } },
        {
          collection: b.collectionName,
          updateMany: { filter: { state: from }, update: { $set: { state: 'a2' } } },
        },
      ];
      const r = await store.writeBatch(move('a1'));
      assert.ok(r);
      assert.deepEqual(r[0], { acknowledged: true, deletedCount: 1 });
      assert.deepEqual(counts(r[1] as UpdateResult), [2, 2, 0, null]);
      assert.equal(await store.writeBatch(move('a1')), null);
      assert.deepEqual(sortedIds(await a.find({}).toArray()), ['a2']);
      assert.equal(await b.countDocuments({ state: 'a2' }), 3);
      const gone = await store.writeBatch([
        { collection: a.collectionName, deleteOne: { filter: { _id: 'a2' }, required: true } },
        { collection: b.collectionName, deleteMany: { filter: { state: 'a2' } } },
      ]);
      assert.deepEqual(gone?.[1], { acknowledged: true, deletedCount: 3 });
      assert.equal((await a.countDocuments({})) + (await b.countDocuments({})), 0);
    });

    it('When a later write is unmet or fails, then the earlier ones are undone (kept only without transactions), unique keys included', async () => {
      const a = fresh<Rec>();
      const b = fresh<Rec>();
      await b.createIndex({ state: 1 }, { unique: true });
      await a.insertOne({ _id: 'a1', tenantId: 't', n: 1 });
      await b.insertOne({ _id: 'b1', tenantId: 't', state: 'taken' });
      const unmet = await store.writeBatch([
        {
          collection: a.collectionName,
          updateOne: { filter: { _id: 'a1' }, update: { $inc: { n: 1 } } },
        },
        {
          collection: b.collectionName,
          insertOne: { document: { _id: 'b2', tenantId: 't', state: 'new' } },
        },
        {
          collection: b.collectionName,
          updateOne: { filter: { _id: 'none' }, update: { $set: { n: 1 } }, required: true },
        },
      ]);
      assert.equal(unmet, null);
      const failing = store.writeBatch([
        {
          collection: a.collectionName,
          updateOne: { filter: { _id: 'a1' }, update: { $inc: { n: 10 } } },
        },
        {
          collection: b.collectionName,
          insertOne: { document: { _id: 'b3', tenantId: 't', state: 'other' } },
        },
        {
          collection: b.collectionName,
          insertOne: { document: { _id: 'b4', tenantId: 't', state: 'taken' } },
        },
      ]);
      await rejectsWithDuplicateKey(failing);
      if (atomic) {
        assert.deepEqual(await a.findOne({ _id: 'a1' }), { _id: 'a1', tenantId: 't', n: 1 });
        assert.deepEqual(sortedIds(await b.find({}).toArray()), ['b1']);
        // The undone documents left their unique keys free.
        await b.insertMany([
          { _id: 'b2', tenantId: 't', state: 'new' },
          { _id: 'b3', tenantId: 't', state: 'other' },
        ]);
      } else {
        assert.deepEqual(await a.findOne({ _id: 'a1' }), { _id: 'a1', tenantId: 't', n: 12 });
        assert.deepEqual(sortedIds(await b.find({}).toArray()), ['b1', 'b2', 'b3']);
      }
    });
  });

  // Last: it empties every collection of the suite.
  describe('dropAll', () => {
    it('When dropAll runs, then every collection is empty and its unique indexes are gone', async () => {
      const c = fresh();
      await c.createIndex({ k: 1 }, { unique: true });
      await c.insertOne({ _id: 'a', tenantId: 't', k: 1 });
      await store.dropAll();
      assert.equal(await c.countDocuments({}), 0);
      await c.insertMany([
        { _id: 'a', tenantId: 't', k: 1 },
        { _id: 'b', tenantId: 't', k: 1 },
      ]);
      assert.equal(await c.countDocuments({}), 2);
    });
  });
});
