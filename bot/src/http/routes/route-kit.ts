/**
 * What every route declaration would otherwise repeat: its tag and base path (a `routeGroup`),
 * the schema of its path parameters (read from the path), calling its use case with the caller,
 * the path parameters, the body or query and the feature's dependencies, mapping the answer (or a
 * page of answers) to its wire shape, and sending a change through the customer's change control
 * (issue #15).
 */
import type { Request } from 'restify';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { Accepted, type Api, type RouteContext, type RouteSpec } from '../api.ts';
import type { PageResult } from '../../core/paging.ts';
import type { Caller } from '../../core/identity/caller.ts';
import type { AuditLog } from '../../core/audit/audit.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { JUSTIFICATION_MAX, type ChangeInput } from '../../core/change-control/model.ts';
import { runSensitive, submitChange } from '../../core/change-control/change-requests.use-cases.ts';
import { changeRequestSchema, toChangeRequest } from '../contracts/change-control.ts';
import { guid, page, pageOnly, wire, type Page, type Wire } from '../contracts/common.ts';

/** A page of domain objects in its wire shape (for `.then(pageOf(toWire))`). */
export const pageOf =
  <T, R>(toWire: (item: T) => R) =>
  (page: PageResult<T>) => ({ ...page, items: page.items.map(toWire) });

/** A whole list of domain objects in its wire shape (for `.then(listOf(toWire))`). */
export const listOf =
  <T, R>(toWire: (item: T) => R) =>
  (items: readonly T[]) => ({ items: items.map(toWire) });

/** Header carrying the partner's reason for a change (URL-encoded, so any language fits). */
export const JUSTIFICATION_HEADER = 'x-change-justification';

function justificationOf(req: Request): string | undefined {
  const raw = req.header(JUSTIFICATION_HEADER);
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw).slice(0, JUSTIFICATION_MAX + 1);
  } catch {
    return raw.slice(0, JUSTIFICATION_MAX + 1);
  }
}

/**
 * A change through the customer's controls: applied (answered by `present`) or, for a partner
 * under Manual, a 202 with the change request.
 */
export async function gatedChange<T, R>(
  cc: ChangeControlDeps,
  caller: Caller,
  customerTenantId: string,
  change: ChangeInput,
  req: Request,
  present: (applied: T) => R
): Promise<R | Accepted<ReturnType<typeof toChangeRequest>>> {
  const outcome = await submitChange<T>(
    caller,
    customerTenantId,
    change,
    { justification: justificationOf(req) },
    cc
  );
  return outcome.applied ? present(outcome.result) : new Accepted(toChangeRequest(outcome.request));
}

/**
 * A sensitive read (enrollment key download) through MFA and elevation; `work` audits through
 * the log it is given (which stores the use of an elevation with the read's records).
 */
export const gatedRead = <T>(
  cc: ChangeControlDeps,
  caller: Caller,
  customerTenantId: string,
  action: string,
  work: (audit: AuditLog) => Promise<T>
) => runSensitive(caller, customerTenantId, action, work, cc);

/** The names of a path's parameters: `'customerTenantId' | 'roomId'` of `/…/{customerTenantId}/rooms/{roomId}`. */
type ParamNames<S extends string> = S extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;
type ParamsOf<S extends string> = [ParamNames<S>] extends [never]
  ? undefined
  : { [K in ParamNames<S>]: string };
/** A path's parameters in path order: `[customerTenantId, roomId]` of the path above. */
type ParamValues<S extends string> = S extends `${string}{${string}}${infer Rest}`
  ? [string, ...ParamValues<Rest>]
  : [];

/** What a use case of a `run` route is called with after the path parameters: body, query, deps. */
type RunArgs<B, Q, D> = [
  ...(B extends undefined ? [] : [B]),
  ...(Q extends undefined ? [] : [Q]),
  D,
];

/** A use case answering a route: `(caller, ...path parameters, body?, query?, deps)`. */
type UseCase<S extends string, B, Q, D, T> = (
  caller: Caller,
  ...args: [...ParamValues<S>, ...RunArgs<B, Q, D>]
) => Promise<T>;

/**
 * How a route answers what its use case returned: `present`, which may be left out where the
 * answer is the result's wire form (`wire`: its dates as ISO strings) and that fits the schema.
 */
type Presented<T, R> = [Wire<T>] extends [R]
  ? { present?: (result: T) => R }
  : { present: (result: T) => R };

