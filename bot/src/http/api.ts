/**
 * Route registration: one declaration per route gives the restify handler (authentication,
 * schema validation, error mapping) and its OpenAPI 3 entry, from the same zod schemas.
 */
import type { Request, Response, Server } from 'restify';
import { z, type ZodType } from 'zod';
import {
  OpenAPIRegistry,
  OpenApiGeneratorV3,
  extendZodWithOpenApi,
} from '@asteasolutions/zod-to-openapi';
import type { Logger } from 'pino';
import type { Caller } from '../core/identity/caller.ts';
import { ErrorCodes, invalid, DomainError } from '../core/errors.ts';
import { toHttpError } from './error-response.ts';

// Lets the registry name components (`.meta({ id })` schemas become `#/components/schemas/...`).
extendZodWithOpenApi(z);

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<B, Q, P, C = Caller> {
  /** Who is calling: a Caller (Entra token), or what the route's own authenticator returns. */
  caller: C;
  body: B;
  query: Q;
  params: P;
  req: Request;
  res: Response;
  log: Logger;
}

/**
 * A route's own authentication, for the few callers that are not users with an Entra token
 * (e.g. the signal-ingestion endpoint's per-tenant keys). Documented as its own security scheme.
 */
export interface RouteAuth<C> {
  /** OpenAPI security scheme name, e.g. `ingestKey`. */
  scheme: string;
  definition: { type: 'apiKey'; in: 'header'; name: string; description: string };
  /** Validates the request's credentials, throwing an unauthenticated DomainError (401). */
  authenticate(req: Request): Promise<C>;
}

export interface RouteSpec<B, Q, P, R, C = Caller> {
  method: Method;
  /** OpenAPI-style path: `/api/tenants/{tenantId}`. */
  path: string;
  summary: string;
  tag: string;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Response schema; omit for 204 No Content. */
  response?: ZodType<R>;
  /** Success status (default 200, or 204 without a response schema). */
  status?: number;
  /** Content type of a streamed response (the handler writes it itself, e.g. CSV). */
  streams?: string;
  /** Replaces the default Entra bearer-token authentication for this route. */
  auth?: RouteAuth<C>;
  /** The body of a 202 the handler may answer instead (by returning `new Accepted(body)`). */
  accepted?: ZodType;
  handler: (ctx: RouteContext<B, Q, P, C>) => Promise<R | Accepted<unknown>>;
}

