/**
 * Updates for the embedded store, as MongoDB 8.0 parses and applies them: update-operator
 * documents (with `arrayFilters`, positional `$`, `$[]`, `$[<id>]`), aggregation-pipeline updates
 * and whole-document replacements, plus the upsert rules (the filter's equalities seed the new
 * document, `$setOnInsert` applies only then). An update is parsed and validated once
 * (`parseUpdate` / `parseReplacement`), before any document is touched, so a malformed update
 * fails with MongoDB's error code and writes nothing.
 */
import { Aggregator } from 'mingo/aggregator';
import { update as mingoUpdate } from 'mingo/updater';
import * as mingoUpdateOperators from 'mingo/operators/update';
import { has, isEqual, isNumber, isObject } from 'mingo/util';
import { ObjectId } from 'bson';
import { EmbeddedStoreError, EmbeddedUnsupportedError, storeError } from './errors.ts';
import { mingoOptions, runOptions, sharedMingoOptions } from './mingo-context.ts';
import { fromMingoError } from './mql.ts';
import {
  cloneDoc,
  cloneValue,
  getPlainPath,
  isPlainObject,
  isReloadStable,
  keyOf,
  type Doc,
} from './values.ts';

type Obj = Record<string, unknown>;

/** A parsed, validated update. */
export type UpdateSpec =
  | {
      kind: 'operators';
      /** Every operator except $setOnInsert. */
      modifier: Obj;
      onInsert: Obj | undefined;
      arrayFilters: Obj[] | undefined;
      /** Uses the positional `$` (resolved against the filter). */
      positional: boolean;
    }
  | { kind: 'pipeline'; stages: Obj[] }
  | { kind: 'replacement'; replacement: Obj };

/** MongoDB's update operators (all of them: mingo implements each but $setOnInsert). */
const UPDATE_OPERATORS = new Set([
  '$currentDate',
  '$inc',
  '$min',
  '$max',
  '$mul',
  '$rename',
  '$set',
  '$setOnInsert',
  '$unset',
  '$addToSet',
  '$pop',
  '$pull',
  '$push',
  '$pullAll',
  '$bit',
]);

/** The stages MongoDB allows in an update pipeline. */
const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

const REQUIRES_OPERATORS = 'Update document requires atomic operators';

/**
 * Parses an update (operators or pipeline) as the driver and the server validate it: an empty
 * update or one without operators is refused (driver), an unknown modifier is FailedToParse (9),
 * two operators on one path (or a path and its prefix) are ConflictingUpdateOperators (40),
 * array filters must each be used and each `$[<id>]` must have one.
 */
export function parseUpdate(update: unknown, arrayFilters: unknown): UpdateSpec {
  if (Array.isArray(update)) {
    if (update.length === 0) throw storeError('BadValue', REQUIRES_OPERATORS);
    if (arrayFilters !== undefined) {
      throw storeError(
        'FailedToParse',
        'arrayFilters may not be specified for pipeline-style updates'
      );
    }
    return { kind: 'pipeline', stages: update.map(parsePipelineStage) };
  }
  if (!isPlainObject(update)) throw storeError('BadValue', REQUIRES_OPERATORS);
  const ops = Object.keys(update);
  if (ops.length === 0 || !ops[0]!.startsWith('$'))
    throw storeError('BadValue', REQUIRES_OPERATORS);
  const modifier: Obj = {};
  let onInsert: Obj | undefined;
  const paths: string[] = [];
  for (const op of ops) {
    const spec = update[op];
    if (!UPDATE_OPERATORS.has(op)) {
      throw storeError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update ` +
          'specified as an array'
      );
    }
    if (!isPlainObject(spec)) {
      throw storeError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeName(spec)} instead. For example: ` +
          `{$mod: {<field>: ...}} not {${op}: ${JSON.stringify(spec)}}`
      );
    }
    for (const [path, value] of Object.entries(spec)) {
      checkPath(path);
      checkOperand(op, path, value);
      paths.push(path);
      if (op === '$rename') paths.push(value as string);
    }
    // MongoDB 5.0+ applies an update's fields in lexicographic order (numeric names
    // numerically), which decides the order of the fields it creates.
    const ordered = sortPaths(cloneValue(spec) as Obj);
    if (op === '$setOnInsert') onInsert = ordered;
    else modifier[op] = ordered;
  }
  checkConflicts(paths);
  const filters = parseArrayFilters(arrayFilters, paths);
  return {
    kind: 'operators',
    modifier,
    onInsert,
    arrayFilters: filters,
    positional: paths.some((p) => p.includes('$') && p.split('.').includes('$')),
  };
}

