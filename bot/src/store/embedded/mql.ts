/**
 * MongoDB query language for the embedded store, on top of mingo: filters, sorts, projections,
 * update operators, aggregation, plus what mingo leaves out (upsert seeding, $setOnInsert, and the
 * server's type checks on update operands).
 *
 * Known differences from MongoDB (none of which the app relies on):
 * - `{ 'a.b': null }` does not match a document whose `a` is an array of documents lacking `b`.
 * - Embedded-document equality ignores field order (`{ x: 1, y: 2 }` equals `{ y: 2, x: 1 }`).
 * - Strings compare by UTF-16 code unit (MongoDB: UTF-8 bytes); no collations. NaN sorts as
 *   equal to every number instead of first.
 * - `_id` must be a string; generated ids are 24-hex strings, not ObjectIds.
 * - No arrayFilters (`$[name]`), pipeline updates, $out/$merge; some invalid update paths
 *   (e.g. `$set: { 'arr.x': 1 }` on an array) are ignored rather than refused.
 * - Buffers come back as BSON `Binary` after a restart; numbers are JS numbers.
 */
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import { update as mingoUpdate } from 'mingo/updater';
import { compare } from 'mingo/util';
import { ObjectId } from 'bson';
import { EmbeddedStoreError, storeError } from './errors.ts';
import { mingoOptions } from './mingo-context.ts';
import {
  cloneDoc,
  cloneValue,
  getPlainPath,
  isPlainObject,
  valuesAtPath,
  type Doc,
} from './values.ts';

type Obj = Record<string, unknown>;

/**
 * Compiles a filter once; the returned predicate is applied to every candidate document.
 * Top-level equalities on plain fields with a string, boolean or number value (the bulk of what
 * repositories send) are tested directly: equal, or an array holding an equal element, which is
 * MongoDB's rule and, for these types, plain `===`. Everything else goes through mingo.
 */
export function compileFilter(filter: Obj): (doc: Doc) => boolean {
  const simple: [string, unknown][] = [];
  const rest: Obj = {};
  for (const [key, value] of Object.entries(filter)) {
    if (isSimpleEquality(key, value)) simple.push([key, value]);
    else rest[key] = value;
  }
  const query = Object.keys(rest).length > 0 ? new Query(rest, mingoOptions) : undefined;
  if (simple.length === 0) return query ? (doc) => query.test(doc) : () => true;
  return (doc) => {
    for (const [key, value] of simple) {
      const v = doc[key];
      if (v !== value && !(Array.isArray(v) && v.includes(value))) return false;
    }
    return query ? query.test(doc) : true;
  };
}

function isSimpleEquality(key: string, value: unknown): boolean {
  if (key.startsWith('$') || key.includes('.')) return false;
  const t = typeof value;
  // NaN equals NaN in MongoDB but not under ===, so numbers must not be NaN.
  return t === 'string' || t === 'boolean' || (t === 'number' && !Number.isNaN(value));
}

/** Marks an empty array as a sort key: MongoDB orders it before null and missing fields. */
const EMPTY_ARRAY = Symbol('empty array');

/**
 * Sorts with MongoDB's order: BSON type order between types; an array field sorts by its smallest
 * element ascending and by its largest descending; missing fields sort as null. Stable, so ties
 * keep the scan order. (mingo's $sort reverses the ascending order for descending, which is wrong
 * for arrays, so only its value comparison is used.)
 */
