/**
 * Secondary indexes of one embedded collection. Every index keeps a hash map on its first key
 * (value → ids) for the planner; unique indexes also keep a map from the full compound key to the
 * owning id, which is how duplicate keys are refused before anything is written.
 */
import type { IndexKeys, IndexOptions } from '../types.ts';
import { DuplicateKeyError, storeError } from './errors.ts';
import { keyOf, stringKeyEntry, valuesAtPath, type Doc, type KeyEntry } from './values.ts';

/** A persisted index definition (journal and snapshot carry exactly this). */
export interface IndexDef {
  name: string;
  keys: IndexKeys;
  unique: boolean;
  expireAfterSeconds?: number;
}

/** MongoDB's default index name: `field_1_other_-1`. */
export function defaultIndexName(keys: IndexKeys): string {
  return Object.entries(keys)
    .map(([k, dir]) => `${k}_${dir}`)
    .join('_');
}

/** Validates and normalises createIndex arguments into a definition. */
export function toIndexDef(keys: IndexKeys, options: IndexOptions = {}): IndexDef {
  const entries = Object.entries(keys);
  if (entries.length === 0) throw storeError('CannotCreateIndex', 'Index keys cannot be empty.');
  for (const [field, dir] of entries) {
    if (!field || field.startsWith('$') || (dir !== 1 && dir !== -1)) {
      throw storeError('CannotCreateIndex', `Unsupported index key: ${field}: ${String(dir)}`);
    }
  }
  const def: IndexDef = {
    name: options.name ?? defaultIndexName(keys),
    keys: { ...keys },
    unique: options.unique === true,
  };
  if (options.expireAfterSeconds !== undefined) {
    if (entries.length !== 1) {
      throw storeError(
        'CannotCreateIndex',
        'TTL indexes are single-field indexes, compound indexes do not support TTL.'
      );
    }
    if (!Number.isFinite(options.expireAfterSeconds) || options.expireAfterSeconds < 0) {
      throw storeError('CannotCreateIndex', 'expireAfterSeconds must be a non-negative number.');
    }
    def.expireAfterSeconds = options.expireAfterSeconds;
  }
  return def;
}

/** True when two definitions describe the same index (createIndex is then a no-op). */
export function sameIndex(a: IndexDef, b: IndexDef): boolean {
  return (
    a.name === b.name &&
    sameKeys(a.keys, b.keys) &&
    a.unique === b.unique &&
    a.expireAfterSeconds === b.expireAfterSeconds
  );
}

export function sameKeys(a: IndexKeys, b: IndexKeys): boolean {
  const ea = Object.entries(a);
  const eb = Object.entries(b);
  return ea.length === eb.length && ea.every(([k, v], i) => eb[i]![0] === k && eb[i]![1] === v);
}

/** The key used for a missing field and for `null` (MongoDB indexes both as null). */
const NULL_KEY = keyOf(null);
/** MongoDB indexes an empty array as `undefined`, distinct from null. */
const EMPTY_ARRAY_KEY = 'u';

/**
 * Index keys one field contributes, as MongoDB's multikey indexes do: each array element is a key;
 * a missing field is null. `withWholeArrays` also adds the array itself, so the planner can answer
 * an equality whose value is an array (it matches the whole array or an element equal to it).
 */
function fieldKeys(
  doc: Doc,
  path: string,
  withWholeArrays: boolean
): { keys: string[]; isArray: boolean } {
  const single = scalarKey(doc, path);
  if (single !== undefined) return { keys: [single], isArray: false };
  const leaves = valuesAtPath(doc, path);
  if (leaves.length === 0) return { keys: [NULL_KEY], isArray: false };
  const keys = new Set<string>();
  let isArray = leaves.length > 1;
  for (const leaf of leaves) {
    if (Array.isArray(leaf)) {
      isArray = true;
      if (leaf.length === 0) keys.add(EMPTY_ARRAY_KEY);
      for (const el of leaf) keys.add(keyOf(el));
      if (withWholeArrays) keys.add(keyOf(leaf));
    } else {
      keys.add(keyOf(leaf));
    }
  }
  return { keys: [...keys], isArray };
}

