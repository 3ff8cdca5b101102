/**
 * Embedded development issuer for AUTH_MODE=local: mints RS256 tokens shaped like Entra ID v2
 * access tokens and publishes its key set, so local runs go through the very same
 * {@link createTokenValidator} path as production, only with a different issuer and key set.
 * The server creates it only in local mode (config forbids local mode in production).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK, JWTVerifyGetKey } from 'jose';
import { DEV_ISSUER_PATH } from '../config.ts';
import { ErrorCodes, invalid } from '../core/errors.ts';
import { isGuid, issuerForTenant } from './token-validator.ts';

/** File name of the persisted private key inside `keyDir`. */
export const DEV_ISSUER_KEY_FILE = 'dev-issuer-key.json';

/**
 * `azp` of minted tokens: the Teams web client's public app id, which is what a real Teams SSO
 * token carries, so code that logs or inspects `azp` sees a realistic value locally.
 */
export const DEV_ISSUER_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

/** The delegated scope minted tokens carry, as a Teams SSO app exposes it. */
export const DEV_ISSUER_SCOPE = 'access_as_user';

const ALG = 'RS256';
const MODULUS_BITS = 2048;
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
/** A dev token living longer than a day is more likely a mistake than a need. */
const MAX_EXPIRES_IN_SECONDS = 86_400;

/** Options of {@link createDevIssuer}. */
export interface DevIssuerOptions {
  /** Public base URL of this service (config PUBLIC_URL); a trailing slash is ignored. */
  readonly publicUrl: string;
  /** `aud` of minted tokens (config AUTH_AUDIENCE). */
  readonly audience: string;
  /**
   * Directory to keep the private key in, so minted tokens stay valid across restarts.
   * Without it the key lives in memory only.
   */
  readonly keyDir?: string;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** What {@link DevIssuer.mint} puts into a token. */
export interface DevMintRequest {
  /** `tid`; a GUID. */
  readonly tenantId: string;
  /** `oid`; a GUID. */
  readonly userId: string;
  /** `name` (display name). */
  readonly name?: string;
  /** `preferred_username` (the UPN in Entra). */
  readonly upn?: string;
  /** `wids`: directory role template ids. Defaults to none. */
  readonly wids?: readonly string[];
  /**
   * `amr`: authentication methods. Defaults to `['pwd']` (no MFA); `['pwd', 'mfa']` mints a token
   * with multi-factor evidence (issue #15).
   */
  readonly amr?: readonly string[];
  /** `acrs`: authentication contexts satisfied (e.g. `['c1']` after a claims challenge). */
  readonly acrs?: readonly string[];
  /** Lifetime in seconds, 1..86400. Defaults to 3600, as Entra's default access token. */
  readonly expiresInSeconds?: number;
}

/** The subset of Entra's OpenID Connect discovery document that the dev issuer can honour. */
export interface DevOpenIdConfiguration {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly id_token_signing_alg_values_supported: readonly string[];
  readonly token_endpoint_auth_methods_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly response_modes_supported: readonly string[];
  readonly subject_types_supported: readonly string[];
  readonly scopes_supported: readonly string[];
  readonly claims_supported: readonly string[];
  readonly request_uri_parameter_supported: boolean;
}

/** The embedded development issuer; see {@link createDevIssuer}. */
export interface DevIssuer {
  /** URL of the key set, `${publicUrl}/dev-issuer/discovery/v2.0/keys` (mirrors Entra's path). */
  readonly jwksUri: string;
  /** The public key set to serve at {@link DevIssuer.jwksUri}; a fresh copy on each call. */
  jwks(): JSONWebKeySet;
  /** Key resolver over {@link DevIssuer.jwks}, for `createTokenValidator({ keys })`. */
  readonly getKey: JWTVerifyGetKey;
  /**
   * `${publicUrl}/dev-issuer/${tenantId}/v2.0`, matching config's local AUTH_ISSUER_TEMPLATE.
   * @throws DomainError REQUEST.INVALID when `tenantId` is not a GUID.
   */
  issuerFor(tenantId: string): string;
  /**
   * The discovery document for `tenantId`. Only endpoints this issuer serves are listed: there is
   * no authorize/token endpoint, tokens come from {@link DevIssuer.mint} via the dev sign-in page.
   * @throws DomainError REQUEST.INVALID when `tenantId` is not a GUID.
   */
  openIdConfiguration(tenantId: string): DevOpenIdConfiguration;
  /**
   * Sign an access token shaped like Entra's v2 access token.
   * @throws DomainError REQUEST.INVALID when the request is malformed (non-GUID ids, bad lifetime).
   */
  mint(request: DevMintRequest): Promise<string>;
}

/** RSA private key as stored on disk. */
interface PrivateRsaJwk extends JWK {
  kty: 'RSA';
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

/**
 * Create the dev issuer, loading or generating its RSA-2048 key. Asynchronous because key
 * generation and import are (WebCrypto).
 */
export async function createDevIssuer(opts: DevIssuerOptions): Promise<DevIssuer> {
  const base = `${opts.publicUrl.replace(/\/+$/, '')}${DEV_ISSUER_PATH}`;
  const now = opts.now ?? (() => new Date());
  const privateJwk =
    opts.keyDir === undefined ? await generatePrivateJwk() : await loadOrCreateKey(opts.keyDir);

  const publicJwk: JWK = { kty: 'RSA', n: privateJwk.n, e: privateJwk.e };
  const kid = await calculateJwkThumbprint(publicJwk);
  const publishedKey: JWK = { ...publicJwk, kid, use: 'sig', alg: ALG };
  const keySet: JSONWebKeySet = { keys: [publishedKey] };
  const signingKey = (await importJWK({ ...privateJwk, alg: ALG }, ALG)) as CryptoKey;
  const jwksUri = `${base}/discovery/v2.0/keys`;

  const issuerFor = (tenantId: string): string =>
    issuerForTenant(`${base}/{tenantid}/v2.0`, requireGuid(tenantId, 'tenantId'));

  return {
    jwksUri,
    jwks: () => structuredClone(keySet),
    getKey: createLocalJWKSet(keySet),
    issuerFor,
    openIdConfiguration: (tenantId) => ({
      issuer: issuerFor(tenantId),
      jwks_uri: jwksUri,
      id_token_signing_alg_values_supported: [ALG],
      token_endpoint_auth_methods_supported: ['none'],
      response_types_supported: ['token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access', DEV_ISSUER_SCOPE],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'nbf',
        'name',
        'preferred_username',
        'oid',
        'tid',
        'ver',
        'wids',
        'scp',
        'azp',
        'uti',
        'amr',
        'acrs',
      ],
      request_uri_parameter_supported: false,
    }),
    async mint(request) {
      const tid = requireGuid(request.tenantId, 'tenantId');
      const oid = requireGuid(request.userId, 'userId');
      const lifetime = request.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
      if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_EXPIRES_IN_SECONDS) {
        throw invalid(
          ErrorCodes.REQUEST_INVALID,
          `expiresInSeconds must be an integer from 1 to ${MAX_EXPIRES_IN_SECONDS}.`
        );
      }
      const wids = request.wids ?? [];
      if (!wids.every((w) => typeof w === 'string')) {
        throw invalid(ErrorCodes.REQUEST_INVALID, 'wids must be strings.');
      }
      const iat = Math.floor(now().getTime() / 1000);
      const uti = randomBytes(16).toString('base64url');
      return new SignJWT({
        tid,
        oid,
        sub: pairwiseSubject(tid, oid, opts.audience),
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.upn === undefined ? {} : { preferred_username: request.upn }),
        wids: [...wids],
        amr: [...(request.amr ?? ['pwd'])].filter((m) => typeof m === 'string'),
        ...(request.acrs?.length
          ? { acrs: request.acrs.filter((c) => typeof c === 'string') }
          : {}),
        ver: '2.0',
        scp: DEV_ISSUER_SCOPE,
        azp: DEV_ISSUER_CLIENT_ID,
        azpacr: '0',
        uti,
      })
        .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
        .setIssuer(issuerFor(tid))
        .setAudience(opts.audience)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + lifetime)
        .setJti(uti)
        .sign(signingKey);
    },
  };
}

