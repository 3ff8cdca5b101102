/**
 * Custom roles per customer and side (PRODUCT.md §2 Role, §4.6). The caller's side follows from
 * who they are: in their own tenant they manage the customer's roles; in a customer reached
 * through a relationship they manage their partner's roles for that customer, and never see
 * another partner's. Role management › View lists, Role management › Modify changes; built-ins
 * are listed but immutable. Every change is audited in the caller's log and the customer's.
 */
import type { Caller } from '../identity/caller.ts';
import { authorize } from '../authz/engine.ts';
import {
  BUILT_IN_ROLES,
  PERMISSIONS,
  builtInRole,
  isPermission,
  type BuiltInRole,
  type Permission,
} from '../authz/permissions.ts';
import { changeInCustomer, customerAccess, type CustomerAccess } from '../authz/customer-access.ts';
import { metOrNull, subjectOf, type AuditSubject, type AuditTrail } from '../audit/audited.ts';
import type { AuditOperation } from '../audit/audit.ts';
import type { Role } from '../partners/model.ts';
import type { PageRequest, PageResult } from '../partners/partners.ports.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';
import { RoleErrors } from './roles.errors.ts';
import { permissionsNotHeld, uncoveredByCaller } from './delegation.ts';
import { placeScope } from './assignment-scope.ts';

import { MAX_ROLE_NAME } from '../limits.ts';

export { MAX_ROLE_DESCRIPTION, MAX_ROLE_NAME } from '../limits.ts';

export interface RoleView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
  createdAt?: Date;
  updatedAt?: Date;
}

export interface CreateRoleInput {
  name: string;
  description?: string;
  permissions: readonly string[];
}

export type UpdateRoleInput = Partial<CreateRoleInput>;

/** The side the caller manages in this customer: their own, or their partner tenant's. */
export const sideOf = (caller: Caller, customerTenantId: string): RoleSide => ({
  customerTenantId,
  partnerTenantId: customerTenantId === caller.tenantId ? null : caller.tenantId,
});

/** Built-in roles of a side: the customer's three, or the partner's Primary admins. */
export const builtInsOf = (side: RoleSide): BuiltInRole[] =>
  BUILT_IN_ROLES.filter((r) => r.side === (side.partnerTenantId === null ? 'customer' : 'partner'));

const builtInView = (r: BuiltInRole): RoleView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  builtIn: true,
  permissions: [...r.permissions],
});

export const toRoleView = (r: Role & { updatedAt?: Date }): RoleView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  builtIn: false,
  permissions: [...r.permissions],
  createdAt: r.createdAt,
  ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}),
});

/** The audit subjects of role and assignment changes; a partner's are named so in the customer's log. */
export const sideSubject =
  (category: 'Role' | 'Assignment') =>
  (objectId: string, operation: AuditOperation) =>
  (side: RoleSide): AuditSubject =>
    subjectOf(category, side.partnerTenantId === null ? category : `Partner${category}`)(
      objectId,
      operation
    );
const roleSubject = sideSubject('Role');

// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Trimmed, 1–64 characters, no control characters. */
export function normalizeRoleName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ROLE_NAME || CONTROL_CHARACTERS.test(trimmed)) {
    throw invalid(
      RoleErrors.ROLE_NAME_INVALID,
      `A role name has 1 to ${MAX_ROLE_NAME} characters and no control characters.`
    );
  }
  return trimmed;
}

/** A non-empty subset of the catalogue, de-duplicated, in catalogue order. */
export function normalizePermissions(permissions: readonly string[]): Permission[] {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw invalid(
      RoleErrors.ROLE_PERMISSION_UNKNOWN,
      'Some permissions are not in the catalogue.',
      {
        unknown: [...new Set(unknown)].slice(0, 20),
      }
    );
  }
  if (permissions.length === 0) {
    throw invalid(RoleErrors.ROLE_PERMISSIONS_EMPTY, 'A role grants at least one permission.');
  }
  const chosen = new Set(permissions);
  return PERMISSIONS.filter((p) => chosen.has(p));
}