/** True when both versions hold the very same value (by reference) in top-level field `root`. */
function sameRoot(root: string, oldDoc: Doc, newDoc: Doc): boolean {
  return oldDoc[root] === newDoc[root] && !(root in oldDoc) === !(root in newDoc);
}

/**
 * The one key of an undotted field holding a single indexable scalar (a string id, a Date...),
 * without walking paths; undefined for anything else (missing, null, arrays, documents), which
 * fieldKeys handles.
 */
function scalarKey(doc: Doc, field: string): string | undefined {
  if (field.includes('.')) return undefined;
  const v = doc[field];
  return typeof v === 'string' ? `s${v}` : v instanceof Date ? keyOf(v) : undefined;
}

/** String values whose keys a KeyTable remembers (see scalarKeyOf); then it starts over. */
const KEY_MEMO = 65_536;

/** Adopted runs whose heads are linked to their values' KeyEntries (see adoptRuns). */
const LINKED_RUNS_MAX = 16_384;

/** How many run edits a KeyTable remembers (see editedSince). */
const EDIT_LOG = 64;

interface RunCache {
  compare: ((a: Doc, b: Doc) => number) | undefined;
  byKey: Map<string, Doc[]>;
  /** A run's first document as a number (see merge-runs.ts headKey), when the order has one. */
  headOf: ((doc: Doc) => number) | undefined;
  /**
   * headOf of each non-empty run's first two documents, kept with the runs (built and edited with
   * them): a plan over a thousand runs reads a thousand numbers, not a thousand documents, and
   * the merge, having taken a run's first document, places the run again by its second without
   * reading that document (most runs of an aggregate page give one document or none).
   */
  heads: Map<string, RunHead>;
}

/**
 * A non-empty run's first key as a number (see headOf), and its second's (NaN: none). One cell
 * per cached run, updated in place as the run is edited and marked dead when the run is dropped
 * or emptied (a planner may hold it: see keptHead).
 */
export class RunHead {
  head = NaN;
  next = NaN;
  live = true;

  constructor(run: Doc[], headOf: (doc: Doc) => number) {
    this.follow(run, headOf);
  }

  follow(run: Doc[], headOf: (doc: Doc) => number): void {
    this.head = headOf(run[0]!);
    this.next = run.length > 1 ? headOf(run[1]!) : NaN;
  }
}

/** Keeps `run`'s head under `key` (a non-empty run's: its cell updated, or a new one). */
function keepHead(
  heads: Map<string, RunHead>,
  key: string,
  run: Doc[],
  headOf: (doc: Doc) => number
): void {
  const cell = heads.get(key);
  if (cell) cell.follow(run, headOf);
  else heads.set(key, new RunHead(run, headOf));
}

/** Forgets the head under `key` (its run dropped or emptied). */
function dropHead(heads: Map<string, RunHead>, key: string): void {
  const cell = heads.get(key);
  if (!cell) return;
  cell.live = false;
  heads.delete(key);
}

/**
 * The kept head of the value of `entry` (a string value's KeyEntry) among `heads` (an order's, from
 * headsIn): the cell the entry links to when it is still this map's, else one map read, linked
 * for the next planner. A thousand customers' first page reads a thousand heads this way.
 */
export function keptHead(
  heads: ReadonlyMap<string, RunHead>,
  entry: KeyEntry
): RunHead | undefined {
  const linked = entry.head as RunHead | undefined;
  if (entry.headsOf === heads && linked?.live) return linked;
  const cell = heads.get(entry.key);
  if (cell) {
    entry.headsOf = heads;
    entry.head = cell;
  }
  return cell;
}

/** The ids of the documents holding one first-key value (see KeyTable.lookup). */
type Bucket = string[] | Set<string>;

const sizeOf = (ids: Bucket): number => (Array.isArray(ids) ? ids.length : ids.size);

/** One part of a compound key: length-prefixed, so joined parts never read two ways. */
const joinKey = (k: string): string => `${k.length}:${k}`;

/**
 * The part of a unique compound key after the first field: empty for a single field; a second
 * field's string itself (no string starts with U+0001 there); otherwise U+0001 and the parts.
 */
function restKey(parts: string[]): string {
  if (parts.length === 1) return '';
  const second = parts[1]!;
  if (parts.length === 2 && second.startsWith('s') && second.charCodeAt(1) !== 1) {
    return second.slice(1);
  }
  let rest = '\u0001';
  for (let i = 1; i < parts.length; i++) rest += joinKey(parts[i]!);
  return rest;
}

