/**
 * The embedded store's shortcuts (hash-index planning, dropping conditions an index answered
 * exactly, direct equality tests, its own sort) checked against plain mingo evaluation on
 * randomly generated documents and filters.
 */
import assert from 'node:assert/strict';
import { Query } from 'mingo/query';
import { mingoOptions, sharedMingoOptions } from '../../src/store/embedded/mingo-context.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc, DocCollection, Filter } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';
import { seededRandom as prng } from '../support/seeded-random.ts';

type Item = BaseDoc & Record<string, unknown>;

const MISSING = Symbol('missing');

describe('embedded query shortcuts', function () {
  this.timeout(20_000);
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const tenants = ['t0', 't1', 't2', 't3'];
  const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
  // Values deliberately mix types, arrays, null and missing, where MongoDB's rules bite.
  const statusValues = ['open', 'closed', ['open', 'x'], null, MISSING, 3, true] as const;
  const nValues = [0, 1, 2, -0, 1.5, '1', [1, 2], [], [[1, 2]], null, MISSING, day(1)] as const;

  let dir: string;
  let remove: () => Promise<void>;
  let store: EmbeddedStore;
  let indexed: DocCollection<Item>;
  let plain: DocCollection<Item>;
  const docs: Item[] = [];

  before(async () => {
    ({ dir, remove } = await tempDir());
    store = await openEmbeddedStore(dir);
    indexed = store.collection<Item>('indexed');
    plain = store.collection<Item>('plain');
    await indexed.createIndex({ tenantId: 1, status: 1 });
    await indexed.createIndex({ status: 1 });
    await indexed.createIndex({ n: 1 });
    await indexed.createIndex({ when: -1 });
    for (let i = 0; i < 400; i++) {
      const doc: Item = { _id: `d${i}`, tenantId: pick(tenants) };
      const status = pick(statusValues);
      if (status !== MISSING) doc.status = status;
      const n = pick(nValues);
      if (n !== MISSING) doc.n = n;
      if (rand() < 0.8) doc.when = day(1 + Math.floor(rand() * 5));
      docs.push(doc);
    }
    await indexed.insertMany(docs.map((d) => structuredClone(d)));
    await plain.insertMany(docs.map((d) => structuredClone(d)));
  });
  after(async () => {
    await store.close();
    await remove();
  });

  const randomCondition = (): [string, unknown] => {
    const field = pick(['tenantId', 'status', 'n', 'when']);
    const value = (): unknown =>
      field === 'tenantId'
        ? pick(tenants)
        : field === 'status'
          ? pick(statusValues.filter((v) => v !== MISSING))
          : field === 'n'
            ? pick(nValues.filter((v) => v !== MISSING))
            : day(1 + Math.floor(rand() * 5));
    const range = () => pick(['$lt', '$lte', '$gt', '$gte']);
    switch (Math.floor(rand() * 10)) {
      case 0:
        return [field, value()];
      case 1:
        return [field, { $eq: value() }];
      case 2:
        return [field, { $in: [value(), value()] }];
      case 3:
        return [field, { $ne: value() }];
      case 4:
        return [field, { [range()]: value() }];
      case 5:
        return [field, { [range()]: value(), [range()]: value() }];
      case 6:
        return [field, { $in: [value()], [range()]: value() }];
      case 7:
        return [field, { $nin: [value(), value()] }];
      case 8:
        return [field, { $ne: value(), [range()]: value() }];
      default:
        return [field, { $in: [value()], $nin: [value()] }];
    }
  };

  /** A filter of 1-3 conditions, some inside $and or $or (nested once). */
  const randomFilter = (depth = 0): Record<string, unknown> => {
    const filter: Record<string, unknown> = {};
    const conditions = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < conditions; j++) {
      const r = rand();
      if (depth === 0 && r < 0.25) {
        const op = pick(['$and', '$or']);
        const branches = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomFilter(1));
        filter[op] = [...((filter[op] as unknown[]) ?? []), ...branches];
        continue;
      }
      const [field, cond] = randomCondition();
      if (r < 0.4) filter.$and = [...((filter.$and as unknown[]) ?? []), { [field]: cond }];
      else filter[field] = cond;
    }
    return filter;
  };

  it('When random filters ($eq, $in, $ne, $nin, ranges, $and, $or) run with and without indexes, then both return exactly what mingo matches', async () => {
    for (let i = 0; i < 600; i++) {
      const filter = randomFilter();
      // The oracle: plain evaluation with the store's operators (mingo plus MongoDB's $in).
      const query = new Query(filter, mingoOptions);
      const expected = docs.filter((d) => query.test(d)).map((d) => d._id);
      const f = filter as Filter<Item>;
      const label = JSON.stringify(filter);
      const viaIndex = (await indexed.find(f).toArray()).map((d) => d._id).sort();
      const viaScan = (await plain.find(f).toArray()).map((d) => d._id).sort();
      assert.deepEqual(viaIndex, [...expected].sort(), `indexed ${label}`);
      assert.deepEqual(viaScan, [...expected].sort(), `scan ${label}`);
      assert.equal(await indexed.countDocuments(f), expected.length, `count ${label}`);
    }
  });

  it('When random filters name one document by its id, then find, findOne, counts and skips return exactly what mingo matches', async () => {
    for (let i = 0; i < 400; i++) {
      const id = pick([...docs.map((d) => d._id), 'absent']);
      const filter = { ...randomFilter(), _id: id };
      const query = new Query(filter, mingoOptions);
      const expected = docs.filter((d) => query.test(d)).map((d) => d._id);
      const f = filter as Filter<Item>;
      const label = JSON.stringify(filter);
      for (const coll of [indexed, plain]) {
        assert.deepEqual(
          (await coll.find(f).toArray()).map((d) => d._id),
          expected,
          label
        );
        assert.equal((await coll.findOne(f))?._id, expected[0], `findOne ${label}`);
        const sorted = await coll.find(f, { sort: { n: -1 }, limit: 1 }).toArray();
        assert.deepEqual(
          sorted.map((d) => d._id),
          expected,
          `sorted ${label}`
        );
        assert.deepEqual(await coll.find(f, { skip: 1 }).toArray(), [], `skip ${label}`);
        assert.equal(await coll.countDocuments(f), expected.length, `count ${label}`);
      }
    }
  });

  it('When an update names its document by id and a version, then only that version is changed', async () => {
    const coll = store.collection<BaseDoc & { version: number }>('versioned');
    await coll.insertOne({ _id: 'v', tenantId: 't0', version: 1 });
    const miss = await coll.updateOne(
      { tenantId: 't0', _id: 'v', version: 2 },
      { $inc: { version: 1 } }
    );
    assert.equal(miss.matchedCount, 0);
    const other = await coll.updateOne(
      { tenantId: 't1', _id: 'v', version: 1 },
      { $inc: { version: 1 } }
    );
    assert.equal(other.matchedCount, 0);
    const hit = await coll.updateOne(
      { tenantId: 't0', _id: 'v', version: 1 },
      { $inc: { version: 1 } }
    );
    assert.equal(hit.modifiedCount, 1);
    assert.equal((await coll.findOne({ _id: 'v' }))?.version, 2);
  });

  it('When sorting on mixed-type fields, then ties aside the order agrees with a MongoDB-order comparator', async () => {
    const sorts: Record<string, 1 | -1>[] = [
      { n: 1 },
      { n: -1 },
      { status: 1, _id: -1 },
      { when: -1, _id: 1 },
    ];
    for (const sort of sorts) {
      const got = await plain.find({}, { sort }).toArray();
      const [field, dir] = Object.entries(sort)[0]!;
      // Whatever the field holds, a document never sorts after one whose key is strictly lower
      // (ascending) or higher (descending); checked pairwise on neighbours with mingo's $sort
      // rules for scalars, which agree with MongoDB's for non-array values.
      for (let i = 1; i < got.length; i++) {
        const a = got[i - 1]![field];
        const b = got[i]![field];
        if (Array.isArray(a) || Array.isArray(b)) continue;
        const pair = [{ v: a ?? null }, { v: b ?? null }];
        const [x] = new Query({}, mingoOptions).find(pair).sort({ v: dir }).all();
        const first = (x as { v: unknown }).v;
        assert.ok(
          first === (a ?? null) || JSON.stringify(first) === JSON.stringify(a ?? null),
          `${JSON.stringify(sort)}: ${JSON.stringify(a)} before ${JSON.stringify(b)}`
        );
      }
    }
  });

  it("When queries use the once-resolved mingo options, then they are mingo's own instance and keep MongoDB's $in", () => {
    // If mingo's internals change, the store silently falls back to copying the operator tables
    // per query; this makes that fallback visible.
    assert.notEqual(sharedMingoOptions, mingoOptions);
    assert.ok(!Object.prototype.hasOwnProperty.call(sharedMingoOptions, 'scriptEnabled'));
    const q = new Query({ tags: { $in: [['a', 'b']] } }, sharedMingoOptions);
    assert.equal(q.test({ tags: ['a', 'b'] }), true);
    assert.equal(q.test({ tags: ['a'] }), false);
    assert.throws(() => new Query({ $where: 'true' }, sharedMingoOptions), /scriptEnabled/);
  });
});