/** Parses a replacement document (replaceOne, findOneAndReplace): no operators allowed. */
export function parseReplacement(replacement: unknown): UpdateSpec {
  if (!isPlainObject(replacement)) throw storeError('BadValue', 'Replacement must be a document');
  const first = Object.keys(replacement)[0];
  if (first !== undefined && first.startsWith('$')) {
    throw storeError('BadValue', 'Replacement document must not contain atomic operators');
  }
  return { kind: 'replacement', replacement: cloneValue(replacement) as Obj };
}

/**
 * Applies a parsed update to an existing document. Returns the new document (a fresh object; the
 * stored one is untouched) or undefined when the update changes nothing (MongoDB then reports
 * the document as matched but not modified). `$setOnInsert` is ignored here, as in MongoDB.
 */
export function applyUpdate(spec: UpdateSpec, doc: Doc, filter: Obj): Doc | undefined {
  switch (spec.kind) {
    case 'operators': {
      if (Object.keys(spec.modifier).length === 0) return undefined;
      if (isTopLevelUpdate(spec)) {
        const fast = applyTopLevel(spec.modifier, doc);
        if (fast !== FALLBACK) return fast;
      }
      return applyWithMingo(spec, doc, filter);
    }
    case 'pipeline':
      return unlessUnchanged(doc, withId(runPipeline(spec.stages, doc), doc._id));
    case 'replacement':
      return unlessUnchanged(doc, withId(cloneValue(spec.replacement) as Obj, doc._id));
  }
}

/**
 * The general path of an operator update (any operator, path, array filter or positional `$`):
 * MongoDB's checks, then mingo's operators on a copy of the touched fields. Exported so tests can
 * hold the top-level fast path (applyTopLevel) to it.
 */
export function applyWithMingo(
  spec: Extract<UpdateSpec, { kind: 'operators' }>,
  doc: Doc,
  filter: Obj
): Doc | undefined {
  if (Object.keys(spec.modifier).length === 0) return undefined;
  const modifier = cloneValue(spec.modifier) as Obj;
  // Setting `_id` to the value it already has is allowed (a no-op); mingo refuses any `_id`.
  const set = modifier.$set;
  if (isPlainObject(set) && '_id' in set && keyOf(set._id) === keyOf(doc._id)) {
    delete set._id;
  }
  const next = copyForUpdate(doc, modifier, spec);
  checkOperands(next, modifier);
  // The filter is only needed to resolve the positional `$` operator; compiling it costs time.
  const changed = runMingoUpdate(
    next,
    modifier,
    spec.arrayFilters,
    spec.positional ? filter : undefined
  );
  return changed ? newFieldsInOrder(doc, next) : undefined;
}

/**
 * The journal form of an update that changed a document, when the update alone can stand for the
 * new version (replaying it on the previous version gives exactly this one): update operators
 * without the positional `$` (resolved against the query filter) or `$currentDate` (the clock),
 * whose operands read back from BSON unchanged. Undefined otherwise: the after-image is journaled.
 * The previous version must read back unchanged too; the caller knows that (see `reloadStable`).
 */
