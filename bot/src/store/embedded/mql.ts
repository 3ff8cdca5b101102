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
 * - Buffers come back as BSON `Binary` after a restart; numbers are JS numbers.
 *
 * Refused with `EmbeddedUnsupportedError` (never silently different): non-string `_id` values
 * (generated ids are 24-hex strings), `$text`/geo/`$where`/`$jsonSchema` queries, `$out`/`$merge`
 * and server-only stages, `$meta`/positional/`$slice`-only/computed projections, `$currentDate`
 * timestamps, and any option the port does not declare (see options.ts). Updates: updates.ts.
 */
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import { compare, ensureArray, flatten, isEqual, isNil, typeOf } from 'mingo/util';
import { EmbeddedStoreError, EmbeddedUnsupportedError, storeError } from './errors.ts';
import { mingoContext, mingoOptions, mongoIn, sharedMingoOptions } from './mingo-context.ts';
import { cloneDoc, cloneValue, isPlainObject, keyOf, valuesAtPath, type Doc } from './values.ts';

type Obj = Record<string, unknown>;

/**
 * Compiles a filter once; the returned predicate is applied to every candidate document.
 * Top-level equalities on plain fields with a string, boolean or number value (the bulk of what
 * repositories send) are tested directly: equal, or an array holding an equal element, which is
 * MongoDB's rule and, for these types, plain `===`. Conditions on undotted fields made of `$eq`,
 * `$in` and the range operators, and `$and` / `$or` of such filters (the engine's visibility
 * filters, cursors, date ranges), are compiled here with mingo's own predicates (see
 * `fastCondition`), skipping mingo's per-query setup (a deep copy of the filter, option
 * resolution). Everything else goes through a mingo Query.
 */
export function compileFilter(filter: Obj): (doc: Doc) => boolean {
  // A frozen filter cannot change, so its predicate is kept (unless it holds a mingo Query,
  // whose per-run state, e.g. $$NOW, must not be shared between queries).
  if (!Object.isFrozen(filter)) return compileUncached(filter);
  let p = compiledFrozen.get(filter);
  if (!p) {
    p = compileUncached(filter);
    if (pure.has(p)) compiledFrozen.set(filter, p);
  }
  return p;
}

const compiledFrozen = new WeakMap<Obj, Predicate>();
/** Predicates built without any mingo Query (safe to keep and share). */
const pure = new WeakSet<Predicate>();

function compileUncached(filter: Obj): Predicate {
  const simple: [string, unknown][] = [];
  const fast: Predicate[] = [];
  const rest: Obj = {};
  for (const [key, value] of Object.entries(filter)) {
    // $comment only annotates the query (logs, profiler): it matches everything.
    if (key === '$comment') continue;
    if (isSimpleEquality(key, value)) {
      simple.push([key, value]);
      continue;
    }
    const compiled = fastCondition(key, value);
    if (compiled) fast.push(compiled);
    else rest[key] = value;
  }
  const query = Object.keys(rest).length > 0 ? newQuery(rest) : undefined;
  const isPure = !query && fast.every((p) => pure.has(p));
  if (query) fast.push((doc) => query.test(doc));
  let out: Predicate;
  if (simple.length === 0 && fast.length === 0) out = () => true;
  else if (simple.length === 0 && fast.length === 1) out = fast[0]!;
  else {
    // Indexed loops over flat arrays: a destructuring for-of costs more than the tests themselves.
    const keys = simple.map(([k]) => k);
    const values = simple.map(([, v]) => v);
    const ns = keys.length;
    const nf = fast.length;
    out = (doc) => {
      for (let i = 0; i < ns; i++) {
        const v = doc[keys[i]!];
        const value = values[i];
        if (v !== value && !(Array.isArray(v) && v.includes(value))) return false;
      }
      for (let i = 0; i < nf; i++) if (!fast[i]!(doc)) return false;
      return true;
    };
  }
  if (isPure) pure.add(out);
  return out;
}

