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
 * The roles or the assignments of one side. Each change goes in one write with what it takes
 * along and the `audit` records AuditTrail.commit hands over: a crash keeps all of it or none,
 * and a refused change writes nothing.
 */
export interface SideRecords<R> {
  list(side: RoleSide, page: PageRequest): Promise<PageResult<R>>;
  get(side: RoleSide, id: string): Promise<R | null>;
  /** False (nothing written) when the side has no such object. */
  delete(side: RoleSide, id: string, audit?: readonly AuditRecord[]): Promise<boolean>;
}

/** Custom roles. A role's name claims go with its changes; its assignments with its delete. */
export interface RoleRepository extends SideRecords<Role> {
  /** False when another role of the side already has the name (case-insensitive). */
  insert(role: Role, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** Null when the role is gone; 'name_taken' when the new name belongs to another role. */
  update(
    side: RoleSide,
    id: string,
    changes: RoleChanges,
    audit?: readonly AuditRecord[]
  ): Promise<Role | null | 'name_taken'>;
}

export type AssignmentChanges = SideChanges<
  Pick<Assignment, 'roleId' | 'members' | 'scope' | 'notify'>
>;

/**
 * Role assignments. An assignment naming a custom role is written only while the side still has
 * that role (a role deleted meanwhile would leave an orphan, which grants nothing).
 */
export interface AssignmentRepository extends SideRecords<Assignment> {
  /** Every assignment of a role (a role update re-checks them). */
  listForRole(side: RoleSide, roleId: string): Promise<Assignment[]>;
  countForRole(side: RoleSide, roleId: string): Promise<number>;
  /** False (nothing written) when the custom role it names is gone. */
  insert(assignment: Assignment, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** Null (nothing written) when the assignment, or the custom role it would name, is gone. */
  update(
    side: RoleSide,
    id: string,
    changes: AssignmentChanges,
    audit?: readonly AuditRecord[]
  ): Promise<Assignment | null>;
  deleteForRole(side: RoleSide, roleId: string): Promise<number>;
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