export function journalUpdate(spec: UpdateSpec): { m: Obj; af?: Obj[] } | undefined {
  if (spec.kind !== 'operators' || spec.positional || '$currentDate' in spec.modifier)
    return undefined;
  if (!isReloadStable(spec.modifier)) return undefined;
  if (spec.arrayFilters === undefined) return { m: spec.modifier };
  return isReloadStable(spec.arrayFilters)
    ? { m: spec.modifier, af: spec.arrayFilters }
    : undefined;
}

/** Replays a journaled update (see `journalUpdate`) on the version it was applied to. */
export function replayUpdate(doc: Doc, m: Obj, af: Obj[] | undefined): Doc | undefined {
  return applyUpdate(
    { kind: 'operators', modifier: m, onInsert: undefined, arrayFilters: af, positional: false },
    doc,
    {}
  );
}

/**
 * The document an upsert inserts, built as MongoDB does. Operators and pipelines: the filter's
 * equality conditions (top level and inside `$and`) seed the document, then the update applies,
 * with `$setOnInsert` folded into `$set`. Replacements: the replacement, with only the filter's
 * `_id` equality taken over. A missing `_id` is generated (a string: our ids are strings).
 */
export function upsertDocument(spec: UpdateSpec, filter: Obj): Doc {
  const seed = seedFromFilter(filter);
  let out: Obj;
  switch (spec.kind) {
    case 'operators':
      out = upsertWithOperators(spec, seed);
      break;
    case 'pipeline':
      out = runPipeline(spec.stages, seed);
      if (seed._id !== undefined && out._id !== undefined && keyOf(out._id) !== keyOf(seed._id)) {
        throw immutableId(out._id);
      }
      if (out._id === undefined && seed._id !== undefined) out._id = seed._id;
      break;
    case 'replacement': {
      out = cloneValue(spec.replacement) as Obj;
      if (out._id === undefined) {
        if (seed._id !== undefined) out._id = seed._id;
      } else if (seed._id !== undefined && keyOf(out._id) !== keyOf(seed._id)) {
        throw immutableId(out._id);
      }
      break;
    }
  }
  const { _id = new ObjectId().toHexString(), ...rest } = out;
  assertStringId(_id);
  return { _id, ...rest };
}

/** The embedded store keeps string ids only; anything else is a typed refusal. */
export function assertStringId(id: unknown): asserts id is string {
  if (typeof id !== 'string') {
    throw new EmbeddedUnsupportedError(
      `an _id of type ${typeName(id)}`,
      'the embedded store requires string _id values'
    );
  }
}

function upsertWithOperators(spec: Extract<UpdateSpec, { kind: 'operators' }>, seed: Obj): Obj {
  const modifier = cloneValue(spec.modifier) as Obj;
  if (spec.onInsert) {
    // Conflicts with the other operators were refused when the update was parsed.
    const set = isPlainObject(modifier.$set) ? modifier.$set : {};
    Object.assign(set, cloneValue(spec.onInsert));
    modifier.$set = set;
  }
  // mingo refuses any update touching `_id`; on an insert setting it is legitimate.
  const set = modifier.$set;
  if (isPlainObject(set) && '_id' in set) {
    if ('_id' in seed && keyOf(seed._id) !== keyOf(set._id)) throw immutableId(set._id);
    seed._id = set._id;
    delete set._id;
    if (Object.keys(set).length === 0) delete modifier.$set;
  }
  checkOperands(seed, modifier);
  if (Object.keys(modifier).length === 0) return seed;
  const seeded = { ...seed };
  runMingoUpdate(seed, modifier, spec.arrayFilters, spec.positional ? {} : undefined);
  return newFieldsInOrder(seeded, seed as Doc);
}

function immutableId(value: unknown): EmbeddedStoreError {
  return storeError(
    'ImmutableField',
    `After applying the update, the (immutable) field '_id' was found to have been altered to ` +
      `_id: ${JSON.stringify(value)}`
  );
}

