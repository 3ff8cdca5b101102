/**
 * Typed fetch wrapper for the service. Every call goes through `requestJson`, which adds the
 * bearer token, sends and reads JSON, and turns every failure into an `ApiError` carrying the
 * service's stable `{ code, message }` so the UI can branch on codes, never on text.
 */
import type { Me } from '../../../bot/src/http/contracts/identity.ts';

/** The caller as the service sees it (`GET /api/me`), and a page of a list. */
export type { Me } from '../../../bot/src/http/contracts/identity.ts';
import type { Page } from '../../../bot/src/http/contracts/common.ts';
export type { Page };

/** Error codes the client makes up itself when the service gave none. */
export const ClientErrorCodes = {
  /** fetch() itself failed: offline, DNS, connection refused, CORS. */
  NETWORK: 'CLIENT.NETWORK',
  /** The service answered, but not with JSON (e.g. an HTML page from a proxy). */
  NOT_JSON: 'CLIENT.NOT_JSON',
  /** The service answered an error status without a `{ code, message }` body. */
  HTTP: 'CLIENT.HTTP',
} as const;

/** A failed API call. `status` is 0 when no HTTP response arrived. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The service's safe extra data (e.g. the claims of an MFA challenge). */
    readonly details?: Record<string, unknown>
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The token is missing, invalid or expired: the caller must sign in again. */
  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code.startsWith('AUTH.');
  }

  /** No response at all, so the message is the browser's and not worth showing. */
  get isNetwork(): boolean {
    return this.code === ClientErrorCodes.NETWORK;
  }
}

/** Supplies the bearer token for each call; null sends none. */
export type TokenSource = () => Promise<string | null> | string | null;

/** Options of one `requestJson` call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  /** Bearer token; omitted for the anonymous dev issuer calls. */
  token?: string | null;
  signal?: AbortSignal;
  /** Extra request headers (e.g. a change's justification, see `withJustification`). */
  headers?: Record<string, string>;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/**
 * One JSON request to the service, relative to the page origin (the service serves the tab, so
 * there is no cross-origin configuration). Resolves with the parsed body, typed by the caller.
 */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // Tokens travel in the header only; cookies would make the API CSRF-prone.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, ClientErrorCodes.NETWORK, describe(cause));
  }

  if (response.status === 204) return undefined as T;

  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;

  if (!response.ok) throw failureOf(response, body);
  if (!isJson || body === undefined) {
    throw new ApiError(response.status, ClientErrorCodes.NOT_JSON, 'Expected a JSON response.');
  }
  return body as T;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Query-string values; undefined and empty strings are left out. */
export type QueryValues = Record<string, string | number | boolean | undefined>;

/** The error of a failed response: the service's code and message when it sent an error body. */
function failureOf(response: Response, body: unknown): ApiError {
  return isErrorBody(body)
    ? new ApiError(response.status, body.code, body.message, body.details)
    : new ApiError(
        response.status,
        ClientErrorCodes.HTTP,
        `${response.status} ${response.statusText}`.trim()
      );
}

