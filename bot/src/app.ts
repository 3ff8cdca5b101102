/**
 * Composition of the core with its adapters: repositories over the store, the directory, the
 * audit log. Both edges (HTTP routes and the bot) receive the same `AppServices`.
 */
import type { Store } from './store/types.ts';
import type { Config } from './config.ts';
import type { Directory } from './core/directory/directory.port.ts';
import type { Principal } from './core/principal.ts';
import { resolveCaller, type Caller } from './core/identity/caller.ts';
import { isTenantAdmin, type IdentityDeps } from './core/identity/identity.use-cases.ts';
import { LocalDirectory } from './data/local-directory.ts';
import {
  StoreAuditLog,
  StoreRoomsProManagerRepository,
  StoreTenantRepository,
} from './data/foundation.repositories.ts';
import { GraphDirectory } from './directory/graph-directory.ts';

export interface AppServices extends IdentityDeps {
  config: Config;
  store: Store;
  /** Build the Caller for a validated principal (groups, Global admin, TRPM). */
  callerFor(principal: Principal): Promise<Caller>;
  /** Who may search their tenant's directory; features widen it (tenant managers, role managers). */
  mayBrowseDirectory(caller: Caller): Promise<boolean>;
}

export function buildServices(config: Config, store: Store, directoryOverride?: Directory): AppServices {
  const directory =
    directoryOverride ??
    (config.DIRECTORY_PROVIDER === 'graph'
      ? new GraphDirectory({
          clientId: config.GRAPH_CLIENT_ID ?? '',
          clientSecret: config.GRAPH_CLIENT_SECRET ?? '',
          graphBaseUrl: config.GRAPH_BASE_URL,
          authorityHost: config.GRAPH_AUTHORITY_HOST,
        })
      : new LocalDirectory(store));
  const roomsProManagers = new StoreRoomsProManagerRepository(store);
  const services: AppServices = {
    config,
    store,
    directory,
    tenants: new StoreTenantRepository(store),
    roomsProManagers,
    audit: new StoreAuditLog(store),
    callerFor: (principal) => resolveCaller(principal, { directory, roomsProManagers }),
    mayBrowseDirectory: async (caller) => isTenantAdmin(caller),
  };
  return services;
}