/** Paths in MongoDB's processing order: segment by segment, numeric names numerically. */
function sortPaths(spec: Obj): Obj {
  const keys = Object.keys(spec);
  if (keys.length < 2) return spec;
  const out: Obj = {};
  for (const k of keys.sort(comparePaths)) out[k] = spec[k];
  return out;
}

function comparePaths(a: string, b: string): number {
  // Top-level names (most updates): compared as they are, without splitting.
  if (!a.includes('.') && !b.includes('.')) return compareSegments(a, b);
  const sa = a.split('.');
  const sb = b.split('.');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x !== y) return compareSegments(x, y);
  }
  return sa.length - sb.length;
}

/** One path segment against another: numeric names numerically, others by code unit. */
function compareSegments(x: string, y: string): number {
  if (x === y) return 0;
  if (DIGITS.test(x) && DIGITS.test(y)) return Number(x) - Number(y);
  return x < y ? -1 : 1;
}

const DIGITS = /^\d+$/;

/**
 * MongoDB creates the top-level fields an update adds in lexicographic order, whichever
 * operators add them (mingo: operator by operator). Existing fields keep their places.
 */
function newFieldsInOrder(before: Obj, next: Doc): Doc {
  const added = Object.keys(next).filter((k) => !(k in before));
  if (added.length < 2) return next;
  const out: Obj = {};
  for (const k of Object.keys(next)) if (k in before) out[k] = next[k];
  for (const k of added.sort(comparePaths)) out[k] = next[k];
  return out as Doc;
}

/** A pipeline or replacement result keeps the document's `_id` (first); changing it is refused. */
function withId(next: Obj, id: string): Doc {
  if (next._id !== undefined && next._id !== id) throw immutableId(next._id);
  const { _id, ...rest } = next;
  return { _id: id, ...rest };
}

/** undefined when `next` equals `doc` field for field, in order (MongoDB's "not modified"). */
function unlessUnchanged(doc: Doc, next: Doc): Doc | undefined {
  return keyOf(next) === keyOf(doc) ? undefined : next;
}

function parsePipelineStage(stage: unknown): Obj {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw storeError(
      'Location40323',
      'A pipeline stage specification object must contain exactly one field.'
    );
  }
  const name = Object.keys(stage)[0]!;
  if (!PIPELINE_UPDATE_STAGES.has(name)) {
    throw storeError('InvalidOptions', `${name} is not allowed to be used within an update`);
  }
  return cloneValue(stage) as Obj;
}

function runPipeline(stages: Obj[], doc: Obj): Obj {
  let out: Obj[];
  try {
    out = new Aggregator(cloneValue(stages) as Obj[], sharedMingoOptions).run([
      cloneDoc(doc),
    ]) as Obj[];
  } catch (e) {
    throw asStoreError(e);
  }
  const next = out[0];
  if (out.length !== 1 || !isPlainObject(next)) {
    throw storeError('BadValue', 'An update pipeline must produce exactly one document');
  }
  return cloneValue(next) as Obj;
}

/** The operators `applyTopLevel` applies itself. */
const TOP_LEVEL_OPERATORS = new Set(['$set', '$unset', '$inc', '$push']);

/**
 * An update `applyTopLevel` may apply: only `$set`, `$unset`, `$inc` and `$push`, each on a plain
 * top-level field (no dot, no `$`, not `_id`, not a name Object.prototype answers for). What the
 * ticket writes send (a note, a status or severity change).
 */
function isTopLevelUpdate(spec: Extract<UpdateSpec, { kind: 'operators' }>): boolean {
  if (spec.positional || (spec.arrayFilters !== undefined && spec.arrayFilters.length > 0))
    return false;
  for (const op of Object.keys(spec.modifier)) {
    if (!TOP_LEVEL_OPERATORS.has(op)) return false;
    for (const field of Object.keys(spec.modifier[op] as Obj)) {
      if (field === '_id' || field.includes('.') || field.includes('$')) return false;
      if (field in Object.prototype) return false;
    }
  }
  return true;
}