/** True when the flat [first, rest...] pair list holds (first, rest). */
function hasPair(keys: string[], first: string, rest: string): boolean {
  for (let i = 0; i < keys.length; i += 2)
    if (keys[i] === first && keys[i + 1] === rest) return true;
  return false;
}

/** Membership test over a key list; a Set only pays off for long (multikey) lists. */
function membership(keys: string[]): (key: string) => boolean {
  if (keys.length <= 16) return (key) => keys.includes(key);
  const set = new Set(keys);
  return (key) => set.has(key);
}

/**
 * The hash lookup on one first-key field (value → ids), with its cache of sorted runs. Indexes of
 * a collection whose first key is the same field share one table: the tickets' six tenantId-first
 * indexes keep one map, built once at load and maintained once per write, not six.
 */
export class KeyTable {
  readonly field: string;
  /**
   * First key value → ids of documents holding it. A value's ids are kept in an array while they
   * are only added (a load adds a million), and become a Set once one must be removed or looked
   * up (see setOf): an array costs a fraction of a Set to fill and to keep.
   */
  private readonly lookup = new Map<string, Bucket>();
  /** Set once any document contributed several first-key entries (an array field). */
  private multikey = false;
  /**
   * Cached sorted runs (see runsIn) by order, then by first-key value; with the order's
   * comparator when known: such runs are kept up to date instead of dropped.
   */
  private readonly orders = new Map<string, RunCache>();
  /** Cached runs in all orders (zero: writes skip run upkeep). */
  private cachedRuns = 0;
  /**
   * Bumped whenever a cached run is dropped: a caller holding runs fetched earlier (runsIn) may
   * keep using them while it is unchanged, since runs that stay cached are edited in place.
   */
  private drops = 0;
  /** Edits of cached runs so far, and the first-key values of the latest (see editedSince). */
  private edits = 0;
  private readonly editLog: string[] = [];
  /** The top-level field the key path starts with. */
  private readonly root: string;
  /**
   * Keys of recent string values: documents loaded from a snapshot share their repeated strings
   * (see packed-docs.ts), so a tenant's key is built and hashed once, not once per document.
   */
  private readonly memo = new Map<string, string>();

  constructor(field: string) {
    this.field = field;
    this.root = field.split('.')[0]!;
  }

  /** scalarKey of this table's field, with string keys remembered. */
  scalarKeyOf(doc: Doc): string | undefined {
    if (this.root !== this.field) return undefined;
    const v = doc[this.field];
    if (typeof v !== 'string') return v instanceof Date ? keyOf(v) : undefined;
    let key = this.memo.get(v);
    if (key === undefined) {
      key = `s${v}`;
      if (this.memo.size >= KEY_MEMO) this.memo.clear();
      this.memo.set(v, key);
    }
    return key;
  }

  add(doc: Doc): void {
    this.replace(undefined, doc);
  }

  /**
   * Moves a document's entries from its old to its new version, touching only keys that changed:
   * unchanged keys keep their place, so index scans keep returning documents in insertion order.
   */
  replace(oldDoc: Doc | undefined, newDoc: Doc | undefined): void {
    const field = this.field;
    if (oldDoc && newDoc && sameRoot(this.root, oldDoc, newDoc)) {
      // Same keys: only cached runs holding the old object need the new one.
      if (this.cachedRuns > 0) {
        for (const key of fieldKeys(oldDoc, field, true).keys) this.followRuns(key, oldDoc, newDoc);
      }
      return;
    }
    if (!oldDoc && newDoc && this.cachedRuns === 0) {
      // The load path (and most inserts): one new document, no cached run to follow.
      const single = this.scalarKeyOf(newDoc);
      if (single !== undefined) {
        this.addId(single, newDoc._id);
        return;
      }
    }
    const before = oldDoc ? fieldKeys(oldDoc, field, true).keys : [];
    const after = newDoc ? fieldKeys(newDoc, field, true).keys : [];
    if (after.length > 1) this.multikey = true;
    const id = (newDoc ?? oldDoc)!._id;
    const inAfter = membership(after);
    const inBefore = membership(before);
    if (this.cachedRuns > 0) {
      for (const key of before) this.followRuns(key, oldDoc, inAfter(key) ? newDoc : undefined);
      for (const key of after) if (!inBefore(key)) this.followRuns(key, undefined, newDoc);
    }
    for (const key of before) {
      if (inAfter(key)) continue;
      const ids = this.setOf(key);
      if (ids && ids.delete(id) && ids.size === 0) this.lookup.delete(key);
    }
    // The id is under none of these keys yet (the table holds exactly the stored versions).
    for (const key of after) if (!inBefore(key)) this.addId(key, id);
  }

