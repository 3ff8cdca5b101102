/**
 * Value helpers shared by the embedded store: deep copies that normalise values the way the
 * driver's BSON serialiser would, and a canonical string form of values for hash indexes.
 */

/** A stored document: a plain object whose `_id` is a string. */
export type Doc = Record<string, unknown> & { _id: string };

/** True for `{}`-style objects (not arrays, Dates, RegExps, buffers or BSON class instances). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy of a document value. Stored documents are never shared with callers, so every value
 * going in or out is copied. Like the driver (ignoreUndefined: false), `undefined` becomes `null`,
 * so what is in memory is exactly what a restart will read back from BSON.
 */
export function cloneValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i]);
    return out;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      // Functions and symbols are not storable (BSON drops them), so they are dropped here too.
      if (typeof x === 'function' || typeof x === 'symbol') continue;
      out[k] = cloneValue(x);
    }
    return out;
  }
  if (Buffer.isBuffer(v)) return Buffer.from(v);
  // BSON class instances (ObjectId, Decimal128, Binary...) and RegExps are treated as immutable.
  return v;
}

/** Deep copy of a whole document. */
export function cloneDoc<T>(doc: T): T {
  return cloneValue(doc) as T;
}

/**
 * Canonical, type-tagged string for a value, used as a hash-index key. Equal values (by MongoDB
 * equality on primitives and Dates) map to equal strings; different types never collide.
 */
/**
 * keyOf of a string value, remembered: `key` is the same string object while the entry lives (a
 * key made by concatenation is a new string, flattened and hashed again on its first map lookup;
 * this one was hashed once), and `mark` is free for one synchronous pass of a caller to tag the
 * values it has seen (the planner's directSplit). The planner reads the keys of a thousand `$or`
 * branches per new caller through it.
 */
export interface KeyEntry {
  readonly key: string;
  mark: number;
  /**
   * Free for the key tables: the kept head of this value's sorted run they last found, and the
   * map it was found in (see keptHead in indexes.ts), so a planner holding the entry reads the
   * head without a second map read.
   */
  headsOf: object | undefined;
  head: object | undefined;
}

export function stringKeyEntry(v: string): KeyEntry {
  let entry = stringKeys.get(v);
  if (entry === undefined) {
    entry = { key: `s${v}`, mark: 0, headsOf: undefined, head: undefined };
    stringKeys.set(v, entry);
  }
  return entry;
}

/**
 * Makes room for `n` more entries before a pass (bounded: all are dropped when full), so none
 * is dropped during it.
 */
export function stringKeysFor(n: number): void {
  if (stringKeys.size + n > STRING_KEYS_MAX) stringKeys.clear();
}

const stringKeys = new Map<string, KeyEntry>();
const STRING_KEYS_MAX = 65_536;

export function keyOf(v: unknown): string {
  if (v === null || v === undefined) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      // String(-0) is "0", matching MongoDB where 0 and -0 are equal.
      return `n${String(v)}`;
    case 'bigint':
      return `n${v.toString()}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    default:
      break;
  }
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Array.isArray(v)) return `a${JSON.stringify(v.map(keyOf))}`;
  if (isPlainObject(v)) return `o${JSON.stringify(Object.keys(v).map((k) => [k, keyOf(v[k])]))}`;
  if (v instanceof RegExp) return `r${String(v)}`;
  return `x${String(v)}`;
}

/** Values a hash index can answer an equality on: primitives and Dates, no null or objects. */
export function isIndexableScalar(v: unknown): boolean {
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || v instanceof Date;
}

/**
 * The values at a dotted path, following MongoDB's array traversal: an array met half-way is
 * searched element by element, and a numeric segment also addresses an array position.
 * Returns the leaf values (a leaf may itself be an array); an empty result means "missing".
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(v: unknown, segs: string[], i: number, out: unknown[]): void {
  if (i === segs.length) {
    out.push(v);
    return;
  }
  const seg = segs[i]!;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(seg)) {
      const idx = Number(seg);
      if (idx < v.length) collect(v[idx], segs, i + 1, out);
      return;
    }
    for (const el of v) if (isPlainObject(el)) collect(el, segs, i, out);
    return;
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, seg)) {
    collect(v[seg], segs, i + 1, out);
  }
}

/** Reads a dotted path through plain objects only (no array traversal); undefined if absent. */
export function getPlainPath(doc: unknown, path: string): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (!isPlainObject(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) {
      return { found: false, value: undefined };
    }
    cur = cur[seg];
  }
  return { found: true, value: cur };
}

/**
 * True when `v` reads back from BSON exactly as it is (so an update replayed from the journal on
 * the read-back document gives the same result as in memory): null, booleans, numbers other than
 * -0, well-formed strings, valid Dates, and arrays and plain objects of those. Anything else (a
 * Buffer, which reads back as Binary; BSON number wrappers, which read back as numbers; RegExps,
 * whose flags BSON may drop; a lone surrogate, which UTF-8 replaces) is not.
 */
export function isReloadStable(v: unknown): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'boolean':
      return true;
    case 'number':
      return !Object.is(v, -0);
    case 'string':
      return wellFormed(v as string);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isReloadStable(v[i])) return false;
    return true;
  }
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (!wellFormed(k) || !isReloadStable(v[k])) return false;
  return true;
}

/** No lone surrogates (String.prototype.isWellFormed, Node 20; not in the ES2023 typings). */
const wellFormed = (s: string): boolean =>
  (s as string & { isWellFormed(): boolean }).isWellFormed();