type Predicate = (doc: Doc) => boolean;

const RANGES: Record<string, (c: number) => boolean> = {
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
};

/** Field names mingo treats specially (prototype access), left to it. */
const SPECIAL_FIELD = /^(__proto__|constructor|prototype)$/;

/**
 * One top-level condition compiled without a mingo Query, or undefined to leave it to mingo.
 * Each predicate is the one mingo's operator would build (same functions: `isEqual`, `compare`,
 * `typeOf`, and the store's own `$in`), so results are identical by construction: equality
 * (`$eq` semantics: equal, both nullish, or an equal array element), `$in`, their negations
 * `$ne` and `$nin` (the writes of a ticket's room test them), and `$lt` / `$lte` /
 * `$gt` / `$gte` (an element of the same type comparing so). `$and` / `$or` over non-empty arrays
 * of filters compile each branch with compileFilter.
 */
function fastCondition(key: string, cond: unknown): Predicate | undefined {
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(cond) || cond.length === 0 || !cond.every(isPlainObject)) return undefined;
    const branches = cond.map((b) => compileFilter(b));
    if (branches.length === 1) return branches[0];
    const n = branches.length;
    const p: Predicate =
      key === '$and'
        ? (doc) => {
            for (let i = 0; i < n; i++) if (!branches[i]!(doc)) return false;
            return true;
          }
        : (doc) => {
            for (let i = 0; i < n; i++) if (branches[i]!(doc)) return true;
            return false;
          };
    if (branches.every((b) => pure.has(b))) pure.add(p);
    return p;
  }
  if (key.startsWith('$') || key.includes('.') || SPECIAL_FIELD.test(key)) return undefined;
  const field = fieldReader(key);
  if (cond instanceof RegExp) return undefined; // mingo reads a bare RegExp as $regex
  const ops = isPlainObject(cond) ? Object.keys(cond) : [];
  if (!ops.some((op) => op.startsWith('$'))) return markPure(equals(field, cond));
  const preds: Predicate[] = [];
  for (const op of ops) {
    const operand = (cond as Obj)[op];
    if (op === '$eq') preds.push(equals(field, operand));
    else if (op === '$ne') preds.push(not(equals(field, operand)));
    else if (op === '$in' && Array.isArray(operand)) preds.push(inList(key, operand));
    else if (op === '$nin' && Array.isArray(operand)) preds.push(not(inList(key, operand)));
    else if (op in RANGES) preds.push(inRange(field, operand, RANGES[op]!));
    else return undefined;
  }
  return markPure(preds.length === 1 ? preds[0]! : (doc) => preds.every((p) => p(doc)));
}

/**
 * `$in` on an undotted field. A list of strings, booleans and numbers (not NaN) is tested with
 * SameValueZero (equal to MongoDB's equality for those types: 0 equals -0), on the value or on
 * the elements of an array value, as `mongoIn` does, without its per-document path walk and deep
 * equality (the aggregate view's room and room-group scopes test a thousand such lists). Anything
 * else goes to `mongoIn`.
 */
function inList(key: string, list: unknown[]): Predicate {
  if (!list.every((x) => isSimpleEquality(key, x))) return mongoIn(key, list) as Predicate;
  const set = list.length > 8 ? new Set(list) : undefined;
  const has = set ? (v: unknown) => set.has(v) : (v: unknown) => list.includes(v);
  return (doc) => {
    const v = Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined;
    if (!Array.isArray(v)) return has(v);
    for (const x of v) if (has(x)) return true;
    return false;
  };
}

/** True when `p` holds no per-query state (it may be kept and shared across queries). */
export function isReusable(p: (doc: Doc) => boolean): boolean {
  return pure.has(p);
}

/** Longest `$in` list `testSimple` reads (longer ones get compileFilter's Set). */
const SIMPLE_IN_MAX = 16;

