/**
 * The embedded planner's `$or` union and index-ordered scan (sort + limit over a pinned first key,
 * merged per key value with early stop), checked against the plain path (a collection without
 * indexes, which filters everything and sorts) on random documents and filters, including after
 * writes that move documents within and between the cached runs.
 */
import assert from 'node:assert/strict';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.ts';
import { compileFilter, isSimpleFilter, predicateOf } from '../../src/store/embedded/mql.ts';
import { readRunHints } from '../../src/store/embedded/run-hints.ts';
import type { BaseDoc, DocCollection, Filter } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';
import { seededRandom as prng } from '../support/seeded-random.ts';

interface Ticket extends BaseDoc {
  roomId: string;
  groups: string[];
  status: string;
  createdAt: Date;
}

describe('embedded ordered scans and $or planning', function () {
  this.timeout(30_000);
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const tenants = Array.from({ length: 12 }, (_, i) => `t${i}`);
  const rooms = Array.from({ length: 6 }, (_, i) => `r${i}`);
  const groups = ['g0', 'g1', 'g2'];
  const statuses = ['Open', 'Closed', 'Resolved'];
  let store: EmbeddedStore;
  let indexed: DocCollection<Ticket>;
  let plain: DocCollection<Ticket>;
  let remove: () => Promise<void>;

  const makeDoc = (i: number): Ticket => ({
    _id: `d${String(i).padStart(4, '0')}`,
    tenantId: pick(tenants),
    roomId: pick(rooms),
    groups: groups.filter(() => rand() < 0.4),
    status: pick(statuses),
    // Few distinct times, so ties are common and the _id tie-break matters.
    createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(rand() * 20))),
  });

  before(async () => {
    const t = await tempDir();
    remove = t.remove;
    store = await openEmbeddedStore(t.dir);
    indexed = store.collection<Ticket>('indexed');
    plain = store.collection<Ticket>('plain');
    await indexed.createIndex({ tenantId: 1, createdAt: -1, _id: -1 });
    await indexed.createIndex({ tenantId: 1, groups: 1 });
    const docs = Array.from({ length: 1500 }, (_, i) => makeDoc(i));
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await plain.insertMany(docs.map((d) => ({ ...d })));
  });
  after(async () => {
    await store.close();
    await remove();
  });

  /** A filter shaped like the engine's roomFilterAcrossCustomers, plus optional extras. */
  const randomFilter = (): Filter<Ticket> => {
    const chosen = tenants.filter(() => rand() < 0.5);
    const branches = (chosen.length ? chosen : ['t0']).map((tenantId) => {
      const r = rand();
      if (r < 0.3) return { tenantId };
      if (r < 0.6) return { tenantId, roomId: { $in: rooms.filter(() => rand() < 0.5) } };
      return {
        tenantId,
        $and: [
          { $or: [{ roomId: { $in: [pick(rooms)] } }, { groups: { $in: [pick(groups)] } }] },
          { groups: { $in: [pick(groups)] } },
        ],
      };
    });
    const base = branches.length === 1 ? branches[0]! : { $or: branches };
    return (rand() < 0.5 ? { $and: [base, { status: pick(statuses) }] } : base) as Filter<Ticket>;
  };

  /** As the engine hands out its visibility filters: frozen all the way down. */
  const deepFreeze = <T>(v: T): T => {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const x of Object.values(v)) deepFreeze(x);
    }
    return v;
  };

  /** The same documents, in the same order, from an indexed and a plain collection. */
  const sameIds = async (
    x: DocCollection<Ticket>,
    y: DocCollection<Ticket>,
    filter: Filter<Ticket>,
    options: { sort: Record<string, 1 | -1>; limit: number }
  ) => {
    const a = await x.find(filter, options).toArray();
    const b = await y.find(filter, options).toArray();
    assert.deepEqual(
      a.map((d) => d._id),
      b.map((d) => d._id),
      JSON.stringify({ filter, ...options })
    );
  };

  const sorts: Record<string, 1 | -1>[] = [
    { createdAt: -1, _id: -1 },
    { createdAt: 1, _id: 1 },
    { createdAt: -1 },
  ];

  const compare = async (rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      const filter = randomFilter();
      const sort = pick(sorts);
      const limit = 1 + Math.floor(rand() * 40);
      const skip = rand() < 0.3 ? Math.floor(rand() * 10) : 0;
      const a = await indexed.find(filter, { sort, limit, skip }).toArray();
      const b = await plain.find(filter, { sort, limit, skip }).toArray();
      const key = (d: Ticket) => (sort._id ? d._id : `${d.createdAt.toISOString()}`);
      // With _id in the sort the order is total: identical ids. Without it, ties may differ, so
      // compare the sort keys and the count.
      assert.deepEqual(a.map(key), b.map(key), JSON.stringify({ filter, sort, limit, skip }));
      assert.equal(await indexed.countDocuments(filter), await plain.countDocuments(filter));
    }
  };

  it('When random per-tenant $or filters are sorted and limited, then the ordered scan returns what a full scan returns', async () => {
    await compare(200);
  });

  it('When documents change their sort key, tenant or groups, then later ordered scans still agree', async () => {
    for (let i = 0; i < 300; i++) {
      const id = `d${String(Math.floor(rand() * 1500)).padStart(4, '0')}`;
      const set = {
        createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(rand() * 20))),
        ...(rand() < 0.3 ? { tenantId: pick(tenants) } : {}),
        ...(rand() < 0.3 ? { groups: groups.filter(() => rand() < 0.5) } : {}),
      };
      await indexed.updateOne({ _id: id }, { $set: set });
      await plain.updateOne({ _id: id }, { $set: set });
      if (i % 30 === 0) await compare(10);
    }
    await indexed.deleteMany({ tenantId: 't3' });
    await plain.deleteMany({ tenantId: 't3' });
    await compare(50);
  });

  it('When documents are inserted, deleted or change only other fields, then the cached runs are edited and scans still agree', async () => {
    await compare(20); // the runs are cached now
    for (let i = 0; i < 300; i++) {
      const r = rand();
      if (r < 0.4) {
        const doc = makeDoc(5000 + i);
        await indexed.insertOne({ ...doc });
        await plain.insertOne({ ...doc });
      } else if (r < 0.8) {
        const id = `d${String(Math.floor(rand() * 1500)).padStart(4, '0')}`;
        const set = { status: pick(statuses) };
        await indexed.updateOne({ _id: id }, { $set: set });
        await plain.updateOne({ _id: id }, { $set: set });
      } else {
        const id = `d${String(Math.floor(rand() * 1500)).padStart(4, '0')}`;
        await indexed.deleteOne({ _id: id });
        await plain.deleteOne({ _id: id });
      }
      if (i % 20 === 0) await compare(10);
    }
    await compare(50);
  });

  it('When the same frozen filters are queried again between writes, then the plans kept for them (runs, heads, predicates) still return what a full scan returns', async () => {
    // The engine's visibility filters are deep-frozen and reused on every request of a caller:
    // the store keeps what it derives from them. Writes edit runs in place (kept heads are
    // re-read for the edited runs only), move documents between runs or drop runs (all re-read);
    // a burst past the edit log re-reads everything.
    const filters = Array.from({ length: 6 }, () => deepFreeze(randomFilter()));
    const sort = { createdAt: -1, _id: -1 } as const;
    const check = async () => {
      for (const filter of filters) {
        await sameIds(indexed, plain, filter, { sort, limit: 1 + Math.floor(rand() * 40) });
      }
    };
    await check();
    for (let i = 0; i < 400; i++) {
      const r = rand();
      const id = `d${String(Math.floor(rand() * 1500)).padStart(4, '0')}`;
      if (r < 0.3) {
        const doc = { ...makeDoc(20_000 + i), createdAt: new Date(Date.UTC(2024, 1, 1 + i)) };
        await indexed.insertOne({ ...doc });
        await plain.insertOne({ ...doc });
      } else if (r < 0.5) {
        const set = { createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(rand() * 40))) };
        await indexed.updateOne({ _id: id }, { $set: set });
        await plain.updateOne({ _id: id }, { $set: set });
      } else if (r < 0.65) {
        const set = { tenantId: pick(tenants) };
        await indexed.updateOne({ _id: id }, { $set: set });
        await plain.updateOne({ _id: id }, { $set: set });
      } else if (r < 0.85) {
        const set = { status: pick(statuses) };
        await indexed.updateOne({ _id: id }, { $set: set });
        await plain.updateOne({ _id: id }, { $set: set });
      } else {
        await indexed.deleteOne({ _id: id });
        await plain.deleteOne({ _id: id });
      }
      // Mostly a query after each write; sometimes a burst of writes past the edit log.
      if (i % 100 !== 50 && rand() < 0.7) await check();
    }
    await check();
    // A narrower filter (a scope narrowed, a customer revoked) is a new object: its own results.
    const narrowed = filters.map((f) => {
      const or = (f as { $or?: unknown[] }).$or;
      return or && or.length > 1 ? deepFreeze({ $or: or.slice(1) } as Filter<Ticket>) : f;
    });
    for (const filter of narrowed) await sameIds(indexed, plain, filter, { sort, limit: 40 });
  });

  it('When $or branches repeat a tenant, name several or none, or sit beside other conditions, then ordered scans (first pages and cursor pages, frozen or not) return what a full scan returns', async () => {
    // The planner splits the engine's shape (each branch a different tenant, as a plain string)
    // in one pass without a map; anything else takes the general split. Both must agree.
    const branch = (): Record<string, unknown> => {
      const r = rand();
      const tenantId = pick(tenants);
      if (r < 0.4) return { tenantId };
      if (r < 0.6) return { tenantId, roomId: pick(rooms) };
      if (r < 0.7) return { tenantId, groups: { $in: [pick(groups), pick(groups)] } };
      if (r < 0.8) return { tenantId: { $in: [pick(tenants), pick(tenants)] } };
      if (r < 0.9) return { status: pick(statuses) };
      return { tenantId, $or: [{ roomId: pick(rooms) }, { groups: pick(groups) }] };
    };
    const sort = { createdAt: -1, _id: -1 } as const;
    for (let i = 0; i < 150; i++) {
      const branches = Array.from({ length: 1 + Math.floor(rand() * 8) }, branch);
      // Half the time the engine's shape: a different tenant per branch, named as a string.
      if (rand() < 0.5) {
        const used = new Set<string>();
        for (const b of branches) {
          let t = pick(tenants);
          while (used.has(t) && used.size < tenants.length) t = pick(tenants);
          used.add(t);
          b.tenantId = t;
        }
      }
      const base: Record<string, unknown> =
        rand() < 0.3 ? { $or: branches, status: pick(statuses) } : { $or: branches };
      const filter = (rand() < 0.5 ? deepFreeze(base) : base) as Filter<Ticket>;
      const limit = 1 + Math.floor(rand() * 30);
      await sameIds(indexed, plain, filter, { sort, limit });
      // The next page: the same filter ANDed with the cursor's condition (as findPage asks).
      const first = await plain.find(filter, { sort, limit }).toArray();
      const last = first[first.length - 1];
      if (!last) continue;
      const after = {
        $or: [
          { createdAt: { $lt: last.createdAt } },
          { createdAt: last.createdAt, _id: { $lt: last._id } },
        ],
      };
      await sameIds(indexed, plain, { $and: [filter, after] } as Filter<Ticket>, { sort, limit });
    }
  });

  it('When the pinned first key is an array field, then each document is tested against its own branches and returned once', async () => {
    // A document under several groups sits in several runs; a branch of another group must still
    // be able to select it, and it must not come back twice.
    const multi = store.collection<Ticket>('multikey');
    const plainMulti = store.collection<Ticket>('multikey-plain');
    await multi.createIndex({ groups: 1, createdAt: -1, _id: -1 });
    const docs = Array.from({ length: 600 }, (_, i) => makeDoc(10_000 + i));
    await multi.insertMany(docs.map((d) => ({ ...d })));
    await plainMulti.insertMany(docs.map((d) => ({ ...d })));
    for (let i = 0; i < 150; i++) {
      const branches = groups
        .filter(() => rand() < 0.7)
        .map((g) => (rand() < 0.5 ? { groups: g } : { groups: g, status: pick(statuses) }));
      const filter = { $or: branches.length ? branches : [{ groups: 'g0' }] } as Filter<Ticket>;
      const limit = 1 + Math.floor(rand() * 60);
      await sameIds(multi, plainMulti, filter, { sort: { createdAt: -1, _id: -1 }, limit });
    }
  });
  it('When a branch is read directly instead of compiled, then it matches exactly the documents the compiled filter matches', () => {
    // The ordered scan tests simple branches (equalities, short $in lists, $and/$or of those)
    // without compiling them (predicateOf); anything else still goes to compileFilter.
    const values: unknown[] = [
      'a',
      'b',
      '',
      0,
      -0,
      1,
      true,
      false,
      null,
      ['a', 'b'],
      [0],
      [],
      [['a']],
    ];
    const fields = ['tenantId', 'roomId', 'n', 'constructor'];
    const docs = Array.from({ length: 300 }, (_, i) => {
      const doc: Record<string, unknown> = { _id: `s${i}` };
      for (const f of fields) if (rand() < 0.8) doc[f] = pick(values);
      return doc;
    });
    const scalar = () => pick(['a', 'b', '', 0, -0, 1, true, false]);
    const leaf = (): Record<string, unknown> => {
      const f = pick(fields);
      const r = rand();
      if (r < 0.4) return { [f]: scalar() };
      if (r < 0.8) return { [f]: { $in: Array.from({ length: Math.floor(rand() * 4) }, scalar) } };
      // Not simple: left to compileFilter.
      return pick([
        { [f]: { $in: [null, 'a'] } },
        { [f]: { $eq: 'a' } },
        { [f]: { $nin: ['a'] } },
        { [f]: null },
        { [f]: ['a', 'b'] },
        { [f]: { $in: Array.from({ length: 20 }, (_, i) => `v${i}`).concat(['a']) } },
        { 'roomId.x': 'a' },
      ]);
    };
    const filterOf = (depth: number): Record<string, unknown> => {
      const f: Record<string, unknown> = { ...leaf() };
      if (rand() < 0.5) Object.assign(f, leaf());
      if (depth > 0 && rand() < 0.5) {
        f[pick(['$and', '$or'])] = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
          filterOf(depth - 1)
        );
      }
      if (rand() < 0.1) f.$comment = 'c';
      return f;
    };
    let simple = 0;
    for (let i = 0; i < 400; i++) {
      const filter = deepFreeze(filterOf(2));
      if (isSimpleFilter(filter)) simple++;
      const direct = predicateOf(filter);
      const compiled = compileFilter(filter);
      for (const doc of docs) {
        assert.equal(direct(doc as never), compiled(doc as never), JSON.stringify({ filter, doc }));
      }
    }
    assert.ok(simple > 50 && simple < 350, `${simple} of 400 filters simple: both kinds covered`);
  });

  it('When the store restarts with run hints, then the first ordered pages, pages after writes and pages of a narrowed scope return what a full scan returns', async () => {
    // After a restart the runs are rebuilt while loading (run hints) with their heads; the first
    // page of each frozen filter then plans from them (one pass over the $or, branches read
    // directly), and later writes edit runs and heads in place.
    const t = await tempDir();
    let s = await openEmbeddedStore(t.dir);
    try {
      const sort = { createdAt: -1, _id: -1 } as const;
      const docs = Array.from({ length: 1200 }, (_, i) => makeDoc(30_000 + i));
      let idx = s.collection<Ticket>('restart');
      await idx.createIndex({ tenantId: 1, createdAt: -1, _id: -1 });
      await idx.insertMany(docs.map((d) => ({ ...d })));
      await s.collection<Ticket>('restart-plain').insertMany(docs.map((d) => ({ ...d })));
      await idx.find(deepFreeze(randomFilter()), { sort, limit: 10 }).toArray();
      await s.close();
      assert.ok((await readRunHints(t.dir)).some((h) => h.c === 'restart'));

      s = await openEmbeddedStore(t.dir, { backgroundLoadRecords: 100 });
      idx = s.collection<Ticket>('restart');
      const pl = s.collection<Ticket>('restart-plain');
      const filters = Array.from({ length: 8 }, () => deepFreeze(randomFilter()));
      const check = async (list: Filter<Ticket>[]) => {
        for (const filter of list) {
          await sameIds(idx, pl, filter, { sort, limit: 1 + Math.floor(rand() * 60) });
        }
      };
      await check(filters);
      let n = 0;
      const both = async (write: (c: DocCollection<Ticket>) => Promise<unknown>) => {
        await write(idx);
        await write(pl);
      };
      for (let i = 0; i < 120; i++) {
        const r = rand();
        const id = docs[Math.floor(rand() * docs.length)]!._id;
        if (r < 0.4) {
          // The newest ticket of a customer: its run's head changes.
          const doc = { ...makeDoc(40_000 + n++), createdAt: new Date(Date.UTC(2024, 2, 1 + i)) };
          await both((c) => c.insertOne({ ...doc }));
        } else if (r < 0.6) {
          const set = { tenantId: pick(tenants) };
          await both((c) => c.updateOne({ _id: id }, { $set: set }));
        } else if (r < 0.8) {
          await both((c) => c.deleteOne({ _id: id }));
        } else {
          const set = { roomId: pick(rooms), status: pick(statuses) };
          await both((c) => c.updateOne({ _id: id }, { $set: set }));
        }
        if (rand() < 0.5) await check(filters);
      }
      // A customer's every ticket deleted (its run empties), then a page.
      await both((c) => c.deleteMany({ tenantId: 't5' }));
      await check(filters);
      // A scope narrowed or a customer revoked: a new frozen filter, its own results.
      const narrowed = filters.map((f) => {
        const or = (f as { $or?: Record<string, unknown>[] }).$or;
        if (!or || or.length < 2) return f;
        const [first, ...rest] = or;
        const fewer = { ...first!, roomId: { $in: [rooms[0]] } };
        return deepFreeze({ $or: rand() < 0.5 ? rest : [fewer, ...rest] } as Filter<Ticket>);
      });
      await check(narrowed);
      await check(filters);
    } finally {
      await s.close();
      await t.remove();
    }
  });

  it("When a customer's run is emptied, then refilled after a restart, then each new caller's first page reads the run's heads as they are, not as its value's entry last linked them", async () => {
    // After a restart each customer's key entry links to its run's head cell (adopted with the
    // snapshot's runs); a write that empties the run kills that cell, and a refill makes a new one.
    const t = await tempDir();
    let s = await openEmbeddedStore(t.dir);
    try {
      const sort = { createdAt: -1, _id: -1 } as const;
      const docs = Array.from({ length: 600 }, (_, i) => makeDoc(50_000 + i));
      let idx = s.collection<Ticket>('relink');
      await idx.createIndex({ tenantId: 1, createdAt: -1, _id: -1 });
      await idx.insertMany(docs.map((d) => ({ ...d })));
      await s.collection<Ticket>('relink-plain').insertMany(docs.map((d) => ({ ...d })));
      await idx.find(deepFreeze(randomFilter()), { sort, limit: 10 }).toArray();
      await s.close();
      s = await openEmbeddedStore(t.dir, { backgroundLoadRecords: 100 });
      idx = s.collection<Ticket>('relink');
      const pl = s.collection<Ticket>('relink-plain');
      // A new caller's filter across every customer: the engine's shape, one branch each.
      const newCaller = () =>
        deepFreeze({ $or: tenants.map((tenantId) => ({ tenantId })) } as Filter<Ticket>);
      const page = (limit: number) => sameIds(idx, pl, newCaller(), { sort, limit });
      // Two new callers: the second reads the heads the first page linked (or the load did).
      await page(40);
      await page(40);
      // t5's run emptied: its head cell dies.
      await idx.deleteMany({ tenantId: 't5' });
      await pl.deleteMany({ tenantId: 't5' });
      await page(40);
      await page(600);
      // Refilled with the newest tickets of all: a new head cell, read by the next new caller.
      for (let i = 0; i < 3; i++) {
        const doc = {
          ...makeDoc(60_000 + i),
          tenantId: 't5',
          createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
        };
        await idx.insertOne({ ...doc });
        await pl.insertOne({ ...doc });
      }
      await page(5);
      await page(40);
      // Its newest ticket deleted and another inserted between two older ones: heads move.
      await idx.deleteOne({ _id: 'd60002' });
      await pl.deleteOne({ _id: 'd60002' });
      const middle = {
        ...makeDoc(60_010),
        tenantId: 't5',
        createdAt: new Date(Date.UTC(2025, 0, 1, 12)),
      };
      await idx.insertOne({ ...middle });
      await pl.insertOne({ ...middle });
      await page(3);
      await page(40);
    } finally {
      await s.close();
      await t.remove();
    }
  });
});