function refuseNotHeld(grants: CustomerAccess['grants'], cid: string, permissions: Permission[]) {
  const notHeld = permissionsNotHeld(grants, cid, permissions);
  if (notHeld.length > 0) {
    throw forbidden(
      'A role may only contain permissions you hold yourself in this customer.',
      RoleErrors.ROLE_PERMISSION_NOT_HELD
    );
  }
}

/** Role management › View in this customer: the caller's side, once allowed. */
export async function viewingSide(
  caller: Caller,
  customerTenantId: string,
  deps: RolesDeps
): Promise<RoleSide> {
  const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
  authorize(access.grants, 'roles.view', { customerTenantId });
  return sideOf(caller, customerTenantId);
}

/**
 * Role management › Modify in this customer, audited in the caller's log and the customer's:
 * `subject` names the changed object on the caller's side, `work` does the change once allowed.
 */
export function modifyingSide<T>(
  caller: Caller,
  customerTenantId: string,
  deps: RolesDeps,
  subject: (side: RoleSide) => AuditSubject,
  work: (access: CustomerAccess, side: RoleSide, trail: AuditTrail) => Promise<T>
): Promise<T> {
  const side = sideOf(caller, customerTenantId);
  return changeInCustomer(deps, caller, customerTenantId, subject(side), async (access, trail) => {
    authorize(access.grants, 'roles.modify', { customerTenantId });
    return work(access, side, trail);
  });
}

const roleNotFound = () => notFound(RoleErrors.ROLE_NOT_FOUND, 'No such role.');
const nameTaken = () => conflict(RoleErrors.ROLE_NAME_TAKEN, 'Another role already has this name.');

/** On a partner's side: the customer deleted the partner's built-in Primary admins role. */
const partnerBuiltInDeleted = async (side: RoleSide, deps: RolesDeps): Promise<boolean> =>
  side.partnerTenantId !== null &&
  (await deps.relationships.primaryAdminsRoleDeleted(side.customerTenantId, side.partnerTenantId));
const builtInImmutable = () =>
  conflict(RoleErrors.ROLE_BUILT_IN, 'Built-in roles cannot be edited or deleted.');

/** Role management › View: the side's built-ins (first page only), then its custom roles. */
export async function listRoles(
  caller: Caller,
  customerTenantId: string,
  page: PageRequest,
  deps: RolesDeps
): Promise<PageResult<RoleView>> {
  const side = await viewingSide(caller, customerTenantId, deps);
  const custom = await deps.roles.list(side, page);
  let builtIns: RoleView[] = [];
  if (page.cursor === undefined) {
    const deleted = await partnerBuiltInDeleted(side, deps);
    builtIns = builtInsOf(side)
      .filter((r) => !(deleted && r.side === 'partner'))
      .map(builtInView);
  }
  return { ...custom, items: [...builtIns, ...custom.items.map(toRoleView)] };
}

export async function getRole(
  caller: Caller,
  customerTenantId: string,
  roleId: string,
  deps: RolesDeps
): Promise<RoleView> {
  const side = await viewingSide(caller, customerTenantId, deps);
  const builtIn = builtInsOf(side).find((r) => r.id === roleId);
  if (builtIn) {
    if (await partnerBuiltInDeleted(side, deps)) throw roleNotFound();
    return builtInView(builtIn);
  }
  const role = await deps.roles.get(side, roleId);
  if (!role) throw roleNotFound();
  return toRoleView(role);
}

