/**
 * The one Node service: a restify server hosting the bot endpoint (`POST /api/messages`), the
 * tab's REST API under `/api/...`, the OpenAPI document, health, the dev issuer (local mode only)
 * and the built tab. It takes its dependencies as arguments and exposes start/stop, so tests run
 * it in-process on port 0.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  brotliCompress,
  brotliCompressSync,
  constants as zlibConstants,
  gzip,
  gzipSync,
} from 'node:zlib';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import type { AppServices } from './app.ts';
import type { Principal } from './core/principal.ts';
import { Api } from './http/api.ts';
import { toHttpError } from './http/error-response.ts';
import { bodyReader } from './http/body-reader.ts';
import { bearerTokenFrom } from './auth/token-validator.ts';
import type { DevIssuer } from './auth/dev-issuer.ts';
import { registerFoundationRoutes } from './http/routes/foundation.routes.ts';
import { registerDevIssuerRoutes } from './http/routes/dev-issuer.routes.ts';
import { registerAuditRoutes } from './http/routes/audit.routes.ts';
import { createAdapter } from './teams/adapter.ts';
import { RoomsPartnerBot } from './teams/teams-bot.ts';
import { GUID_INSIDE } from './core/ids.ts';

export interface ServerDeps {
  services: AppServices;
  logger: Logger;
  tokenValidator: { validate(token: string): Promise<Principal> };
  /** Present only in local auth mode. */
  devIssuer?: DevIssuer;
  /** Directory holding the built tab (index.html); the tab is not served when absent. */
  tabDist?: string;
  /** Extra route modules (features register themselves here). */
  routeModules?: ((api: Api, services: AppServices) => void)[];
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface RestifyErrorLike {
  statusCode?: number;
  toJSON?: () => unknown;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const requestIds = new WeakMap<Request, string>();
/** Child loggers carrying the request id, made only for requests that log more than one line. */
const loggers = new WeakMap<Request, Logger>();

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** The tab runs inside Teams' iframe, so framing is allowed for Teams and Microsoft 365 hosts only. */
const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) injects style rules at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com",
].join('; ');

