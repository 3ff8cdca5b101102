/**
 * Custom roles per customer and side (PRODUCT.md §2 Role, §4.6), through the steps of
 * side-changes.ts. Role management › View lists, Role management › Modify changes; built-ins are
 * listed but immutable. Every change is audited in the caller's log and the customer's.
 */
import type { Caller } from '../identity/caller.ts';
import {
  BUILT_IN_ROLES,
  PERMISSIONS,
  builtInRole,
  isPermission,
  type BuiltInRole,
  type Permission,
} from '../authz/permissions.ts';
import { metOrNull } from '../audit/audited.ts';
import type { Role } from '../partners/model.ts';
import type { PageRequest, PageResult } from '../partners/partners.ports.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';
import { RoleErrors } from './roles.errors.ts';
import { refuseEscalation, type Refusal } from './delegation.ts';
import { placeScope } from './assignment-scope.ts';
import { changeOnSide, createOnSide, viewingSide } from './side-changes.ts';

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

export { sideOf } from './side-changes.ts';

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

const NOT_HELD: Refusal = {
  code: RoleErrors.ROLE_PERMISSION_NOT_HELD,
  message: 'A role may only contain permissions you hold yourself in this customer.',
};
const NOT_HELD_WHERE_ASSIGNED: Refusal = {
  code: RoleErrors.ROLE_PERMISSION_NOT_HELD,
  message: 'The role is assigned over rooms where you do not hold the added permissions.',
};

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
export const createRole = createOnSide(
  'Role',
  async ({ access, deps, created, commit }, input: CreateRoleInput): Promise<RoleView> => {
    const name = normalizeRoleName(input.name);
    const permissions = normalizePermissions(input.permissions);
    refuseEscalation(access, permissions, 'anywhere', NOT_HELD);
    const role: Role = {
      ...created(),
      name,
      description: (input.description ?? '').trim(),
      permissions,
    };
    // The role, its name claim and the audit records are one write.
    await commit((audit) => metOrNull(deps.roles.insert(role, audit)), nameTaken);
    return toRoleView(role);
  }
);

/**
 * Role management › Modify: rename, describe, or change the permissions of a custom role. Added
 * permissions reach every member of the role's assignments at once, so the caller must hold them
 * over each of those assignments' scopes (see delegation.ts).
 */
export const updateRole = changeOnSide(
  'Role',
  'Update',
  async (
    { access, side, deps, id, updated, commit },
    input: UpdateRoleInput
  ): Promise<RoleView> => {
    if (builtInRole(id)) throw builtInImmutable();
    const current = await deps.roles.get(side, id);
    if (!current) throw roleNotFound();
    const name = input.name === undefined ? undefined : normalizeRoleName(input.name);
    const permissions =
      input.permissions === undefined ? undefined : normalizePermissions(input.permissions);
    if (permissions) {
      const before = new Set(current.permissions);
      const added = permissions.filter((p) => !before.has(p));
      refuseEscalation(access, added, 'anywhere', NOT_HELD);
      if (added.length > 0) {
        for (const a of await deps.assignments.listForRole(side, id)) {
          const placed = await placeScope(deps, side.customerTenantId, a.scope);
          refuseEscalation(access, added, placed, NOT_HELD_WHERE_ASSIGNED);
        }
      }
    }
    const changes = {
      ...(name !== undefined ? { name } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(permissions ? { permissions } : {}),
      ...updated(),
    };
    // The change, the name claims it takes and frees and the audit records are one write
    // ('name_taken' wrote nothing either: the failure below records it).
    const stored = await commit(
      (audit) => deps.roles.update(side, id, changes, audit),
      roleNotFound
    );
    if (stored === 'name_taken') throw nameTaken();
    return toRoleView(stored);
  }
);

/**
 * Role management › Modify: delete a custom role that has no assignments. Refusing a role in use
 * (409 ROLE.IN_USE) keeps revocation explicit: members lose access only when someone deletes
 * their assignment. (The customer's own route for partner roles deletes both at once; that is
 * the customer's revocation power, PRODUCT.md §4.10.)
 */
export const deleteRole = changeOnSide(
  'Role',
  'Delete',
  async ({ side, deps, id, commit }): Promise<void> => {
    if (builtInRole(id)) throw builtInImmutable();
    if (!(await deps.roles.get(side, id))) throw roleNotFound();
    const inUse = await deps.assignments.countForRole(side, id);
    if (inUse > 0) {
      throw conflict(RoleErrors.ROLE_IN_USE, 'Delete the assignments of this role first.');
    }
    // An assignment created while the role was being deleted would name a missing role (which
    // grants nothing); it goes in the same write, with the audit records, so no orphan lingers.
    await commit((audit) => metOrNull(deps.roles.delete(side, id, audit)), roleNotFound);
  }
);
