/**
 * The one place where errors become HTTP responses: JSON `{code, message}` with a stable dotted
 * code. Unknown errors become a generic 500 and their message never reaches the client.
 */
import { DomainError, ErrorCodes, type ErrorKind } from '../core/errors.ts';

const statusByKind: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported: 415,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Restify's own errors (body parser, router) carry a statusCode and a restify error name. */
interface RestifyLikeError {
  statusCode?: number;
  name?: string;
}

const restifyMapping: Record<number, { code: string; message: string }> = {
  400: { code: ErrorCodes.REQUEST_MALFORMED_JSON, message: 'The request body is not valid JSON.' },
  404: { code: ErrorCodes.ROUTE_NOT_FOUND, message: 'No such route.' },
  405: {
    code: ErrorCodes.METHOD_NOT_ALLOWED,
    message: 'This method is not allowed on this route.',
  },
  406: {
    code: 'REQUEST.NOT_ACCEPTABLE',
    message: 'The requested representation is not available.',
  },
  413: { code: ErrorCodes.REQUEST_TOO_LARGE, message: 'The request body is too large.' },
  415: {
    code: ErrorCodes.REQUEST_UNSUPPORTED_MEDIA_TYPE,
    message: 'Send the request body as application/json.',
  },
};

/**
 * Codes whose response carries a header besides the body. AUTH.MFA_REQUIRED (issue #15) is a
 * claims challenge (RFC 6750 + Entra's CAE/step-up convention): the client signs in again asking
 * for these claims and retries.
 */
const challengeByCode: Record<
  string,
  (details: Record<string, unknown> | undefined) => Record<string, string>
> = {
  'AUTH.MFA_REQUIRED': (details) => ({
    'www-authenticate': `Bearer realm="", error="insufficient_claims", error_description="multi-factor authentication is required", claims="${String(details?.claims ?? '')}"`,
  }),
};

export function toHttpError(err: unknown): {
  status: number;
  body: ErrorBody;
  unexpected: boolean;
  headers?: Record<string, string>;
} {
  if (err instanceof DomainError) {
    const body: ErrorBody = { code: err.code, message: err.message };
    if (err.details) body.details = err.details;
    const challenge = challengeByCode[err.code];
    return {
      status: statusByKind[err.kind],
      body,
      unexpected: err.kind === 'internal',
      ...(challenge ? { headers: challenge(err.details) } : {}),
    };
  }
  const status = (err as RestifyLikeError | null)?.statusCode;
  if (typeof status === 'number' && restifyMapping[status]) {
    return { status, body: { ...restifyMapping[status] }, unexpected: false };
  }
  return {
    status: 500,
    body: {
      code: ErrorCodes.INTERNAL,
      message: 'Something went wrong on our side. Please try again.',
    },
    unexpected: true,
  };
}
