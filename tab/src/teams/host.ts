/**
 * The only module that talks to the Teams JavaScript SDK (@microsoft/teams-js). Everything the
 * tab needs from its host — are we in Teams, theme, locale, single sign-on token — goes through
 * the functions below, so moving to another SDK (e.g. the Microsoft 365 Agents SDK) touches this
 * file alone.
 *
 * The SDK is loaded on demand: a tab opened in a plain browser never downloads it.
 */
import type * as TeamsSdk from '@microsoft/teams-js';

/** The host's theme, in our own vocabulary. */
export type HostTheme = 'light' | 'dark' | 'contrast';

/** What the tab learned about where it runs. */
export interface HostEnvironment {
  /** True only when the Teams SDK initialised and returned a context. */
  readonly inTeams: boolean;
  readonly theme: HostTheme;
  /** The host's UI locale (e.g. "fr-FR"); undefined outside Teams. */
  readonly locale: string | undefined;
  /** Why `inTeams` has its value; for diagnostics and tests. */
  readonly reason: 'standalone' | 'teams' | 'timeout' | 'failed';
  /**
   * Opened by the Teams manifest (`?inTeams=1`) or in the Teams mobile webview: a host that did not
   * answer is a slow Teams, to retry, not a reason to run as a plain web page.
   */
  readonly expectedTeams: boolean;
  /**
   * The page a Teams deep link asks for (`subPageId`, formerly `subEntityId`), as a tab route
   * such as `incidents?customer=…&ticket=…`; undefined when none.
   */
  readonly deepLink: string | undefined;
}

/**
 * How long to wait for Teams to answer. Outside Teams, an iframe whose parent never answers
 * makes `app.initialize()` hang for 60 s, so it is always raced against this.
 */
export const HOST_INIT_TIMEOUT_MS = 4_000;

/**
 * How long in all a host that should be Teams (`?inTeams=1`, the mobile webview) is waited for: a
 * mobile cold start can take well over 4 s. Past this, the tab offers a retry.
 */
export const HOST_PATIENCE_MS = 30_000;

type Sdk = typeof TeamsSdk;

let sdkPromise: Promise<Sdk> | undefined;
let detection: Promise<HostEnvironment> | undefined;

function loadSdk(): Promise<Sdk> {
  sdkPromise ??= import('@microsoft/teams-js');
  return sdkPromise;
}

class HostTimeoutError extends Error {
  constructor(what: string) {
    super(`${what} did not answer within ${HOST_INIT_TIMEOUT_MS} ms`);
    this.name = 'HostTimeoutError';
  }
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = HOST_INIT_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostTimeoutError(what)), ms);
  });
  // race() subscribes to `promise`, so a late rejection is handled and never reported unhandled.
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Teams hosts tabs in an iframe (web, desktop) or in a native webview that exposes
 * `window.nativeInterface` (mobile). A top-level page with neither, no opener and no
 * `?inTeams=1` hint cannot be in Teams, so the SDK is not even loaded.
 */
function isCertainlyStandalone(): boolean {
  const hinted = isHinted();
  let framed: boolean;
  try {
    framed = window.self !== window.top;
  } catch {
    // Some browsers throw on cross-origin access to `top`; that in itself means framed.
    framed = true;
  }
  const opened = window.opener !== null && window.opener !== undefined;
  const nativeHost = 'nativeInterface' in window;
  return !framed && !opened && !nativeHost && !hinted;
}

const isHinted = () => new URLSearchParams(window.location.search).get('inTeams') === '1';
const isNativeHost = () => 'nativeInterface' in window;

function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

