/**
 * The in-memory contents of one embedded collection: documents by `_id`, its indexes, and the
 * query planner. Stored documents are immutable: a write replaces the object under its id, so a
 * reader holding the old object never sees a half-applied change.
 */
import { IndexState, KeyTable, keptHead, sameIndex, sameKeys, type IndexDef } from './indexes.ts';
import { storeError } from './errors.ts';
import {
  compileFilter,
  docComparator,
  isReusable,
  isSimpleFilter,
  present,
  sortDocs,
  testSimple,
} from './mql.ts';
import { headKey, mergeRuns, type OrderedPlan } from './merge-runs.ts';
import {
  isIndexableScalar,
  isPlainObject,
  keyOf,
  stringKeyEntry,
  stringKeysFor,
  type Doc,
  type KeyEntry,
} from './values.ts';

/** Candidate documents for a filter and the part of the filter still to test on them. */
export interface QueryPlan {
  candidates: Iterable<Doc>;
  residual: Record<string, unknown>;
}

export class CollectionData {
  readonly name: string;
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, IndexState>();
  /** One hash lookup per first-key field, shared by the indexes starting with it. */
  private readonly tables = new Map<string, KeyTable>();
  /** Indexes with keys of their own to maintain (unique ones). */
  private keyed: IndexState[] = [];
  /**
   * Key tables left out of writes while a snapshot section loads with them stored (see
   * deferTables): taken back whole, or built from the documents, by adoptTable.
   */
  private readonly deferred = new Map<string, KeyTable>();
  /** What orderedRuns derived from each frozen filter, by order. */
  private readonly runPlans = new WeakMap<object, Map<string, RunPlanMemo>>();

  constructor(name: string) {
    this.name = name;
  }

  private readonly docOf = (id: string): Doc | undefined => this.docs.get(id);

  /** Throws (duplicate key, parallel arrays) if `doc` cannot be committed; changes nothing. */
  validate(doc: Doc): void {
    const previous = this.docs.get(doc._id);
    for (const idx of this.indexes.values()) idx.check(doc, this.name, previous);
  }

  /** Commits a validated document (insert or replace) and maintains every index. */
  put(doc: Doc): void {
    const old = this.docs.get(doc._id);
    for (const table of this.tables.values()) table.replace(old, doc);
    for (const idx of this.keyed) idx.replace(old, doc);
    this.docs.set(doc._id, doc);
  }

  /**
   * Puts documents as a snapshot section loads them: while no key table and no built unique key
   * needs the previous version of a document (its tables deferred, see deferTables), each goes
   * into the map directly, without reading the id first.
   */
  loadDocs(docs: Doc[]): void {
    if (this.tables.size > 0 || this.keyed.some((idx) => idx.hasBuiltKeys)) {
      for (const doc of docs) this.put(doc);
      return;
    }
    for (const doc of docs) this.docs.set(doc._id, doc);
  }

  delete(id: string): Doc | undefined {
    const old = this.docs.get(id);
    if (!old) return undefined;
    for (const table of this.tables.values()) table.replace(old, undefined);
    for (const idx of this.keyed) idx.replace(old, undefined);
    this.docs.delete(id);
    return old;
  }

  clear(): void {
    this.docs.clear();
    this.indexes.clear();
    this.tables.clear();
    this.deferred.clear();
    this.keyed = [];
  }

