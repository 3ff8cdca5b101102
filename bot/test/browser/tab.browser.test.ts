/**
 * The tab in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): dev
 * sign-in, the landing page, error handling, host detection outside Teams, inside a fake Teams
 * host (SSO token, theme, locale through the real Teams SDK), French, keyboard use.
 *
 * Every request that is not to the loopback backend is aborted (which also stubs the Teams SDK's
 * validDomains.json download); the two https origins of the Teams cases are fulfilled by routes.
 * Expectations come from the backend's own answers (users from /dev-issuer/users, roles from
 * /api/me), so the same test runs against the fake backend and the real service.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startBackend, type Backend } from './backend.ts';
import { focusedName, openIsolatedPage, sharedBrowser } from './browser.support.ts';

const LANDING_SCREENSHOT = '/tmp/tab-landing.png';
const SESSION_KEY = 'rooms-partner-hub.dev-session';

interface ListedUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  description: string;
}

interface MeBody {
  tenantName: string;
  displayName: string;
  userPrincipalName: string;
  isGlobalAdmin: boolean;
  isRoomsProManager: boolean;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  assert.equal(response.ok, true, `${init?.method ?? 'GET'} ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A dev issuer token for `user`; the fake Teams host hands it out as the SSO token. */
async function devToken(backend: Backend, user: ListedUser): Promise<string> {
  const token = await getJson<{ accessToken: string }>(`${backend.url}/dev-issuer/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantId: user.tenantId, userId: user.userId }),
  });
  return token.accessToken;
}

/** What the landing page should show for `user`, straight from the backend. */
async function meOf(backend: Backend, user: ListedUser): Promise<MeBody> {
  return getJson<MeBody>(`${backend.url}/api/me`, {
    headers: { Authorization: `Bearer ${await devToken(backend, user)}` },
  });
}

/**
 * The stored dev session, read in the page. String expressions keep DOM types out of this
 * Node-typed test project.
 */
async function storedSession(page: Page): Promise<unknown> {
  return page.evaluate(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`);
}

function signInButton(page: Page, user: ListedUser) {
  return page.getByRole('button', { name: `Sign in as ${user.displayName}, ${user.tenantName}` });
}

/** Where the fake Teams host and the tab appear to live; both are served by page routes. */
const TEAMS_ORIGIN = 'https://teams.microsoft.com';
const TAB_ORIGIN = 'https://rph.test';

interface FakeTeamsOptions {
  /** What `authentication.getAuthToken` answers: a token, or a failure reason. */
  sso: { token: string } | { error: string };
  theme: 'default' | 'dark' | 'contrast';
  locale: string;
  /** The host answers `initialize` only after this long (a slow, e.g. mobile, Teams start). */
  initDelayMs?: number;
  /** A deep link's page (`subEntityId`, read by the SDK as `page.subPageId`). */
  subEntityId?: string;
  /** Consent given in the authentication pop-up: then `getAuthToken` answers this token. */
  tokenAfterConsent?: string;
  hostClientType?: 'web' | 'desktop';
}

/**
 * A stand-in for the Teams web client: an https page on teams.microsoft.com (an origin the Teams
 * SDK trusts) that frames the tab and answers the SDK's postMessage calls the tab makes
 * (initialize, getContext, authentication.getAuthToken). `window.hostCalls` records them and
 * `window.sendToTab(func, args)` pushes a host event such as a theme change.
 */
function fakeTeamsHostPage(options: FakeTeamsOptions): string {
  const runtime = {
    apiVersion: 4,
    supports: { app: {}, authentication: {}, pages: { config: {}, tabs: {} }, teamsCore: {} },
  };
  const context = {
    locale: options.locale,
    theme: options.theme,
    frameContext: 'content',
    hostClientType: options.hostClientType ?? 'web',
    entityId: 'partnerHub',
    ...(options.subEntityId ? { subEntityId: options.subEntityId } : {}),
  };
  const sso = 'token' in options.sso ? [true, options.sso.token] : [false, options.sso.error];
  const script = `
    const frame = document.getElementById('tab');
    const answers = {
      initialize: ['content', ${JSON.stringify(options.hostClientType ?? 'web')}, ${JSON.stringify(JSON.stringify(runtime))}, '2.0.0'],
      getContext: [${JSON.stringify(context)}],
      'authentication.getAuthToken': ${JSON.stringify(sso)},
      'authentication.authenticate': [true, 'consented'],
    };
    const delays = { initialize: ${options.initDelayMs ?? 0} };
    const afterConsent = ${JSON.stringify(options.tokenAfterConsent ?? null)};
    window.hostCalls = [];
    window.sendToTab = (func, args) =>
      frame.contentWindow.postMessage({ func, args }, ${JSON.stringify(TAB_ORIGIN)});
    window.addEventListener('message', (event) => {
      const m = event.data;
      if (event.source !== frame.contentWindow || !m || typeof m.func !== 'string') return;
      window.hostCalls.push(m.func);
      const args = answers[m.func];
      if (!args) return;
      if (m.func === 'authentication.authenticate' && afterConsent) {
        answers['authentication.getAuthToken'] = [true, afterConsent];
      }
      const response = { id: m.id, uuidAsString: m.uuidAsString, args };
      setTimeout(() => frame.contentWindow.postMessage(response, event.origin), delays[m.func] || 0);
    });`;
  return (
    '<!doctype html><title>Microsoft Teams (test double)</title>' +
    '<style>body{margin:0}iframe{border:0;width:100vw;height:100vh}</style>' +
    `<iframe id="tab" title="Partner Hub" src="${TAB_ORIGIN}/?inTeams=1"></iframe>` +
    `<script>${script}</script>`
  );
}