export function createServer(deps: ServerDeps): {
  server: Server;
  api: Api;
  start(port: number, host: string): Promise<RunningServer>;
} {
  const { services, logger } = deps;
  // restify logs through our pino logger, so LOG_LEVEL governs its messages too.
  const server = restify.createServer({
    name: 'rooms-partner-hub',
    handleUncaughtExceptions: false,
    log: logger as unknown as restify.ServerOptions['log'],
  });
  const logOf = (req: Request): Logger => {
    let child = loggers.get(req);
    if (!child) {
      const reqId = requestIds.get(req);
      if (reqId === undefined) return logger;
      child = logger.child({ reqId });
      loggers.set(req, child);
    }
    return child;
  };

  server.pre((req: Request, res: Response, next) => {
    const inbound = req.header('x-request-id');
    const reqId = inbound && REQUEST_ID.test(inbound) ? inbound : randomUUID();
    requestIds.set(req, reqId);
    res.setHeader('x-request-id', reqId);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    (req as Request & { startedAt?: number }).startedAt = performance.now();
    next();
  });
  server.use(compressApiResponses);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Our body reader (restify's, without its deprecated Buffer call: see body-reader.ts) enforces
  // maxBodySize (413), then jsonBodyParser only parses (`bodyReader: true`; restify's typings omit
  // that option). A request without a body (no length, not chunked: every GET from a browser)
  // skips both, instead of paying for an empty read per request.
  const bodyOptions = { mapParams: false, bodyReader: true };
  const parseBody = [
    bodyReader(services.config.MAX_BODY_BYTES),
    ...restify.plugins.jsonBodyParser(bodyOptions as restify.plugins.JsonBodyParserOptions),
  ];
  server.use((req: Request, res: Response, next: restify.Next) => {
    if (
      req.headers['content-length'] === undefined &&
      req.headers['transfer-encoding'] === undefined
    ) {
      return next();
    }
    // The parser is a chain of handlers; run them in turn, stopping at the first error.
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err as Error);
      const handler = parseBody[i++];
      if (!handler) return next();
      handler(req, res, step as restify.Next);
    };
    step();
  });
  server.on('after', (req: Request, res: Response) => {
    const started = (req as Request & { startedAt?: number }).startedAt ?? performance.now();
    // One line per request; the request id is a field rather than a child logger per request.
    logger.info(
      {
        reqId: requestIds.get(req),
        method: req.method,
        url: req.path(),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      },
      'request'
    );
  });
  // Router and body-parser errors (404, 405, 413, bad JSON) get the same JSON shape as ours.
  // Restify sends these errors itself after this hook, serialising them with toJSON().
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: RestifyErrorLike, cb: () => void) => {
      const { status, body } = toHttpError(err);
      logOf(req).info({ code: body.code, status }, 'request refused');
      err.statusCode = status;
      err.toJSON = () => body;
      cb();
    }
  );

  const authenticate = async (req: Request) =>
    services.callerFor(
      await deps.tokenValidator.validate(bearerTokenFrom(req.header('authorization')))
    );
  const api = new Api(server, authenticate, logOf);

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, {
      status: 'ok',
      store: services.store.kind,
      authMode: services.config.AUTH_MODE,
    });
  });
  server.get('/api/openapi.json', async (_req: Request, res: Response) => {
    const doc = api.document({
      title: 'Rooms Partner Hub API',
      version: '0.1.0',
      serverUrl: services.config.PUBLIC_URL,
    });
    // One `end(JSON)`, like every API answer, so it is compressed like them.
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(doc));
  });

  // Bot endpoint. The adapter authenticates the Bot Framework token (anonymous only when no app
  // id is configured, which config forbids in production).
  const adapter = createAdapter(services.config, logger);
  const bot = new RoomsPartnerBot(services);
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  registerFoundationRoutes(api, services);
  registerAuditRoutes(api, services);
  for (const register of deps.routeModules ?? []) register(api, services);
  if (deps.devIssuer) registerDevIssuerRoutes(server, api, services, deps.devIssuer, logOf);
  server.get('/auth/consent', async (_req: Request, res: Response) => {
    const target = consentUrl(services.config);
    if (!target) {
      res.status(404);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(
        JSON.stringify({
          code: 'AUTH.CONSENT_UNAVAILABLE',
          message: 'Consent is given in Microsoft Entra ID only.',
        })
      );
      return;
    }
    res.writeHead(302, { location: target, 'cache-control': 'no-store' });
    res.end();
  });
  if (deps.tabDist && existsSync(path.join(deps.tabDist, 'index.html')))
    serveTab(server, deps.tabDist);

  return {
    server,
    api,
    start: (port, host) =>
      new Promise<RunningServer>((resolve, reject) => {
        servingWithoutPretenuring();
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const hostForUrl = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
          resolve({
            url: `http://${hostForUrl.includes(':') ? `[${hostForUrl}]` : hostForUrl}:${address.port}`,
            port: address.port,
            stop: () => new Promise<void>((done) => server.close(() => done())),
          });
        });
      }),
  };
}

/**
 * Stops V8 from pretenuring allocation sites from here on (the store is loaded by then, so its
 * long-lived documents keep the benefit). V8 allocates an object literal straight in the old
 * generation once most objects of that literal have survived a young-generation GC; while
 * requests wait on the journal's disk writes, objects of the request path (Node's HTTP, restify,
 * the handlers) do, and from then on each request's old-generation objects keep what they point
 * to (the request, its response, their strings) alive through every scavenge until a full GC:
 * about 5 KB promoted per request, even for `/healthz`, and scavenges of 15-35 ms instead of 2-4
 * (issue #13). Set at run time it takes effect (measured: 0.02 KB promoted per request after the
 * same writes); sites pretenured during start-up stay so, and none of them is on the request path.
 */
function servingWithoutPretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Where Teams' consent pop-up goes (tab: `requestHostConsent`): Microsoft Entra's consent prompt
 * for the tab's API scope, returning to the tab's `auth-end.html`, which reports the outcome to
 * Teams. Only in Entra mode, with the app's client id among the audiences; the code Entra returns
 * is never redeemed (consent is all that is asked for).
 */
export function consentUrl(config: {
  AUTH_MODE: string;
  AUTH_AUDIENCE: string[];
  PUBLIC_URL: string;
}): string | null {
  if (config.AUTH_MODE !== 'entra') return null;
  const clientId = config.AUTH_AUDIENCE.map((a) => GUID_INSIDE.exec(a)?.[0]).find(Boolean);
  if (!clientId) return null;
  const resource = config.AUTH_AUDIENCE.find((a) => a.startsWith('api://')) ?? `api://${clientId}`;
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    response_mode: 'query',
    redirect_uri: `${config.PUBLIC_URL}/auth-end.html`,
    scope: `${resource}/access_as_user openid`,
    prompt: 'consent',
    state: randomUUID(),
  });
  return `https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?${query}`;
}

type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (`br` before `gzip`); q=0 refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: Encoding) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** `chooseEncoding` of the Accept-Encoding values seen last (clients send a handful of them). */
const encodings = new Map<string, Encoding | null>();
const ENCODINGS_KEPT = 64;

function encodingFor(acceptEncoding: string | undefined): Encoding | null {
  if (acceptEncoding === undefined) return null;
  let encoding = encodings.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = chooseEncoding(acceptEncoding);
    if (encodings.size >= ENCODINGS_KEPT) encodings.clear();
    encodings.set(acceptEncoding, encoding);
  }
  return encoding;
}

/** Smaller bodies are not worth the CPU (and may grow when compressed). */
const MIN_COMPRESS_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg)/;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function compressOptions(body: Buffer, quality: 'fast' | 'best') {
  return {
    br: {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: quality === 'best' ? 9 : 4,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    },
    gzip: { level: quality === 'best' ? 9 : 6 },
  };
}

/** The same as `compress`, off the event loop (zlib's thread pool), for warming the cache. */
function compressInBackground(body: Buffer, encoding: Encoding): Promise<Buffer> {
  const options = compressOptions(body, 'best');
  return encoding === 'br' ? brotliAsync(body, options.br) : gzipAsync(body, options.gzip);
}

function compress(body: Buffer, encoding: Encoding, quality: 'fast' | 'best'): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          // 11 would save ~8 % more but takes seconds on the vendor chunk; 9 takes a fraction of one.
          [zlibConstants.BROTLI_PARAM_QUALITY]: quality === 'best' ? 9 : 4,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: quality === 'best' ? 9 : 6 });
}

/**
 * Compresses the API's JSON answers (brotli or gzip, as the client accepts): every route ends
 * its response with one `res.end(JSON)`, so this wraps `end` and leaves streams (the audit CSV
 * export, the bot endpoint) alone.
 */
function compressApiResponses(req: Request, res: Response, next: () => void): void {
  const url = req.path();
  if (!url.startsWith('/api/') || url === '/api/messages') return next();
  const encoding = encodingFor(req.header('accept-encoding'));
  if (!encoding) return next();
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.setHeader('vary', 'accept-encoding');
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const type = String(res.getHeader('content-type') ?? '');
    if (
      (typeof chunk === 'string' || Buffer.isBuffer(chunk)) &&
      !res.headersSent &&
      !res.getHeader('content-encoding') &&
      COMPRESSIBLE.test(type)
    ) {
      const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (body.length >= MIN_COMPRESS_BYTES) {
        const packed = compress(body, encoding, 'fast');
        res.setHeader('content-encoding', encoding);
        res.setHeader('content-length', packed.length);
        return end(packed, ...rest.filter((r) => typeof r === 'function'));
      }
    }
    return end(chunk, ...rest);
  }) as Response['end'];
  next();
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/** A static file of the tab, held in memory with its compressed forms, made once each. */
interface StaticFile {
  mtimeMs: number;
  raw: Buffer;
  etag: string;
  packed: Partial<Record<Encoding, Buffer>>;
}

