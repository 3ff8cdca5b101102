/**
 * Ports of the roles feature: custom roles and role assignments of one side of one customer, the
 * customer's rooms (to place an assignment scope), and what the partner feature knows about the
 * relationship. They are wired in the composition root (bot/src/app.ts).
 */
import type { Directory } from '../directory/directory.port.ts';
import type { AuditLog, AuditRecord } from '../audit/audit.ts';
import type { RoomRef } from '../authz/engine.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Assignment, Role } from '../partners/model.ts';
import type { PageRequest, PageResult } from '../partners/partners.ports.ts';

/**
 * Whose roles: the customer's own (`partnerTenantId` null) or one partner's for that customer.
 * Every repository call names the side, so one side's ids never reach the other's documents.
 */
export interface RoleSide {
  customerTenantId: string;
  partnerTenantId: string | null;
}

/** A change of one object of a side: some of its fields, and who changed it when. */
export type SideChanges<F> = Partial<F> & { updatedAt: Date; updatedBy: string };

export type RoleChanges = SideChanges<Pick<Role, 'name' | 'description' | 'permissions'>>;

/**
 * The roles or the assignments of one side (`R`, changed by `C`). Each change goes in one write
 * with what it takes along and the `audit` records AuditTrail.commit hands over: a crash keeps
 * all of it or none, and a refused change writes nothing.
 */
export interface SideRecords<R, C, Refused = never> {
  list(side: RoleSide, page: PageRequest): Promise<PageResult<R>>;
  get(side: RoleSide, id: string): Promise<R | null>;
  /** False (nothing written) when what it requires is not so (see each repository). */
  insert(record: R, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** Null (nothing written) when the object is gone, or `Refused` (see each repository). */
  update(
    side: RoleSide,
    id: string,
    changes: C,
    audit?: readonly AuditRecord[]
  ): Promise<R | null | Refused>;
  /** False (nothing written) when the side has no such object. */
  delete(side: RoleSide, id: string, audit?: readonly AuditRecord[]): Promise<boolean>;
}

/**
 * Custom roles. A role's name is its own in the side (case-insensitive): insert answers false
 * and update 'name_taken' when another role has it. Its name claims go with its changes, its
 * assignments with its delete.
 */
export type RoleRepository = SideRecords<Role, RoleChanges, 'name_taken'>;

export type AssignmentChanges = SideChanges<
  Pick<Assignment, 'roleId' | 'members' | 'scope' | 'notify'>
>;

/**
 * Role assignments. One naming a custom role is written only while the side still has that role
 * (a role deleted meanwhile would leave an orphan, which grants nothing): insert answers false,
 * and update null, when it is gone.
 */
export interface AssignmentRepository extends SideRecords<Assignment, AssignmentChanges> {
  /** Every assignment of a role (a role update re-checks them). */
  listForRole(side: RoleSide, roleId: string): Promise<Assignment[]>;
  countForRole(side: RoleSide, roleId: string): Promise<number>;
  /**
   * Every assignment of a role that is gone, with the `audit` records, in one write: false
   * (nothing written) when there were none.
   */
  deleteForRole(side: RoleSide, roleId: string, audit?: readonly AuditRecord[]): Promise<boolean>;
}

/** The customer's rooms and room groups, read to place an assignment scope. */
export interface RoomLookup {
  /** The rooms among `ids` that exist in the tenant, with their groups. */
  rooms(tenantId: string, ids: readonly string[]): Promise<RoomRef[]>;
  /** The room groups among `ids` that do not exist in the tenant. */
  unknownGroupIds(tenantId: string, ids: readonly string[]): Promise<string[]>;
}

/** What the roles feature asks the partner feature about a relationship. */
export interface RelationshipFacts {
  /** The customer deleted the partner's built-in Primary admins role. */
  primaryAdminsRoleDeleted(customerTenantId: string, partnerTenantId: string): Promise<boolean>;
}

/** Everything the role use cases need. `now` and `newId` are injectable for tests. */
export interface RolesDeps {
  roles: RoleRepository;
  assignments: AssignmentRepository;
  rooms: RoomLookup;
  relationships: RelationshipFacts;
  directory: Directory;
  audit: AuditLog;
  grantsFor: GrantsLoader;
  now(): Date;
  newId(): string;
}
