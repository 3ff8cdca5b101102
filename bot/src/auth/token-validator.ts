/**
 * Verifies Microsoft Entra ID v2 access tokens (or the embedded dev issuer's look-alikes) and turns
 * them into a Principal. This is the only place a Principal is built from an HTTP request, so every
 * check an attacker could otherwise side-step lives here, in one function.
 *
 * A token that passed every check is remembered (by its SHA-256, never the token itself) until
 * its `exp`, so a client's repeated calls skip the signature check; past `exp` it is checked in
 * full again, with the same clock tolerance as without the cache. Only successes are cached.
 */
import { hash } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { MFA_AUTH_CONTEXT, type Principal } from '../core/principal.ts';
import { ErrorCodes, unauthenticated } from '../core/errors.ts';
import type { DomainError } from '../core/errors.ts';
import { isGuid } from '../core/ids.ts';

/** Options of {@link createTokenValidator}. */
export interface TokenValidatorOptions {
  /**
   * Expected `aud`. Entra v2 access tokens carry the API's client id here even when the scope was
   * requested through its Application ID URI, so deployments may list both.
   */
  readonly audience: string | readonly string[];
  /** Expected `iss` with a `{tenantid}` placeholder, filled from the token's own `tid`. */
  readonly issuerTemplate: string;
  /**
   * Signing keys: `createRemoteJWKSet(url)` in production (jose caches and refreshes the keys),
   * `createLocalJWKSet(jwks)` for the embedded dev issuer and tests.
   */
  readonly keys: JWTVerifyGetKey;
  /** Allowed clock skew for `exp` and `nbf`, in seconds. */
  readonly clockToleranceSeconds: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /**
   * How many verified tokens to remember until their `exp` (default 10,000; 0 disables). The
   * oldest entry makes room for a new one.
   */
  readonly cacheSize?: number;
}

/** Default number of verified tokens remembered. */
export const TOKEN_CACHE_SIZE = 10_000;

/** Validates bearer tokens; see {@link createTokenValidator}. */
export interface TokenValidator {
  /**
   * Verify `token` and return the caller it identifies.
   * @throws DomainError AUTH.INVALID_TOKEN (kind `unauthenticated`) for any failure; the message
   *   is generic and the precise reason is only in `cause`, for logs.
   */
  validate(token: string): Promise<Principal>;
}

/** Placeholder in issuer templates, as in Entra's discovery documents. */
const TENANT_PLACEHOLDER = /\{tenantid\}/gi;

/** True when `value` is a GUID in the 8-4-4-4-12 form Entra uses for `tid` and `oid`. */
export { isGuid };

/**
 * Fill `template`'s `{tenantid}` with `tenantId`. Callers must pass a validated GUID: the value
 * becomes part of a URL, and anything else could reshape it.
 */
export function issuerForTenant(template: string, tenantId: string): string {
  return template.replace(TENANT_PLACEHOLDER, tenantId);
}

// Generic messages: clients learn only "expired, fetch a new one" versus "bad token". Which check
// failed would help an attacker probe the validator, so it stays in `cause`.
const INVALID_MESSAGE = 'The access token is invalid.';
const EXPIRED_MESSAGE = 'The access token has expired.';

/** A claim-shape failure; becomes the `cause` of the AUTH.INVALID_TOKEN error. */
class TokenClaimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenClaimError';
  }
}

/**
 * Create a validator for Entra ID v2 access tokens. A token is accepted only if all hold:
 * RS256 signature by a key in `keys` (no `none`, no HMAC, so a public key can't be used as a
 * shared secret); `aud` matches; `exp` present and not past, `nbf` not in the future (both with
 * `clockToleranceSeconds`); `ver` is `2.0`; `tid` and `oid` are GUIDs; `iss` equals
 * `issuerTemplate` filled with the token's own `tid`, so one tenant's issuer cannot vouch for
 * another tenant; `scp` is present (a delegated user token, not an ID token or app-only token);
 * `wids`, if present, is an array of strings and `name`, if present, a string.
 *
 * The Principal's `tenantId` and `userId` are lower-cased, the canonical form used in the store.
 */