  /**
   * Takes a lookup read back from a snapshot (see table-parts.ts: string keys, each id under one
   * key, in section order) as this table's, when it holds nothing yet; false otherwise.
   */
  adoptLookup(byKey: Map<string, string[]>): boolean {
    if (this.lookup.size > 0 || this.cachedRuns > 0) return false;
    for (const [key, ids] of byKey) this.lookup.set(key, ids);
    return true;
  }

  /** Files `id` under `key`, where it is not yet. */
  private addId(key: string, id: string): void {
    const ids = this.lookup.get(key);
    if (!ids) this.lookup.set(key, [id]);
    else if (Array.isArray(ids)) ids.push(id);
    else ids.add(id);
  }

  /** The ids under `key` as a Set (an array of them is turned into one, in the same order). */
  private setOf(key: string): Set<string> | undefined {
    const ids = this.lookup.get(key);
    if (!Array.isArray(ids)) return ids;
    const set = new Set(ids);
    this.lookup.set(key, set);
    return set;
  }

  /** Ids whose first key equals one of `valueKeys` (canonical keys), each id once. */
  idsFor(valueKeys: string[]): Iterable<string> {
    if (valueKeys.length === 1) return this.lookup.get(valueKeys[0]!) ?? [];
    // A document appears under several keys only if its field is an array (multikey).
    const out: string[] | Set<string> = this.multikey ? new Set<string>() : [];
    for (const k of valueKeys) {
      const ids = this.lookup.get(k);
      if (!ids) continue;
      if (Array.isArray(out)) for (const id of ids) out.push(id);
      else for (const id of ids) out.add(id);
    }
    return out;
  }

  /** Set when any document contributed several first-key entries (it may sit in several buckets). */
  get isMultikey(): boolean {
    return this.multikey;
  }

  /**
   * The documents under one first-key value, in a sort order, built on first use and cached
   * until a document under that value changes (documents are immutable: a change replaces the
   * object, so a cached run is dropped whenever any member is written). This is what makes an
   * index-ordered scan cheap: a query needs only the heads of the runs it merges.
   */
  /**
   * Runs for many values of one order: the order's cache is looked up once, then each value's
   * run is one map read (an aggregate page reads a thousand customers' runs).
   */
  runsIn(
    order: string,
    build: (ids: Iterable<string>) => Doc[],
    compare?: (a: Doc, b: Doc) => number,
    headOf?: (doc: Doc) => number
  ): (key: string) => Doc[] {
    let cache = this.orders.get(order);
    return (key) => {
      let run = cache?.byKey.get(key);
      if (!run) {
        if (!cache) {
          cache = { compare, byKey: new Map(), headOf, heads: new Map() };
          this.orders.set(order, cache);
        }
        run = build(this.lookup.get(key) ?? []);
        cache.byKey.set(key, run);
        if (cache.headOf && run.length > 0) keepHead(cache.heads, key, run, cache.headOf);
        this.cachedRuns++;
      }
      return run;
    };
  }

  /**
   * The kept head numbers of `order`'s runs (see RunCache.heads), or undefined when the order
   * keeps none. A run that is cached and has no entry here is empty. Callers must not change it.
   */
  headsIn(order: string): ReadonlyMap<string, RunHead> | undefined {
    const cache = this.orders.get(order);
    return cache?.headOf ? cache.heads : undefined;
  }

