/**
 * Composition root: load config -> open the store -> indexes -> demo data -> identity -> server.
 * `startApp` is what the entry point and the integration tests both call.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet } from 'jose';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/types.ts';
import { ensureIndexes } from './data/indexes.ts';
import { trackChanges } from './data/change-tracking.ts';
import { seedDemoData } from './seed/demo-data.ts';
import { buildServices, type AppServices } from './app.ts';
import { createDevIssuer, type DevIssuer } from './auth/dev-issuer.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createServer } from './server.ts';
import type { Directory } from './core/directory/directory.port.ts';
import { featureRouteModules, startBackgroundJobs } from './features.ts';
import type { TeamsOptions } from './teams/teams-services.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** bot/src, or bot/dist/src when run compiled (scripts/build-service.mjs): the repository root. */
const root = path.resolve(
  here,
  path.basename(path.dirname(here)) === 'dist' ? '../../..' : '../..'
);
export const DEFAULT_TAB_DIST = path.join(root, 'tab/dist');

export interface StartedApp {
  url: string;
  port: number;
  config: Config;
  services: AppServices;
  store: Store;
  devIssuer?: DevIssuer;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startApp(
  config: Config,
  options: {
    logger?: Logger;
    directory?: Directory;
    tabDist?: string;
    store?: Store;
    teams?: TeamsOptions;
  } = {}
): Promise<StartedApp> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  // Tracked (see data/change-tracking.ts): every write below, and through the services, is seen
  // by the caches of callers and grants.
  const store = trackChanges(
    options.store ??
      (await openStore({
        mongodbUri: config.MONGODB_URI,
        mongodbDb: config.MONGODB_DB,
        dataDir: config.DATA_DIR,
      }))
  );
  await ensureIndexes(store);
  if (config.SEED_DEMO_DATA) await seedDemoData(store);

  const devIssuer =
    config.AUTH_MODE === 'local'
      ? await createDevIssuer({
          publicUrl: config.PUBLIC_URL,
          audience: config.AUTH_AUDIENCE[0],
          keyDir: config.DATA_DIR,
        })
      : undefined;
  const keys = devIssuer
    ? devIssuer.getKey
    : createRemoteJWKSet(new URL(config.AUTH_JWKS_URL ?? ''));
  const tokenValidator = createTokenValidator({
    audience: config.AUTH_AUDIENCE,
    issuerTemplate: config.AUTH_ISSUER_TEMPLATE,
    keys,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  });

  const services = buildServices(config, store, options.directory, logger, options.teams);
  // Before the first request: no ticket stays visible to a scope its room left before a crash.
  const resynced = await services.resources.ticketRoomGroups.resumeInterrupted();
  const app = createServer({
    services,
    logger,
    tokenValidator,
    devIssuer,
    tabDist: options.tabDist ?? DEFAULT_TAB_DIST,
    routeModules: featureRouteModules,
  });
  const running = await app.start(config.PORT, config.HOST);
  const jobs = startBackgroundJobs(services, logger);
  const teamsJobs = services.teams.start();
  if (resynced > 0)
    logger.warn({ rooms: resynced }, 'Finished ticket syncs interrupted by a crash');
  logger.info(
    {
      url: running.url,
      store: store.kind,
      authMode: config.AUTH_MODE,
      dataDir: store.kind === 'embedded' ? config.DATA_DIR : undefined,
    },
    'Rooms Partner Hub is listening'
  );
  return {
    url: running.url,
    port: running.port,
    config,
    services,
    store,
    devIssuer,
    logger,
    stop: async () => {
      jobs.stop();
      teamsJobs.stop();
      await running.stop();
      if (!options.store) await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(
        `${e.message}\nRooms Partner Hub did not start. See the configuration table in README.md.\n`
      );
      process.exit(2);
    }
    throw e;
  }
  const app = await startApp(config);
  if (config.AUTH_MODE === 'local') {
    process.stdout.write(
      `\n  Rooms Partner Hub (local mode, demo data) is running.\n` +
        `  Tab:      ${config.PUBLIC_URL}/   (pick a demo user to sign in)\n` +
        `  API:      ${config.PUBLIC_URL}/api/openapi.json\n` +
        `  Bot:      ${config.PUBLIC_URL}/api/messages\n\n`
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(
      `Rooms Partner Hub failed to start: ${err instanceof Error ? err.message : String(err)}\n`
    );
    process.exit(1);
  });
}