/**
 * True when `testSimple` evaluates `filter`: top-level equalities with a string, boolean or
 * number value, short `$in` lists of such values on undotted fields, `$and` / `$or` of such
 * filters, and `$comment` (the engine's visibility filters restricted to one customer). These
 * are exactly the cases compileFilter's fast paths take (isSimpleEquality, inList's simple
 * branch, fastCondition's `$and` / `$or`), so both give the same answer on every document.
 */
export function isSimpleFilter(filter: Obj): boolean {
  const keys = Object.keys(filter);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const cond = filter[key];
    if (key === '$comment' || isSimpleEquality(key, cond)) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(cond) || cond.length === 0) return false;
      for (const b of cond) if (!isPlainObject(b) || !isSimpleFilter(b)) return false;
      continue;
    }
    if (key.startsWith('$') || key.includes('.') || SPECIAL_FIELD.test(key)) return false;
    if (!isPlainObject(cond)) return false;
    const ops = Object.keys(cond);
    if (ops.length !== 1 || ops[0] !== '$in') return false;
    const list = cond.$in;
    if (!Array.isArray(list) || list.length > SIMPLE_IN_MAX) return false;
    for (const x of list) if (!isSimpleEquality(key, x)) return false;
  }
  return true;
}

/**
 * `compileFilter(filter)(doc)` for a filter `isSimpleFilter` accepts, read directly from the
 * filter: nothing compiled, nothing allocated. The first aggregate page after a start tests a
 * hundred customers' branches a document or two each; compiling each first cost more than all
 * the tests.
 */