/** applyTopLevel's answer when the update needs the general path (an error, a rare case). */
const FALLBACK: unique symbol = Symbol('fallback');

/**
 * A top-level update (see isTopLevelUpdate) applied without mingo's per-update setup (its
 * operator context, path graph and parameters cost more than the change itself): the same
 * result as the general path, field for field and in the same order, including whether anything
 * changed (mingo's rules: `$set` of an equal value and `$unset` of a missing field change
 * nothing; `$inc` adds to a number or a missing field; `$push` appends, `$each` with an optional
 * `$slice`). Anything that path would refuse or treat specially (`$inc` on a non-number, `$push`
 * on a non-array, `$sort` / `$position`, an empty `$each`, `$slice` creating the array) answers
 * FALLBACK before anything is decided, and the general path runs instead. The stored document
 * and its arrays are never changed: changed fields get new values.
 */
function applyTopLevel(modifier: Obj, doc: Doc): Doc | undefined | typeof FALLBACK {
  const next: Obj = { ...doc };
  let changed = false;
  for (const op of Object.keys(modifier)) {
    const fields = modifier[op] as Obj;
    for (const field of Object.keys(fields)) {
      const operand = fields[field];
      const present = Object.prototype.hasOwnProperty.call(doc, field);
      const current = present ? doc[field] : undefined;
      switch (op) {
        case '$set': {
          const value = cloneValue(operand);
          if (isEqual(current, value)) break;
          next[field] = value;
          changed = true;
          break;
        }
        case '$unset':
          if (!present) break;
          delete next[field];
          if (!isEqual(current, undefined)) changed = true;
          break;
        case '$inc': {
          // NaN (either side) and non-numbers are the general path's (mingo refuses or skips them).
          if (!isNumber(operand) || (present && !isNumber(current))) return FALLBACK;
          // As mingo does it: a missing field counts from 0.
          const after = ((current as number | undefined) || 0) + operand;
          next[field] = after;
          if (after !== current) changed = true;
          break;
        }
        default: {
          const pushed = pushedValues(operand);
          if (pushed === FALLBACK) return FALLBACK;
          const { each, slice } = pushed;
          if (!present) {
            // mingo stores $each as it is here, without $slice: the general path decides.
            if (slice !== undefined) return FALLBACK;
            next[field] = cloneValue(each);
            changed = true;
            break;
          }
          if (!Array.isArray(current)) return FALLBACK;
          const arr = current.slice();
          const prev = arr.slice(0, slice || arr.length);
          const before = arr.length;
          for (const v of each) arr.push(cloneValue(v));
          if (slice !== undefined) {
            if (slice < 0) arr.splice(0, arr.length + slice);
            else arr.splice(slice);
          }
          next[field] = arr;
          if (before !== arr.length || !isEqual(prev, arr)) changed = true;
        }
      }
    }
  }
  return changed ? newFieldsInOrder(doc, next as Doc) : undefined;
}

/** The values a `$push` appends, with its `$slice`; FALLBACK for the forms left to mingo. */
function pushedValues(operand: unknown): { each: unknown[]; slice?: number } | typeof FALLBACK {
  if (!isObject(operand) || !PUSH_MODIFIERS.some((m) => has(operand as Obj, m))) {
    return { each: [operand] };
  }
  const { $each: each, $slice: slice, ...others } = operand as Obj;
  if (Object.keys(others).length > 0 || !Array.isArray(each) || each.length === 0) return FALLBACK;
  if (slice === undefined) return { each };
  return Number.isInteger(slice) ? { each, slice: slice as number } : FALLBACK;
}

const PUSH_MODIFIERS = ['$each', '$slice', '$sort', '$position'];

