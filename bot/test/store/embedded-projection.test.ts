/**
 * The embedded store's top-level inclusion projections (what list reads ask for): a projection
 * declared once and frozen is checked once and copied through code compiled per document key
 * order. Its results must be those of the same projection unfrozen (the field-by-field loop) and
 * of a reference computed here: the kept fields, in the document's order, `$slice` applied, and
 * copies the caller may change without changing the store.
 */
import assert from 'node:assert/strict';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc, DocCollection, Projection } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';
import { seededRandom as prng } from '../support/seeded-random.ts';

type Item = BaseDoc & Record<string, unknown>;

describe('embedded inclusion projections', function () {
  this.timeout(20_000);
  const rand = prng(7);
  const optional = ['signal', 'assignee', 'closedAt', 'resolvedAt', 'closeReason', 'extra'];
  let remove: () => Promise<void>;
  let store: EmbeddedStore;
  let coll: DocCollection<Item>;
  const docs: Item[] = [];

  /** The value a field gets in generated documents (dates, nested objects, arrays, unicode). */
  const valueOf = (field: string, i: number): unknown => {
    switch (field) {
      case 'signal':
        return {
          type: 'display',
          count: i,
          firstSeenAt: new Date(Date.UTC(2026, 0, 1 + (i % 28))),
        };
      case 'assignee':
        return { id: `u${i}`, name: `Frédéric — ${i} 🙂` };
      case 'closedAt':
      case 'resolvedAt':
        return new Date(Date.UTC(2026, 1, 1 + (i % 28)));
      case 'closeReason':
        return i % 3 === 0 ? null : 'fixed';
      default:
        return [i, 'x'];
    }
  };

  before(async () => {
    const dir = await tempDir();
    remove = dir.remove;
    store = await openEmbeddedStore(dir.dir);
    coll = store.collection<Item>('projection');
    // Key orders vary (optional fields in any order, some first): more than the store compiles.
    for (let i = 0; i < 300; i++) {
      const present = optional.filter(() => rand() < 0.5).sort(() => rand() - 0.5);
      const doc = { _id: `d${String(i).padStart(3, '0')}` } as Item;
      if (rand() < 0.2) doc[present.shift() ?? 'extra'] = 'first';
      doc.tenantId = `t${i % 3}`;
      doc.title = i % 5 === 0 ? `Écran déconnecté — salle ${i}` : `bench ${i}`;
      doc.notes = Array.from({ length: i % 4 }, (_, n) => ({ id: `n${n}`, at: new Date(n) }));
      for (const f of present) doc[f] = valueOf(f, i);
      doc.createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      doc.description = 'not listed';
      docs.push(doc);
    }
    await coll.insertMany(docs.map((d) => structuredClone(d)));
  });
  after(async () => {
    await store.close();
    await remove();
  });

  /** What MongoDB answers for a top-level inclusion: kept fields in document order, sliced. */
  function reference(doc: Item, spec: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(doc)) {
      const how = key === '_id' ? (spec._id ?? 1) : spec[key];
      if (how === undefined || how === 0) continue;
      const v = doc[key];
      if (typeof how === 'object' && Array.isArray(v)) {
        const n = (how as { $slice: number | [number, number] }).$slice;
        out[key] =
          typeof n === 'number'
            ? n >= 0
              ? v.slice(0, n)
              : v.slice(n)
            : v.slice(n[0] >= 0 ? n[0] : Math.max(0, v.length + n[0])).slice(0, n[1]);
      } else out[key] = v;
    }
    return out;
  }

  const deepFreeze = <T extends object>(o: T): T => {
    for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
    return Object.freeze(o);
  };

  const specs: Record<string, unknown>[] = [
    {
      tenantId: 1,
      title: 1,
      signal: 1,
      assignee: 1,
      closedAt: 1,
      createdAt: 1,
      notes: { $slice: -1 },
    },
    { _id: 0, title: 1, extra: 1, notes: { $slice: [1, 2] } },
    { closeReason: 1, resolvedAt: 1, notes: { $slice: 2 } },
    { title: 1 },
  ];

  const frozenOnce = new Map<Record<string, unknown>, Projection>();
  /** One frozen copy per spec, as a repository declares it once. */
  const frozen = (spec: Record<string, unknown>): Projection => {
    let f = frozenOnce.get(spec);
    if (!f) frozenOnce.set(spec, (f = deepFreeze(structuredClone(spec)) as Projection));
    return f;
  };

  for (const spec of specs) {
    it(`When the projection ${JSON.stringify(spec)} is frozen, then every document reads as unfrozen and as MongoDB answers, in its field order`, async () => {
      const sort = { _id: 1 as const };
      const reads = [
        // Twice frozen: the second read goes through the copies the first compiled.
        await coll.find({}, { sort, projection: frozen(spec) }).toArray(),
        await coll.find({}, { sort, projection: frozen(spec) }).toArray(),
        await coll.find({}, { sort, projection: structuredClone(spec) as Projection }).toArray(),
      ];
      for (const rows of reads) {
        assert.equal(rows.length, docs.length);
        rows.forEach((got, i) => {
          const expected = reference(docs[i]!, spec);
          assert.deepEqual(got, expected);
          assert.deepEqual(Object.keys(got), Object.keys(expected), `field order of ${got._id}`);
        });
      }
    });
  }

  it('When a caller changes what a frozen projection returned, then the stored documents do not change', async () => {
    const projection = frozen(specs[0]!);
    for (let round = 0; round < 2; round++) {
      const rows = await coll.find({}, { sort: { _id: 1 }, projection }).toArray();
      for (const row of rows) {
        (row.createdAt as Date).setTime(0);
        if (row.signal) (row.signal as { count: number }).count = -1;
        if (row.assignee) (row.assignee as { name: string }).name = 'changed';
        (row.notes as unknown[]).push('changed');
        row.title = 'changed';
      }
    }
    const after = await coll.find({}, { sort: { _id: 1 } }).toArray();
    assert.deepEqual(after, docs);
  });

  it('When a frozen projection is invalid, then every read refuses it, not only the first', async () => {
    const bad = deepFreeze({ title: 1, description: 0 }) as Projection;
    for (let round = 0; round < 2; round++) {
      await assert.rejects(coll.find({}, { projection: bad }).toArray(), /Location31254|exclusion/);
    }
  });

  it('When a frozen projection keeps fields named like code, then they are copied as data', async () => {
    const odd = store.collection<Item>('odd-keys');
    const doc = {
      _id: 'x',
      tenantId: 't',
      'a"b': 1,
      "c'); throw new Error('injected": 2,
      'd\u2028e': 3,
      toString: 4,
      ['}), (doc) => ({']: 5,
    } as unknown as Item;
    await odd.insertOne(structuredClone(doc));
    const projection = deepFreeze(
      Object.fromEntries(Object.keys(doc).map((k) => [k, 1]))
    ) as Projection;
    for (let round = 0; round < 2; round++) {
      const [row] = await odd.find({}, { projection }).toArray();
      assert.deepEqual(row, doc);
      assert.deepEqual(Object.keys(row!), Object.keys(doc));
    }
  });
});