export function testSimple(filter: Obj, doc: Doc): boolean {
  const keys = Object.keys(filter);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const cond = filter[key];
    if (key === '$and') {
      for (const b of cond as Obj[]) if (!testSimple(b, doc)) return false;
    } else if (key === '$or') {
      let any = false;
      for (const b of cond as Obj[]) {
        if (testSimple(b, doc)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    } else if (key === '$comment') {
      continue;
    } else if (typeof cond !== 'object') {
      // compileUncached's simple equality.
      const v = doc[key];
      if (v !== cond && !(Array.isArray(v) && v.includes(cond))) return false;
    } else {
      // inList's simple branch (SameValueZero on the value or on an array's elements).
      const list = (cond as { $in: unknown[] }).$in;
      const v = Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined;
      if (!Array.isArray(v)) {
        if (!list.includes(v)) return false;
      } else if (!v.some((x) => list.includes(x))) {
        return false;
      }
    }
  }
  return true;
}

/**
 * A predicate for `filter`: read from the filter on each test when it is simple (isSimpleFilter:
 * nothing to compile; a page reads a document or two per customer branch), else compileFilter's.
 */
export function predicateOf(filter: Obj): Predicate {
  if (!isSimpleFilter(filter)) return compileFilter(filter);
  return markPure((doc) => testSimple(filter, doc));
}

function markPure(p: Predicate): Predicate {
  pure.add(p);
  return p;
}

/** Reads an own top-level field (returned unnamed: a named closure costs a defineProperty under tsx). */
function fieldReader(key: string): (doc: Doc) => unknown {
  return (doc) => (Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined);
}

/** mingo's `$eq` on an undotted field. */
function equals(field: (doc: Doc) => unknown, b: unknown): Predicate {
  return (doc) => {
    const a = field(doc);
    if (isEqual(a, b)) return true;
    if (isNil(a) && isNil(b)) return true;
    return (
      Array.isArray(a) && (a.some((v) => isEqual(v, b)) || flatten(a, 0).some((v) => isEqual(v, b)))
    );
  };
}

/** The negation of `p`: mingo's `$ne` is `!$eq`, and the store's `$nin` is `!$in`. */
const not =
  (p: Predicate): Predicate =>
  (doc) =>
    !p(doc);

/** mingo's `$lt` / `$lte` / `$gt` / `$gte` on an undotted field. */
function inRange(
  field: (doc: Doc) => unknown,
  b: unknown,
  holds: (c: number) => boolean
): Predicate {
  const type = typeOf(b);
  return (doc) => {
    for (const v of ensureArray(field(doc))) {
      if (typeOf(v) === type && holds(compare(v, b))) return true;
    }
    return false;
  };
}

/** Query operators MongoDB has and the embedded store does not evaluate. */
const UNSUPPORTED_QUERY_OPERATORS = new Set([
  '$text',
  '$where',
  '$jsonSchema',
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$box',
  '$center',
  '$centerSphere',
  '$geometry',
  '$polygon',
  '$maxDistance',
  '$minDistance',
]);

/**
 * A mingo Query over the pre-resolved options (no per-query copy of the operator tables). An
 * operator MongoDB has but the store lacks is a typed refusal; an operator MongoDB does not know
 * is MongoDB's BadValue "unknown operator".
 */
function newQuery(filter: Obj): Query {
  for (const op of operatorsIn(filter)) {
    if (UNSUPPORTED_QUERY_OPERATORS.has(op)) {
      throw new EmbeddedUnsupportedError(`the query operator ${op}`);
    }
  }
  try {
    return new Query(filter, sharedMingoOptions);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /unknown (top level )?(?:query )?operator:? (\$\w+)/.exec(message);
    if (unknown) {
      throw storeError('BadValue', `unknown ${unknown[1] ?? ''}operator: ${unknown[2]}`);
    }
    throw storeError('BadValue', message);
  }
}

/** Every `$`-prefixed key in a filter, at any depth. */
function operatorsIn(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) {
    for (const x of v) operatorsIn(x, out);
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$')) out.add(k);
      operatorsIn(x, out);
    }
  }
  return out;
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
  const paths = spec.map(([path]) => path);
  const dirs = spec.map(([, dir]) => dir);
  const topLevel = paths.map((path) => !path.includes('.'));
  const n = spec.length;
  return (a, b) => {
    for (let i = 0; i < n; i++) {
      const path = paths[i]!;
      const dir = dirs[i]!;
      let c: number;
      const x = topLevel[i] ? a[path] : undefined;
      const y = topLevel[i] ? b[path] : undefined;
      // The usual keys (dates, ids) compared directly: what sortKey + compareKeys give for them.
      if (x instanceof Date && y instanceof Date) c = Math.sign(x.getTime() - y.getTime());
      else if (typeof x === 'string' && typeof y === 'string') c = x < y ? -1 : x > y ? 1 : 0;
      else c = compareKeys(sortKey(a, path, dir), sortKey(b, path, dir));
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

/**
 * Validates a find projection as MongoDB does: inclusion and exclusion do not mix (except
 * `_id`), paths do not collide. Projection forms the store does not reproduce are refused.
 */
export function checkProjection(projection: Obj | undefined): void {
  if (!projection || checkedFrozen.has(projection)) return;
  let inclusion: string | undefined;
  let exclusion: string | undefined;
  const paths = Object.keys(projection);
  for (const [path, spec] of Object.entries(projection)) {
    if (path.endsWith('.$') || path === '$') {
      throw new EmbeddedUnsupportedError(`the positional projection '${path}'`);
    }
    if (isPlainObject(spec)) {
      const op = Object.keys(spec)[0];
      if (op === '$elemMatch') {
        inclusion ??= path;
        continue;
      }
      if (op === '$slice') continue;
      throw new EmbeddedUnsupportedError(
        op === '$meta' ? 'the projection operator $meta' : `the computed projection of '${path}'`
      );
    }
    if (typeof spec !== 'number' && typeof spec !== 'boolean') {
      throw new EmbeddedUnsupportedError(`the computed projection of '${path}'`);
    }
    const include = spec === true || (typeof spec === 'number' && spec !== 0);
    if (path === '_id') continue;
    if (include) {
      if (exclusion !== undefined) {
        throw storeError(
          'Location31253',
          `Cannot do inclusion on field ${path} in exclusion projection`
        );
      }
      inclusion = path;
    } else {
      if (inclusion !== undefined) {
        throw storeError(
          'Location31254',
          `Cannot do exclusion on field ${path} in inclusion projection`
        );
      }
      exclusion = path;
    }
  }
  const slices = paths.some((p) => isPlainObject(projection[p]) && '$slice' in projection[p]);
  if (slices && inclusion === undefined) {
    // MongoDB then returns every (other) field with the array sliced; mingo cannot.
    throw new EmbeddedUnsupportedError('a $slice projection without included fields');
  }
  // Only a dotted path can sit under another one.
  for (const b of paths) {
    if (!b.includes('.')) continue;
    for (const a of paths) {
      if (a !== b && b.startsWith(`${a}.`))
        throw storeError('Location31249', `Path collision at ${b}`);
    }
  }
  if (isDeepFrozen(projection)) checkedFrozen.add(projection);
}

/**
 * Projections a repository declares once and freezes (a list's fields): checked once, and their
 * top-level inclusion derived once (a frozen projection cannot change, nested specs included).
 */
const checkedFrozen = new WeakSet<Obj>();
const frozenInclusions = new WeakMap<Obj, TopLevelInclusion | null>();

function isDeepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (!Object.isFrozen(v)) return false;
  for (const x of Object.values(v)) if (!isDeepFrozen(x)) return false;
  return true;
}

type SliceSpec = number | [number, number];

/**
 * A projection that includes top-level fields only (`1`/`true`), maybe cuts top-level arrays with
 * `$slice` and maybe excludes `_id`: what lists ask for, applied without mingo (which builds a
 * query and walks every path per document, several times the cost of the copy itself). `kept`:
 * each field kept, `true` (a copy of the value) or how to cut its array.
 */
interface TopLevelInclusion {
  kept: Map<string, true | SliceSpec>;
  /** Only for a projection kept across queries (frozen): its copy compiled per key order. */
  shapes?: Shape[];
}

/**
 * The copy of a document whose own keys are `keys`, in that order: one object literal (its
 * final shape at once), where a loop adding the kept fields one by one costs three times more.
 */
interface Shape {
  keys: string[];
  copy: (doc: Doc) => Obj;
}

/** Key orders compiled per projection (optional fields make a few per collection). */
const MAX_SHAPES = 16;

function topLevelInclusion(projection: Obj): TopLevelInclusion | undefined {
  if (!Object.isFrozen(projection)) return derivedInclusion(projection);
  let derived = frozenInclusions.get(projection);
  if (derived === undefined) {
    derived = derivedInclusion(projection) ?? null;
    if (derived && checkedFrozen.has(projection)) derived.shapes = [];
    if (checkedFrozen.has(projection)) frozenInclusions.set(projection, derived);
  }
  return derived ?? undefined;
}

/** The compiled copy for documents keyed as `keys` (made on first sight), if any. */
function shapeFor(p: TopLevelInclusion, shapes: Shape[], keys: string[]): Shape | undefined {
  const n = keys.length;
  next: for (let s = 0; s < shapes.length; s++) {
    const shape = shapes[s]!;
    const known = shape.keys;
    if (known.length !== n) continue;
    for (let i = 0; i < n; i++) if (known[i] !== keys[i]) continue next;
    return shape;
  }
  if (shapes.length >= MAX_SHAPES) return undefined;
  const copy = compileCopy(keys, p.kept);
  if (!copy) return undefined;
  const shape = { keys, copy };
  shapes.push(shape);
  return shape;
}

/**
 * `(doc) => ({ "a": clone(doc["a"]), "notes": cut(doc["notes"], 1), ... })` over the kept keys
 * in document order. Keys are written as JSON string literals (never as code); a `__proto__` key,
 * which a literal would take as the prototype, is left to the loop.
 */
function compileCopy(
  keys: string[],
  kept: TopLevelInclusion['kept']
): ((doc: Doc) => Obj) | undefined {
  const fields = keys.filter((k) => kept.has(k));
  if (fields.includes('__proto__')) return undefined;
  const how = fields.map((k) => kept.get(k)!);
  const entries = fields.map((k, i) => {
    const key = JSON.stringify(k);
    return how[i] === true ? `${key}: clone(doc[${key}])` : `${key}: cut(doc[${key}], ${i})`;
  });
  const cut = (v: unknown, i: number) =>
    cloneValue(Array.isArray(v) ? sliceArray(v, how[i] as SliceSpec) : v);
  const make = new Function('clone', 'cut', `return (doc) => ({ ${entries.join(', ')} });`) as (
    clone: typeof cloneValue,
    cutter: typeof cut
  ) => (doc: Doc) => Obj;
  return make(cloneValue, cut);
}

function derivedInclusion(projection: Obj): TopLevelInclusion | undefined {
  const kept = new Map<string, true | SliceSpec>([['_id', true]]);
  let fields = 0;
  for (const [path, spec] of Object.entries(projection)) {
    if (path.includes('.') || path.startsWith('$')) return undefined;
    if (path === '_id' && (spec === 0 || spec === false)) kept.delete('_id');
    else if (spec === 1 || spec === true) {
      fields++;
      kept.set(path, true);
    } else if (isPlainObject(spec) && Object.keys(spec).length === 1 && '$slice' in spec) {
      const n = spec.$slice;
      const pair = Array.isArray(n) && n.length === 2 && n.every(Number.isInteger);
      if (!Number.isInteger(n) && !pair) return undefined;
      if (pair && (n as number[])[1]! <= 0) return undefined; // MongoDB refuses; mingo says so
      kept.set(path, n as SliceSpec);
    } else return undefined;
  }
  return fields > 0 ? { kept } : undefined;
}

/** MongoDB's `$slice` of an array: the first n, the last -n, or [skip, limit] (skip from the end if negative). */
function sliceArray(arr: unknown[], spec: SliceSpec): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? arr.slice(0, spec) : arr.slice(spec);
  const [skip, limit] = spec;
  const start = skip >= 0 ? skip : Math.max(0, arr.length + skip);
  return arr.slice(start, start + limit);
}