/**
 * A copy of `doc` the update may change in place: the fields the update touches are copied, the
 * others shared with the stored version (stored documents are never changed in place, so sharing
 * is safe). A top-level path (no dot, no positional or filtered element) only ever replaces its
 * field's value or adds and removes elements of that array, so a shallow copy of the array will
 * do; a deeper path gets a deep copy of its whole top-level field.
 */
function copyForUpdate(
  doc: Doc,
  modifier: Obj,
  spec: Extract<UpdateSpec, { kind: 'operators' }>
): Doc {
  const need = new Map<string, boolean>();
  const touch = (path: string): void => {
    const dot = path.indexOf('.');
    const field = dot < 0 ? path : path.slice(0, dot);
    need.set(field, need.get(field) === true || dot >= 0 || spec.positional);
  };
  for (const [op, paths] of Object.entries(modifier)) {
    if (!isPlainObject(paths)) continue;
    for (const [path, value] of Object.entries(paths)) {
      touch(path);
      if (op === '$rename' && typeof value === 'string') touch(value);
    }
  }
  const next: Obj = { ...doc };
  for (const [field, deep] of need) {
    if (!Object.prototype.hasOwnProperty.call(doc, field)) continue;
    const value = doc[field];
    if (deep) next[field] = cloneValue(value);
    else if (Array.isArray(value)) next[field] = value.slice();
  }
  return next as Doc;
}

type UpdateOperator = (expr: Obj, arrayFilters: Obj[], options: unknown) => (doc: Obj) => string[];
const UPDATE_FUNCTIONS = mingoUpdateOperators as unknown as Record<string, UpdateOperator>;

/**
 * Applies `modifier` to `doc` in place with mingo's update operators, as mingo's `update` does
 * (every operator prepared before any changes the document, then applied in order), but over
 * the shared resolved options: mingo's `update` copies its whole operator context on every call
 * (most of an update's cost). Conflicts between paths were refused when the update was parsed.
 */
function runMingoUpdate(
  doc: Obj,
  modifier: Obj,
  arrayFilters: Obj[] | undefined,
  condition: Obj | undefined
): boolean {
  const filters = (cloneValue(arrayFilters) as Obj[] | undefined) ?? [];
  const options = runOptions({
    condition: condition ?? {},
    updateConfig: { cloneMode: 'none', arrayFilters: filters },
  });
  if (options === undefined) return runMingoUpdateCopying(doc, modifier, arrayFilters, condition);
  try {
    const mutations = Object.keys(modifier).map((op) => {
      const fn = UPDATE_FUNCTIONS[op];
      if (!fn) throw storeError('FailedToParse', `Unknown modifier: ${op}`);
      return fn(modifier[op] as Obj, filters, options);
    });
    let changed = false;
    for (const mutate of mutations) if (mutate(doc).length > 0) changed = true;
    return changed;
  } catch (e) {
    throw asStoreError(e);
  }
}

/** mingo's own `update` (copies the operator context per call): the fallback of runMingoUpdate. */
function runMingoUpdateCopying(
  doc: Obj,
  modifier: Obj,
  arrayFilters: Obj[] | undefined,
  condition: Obj | undefined
): boolean {
  try {
    const changed = mingoUpdate(
      doc,
      modifier,
      cloneValue(arrayFilters) as Obj[] | undefined,
      condition,
      {
        cloneMode: 'none',
        queryOptions: mingoOptions,
      }
    );
    return changed.length > 0;
  } catch (e) {
    throw asStoreError(e);
  }
}

/** mingo's messages follow the server's; this adds the server's code so callers can branch. */
function asStoreError(e: unknown): EmbeddedStoreError {
  if (e instanceof EmbeddedStoreError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes('immutable field')) return storeError('ImmutableField', message);
  if (message.includes('conflict')) return storeError('ConflictingUpdateOperators', message);
  if (message.includes("for '.$'")) {
    return storeError(
      'BadValue',
      'The positional operator did not find the match needed from the query.'
    );
  }
  return fromMingoError(e);
}

