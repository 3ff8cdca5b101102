/**
 * The mingo operator context the embedded store evaluates with: every stock operator, except
 * `$in` and `$nin`, which are replaced to follow MongoDB where mingo does not. In MongoDB `$in`
 * is an `$or` of equalities, and equality on an array field also compares the whole array, so
 * `{ tags: { $in: [['a', 'b']] } }` matches `tags: ['a', 'b']`; mingo only compares elements.
 * Keeping `$in` exactly equal to the hash indexes' semantics also means an indexed query and a
 * full scan can never disagree.
 */
import { Context } from 'mingo';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { isEqual } from 'mingo/util';
import { storeError } from './errors.ts';
import { valuesAtPath } from './values.ts';

type Predicate = (obj: Record<string, unknown>) => boolean;

/** MongoDB's `$in`: a value at the path (the whole value or an array element) is in the list. */
export function mongoIn(selector: string, value: unknown): Predicate {
  if (!Array.isArray(value)) throw storeError('BadValue', '$in needs an array');
  const list: unknown[] = value;
  const inList = (v: unknown): boolean =>
    list.some((x) => (x instanceof RegExp ? typeof v === 'string' && x.test(v) : isEqual(v, x)));
  const nullListed = list.some((x) => x === null);
  return (obj) => {
    const leaves = valuesAtPath(obj, selector);
    // A missing field equals null.
    if (leaves.length === 0) return nullListed;
    for (const leaf of leaves) {
      if (inList(leaf)) return true;
      if (Array.isArray(leaf) && leaf.some(inList)) return true;
    }
    return false;
  };
}

function mongoNin(selector: string, value: unknown): Predicate {
  const matches = mongoIn(selector, value);
  return (obj) => !matches(obj);
}

const query: typeof queryOperators = { ...queryOperators, $in: mongoIn, $nin: mongoNin };

/** All of mingo's operators, with MongoDB's `$in` and `$nin`. */
export const mingoContext = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query,
  window: windowOperators,
});

/**
 * Options for every mingo call. `$where`, `$function` and `$accumulator` run arbitrary code; a
 * store has no use for them.
 */
export const mingoOptions = { scriptEnabled: false, context: mingoContext } as const;

/**
 * mingo's options, resolved once. Given a plain options object, every `new Query` (and
 * `Aggregator`) first copies the whole operator context (six tables, about 40 µs with ours);
 * given mingo's own resolved options instance it only shares it. mingo does not export that
 * class, so it is read off the options a query operator receives, and used to resolve ours once.
 * Every Query/Aggregator still makes its own copy of the per-run state (variables, $$NOW), so
 * sharing is safe. Falls back to the plain options if mingo's internals ever change shape.
 */
function resolveOnce(options: typeof mingoOptions): Partial<Options> {
  let resolver: { init?: (o: unknown) => unknown } | undefined;
  const probe = Context.init({
    query: {
      $probe: (_selector: string, _value: unknown, resolved: unknown) => {
        resolver = (resolved as { constructor?: { init?: (o: unknown) => unknown } }).constructor;
        return () => true;
      },
    } as unknown as typeof queryOperators,
  });
  new Query({ x: { $probe: 1 } }, { context: probe });
  const resolved = typeof resolver?.init === 'function' ? resolver.init(options) : undefined;
  const ok =
    resolved instanceof Object && (resolved as { context?: unknown }).context instanceof Context;
  return (ok ? resolved : options) as Partial<Options>;
}

/** `mingoOptions`, pre-resolved: pass this to `new Query` / `new Aggregator` on hot paths. */
export const sharedMingoOptions = resolveOnce(mingoOptions);

type RunOptions = { update(locals: Record<string, unknown>): RunOptions };
const resolvedClass = (
  sharedMingoOptions as { constructor?: { init?: (o: unknown) => RunOptions } }
).constructor;
const sharesResolved =
  sharedMingoOptions !== (mingoOptions as unknown) && typeof resolvedClass?.init === 'function';

/**
 * Fresh per-run options over the shared resolved ones, with `locals` (mingo's per-run state: an
 * update's condition and config). Undefined if mingo's internals ever change shape (callers then
 * use mingo's own entry points, which copy the operator tables on every call).
 */
export function runOptions(locals: Record<string, unknown>): unknown {
  return sharesResolved ? resolvedClass!.init!(sharedMingoOptions).update(locals) : undefined;
}