  /**
   * Brings the cached runs of one first-key value up to date with a write: `oldDoc` leaves,
   * `newDoc` enters (either may be absent). A run whose order is known is edited in place, giving
   * exactly what rebuilding it would: a new member goes after its equals (the scan order of a
   * rebuild puts it last), a member whose sort keys did not change keeps its place, a removed one
   * is cut out. Anything else (unknown order, a member whose sort keys changed) drops the run.
   */
  private followRuns(key: string, oldDoc: Doc | undefined, newDoc: Doc | undefined): void {
    let logged = false;
    for (const [order, cache] of this.orders) {
      const run = cache.byKey.get(key);
      if (!run) continue;
      if (!logged) {
        logged = true;
        this.edits++;
        this.editLog.push(key);
        if (this.editLog.length > EDIT_LOG) this.editLog.shift();
      }
      if (cache.compare && this.editRun(run, cache.compare, oldDoc, newDoc)) {
        if (cache.headOf) {
          if (run.length > 0) keepHead(cache.heads, key, run, cache.headOf);
          else dropHead(cache.heads, key);
        }
      } else {
        cache.byKey.delete(key);
        dropHead(cache.heads, key);
        this.cachedRuns--;
        this.drops++;
        if (cache.byKey.size === 0) this.orders.delete(order);
      }
    }
  }

  private editRun(
    run: Doc[],
    compare: (a: Doc, b: Doc) => number,
    oldDoc: Doc | undefined,
    newDoc: Doc | undefined
  ): boolean {
    if (oldDoc) {
      const at = run.indexOf(oldDoc);
      if (at < 0) return false;
      if (newDoc) {
        if (compare(oldDoc, newDoc) !== 0) return false;
        run[at] = newDoc;
        return true;
      }
      run.splice(at, 1);
      return true;
    }
    if (!newDoc) return true;
    // After every member that sorts before or equal to it.
    let lo = 0;
    let hi = run.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(run[mid]!, newDoc) <= 0) lo = mid + 1;
      else hi = mid;
    }
    run.splice(lo, 0, newDoc);
    return true;
  }

  /** Counts the edits of cached runs (see editedSince). */
  get editVersion(): number {
    return this.edits;
  }

  /**
   * The first-key values whose cached runs were edited since `version` (an editVersion), or
   * undefined when that is further back than the log goes.
   */
  editedSince(version: number): string[] | undefined {
    const n = this.edits - version;
    if (n < 0 || n > this.editLog.length) return undefined;
    return this.editLog.slice(this.editLog.length - n);
  }

  /** Changes whenever a cached run is dropped (see `drops`). */
  get runsVersion(): number {
    return this.drops;
  }

  /**
   * Installs runs read from a snapshot (see CollectionData.adoptRuns, which checked them) as the
   * cached runs of `order`, unless that order has runs already.
   */
  adoptRuns(
    order: string,
    compare: (a: Doc, b: Doc) => number,
    byKey: Map<string, Doc[]>,
    headOf: (doc: Doc) => number
  ): void {
    if (this.orders.has(order) || byKey.size === 0) return;
    const heads = new Map<string, RunHead>();
    // Linked now for string values (the first page after a start reads the heads so), within
    // what the remembered string keys hold.
    const link = byKey.size <= LINKED_RUNS_MAX;
    for (const [key, run] of byKey) {
      if (run.length === 0) continue;
      const cell = new RunHead(run, headOf);
      heads.set(key, cell);
      if (link && key.startsWith('s')) {
        const entry = stringKeyEntry(key.slice(1));
        entry.headsOf = heads;
        entry.head = cell;
      }
    }
    this.orders.set(order, { compare, byKey, headOf, heads });
    this.cachedRuns += byKey.size;
  }

  /** The cached runs of an order kept up to date, copied (a snapshot persists them). */
  runsOf(order: string): Map<string, Doc[]> | undefined {
    const cache = this.orders.get(order);
    if (!cache?.compare) return undefined;
    return new Map([...cache.byKey].map(([key, run]) => [key, run.slice()]));
  }

  /** How many documents hold first-key value `key`, and whether `id` is one of them. */
  countOf(key: string): number {
    const ids = this.lookup.get(key);
    return ids ? sizeOf(ids) : 0;
  }

  holds(key: string, id: string): boolean {
    return this.setOf(key)?.has(id) ?? false;
  }

  /** The orders of the cached runs that are kept up to date (see runsIn). */
  runOrderNames(): string[] {
    return [...this.orders].filter(([, cache]) => cache.compare).map(([order]) => order);
  }

  /** Every first-key value present. */
  keys(): string[] {
    return [...this.lookup.keys()];
  }

  /** Cheap upper bound of idsFor(valueKeys).size, used to pick the most selective index. */
  estimate(valueKeys: string[]): number {
    let n = 0;
    for (const k of valueKeys) {
      const ids = this.lookup.get(k);
      if (ids) n += sizeOf(ids);
    }
    return n;
  }
}

