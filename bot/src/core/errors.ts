/**
 * Domain errors. Each carries a stable dotted `code` that clients may rely on, and never an HTTP
 * status: the edges (HTTP, cards) map codes to their own vocabulary in one place each.
 */
export const ErrorCodes = {
  // Authentication / authorization
  AUTH_MISSING_TOKEN: 'AUTH.MISSING_TOKEN',
  AUTH_INVALID_TOKEN: 'AUTH.INVALID_TOKEN',
  AUTHZ_FORBIDDEN: 'AUTHZ.FORBIDDEN',
  // Generic request problems
  REQUEST_INVALID: 'REQUEST.INVALID',
  REQUEST_MALFORMED_JSON: 'REQUEST.MALFORMED_JSON',
  REQUEST_TOO_LARGE: 'REQUEST.TOO_LARGE',
  REQUEST_UNSUPPORTED_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  REQUEST_BAD_CURSOR: 'REQUEST.BAD_CURSOR',
  ROUTE_NOT_FOUND: 'ROUTE.NOT_FOUND',
  METHOD_NOT_ALLOWED: 'ROUTE.METHOD_NOT_ALLOWED',
  NOT_FOUND: 'RESOURCE.NOT_FOUND',
  CONFLICT: 'RESOURCE.CONFLICT',
  INTERNAL: 'INTERNAL.ERROR',
} as const;

export type ErrorCode = string;

/** Kinds let the edges map a whole family of codes at once (e.g. every *.NOT_FOUND to 404). */
export type ErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported'
  | 'unavailable'
  | 'internal';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly kind: ErrorKind,
    options?: { cause?: unknown; details?: Record<string, unknown> }
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.details = options?.details;
  }
  /** Safe, non-sensitive extra data for the client (e.g. which field failed). */
  readonly details?: Record<string, unknown>;
}

export const unauthenticated = (code: ErrorCode, message: string, cause?: unknown) =>
  new DomainError(code, message, 'unauthenticated', { cause });
export const forbidden = (
  message = 'You are not allowed to do this.',
  code: ErrorCode = ErrorCodes.AUTHZ_FORBIDDEN
) => new DomainError(code, message, 'forbidden');
export const invalid = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'invalid', { details });
export const notFound = (code: ErrorCode, message: string) =>
  new DomainError(code, message, 'not_found');
export const conflict = (code: ErrorCode, message: string) =>
  new DomainError(code, message, 'conflict');
export const gone = (code: ErrorCode, message: string) => new DomainError(code, message, 'gone');

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