/** The kept fields of `doc`, copied, in the document's order (MongoDB's). */
function pickTopLevel(doc: Doc, p: TopLevelInclusion): Obj {
  const keys = Object.keys(doc);
  const shape = p.shapes && shapeFor(p, p.shapes, keys);
  if (shape) return shape.copy(doc);
  const kept = p.kept;
  const out: Obj = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const how = kept.get(key);
    if (how === undefined) continue;
    const v = doc[key];
    out[key] = cloneValue(how === true || !Array.isArray(v) ? v : sliceArray(v, how));
  }
  return out;
}

/** Copies of documents for a caller, with an optional inclusion or exclusion projection. */
export function present(docs: Doc[], projection: Obj | undefined): Obj[] {
  if (!projection || Object.keys(projection).length === 0) return docs.map((d) => cloneDoc(d));
  checkProjection(projection);
  const simple = topLevelInclusion(projection);
  if (simple) {
    const out = new Array<Obj>(docs.length);
    for (let i = 0; i < docs.length; i++) out[i] = pickTopLevel(docs[i]!, simple);
    return out;
  }
  let projected: Obj[];
  try {
    projected = new Query({}, sharedMingoOptions).find<Obj>(docs, projection).all();
  } catch (e) {
    throw storeError('BadValue', e instanceof Error ? e.message : String(e));
  }
  // MongoDB omits an $elemMatch field when no element matches (mingo yields [undefined]).
  const elemMatched = Object.keys(projection).filter(
    (k) => isPlainObject(projection[k]) && '$elemMatch' in projection[k]
  );
  return projected.map((p, i) => {
    for (const k of elemMatched) {
      const v = p[k];
      if (!Array.isArray(v) || v.length === 0 || v[0] === undefined) delete p[k];
    }
    const copy = cloneDoc(p);
    // MongoDB keeps the document's field order (mingo follows the projection's, _id last).
    const ordered: Obj = {};
    for (const key of Object.keys(docs[i]!)) if (key in copy) ordered[key] = copy[key];
    for (const key of Object.keys(copy)) if (!(key in ordered)) ordered[key] = copy[key];
    return ordered;
  });
}

