/**
 * The composition root: the core's use cases get their adapters here (repositories over the
 * store, the directory, the audit log), and nowhere else. Both edges (HTTP routes and the bot)
 * receive the same `AppServices`; the routes never build a repository themselves
 * (dependency-cruiser: http/ imports nothing from data/ or store/).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from './store/types.ts';
import type { Config } from './config.ts';
import type { Directory } from './core/directory/directory.port.ts';
import type { Principal } from './core/principal.ts';
import type { Caller } from './core/identity/caller.ts';
import type { IdentityDeps } from './core/identity/identity.use-cases.ts';
import { LocalDirectory } from './data/local-directory.ts';
import {
  StoreAuditLog,
  StoreRoomsProManagerRepository,
  StoreTenantRepository,
} from './data/foundation.repositories.ts';
import { GraphDirectory } from './directory/graph-directory.ts';
import type { PartnersDeps } from './core/partners/partners.ports.ts';
import {
  partnerAccessOver,
  StorePartnerRegistry,
  StoreRelationshipRepository,
  StoreTenantManagerRepository,
} from './data/partners.repositories.ts';
import { StoreTicketRepository, ticketRoomCatalogOver } from './data/tickets.repositories.ts';
import { customerRoomCatalogOver, StoreRoomRepository } from './data/rooms.repository.ts';
import { StoreRoomGroupRepository } from './data/room-groups.repository.ts';
import { StoreUpdateRingRepository } from './data/update-rings.repository.ts';
import {
  newEnrollmentKey,
  StoreEnrollmentKeyRepository,
} from './data/enrollment-keys.repository.ts';
import { StoreSettingsRepository } from './data/settings.repository.ts';
import { StoreRoleRepository } from './data/roles.repository.ts';
import { StoreAssignmentRepository } from './data/assignments.repository.ts';
import { StoreAuditReader } from './data/audit.reader.ts';
import { StoreDemoUsers } from './data/demo-users.reader.ts';
import type { TicketsDeps } from './core/tickets/tickets.ports.ts';
import type { RolesDeps } from './core/roles/roles.ports.ts';
import type { ResourcesDeps } from './core/resources/resources.ports.ts';
import type { AuditReader } from './core/audit/audit.ts';
import { GrantsCache, type LoadGrantsOptions } from './data/authz.grants.ts';
import { CallerCache } from './data/caller-cache.ts';
import { OrganisationFactsCache } from './data/organisation-facts-cache.ts';
import { trackChanges } from './data/change-tracking.ts';
import {
  buildGrants,
  decide,
  ownOrganisation,
  withOrganisation,
  type Grants,
  type OrganisationFacts,
} from './core/authz/engine.ts';
import pino, { type Logger } from 'pino';
import type { AlertsDeps } from './core/alerts/alerts.ports.ts';
import {
  StoreAlertPreferences,
  StoreAlertSubscriptions,
  StoreNotifyingAssignments,
} from './data/alerts.repositories.ts';
import {
  buildTeamsServices,
  type TeamsOptions,
  type TeamsServices,
} from './teams/teams-services.ts';
import { buildChangeControl } from './change-control.ts';
import type { ChangeControlDeps } from './core/change-control/change-control.ports.ts';

export interface AppServices extends IdentityDeps {
  config: Config;
  store: Store;
  /** Build the Caller for a validated principal (groups, Global admin, TRPM). */
  callerFor(principal: Principal): Promise<Caller>;
  /**
   * Who may search their tenant's directory: the engine's organisation right (GA, TRPM, tenant
   * managers, holders of Role management › Modify in some customer).
   */
  mayBrowseDirectory(caller: Caller): Promise<boolean>;
  /** Eligible partners, tenant managers, invitations and relationships. */
  partners: PartnersDeps;
  /**
   * The caller's grants (roles, assignments, relationships), loaded once per request for the
   * authorization engine; `customerTenantId` narrows the load to one customer.
   */
  grantsFor(caller: Caller, opts?: LoadGrantsOptions): Promise<Grants>;
  /** Tickets, incidents, reports and signals. */
  tickets: TicketsDeps;
  /** Custom roles and role assignments. */
  roles: RolesDeps;
  /** Rooms, room groups, update rings and Teams Rooms Pro settings. */
  resources: ResourcesDeps;
  /** The audit log's read side (listing, CSV export). */
  auditReader: AuditReader;
  /** Local mode's demo-user picker (the dev issuer's routes; cross-tenant on purpose). */
  demoUsers: StoreDemoUsers;
  /** Incident alert preferences and channel subscriptions. */
  alerts: AlertsDeps;
  /** The tenants: names for the features, every id for start-up work (the incident warm-up). */
  tenants: StoreTenantRepository;
  /** The Teams edge: conversation references, the outbox, invitation and incident cards. */
  teams: TeamsServices;
  /** Change control, just-in-time elevation and MFA for partners (issue #15), with its cards. */
  changeControl: ChangeControlDeps;
}

/**
 * `store` is wrapped in the change tracker (if it is not already), so the caller and grants caches
 * see every write made through `services.store` and the repositories built on it.
 */
