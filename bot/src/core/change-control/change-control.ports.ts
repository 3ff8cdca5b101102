/** Ports of change control (adapter: bot/src/data/change-control.repositories.ts). */
import type { AuditLog } from '../audit/audit.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Caller } from '../identity/caller.ts';
import type { Principal } from '../principal.ts';
import type { RelationshipRepository } from '../partners/partners.ports.ts';
import type { ResourcesDeps } from '../resources/resources.ports.ts';
import type { RolesDeps } from '../roles/roles.ports.ts';
import type { PartnersDeps } from '../partners/partners.ports.ts';
import type { Grants } from '../authz/engine.ts';
import type {
  ChangeRequest,
  ChangeRequestStatus,
  Elevation,
  ElevationStatus,
  StoredControls,
} from './model.ts';

/** Every state change is one conditional write: concurrent deciders get one outcome. */
export interface ChangeControlRepository {
  getControls(customerTenantId: string, relationshipId: string): Promise<StoredControls | null>;
  /** Writes only if the stored version is still `expectedVersion` (0: none yet). */
  saveControls(controls: StoredControls, expectedVersion: number): Promise<boolean>;

  insertRequest(request: ChangeRequest): Promise<void>;
  getRequest(customerTenantId: string, id: string): Promise<ChangeRequest | null>;
  /** Newest first, at most `limit`. */
  listRequests(
    customerTenantId: string,
    filter: { partnerTenantId?: string; status?: ChangeRequestStatus },
    limit: number
  ): Promise<ChangeRequest[]>;
  /**
   * `from` -> the fields of `set`, version + 1, only if the request is still in `from` (and, with
   * `unexpiredAt`, its deadline is after that time; with `version`, it is still that version).
   * Null when nothing matched.
   */
  transitionRequest(
    customerTenantId: string,
    id: string,
    from: ChangeRequestStatus,
    set: Partial<ChangeRequest>,
    condition?: { unexpiredAt?: Date; version?: number }
  ): Promise<ChangeRequest | null>;
  /** Pending requests past their deadline, every tenant (the expiry sweep). */
  duePendingRequests(now: Date, limit: number): Promise<ChangeRequest[]>;
  /** Requests in `applying`, every tenant, oldest first (the reconciliation sweep). */
  applyingRequests(limit: number): Promise<ChangeRequest[]>;

  insertElevation(elevation: Elevation): Promise<void>;
  getElevation(customerTenantId: string, id: string): Promise<Elevation | null>;
  listElevations(
    customerTenantId: string,
    filter: { partnerTenantId?: string; userId?: string },
    limit: number
  ): Promise<Elevation[]>;
  transitionElevation(
    customerTenantId: string,
    id: string,
    from: ElevationStatus,
    set: Partial<Elevation>,
    condition?: { unexpiredAt?: Date; runningAt?: Date }
  ): Promise<Elevation | null>;
  /** Pending elevation requests past their deadline, every tenant. */
  duePendingElevations(now: Date, limit: number): Promise<Elevation[]>;
}

/** What the Teams edge does with decisions to take (approval cards) and decisions taken. */
export interface ChangeControlEvents {
  requestCreated(request: ChangeRequest): Promise<void>;
  requestUpdated(request: ChangeRequest): Promise<void>;
  elevationCreated(elevation: Elevation): Promise<void>;
  elevationUpdated(elevation: Elevation): Promise<void>;
}

export interface ChangeControlDeps {
  repo: ChangeControlRepository;
  relationships: Pick<RelationshipRepository, 'findByPair'>;
  resources: ResourcesDeps;
  /** The role use cases (partner roles and assignments under Role management › Modify). */
  roles: RolesDeps;
  /** The partner use cases (the partner's Primary admins, also under Role management › Modify). */
  partners: PartnersDeps;
  audit: AuditLog;
  grantsFor: GrantsLoader;
  /** The requester as a caller again, from the stored principal (approval re-authorizes them). */
  callerFor(principal: Principal): Promise<Caller>;
  /** Organisation rights (partner.customers.viewAll needs the organisation facts). */
  organisationGrantsFor?(caller: Caller): Promise<Grants>;
  now(): Date;
  newId(): string;
  events?: ChangeControlEvents;
}
