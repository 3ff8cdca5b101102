/**
 * Integration-test harness: the real service in-process on port 0, on a fresh embedded store
 * (or the MongoDB server named by MONGODB_URI), with real tokens from the dev issuer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { startApp, type StartedApp } from '../../src/main.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../../src/core/principal.ts';
import type { Directory } from '../../src/core/directory/directory.port.ts';
import type { TeamsOptions } from '../../src/teams/teams-services.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/types.ts';
import type { Logger } from 'pino';

export interface TestApp extends StartedApp {
  dataDir: string;
  /** A real token for a demo user, e.g. tokenFor('fabrikam', 'megan'). */
  tokenFor(tenantKey: string, userKey: string, extra?: { wids?: string[] }): Promise<string>;
  /** fetch against the app; JSON in, parsed JSON out. */
  call(method: string, urlPath: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (no JSON encoding), for malformed-input tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // Tests inspect arbitrary JSON; a loose record keeps assertions short.
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
  headers: Headers;
  text: string;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    directory?: Directory;
    dataDir?: string;
    keepData?: boolean;
    teams?: TeamsOptions;
    tabDist?: string;
    /** Puts a layer around the store the service opens (e.g. to watch its writes). */
    wrapStore?: (store: Store) => Store;
    /** The store to run on (not closed by close()), e.g. one that fails on purpose. */
    store?: Store;
    /** The service's logger (default: silent), e.g. to read its request log. */
    logger?: Logger;
  } = {}
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'rph-test-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'local',
    PUBLIC_URL: 'http://localhost:3978',
    ...(process.env.MONGODB_URI
      ? { MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB: `rph_test_${randomUUID().slice(0, 8)}` }
      : {}),
    ...env,
  });
  const opened = options.wrapStore
    ? await openStore({
        mongodbUri: config.MONGODB_URI,
        mongodbDb: config.MONGODB_DB,
        dataDir: config.DATA_DIR,
      })
    : undefined;
  const app = await startApp(config, {
    directory: options.directory,
    teams: options.teams,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.tabDist ? { tabDist: options.tabDist } : {}),
    ...(opened && options.wrapStore ? { store: options.wrapStore(opened) } : {}),
  });
  const call = async (
    method: string,
    urlPath: string,
    o: CallOptions = {}
  ): Promise<CallResult> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(app.url + urlPath, { method, headers, body });
    const text = await res.text();
    let parsed: CallResult['body'];
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = {};
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  };
  return {
    ...app,
    dataDir,
    call,
    tokenFor: async (tenantKey, userKey, extra) => {
      const tenantId = ids.tenant(tenantKey);
      const userId = ids.user(tenantKey, userKey);
      const user = await app.services.directory.getUser(tenantId, userId);
      if (!user) throw new Error(`no demo user ${tenantKey}/${userKey}`);
      const isGa = await app.services.directory.isGlobalAdmin(tenantId, userId);
      return app.devIssuer!.mint({
        tenantId,
        userId,
        name: user.displayName,
        upn: user.userPrincipalName,
        wids: extra?.wids ?? (isGa ? [GLOBAL_ADMIN_ROLE_TEMPLATE_ID] : []),
      });
    },
    close: async () => {
      await app.stop();
      // A store opened here is closed here (the service closes only one it opened itself).
      await opened?.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
