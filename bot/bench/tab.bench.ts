/**
 * Tab benchmark: the built tab served by the real service (demo seed, local auth), opened in
 * headless Chromium (/usr/bin/chromium through playwright-core) on the Incidents page of a signed-in
 * Contoso Global admin:
 * - first-load bytes as sent over the wire (compressed bodies plus headers, from Chromium's own
 *   accounting), scripts apart, on a cold cache;
 * - time from navigation start to the first ticket row, cold and then warm (cached scripts).
 * Printed beside the figures before issue #12 (261.7 KB gzip JS, about 190–330 ms warm). No
 * thresholds.
 *
 * Run alone with `npm run bench -- tab`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startTestApp } from '../test/support/harness.ts';

const TAB_DIR = fileURLToPath(new URL('../../tab/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const WARM_RUNS = 7;
const BEFORE = { jsGzipKB: 261.7, warmMs: '190–330' };

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

async function ensureBuilt(): Promise<void> {
  const index = join(TAB_DIR, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'auth-end.html', 'vite.config.ts'].map((p) =>
    join(TAB_DIR, p)
  );
  const source = Math.max(...sources.filter(existsSync).map(newest));
  if (existsSync(index) && statSync(index).mtimeMs >= source) return;
  const { build } = await import('vite');
  await build({ root: TAB_DIR, logLevel: 'warn' });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Milliseconds from navigation start until the first ticket row is in the page. */
async function timeToFirstRow(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('table[aria-label="Incidents"] tbody tr').first().waitFor();
  return (await page.evaluate(`performance.now()`)) as number;
}

export async function runTabBench(log: (line: string) => void): Promise<void> {
  await ensureBuilt();
  const app = await startTestApp();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const token = await app.tokenFor('contoso', 'alex');
    const customers = await app.call('GET', '/api/customers', { token });
    const customerId = String((customers.body.items ?? [])[0]?.tenantId ?? '');
    const url = `${app.url}/#/incidents?customer=${customerId}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(
      `sessionStorage.setItem('rooms-partner-hub.dev-session', ${JSON.stringify(
        JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 })
      )})`
    );
    const page = await context.newPage();

    // Cold load: every byte Chromium received for the page, as sent (compressed) plus headers.
    const sizes: { url: string; type: string; body: number; headers: number; encoding: string }[] =
      [];
    page.on('requestfinished', (request) => {
      void (async () => {
        const s = await request.sizes();
        const response = await request.response();
        sizes.push({
          url: request.url(),
          type: request.resourceType(),
          body: s.responseBodySize,
          headers: s.responseHeadersSize,
          encoding: (await response?.headerValue('content-encoding')) ?? 'none',
        });
      })();
    });
    const cold = await timeToFirstRow(page, url);
    await page.waitForLoadState('networkidle');
    const kb = (n: number) => (n / 1024).toFixed(1);
    const scripts = sizes.filter((s) => s.type === 'script');
    const jsBody = scripts.reduce((sum, s) => sum + s.body, 0);
    const total = sizes.reduce((sum, s) => sum + s.body + s.headers, 0);
    const encodings = [...new Set(scripts.map((s) => s.encoding))].join(', ');
    log(
      `first load, scripts over the wire: ${kb(jsBody)} KB (${encodings})   before: ${BEFORE.jsGzipKB} KB gzip JS`
    );
    log(
      `first load, everything over the wire (${sizes.length} responses, headers included): ${kb(total)} KB`
    );
    log(`time to first ticket row, cold cache: ${cold.toFixed(0)} ms`);

    // Warm: the scripts come from the cache; the page and the API answers are fetched again.
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      await page.goto('about:blank');
      warm.push(await timeToFirstRow(page, url));
    }
    log(
      `time to first ticket row, warm: median ${median(warm).toFixed(0)} ms ` +
        `(min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)}, ${WARM_RUNS} runs)   ` +
        `before: about ${BEFORE.warmMs} ms`
    );
  } finally {
    await browser.close();
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runTabBench((l) => process.stdout.write(`${l}\n`));
