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
import type { PartnersDeps } from './core/partners/partners.ports.ts';
import { mayChooseMembers } from './core/partners/partner-access.ts';
import { buildPartnersDeps } from './data/partners.repositories.ts';
import { loadGrants, type LoadGrantsOptions } from './data/authz.grants.ts';
import { customersWith, type Grants } from './core/authz/engine.ts';

export interface AppServices extends IdentityDeps {
  config: Config;
  store: Store;
  /** Build the Caller for a validated principal (groups, Global admin, TRPM). */
  callerFor(principal: Principal): Promise<Caller>;
  /** Who may search their tenant's directory; features widen it (tenant managers, role managers). */
  mayBrowseDirectory(caller: Caller): Promise<boolean>;
  /** Eligible partners, tenant managers, invitations and relationships. */
  partners: PartnersDeps;
  /**
   * The caller's grants (roles, assignments, relationships), loaded once per request for the
   * authorization engine; `customerTenantId` narrows the load to one customer.
   */
  grantsFor(caller: Caller, opts?: LoadGrantsOptions): Promise<Grants>;
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
  const tenants = new StoreTenantRepository(store);
  // Each audit record keeps the names of its actor, their tenant and its object as they are now.
  const audit = new StoreAuditLog(store, undefined, {
    tenantName: async (id) => (await tenants.get(id))?.displayName,
    memberName: async (tenantId, id) =>
      (await directory.getUser(tenantId, id))?.displayName ??
      (await directory.getGroup(tenantId, id))?.displayName,
  });
  const partners = buildPartnersDeps(store, { directory, tenants, audit });
  const services: AppServices = {
    config,
    store,
    directory,
    tenants,
    roomsProManagers,
    audit,
    callerFor: (principal) => resolveCaller(principal, { directory, roomsProManagers }),
    // Tenant managers choose Primary admins, Primary admins choose more, role managers choose
    // assignment members (always people of their own tenant).
    mayBrowseDirectory: async (caller) =>
      isTenantAdmin(caller) ||
      (await mayChooseMembers(caller, partners)) ||
      customersWith(await loadGrants(store, caller), 'roles.modify').length > 0,
    partners,
    grantsFor: (caller, opts) => loadGrants(store, caller, opts),
  };
  return services;
}