/** The in-memory state of one index: its definition, its shared key table, its unique keys. */
export class IndexState {
  readonly def: IndexDef;
  readonly fields: string[];
  /** The hash lookup on the first key (shared with the collection's other indexes on it). */
  readonly table: KeyTable;
  /**
   * Unique indexes only: first field's key → rest of the compound key → owning id. Two levels,
   * so a key is never one concatenated string per document (see uniqueKeys). Built per first
   * key on first use (see ownersOf), from the shared table and the stored documents: a start
   * that loads a million documents builds none of it, and a write builds its first key's only.
   */
  private readonly owners: Map<string, Map<string, string>> | undefined;
  /** The top-level field each key path starts with. */
  private readonly roots: string[];
  /** The stored version of a document (the collection's). */
  private readonly docOf: (id: string) => Doc | undefined;

  constructor(def: IndexDef, table: KeyTable, docOf: (id: string) => Doc | undefined) {
    this.def = def;
    this.fields = Object.keys(def.keys);
    this.roots = [...new Set(this.fields.map((f) => f.split('.')[0]!))];
    this.owners = def.unique ? new Map() : undefined;
    this.table = table;
    this.docOf = docOf;
  }

  /** True when the index keeps state of its own beside the shared table (unique keys). */
  get hasOwnKeys(): boolean {
    return this.owners !== undefined;
  }

  /** True once some unique keys were built (see ownersOf): writes must then maintain them. */
  get hasBuiltKeys(): boolean {
    return (this.owners?.size ?? 0) > 0;
  }

  /**
   * True when two versions of a document hold the very same values (by reference) in every
   * top-level field this index reads, so their keys are equal: an update that copied only the
   * fields it touched (see updates.ts) leaves the others shared with the previous version.
   */
  private unchanged(oldDoc: Doc, newDoc: Doc): boolean {
    for (const root of this.roots) if (!sameRoot(root, oldDoc, newDoc)) return false;
    return true;
  }

  /**
   * Unique keys of a document, flat as [first, rest, first, rest...]: the key of the first field
   * (as the shared table keys it) and the rest of the compound key (see restKey). Throws like
   * MongoDB when two fields of a compound index are both arrays, because the product of parallel
   * arrays is not indexable.
   */
  private uniqueKeys(doc: Doc): string[] {
    if (this.fields.length === 1) {
      const out: string[] = [];
      for (const k of fieldKeys(doc, this.fields[0]!, false).keys) out.push(k, '');
      return out;
    }
    // The usual case, every field one scalar: no key product, and for a second field holding a
    // string, the string itself (the load of a million tickets keys each by its signal).
    const first = this.table.scalarKeyOf(doc);
    if (first !== undefined) {
      if (this.fields.length === 2) {
        const v = doc[this.fields[1]!];
        if (typeof v === 'string' && v.charCodeAt(0) !== 1 && !this.fields[1]!.includes('.')) {
          return [first, v];
        }
      }
      let rest = '\u0001';
      for (let i = 1; i < this.fields.length; i++) {
        const k = scalarKey(doc, this.fields[i]!);
        if (k === undefined) {
          rest = '';
          break;
        }
        rest += joinKey(k);
      }
      if (rest !== '') return [first, rest];
    }
    let product: string[][] = [[]];
    let arrays = 0;
    for (const field of this.fields) {
      const { keys, isArray } = fieldKeys(doc, field, false);
      if (isArray && ++arrays > 1) {
        throw storeError(
          'CannotIndexParallelArrays',
          `cannot index parallel arrays [${this.fields.join('] [')}]`
        );
      }
      const next: string[][] = [];
      for (const prefix of product) for (const k of keys) next.push([...prefix, k]);
      product = next;
    }
    const out: string[] = [];
    for (const parts of product) out.push(parts[0]!, restKey(parts));
    return out;
  }