/** Role management › Modify: a new custom role of the caller's side. */
export async function createRole(
  caller: Caller,
  customerTenantId: string,
  input: CreateRoleInput,
  deps: RolesDeps
): Promise<RoleView> {
  const id = deps.newId();
  const subject = roleSubject(id, 'Create');
  return modifyingSide(caller, customerTenantId, deps, subject, async (access, side, trail) => {
    const name = normalizeRoleName(input.name);
    const permissions = normalizePermissions(input.permissions);
    refuseNotHeld(access.grants, customerTenantId, permissions);
    const role: Role = {
      id,
      customerTenantId,
      partnerTenantId: side.partnerTenantId,
      name,
      description: (input.description ?? '').trim(),
      permissions,
      createdAt: deps.now(),
      createdBy: caller.userId,
    };
    // The role, its name claim and the audit records are one write.
    if (!(await trail.commit((audit) => metOrNull(deps.roles.insert(role, audit))))) {
      throw nameTaken();
    }
    return toRoleView(role);
  });
}

/**
 * Role management › Modify: rename, describe, or change the permissions of a custom role. Added
 * permissions reach every member of the role's assignments at once, so the caller must hold them
 * over each of those assignments' scopes (see delegation.ts).
 */
export async function updateRole(
  caller: Caller,
  customerTenantId: string,
  roleId: string,
  input: UpdateRoleInput,
  deps: RolesDeps
): Promise<RoleView> {
  const subject = roleSubject(roleId, 'Update');
  return modifyingSide(caller, customerTenantId, deps, subject, async (access, side, trail) => {
    if (builtInRole(roleId)) throw builtInImmutable();
    const current = await deps.roles.get(side, roleId);
    if (!current) throw roleNotFound();
    const name = input.name === undefined ? undefined : normalizeRoleName(input.name);
    const permissions =
      input.permissions === undefined ? undefined : normalizePermissions(input.permissions);
    if (permissions) {
      const before = new Set(current.permissions);
      const added = permissions.filter((p) => !before.has(p));
      refuseNotHeld(access.grants, customerTenantId, added);
      if (added.length > 0) {
        for (const a of await deps.assignments.listForRole(side, roleId)) {
          const placed = await placeScope(deps, customerTenantId, a.scope);
          if (uncoveredByCaller(access.grants, customerTenantId, added, placed).length > 0) {
            throw forbidden(
              'The role is assigned over rooms where you do not hold the added permissions.',
              RoleErrors.ROLE_PERMISSION_NOT_HELD
            );
          }
        }
      }
    }
    const changes = {
      ...(name !== undefined ? { name } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(permissions ? { permissions } : {}),
      updatedAt: deps.now(),
      updatedBy: caller.userId,
    };
    // The change, the name claims it takes and frees and the audit records are one write
    // ('name_taken' wrote nothing either: the failure below records it).
    const updated = await trail.commit((audit) => deps.roles.update(side, roleId, changes, audit));
    if (updated === 'name_taken') throw nameTaken();
    if (!updated) throw roleNotFound();
    return toRoleView(updated);
  });
}

/**
 * Role management › Modify: delete a custom role that has no assignments. Refusing a role in use
 * (409 ROLE.IN_USE) keeps revocation explicit: members lose access only when someone deletes
 * their assignment. (The customer's own route for partner roles deletes both at once; that is
 * the customer's revocation power, PRODUCT.md §4.10.)
 */
export async function deleteRole(
  caller: Caller,
  customerTenantId: string,
  roleId: string,
  deps: RolesDeps
): Promise<void> {
  const subject = roleSubject(roleId, 'Delete');
  return modifyingSide(caller, customerTenantId, deps, subject, async (_access, side, trail) => {
    if (builtInRole(roleId)) throw builtInImmutable();
    if (!(await deps.roles.get(side, roleId))) throw roleNotFound();
    const inUse = await deps.assignments.countForRole(side, roleId);
    if (inUse > 0) {
      throw conflict(RoleErrors.ROLE_IN_USE, 'Delete the assignments of this role first.');
    }
    // An assignment created while the role was being deleted would name a missing role (which
    // grants nothing); it goes in the same write, with the audit records, so no orphan lingers.
    if (!(await trail.commit((audit) => metOrNull(deps.roles.delete(side, roleId, audit))))) {
      throw roleNotFound();
    }
  });
}
