/**
 * How the service delivers the tab and the API over the wire: compressed (brotli, else gzip, as
 * the client accepts), never a source map, plain bytes for a client that accepts no encoding.
 * Raw node:http requests, so nothing decompresses behind the test's back.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, consentUrl } from '../../src/server.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('Delivery: compressed responses, no public source maps', function () {
  this.timeout(30_000);

  let app: TestApp;
  let dist: string;
  // Large enough to be compressed, repetitive as real bundles are.
  const script = `export const rows = [${Array.from({ length: 800 }, (_, i) => `{"n":${i}}`).join(',')}];\n`;

  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'rph-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>tab</title><div id="root"></div>'
    );
    writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), script);
    writeFileSync(
      path.join(dist, 'assets', 'app-abc123.js.map'),
      '{"version":3,"sources":["secret.ts"]}'
    );
    app = await startTestApp({}, { tabDist: dist });
  });
  after(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('When the browser accepts brotli, then the tab script arrives brotli-compressed and smaller', async () => {
    const res = await get(`${app.url}/assets/app-abc123.js`, {
      'accept-encoding': 'gzip, deflate, br',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers.vary, 'accept-encoding');
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.ok(res.body.length < script.length / 4, `${res.body.length} bytes`);
    assert.equal(brotliDecompressSync(res.body).toString(), script);
  });

  it('When the browser accepts only gzip, then gzip; when it accepts nothing, then plain bytes', async () => {
    const gz = await get(`${app.url}/assets/app-abc123.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), script);

    const plain = await get(`${app.url}/assets/app-abc123.js`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), script);
  });

  it('When a source map is asked for, then it is not served even if present on disk', async () => {
    const res = await get(`${app.url}/assets/app-abc123.js.map`);
    assert.equal(res.status, 404);
    assert.ok(!res.body.toString().includes('secret.ts'));
  });

  it('When an API answer is large, then it is compressed too; a small one is sent as is', async () => {
    const big = await get(`${app.url}/api/openapi.json`, {
      'accept-encoding': 'br;q=1, gzip;q=0.5',
    });
    assert.equal(big.status, 200);
    assert.equal(big.headers['content-encoding'], 'br');
    const doc = JSON.parse(brotliDecompressSync(big.body).toString()) as { openapi: string };
    assert.match(doc.openapi, /^3\./);

    const token = await app.tokenFor('contoso', 'alex');
    const tickets = await get(`${app.url}/api/incidents?limit=100`, {
      'accept-encoding': 'gzip',
      authorization: `Bearer ${token}`,
    });
    assert.equal(tickets.status, 200);
    assert.equal(tickets.headers['content-encoding'], 'gzip');
    const page = JSON.parse(gunzipSync(tickets.body).toString()) as { items: unknown[] };
    assert.ok(page.items.length > 0);
    const refused = await get(`${app.url}/api/me`, { 'accept-encoding': 'gzip' });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['content-encoding'], undefined, 'a short error is not worth it');
    assert.equal(
      (JSON.parse(refused.body.toString()) as { code: string }).code.split('.')[0],
      'AUTH'
    );
  });

  it('When Accept-Encoding is parsed, then q-values and wildcards are honoured', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), null);
  });

  it('When Teams asks for consent, then /auth/consent sends Entra mode to the consent prompt, local mode nowhere', async () => {
    const local = await get(`${app.url}/auth/consent`);
    assert.equal(local.status, 404);
    assert.equal(
      (JSON.parse(local.body.toString()) as { code: string }).code,
      'AUTH.CONSENT_UNAVAILABLE'
    );

    const clientId = '11111111-2222-3333-4444-555555555555';
    const url = new URL(
      consentUrl({
        AUTH_MODE: 'entra',
        AUTH_AUDIENCE: [clientId, `api://hub.example/${clientId}`],
        PUBLIC_URL: 'https://hub.example',
      })!
    );
    assert.equal(url.origin, 'https://login.microsoftonline.com');
    assert.equal(url.searchParams.get('client_id'), clientId);
    assert.equal(url.searchParams.get('prompt'), 'consent');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://hub.example/auth-end.html');
    assert.equal(
      url.searchParams.get('scope'),
      `api://hub.example/${clientId}/access_as_user openid`
    );
    assert.equal(
      consentUrl({ AUTH_MODE: 'entra', AUTH_AUDIENCE: ['api://x'], PUBLIC_URL: 'https://x' }),
      null
    );
  });
});