  /**
   * The owners under first key `first`, built now if they are not yet: from the documents the
   * shared table holds under it (every document whose unique keys start with it is there), in
   * the table's order. The table and the stored documents are always complete and current, so
   * this is what maintaining the owners on every write since the start would have given.
   */
  private ownersOf(owners: Map<string, Map<string, string>>, first: string): Map<string, string> {
    let inner = owners.get(first);
    if (inner) return inner;
    inner = new Map();
    for (const id of this.table.idsFor([first])) {
      const doc = this.docOf(id);
      if (!doc) continue;
      const keys = this.uniqueKeys(doc);
      for (let i = 0; i < keys.length; i += 2) if (keys[i] === first) inner.set(keys[i + 1]!, id);
    }
    owners.set(first, inner);
    return inner;
  }

  private checkParallelArrays(doc: Doc): void {
    let arrays = 0;
    for (const field of this.fields) {
      const leaves = valuesAtPath(doc, field);
      if (leaves.length > 1 || leaves.some(Array.isArray)) arrays++;
    }
    if (arrays > 1) {
      throw storeError(
        'CannotIndexParallelArrays',
        `cannot index parallel arrays [${this.fields.join('] [')}]`
      );
    }
  }

  /**
   * Throws a DuplicateKeyError (nothing changed) if `doc` would clash with another document.
   * `previous` is the stored version `doc` replaces, if any.
   */
  check(doc: Doc, collection: string, previous?: Doc): void {
    if (previous && this.unchanged(previous, doc)) return;
    if (!this.owners) {
      // Non-unique: only the parallel-arrays rule applies, which needs no key product.
      if (this.fields.length > 1) this.checkParallelArrays(doc);
      return;
    }
    const keys = this.uniqueKeys(doc);
    for (let i = 0; i < keys.length; i += 2) {
      const owner = this.ownersOf(this.owners, keys[i]!).get(keys[i + 1]!);
      if (owner !== undefined && owner !== doc._id) {
        const keyValue: Record<string, unknown> = {};
        for (const f of this.fields) {
          const leaves = valuesAtPath(doc, f);
          keyValue[f] = leaves.length === 1 ? leaves[0] : leaves.length === 0 ? null : leaves;
        }
        throw new DuplicateKeyError(collection, this.def.name, this.def.keys, keyValue);
      }
    }
  }

  /**
   * Maintains the unique keys (the shared table is maintained by the collection, once): only
   * under first keys already built (see ownersOf); the others are built from the table when
   * first needed. None is built while a collection loads, so its documents cost nothing here.
   */
  replace(oldDoc: Doc | undefined, newDoc: Doc | undefined): void {
    const owners = this.owners;
    if (!owners || owners.size === 0) return;
    if (oldDoc && newDoc && this.unchanged(oldDoc, newDoc)) return;
    const id = (newDoc ?? oldDoc)!._id;
    // Callers ran check() first, so overwriting an owner here only happens on replay, where the
    // journal's order already proved the keys unique at each step.
    const oldKeys = oldDoc ? this.uniqueKeys(oldDoc) : [];
    const newKeys = newDoc ? this.uniqueKeys(newDoc) : [];
    for (let i = 0; i < oldKeys.length; i += 2) {
      const first = oldKeys[i]!;
      const rest = oldKeys[i + 1]!;
      const inner = owners.get(first);
      if (inner?.get(rest) !== id || hasPair(newKeys, first, rest)) continue;
      inner.delete(rest);
      // Empty, it is built again (from the table) if needed: the same, an empty map.
      if (inner.size === 0) owners.delete(first);
    }
    for (let i = 0; i < newKeys.length; i += 2) {
      owners.get(newKeys[i]!)?.set(newKeys[i + 1]!, id);
    }
  }

  idsFor(valueKeys: string[]): Iterable<string> {
    return this.table.idsFor(valueKeys);
  }

  estimate(valueKeys: string[]): number {
    return this.table.estimate(valueKeys);
  }

  get isMultikey(): boolean {
    return this.table.isMultikey;
  }

  /** The shared table's runs ({@link KeyTable.runsIn}). */
  runsIn(...args: Parameters<KeyTable['runsIn']>): (key: string) => Doc[] {
    return this.table.runsIn(...args);
  }
}
