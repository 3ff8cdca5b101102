/**
 * What every route declaration would otherwise repeat: its tag and base path (a `routeGroup`),
 * the schema of its path parameters (read from the path), mapping a page of domain objects to its
 * wire shape, and sending a change through the customer's change control (issue #15).
 */
import type { Request } from 'restify';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { Accepted, type Api, type RouteContext, type RouteSpec } from '../api.ts';
import type { PageResult } from '../../core/paging.ts';
import type { Caller } from '../../core/identity/caller.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { JUSTIFICATION_MAX, type ChangeInput } from '../../core/change-control/model.ts';
import { runSensitive, submitChange } from '../../core/change-control/change-requests.use-cases.ts';
import { changeRequestSchema, toChangeRequest } from '../contracts/change-control.ts';
import { guid, page, pageOnly, type Page } from '../contracts/common.ts';

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

/** A sensitive read (enrollment key download) through MFA and elevation. */
export const gatedRead = <T>(
  cc: ChangeControlDeps,
  caller: Caller,
  customerTenantId: string,
  action: string,
  work: () => Promise<T>
) => runSensitive(caller, customerTenantId, action, work, cc);

/** The names of a path's parameters: `'customerTenantId' | 'roomId'` of `/…/{customerTenantId}/rooms/{roomId}`. */
type ParamNames<S extends string> = S extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;
type ParamsOf<S extends string> = [ParamNames<S>] extends [never]
  ? undefined
  : { [K in ParamNames<S>]: string };

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

/** The query of a paged list: `limit` and `cursor`. */
type PageQuery = z.infer<typeof pageOnly>;

/**
 * A paged list route of a group: a page of `item`, each listed domain object answered through
 * `present`. Its query is `limit` and `cursor` unless `query` (which carries them too) says.
 */
type Paged<S extends string, Q, T, R> = Omit<
  Declared<S, undefined, Q, Page<R>>,
  'handler' | 'response' | 'body' | 'accepted'
> & {
  item: ZodType<R>;
  list: (ctx: RouteContext<undefined, Q, ParamsOf<S>>) => Promise<PageResult<T>>;
  present: (listed: T) => R;
  handler?: never;
};

interface Verb<Base extends string> {
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
    spec: Paged<`${Base}${Path}`, Q, T, R>
  ): void;
}

export type RouteGroup<Base extends string> = Record<
  'get' | 'post' | 'put' | 'patch' | 'delete',
  Verb<Base>
>;

/** The strict schema of a path's parameters: each a GUID unless `given` says otherwise. */
const paramsSchema = (path: string, given: Record<string, ZodType<string> | undefined> = {}) => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length
    ? z.strictObject(Object.fromEntries(names.map((n) => [n, given[n] ?? guid])))
    : undefined;
};

/**
 * Routes sharing one OpenAPI tag and one base path. Each declares its method and the rest of its
 * path; path parameters are GUIDs unless declared; a change route names its change instead of a
 * handler and goes through `cc`, the customer's change control; a paged list names its `item`,
 * how to `list` and how to `present` each listed object instead of a handler.
 */
export function routeGroup<Base extends string = ''>(
  api: Api,
  group: { tag: string; base?: Base; cc?: ChangeControlDeps }
): RouteGroup<Base> {
  const verb =
    (method: RouteSpec<unknown, unknown, unknown, unknown>['method']) =>
    (path: string, spec: Declared<string, unknown, unknown, unknown> | AnyChange | AnyPaged) => {
      const full = `${group.base ?? ''}${path}`;
      const { params, ...rest } = spec;
      api.route({
        ...(isChange(rest)
          ? changeRoute(rest, group.cc, full)
          : isPaged(rest)
            ? pagedRoute(rest)
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
  } as RouteGroup<Base>;
}

/** Where one customer's routes live: the caller's rights in that customer decide each. */
export const CUSTOMER_BASE = '/api/customers/{customerTenantId}';
export type CustomerRoutes = RouteGroup<typeof CUSTOMER_BASE>;

/** One customer's routes under `tag`; a partner's changes among them go through `cc`. */
export const customerRoutes = (api: Api, tag: string, cc?: ChangeControlDeps): CustomerRoutes =>
  routeGroup(api, { tag, base: CUSTOMER_BASE, ...(cc ? { cc } : {}) });

type AnyChange = Change<string, unknown, unknown, unknown, unknown>;
type AnyPaged = Paged<string, unknown, unknown, unknown>;

const isChange = (spec: object): spec is Omit<AnyChange, 'params'> => 'change' in spec;
const isPaged = (spec: object): spec is Omit<AnyPaged, 'params'> => 'list' in spec;

function pagedRoute({ item, list, present, query, ...spec }: Omit<AnyPaged, 'params'>) {
  return {
    ...spec,
    query: query ?? pageOnly,
    response: page(item),
    handler: (ctx: RouteContext<undefined, unknown, unknown>) =>
      list(ctx as never).then(pageOf(present)),
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
