/**
 * The embedded store's fast path for top-level updates (`$set`, `$unset`, `$inc`, `$push` on plain
 * top-level fields: what the ticket writes send) checked against the general path (MongoDB's
 * checks, then mingo's operators) on randomly generated documents and updates: the same new
 * document, field for field and in the same order, the same "not modified", the same error.
 */
import assert from 'node:assert/strict';
import { serialize } from 'bson';
import {
  applyUpdate,
  applyWithMingo,
  parseUpdate,
  type UpdateSpec,
} from '../../src/store/embedded/updates.ts';
import type { Doc } from '../../src/store/embedded/values.ts';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc, UpdateFilter } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';
import { seededRandom as prng } from '../support/seeded-random.ts';

type Obj = Record<string, unknown>;
interface Item extends BaseDoc {
  tenantId: string;
  version: number;
  title?: string;
  list?: unknown;
  notes?: { id: string }[];
}
type Operators = Extract<UpdateSpec, { kind: 'operators' }>;

const MISSING = Symbol('missing');

/** What an update did: the new document's exact bytes, "not modified", or the error's code. */
function outcome(run: () => Doc | undefined): string {
  try {
    const next = run();
    return next === undefined ? 'unchanged' : Buffer.from(serialize(next)).toString('hex');
  } catch (e) {
    return `error ${(e as { code?: unknown }).code ?? String(e)}`;
  }
}