/** Stages MongoDB has that the embedded store does not run (server, search and write stages). */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$collStats',
  '$currentOp',
  '$geoNear',
  '$indexStats',
  '$listLocalSessions',
  '$listSampledQueries',
  '$listSearchIndexes',
  '$listSessions',
  '$planCacheStats',
  '$querySettings',
  '$queryStats',
  '$rankFusion',
  '$scoreFusion',
  '$search',
  '$searchMeta',
  '$shardedDataDistribution',
  '$vectorSearch',
]);

/** MongoDB's checks of a pipeline's stages, and a typed refusal of stages the store lacks. */
export function checkPipeline(pipeline: Obj[]): void {
  for (const stage of pipeline) {
    const names = Object.keys(stage);
    if (names.length !== 1) {
      throw storeError(
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.'
      );
    }
    const name = names[0]!;
    if (UNSUPPORTED_STAGES.has(name)) throw new EmbeddedUnsupportedError(`the stage ${name}`);
    if (!mingoContext.getOperator('pipeline' as never, name)) {
      throw storeError('Location40324', `Unrecognized pipeline stage name: '${name}'`);
    }
  }
}

/** Runs an aggregation pipeline over documents the caller may consume (already copies). */
export function aggregateDocs(
  docs: Obj[],
  pipeline: Obj[],
  resolve: (name: string) => Obj[]
): Obj[] {
  checkPipeline(pipeline);
  // The leading $match may have been taken out by the caller; the rest may hold more.
  for (const stage of pipeline) {
    if (isPlainObject(stage.$match)) compileFilter(stage.$match);
  }
  // (Plain options here: a resolver cannot be added to the pre-resolved ones.)
  try {
    return new Aggregator(pipeline, { ...mingoOptions, collectionResolver: resolve }).run(docs);
  } catch (e) {
    throw fromMingoError(e);
  }
}