describe('Tab in headless Chromium', function () {
  this.timeout(60_000);

  let backend: Backend;
  let browser: Browser;
  let users: ListedUser[];
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  before(async function () {
    this.timeout(120_000);
    browser = await sharedBrowser();
    backend = await startBackend();
    users = await getJson<ListedUser[]>(`${backend.url}/dev-issuer/users`);
    assert.ok(users.length >= 2, 'the backend must list at least two users');
  });

  after(async () => {
    await backend?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    const errors = pageErrors.splice(0);
    assert.deepEqual(errors, [], 'the page threw uncaught errors');
  });

  /** A fresh browser profile (empty sessionStorage) that can only reach the loopback backend. */
  function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    return openIsolatedPage(browser, contexts, pageErrors, options);
  }

  /**
   * Opens the tab inside the fake Teams host. Both https origins are fulfilled by routes: the
   * host page from memory, the tab's requests from the loopback backend. Nothing leaves the box.
   */
  async function openInFakeTeams(
    options: FakeTeamsOptions,
    prepare?: (page: Page) => Promise<unknown>
  ): Promise<Page> {
    const page = await openPage();
    await page.route(`${TEAMS_ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: fakeTeamsHostPage(options) })
    );
    await page.route(`${TAB_ORIGIN}/**`, async (route) => {
      const { pathname, search } = new URL(route.request().url());
      const response = await route.fetch({ url: `${backend.url}${pathname}${search}` });
      await route.fulfill({ response });
    });
    // Routes added later take precedence: a test's own answers come before the pass-through.
    await prepare?.(page);
    await page.goto(`${TEAMS_ORIGIN}/_rph-test/host.html`);
    return page;
  }

  /** Mean of the RGB channels: below 80 is a dark theme, above 200 a light one. */
  const luminance = (rgb: number[]) => rgb.reduce((sum, c) => sum + c, 0) / 3;

  /** The tab's page background, as [r, g, b] (it tells which Fluent theme is active). */
  async function tabBackground(page: Page): Promise<number[]> {
    const frame = page.frame({ url: (url) => url.origin === TAB_ORIGIN });
    assert.ok(frame, 'the tab frame');
    const color = (await frame.evaluate(
      `getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor`
    )) as string;
    return (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  }

  async function signInAs(page: Page, user: ListedUser): Promise<void> {
    await page.goto(`${backend.url}/`);
    await signInButton(page, user).click();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${user.displayName}` }).waitFor();
  }

  /** The first user whose demo description mentions a Global admin, else the first user. */
  function adminUser(): ListedUser {
    return users.find((u) => /global admin/i.test(u.description)) ?? users[0]!;
  }

  it('When the tab opens standalone, then the picker lists users grouped by tenant', async () => {
    const page = await openPage();
    await page.goto(`${backend.url}/`);

    // One h1, the screen's own title; the app's name is the banner's brand, not a heading.
    await page.getByRole('heading', { level: 1, name: 'Choose a test account' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    await page.getByRole('banner').getByText('Rooms Partner Hub').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Rooms Partner Hub' }).count(), 0);
    await page.getByRole('main').waitFor();

    const tenants = new Map<string, ListedUser[]>();
    for (const u of users) tenants.set(u.tenantName, [...(tenants.get(u.tenantName) ?? []), u]);
    const headings = page.getByRole('heading', { level: 2 });
    await headings.first().waitFor();
    assert.deepEqual(await headings.allTextContents(), [...tenants.keys()]);

    for (const [tenantName, members] of tenants) {
      const region = page.getByRole('region', { name: tenantName });
      const buttons = region.getByRole('button', { name: /^Sign in as / });
      assert.equal(await buttons.count(), members.length, `buttons under ${tenantName}`);
      for (const member of members) {
        await signInButton(page, member).waitFor();
        assert.equal(await region.getByText(member.displayName, { exact: true }).count(), 1);
        if (member.description) await region.getByText(member.description).first().waitFor();
      }
    }
  });

  it('When a user is picked, then the landing shows their name, tenant and roles', async () => {
    const user = adminUser();
    const expected = await meOf(backend, user);
    const page = await openPage();
    await signInAs(page, user);

    const account = page.getByRole('region', { name: 'Your account' });
    await account.getByText(expected.displayName, { exact: true }).waitFor();
    await account.getByText(expected.tenantName, { exact: true }).waitFor();
    if (expected.userPrincipalName) await account.getByText(expected.userPrincipalName).waitFor();
    await page.getByRole('group', { name: `Signed in as ${expected.displayName}` }).waitFor();

    const roles = page.getByRole('region', { name: 'Your roles' });
    const expectedRoles = [
      ...(expected.isGlobalAdmin ? ['Global admin'] : []),
      ...(expected.isRoomsProManager ? ['Teams Rooms Pro Manager'] : []),
    ];
    const shownRoles = await roles.getByRole('listitem').allTextContents();
    assert.deepEqual(shownRoles, expectedRoles);

    // "Where to start" offers exactly the pages of the navigation; an admin has at least the
    // customer-side ones (Partners, Audit log).
    const nav = page.getByRole('navigation', { name: 'Partner Hub' });
    await nav.getByRole('link', { name: 'Partners' }).waitFor();
    const pages = (await nav.getByRole('link').allTextContents()).filter((t) => t !== 'Overview');
    const start = page.getByRole('region', { name: 'Where to start' });
    assert.deepEqual(await start.getByRole('heading', { level: 3 }).allTextContents(), pages);
    assert.ok(pages.includes('Audit log'), pages.join(', '));
    assert.ok(await storedSession(page), 'the dev token is kept in sessionStorage');

    await page.screenshot({ path: LANDING_SCREENSHOT, fullPage: true });

    // A reload keeps the session: the token is read back from sessionStorage.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${user.displayName}` }).waitFor();
  });

  it('When "Switch user" is pressed, then the picker is back and the session is gone', async () => {
    const page = await openPage();
    await signInAs(page, adminUser());

    await page.getByRole('button', { name: 'Switch user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a test account' }).waitFor();
    assert.equal(await focusedName(page), 'Choose a test account');
    assert.equal(await storedSession(page), null);

    // Another user can now sign in.
    const other = users.find((u) => u.userId !== adminUser().userId) ?? users[1]!;
    await signInButton(page, other).click();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${other.displayName}` }).waitFor();
  });

  it('When /api/me fails, then its message shows in an error MessageBar', async () => {
    const page = await openPage();
    const failure = { code: 'INTERNAL.ERROR', message: 'The directory is unavailable (test).' };
    await page.route('**/api/me', (route) => route.fulfill({ status: 503, json: failure }));
    await page.goto(`${backend.url}/`);
    await signInButton(page, adminUser()).click();

    const bar = page.getByRole('group', { name: 'Could not load your profile' });
    await bar.getByText(failure.message).waitFor();
    assert.match((await bar.getAttribute('class')) ?? '', /fui-MessageBar/);

    await page.unroute('**/api/me');
    await bar.getByRole('button', { name: 'Try again' }).click();
    await page
      .getByRole('heading', { level: 1, name: `Welcome, ${adminUser().displayName}` })
      .waitFor();
    assert.equal(await bar.count(), 0);
  });

  it('When /api/me answers 401, then the tab returns to the picker with a notice', async () => {
    const page = await openPage();
    await page.route('**/api/me', (route) =>
      route.fulfill({
        status: 401,
        json: { code: 'AUTH.INVALID_TOKEN', message: 'The access token has expired.' },
      })
    );
    await page.goto(`${backend.url}/`);
    await signInButton(page, adminUser()).click();

    await page.getByRole('heading', { level: 1, name: 'Choose a test account' }).waitFor();
    await page.getByText('Your session has ended. Choose an account to sign in again.').waitFor();
    assert.equal(await storedSession(page), null);
  });

  it('When the service has no dev issuer, then the tab says to open it in Teams', async () => {
    const page = await openPage();
    await page.route('**/dev-issuer/users', (route) =>
      route.fulfill({ status: 404, json: { code: 'ROUTE.NOT_FOUND', message: 'No such route.' } })
    );
    await page.goto(`${backend.url}/`);
    await page
      .getByRole('heading', { level: 1, name: 'Open Rooms Partner Hub in Microsoft Teams' })
      .waitFor();
    assert.equal(await page.getByRole('button', { name: /^Sign in as / }).count(), 0);
  });

  it('When opened with ?inTeams=1 outside Teams, then it falls back at once', async () => {
    const page = await openPage();
    const started = Date.now();
    await page.goto(`${backend.url}/?inTeams=1`);
    await page.getByRole('heading', { level: 1, name: 'Choose a test account' }).waitFor();
    // Top level, the SDK fails fast ("no parent window"); the 4 s host timeout is not needed.
    assert.ok(Date.now() - started < 3_500, `took ${Date.now() - started} ms`);
  });

  /** A parent page that frames the tab and never answers the Teams SDK. */
  async function openInSilentParent(tabPath: string): Promise<Page> {
    const page = await openPage();
    await page.route('**/__test/silent-parent.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body:
          '<!doctype html><title>Not Teams</title>' +
          `<iframe title="tab" src="${tabPath}" style="width:1200px;height:760px"></iframe>`,
      })
    );
    await page.goto(`${backend.url}/__test/silent-parent.html`);
    return page;
  }

  it('When framed by a page that is not Teams, then it falls back to the browser after the timeout', async () => {
    const started = Date.now();
    const page = await openInSilentParent('/');
    const frame = page.frameLocator('iframe[title="tab"]');
    await frame
      .getByRole('heading', { level: 1, name: 'Choose a test account' })
      .waitFor({ timeout: 15_000 });
    const elapsed = Date.now() - started;
    // Without the timeout, the SDK's initialize() would wait 60 s.
    assert.ok(elapsed < 10_000, `fell back after ${elapsed} ms`);
  });

  it('When opened through the manifest and Teams is slow, then it keeps waiting instead of becoming a web page', async () => {
    const page = await openInSilentParent('/?inTeams=1');
    const frame = page.frameLocator('iframe[title="tab"]');
    // Past the first 4 s: still connecting, and no browser sign-in offered.
    await frame
      .getByText('Connecting to Microsoft Teams… This is taking longer than usual.')
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1_000);
    assert.equal(await frame.getByRole('heading', { name: 'Choose a test account' }).count(), 0);
  });

  it('When Teams answers only after 6 s, then the tab still signs in with Teams SSO', async () => {
    const user = adminUser();
    const page = await openInFakeTeams({
      sso: { token: await devToken(backend, user) },
      theme: 'default',
      locale: 'en-US',
      initDelayMs: 6_000,
    });
    const tab = page.frameLocator('#tab');
    await tab
      .getByRole('heading', { level: 1, name: `Welcome, ${user.displayName}` })
      .waitFor({ timeout: 20_000 });
    assert.equal(
      await tab.getByRole('button', { name: 'Switch user' }).count(),
      0,
      'not browser mode'
    );
  });

  it('When a Teams deep link names a ticket, then the tab opens it', async () => {
    const alex = users.find((u) => u.displayName === 'Alex Wilber')!;
    const token = await devToken(backend, alex);
    const tickets = await getJson<{
      items: { id: string; customerTenantId: string; roomName: string; source: string }[];
    }>(`${backend.url}/api/incidents?limit=20`, { headers: { Authorization: `Bearer ${token}` } });
    // Not the newest: the page must open the one named, not the first row.
    const ticket = tickets.items.filter((t) => t.source === 'signal')[1]!;
    const page = await openInFakeTeams({
      sso: { token },
      theme: 'default',
      locale: 'en-US',
      subEntityId: `incidents?customer=${ticket.customerTenantId}&ticket=${ticket.id}`,
    });
    const tab = page.frameLocator('#tab');
    await tab.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    const panel = tab.getByRole('region', { name: new RegExp(`— ${ticket.roomName}$`) });
    await panel.getByRole('heading', { level: 2 }).waitFor();
    await panel.getByRole('button', { name: 'Close' }).waitFor();
  });

  it('When the API refuses the Teams token once, then the tab asks Teams again and carries on', async () => {
    const user = adminUser();
    let asked = 0;
    const page = await openInFakeTeams(
      { sso: { token: await devToken(backend, user) }, theme: 'default', locale: 'en-US' },
      (p) =>
        p.route(`${TAB_ORIGIN}/api/me`, async (route) => {
          if (asked++ === 0) {
            await route.fulfill({
              status: 401,
              json: { code: 'AUTH.INVALID_TOKEN', message: 'Expired.' },
            });
            return;
          }
          await route.fallback();
        })
    );
    const tab = page.frameLocator('#tab');
    await tab.getByRole('heading', { level: 1, name: `Welcome, ${user.displayName}` }).waitFor();
    assert.equal(asked, 2, 'one refusal, one retry');
    const calls = (await page.evaluate('window.hostCalls')) as string[];
    assert.ok(
      calls.filter((c) => c === 'authentication.getAuthToken').length >= 2,
      calls.join(', ')
    );
  });

  it('When Teams needs consent, then "Give consent" opens the Teams pop-up and sign-in carries on', async () => {
    const user = adminUser();
    const page = await openInFakeTeams({
      sso: { error: 'resourceRequiresConsent' },
      tokenAfterConsent: await devToken(backend, user),
      theme: 'default',
      locale: 'en-US',
      hostClientType: 'desktop',
    });
    const tab = page.frameLocator('#tab');
    const bar = tab.getByRole('group', { name: 'Rooms Partner Hub needs your consent' });
    await bar.getByRole('button', { name: 'Give consent' }).click();
    await tab.getByRole('heading', { level: 1, name: `Welcome, ${user.displayName}` }).waitFor();
    const calls = (await page.evaluate('window.hostCalls')) as string[];
    assert.ok(calls.includes('authentication.authenticate'), calls.join(', '));
  });

  it('When hosted by Teams, then it signs in with SSO and follows the theme', async () => {
    const user = adminUser();
    const page = await openInFakeTeams({
      sso: { token: await devToken(backend, user) },
      theme: 'dark',
      locale: 'fr-FR',
    });
    const tab = page.frameLocator('#tab');

    // The Teams locale wins over the browser's en-US; no dev picker, no switch-user button.
    await tab.getByRole('heading', { level: 1, name: `Bienvenue, ${user.displayName}` }).waitFor();
    assert.equal(await tab.getByRole('button', { name: "Changer d'utilisateur" }).count(), 0);
    const calls = (await page.evaluate('window.hostCalls')) as string[];
    assert.ok(calls.includes('authentication.getAuthToken'), calls.join(', '));

    assert.ok(luminance(await tabBackground(page)) < 80, 'dark theme from the Teams context');
    await page.evaluate(`window.sendToTab('themeChange', ['default'])`);
    let light = false;
    for (let tries = 0; tries < 40 && !light; tries++) {
      light = luminance(await tabBackground(page)) > 200;
      if (!light) await page.waitForTimeout(50);
    }
    assert.ok(light, 'light theme after Teams reported a theme change');
  });

  it('When Teams SSO fails, then the reason is shown with a retry', async () => {
    const page = await openInFakeTeams({
      sso: { error: 'tokenServiceUnavailable' },
      theme: 'default',
      locale: 'en-US',
    });
    const bar = page
      .frameLocator('#tab')
      .getByRole('group', { name: 'Single sign-on with Microsoft Teams failed' });
    await bar.getByText('tokenServiceUnavailable').waitFor();
    await bar.getByRole('button', { name: 'Try again' }).waitFor();
  });

  it('When the browser prefers French, then the tab uses the French names', async () => {
    const user = adminUser();
    const page = await openPage({ locale: 'fr-FR' });
    await page.goto(`${backend.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Choisir un compte de test' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr-FR');

    const name = `Se connecter en tant que ${user.displayName}, ${user.tenantName}`;
    await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { level: 1, name: `Bienvenue, ${user.displayName}` }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Partenaires' }).waitFor();
    await page.getByRole('link', { name: "Journal d'audit" }).first().waitFor();
    await page.getByRole('button', { name: "Changer d'utilisateur" }).waitFor();
  });

  it('When using the keyboard only, then the skip link and sign-in are reachable', async () => {
    const user = users[0]!;
    const page = await openPage();
    await page.goto(`${backend.url}/`);
    await signInButton(page, user).waitFor();

    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Skip to main content');

    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), `Sign in as ${user.displayName}, ${user.tenantName}`);

    await page.keyboard.press('Enter');
    const welcome = `Welcome, ${user.displayName}`;
    await page.getByRole('heading', { level: 1, name: welcome }).waitFor();
    // The pressed button is gone; focus lands on the new page's title, not on <body>.
    assert.equal(await focusedName(page), welcome);
  });
});