  /**
   * What createIndex would do: 'exists' for an identical index, 'new' otherwise; throws like
   * MongoDB when the name or the keys are taken by a different index.
   */
  classifyIndex(def: IndexDef): 'exists' | 'new' {
    if (def.name === '_id_' || (sameKeys(def.keys, { _id: 1 }) && !def.expireAfterSeconds)) {
      return 'exists';
    }
    const byName = this.indexes.get(def.name);
    if (byName) {
      if (sameIndex(byName.def, def)) return 'exists';
      throw storeError(
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index: ${def.name}`
      );
    }
    for (const idx of this.indexes.values()) {
      if (sameKeys(idx.def.keys, def.keys)) {
        throw storeError(
          'IndexOptionsConflict',
          `Index already exists with a different name or options: ${idx.def.name}`
        );
      }
    }
    return 'new';
  }

  /**
   * Builds an index over the current documents; on a duplicate nothing is attached. A trusted
   * one (replayed: its keys were unique when it was made) only needs its key table: a unique
   * index builds its owners from it when first used.
   */
  addIndex(def: IndexDef, opts: { trusted?: boolean } = {}): void {
    const field = Object.keys(def.keys)[0]!;
    // A table deferred while a section loads is filled whole by adoptTable.
    const shared = this.tables.get(field) ?? this.deferred.get(field);
    const idx = new IndexState(def, shared ?? new KeyTable(field), this.docOf);
    if (!opts.trusted) {
      for (const doc of this.docs.values()) {
        idx.check(doc, this.name);
        idx.replace(undefined, doc);
      }
    }
    if (!shared) {
      for (const doc of this.docs.values()) idx.table.add(doc);
      this.tables.set(field, idx.table);
    }
    this.indexes.set(def.name, idx);
    if (idx.hasOwnKeys) this.keyed.push(idx);
  }

  /**
   * While a snapshot section that stores the key tables of `fields` loads (see table-parts.ts):
   * its documents go in without those tables (no hash lookup per document), each taken back by
   * adoptTable once the section is in.
   */
  deferTables(fields: string[]): void {
    for (const field of fields) {
      const table = this.tables.get(field);
      if (!table || this.deferred.has(field)) continue;
      this.tables.delete(field);
      this.deferred.set(field, table);
    }
  }

  /**
   * A deferred key table back in use: the lookup read from the snapshot (checked against the
   * `among` documents of its section as they loaded), or, when it did not check out or those
   * are not exactly the documents held (an id twice in the section), built from the documents.
   */
  adoptTable(field: string, byKey: Map<string, string[]> | undefined, among: number): void {
    const table = this.deferred.get(field);
    if (!table) return;
    this.deferred.delete(field);
    if (!byKey || among !== this.docs.size || !table.adoptLookup(byKey)) {
      for (const doc of this.docs.values()) table.add(doc);
    }
    this.tables.set(field, table);
  }

  /** The (first-key field, order) pairs of the sorted runs cached now (see run-hints.ts). */
  runOrders(): [string, string][] {
    const out: [string, string][] = [];
    for (const [field, table] of this.tables) {
      for (const order of table.runOrderNames()) out.push([field, order]);
    }
    return out;
  }

  /**
   * The sorted runs to persist in a snapshot: those of orders kept up to date whose last key is
   * `_id` (a total order, so a run is fully determined by its members and can be checked when
   * read back), copied now.
   */
  captureRuns(): CapturedRuns[] {
    const out: CapturedRuns[] = [];
    for (const [field, table] of this.tables) {
      for (const order of table.runOrderNames()) {
        if (!parseOrder(order)?.total) continue;
        const runs = table.runsOf(order);
        if (runs) out.push({ field, order, runs });
      }
    }
    return out;
  }

  /**
   * Takes sorted runs read back from a snapshot, right after its documents were loaded, as the
   * cached runs of `order`, once each is checked: as many documents as the key table holds under
   * its value, each of them the stored version of its id and holding that value, in strictly
   * increasing order (so each once): exactly the table's documents under the value. A run that
   * fails the check drops them all (they are built on first use instead); nothing else changes.
   * `checkedAmong`: the members were checked as the section loaded (see run-check.ts) against
   * that many documents; when they are all the collection holds, each is its id's stored
   * version, and only the counts are left to check.
   */
  adoptRuns(
    field: string,
    order: string,
    runs: Map<string, Doc[]>,
    checkedAmong?: number
  ): boolean {
    const table = this.tables.get(field);
    const parsed = parseOrder(order);
    if (!table || !parsed?.total) return false;
    const compare = docComparator(parsed.sort);
    const docs = this.docs;
    const checked = checkedAmong !== undefined && checkedAmong === docs.size;
    for (const [key, run] of runs) {
      if (run.length !== table.countOf(key)) return false;
      if (checked) continue;
      for (let i = 0; i < run.length; i++) {
        const doc = run[i]!;
        if (docs.get(doc._id) !== doc) return false;
        // The key of a single value read directly; others (arrays, paths) asked of the table.
        const own = table.scalarKeyOf(doc);
        if (own === undefined ? !table.holds(key, doc._id) : own !== key) return false;
        if (i > 0 && compare(run[i - 1]!, doc) >= 0) return false;
      }
    }
    table.adoptRuns(order, compare, runs, headOfOrder(parsed.sort));
    return true;
  }

  /**
   * Builds the sorted runs of every value of `field` in `order` (a planner order key), as
   * orderedRuns would on first use, yielding through `between` every few values (nothing to build
   * when the snapshot brought them back: adoptRuns), then exercises the page's code on a few of
   * them (exerciseRuns).
   */
  async warmRuns(field: string, order: string, between: () => Promise<void>): Promise<void> {
    const table = this.tables.get(field);
    const sort = parseOrder(order)?.sort;
    if (!table || !sort) return;
    const runOf = table.runsIn(
      order,
      (ids) => sortDocs(this.members(ids), sort),
      docComparator(sort),
      headOfOrder(sort)
    );
    if (table.headsIn(order) === undefined) {
      let n = 0;
      for (const key of table.keys()) {
        runOf(key);
        if (++n % 8 === 0) await between();
      }
    }
    await this.exerciseRuns(field, sort, runOf, between);
  }

  /**
   * JIT warm-up of the ordered-runs path, at a fixed cost whatever the collection's size: a few
   * pages, each for a fresh frozen filter (as a new caller's) over at most EXERCISE_KEYS runs,
   * shaped like the aggregate view's: an `$or` of branches pinning one value each, some with an
   * `$in` on another indexed field (values taken from the run's documents), and one value's page
   * (a plain filter, as a single customer's list), each projected. So the first real page after a
   * start runs compiled code instead of the interpreter, and V8 does not compile it during that
   * page. Changes nothing; results unused.
   */
  private async exerciseRuns(
    field: string,
    sort: Record<string, 1 | -1>,
    runOf: (key: string) => Doc[],
    between: () => Promise<void>
  ): Promise<void> {
    if (field.includes('.')) return;
    const extra = new Set<string>();
    for (const idx of this.indexes.values()) {
      const second = idx.fields[1];
      if (idx.fields[0] === field && second && !second.includes('.') && !(second in sort)) {
        extra.add(second);
      }
    }
    const others = [...extra];
    const samples: { value: string; run: Doc[] }[] = [];
    for (const key of this.tables.get(field)!.keys()) {
      if (!key.startsWith('s')) continue;
      const run = runOf(key);
      if (run.length > 0) samples.push({ value: key.slice(1), run });
      if (samples.length >= EXERCISE_KEYS) break;
    }
    if (samples.length === 0) return;
    const projection = Object.freeze(
      Object.fromEntries([field, ...Object.keys(sort)].map((f) => [f, 1]))
    );
    for (let round = 0; round < EXERCISE_ROUNDS; round++) {
      const branches = samples.map(({ value, run }, i) => {
        const other = others[(i + round) % (others.length + 1)];
        const values = other === undefined ? [] : inValues(run, other);
        return Object.freeze(
          values.length === 0
            ? { [field]: value }
            : { [field]: value, [other!]: Object.freeze({ $in: Object.freeze(values) }) }
        );
      });
      // A new caller's aggregate page, then one value's page (a filter not frozen).
      const probes = [
        Object.freeze({ $or: Object.freeze(branches) }),
        { [field]: samples[round % samples.length]!.value },
      ];
      for (const probe of probes) {
        const plan = this.orderedRuns(probe, sort, (docs) => sortDocs(docs, sort));
        if (plan) present(mergeRuns(plan, sort, { limit: EXERCISE_PAGE }), projection);
      }
      await between();
    }
  }

  private members(ids: Iterable<string>): Doc[] {
    const members: Doc[] = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) members.push(doc);
    }
    return members;
  }

  /**
   * For `find` with a sort and a limit: when an index's first key is pinned by the filter to a
   * set of values and its next keys are the sort's fields (in the same or the opposite
   * directions), the documents under each value, sorted, are runs the caller merges, stopping as
   * soon as it has enough matches. A newest-first page over many tenants then reads a few
   * documents per tenant instead of sorting all of them.
   *
   * For a frozen filter (the engine's, the same object on every request of a caller) what this
   * derives is kept per order: the index, the pinned values, the runs (reused while the key
   * table dropped none: the others are edited in place), their heads, and each run's predicate
   * (made when the merge first reads the run: a simple branch is read directly, not compiled),
   * so a caller's next page costs the merge alone. A first page after a start plans from the
   * runs and head numbers the load rebuilt (run hints) in one pass over the filter's `$or`.
   */
  orderedRuns(
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1>,
    sortRun: (docs: Doc[]) => Doc[]
  ): OrderedPlan | undefined {
    const spec = Object.entries(sort);
    if (spec.length === 0) return undefined;
    const order = JSON.stringify(spec);
    const frozen = Object.isFrozen(filter);
    let memo = frozen ? this.runPlans.get(filter)?.get(order) : undefined;
    if (memo && this.indexes.get(memo.idx.def.name) !== memo.idx) memo = undefined;
    if (!memo) {
      memo = this.chooseRuns(filter, spec);
      if (!memo) return undefined;
      if (frozen) {
        let byOrder = this.runPlans.get(filter);
        if (!byOrder) this.runPlans.set(filter, (byOrder = new Map()));
        byOrder.set(order, memo);
      }
    }
    const m = memo;
    const { idx, keys } = m;
    const table = idx.table;
    const [first, dir] = spec[0]!;
    const sign = first.includes('.') ? 0 : dir;
    // Runs are fetched when first read (the merge reads a hundred of a thousand): one closure
    // over the order's cache, each run one map read (built on first use, then cached).
    const runOf = idx.runsIn(
      order,
      (ids) => sortRun(this.members(ids)),
      docComparator(sort),
      (doc: Doc) => headKey(doc, first, sign)
    );
    let changed: string[] | undefined;
    if (!m.runs || m.version !== table.runsVersion) {
      // Runs fetched before a drop may be stale: fetched again as they are read.
      m.runs = new Array<Doc[] | undefined>(keys.length);
      m.version = table.runsVersion;
      m.heads = undefined;
    } else if (m.headsAt !== table.editVersion) {
      changed = table.editedSince(m.headsAt);
    }
    const runs = m.runs;
    const fetch = (i: number): Doc[] => (runs[i] ??= runOf(keys[i]!));
    if (m.headsAt !== table.editVersion || !m.heads) {
      if (changed && m.heads && m.filled) {
        // A few runs edited since the last page (a write): only their heads are read again.
        m.position ??= new Map(keys.map((k, i) => [k, i]));
        for (const key of changed) {
          const i = m.position.get(key);
          if (i === undefined) continue;
          const [head, second] = fetch(i);
          m.filled[i] = head ? 1 : 0;
          m.heads[i] = head ? headKey(head, first, sign) : NaN;
          m.nexts![i] = second ? headKey(second, first, sign) : NaN;
        }
      } else {
        // The table keeps each cached run's first two head numbers: one map read per value, no
        // document read. A value without them has no cached run (built now) or an empty one.
        const kept = table.headsIn(order);
        // A direct `$or`'s entries link to their values' heads (no second map read each).
        const entries = m.direct?.entries;
        const n = keys.length;
        const both = new Float64Array(2 * n);
        const heads = both.subarray(0, n);
        // Unknown (a run built now) until the merge reads the document itself.
        const nexts = both.subarray(n).fill(NaN);
        const filled = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const h = kept && (entries ? keptHead(kept, entries[i]!) : kept.get(keys[i]!));
          if (h !== undefined) {
            filled[i] = 1;
            heads[i] = h.head;
            nexts[i] = h.next;
            continue;
          }
          const head = fetch(i)[0];
          if (!head) continue;
          filled[i] = 1;
          heads[i] = headKey(head, first, sign);
        }
        m.heads = heads;
        m.nexts = nexts;
        m.filled = filled;
      }
      m.headsAt = table.editVersion;
    }
    const field = idx.fields[0]!;
    // Predicates that hold per-query state (a mingo Query) are kept for this query only.
    const local: RunMatcher[] = [];
    const byFilter = new Map<Record<string, unknown>, (doc: Doc) => boolean>();
    let scratch: SplitScratch | undefined;
    const matcherOf = (i: number): RunMatcher => {
      // Kept in m.matchers for a frozen filter: restrictTo's own memo would be a second copy.
      const f = m.direct
        ? directRestriction(filter, i, m.direct)
        : restrictUncached(filter, field, keys[i]!, (scratch ??= new Map()));
      let made: RunMatcher;
      // A simple filter is read as it is on each test (testSimple): nothing compiled or kept
      // beside it; it never changes (frozen), or is this query's own.
      if (!f) made = never;
      else if (isSimpleFilter(f)) made = f;
      else {
        // Runs often share one filter object (nothing to restrict): compiled once per query.
        let p = byFilter.get(f);
        if (!p) byFilter.set(f, (p = compileFilter(f)));
        made = p;
      }
      if (frozen && (typeof made !== 'function' || made === never || isReusable(made))) {
        m.matchers[i] = made;
      } else local[i] = made;
      return made;
    };
    return {
      count: keys.length,
      run: fetch,
      heads: m.heads!,
      nexts: m.nexts!,
      filled: m.filled!,
      mayRepeat: idx.isMultikey && keys.length > 1,
      test: (i, doc) => {
        const t = m.matchers[i] ?? local[i] ?? matcherOf(i);
        return typeof t === 'function' ? t(doc) : testSimple(t, doc);
      },
    };
  }

  /** The index whose runs serve `spec` for `filter` (the fewest documents), with its keys. */
  private chooseRuns(
    filter: Record<string, unknown>,
    spec: [string, 1 | -1][]
  ): RunPlanMemo | undefined {
    const covering: IndexState[] = [];
    for (const idx of this.indexes.values()) {
      if (idx.fields.length < spec.length + 1) continue;
      const flip = idx.def.keys[spec[0]![0]] === -spec[0]![1];
      const covered = spec.every(
        ([f, dir], i) => idx.fields[i + 1] === f && idx.def.keys[f] === (flip ? -dir : dir)
      );
      if (covered) covering.push(idx);
    }
    let chosen: { idx: IndexState; keys: string[]; size: number } | undefined;
    for (const idx of covering) {
      const keys = pinnedKeys(filter, idx.fields[0]!);
      if (!keys) continue;
      // One candidate needs no estimate (a pass over every pinned value).
      if (covering.length === 1) {
        return {
          idx,
          keys,
          direct: directOr(filter, idx.fields[0]!, keys),
          version: -1,
          headsAt: -1,
          matchers: new Array(keys.length),
        };
      }
      const size = idx.estimate(keys);
      if (!chosen || size < chosen.size) chosen = { idx, keys, size };
    }
    return (
      chosen && {
        idx: chosen.idx,
        keys: chosen.keys,
        direct: directOr(filter, chosen.idx.fields[0]!, chosen.keys),
        version: -1,
        headsAt: -1,
        matchers: new Array(chosen.keys.length),
      }
    );
  }

  /**
   * Plans a filter: candidate documents plus the part of the filter still to test on each. Uses
   * `_id` or an index whose first key appears in the filter (top level or inside a top-level
   * $and) as an equality or $in, picking the most selective; otherwise a full scan. When the
   * chosen condition is a plain top-level equality/$in on an undotted field, the hash lookup
   * answers it exactly (same equality as MongoDB for scalars, Dates and arrays of those), so it
   * is dropped from the residual filter: re-testing a 50-value $in on every candidate costs more
   * than the lookup itself.
   */
  plan(filter: Record<string, unknown>): QueryPlan {
    const chosen = this.bestLookup(filter);
    if (!chosen) return { candidates: this.docs.values(), residual: filter };
    let residual = filter;
    if (chosen.exact) {
      residual = { ...filter };
      delete residual[chosen.field];
    }
    // An array, not a generator: several times faster on the hot query path (measured).
    const candidates: Doc[] = [];
    const docs = this.docs;
    for (const id of chosen.idx ? chosen.idx.idsFor(chosen.keys) : chosen.keys) {
      const doc = docs.get(id);
      if (doc) candidates.push(doc);
    }
    return { candidates, residual };
  }

  /**
   * The most selective lookup for `filter` (see plan). Methods rather than closures: plan runs
   * on every query, and a closure is built on every call (and named, under the TypeScript loader).
   */
  private bestLookup(filter: Record<string, unknown>): Choice | undefined {
    let best = this.considerFields(filter, true, undefined);
    // Conditions the walk above cannot use: an `$or` whose every branch pins an index's first key
    // (the aggregate view's per-customer filters) reads the union of the branches' lookups. The
    // whole filter stays to be tested, since each branch has conditions of its own.
    for (const idx of this.indexes.values()) {
      if (best?.exact) break;
      const keys = pinnedKeys(filter, idx.fields[0]!);
      if (!keys) continue;
      const size = idx.estimate(keys);
      if (!best || size < best.size)
        best = { size, idx, keys, field: idx.fields[0]!, exact: false };
    }
    return best;
  }

  /** The fields of `f` (and of its `$and` branches, not top level), each considered in turn. */
  private considerFields(
    f: Record<string, unknown>,
    topLevel: boolean,
    best: Choice | undefined
  ): Choice | undefined {
    for (const field of Object.keys(f)) {
      const cond = f[field];
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond)
          if (isPlainObject(sub)) best = this.considerFields(sub, false, best);
      } else if (!field.startsWith('$')) {
        best = this.consider(field, cond, topLevel, best);
      }
    }
    return best;
  }

  /** `best`, or a lookup of `field`'s equality values that is more selective. */
  private consider(
    field: string,
    cond: unknown,
    topLevel: boolean,
    best: Choice | undefined
  ): Choice | undefined {
    const values = equalityValues(cond);
    if (!values) return best;
    const exact = topLevel && !field.includes('.') && isExactlyEquality(cond);
    if (field === '_id') {
      const ids = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
      return !best || ids.length < best.size ? { size: ids.length, keys: ids, field, exact } : best;
    }
    // Deduplicated: `$in: ['a', 'a']` must not yield each document twice.
    const keys = [...new Set(values.map(keyOf))];
    for (const idx of this.indexes.values()) {
      if (idx.fields[0] !== field) continue;
      const size = idx.estimate(keys);
      if (!best || size < best.size) best = { size, idx, keys, field, exact };
    }
    return best;
  }
}

/** Sorted runs of one order as a snapshot persists them (see captureRuns). */
export interface CapturedRuns {
  /** The first-key field of the key table. */
  field: string;
  /** The planner's order key (JSON of the sort's [field, direction] pairs). */
  order: string;
  /** First-key value → its documents in that order. */
  runs: Map<string, Doc[]>;
}

/** A planner order key as a sort; `total` when it ends with `_id` (no two documents tie). */
export function parseOrder(
  order: string
): { sort: Record<string, 1 | -1>; total: boolean } | undefined {
  try {
    const spec: unknown = JSON.parse(order);
    if (
      !Array.isArray(spec) ||
      spec.length === 0 ||
      !spec.every(
        (e) => Array.isArray(e) && typeof e[0] === 'string' && (e[1] === 1 || e[1] === -1)
      )
    ) {
      return undefined;
    }
    const pairs = spec as [string, 1 | -1][];
    return { sort: Object.fromEntries(pairs), total: pairs[pairs.length - 1]![0] === '_id' };
  } catch {
    return undefined;
  }
}

/** The head number of a run in `sort` (see RunCache.heads): its first key's, when a Date. */
export function headOfOrder(sort: Record<string, 1 | -1>): (doc: Doc) => number {
  const [first, dir] = Object.entries(sort)[0]!;
  const sign = first.includes('.') ? 0 : dir;
  return (doc) => headKey(doc, first, sign);
}

/** Runs and pages of the start-up JIT warm-up (see exerciseRuns): a fixed cost. */
const EXERCISE_KEYS = 256;
const EXERCISE_ROUNDS = 10;
const EXERCISE_PAGE = 51;

/** Up to three string values of `field` in the first documents of `run` (an `$in` list). */
function inValues(run: Doc[], field: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < run.length && i < 3; i++) {
    const v = run[i]![field];
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'string' && !out.includes(x)) out.push(x);
    }
  }
  return out;
}

/** Matches nothing (a run whose value no branch of the filter accepts). */
export const never = (): boolean => false;

/** What orderedRuns keeps for a frozen filter and an order. */
interface RunPlanMemo {
  idx: IndexState;
  keys: string[];
  /** The filter is an `$or` whose direct split gave `keys` (see directOr). */
  direct: DirectOr | undefined;
  /**
   * The runs of `keys` read so far (each fetched when first read), while the key table's
   * runsVersion is `version`.
   */
  runs?: (Doc[] | undefined)[];
  version: number;
  /**
   * Each run's head as a number (headKey) and whether it has one, as of the key table's
   * editVersion `headsAt`: the merge starts from these without reading a thousand documents.
   */
  heads?: Float64Array;
  /**
   * Each run's second document's head number as `heads` has the first's (NaN: none, or not
   * known: the merge then reads the document).
   */
  nexts?: Float64Array;
  filled?: Uint8Array;
  headsAt: number;
  /** keys[i] → i, for the runs a write edited. */
  position?: Map<string, number>;
  /** Run i's matcher once made, when it holds no per-query state. */
  matchers: RunMatcher[];
}

/**
 * How the documents of one run are tested: a simple filter (isSimpleFilter), read directly on
 * each test by testSimple, or a predicate (`never` when nothing in the run can match).
 */
type RunMatcher = Record<string, unknown> | ((doc: Doc) => boolean);

/**
 * An `$or`'s branches grouped by the index key they pin `field` to, from one pass over the
 * branches: the keys in first-appearance order (what the `$or` pins, when every branch pins the
 * field) and each key's branches (a branch pinning several values is under each; a branch that
 * does not pin it is under every key, and under UNPINNED). Built once per `$or` array and field:
 * the planner's pinned keys and restricting the filter to each of a thousand runs both read it.
 */
interface OrSplit {
  /** Every key some branch pins, each once, in the order the branches first pin them. */
  keys: string[];
  /** True when every branch pins the field (the `$or` pins it to `keys`). */
  pinned: boolean;
  /**
   * Each key's branches (see byKeyOf: made when first asked for a split that is `direct`). A key
   * not in it has no branch, but those not pinning the field (under UNPINNED).
   */
  byKey?: Map<string, unknown[]>;
  /**
   * Every branch names the field as a plain string, each a different one (the engine's filters
   * across customers): key i's only branch is branch i.
   */
  direct: boolean;
  /** For a direct split: key i's remembered entry (see keptHead). */
  entries?: KeyEntry[];
}

/** Splits of frozen `$or` arrays (a caller may change one that is not frozen). */
const orSplits = new WeakMap<unknown[], Map<string, OrSplit>>();
/** Splits of one query's `$or` arrays that are not frozen (see orderedRuns). */
export type SplitScratch = Map<unknown[], Map<string, OrSplit>>;
const UNPINNED = '\u0000unpinned';

function splitOr(or: unknown[], field: string, scratch?: SplitScratch): OrSplit {
  const cache = Object.isFrozen(or) ? orSplits : scratch;
  let perField = cache?.get(or);
  if (!perField) cache?.set(or, (perField = new Map()));
  let split = perField?.get(field);
  if (split) return split;
  split = directSplit(or, field) ?? generalSplit(or, field);
  perField?.set(field, split);
  return split;
}

/** Marks the keys of one directSplit pass (see KeyEntry.mark). */
let splitMark = 0;

/**
 * splitOr of an `$or` whose every branch names `field` as a plain string, each a different one,
 * or undefined: one pass, one map read per branch (its remembered key, which also tells a value
 * seen before in this pass), and no map of its own. A thousand customers' branches cost a
 * fraction of what filing each under its key did.
 */
function directSplit(or: unknown[], field: string): OrSplit | undefined {
  // Entries are not dropped during the pass (a repeat would go unseen).
  const mark = ++splitMark;
  stringKeysFor(or.length);
  const keys = new Array<string>(or.length);
  const entries = new Array<KeyEntry>(or.length);
  for (let i = 0; i < or.length; i++) {
    const branch = or[i];
    if (!isPlainObject(branch)) return undefined;
    const direct = branch[field];
    if (typeof direct !== 'string') return undefined;
    const entry = stringKeyEntry(direct);
    if (entry.mark === mark) return undefined;
    entry.mark = mark;
    keys[i] = entry.key;
    entries[i] = entry;
  }
  return { keys, pinned: or.length > 0, direct: true, entries };
}

/** A filter that is an `$or` (and nothing else but other conditions) with a direct split. */
interface DirectOr {
  or: unknown[];
  /** The `$or` is the filter's only condition. */
  alone: boolean;
  /** Branch i's value's remembered entry (see keptHead). */
  entries: KeyEntry[] | undefined;
}

/**
 * When `keys` are the direct split's of the filter's top-level `$or` (no `$and` beside it), so
 * run i's documents can match branch i only: the `$or` (see directRestriction).
 */
function directOr(f: Record<string, unknown>, field: string, keys: string[]): DirectOr | undefined {
  const or = f.$or;
  if (!Array.isArray(or) || f.$and !== undefined) return undefined;
  const split = Object.isFrozen(or) ? orSplits.get(or)?.get(field) : undefined;
  if (!split?.direct || split.keys !== keys) return undefined;
  return { or, alone: Object.keys(f).length === 1, entries: split.entries };
}

/**
 * restrictUncached(f, field, keys[i]) for a directOr filter: branch i alone (itself when it is
 * the whole filter and may be kept: frozen, or the filter is not), without a split's map.
 */
function directRestriction(
  f: Record<string, unknown>,
  i: number,
  { or, alone }: DirectOr
): Record<string, unknown> {
  if (or.length === 1) return f;
  const only = or[i] as Record<string, unknown>;
  return alone && (Object.isFrozen(only) || !Object.isFrozen(f)) ? only : { ...f, $or: [only] };
}

/** Each key's branches in a split (for a `direct` one, made now: key i's is branch i). */
function byKeyOf(split: OrSplit, or: unknown[]): Map<string, unknown[]> {
  if (split.byKey) return split.byKey;
  const byKey = new Map<string, unknown[]>();
  for (let i = 0; i < split.keys.length; i++) byKey.set(split.keys[i]!, [or[i]]);
  return (split.byKey = byKey);
}

function generalSplit(or: unknown[], field: string): OrSplit {
  const keys: string[] = [];
  const byKey = new Map<string, unknown[]>();
  const unpinned: unknown[] = [];
  for (let i = 0; i < or.length; i++) {
    const branch = or[i];
    if (!isPlainObject(branch)) {
      unpinned.push(branch);
      continue;
    }
    const direct = branch[field];
    if (typeof direct === 'string') {
      addBranch(byKey, keys, `s${direct}`, branch);
      continue;
    }
    const pinnedList = pinnedKeyList(branch, field);
    if (!pinnedList) unpinned.push(branch);
    else for (const key of pinnedList) addBranch(byKey, keys, key, branch);
  }
  if (unpinned.length > 0) {
    // Keep the original branch order within each key's list (it does not change results).
    for (const [key, list] of byKey) {
      byKey.set(
        key,
        or.filter((b) => list.includes(b) || unpinned.includes(b))
      );
    }
    byKey.set(UNPINNED, unpinned);
  }
  return { keys, pinned: unpinned.length === 0 && or.length > 0, byKey, direct: false };
}

/** Files `branch` under `key` in a split (see splitOr), the key listed when new. */
function addBranch(
  byKey: Map<string, unknown[]>,
  keys: string[],
  key: string,
  branch: unknown
): void {
  const list = byKey.get(key);
  if (list) {
    // A branch pinning one value twice (`$in: ['a', 'a']`) is listed once.
    if (list[list.length - 1] !== branch) list.push(branch);
  } else {
    byKey.set(key, [branch]);
    keys.push(key);
  }
}

/**
 * `f` for documents known to hold the value whose index key is `key` in `field`: `$or` branches
 * (at the top level or inside `$and`) that pin `field` to other values can never match and are
 * dropped. Null when a whole `$or` drops away (nothing can match). Same results as `f` on such
 * documents; only cheaper to test.
 */
export function restrictTo(
  f: Record<string, unknown>,
  field: string,
  key: string,
  scratch?: SplitScratch
): Record<string, unknown> | null {
  // A frozen filter (the engine's, the same object on every request of a caller) is restricted
  // once per value; the result is frozen too, so what is compiled from it is kept as well.
  if (!Object.isFrozen(f)) return restrictUncached(f, field, key, scratch);
  let byField = restricted.get(f);
  if (!byField) restricted.set(f, (byField = new Map()));
  let memo = byField.get(field);
  if (!memo) byField.set(field, (memo = new Map()));
  let r = memo.get(key);
  if (r === undefined) {
    r = restrictUncached(f, field, key, scratch);
    if (r) Object.freeze(r);
    memo.set(key, r);
  }
  return r;
}

const restricted = new WeakMap<object, Map<string, Map<string, Record<string, unknown> | null>>>();
const pinned = new WeakMap<object, Map<string, string[] | null>>();

/**
 * The index keys `f` pins `field` to (see pinnedKeyList), remembered for frozen filters (see
 * restrictTo). Callers must not change the returned array.
 */
export function pinnedKeys(f: Record<string, unknown>, field: string): string[] | undefined {
  const frozen = Object.isFrozen(f);
  let memo = frozen ? pinned.get(f) : undefined;
  const known = memo?.get(field);
  if (known !== undefined) return known ?? undefined;
  const keys = pinnedKeyList(f, field);
  if (frozen) {
    if (!memo) pinned.set(f, (memo = new Map()));
    memo.set(field, keys ?? null);
  }
  return keys;
}

/**
 * The index keys of the values every document matching `f` holds in `field`, each once: an
 * equality or `$in` on it at the top level or in a conjunct of `$and`, or an `$or` each of whose
 * branches pins it (its keys read from its split: one pass over the branches, shared with
 * restrictTo). Undefined when the filter does not pin the field.
 */
function pinnedKeyList(f: Record<string, unknown>, field: string): string[] | undefined {
  if (field in f) {
    const values = equalityValues(f[field]);
    if (values) return [...new Set(values.map(keyOf))];
  }
  const and = f.$and;
  if (Array.isArray(and)) {
    for (const sub of and) {
      if (!isPlainObject(sub)) continue;
      const keys = pinnedKeyList(sub, field);
      if (keys) return keys;
    }
  }
  const or = f.$or;
  if (Array.isArray(or) && or.length > 0) {
    const split = splitOr(or, field);
    if (split.pinned) return split.keys;
  }
  return undefined;
}

function restrictUncached(
  f: Record<string, unknown>,
  field: string,
  key: string,
  scratch?: SplitScratch
): Record<string, unknown> | null {
  let out = f;
  const or = f.$or;
  if (Array.isArray(or)) {
    const split = splitOr(or, field, scratch);
    const byKey = byKeyOf(split, or);
    const kept = byKey.get(key) ?? byKey.get(UNPINNED);
    if (kept === undefined || kept.length === 0) return null;
    if (kept.length !== or.length) {
      // `{ $or: [b] }` is `b`: the branch itself (deep-frozen with a frozen filter, so its
      // compiled predicate is kept with it; a filter frozen only on top gets a copy, which
      // restrictTo freezes, never the caller's own object).
      const only = kept.length === 1 ? kept[0] : undefined;
      const alone =
        isPlainObject(only) &&
        Object.keys(f).length === 1 &&
        (Object.isFrozen(only) || !Object.isFrozen(f));
      out = alone ? only : { ...out, $or: kept };
    }
  }
  const and = f.$and;
  if (Array.isArray(and)) {
    const parts: unknown[] = [];
    let changed = false;
    for (const sub of and) {
      const r = isPlainObject(sub) ? restrictTo(sub, field, key, scratch) : sub;
      if (r === null) return null;
      if (r !== sub) changed = true;
      parts.push(r);
    }
    if (changed) out = { ...out, $and: parts };
  }
  return out;
}

export interface OrderedPlanner {
  orderedRuns(
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1>,
    sortRun: (docs: Doc[]) => Doc[]
  ): OrderedPlan | undefined;
}

/** The access path the planner settled on. */
interface Choice {
  /** Estimated number of candidates. */
  size: number;
  /** The index looked up with `keys`; without one, `keys` are the `_id`s themselves. */
  idx?: IndexState;
  keys: string[];
  field: string;
  /** The lookup answers the field's whole condition, so it can leave the residual filter. */
  exact: boolean;
}

/** A condition that is nothing but an equality or an `$in` (no other operator beside it). */
function isExactlyEquality(cond: unknown): boolean {
  if (!isPlainObject(cond)) return true;
  const keys = Object.keys(cond);
  return keys.length === 1 && (keys[0] === '$eq' || keys[0] === '$in');
}

/** A value a hash lookup answers exactly: an indexable scalar, or an array of them. */
function ok(v: unknown): boolean {
  return isIndexableScalar(v) || (Array.isArray(v) && v.every(isIndexableScalar));
}

/**
 * The values an equality-like condition accepts, when a hash lookup can answer it exactly: plain
 * scalars, Dates, arrays of those, `$eq` and `$in`. Null (which also matches missing fields),
 * regular expressions and embedded documents are left to a full scan.
 */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 0 || !keys[0]!.startsWith('$')) return undefined;
    if ('$eq' in cond) return ok(cond.$eq) ? [cond.$eq] : undefined;
    const list = cond.$in;
    if (Array.isArray(list) && list.every(ok)) return list;
    return undefined;
  }
  return ok(cond) ? [cond] : undefined;
}