/** A route of a group: the group gives its method, tag and full path, the path its parameters. */
type Declared<S extends string, B, Q, R> = Omit<
  RouteSpec<B, Q, ParamsOf<S>, R>,
  'method' | 'path' | 'tag' | 'params'
> & {
  /** The path parameters that are not GUIDs (every other one is). */
  params?: { [K in ParamNames<S>]?: ZodType<string> };
};

/**
 * A change route of a group: `change` says what the request asks for; applied at once (answered
 * by `present`) or, for a partner under Manual, a 202 with the change request (documented).
 */
type Change<S extends string, B, Q, T, R> = Omit<Declared<S, B, Q, R>, 'handler' | 'accepted'> & {
  change: (ctx: RouteContext<B, Q, ParamsOf<S>>) => ChangeInput;
  present: (applied: T) => R;
  handler?: never;
};

/**
 * A route that is one use case: `run` is called with the caller, the path parameters in path
 * order, the validated body and query (where the route has them) and the group's `deps`; it
 * authorizes, works and audits. Its result is answered through `present` (by default its wire
 * form).
 */
type Run<S extends string, B, Q, D, T, R> = Omit<Declared<S, B, Q, R>, 'handler'> & {
  run: UseCase<S, B, Q, D, T>;
  handler?: never;
} & Presented<T, R>;

/** The query of a paged list: `limit` and `cursor`. */
type PageQuery = z.infer<typeof pageOnly>;

/**
 * A paged list route of a group: a page of `item`, each listed domain object answered through
 * `present` (by default its wire form). Its query is `limit` and `cursor` unless `query` (which
 * carries them too) says. The page comes from `list`, or from `run`, a use case called like a
 * `run` route's (the query after the path parameters).
 */
type Paged<S extends string, Q, D, T, R> = Omit<
  Declared<S, undefined, Q, Page<R>>,
  'handler' | 'response' | 'body' | 'accepted'
> & {
  item: ZodType<R>;
  handler?: never;
} & (
    | {
        list: (ctx: RouteContext<undefined, Q, ParamsOf<S>>) => Promise<PageResult<T>>;
        run?: never;
      }
    | { run: UseCase<S, undefined, Q, D, PageResult<T>>; list?: never }
  ) &
  Presented<T, R>;

interface Verb<Base extends string, D> {
  <Path extends string, B = undefined, Q = undefined, R = void>(
    path: Path,
    spec: Declared<`${Base}${Path}`, B, Q, R>
  ): void;
  <Path extends string, B = undefined, Q = undefined, T = unknown, R = void>(
    path: Path,
    spec: Change<`${Base}${Path}`, B, Q, T, R>
  ): void;
  <Path extends string, T, R, Q = PageQuery>(
    path: Path,
    spec: Paged<`${Base}${Path}`, Q, D, T, R>
  ): void;
  <Path extends string, T, B = undefined, Q = undefined, R = void>(
    path: Path,
    spec: Run<`${Base}${Path}`, B, Q, D, T, R>
  ): void;
}

/** A group's routes by method; `D` is what its use cases get last (the feature's dependencies). */
export type RouteGroup<Base extends string, D = undefined> = Record<
  'get' | 'post' | 'put' | 'patch' | 'delete',
  Verb<Base, D>
>;

/** The names of a path's parameters, in path order. */
const paramNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** The strict schema of a path's parameters: each a GUID unless `given` says otherwise. */
const paramsSchema = (path: string, given: Record<string, ZodType<string> | undefined> = {}) => {
  const names = paramNames(path);
  return names.length
    ? z.strictObject(Object.fromEntries(names.map((n) => [n, given[n] ?? guid])))
    : undefined;
};

/** What the routes of one group share: tag, base path, use-case dependencies, change control. */
export interface GroupOptions<Base extends string, D> {
  tag: string;
  base?: Base;
  /** What a `run` route's use case gets last. */
  deps?: D;
  /** The customer's change control, for change routes. */
  cc?: ChangeControlDeps;
}

/**
 * Routes sharing one OpenAPI tag and one base path. Each declares its method and the rest of its
 * path; path parameters are GUIDs unless declared; a route that is one use case names it (`run`)
 * instead of a handler; a change route names its change instead of a handler and goes through
 * `cc`, the customer's change control; a paged list names its `item`, how to `list` (or `run`)
 * and how to `present` each listed object instead of a handler.
 */
