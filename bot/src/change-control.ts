/**
 * Composition of change control (issue #15): its repository over the store, the resource use
 * cases it applies changes with, and the approval cards the Teams edge posts for it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from './store/types.ts';
import type { AuditLog } from './core/audit/audit.ts';
import type { Caller } from './core/identity/caller.ts';
import type { Principal } from './core/principal.ts';
import type { Grants } from './core/authz/engine.ts';
import type { PartnersDeps } from './core/partners/partners.ports.ts';
import type { TenantRepository } from './core/tenancy/tenant.ts';
import type { ChangeControlDeps } from './core/change-control/change-control.ports.ts';
import type { LoadGrantsOptions } from './data/authz.grants.ts';
import { StoreChangeControlRepository } from './data/change-control.repositories.ts';
import type { ResourcesDeps } from './core/resources/resources.ports.ts';
import type { RolesDeps } from './core/roles/roles.ports.ts';
import type { TeamsServices } from './teams/teams-services.ts';
import { ApprovalCards } from './teams/approval-cards.ts';

export function buildChangeControl(deps: {
  store: Store;
  audit: AuditLog;
  grantsFor(caller: Caller, opts?: LoadGrantsOptions): Promise<Grants>;
  callerFor(principal: Principal): Promise<Caller>;
  /** Organisation rights (e.g. a partner's tenant managers see every customer's controls). */
  organisationGrantsFor(caller: Caller): Promise<Grants>;
  /** The partner use cases (Primary admins) and the relationships they read. */
  partners: PartnersDeps;
  /** The resource and role use cases' dependencies, built once by the composition root. */
  resources: ResourcesDeps;
  roles: RolesDeps;
  tenants: TenantRepository;
  teams: TeamsServices;
  log: Logger;
  /** The injected clock (tests move it to expire requests and close elevation windows). */
  now?: () => Date;
}): ChangeControlDeps {
  const now = deps.now ?? (() => new Date());
  const changeControl: ChangeControlDeps = {
    repo: new StoreChangeControlRepository(deps.store),
    relationships: deps.partners.relationships,
    partners: deps.partners,
    resources: deps.resources,
    roles: deps.roles,
    audit: deps.audit,
    grantsFor: deps.grantsFor,
    organisationGrantsFor: deps.organisationGrantsFor,
    callerFor: deps.callerFor,
    now,
    newId: () => randomUUID(),
  };
  changeControl.events = new ApprovalCards({
    changeControl,
    tenants: deps.tenants,
    refs: deps.teams.refs,
    outbox: deps.teams.outbox,
    callerFor: deps.callerFor,
    log: deps.log,
    now,
  });
  return changeControl;
}
