import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SignJWT,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
} from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { bearerTokenFrom, createTokenValidator } from '../../src/auth/token-validator.ts';
import type { TokenValidator } from '../../src/auth/token-validator.ts';
import { createDevIssuer } from '../../src/auth/dev-issuer.ts';
import { ErrorCodes, isDomainError } from '../../src/core/errors.ts';

const AUDIENCE = 'api://rooms-partner-hub';
const TEMPLATE = 'https://login.example.test/{tenantid}/v2.0';
const TENANT_A = '0b7e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const TENANT_B = 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f';
const USER = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const KID = 'test-key-1';
const T0 = new Date('2025-06-01T12:00:00Z');
const T0_SECONDS = Math.floor(T0.getTime() / 1000);
const TOLERANCE = 60;

const issuerOf = (tenantId: string) => TEMPLATE.replace('{tenantid}', tenantId);

/** Claims of a valid Entra v2 access token for USER in TENANT_A at T0. */
function validClaims(): JWTPayload {
  return {
    aud: AUDIENCE,
    iss: issuerOf(TENANT_A),
    iat: T0_SECONDS - 10,
    nbf: T0_SECONDS - 10,
    exp: T0_SECONDS + 3600,
    tid: TENANT_A,
    oid: USER,
    sub: 'pairwise-subject',
    name: 'Adele Vance',
    preferred_username: 'adele@contoso.test',
    wids: ['62e90394-69f5-4237-9190-012177145e10'],
    scp: 'access_as_user',
    ver: '2.0',
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth/token-validator', () => {
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let publicKey: CryptoKey;
  let publicJwk: JWK;
  let validator: TokenValidator;

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicKey = pair.publicKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, use: 'sig' };
    otherKey = (await generateKeyPair('RS256')).privateKey;
    validator = createTokenValidator({
      audience: AUDIENCE,
      issuerTemplate: TEMPLATE,
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      clockToleranceSeconds: TOLERANCE,
      now: () => T0,
    });
  });

  /** Sign `claims` as-is (no defaults added), RS256 with `key` under `kid`. */
  function sign(claims: JWTPayload, key: CryptoKey = signingKey, kid = KID): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
  }

  function withClaims(overrides: Record<string, unknown>): JWTPayload {
    const claims: Record<string, unknown> = { ...validClaims(), ...overrides };
    // An override of undefined means "leave the claim out".
    for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete claims[k];
    return claims;
  }

  async function assertInvalid(token: string, v: TokenValidator = validator): Promise<Error> {
    let caught: unknown;
    await assert.rejects(v.validate(token), (e: unknown) => {
      caught = e;
      return true;
    });
    assert.ok(isDomainError(caught), `expected a DomainError, got ${String(caught)}`);
    assert.equal(caught.code, ErrorCodes.AUTH_INVALID_TOKEN);
    assert.equal(caught.kind, 'unauthenticated');
    return caught;
  }

  describe('validate', () => {
    it('When a valid Entra v2 access token is given, then it yields the Principal', async () => {
      const principal = await validator.validate(await sign(validClaims()));
      assert.deepEqual(principal, {
        tenantId: TENANT_A,
        userId: USER,
        name: 'Adele Vance',
        wids: ['62e90394-69f5-4237-9190-012177145e10'],
      });
    });

    it('When name and wids are absent, then the Principal has no name and empty wids', async () => {
      const principal = await validator.validate(
        await sign(withClaims({ name: undefined, wids: undefined }))
      );
      assert.deepEqual(principal, { tenantId: TENANT_A, userId: USER, wids: [] });
    });

    it('When tid and oid are upper-case, then the Principal carries them lower-cased', async () => {
      const tid = TENANT_A.toUpperCase();
      const token = await sign(withClaims({ tid, iss: issuerOf(tid), oid: USER.toUpperCase() }));
      const principal = await validator.validate(token);
      assert.equal(principal.tenantId, TENANT_A);
      assert.equal(principal.userId, USER);
    });

    it('When the token expired, then it is rejected with the "expired" message', async () => {
      const token = await sign(withClaims({ exp: T0_SECONDS - TOLERANCE - 1 }));
      const error = await assertInvalid(token);
      assert.equal(error.message, 'The access token has expired.');
    });

    it('When the token expired within the clock tolerance, then it is accepted', async () => {
      const token = await sign(withClaims({ exp: T0_SECONDS - TOLERANCE + 5 }));
      assert.equal((await validator.validate(token)).userId, USER);
    });

    it('When the token has no exp, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ exp: undefined })));
    });

    it('When nbf is in the future beyond the tolerance, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ nbf: T0_SECONDS + TOLERANCE + 30 })));
    });

    it('When the audience is another API, then it is rejected with a generic message', async () => {
      const error = await assertInvalid(await sign(withClaims({ aud: 'api://someone-else' })));
      assert.equal(error.message, 'The access token is invalid.');
      assert.ok(error.cause instanceof Error, 'the detail is kept as cause for logs');
    });

    it('When the issuer is another authority, then it is rejected', async () => {
      const iss = `https://evil.example.test/${TENANT_A}/v2.0`;
      await assertInvalid(await sign(withClaims({ iss })));
    });

    it('When iss names tenant A but tid is tenant B, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ iss: issuerOf(TENANT_A), tid: TENANT_B })));
    });

    it('When tid is not a GUID, then it is rejected even if iss matches it', async () => {
      const tid = 'contoso.onmicrosoft.com';
      await assertInvalid(await sign(withClaims({ tid, iss: issuerOf(tid) })));
    });

    it('When tid is missing, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ tid: undefined })));
    });

    it('When oid is missing, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ oid: undefined })));
    });

    it('When oid is not a GUID, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ oid: 'adele' })));
    });

    it('When ver is 1.0, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ ver: '1.0' })));
    });

    it('When scp is missing (an ID or app-only token), then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ scp: undefined, roles: ['Admin'] })));
    });

    it('When wids is not an array of strings, then it is rejected', async () => {
      await assertInvalid(await sign(withClaims({ wids: 'global-admin' })));
      await assertInvalid(await sign(withClaims({ wids: [1, 2] })));
    });

    it('When the signature is by another key under the same kid, then it is rejected', async () => {
      await assertInvalid(await sign(validClaims(), otherKey, KID));
    });

    it('When the signing key is not in the key set, then it is rejected', async () => {
      await assertInvalid(await sign(validClaims(), otherKey, 'unknown-kid'));
    });

    it('When the signature is tampered with, then it is rejected', async () => {
      const [h, , s] = (await sign(validClaims())).split('.');
      const forged = b64({ ...validClaims(), oid: '00000000-0000-4000-8000-000000000000' });
      await assertInvalid(`${h}.${forged}.${s}`);
    });

    it('When the token is unsigned (alg none), then it is rejected', async () => {
      const header = b64({ alg: 'none', typ: 'JWT', kid: KID });
      await assertInvalid(`${header}.${b64(validClaims())}.`);
    });

    it('When the token is HS256 keyed with the public key, then it is rejected', async () => {
      // The classic confusion attack: use the published public key as an HMAC secret.
      const secrets = [
        new TextEncoder().encode(JSON.stringify(publicJwk)),
        new TextEncoder().encode(await exportSPKI(publicKey)),
        Buffer.from(String(publicJwk.n), 'base64url'),
      ];
      for (const secret of secrets) {
        const token = await new SignJWT(validClaims())
          .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'JWT' })
          .sign(secret);
        await assertInvalid(token);
      }
    });

    it('When the token is garbage, then it is rejected', async () => {
      for (const garbage of ['', 'garbage', 'a.b.c', '...', `${b64({ alg: 'RS256' })}.e30.`]) {
        await assertInvalid(garbage);
      }
    });

    it('When the dev issuer minted the token, then it validates through its key set', async () => {
      const issuer = await createDevIssuer({
        publicUrl: 'http://localhost:3978/',
        audience: AUDIENCE,
      });
      const local = createTokenValidator({
        audience: AUDIENCE,
        issuerTemplate: 'http://localhost:3978/dev-issuer/{tenantid}/v2.0',
        keys: issuer.getKey,
        clockToleranceSeconds: TOLERANCE,
      });
      const token = await issuer.mint({ tenantId: TENANT_B, userId: USER, name: 'Megan' });
      assert.deepEqual(await local.validate(token), {
        tenantId: TENANT_B,
        userId: USER,
        name: 'Megan',
        wids: [],
      });
      // The validator's clock drives expiry: an hour and more later the same token is refused.
      const later = createTokenValidator({
        audience: AUDIENCE,
        issuerTemplate: 'http://localhost:3978/dev-issuer/{tenantid}/v2.0',
        keys: issuer.getKey,
        clockToleranceSeconds: TOLERANCE,
        now: () => new Date(Date.now() + 3600_000 + TOLERANCE * 1000 + 1000),
      });
      await assertInvalid(token, later);
    });

    it('When keys come from a remote JWKS over HTTP, then a dev token validates', async () => {
      const issuer = await createDevIssuer({ publicUrl: 'http://127.0.0.1', audience: AUDIENCE });
      let fetches = 0;
      const server = createServer((req, res) => {
        if (req.url === '/dev-issuer/discovery/v2.0/keys') {
          fetches += 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(issuer.jwks()));
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const remote = createTokenValidator({
          audience: AUDIENCE,
          issuerTemplate: 'http://127.0.0.1/dev-issuer/{tenantid}/v2.0',
          keys: createRemoteJWKSet(
            new URL(`http://127.0.0.1:${port}/dev-issuer/discovery/v2.0/keys`)
          ),
          clockToleranceSeconds: TOLERANCE,
        });
        const token = await issuer.mint({ tenantId: TENANT_A, userId: USER });
        assert.equal((await remote.validate(token)).tenantId, TENANT_A);
        assert.equal((await remote.validate(token)).userId, USER);
        assert.equal(fetches, 1, 'jose caches the remote key set');
        // A key outside the served set is still refused.
        await assertInvalid(await sign(validClaims(), otherKey, 'unknown-kid'), remote);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('When several audiences are allowed, then a token for one of them validates', async () => {
      const multi = createTokenValidator({
        audience: ['00000000-0000-4000-8000-0000000000aa', AUDIENCE],
        issuerTemplate: TEMPLATE,
        keys: createLocalJWKSet({ keys: [publicJwk] }),
        clockToleranceSeconds: TOLERANCE,
        now: () => T0,
      });
      assert.equal((await multi.validate(await sign(validClaims()))).userId, USER);
    });
  });

  describe('verified-token cache', () => {
    let clock: Date;
    let cached: TokenValidator;
    const keysSeen: string[] = [];
    beforeEach(() => {
      clock = T0;
      keysSeen.length = 0;
      const local = createLocalJWKSet({ keys: [publicJwk] });
      cached = createTokenValidator({
        audience: AUDIENCE,
        issuerTemplate: TEMPLATE,
        // Counts full verifications (jose asks for the key once per signature check).
        keys: (header, token) => {
          keysSeen.push(String(header.kid));
          return local(header, token);
        },
        clockToleranceSeconds: TOLERANCE,
        now: () => clock,
        cacheSize: 2,
      });
    });

    it('When the same token comes again before exp, then its signature is not checked again', async () => {
      const token = await sign(validClaims());
      const first = await cached.validate(token);
      const second = await cached.validate(token);
      assert.equal(second, first);
      assert.equal(keysSeen.length, 1);
      assert.ok(Object.isFrozen(first));
    });

    it('When a cached token expires, then it is refused (checked in full, with the tolerance)', async () => {
      const token = await sign(withClaims({ exp: T0_SECONDS + 120 }));
      assert.equal((await cached.validate(token)).userId, USER);
      clock = new Date((T0_SECONDS + 120 + 1) * 1000);
      // Past exp but within the tolerance: verified again, and still accepted, as without a cache.
      assert.equal((await cached.validate(token)).userId, USER);
      assert.equal(keysSeen.length, 2);
      clock = new Date((T0_SECONDS + 120 + TOLERANCE + 1) * 1000);
      const error = await assertInvalid(token, cached);
      assert.equal(error.message, 'The access token has expired.');
    });

    it('When a token fails a check, then it is not remembered: every attempt is checked', async () => {
      const token = await sign(withClaims({ ver: '1.0' }));
      await assertInvalid(token, cached);
      await assertInvalid(token, cached);
      assert.equal(keysSeen.length, 2);
    });

    it('When more tokens come than the cache holds, then the oldest is checked in full again', async () => {
      const [a, b, c] = await Promise.all([1, 2, 3].map((i) => sign(withClaims({ uti: `t${i}` }))));
      for (const t of [a!, b!, c!]) await cached.validate(t);
      assert.equal(keysSeen.length, 3);
      await cached.validate(c!);
      await cached.validate(b!);
      assert.equal(keysSeen.length, 3);
      await cached.validate(a!);
      assert.equal(keysSeen.length, 4);
    });
  });

  describe('bearerTokenFrom', () => {
    const missing = (header: string | undefined) =>
      assert.throws(
        () => bearerTokenFrom(header),
        (e: unknown) => isDomainError(e) && e.code === ErrorCodes.AUTH_MISSING_TOKEN
      );

    it('When the header is "Bearer <token>", then it returns the token', () => {
      assert.equal(bearerTokenFrom('Bearer abc.def-_.ghi'), 'abc.def-_.ghi');
    });

    it('When the scheme is lower-case "bearer", then it returns the token', () => {
      assert.equal(bearerTokenFrom('bearer abc.def.ghi'), 'abc.def.ghi');
    });

    it('When the header is missing, then it throws AUTH.MISSING_TOKEN', () => {
      missing(undefined);
    });

    it('When the header is empty, then it throws AUTH.MISSING_TOKEN', () => {
      missing('');
    });

    it('When the scheme is Basic, then it throws AUTH.MISSING_TOKEN', () => {
      missing('Basic x');
    });

    it('When the token is empty or malformed, then it throws AUTH.MISSING_TOKEN', () => {
      missing('Bearer');
      missing('Bearer ');
      missing('Bearer a b');
      missing('Bearerabc');
      missing('Bearer a,b');
    });
  });
});
