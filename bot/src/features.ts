/**
 * Feature modules plug in here: their HTTP routes and their background jobs. Keeping the list in
 * one place lets main.ts and the tests start exactly the same service.
 */
import type { Logger } from 'pino';
import type { Api } from './http/api.ts';
import type { AppServices } from './app.ts';
import { registerPartnerRoutes } from './http/routes/partners.routes.ts';
import { registerCustomerRoutes } from './http/routes/customer.routes.ts';
import { registerRoleRoutes } from './http/routes/roles.routes.ts';
import { registerTicketRoutes } from './http/routes/tickets.routes.ts';
import { registerResourceRoutes } from './http/routes/resources.routes.ts';
import { registerChangeControlRoutes } from './http/routes/change-control.routes.ts';
import { registerAlertRoutes } from './http/routes/alerts.routes.ts';
import { warmIncidentViews } from './data/tickets.repositories.ts';
import {
  expireDueRequests,
  reconcileInterrupted,
} from './core/change-control/change-requests.use-cases.ts';
import { expireDueElevations } from './core/change-control/elevation.use-cases.ts';

export const featureRouteModules: ((api: Api, services: AppServices) => void)[] = [
  registerPartnerRoutes,
  registerCustomerRoutes,
  registerRoleRoutes,
  registerTicketRoutes,
  registerResourceRoutes,
  registerChangeControlRoutes,
  registerAlertRoutes,
];

/** Work that runs beside the service after it starts; `stop` lets it end with the service. */
export function startBackgroundJobs(services: AppServices, logger: Logger): { stop(): void } {
  let stopped = false;
  const started = performance.now();
  // Off the start-up path: the service answers at once; the first aggregate page is fast later.
  const warming = setImmediate(() => {
    warmIncidentViews(services.store, services.tenants, () => stopped).then(
      (tenants) => {
        if (!stopped)
          logger.info(
            { tenants, ms: Math.round(performance.now() - started) },
            'Incident views ready'
          );
      },
      (err: unknown) => {
        if (!stopped)
          logger.warn({ err }, 'Could not prepare the incident views (they build on first use)');
      }
    );
  });
  // Change requests and elevation requests left unanswered expire (issue #15); their cards follow.
  // Approved changes a stopped process left in "applying" are reconciled (at start, then with it).
  const sweep = () =>
    Promise.all([
      expireDueRequests(services.changeControl),
      expireDueElevations(services.changeControl),
      reconcileInterrupted(services.changeControl),
    ]).catch((err: unknown) => logger.warn({ err }, 'change-control sweep failed'));
  const firstSweep = setImmediate(() => void sweep());
  const expiry = setInterval(() => void sweep(), 60_000);
  expiry.unref();
  return {
    stop: () => {
      stopped = true;
      clearImmediate(warming);
      clearImmediate(firstSweep);
      clearInterval(expiry);
    },
  };
}
