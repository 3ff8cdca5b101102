import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEV_ISSUER_KEY_FILE, createDevIssuer } from '../../src/auth/dev-issuer.ts';
import { createTokenValidator } from '../../src/auth/token-validator.ts';
import type { DevIssuer } from '../../src/auth/dev-issuer.ts';
import { ErrorCodes, isDomainError } from '../../src/core/errors.ts';

const AUDIENCE = 'api://rooms-partner-hub';
const PUBLIC_URL = 'http://localhost:3978';
const TENANT = '0b7e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const USER = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

function validatorFor(issuer: DevIssuer) {
  return createTokenValidator({
    audience: AUDIENCE,
    issuerTemplate: `${PUBLIC_URL}/dev-issuer/{tenantid}/v2.0`,
    keys: issuer.getKey,
    clockToleranceSeconds: 0,
  });
}

const persisted = (keyDir: string) =>
  createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE, keyDir });

const rejectsInvalidToken = (p: Promise<unknown>) =>
  assert.rejects(p, (e: unknown) => isDomainError(e) && e.code === ErrorCodes.AUTH_INVALID_TOKEN);

const rejectsBadRequest = (p: Promise<unknown>) =>
  assert.rejects(p, (e: unknown) => isDomainError(e) && e.code === ErrorCodes.REQUEST_INVALID);

describe('auth/dev-issuer', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rph-dev-issuer-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('When a token is minted, then it has the shape of an Entra v2 access token', async () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const issuer = await createDevIssuer({
      publicUrl: `${PUBLIC_URL}/`,
      audience: AUDIENCE,
      now: () => now,
    });
    const token = await issuer.mint({
      tenantId: TENANT.toUpperCase(),
      userId: USER,
      name: 'Adele Vance',
      upn: 'adele@contoso.test',
      wids: ['62e90394-69f5-4237-9190-012177145e10'],
      expiresInSeconds: 600,
    });
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'JWT');
    assert.equal(header.kid, issuer.jwks().keys[0]?.kid);
    const claims = decodeJwt(token);
    const iat = now.getTime() / 1000;
    assert.equal(claims.aud, AUDIENCE);
    assert.equal(claims.iss, `${PUBLIC_URL}/dev-issuer/${TENANT}/v2.0`);
    assert.equal(claims.iat, iat);
    assert.equal(claims.nbf, iat);
    assert.equal(claims.exp, iat + 600);
    assert.equal(claims['tid'], TENANT);
    assert.equal(claims['oid'], USER);
    assert.equal(typeof claims.sub, 'string');
    assert.notEqual(claims.sub, USER);
    assert.equal(claims['name'], 'Adele Vance');
    assert.equal(claims['preferred_username'], 'adele@contoso.test');
    assert.deepEqual(claims['wids'], ['62e90394-69f5-4237-9190-012177145e10']);
    assert.equal(claims['ver'], '2.0');
    assert.equal(claims['scp'], 'access_as_user');
    assert.equal(typeof claims['azp'], 'string');
    assert.equal(typeof claims['uti'], 'string');
    assert.equal(claims.jti, claims['uti']);
  });

  it('When no lifetime is given, then the token lives 3600 seconds', async () => {
    const issuer = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    const claims = decodeJwt(await issuer.mint({ tenantId: TENANT, userId: USER }));
    assert.equal(Number(claims.exp) - Number(claims.iat), 3600);
  });

  it('When the key set is published, then it holds public RSA members only', async () => {
    const issuer = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    const { keys } = issuer.jwks();
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.ok(key);
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(key.kty, 'RSA');
    assert.equal(Buffer.from(String(key.n), 'base64url').length * 8, 2048);
    // Callers get a copy: mutating it does not change what is served next.
    key.n = 'tampered';
    assert.notEqual(issuer.jwks().keys[0]?.n, 'tampered');
  });

  it('When the discovery document is asked for, then it mirrors Entra for the tenant', async () => {
    const issuer = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    const config = issuer.openIdConfiguration(TENANT);
    assert.equal(config.issuer, `${PUBLIC_URL}/dev-issuer/${TENANT}/v2.0`);
    assert.equal(config.issuer, issuer.issuerFor(TENANT));
    assert.equal(config.jwks_uri, `${PUBLIC_URL}/dev-issuer/discovery/v2.0/keys`);
    assert.equal(config.jwks_uri, issuer.jwksUri);
    assert.deepEqual(config.id_token_signing_alg_values_supported, ['RS256']);
  });

  it('When a tenant id is not a GUID, then issuerFor, discovery and mint refuse it', async () => {
    const issuer = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    assert.throws(() => issuer.issuerFor('../evil'), isDomainError);
    assert.throws(() => issuer.openIdConfiguration('common'), isDomainError);
    await rejectsBadRequest(issuer.mint({ tenantId: 'contoso', userId: USER }));
    await rejectsBadRequest(issuer.mint({ tenantId: TENANT, userId: 'adele' }));
    await rejectsBadRequest(issuer.mint({ tenantId: TENANT, userId: USER, expiresInSeconds: 0 }));
    await rejectsBadRequest(issuer.mint({ tenantId: TENANT, userId: USER, expiresInSeconds: 1.5 }));
  });

  it("When two instances share a keyDir, then the second accepts the first's tokens", async () => {
    const first = await persisted(dir);
    const token = await first.mint({ tenantId: TENANT, userId: USER });
    const second = await persisted(dir);
    assert.deepEqual(second.jwks(), first.jwks());
    assert.equal((await validatorFor(second).validate(token)).userId, USER);
  });

  it('When the key is persisted, then the file is a private JWK for the owner only', async () => {
    await persisted(join(dir, 'nested'));
    const file = join(dir, 'nested', DEV_ISSUER_KEY_FILE);
    const jwk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(jwk['kty'], 'RSA');
    assert.equal(typeof jwk['d'], 'string');
    if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('When two instances start at once on an empty keyDir, then they share a key', async () => {
    const [a, b] = await Promise.all([persisted(dir), persisted(dir)]);
    assert.deepEqual(a.jwks(), b.jwks());
  });

  it('When no keyDir is given, then each instance has its own key', async () => {
    const a = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    const b = await createDevIssuer({ publicUrl: PUBLIC_URL, audience: AUDIENCE });
    const token = await a.mint({ tenantId: TENANT, userId: USER });
    assert.equal((await validatorFor(a).validate(token)).tenantId, TENANT);
    await rejectsInvalidToken(validatorFor(b).validate(token));
  });

  it('When the key file is corrupt, then creation fails instead of replacing it', async () => {
    const file = join(dir, DEV_ISSUER_KEY_FILE);
    await writeFile(file, '{"kty":"oct","k":"c2VjcmV0"}');
    await assert.rejects(persisted(dir), /not an RSA private JWK/);
    await writeFile(file, 'not json');
    await assert.rejects(persisted(dir), /not JSON/);
    assert.equal(await readFile(file, 'utf8'), 'not json');
  });
});