/**
 * Static files of the built tab, with an SPA fallback to index.html for client-side routes.
 * Each file is read once and kept in memory with its ETag (the build is small and fixed while
 * the service runs; a file changed on disk is read again), and text files are sent compressed
 * (brotli or gzip, as the client accepts), each compressed once. A file is sent with one
 * `end(body)`, never streamed from disk: a stream ends only when a later read finds the end of
 * the file, and a client that already had every byte and hung up before then was logged as 444.
 * A revalidation with a matching If-None-Match gets 304. Source maps are never served: the build
 * does not emit them, and a stray one is refused.
 */
function serveTab(server: Server, dist: string): void {
  const root = path.resolve(dist);
  const files = new Map<string, StaticFile>();
  const load = (file: string, mtimeMs: number, raw: () => Buffer): StaticFile => {
    let entry = files.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      const body = raw();
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      entry = { mtimeMs, raw: body, etag, packed: {} };
      files.set(file, entry);
    }
    return entry;
  };
  const send = (req: Request, res: Response, file: string, cache: string) => {
    const ext = path.extname(file);
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    const entry = load(file, statSync(file).mtimeMs, () => readFileSync(file));
    const encoding =
      COMPRESSIBLE.test(type) && entry.raw.length >= MIN_COMPRESS_BYTES
        ? chooseEncoding(req.header('accept-encoding'))
        : null;
    // Each encoding is its own representation, so its own tag.
    const etag = encoding ? `${entry.etag.slice(0, -1)}-${encoding}"` : entry.etag;
    const headers: Record<string, string | number> = {
      'cache-control': cache,
      etag,
      vary: 'accept-encoding',
    };
    if (matchesEtag(req.header('if-none-match'), etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['content-type'] = type;
    if (ext === '.html') headers['content-security-policy'] = TAB_CSP;
    let body = entry.raw;
    if (encoding) {
      body = entry.packed[encoding] ??= compress(entry.raw, encoding, 'best');
      headers['content-encoding'] = encoding;
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  };
  // Compress the build once at start, off the event loop, so no visitor waits for it.
  void (async () => {
    const assets = path.join(root, 'assets');
    const names = existsSync(assets) ? await readdir(assets) : [];
    const paths = [path.join(root, 'index.html'), ...names.map((n) => path.join(assets, n))];
    for (const file of paths) {
      const type = CONTENT_TYPES[path.extname(file)] ?? '';
      if (!COMPRESSIBLE.test(type) || file.endsWith('.map')) continue;
      const { mtimeMs, size } = statSync(file);
      if (size < MIN_COMPRESS_BYTES) continue;
      const body = await readFile(file);
      const entry = load(file, mtimeMs, () => body);
      for (const encoding of ['br', 'gzip'] as const) {
        if (entry.packed[encoding]) continue;
        const packed = await compressInBackground(entry.raw, encoding);
        entry.packed[encoding] ??= packed;
      }
    }
  })().catch(() => undefined); // a file that vanished is read and compressed on request instead
  server.get('/*', async (req: Request, res: Response) => {
    const rel = decodeURIComponent(req.path()).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    const servable = !rel.endsWith('.map');
    if (
      servable &&
      rel &&
      file.startsWith(root + path.sep) &&
      existsSync(file) &&
      statSync(file).isFile()
    ) {
      // Vite fingerprints assets, so they can be cached for good.
      send(
        req,
        res,
        file,
        rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
      );
      return;
    }
    if (rel.startsWith('api/') || path.extname(rel)) {
      res.status(404);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ code: 'ROUTE.NOT_FOUND', message: 'No such route.' }));
      return;
    }
    send(req, res, path.join(root, 'index.html'), 'no-cache');
  });
}