/** Update paths: non-empty dotted segments, no `$` other than the positional forms. */
function checkPath(path: string): void {
  // A plain field name (most updates): nothing to check.
  if (path !== '' && !path.includes('.') && !path.includes('$')) return;
  const segs = path.split('.');
  for (const seg of segs) {
    if (seg === '') {
      throw storeError(
        'EmptyFieldName',
        `The update path '${path}' contains an empty field name, which is not allowed.`
      );
    }
    if (seg.startsWith('$') && seg !== '$' && !/^\$\[[a-zA-Z0-9]*\]$/.test(seg)) {
      throw storeError(
        'DollarPrefixedFieldName',
        `The dollar ($) prefixed field '${seg}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`
      );
    }
  }
}

/** The server's checks of each operator's argument. */
function checkOperand(op: string, path: string, value: unknown): void {
  switch (op) {
    case '$inc':
    case '$mul':
      if (typeof value !== 'number' && typeof value !== 'bigint') {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        const shown = `{${path}: ${JSON.stringify(value)}}`;
        throw storeError('TypeMismatch', `Cannot ${verb} with non-numeric argument: ${shown}`);
      }
      break;
    case '$rename':
      if (typeof value !== 'string') {
        throw storeError(
          'BadValue',
          `The 'to' field for $rename must be a string: ${path}: ${JSON.stringify(value)}`
        );
      }
      if (value === path) {
        throw storeError(
          'BadValue',
          `The source and target field for $rename must differ: ${path}: "${value}"`
        );
      }
      break;
    case '$pop':
      if (value !== 1 && value !== -1) {
        throw storeError('FailedToParse', `$pop expects 1 or -1, found: ${JSON.stringify(value)}`);
      }
      break;
    case '$pullAll':
      if (!Array.isArray(value)) {
        throw storeError(
          'BadValue',
          `$pullAll requires an array argument but was given a ${typeName(value)}`
        );
      }
      break;
    case '$currentDate':
      if (value === true || value === false) break;
      if (isPlainObject(value) && value.$type === 'date') break;
      if (isPlainObject(value) && value.$type === 'timestamp') {
        throw new EmbeddedUnsupportedError("$currentDate with $type 'timestamp'");
      }
      throw storeError(
        'BadValue',
        `${typeName(value)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`
      );
    default:
      break;
  }
}

/** Two paths conflict when equal or one is a prefix of the other (by whole segments). */
function checkConflicts(paths: string[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      const a = paths[i]!;
      const b = paths[j]!;
      // b is a, or starts with a and a dot.
      const under = b.length > a.length && b.charCodeAt(a.length) === 46 && b.startsWith(a);
      if ((i < j && a === b) || under) {
        throw storeError(
          'ConflictingUpdateOperators',
          `Updating the path '${b}' would create a conflict at '${a}'`
        );
      }
    }
  }
}

/**
 * MongoDB's array-filter rules: each filter is a document naming one identifier (a lowercase
 * letter then letters and digits), identifiers are unique, each is used by a `$[<id>]` in the
 * update, and each `$[<id>]` has a filter.
 */