export function buildServices(
  config: Config,
  untracked: Store,
  directoryOverride?: Directory,
  logger: Logger = pino({ level: 'silent' }),
  teamsOptions: TeamsOptions = {}
): AppServices {
  const store = trackChanges(untracked);
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
  const callers = new CallerCache(
    store,
    { directory, roomsProManagers },
    directory instanceof LocalDirectory
  );
  const grants = new GrantsCache(store);
  const grantsFor: AppServices['grantsFor'] = (caller, opts) => grants.load(caller, opts);
  // Organisation rights need no customer grants, except directory search (role managers). Built
  // once per (caller, facts): both are frozen objects the caches hand out again until a write to
  // what they were read from, so a change still reaches the very next request.
  const organisationGrants = new WeakMap<Caller, { facts: OrganisationFacts; grants: Grants }>();
  const organisationGrantsFor = async (caller: Caller): Promise<Grants> => {
    const facts = await orgFacts.facts(caller);
    const known = organisationGrants.get(caller);
    if (known && known.facts === facts) return known.grants;
    const grants = buildGrants(caller, {
      relationships: [],
      roles: [],
      assignments: [],
      organisation: facts,
    });
    if (Object.isFrozen(caller) && Object.isFrozen(facts))
      organisationGrants.set(caller, { facts, grants });
    return grants;
  };
  // The repositories more than one feature reads.
  const roomRepository = new StoreRoomRepository(store);
  const groupRepository = new StoreRoomGroupRepository(store);
  const roleRepository = new StoreRoleRepository(store);
  const assignmentRepository = new StoreAssignmentRepository(store);
  const partners: PartnersDeps = {
    directory,
    tenants,
    audit,
    grantsFor,
    organisationGrantsFor,
    rooms: customerRoomCatalogOver(roomRepository, groupRepository),
    registry: new StorePartnerRegistry(store, () => partners.now()),
    tenantManagers: new StoreTenantManagerRepository(store, () => partners.now()),
    relationships: new StoreRelationshipRepository(store),
    partnerAccess: partnerAccessOver(roleRepository, assignmentRepository),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  // Declared after `partners`, which the closures above reach only once requests arrive.
  const orgFacts = new OrganisationFactsCache(store, partners);
  const callerFor = (principal: Principal) => callers.resolve(principal);
  const ticketRepository = new StoreTicketRepository(store, roomRepository);
  const tickets: TicketsDeps = {
    tickets: ticketRepository,
    rooms: ticketRoomCatalogOver(roomRepository),
    tenants,
    audit,
    grantsFor: (caller, opts) => grantsFor(caller, opts),
    allGrants: (caller) => grantsFor(caller),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  const alerts: AlertsDeps = {
    preferences: new StoreAlertPreferences(store),
    subscriptions: new StoreAlertSubscriptions(store),
    notifying: new StoreNotifyingAssignments(assignmentRepository, roleRepository),
    audit,
    grantsFor: (caller, opts) => grantsFor(caller, opts),
    allGrants: (caller) => grantsFor(caller),
    tenants: tickets.tenants,
    callerFor,
    callersOf: (tenantId, userIds) => callers.resolveMany(tenantId, userIds),
    grantsOfMany: (many, customerTenantId) => grants.loadMany(many, customerTenantId),
    now: () => new Date(),
  };
  const roles: RolesDeps = {
    directory,
    audit,
    grantsFor,
    roles: roleRepository,
    assignments: assignmentRepository,
    // The rooms and groups an assignment scope may name.
    rooms: {
      rooms: (tenantId, ids) => roomRepository.refs(tenantId, ids),
      unknownGroupIds: (tenantId, ids) => groupRepository.unknownIds(tenantId, ids),
    },
    relationships: {
      primaryAdminsRoleDeleted: async (customerTenantId, partnerTenantId) =>
        (await partners.relationships.findByPair(customerTenantId, partnerTenantId))
          ?.primaryAdminsRoleDeleted === true,
    },
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  const resources: ResourcesDeps = {
    audit,
    grantsFor,
    allGrantsFor: (caller) => grantsFor(caller, {}),
    tenants,
    rooms: roomRepository,
    groups: groupRepository,
    rings: new StoreUpdateRingRepository(store),
    keys: new StoreEnrollmentKeyRepository(store),
    ticketRoomGroups: {
      resumeInterrupted: () => ticketRepository.resumeRoomGroupSyncs(),
    },
    settings: new StoreSettingsRepository(store),
    now: () => new Date(),
    newId: () => randomUUID(),
    newKey: newEnrollmentKey,
  };
  const teams = buildTeamsServices(
    { config, store, partners, tickets, alerts, callerFor, log: logger },
    teamsOptions
  );
  const changeControl = buildChangeControl({
    store,
    audit,
    grantsFor,
    callerFor,
    organisationGrantsFor,
    partners,
    resources,
    roles,
    tenants,
    teams,
    log: logger,
    now: teamsOptions.now,
  });
  const services: AppServices = {
    config,
    teams,
    changeControl,
    tickets,
    alerts,
    store,
    directory,
    tenants,
    roomsProManagers,
    audit,
    callerFor,
    // Tenant managers choose Primary admins, Primary admins choose more, role managers choose
    // assignment members (always people of their own tenant).
    mayBrowseDirectory: async (caller) => {
      const [grants, facts] = await Promise.all([grantsFor(caller), orgFacts.facts(caller)]);
      const withFacts = withOrganisation(grants, caller, facts);
      return decide(withFacts, 'organisation.directory.search', ownOrganisation(caller)).allowed;
    },
    partners,
    grantsFor,
    roles,
    resources,
    auditReader: new StoreAuditReader(store),
    demoUsers: new StoreDemoUsers(store),
  };
  return services;
}