export function sortDocs(docs: Doc[], sort: Record<string, 1 | -1> | undefined): Doc[] {
  if (!sort || docs.length < 2) return docs;
  const spec = Object.entries(sort);
  if (spec.length === 0) return docs;
  const keyed = docs.map((doc) => ({
    doc,
    keys: spec.map(([path, dir]) => sortKey(doc, path, dir)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i]);
      if (c !== 0) return spec[i]![1] === -1 ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

/** A comparator giving `sortDocs`' order (for merging runs that are each sorted already). */
export function docComparator(sort: Record<string, 1 | -1>): (a: Doc, b: Doc) => number {
  const spec = Object.entries(sort);
  return (a, b) => {
    for (const [path, dir] of spec) {
      const c = compareKeys(sortKey(a, path, dir), sortKey(b, path, dir));
      if (c !== 0) return dir === -1 ? -c : c;
    }
    return 0;
  };
}

function sortKey(doc: Doc, path: string, dir: 1 | -1): unknown {
  // Fast path: a top-level scalar needs no path walk.
  if (!path.includes('.')) {
    const v = doc[path];
    if (v === undefined) return null;
    if (!Array.isArray(v)) return v;
  }
  let best: unknown = null;
  let found = false;
  let sawEmpty = false;
  for (const leaf of valuesAtPath(doc, path)) {
    if (Array.isArray(leaf) && leaf.length === 0) {
      sawEmpty = true;
      continue;
    }
    for (const raw of Array.isArray(leaf) ? leaf : [leaf]) {
      const v = raw === undefined ? null : raw;
      const c = found ? compareKeys(v, best) : 0;
      if (!found || (dir === 1 ? c < 0 : c > 0)) {
        best = v;
        found = true;
      }
    }
  }
  return found ? best : sawEmpty ? EMPTY_ARRAY : null;
}

function compareKeys(a: unknown, b: unknown): number {
  // Fast paths for the common same-type cases; mingo's compare handles everything else.
  if (typeof a === 'number' && typeof b === 'number' && !Number.isNaN(a) && !Number.isNaN(b)) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compare(a, b);
}

/** Copies of documents for a caller, with an optional inclusion or exclusion projection. */
export function present(docs: Doc[], projection: Record<string, 0 | 1> | undefined): Obj[] {
  if (!projection || Object.keys(projection).length === 0) return docs.map((d) => cloneDoc(d));
  const projected = new Query({}, mingoOptions).find<Obj>(docs, projection).all();
  return projected.map((p) => {
    const copy = cloneDoc(p);
    // mingo appends _id last; MongoDB returns it first.
    if (!('_id' in copy)) return copy;
    const { _id, ...rest } = copy;
    return { _id, ...rest };
  });
}

/** Runs an aggregation pipeline over documents the caller may consume (already copies). */
export function aggregateDocs(
  docs: Obj[],
  pipeline: Obj[],
  resolve: (name: string) => Obj[]
): Obj[] {
  for (const stage of pipeline) {
    if ('$out' in stage || '$merge' in stage) {
      throw storeError('NotImplemented', 'The embedded store does not support $out or $merge.');
    }
  }
  return new Aggregator(pipeline, { ...mingoOptions, collectionResolver: resolve }).run(docs);
}

/** Like the driver: an update must be a non-empty document of update operators. */
export function assertUpdateOperators(update: unknown): asserts update is Obj {
  if (!isPlainObject(update) || Object.keys(update).length === 0) {
    throw storeError('BadValue', 'Update document requires atomic operators');
  }
  for (const key of Object.keys(update)) {
    if (!key.startsWith('$')) {
      throw storeError('BadValue', 'Update document requires atomic operators');
    }
  }
}

/**
 * Applies an update to an existing document. Returns the new document (a fresh object; the stored
 * one is untouched) or undefined when the update changes nothing. `$setOnInsert` is ignored here,
 * as MongoDB does for documents that already exist.
 */
export function updatedDoc(doc: Doc, update: Obj, filter: Obj): Doc | undefined {
  const modifier = cloneValue(update) as Obj;
  delete modifier.$setOnInsert;
  if (Object.keys(modifier).length === 0) return undefined;
  const next = cloneDoc(doc);
  checkOperands(next, modifier);
  // The filter is only needed to resolve the positional `$` operator; compiling it costs time.
  const condition = usesPositional(modifier) ? filter : undefined;
  const changed = runMingoUpdate(next, modifier, condition);
  return changed ? next : undefined;
}

/**
 * The document an upsert inserts, built as MongoDB does: the filter's equality conditions (top
 * level and inside $and) seed it, then the update applies with $setOnInsert folded into $set. A
 * missing `_id` is generated (as a string: our documents have string ids).
 */
export function upsertDoc(filter: Obj, update: Obj): Doc {
  const seed = seedFromFilter(filter);
  const modifier = cloneValue(update) as Obj;
  const onInsert = modifier.$setOnInsert;
  delete modifier.$setOnInsert;
  if (isPlainObject(onInsert)) {
    const set = isPlainObject(modifier.$set) ? modifier.$set : {};
    for (const [path, value] of Object.entries(onInsert)) {
      if (path in set) {
        throw storeError(
          'ConflictingUpdateOperators',
          `Updating the path '${path}' would create a conflict at '${path}'`
        );
      }
      set[path] = value;
    }
    modifier.$set = set;
  }
  // mingo refuses any update touching `_id`; on an insert setting it is legitimate.
  const set = modifier.$set;
  if (isPlainObject(set) && '_id' in set) {
    if ('_id' in seed && seed._id !== set._id) {
      throw storeError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'"
      );
    }
    seed._id = set._id;
    delete set._id;
    if (Object.keys(set).length === 0) delete modifier.$set;
  }
  checkOperands(seed, modifier);
  if (Object.keys(modifier).length > 0) runMingoUpdate(seed, modifier, undefined);
  const { _id = new ObjectId().toHexString(), ...rest } = seed;
  if (typeof _id !== 'string') {
    throw storeError('BadValue', 'The embedded store requires string _id values.');
  }
  return { _id, ...rest };
}

function runMingoUpdate(doc: Obj, modifier: Obj, condition: Obj | undefined): boolean {
  try {
    const changed = mingoUpdate(doc, modifier, undefined, condition, {
      cloneMode: 'none',
      queryOptions: mingoOptions,
    });
    return changed.length > 0;
  } catch (e) {
    if (e instanceof EmbeddedStoreError) throw e;
    // mingo's messages follow the server's; add the server's code so callers can branch on it.
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes('immutable field')) throw storeError('ImmutableField', message);
    if (message.includes('conflict')) throw storeError('ConflictingUpdateOperators', message);
    throw storeError('BadValue', message);
  }
}

function usesPositional(modifier: Obj): boolean {
  for (const spec of Object.values(modifier)) {
    if (isPlainObject(spec) && Object.keys(spec).some((p) => p.includes('$'))) return true;
  }
  return false;
}

const numericOps = new Set(['$inc', '$mul']);
const arrayOps = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/**
 * The server's operand checks mingo skips (it silently ignores them): arithmetic on a non-number,
 * array operators on a non-array, and creating a field under a scalar.
 */
function checkOperands(doc: Doc | Obj, modifier: Obj): void {
  for (const [op, spec] of Object.entries(modifier)) {
    if (!isPlainObject(spec)) continue;
    for (const path of Object.keys(spec)) {
      if (path.includes('$')) continue;
      const segs = path.split('.');
      for (let i = 1; i < segs.length && op !== '$unset'; i++) {
        const { found, value } = getPlainPath(doc, segs.slice(0, i).join('.'));
        if (found && value !== null && typeof value !== 'object') {
          throw storeError(
            'PathNotViable',
            `Cannot create field '${segs[i]}' in element {${segs[i - 1]}: ${JSON.stringify(value)}}`
          );
        }
      }
      const { found, value } = getPlainPath(doc, path);
      if (!found) continue;
      if (numericOps.has(op) && typeof value !== 'number') {
        throw storeError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} ` +
            `has the field '${path}' of non-numeric type ${typeName(value)}`
        );
      }
      if (arrayOps.has(op) && !Array.isArray(value)) {
        throw storeError(
          'BadValue',
          `The field '${path}' must be an array but is of type ${typeName(value)} ` +
            `in document {_id: ${JSON.stringify(doc._id)}}`
        );
      }
    }
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Date) return 'date';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** The equality part of a filter, as MongoDB extracts it for an upsert. */
function seedFromFilter(filter: Obj): Obj {
  const seed: Obj = {};
  const assigned: string[] = [];
  const assign = (path: string, value: unknown): void => {
    for (const other of assigned) {
      if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
        throw storeError(
          'NotSingleValueField',
          `cannot infer query fields to set, path '${path}' is matched twice`
        );
      }
    }
    assigned.push(path);
    const segs = path.split('.');
    let cur = seed;
    for (const seg of segs.slice(0, -1)) {
      const next = cur[seg];
      if (isPlainObject(next)) cur = next;
      else cur = cur[seg] = {};
    }
    cur[segs[segs.length - 1]!] = cloneValue(value);
  };
  const visit = (f: Obj): void => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (key.startsWith('$') || cond instanceof RegExp) continue;
      if (isPlainObject(cond)) {
        const ops = Object.keys(cond);
        if (ops.length > 0 && ops[0]!.startsWith('$')) {
          if ('$eq' in cond && !(cond.$eq instanceof RegExp)) assign(key, cond.$eq);
          continue;
        }
      }
      assign(key, cond);
    }
  };
  visit(filter);
  return seed;
}
