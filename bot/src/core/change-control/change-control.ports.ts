/** Ports of change control (adapter: bot/src/data/change-control.repositories.ts). */
import type { AuditLog, AuditRecord } from '../audit/audit.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Caller } from '../identity/caller.ts';
import type { Principal } from '../principal.ts';
import type { RelationshipRepository } from '../partners/partners.ports.ts';
import type { ResourcesDeps } from '../resources/resources.ports.ts';
import type { RolesDeps } from '../roles/roles.ports.ts';
import type { PartnersDeps } from '../partners/partners.ports.ts';
import type { Grants } from '../authz/engine.ts';
import type { ChangeRequest, Elevation, StoredControls } from './model.ts';

/**
 * Change requests and elevations alike: asked by a partner user in a customer (kept in the
 * customer's partition), listed newest first, moved from status to status by one conditional
 * write that bumps their version, so concurrent deciders get one outcome. A write takes the
 * audit records of what it does (`AuditTrail.commit`), stored with it: a crash keeps both or
 * neither.
 */
export interface RecordStore<T extends ChangeControlRecord> {
  insert(record: T, audit?: readonly AuditRecord[]): Promise<void>;
  get(customerTenantId: string, id: string): Promise<T | null>;
  /** Newest first, at most `limit`; `filter` narrows them (undefined narrows nothing). */
  list(customerTenantId: string, filter: RecordFilter<T>, limit: number): Promise<T[]>;
  /**
   * `from` -> the fields of `set`, version + 1, with `audit`, only if the record is still in
   * `from` and `condition` holds. Null (nothing written) when nothing matched.
   */
  transition(
    customerTenantId: string,
    id: string,
    from: T['status'],
    set: Partial<T>,
    condition?: TransitionCondition,
    audit?: readonly AuditRecord[]
  ): Promise<T | null>;
  /** Pending ones past their deadline, every tenant (the expiry sweep). */
  due(now: Date, limit: number): Promise<T[]>;
  /** Those in `status`, every tenant, oldest first (e.g. the reconciliation sweep). */
  inStatus(status: T['status'], limit: number): Promise<T[]>;
}

/** What a change request and an elevation both are, as their store knows them. */
export type ChangeControlRecord = ChangeRequest | Elevation;

export interface RecordFilter<T extends ChangeControlRecord> {
  partnerTenantId?: string;
  status?: T['status'];
  /** The partner user who asked. */
  userId?: string;
}

/** What must still hold for a transition, besides its `from` status. */
export interface TransitionCondition {
  /** The deadline (`expiresAt`) is after this time. */
  unexpiredAt?: Date;
  /** The window (`endsAt`) is open after this time. */
  runningAt?: Date;
  /** The record is still this version (no one else moved it meanwhile). */
  version?: number;
}

export interface ChangeControlRepository {
  getControls(customerTenantId: string, relationshipId: string): Promise<StoredControls | null>;
  /**
   * Writes only if the stored version is still `expectedVersion` (0: none yet), with `audit`.
   */
  saveControls(
    controls: StoredControls,
    expectedVersion: number,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
  requests: RecordStore<ChangeRequest>;
  elevations: RecordStore<Elevation>;
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