function parseArrayFilters(arrayFilters: unknown, paths: string[]): Obj[] | undefined {
  const used = new Set<string>();
  for (const path of paths) {
    if (!path.includes('$[')) continue;
    for (const m of path.matchAll(/\$\[([a-zA-Z0-9]+)\]/g)) used.add(m[1]!);
  }
  if (arrayFilters === undefined) {
    const first = [...used][0];
    if (first !== undefined) {
      const path = paths.find((p) => p.includes(`$[${first}]`))!;
      throw storeError(
        'BadValue',
        `No array filter found for identifier '${first}' in path '${path}'`
      );
    }
    return undefined;
  }
  if (!Array.isArray(arrayFilters)) {
    throw storeError(
      'TypeMismatch',
      "BSON field 'arrayFilters' is the wrong type, expected type 'array'"
    );
  }
  const declared = new Set<string>();
  for (const f of arrayFilters) {
    if (!isPlainObject(f)) {
      throw storeError('TypeMismatch', 'Each array filter must be an object');
    }
    const ids = new Set<string>();
    collectFilterIds(f, ids);
    if (ids.size === 0) {
      throw storeError(
        'FailedToParse',
        'Cannot use an expression without a top-level field name in arrayFilters'
      );
    }
    if (ids.size > 1) {
      const [a, b] = [...ids];
      throw storeError(
        'FailedToParse',
        `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${a}' and '${b}'`
      );
    }
    const id = [...ids][0]!;
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      throw storeError(
        'BadValue',
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`
      );
    }
    if (declared.has(id)) {
      throw storeError(
        'FailedToParse',
        `Found multiple array filters with the same top-level field name ${id}`
      );
    }
    declared.add(id);
  }
  for (const id of used) {
    if (!declared.has(id)) {
      const path = paths.find((p) => p.includes(`$[${id}]`))!;
      throw storeError(
        'BadValue',
        `No array filter found for identifier '${id}' in path '${path}'`
      );
    }
  }
  for (const id of declared) {
    if (!used.has(id)) {
      throw storeError(
        'FailedToParse',
        `The array filter for identifier '${id}' was not used in the update`
      );
    }
  }
  return cloneValue(arrayFilters) as Obj[];
}

function collectFilterIds(f: Obj, ids: Set<string>): void {
  for (const [key, value] of Object.entries(f)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (Array.isArray(value))
        for (const sub of value) if (isPlainObject(sub)) collectFilterIds(sub, ids);
    } else if (!key.startsWith('$')) {
      ids.add(key.split('.')[0]!);
    }
  }
}

const numericOps = new Set(['$inc', '$mul']);
const arrayOps = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/**
 * The server's checks against the document that mingo skips (it silently ignores them):
 * arithmetic on a non-number, array operators on a non-array, creating a field under a scalar or
 * a named field in an array, and `$[]` / `$[<id>]` on a missing or non-array field.
 */
function checkOperands(doc: Doc | Obj, modifier: Obj): void {
  for (const [op, spec] of Object.entries(modifier)) {
    if (!isPlainObject(spec)) continue;
    for (const path of Object.keys(spec)) {
      const segs = path.split('.');
      const dollar = segs.findIndex((s) => s.startsWith('$'));
      if (dollar >= 0) {
        if (segs[dollar] !== '$') checkArrayUpdatePath(doc, segs.slice(0, dollar).join('.'));
        continue;
      }
      for (let i = 1; i < segs.length && op !== '$unset'; i++) {
        const { found, value } = getPlainPath(doc, segs.slice(0, i).join('.'));
        if (!found || value === null) continue;
        const named = !/^\d+$/.test(segs[i]!);
        if (typeof value !== 'object' || (Array.isArray(value) && named)) {
          throw storeError(
            'PathNotViable',
            `Cannot create field '${segs[i]}' in element {${segs[i - 1]}: ${JSON.stringify(value)}}`
          );
        }
        // A numeric segment under an array addresses an element: stop walking plain paths.
        if (Array.isArray(value)) break;
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

function checkArrayUpdatePath(doc: Obj, prefix: string): void {
  const { found, value } = getPlainPath(doc, prefix);
  if (!found) {
    throw storeError(
      'BadValue',
      `The path '${prefix}' must exist in the document in order to apply array updates.`
    );
  }
  if (!Array.isArray(value)) {
    throw storeError(
      'BadValue',
      `Cannot apply array updates to non-array element ${prefix}: ${JSON.stringify(value)}`
    );
  }
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (v instanceof Date) return 'date';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
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