/** Expression operators MongoDB has that the embedded store does not evaluate. */
const UNSUPPORTED_EXPRESSIONS = new Set(['$meta', '$function', '$accumulator']);

/**
 * A mingo error as MongoDB would report it: an expression operator MongoDB has and the store
 * lacks is a typed refusal; one MongoDB does not know either is InvalidPipelineOperator (168);
 * anything else is BadValue with mingo's message (which follows the server's).
 */
export function fromMingoError(e: unknown): EmbeddedStoreError {
  if (e instanceof EmbeddedStoreError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const unregistered = /'(\$\w+)' is not registered/.exec(message);
  const scripted = /(\$\w+) requires 'scriptEnabled'/.exec(message);
  const op = unregistered?.[1] ?? scripted?.[1];
  if (op !== undefined && (scripted || UNSUPPORTED_EXPRESSIONS.has(op))) {
    return new EmbeddedUnsupportedError(`the operator ${op}`);
  }
  if (op !== undefined)
    return storeError('InvalidPipelineOperator', `Unrecognized expression '${op}'`);
  return storeError('BadValue', message);
}

/**
 * `distinct`: every value of `key` among `docs`, an array contributing each element (one level),
 * once each, in BSON order.
 */
export function distinctValues(docs: Iterable<Doc>, key: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const leaf of valuesAtPath(doc, key)) {
      for (const v of Array.isArray(leaf) ? leaf : [leaf]) {
        if (v === undefined) continue;
        const k = keyOf(v);
        if (!seen.has(k)) seen.set(k, cloneValue(v));
      }
    }
  }
  return [...seen.values()].sort(compareKeys);
}