export function routeGroup<Base extends string = '', D = undefined>(
  api: Api,
  group: GroupOptions<Base, D>
): RouteGroup<Base, D> {
  const verb =
    (method: RouteSpec<unknown, unknown, unknown, unknown>['method']) =>
    (path: string, spec: AnyDeclared | AnyChange | AnyPaged | AnyRun) => {
      const full = `${group.base ?? ''}${path}`;
      const { params, ...rest } = spec;
      // Read from the path once, not on every request.
      const names = paramNames(full);
      const run = (r: AnyRun['run'], ctx: AnyContext, input: unknown[]) =>
        r(ctx.caller, ...names.map((n) => ctx.params[n]), ...input, group.deps);
      api.route({
        ...(isChange(rest)
          ? changeRoute(rest, group.cc, full)
          : isPaged(rest)
            ? pagedRoute(rest, run)
            : isRun(rest)
              ? runRoute(rest, run)
              : rest),
        method,
        path: full,
        tag: group.tag,
        params: paramsSchema(full, params),
      } as RouteSpec<unknown, unknown, unknown, unknown>);
    };
  return {
    get: verb('get'),
    post: verb('post'),
    put: verb('put'),
    patch: verb('patch'),
    delete: verb('delete'),
  } as RouteGroup<Base, D>;
}

/** Where one customer's routes live: the caller's rights in that customer decide each. */
export const CUSTOMER_BASE = '/api/customers/{customerTenantId}';
export type CustomerRoutes<D = undefined> = RouteGroup<typeof CUSTOMER_BASE, D>;

/** One customer's routes under `tag`; a partner's changes among them go through `cc`. */
export const customerRoutes = <D = undefined>(
  api: Api,
  group: Omit<GroupOptions<typeof CUSTOMER_BASE, D>, 'base'>
): CustomerRoutes<D> => routeGroup(api, { ...group, base: CUSTOMER_BASE });

type AnyDeclared = Declared<string, unknown, unknown, unknown>;
type AnyChange = Change<string, unknown, unknown, unknown, unknown>;
type AnyContext = RouteContext<unknown, unknown, Record<string, string>>;
interface AnyRun extends Omit<AnyDeclared, 'handler'> {
  run: (caller: Caller, ...args: unknown[]) => Promise<unknown>;
  present?: (result: unknown) => unknown;
}
interface AnyPaged extends Omit<AnyDeclared, 'handler' | 'response'> {
  item: ZodType;
  list?: (ctx: AnyContext) => Promise<PageResult<unknown>>;
  run?: AnyRun['run'];
  present?: (listed: unknown) => unknown;
}
/** Calls a `run` route's use case with the caller, the path parameters, `input` and the deps. */
type Runner = (run: AnyRun['run'], ctx: AnyContext, input: unknown[]) => Promise<unknown>;

const isChange = (spec: object): spec is Omit<AnyChange, 'params'> => 'change' in spec;
const isPaged = (spec: object): spec is Omit<AnyPaged, 'params'> => 'item' in spec;
const isRun = (spec: object): spec is Omit<AnyRun, 'params'> => 'run' in spec;

/** A paged list: its page from `list`, or from `run` like a `run` route's (the query its input). */
function pagedRoute(
  { item, list, run: uc, present = wire, query, ...spec }: Omit<AnyPaged, 'params'>,
  run: Runner
) {
  const paged = { ...spec, query: query ?? pageOnly, response: page(item) };
  return list
    ? { ...paged, handler: (ctx: AnyContext) => list(ctx).then(pageOf(present)) }
    : runRoute({ ...paged, run: uc!, present: pageOf(present) as AnyRun['present'] }, run);
}

/** A route that is one use case: its input the body and the query where the route has them. */
function runRoute({ run: uc, present = wire, ...spec }: Omit<AnyRun, 'params'>, run: Runner) {
  return {
    ...spec,
    handler: (ctx: AnyContext) =>
      run(uc, ctx, [...(spec.body ? [ctx.body] : []), ...(spec.query ? [ctx.query] : [])]).then(
        present
      ),
  };
}

function changeRoute(
  { change, present, ...spec }: Omit<AnyChange, 'params'>,
  cc: ChangeControlDeps | undefined,
  path: string
) {
  if (!cc || !path.includes('{customerTenantId}')) {
    throw new Error(`${path}: a change route needs the group's change control and a customer`);
  }
  return {
    ...spec,
    accepted: changeRequestSchema,
    handler: (ctx: RouteContext<unknown, unknown, { customerTenantId: string }>) =>
      gatedChange(
        cc,
        ctx.caller,
        ctx.params.customerTenantId,
        change(ctx as never),
        ctx.req,
        present
      ),
  };
}
