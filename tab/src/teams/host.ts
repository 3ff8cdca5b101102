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
}

/**
 * How long to wait for Teams to answer. Outside Teams, an iframe whose parent never answers
 * makes `app.initialize()` hang for 60 s, so it is always raced against this.
 */
export const HOST_INIT_TIMEOUT_MS = 4_000;

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

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostTimeoutError(what)), HOST_INIT_TIMEOUT_MS);
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
  const hinted = new URLSearchParams(window.location.search).get('inTeams') === '1';
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

function toHostTheme(theme: string | undefined): HostTheme {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

const standalone = (reason: HostEnvironment['reason']): HostEnvironment => ({
  inTeams: false,
  theme: 'light',
  locale: undefined,
  reason,
});

async function detect(): Promise<HostEnvironment> {
  if (isCertainlyStandalone()) return standalone('standalone');
  try {
    const { app } = await loadSdk();
    await withTimeout(app.initialize(), 'Teams initialisation');
    const context = await withTimeout(app.getContext(), 'Teams context');
    return {
      inTeams: true,
      theme: toHostTheme(context.app.theme),
      locale: context.app.locale,
      reason: 'teams',
    };
  } catch (error) {
    // Not in Teams after all (or an SDK that cannot start): run as a plain web page.
    return standalone(error instanceof HostTimeoutError ? 'timeout' : 'failed');
  }
}

/**
 * Finds out once where the tab runs; later calls share the first answer (React's strict mode
 * runs effects twice, and the SDK must be initialised only once).
 */
export function detectHost(): Promise<HostEnvironment> {
  detection ??= detect();
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
  const report = () => handler(forced.matches || more.matches ? 'contrast' : dark.matches ? 'dark' : 'light');
  report();
  for (const q of queries) q.addEventListener('change', report);
  return () => {
    for (const q of queries) q.removeEventListener('change', report);
  };
}