/** `path?query` with the defined, non-empty values encoded. */
export function withQuery(path: string, query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Where a paged list continues (`cursor`), how long its page is, and the request's signal. */
export interface PageOptions {
  cursor?: string;
  limit?: number;
  signal?: AbortSignal;
}

/**
 * A route's path with every interpolated value (an id) URL-encoded:
 * apiPath`/api/customers/${tenantId}/rooms/${roomId}`.
 */
export function apiPath(literals: TemplateStringsArray, ...ids: string[]): string {
  return literals.reduce((path, literal, i) => path + encodeURIComponent(ids[i - 1]!) + literal);
}

/** The client of a list route that takes no filter: one page of `GET path` at a time. */
export const listRoute =
  <T>(path: string) =>
  (api: ApiClient, options?: PageOptions) =>
    getPage<T>(api, path, {}, options);

/** `GET path?query`: one page of a list, from `options.cursor`. */
export function getPage<T>(
  api: ApiClient,
  path: string,
  query: object,
  options: PageOptions = {}
): Promise<Page<T>> {
  const url = withQuery(path, {
    ...(query as QueryValues),
    cursor: options.cursor,
    limit: options.limit,
  });
  return api.request<Page<T>>(url, { signal: options.signal });
}

/** A downloaded file (e.g. the audit CSV) and the name the service suggested for it. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

/**
 * The authenticated API. `request` is the one door every call goes through; the feature modules
 * beside this file (`partner.ts`, `customer.ts`, `audit.ts`…) wrap it with one typed function per
 * route, so pages never build URLs or bodies themselves.
 */
export interface ApiClient {
  getMe(signal?: AbortSignal): Promise<Me>;
  request<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
  /** A GET whose body is a file: it needs the bearer token, so a plain link cannot fetch it. */
  download(path: string, signal?: AbortSignal): Promise<Download>;
}

/**
 * Builds the client; the token source is asked before every call so refreshes are picked up.
 * With `refreshToken`, a call the service refuses as unauthenticated (401) gets one fresh token
 * and one retry before the failure is reported (inside Teams, where the token is Teams').
 */
export function createApiClient(
  tokenSource: TokenSource,
  refreshToken?: () => Promise<string | null>,
  answerClaims?: (claims: string) => Promise<string | null>
): ApiClient {
  const request = async <T>(path: string, options: Omit<RequestOptions, 'token'> = {}) => {
    try {
      return await requestJson<T>(path, { ...options, token: await tokenSource() });
    } catch (error) {
      // A claims challenge (the customer requires MFA for this action): sign in again asking for
      // those claims, then retry once with the stepped-up token.
      const claims = claimsOf(error);
      if (claims && answerClaims) {
        return requestJson<T>(path, { ...options, token: await answerClaims(claims) });
      }
      if (!refreshToken || !(error instanceof ApiError) || error.status !== 401) throw error;
      return requestJson<T>(path, { ...options, token: await refreshToken() });
    }
  };
  return {
    getMe: (signal) => request<Me>('/api/me', { signal }),
    request,
    download: async (path, signal) => {
      try {
        return await downloadFile(path, await tokenSource(), signal);
      } catch (error) {
        const claims = claimsOf(error);
        if (!claims || !answerClaims) throw error;
        return downloadFile(path, await answerClaims(claims), signal);
      }
    },
  };
}

/** The base64 claims of an MFA challenge (401 AUTH.MFA_REQUIRED), or null. */
export function claimsOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 401 || error.code !== 'AUTH.MFA_REQUIRED')
    return null;
  const claims = error.details?.claims;
  return typeof claims === 'string' && claims.length > 0 ? claims : null;
}

/** The header carrying a partner's reason for a change the customer approves manually. */
export const JUSTIFICATION_HEADER = 'X-Change-Justification';

/**
 * `api` whose changes (every call but GET) carry `justification` for the customer's approver,
 * URL-encoded (a header holds ASCII only; the service decodes it, so any language fits).
 */
export function withJustification(api: ApiClient, justification: string): ApiClient {
  const header = { [JUSTIFICATION_HEADER]: encodeURIComponent(justification) };
  return {
    ...api,
    request: (path, options = {}) =>
      api.request(
        path,
        (options.method ?? 'GET') === 'GET'
          ? options
          : { ...options, headers: { ...options.headers, ...header } }
      ),
  };
}

/**
 * Calls `onUnauthenticated` for every 401 / AUTH.* failure, whichever page made the call, then
 * rethrows so the page still shows its own state.
 */
export function watchAuthentication(
  api: ApiClient,
  onUnauthenticated: (error: ApiError) => void
): ApiClient {
  const watch = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated && !claimsOf(error))
        onUnauthenticated(error);
      throw error;
    }
  };
  return {
    getMe: (signal) => watch(api.getMe(signal)),
    request: (path, options) => watch(api.request(path, options)),
    download: (path, signal) => watch(api.download(path, signal)),
  };
}

async function downloadFile(
  path: string,
  token: string | null,
  signal?: AbortSignal
): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, ClientErrorCodes.NETWORK, describe(cause));
  }
  if (!response.ok) throw failureOf(response, await response.json().catch(() => undefined));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}