function toHostTheme(theme: string | undefined): HostTheme {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

/** Teams is expected: named by the manifest's address while framed, or the mobile webview. */
const expectsTeams = () => (isHinted() && isFramed()) || isNativeHost();

const standalone = (reason: HostEnvironment['reason']): HostEnvironment => ({
  inTeams: false,
  theme: 'light',
  locale: undefined,
  reason,
  expectedTeams: expectsTeams(),
  deepLink: undefined,
});

/** What `detectHost` reports while it waits. */
export interface DetectOptions {
  /** Teams is expected but has not answered within {@link HOST_INIT_TIMEOUT_MS}: still waiting. */
  onSlow?: () => void;
}

async function detect(options: DetectOptions): Promise<HostEnvironment> {
  if (isCertainlyStandalone()) return standalone('standalone');
  try {
    const { app } = await loadSdk();
    const started = app.initialize();
    try {
      await withTimeout(started, 'Teams initialisation');
    } catch (error) {
      // Any frame may be Teams, but only one opened through the manifest (or the mobile webview)
      // is waited for longer: a slow Teams start is not a reason to become a web page.
      if (!(error instanceof HostTimeoutError) || !expectsTeams()) throw error;
      options.onSlow?.();
      await withTimeout(started, 'Teams initialisation', HOST_PATIENCE_MS - HOST_INIT_TIMEOUT_MS);
    }
    const context = await withTimeout(app.getContext(), 'Teams context');
    return {
      inTeams: true,
      theme: toHostTheme(context.app.theme),
      locale: context.app.locale,
      reason: 'teams',
      expectedTeams: true,
      deepLink: context.page.subPageId || undefined,
    };
  } catch (error) {
    // Not in Teams after all (or an SDK that cannot start): run as a plain web page, unless
    // Teams was expected (the app then offers to try again).
    return standalone(error instanceof HostTimeoutError ? 'timeout' : 'failed');
  }
}

/**
 * Finds out once where the tab runs; later calls share the first answer (React's strict mode
 * runs effects twice, and the SDK must be initialised only once).
 */
export function detectHost(options: DetectOptions = {}): Promise<HostEnvironment> {
  detection ??= detect(options);
  return detection;
}

/**
 * Calls `handler` whenever the user switches the Teams theme. Only valid once `detectHost()`
 * reported `inTeams`.
 */
export async function onHostThemeChange(handler: (theme: HostTheme) => void): Promise<void> {
  const { app } = await loadSdk();
  app.registerOnThemeChangeHandler((theme) => handler(toHostTheme(theme)));
}

/**
 * A Microsoft Entra access token for our API, from Teams single sign-on. Teams caches and
 * renews it, so call this before every API request rather than keeping the token. Only valid
 * once `detectHost()` reported `inTeams`.
 */
export async function getHostSsoToken(): Promise<string> {
  const { authentication } = await loadSdk();
  return authentication.getAuthToken();
}

/**
 * A token that answers a claims challenge (the customer requires MFA for a partner's sensitive
 * action): Teams passes the claims to Microsoft Entra, which steps the user up if needed.
 */
export async function getHostSsoTokenWithClaims(claims: string): Promise<string> {
  const { authentication } = await loadSdk();
  return authentication.getAuthToken({ claims: [atob(claims)] });
}

/** Teams' reasons for a token that needs the user's (or an admin's) consent first. */
export function needsConsent(reason: string): boolean {
  return /resourceRequiresConsent|consent_required|interaction_required|invalid_grant|AADSTS65001/i.test(
    reason
  );
}

/** Where the consent pop-up starts: the service redirects to Microsoft Entra's consent prompt. */
export const CONSENT_START_PATH = '/auth/consent';

/**
 * Opens Teams' authentication pop-up on the consent prompt; resolves once the user consented
 * (the pop-up's end page reports success), rejects if they closed it or refused. Call it from a
 * click: browsers block pop-ups that no user gesture opened.
 */
export async function requestHostConsent(): Promise<void> {
  const { authentication } = await loadSdk();
  await authentication.authenticate({
    url: `${window.location.origin}${CONSENT_START_PATH}`,
    width: 600,
    height: 535,
  });
}

/**
 * Outside Teams: the theme the operating system asks for — high contrast when colours are forced
 * (Windows contrast themes) or more contrast is preferred, dark when dark mode is on, else light.
 * Calls `handler` now and on every change; returns how to stop.
 */
export function followSystemTheme(handler: (theme: HostTheme) => void): () => void {
  if (typeof window.matchMedia !== 'function') {
    handler('light');
    return () => undefined;
  }
  const queries = [
    window.matchMedia('(forced-colors: active)'),
    window.matchMedia('(prefers-contrast: more)'),
    window.matchMedia('(prefers-color-scheme: dark)'),
  ];
  const [forced, more, dark] = queries as [MediaQueryList, MediaQueryList, MediaQueryList];
  const report = () =>
    handler(forced.matches || more.matches ? 'contrast' : dark.matches ? 'dark' : 'light');
  report();
  for (const q of queries) q.addEventListener('change', report);
  return () => {
    for (const q of queries) q.removeEventListener('change', report);
  };
}
