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

export const featureRouteModules: ((api: Api, services: AppServices) => void)[] = [
  registerPartnerRoutes,
  registerCustomerRoutes,
  registerRoleRoutes,
  registerTicketRoutes,
  registerResourceRoutes,
];

export function startBackgroundJobs(_services: AppServices, _logger: Logger): { stop(): void } {
  return { stop: () => undefined };
}
