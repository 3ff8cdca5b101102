/**
 * Feature modules plug in here: their HTTP routes and their background jobs. Keeping the list in
 * one place lets main.ts and the tests start exactly the same service.
 */
import type { Logger } from 'pino';
import type { Api } from './http/api.ts';
import type { AppServices } from './app.ts';

export const featureRouteModules: ((api: Api, services: AppServices) => void)[] = [];

export function startBackgroundJobs(_services: AppServices, _logger: Logger): { stop(): void } {
  return { stop: () => undefined };
}
