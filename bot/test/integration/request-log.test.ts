/**
 * The request log: one line per request, with the status the client really got. Static files of
 * the tab included: a file streamed from disk used to be logged as 444 (restify's mark for a
 * client gone before the response finished) when the client had the whole file and hung up
 * before the stream noticed the end of the file, e.g. while the service compressed its build in
 * the background on a fresh start.
 */
import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { matchesEtag } from '../../src/server.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

interface LogLine {
  msg: string;
  url?: string;
  status?: number;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * GET as curl does: one HTTP/1.1 request on a fresh connection, hung up as soon as the body
 * announced by Content-Length has arrived (no wait for the server to close).
 */
function curlGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const split = received.indexOf('\r\n\r\n');
      if (split < 0) return;
      const [statusLine = '', ...lines] = received.subarray(0, split).toString().split('\r\n');
      const head = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ])
      );
      const body = received.subarray(split + 4);
      if (body.length < Number(head['content-length'] ?? 0)) return;
      socket.destroy();
      resolve({ status: Number(statusLine.split(' ')[1]), headers: head, body });
    });
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(`GET ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\n${extra.join('')}\r\n`);
  });
}

/** Keeps Node's thread pool (file reads, zlib) busy until stopped, as a fresh start's compression does. */
function busyThreadPool(): () => Promise<void> {
  let running = true;
  const workers = Array.from(
    { length: 4 },
    () =>
      new Promise<void>((done) => {
        const spin = () => {
          if (!running) return done();
          pbkdf2('x', 'y', 200_000, 32, 'sha256', spin);
        };
        spin();
      })
  );
  return async () => {
    running = false;
    await Promise.all(workers);
  };
}

describe('Request log: static files of the tab', function () {
  this.timeout(30_000);

  let app: TestApp;
  let dist: string;
  const lines: LogLine[] = [];
  const page = `<!doctype html><title>tab</title><div id="root"></div>${'<!-- x -->'.repeat(300)}`;
  const small = 'body{margin:0}';

  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'rph-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), page);
    writeFileSync(path.join(dist, 'assets', 'app-abc123.css'), small);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    app = await startTestApp({}, { tabDist: dist, logger: pino({ level: 'info' }, sink) });
  });
  after(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  /** The request lines logged for `url` (the line is written once the service is done with it). */
  async function loggedFor(url: string, count = 1): Promise<number[]> {
    const mine = () => lines.filter((l) => l.msg === 'request' && l.url === url);
    for (let i = 0; i < 1000 && mine().length < count; i++)
      await new Promise((r) => setTimeout(r, 5));
    return mine().map((l) => l.status ?? 0);
  }

  it('When curl fetches the tab while the thread pool is busy, then the log says 200, as curl got', async () => {
    const stop = busyThreadPool();
    try {
      const res = await curlGet(`${app.url}/`);
      assert.equal(res.status, 200);
      assert.equal(res.body.toString(), page);
    } finally {
      await stop();
    }
    assert.deepEqual(await loggedFor('/'), [200]);
  });

  it('When a small stylesheet and a client-side route are fetched, then each is logged once as 200', async () => {
    const css = await curlGet(`${app.url}/assets/app-abc123.css`, { 'accept-encoding': 'br' });
    assert.equal(css.status, 200);
    assert.equal(css.body.toString(), small);
    const route = await curlGet(`${app.url}/incidents/42`, { 'accept-encoding': 'gzip' });
    assert.equal(route.status, 200);
    assert.deepEqual(await loggedFor('/assets/app-abc123.css'), [200]);
    assert.deepEqual(await loggedFor('/incidents/42'), [200]);
  });

  it('When a missing asset is asked for, then the log says 404', async () => {
    const res = await curlGet(`${app.url}/assets/gone-000.js`);
    assert.equal(res.status, 404);
    assert.deepEqual(await loggedFor('/assets/gone-000.js'), [404]);
  });

  it('When the browser revalidates the tab with its ETag, then 304 without a body, logged as 304; a changed file is sent again', async () => {
    const first = await curlGet(`${app.url}/`, { 'accept-encoding': 'gzip' });
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.equal(first.headers['cache-control'], 'no-cache');
    const etag = first.headers.etag ?? '';
    assert.match(etag, /^"[\w-]+-gzip"$/);
    const plain = await curlGet(`${app.url}/`);
    assert.notEqual(plain.headers.etag, etag, 'each encoding is its own representation');

    const again = await curlGet(`${app.url}/`, {
      'accept-encoding': 'gzip',
      'if-none-match': `W/"other", ${etag}`,
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.deepEqual((await loggedFor('/', 4)).slice(-1), [304]);

    writeFileSync(path.join(dist, 'index.html'), `${page}<!-- new build -->`);
    const changed = await curlGet(`${app.url}/`, { 'if-none-match': plain.headers.etag ?? '' });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.toString(), `${page}<!-- new build -->`);
    assert.notEqual(changed.headers.etag, plain.headers.etag);
  });

  it('When If-None-Match is parsed, then lists, weak tags and * match; other tags do not', () => {
    assert.equal(matchesEtag('"a", W/"b"', '"b"'), true);
    assert.equal(matchesEtag('*', '"b"'), true);
    assert.equal(matchesEtag('"a"', '"b"'), false);
    assert.equal(matchesEtag(undefined, '"b"'), false);
  });
});