export function createTokenValidator(opts: TokenValidatorOptions): TokenValidator {
  const audience = typeof opts.audience === 'string' ? opts.audience : [...opts.audience];
  if (audience.length === 0) throw new TypeError('createTokenValidator: audience is empty');
  if (opts.issuerTemplate.length === 0) {
    throw new TypeError('createTokenValidator: issuerTemplate is empty');
  }
  const now = opts.now ?? (() => new Date());
  const cacheSize = opts.cacheSize ?? TOKEN_CACHE_SIZE;
  /** SHA-256 of the token → its principal and `exp` in ms; Map order = insertion order. */
  const verified = new Map<string, { principal: Principal; expMs: number }>();

  return {
    async validate(token: string): Promise<Principal> {
      // One-shot hash: half the cost of createHash().update().digest() on a token this size.
      const key = cacheSize > 0 ? hash('sha256', token, 'base64url') : '';
      if (cacheSize > 0) {
        const hit = verified.get(key);
        if (hit) {
          if ((opts.now ? opts.now().getTime() : Date.now()) < hit.expMs) return hit.principal;
          verified.delete(key);
        }
      }
      try {
        const { payload } = await jwtVerify(token, opts.keys, {
          algorithms: ['RS256'],
          audience,
          clockTolerance: opts.clockToleranceSeconds,
          currentDate: now(),
          // jose checks exp/nbf only when present; an access token without exp never expires.
          requiredClaims: ['exp', 'iss', 'tid', 'oid'],
        });
        const principal = principalFrom(payload, opts.issuerTemplate);
        if (cacheSize > 0 && typeof payload.exp === 'number') {
          if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
          verified.set(key, { principal, expMs: payload.exp * 1000 });
        }
        return principal;
      } catch (e) {
        throw toAuthError(e);
      }
    },
  };
}

/** Claim checks jose does not do for us; throws TokenClaimError naming the first failure. */
function principalFrom(payload: JWTPayload, issuerTemplate: string): Principal {
  if (payload['ver'] !== '2.0') throw new TokenClaimError('ver is not 2.0');
  const tid = payload['tid'];
  // Checked before it is put into the issuer: a non-GUID could rewrite the expected URL.
  if (!isGuid(tid)) throw new TokenClaimError('tid is not a GUID');
  if (payload.iss !== issuerForTenant(issuerTemplate, tid)) {
    throw new TokenClaimError('iss does not match the issuer of the token tid');
  }
  const oid = payload['oid'];
  if (!isGuid(oid)) throw new TokenClaimError('oid is not a GUID');
  const scp = payload['scp'];
  if (typeof scp !== 'string' || scp.trim() === '') {
    throw new TokenClaimError('scp is missing: not a delegated access token');
  }
  const wids = payload['wids'];
  if (wids !== undefined && !isStringArray(wids)) {
    throw new TokenClaimError('wids is not an array of strings');
  }
  const name = payload['name'];
  if (name !== undefined && typeof name !== 'string') {
    throw new TokenClaimError('name is not a string');
  }
  // MFA evidence (issue #15): `amr` lists the methods used, `acrs` the authentication contexts
  // satisfied; anything malformed counts as no evidence rather than a bad token.
  const amr = payload['amr'];
  const acrs = payload['acrs'];
  const mfa =
    (isStringArray(amr) && amr.includes('mfa')) ||
    (isStringArray(acrs) && acrs.includes(MFA_AUTH_CONTEXT));
  // Frozen: a cached principal is shared by every request carrying the same token.
  return Object.freeze({
    tenantId: tid.toLowerCase(),
    userId: oid.toLowerCase(),
    ...(name === undefined ? {} : { name }),
    wids: Object.freeze(wids === undefined ? [] : [...wids]),
    ...(mfa ? { mfa: true } : {}),
  });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function toAuthError(e: unknown): DomainError {
  const message = e instanceof errors.JWTExpired ? EXPIRED_MESSAGE : INVALID_MESSAGE;
  return unauthenticated(ErrorCodes.AUTH_INVALID_TOKEN, message, e);
}

/**
 * Extract the token from an `Authorization: Bearer <token>` header (scheme case-insensitive, per
 * RFC 7235; token in RFC 6750's b64token alphabet).
 * @throws DomainError AUTH.MISSING_TOKEN when the header is absent, empty, another scheme, or
 *   malformed.
 */
export function bearerTokenFrom(authorizationHeader: string | undefined): string {
  const match = /^\s*Bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorizationHeader ?? '');
  if (!match?.[1]) {
    throw unauthenticated(
      ErrorCodes.AUTH_MISSING_TOKEN,
      'A bearer access token is required in the Authorization header.'
    );
  }
  return match[1];
}
