/**
 * Role assignments (PRODUCT.md §2 Assignment, §4.6): a role of the caller's side, members of the
 * caller's own directory (the partner's people for partner assignments, the customer's for its
 * own), a scope of the customer's rooms (never wider than the invitation scope for a partner) and
 * a notify flag. The built-in Primary admins assignment lives on the relationship and is managed
 * by the partner routes, never here. Changes take effect on the next request: grants are loaded
 * per request.
 */
import type { Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import { requireMember } from '../identity/identity.use-cases.ts';
import { builtInRole, type Permission } from '../authz/permissions.ts';
import type { CustomerAccess } from '../authz/customer-access.ts';
import type { Assignment, RoomScope } from '../partners/model.ts';
import type { PageRequest, PageResult } from '../partners/partners.ports.ts';
import type { ScopeInput } from '../partners/scope.ts';
import { describeMembers, type MemberView } from '../partners/partners.views.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';
import { RoleErrors } from './roles.errors.ts';
import { uncoveredByCaller, type PlacedScope } from './delegation.ts';
import { metOrNull } from '../audit/audited.ts';
import { validateAssignmentScope } from './assignment-scope.ts';
import { builtInsOf, modifyingSide, sideSubject, viewingSide } from './roles.use-cases.ts';

import { MAX_MEMBERS } from '../limits.ts';

export { MAX_MEMBERS } from '../limits.ts';

export interface AssignmentView {
  id: string;
  roleId: string;
  members: MemberView[];
  scope: RoomScope;
  notify: boolean;
  createdAt: Date;
  createdBy: string;
  updatedAt?: Date;
}

export interface CreateAssignmentInput {
  roleId: string;
  members: readonly MemberRef[];
  scope: ScopeInput;
  notify?: boolean;
}

export type UpdateAssignmentInput = Partial<CreateAssignmentInput>;

const assignmentSubject = sideSubject('Assignment');

const storedScopeInput = (s: RoomScope): ScopeInput =>
  s.allRooms ? { allRooms: true } : { roomIds: s.roomIds, roomGroupIds: s.roomGroupIds };

const assignmentNotFound = () => notFound(RoleErrors.ASSIGNMENT_NOT_FOUND, 'No such assignment.');

async function toView(
  a: Assignment & { updatedAt?: Date },
  deps: RolesDeps,
  memberTenantId: string
): Promise<AssignmentView> {
  return {
    id: a.id,
    roleId: a.roleId,
    members: await describeMembers(deps.directory, memberTenantId, a.members),
    scope: a.scope,
    notify: a.notify,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    ...(a.updatedAt ? { updatedAt: a.updatedAt } : {}),
  };
}

/**
 * The permissions of a role the caller may assign: a built-in of the caller's side that lives in
 * assignments (the customer's MMR Admin, Site Lead, Site Tech), or a custom role of the same side
 * and customer.
 */
async function assignableRole(
  side: RoleSide,
  roleId: string,
  deps: RolesDeps
): Promise<Permission[]> {
  const builtIn = builtInRole(roleId);
  if (builtIn) {
    if (builtIn.side === 'partner') {
      throw invalid(
        RoleErrors.ASSIGNMENT_ROLE_INVALID,
        'Primary admins are managed on the customer relationship (Tenants › Primary admins).'
      );
    }
    if (!builtInsOf(side).includes(builtIn)) {
      throw invalid(
        RoleErrors.ASSIGNMENT_ROLE_INVALID,
        'This built-in role is the customer’s own.'
      );
    }
    return [...builtIn.permissions];
  }
  const role = await deps.roles.get(side, roleId);
  if (!role) throw invalid(RoleErrors.ASSIGNMENT_ROLE_INVALID, 'No such role for this customer.');
  return role.permissions as Permission[];
}

/** Members of the caller's own directory, de-duplicated; unknown ones are refused with 400. */
async function validMembers(
  caller: Caller,
  members: readonly MemberRef[],
  deps: RolesDeps
): Promise<MemberRef[]> {
  const unique = [...new Map(members.map((m) => [`${m.type}:${m.id}`, m])).values()];
  if (unique.length === 0) {
    throw invalid(RoleErrors.ASSIGNMENT_MEMBERS_EMPTY, 'Choose at least one user or group.');
  }
  if (unique.length > MAX_MEMBERS) {
    throw invalid(
      RoleErrors.ASSIGNMENT_MEMBERS_EMPTY,
      `At most ${MAX_MEMBERS} members per assignment.`
    );
  }
  for (const m of unique) await requireMember(deps.directory, caller.tenantId, m);
  return unique.map((m) => ({ type: m.type, id: m.id }));
}

function refuseEscalation(
  access: CustomerAccess,
  permissions: readonly Permission[],
  placed: PlacedScope
): void {
  const uncovered = uncoveredByCaller(access.grants, access.customerTenantId, permissions, placed);
  if (uncovered.length > 0) {
    throw forbidden(
      'You can only assign a role over rooms where you hold each of its permissions yourself.',
      RoleErrors.ASSIGNMENT_PERMISSION_NOT_HELD
    );
  }
}

export async function listAssignments(
  caller: Caller,
  customerTenantId: string,
  page: PageRequest,
  deps: RolesDeps
): Promise<PageResult<AssignmentView>> {
  const r = await deps.assignments.list(await viewingSide(caller, customerTenantId, deps), page);
  return { ...r, items: await Promise.all(r.items.map((a) => toView(a, deps, caller.tenantId))) };
}

export async function getAssignment(
  caller: Caller,
  customerTenantId: string,
  assignmentId: string,
  deps: RolesDeps
): Promise<AssignmentView> {
  const side = await viewingSide(caller, customerTenantId, deps);
  const a = await deps.assignments.get(side, assignmentId);
  if (!a) throw assignmentNotFound();
  return toView(a, deps, caller.tenantId);
}

export async function createAssignment(
  caller: Caller,
  customerTenantId: string,
  input: CreateAssignmentInput,
  deps: RolesDeps
): Promise<AssignmentView> {
  const id = deps.newId();
  const subject = assignmentSubject(id, 'Create');
  return modifyingSide(caller, customerTenantId, deps, subject, async (access, side) => {
    const permissions = await assignableRole(side, input.roleId, deps);
    const members = await validMembers(caller, input.members, deps);
    const { scope, placed } = await validateAssignmentScope(deps, access, side, input.scope);
    refuseEscalation(access, permissions, placed);
    const assignment: Assignment = {
      id,
      customerTenantId,
      partnerTenantId: side.partnerTenantId,
      roleId: input.roleId,
      members,
      scope,
      notify: input.notify ?? false,
      createdAt: deps.now(),
      createdBy: caller.userId,
    };
    await deps.assignments.insert(assignment);
    // A custom role deleted meanwhile would leave an orphan (which grants nothing): undo.
    if (!builtInRole(input.roleId) && !(await deps.roles.get(side, input.roleId))) {
      await deps.assignments.delete(side, id);
      throw invalid(RoleErrors.ASSIGNMENT_ROLE_INVALID, 'No such role for this customer.');
    }
    return toView(assignment, deps, caller.tenantId);
  });
}

/**
 * Changes role, members, scope or notify flag. A change of role, members or scope is checked like
 * a new assignment (it gives rights to someone); the notify flag alone gives none.
 */
export async function updateAssignment(
  caller: Caller,
  customerTenantId: string,
  assignmentId: string,
  input: UpdateAssignmentInput,
  deps: RolesDeps
): Promise<AssignmentView> {
  const subject = assignmentSubject(assignmentId, 'Update');
  return modifyingSide(caller, customerTenantId, deps, subject, async (access, side) => {
    const current = await deps.assignments.get(side, assignmentId);
    if (!current) throw assignmentNotFound();
    const grantsChange =
      input.roleId !== undefined || input.members !== undefined || input.scope !== undefined;
    let changes: Partial<Pick<Assignment, 'roleId' | 'members' | 'scope'>> = {};
    if (grantsChange) {
      const roleId = input.roleId ?? current.roleId;
      const permissions = await assignableRole(side, roleId, deps);
      const members =
        input.members === undefined
          ? current.members
          : await validMembers(caller, input.members, deps);
      const { scope, placed } = await validateAssignmentScope(
        deps,
        access,
        side,
        input.scope ?? storedScopeInput(current.scope)
      );
      refuseEscalation(access, permissions, placed);
      changes = { roleId, members, scope };
    }
    const updated = await deps.assignments.update(side, assignmentId, {
      ...changes,
      ...(input.notify !== undefined ? { notify: input.notify } : {}),
      updatedAt: deps.now(),
      updatedBy: caller.userId,
    });
    if (!updated) throw assignmentNotFound();
    return toView(updated, deps, caller.tenantId);
  });
}

export async function deleteAssignment(
  caller: Caller,
  customerTenantId: string,
  assignmentId: string,
  deps: RolesDeps
): Promise<void> {
  const subject = assignmentSubject(assignmentId, 'Delete');
  return modifyingSide(caller, customerTenantId, deps, subject, async (_access, side, trail) => {
    // The delete and its audit records are one write.
    const deleted = await trail.commit((audit) =>
      metOrNull(deps.assignments.delete(side, assignmentId, audit))
    );
    if (!deleted) throw assignmentNotFound();
  });
}