export const errorSchema = z
  .object({
    code: z.string().meta({ example: 'AUTHZ.FORBIDDEN' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Error' });

/** Authenticates a request: a validated bearer token resolved to a Caller, or a thrown 401. */
export type Authenticate = (req: Request) => Promise<Caller>;

/**
 * A handler's answer that the work was accepted but not done: 202 with this body (a partner's
 * change that became a change request under Manual change control, issue #15).
 */
export class Accepted<T> {
  constructor(readonly body: T) {}
}

export function sendError(res: Response, log: Logger, err: unknown): void {
  const { status, body, unexpected, headers } = toHttpError(err);
  if (unexpected) log.error({ err }, 'unexpected error');
  else if (status === 401) log.info({ code: body.code, cause: causeOf(err) }, 'unauthenticated');
  else log.info({ code: body.code }, 'request refused');
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(status);
  for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

const causeOf = (e: unknown) =>
  e instanceof DomainError && e.cause instanceof Error ? e.cause.message : undefined;

function parseOrThrow<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (r.success) return r.data;
  throw invalid(ErrorCodes.REQUEST_INVALID, `The request ${where} is not valid.`, {
    issues: r.error.issues.slice(0, 10).map((i) => ({
      path: [where, ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  });
}

/**
 * A request's RouteContext. A class with its `log` getter on the prototype, never an object
 * literal with `get log()`: V8 gives each such literal its own accessor pair in the old
 * generation, whose getter (a closure over this request) then keeps the request, its response
 * and everything they reference alive through every young-generation GC until the next full one.
 * That was about 6 KB promoted per request and scavenges ten times longer (issue #13).
 */
class Context<B, Q, P, C> implements RouteContext<B, Q, P, C> {
  constructor(
    readonly caller: C,
    readonly body: B,
    readonly query: Q,
    readonly params: P,
    readonly req: Request,
    readonly res: Response,
    private readonly logOf: (req: Request) => Logger
  ) {}

  /** Made on first use: most requests never log beyond the one 'request' line. */
  get log(): Logger {
    return this.logOf(this.req);
  }
}

const isJson = (req: Request) => /^application\/(.+\+)?json$/i.test(req.getContentType() ?? '');

export class Api {
  readonly registry = new OpenAPIRegistry();
  private readonly schemes = new Set<string>(['bearer']);

  constructor(
    private readonly server: Server,
    private readonly authenticate: Authenticate,
    private readonly logOf: (req: Request) => Logger
  ) {
    this.registry.register('Error', errorSchema);
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Entra ID v2 access token for this API (Teams SSO, or the dev issuer locally).',
    });
  }

  route<B = undefined, Q = undefined, P = undefined, R = void, C = Caller>(
    spec: RouteSpec<B, Q, P, R, C>
  ): void {
    if (spec.auth && !this.schemes.has(spec.auth.scheme)) {
      this.schemes.add(spec.auth.scheme);
      this.registry.registerComponent('securitySchemes', spec.auth.scheme, spec.auth.definition);
    }
    const status = spec.status ?? (spec.response || spec.streams ? 200 : 204);
    const restifyPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    this.server[spec.method === 'delete' ? 'del' : spec.method](
      restifyPath,
      async (req: Request, res: Response) => {
        const logOf = this.logOf;
        try {
          // Authenticate before looking at anything the client sent.
          const caller = spec.auth
            ? await spec.auth.authenticate(req)
            : ((await this.authenticate(req)) as C);
          if (spec.body && !isJson(req)) {
            throw new DomainError(
              ErrorCodes.REQUEST_UNSUPPORTED_MEDIA_TYPE,
              'Send the request body as application/json.',
              'unsupported'
            );
          }
          const ctx = new Context<B, Q, P, C>(
            caller,
            parseOrThrow(spec.body, req.body, 'body'),
            parseOrThrow(spec.query, req.query, 'query'),
            parseOrThrow(spec.params, req.params, 'path'),
            req,
            res,
            logOf
          );
          const result = await spec.handler(ctx);
          if (spec.streams) return undefined; // the handler wrote the response
          if (result instanceof Accepted) {
            res.status(202);
            res.setHeader('content-type', 'application/json; charset=utf-8');
            res.end(JSON.stringify(result.body));
            return undefined;
          }
          res.status(status);
          if (status === 204) {
            res.end();
          } else {
            res.setHeader('content-type', 'application/json; charset=utf-8');
            res.end(JSON.stringify(result));
          }
        } catch (err) {
          sendError(res, logOf(req), err);
        }
      }
    );

    const errors = (codes: number[]) =>
      Object.fromEntries(
        codes.map((c) => [
          String(c),
          { description: httpReason[c], content: { 'application/json': { schema: errorSchema } } },
        ])
      );
    this.registry.registerPath({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      tags: [spec.tag],
      security: [{ [spec.auth?.scheme ?? 'bearer']: [] }],
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body
          ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } }
          : {}),
      },
      responses: {
        [String(status)]: spec.streams
          ? { description: 'Streamed', content: { [spec.streams]: { schema: z.string() } } }
          : spec.response
            ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
            : { description: 'No Content' },
        ...(spec.accepted
          ? {
              '202': {
                description:
                  'Accepted: the change waits for the customer’s approval (a change request)',
                content: { 'application/json': { schema: spec.accepted } },
              },
            }
          : {}),
        ...errors([400, 401, 403, 404, 409, 413, 415]),
      },
    });
  }

  /** Public (unauthenticated) routes are documented by the caller; only a few exist. */
  document(info: { title: string; version: string; serverUrl: string }) {
    return new OpenApiGeneratorV3(this.registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
    });
  }
}

const httpReason: Record<number, string> = {
  400: 'Invalid request',
  401: 'Missing or invalid access token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
};