describe('embedded store: the top-level update fast path', () => {
  const rand = prng(1307);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  // Values deliberately mix types, arrays, null, NaN and missing, where the rules bite.
  const values = [
    0,
    1,
    -0,
    2.5,
    NaN,
    Infinity,
    'x',
    '',
    true,
    null,
    at,
    new Date(at.getTime()),
    [],
    [1, 2],
    [1, 1],
    ['x', { a: 1 }],
    { a: 1 },
    { a: 1, b: [2] },
    { b: [2], a: 1 },
    { $each: [3] },
    MISSING,
  ] as const;
  const fields = ['a', 'b', 'notes', 'version', 'zeta', 'm'] as const;
  const randomValue = (): unknown => {
    const v = pick(values.filter((x) => x !== MISSING));
    return structuredClone(v);
  };
  const randomDoc = (): Doc => {
    const doc: Obj = { _id: 'd1' };
    for (const f of fields) {
      const v = pick(values);
      if (v !== MISSING) doc[f] = structuredClone(v);
    }
    return doc as Doc;
  };
  const randomPush = (): unknown => {
    const r = rand();
    if (r < 0.4) return randomValue();
    const each = Array.from({ length: Math.floor(rand() * 4) }, randomValue);
    const spec: Obj = { $each: each };
    if (rand() < 0.6) spec.$slice = pick([0, 1, 2, 3, -1, -2, -5, 1.5, null]);
    if (rand() < 0.1) spec.$position = 0;
    if (rand() < 0.1) spec.$sort = 1;
    return spec;
  };
  const randomUpdate = (): Obj => {
    const update: Obj = {};
    const used = new Set<string>();
    const ops = ['$set', '$unset', '$inc', '$push'] as const;
    for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
      const op = pick(ops);
      const field = pick(fields);
      if (used.has(field)) continue;
      used.add(field);
      const spec = (update[op] ??= {}) as Obj;
      if (op === '$set') spec[field] = randomValue();
      else if (op === '$unset') spec[field] = '';
      else if (op === '$inc') spec[field] = pick([1, -1, 0, 2.5, -0, NaN, Infinity, -Infinity]);
      else spec[field] = randomPush();
    }
    return update;
  };

  it('When random top-level updates are applied to random documents, then the fast path gives exactly what the general path gives', () => {
    let fast = 0;
    let compared = 0;
    for (let i = 0; i < 4000; i++) {
      const doc = randomDoc();
      const update = randomUpdate();
      let spec: Operators;
      try {
        spec = parseUpdate(update, undefined) as Operators;
      } catch {
        continue; // refused before any document is read, whichever path would apply it
      }
      const stored = Buffer.from(serialize(doc)).toString('hex');
      const general = outcome(() => applyWithMingo(spec, doc, {}));
      const chosen = outcome(() => applyUpdate(spec, doc, {}));
      assert.equal(chosen, general, `update ${JSON.stringify(update)} on ${JSON.stringify(doc)}`);
      // Neither path changes the stored version.
      assert.equal(Buffer.from(serialize(doc)).toString('hex'), stored);
      compared++;
      if (!general.startsWith('error')) fast++;
    }
    assert.ok(compared > 3000 && fast > 1000, `${compared} compared, ${fast} applied`);
  });

  it('When a note is pushed with $each and $slice, then the kept elements, the new fields and their order are the general path’s', () => {
    const doc = {
      _id: 't1',
      title: 'x',
      version: 3,
      notes: [{ id: 'n1' }, { id: 'n2' }],
      history: [],
    } as Doc;
    const cases: Obj[] = [
      { $push: { notes: { $each: [{ id: 'n3' }], $slice: -2 } }, $inc: { version: 1 } },
      { $push: { notes: { $each: [{ id: 'n3' }], $slice: 2 } } },
      { $push: { notes: { $each: [{ id: 'n3' }, { id: 'n4' }], $slice: 0 } } },
      { $push: { history: { id: 'h1' }, zz: 1, aa: { $each: [1] } }, $set: { m: 1, b: 2 } },
      { $set: { title: 'x' } },
      { $unset: { missing: '' } },
      { $inc: { counter: 2 } },
    ];
    for (const update of cases) {
      const spec = parseUpdate(update, undefined) as Operators;
      assert.equal(
        outcome(() => applyUpdate(spec, doc, {})),
        outcome(() => applyWithMingo(spec, doc, {})),
        JSON.stringify(update)
      );
    }
    const kept = applyUpdate(
      parseUpdate({ $push: { notes: { $each: [{ id: 'n3' }], $slice: -2 } } }, undefined),
      doc,
      {}
    );
    assert.deepEqual(kept?.notes, [{ id: 'n2' }, { id: 'n3' }]);
    const added = applyUpdate(parseUpdate({ $set: { zz: 1, aa: 2 } }, undefined), doc, {});
    assert.deepEqual(Object.keys(added!), [
      '_id',
      'title',
      'version',
      'notes',
      'history',
      'aa',
      'zz',
    ]);
    assert.equal(applyUpdate(parseUpdate({ $set: { title: 'x' } }, undefined), doc, {}), undefined);
  });

  it('When a fast-path update meets a field of the wrong type, then it fails with the general path’s error and writes nothing', async () => {
    const { dir, remove } = await tempDir();
    const store = await openEmbeddedStore(dir);
    try {
      const c = store.collection<Item>('items');
      await c.insertOne({ _id: 'a', tenantId: 't', version: 1, title: 'x', list: 'not an array' });
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $inc: { title: 1 } } as unknown as UpdateFilter<Item>),
        {
          code: 14, // TypeMismatch
        }
      );
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $push: { list: 1 } } as unknown as UpdateFilter<Item>),
        {
          code: 2, // BadValue
        }
      );
      assert.deepEqual(await c.findOne({ _id: 'a' }), {
        _id: 'a',
        tenantId: 't',
        version: 1,
        title: 'x',
        list: 'not an array',
      });
    } finally {
      await store.close();
      await remove();
    }
  });

  it('When a compare-and-set on tenant, id and version misses (version moved on), then nothing is written and the journal holds nothing', async () => {
    const { dir, remove } = await tempDir();
    const store = await openEmbeddedStore(dir, { compactOnClose: false });
    try {
      const c = store.collection<Item>('tickets');
      await c.insertOne({ _id: 't1', tenantId: 'x', version: 2, notes: [] });
      const stale = await store.writeBatch([
        {
          collection: 'tickets',
          updateOne: {
            filter: { tenantId: 'x', _id: 't1', version: 1 },
            update: { $inc: { version: 1 }, $push: { notes: { id: 'n1' } } },
            required: true,
          },
        },
        { collection: 'audit', insertOne: { document: { _id: 'a1', tenantId: 'x' } } },
      ]);
      assert.equal(stale, null);
      const other = await c.updateOne(
        { tenantId: 'y', _id: 't1', version: 2 },
        { $inc: { version: 1 } }
      );
      assert.equal(other.matchedCount, 0);
      assert.deepEqual(await c.findOne({ _id: 't1' }), {
        _id: 't1',
        tenantId: 'x',
        version: 2,
        notes: [],
      });
      assert.equal(await store.collection('audit').countDocuments({}), 0);
      const hit = await c.updateOne(
        { tenantId: 'x', _id: 't1', version: 2 },
        { $inc: { version: 1 }, $push: { notes: { id: 'n1' } } }
      );
      assert.equal(hit.modifiedCount, 1);
      await store.close();
      const again = await openEmbeddedStore(dir);
      assert.deepEqual(await again.collection('tickets').findOne({ _id: 't1' }), {
        _id: 't1',
        tenantId: 'x',
        version: 3,
        notes: [{ id: 'n1' }],
      });
      await again.close();
    } finally {
      await remove();
    }
  });
});