/** Lower-cased GUID, the form Entra emits; anything else is a bad request. */
function requireGuid(value: string, field: string): string {
  if (!isGuid(value)) throw invalid(ErrorCodes.REQUEST_INVALID, `${field} must be a GUID.`);
  return value.toLowerCase();
}

/**
 * Entra's `sub` is an opaque per-application pairwise id, not the `oid`; a stable hash keeps
 * code from mistaking one for the other while staying the same for a user across tokens.
 */
function pairwiseSubject(tid: string, oid: string, audience: string): string {
  return createHash('sha256').update(`${tid}|${oid}|${audience}`).digest('base64url');
}

async function generatePrivateJwk(): Promise<PrivateRsaJwk> {
  const { privateKey } = await generateKeyPair(ALG, {
    modulusLength: MODULUS_BITS,
    extractable: true,
  });
  return asPrivateRsaJwk(await exportJWK(privateKey), 'generated key');
}

/**
 * Load the key from `keyDir`, or generate and store it. The file is written under a temporary
 * name and hard-linked into place, so a concurrently starting instance either wins the race or
 * reads the winner's complete file, never a half-written one.
 */
async function loadOrCreateKey(keyDir: string): Promise<PrivateRsaJwk> {
  const file = join(keyDir, DEV_ISSUER_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return existing;

  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  const jwk = await generatePrivateJwk();
  const temp = `${file}.${randomUUID()}.tmp`;
  // 0600: this is a signing key; anyone who can read it can mint tokens for the local server.
  await writeFile(temp, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
  } finally {
    await rm(temp, { force: true });
  }
  const stored = await readKeyFile(file);
  if (!stored) throw new Error(`Dev issuer key file ${file} vanished while being created.`);
  return stored;
}

/** The stored key, or undefined when the file does not exist. A corrupt file is an error. */
async function readKeyFile(file: string): Promise<PrivateRsaJwk | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`Dev issuer key file ${file} is not JSON; delete it to generate a new key.`, {
      cause: e,
    });
  }
  // Not silently regenerated: the file may be shared with other instances whose tokens would
  // all stop validating.
  return asPrivateRsaJwk(parsed, `key file ${file} (delete it to generate a new key)`);
}

function asPrivateRsaJwk(value: unknown, what: string): PrivateRsaJwk {
  const fields = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;
  if (typeof value !== 'object' || value === null) {
    throw new Error(`Dev issuer ${what} is not an RSA private JWK.`);
  }
  const jwk = value as Record<string, unknown>;
  if (jwk['kty'] !== 'RSA' || !fields.every((f) => typeof jwk[f] === 'string')) {
    throw new Error(`Dev issuer ${what} is not an RSA private JWK.`);
  }
  const key = value as PrivateRsaJwk;
  if (Buffer.from(key.n, 'base64url').length * 8 < MODULUS_BITS) {
    throw new Error(`Dev issuer ${what} has an RSA modulus shorter than ${MODULUS_BITS} bits.`);
  }
  // Only the RSA members are kept, so stray members in the file (e.g. a stale kid) do nothing.
  return {
    kty: 'RSA',
    n: key.n,
    e: key.e,
    d: key.d,
    p: key.p,
    q: key.q,
    dp: key.dp,
    dq: key.dq,
    qi: key.qi,
  };
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === code;
}
