/**
 * What the browser test files share: one headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core) for the whole run, a tab bundle never older than its sources, and pages that
 * can only reach the loopback backend. The browser is closed by a root-level `after` hook.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackend, type Backend } from './backend.ts';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const TAB_DIR = fileURLToPath(new URL('../../../tab/', import.meta.url));
const TAB_DIST = join(TAB_DIR, 'dist');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Newest modification time under a path, recursively. */
function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds tab/dist when missing or older than the tab's sources: never test a stale bundle. */
export async function ensureTabBuilt(): Promise<void> {
  const builtIndex = join(TAB_DIST, 'index.html');
  const sources = ['src', 'public', 'index.html', 'auth-end.html', 'vite.config.ts'].map((p) =>
    join(TAB_DIR, p)
  );
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSource) return;
  const { build } = await import('vite');
  await build({ root: TAB_DIR, logLevel: 'warn' });
}

let shared: Promise<Browser> | undefined;

/** The run's one browser, launched on first use (after the tab is built). */
export function sharedBrowser(): Promise<Browser> {
  shared ??= (async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: install it with "apt-get update && apt-get install -y chromium"`
    );
    await ensureTabBuilt();
    return chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  })();
  return shared;
}

// Root-level hook (outside any describe): runs once after every browser test file.
after(async () => {
  const launched = shared;
  shared = undefined;
  if (launched) await (await launched).close();
});

/**
 * A fresh browser profile (empty sessionStorage) whose requests to anything but the loopback
 * backend are aborted. The caller closes `contexts` and checks `pageErrors` after each test.
 */
export async function openIsolatedPage(
  browser: Browser,
  contexts: BrowserContext[],
  pageErrors: string[],
  options: BrowserContextOptions = {}
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    ...options,
  });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    return LOOPBACK.has(hostname) ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** The accessible name of the focused element (string expression: no DOM types in Node). */
export async function focusedName(page: Page): Promise<unknown> {
  return page.evaluate(
    `(() => { const el = document.activeElement;
      if (!el) return null;
      const labelledBy = el.getAttribute('aria-labelledby');
      const label = labelledBy && document.getElementById(labelledBy.split(' ')[0]);
      return el.getAttribute('aria-label') || (label && label.textContent) ||
        (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent; })()`
  );
}

/** A demo user as the dev issuer lists them (`GET /dev-issuer/users`). */
export interface ListedUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
}

/**
 * A test file's session helpers over one backend: the seeded users by name, and a fresh isolated
 * page signed in through the dev picker as one of them (waits for the app's navigation).
 */
export interface SignIn {
  user(displayName: string): ListedUser;
  signedIn(displayName: string, options?: BrowserContextOptions): Promise<Page>;
}

export async function signInHelpers(
  browser: Browser,
  backendUrl: string,
  contexts: BrowserContext[],
  pageErrors: string[]
): Promise<SignIn> {
  const users = (await (await fetch(`${backendUrl}/dev-issuer/users`)).json()) as ListedUser[];
  const user = (displayName: string): ListedUser => {
    const found = users.find((u) => u.displayName === displayName);
    assert.ok(found, `the demo seed has ${displayName}`);
    return found;
  };
  const signedIn = async (displayName: string, options: BrowserContextOptions = {}) => {
    const u = user(displayName);
    const page = await openIsolatedPage(browser, contexts, pageErrors, options);
    await page.goto(`${backendUrl}/`);
    const label =
      options.locale === 'fr-FR'
        ? `Se connecter en tant que ${u.displayName}, ${u.tenantName}`
        : `Sign in as ${u.displayName}, ${u.tenantName}`;
    await page.getByRole('button', { name: label }).click();
    await page.getByRole('navigation', { name: 'Partner Hub' }).waitFor();
    return page;
  };
  return { user, signedIn };
}

/** The app's navigation and its live region (announcements), as every page test finds them. */
export const nav = (page: Page) => page.getByRole('navigation', { name: 'Partner Hub' });
export const liveRegion = (page: Page) => page.getByRole('status').last();

/**
 * Registers, inside a `describe`, what a management-page test file needs: one backend for the
 * file, the shared browser, sign-in helpers, each test's pages closed after it and no uncaught
 * page error allowed. Call its members from tests (they exist once `before` has run).
 */
export function tabSuite(): SignIn & { url(): string; app(): Backend['app'] } {
  let backend: Backend | undefined;
  let session: SignIn | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  before(async function () {
    this.timeout(120_000);
    const browser = await sharedBrowser();
    backend = await startBackend();
    session = await signInHelpers(browser, backend.url, contexts, pageErrors);
  });
  after(async () => {
    await backend?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    assert.deepEqual(pageErrors.splice(0), [], 'the page threw uncaught errors');
  });

  return {
    url: () => backend!.url,
    app: () => backend!.app,
    user: (displayName) => session!.user(displayName),
    signedIn: (displayName, options) => session!.signedIn(displayName, options),
  };
}
