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
import type { Assignment, RoomScope } from '../partners/model.ts';
import type { PageRequest, PageResult } from '../partners/partners.ports.ts';
import type { ScopeInput } from '../partners/scope.ts';
import { describeMembers, type MemberView } from '../partners/partners.views.ts';
import { invalid, notFound } from '../errors.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';
import { RoleErrors } from './roles.errors.ts';
import { refuseEscalation, type Refusal } from './delegation.ts';
import { metOrNull } from '../audit/audited.ts';
import { validateAssignmentScope } from './assignment-scope.ts';
import { builtInsOf } from './roles.use-cases.ts';
import { changeOnSide, createOnSide, viewingSide } from './side-changes.ts';

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

const storedScopeInput = (s: RoomScope): ScopeInput =>
  s.allRooms ? { allRooms: true } : { roomIds: s.roomIds, roomGroupIds: s.roomGroupIds };

const assignmentNotFound = () => notFound(RoleErrors.ASSIGNMENT_NOT_FOUND, 'No such assignment.');
const noSuchRole = () =>
  invalid(RoleErrors.ASSIGNMENT_ROLE_INVALID, 'No such role for this customer.');
const NOT_HELD: Refusal = {
  code: RoleErrors.ASSIGNMENT_PERMISSION_NOT_HELD,
  message: 'You can only assign a role over rooms where you hold each of its permissions yourself.',
};

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
  if (!role) throw noSuchRole();
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

/**
 * The assignment and its audit records are one write, stored only while the custom role it names
 * is there: a role deleted meanwhile would leave an orphan (which grants nothing).
 */
export const createAssignment = createOnSide(
  'Assignment',
  async (change, input: CreateAssignmentInput): Promise<AssignmentView> => {
    const { caller, deps, access, side } = change;
    const permissions = await assignableRole(side, input.roleId, deps);
    const members = await validMembers(caller, input.members, deps);
    const { scope, placed } = await validateAssignmentScope(deps, access, side, input.scope);
    refuseEscalation(access, permissions, placed, NOT_HELD);
    const assignment: Assignment = {
      ...change.created(),
      roleId: input.roleId,
      members,
      scope,
      notify: input.notify ?? false,
    };
    await change.commit(
      (audit) => metOrNull(deps.assignments.insert(assignment, audit)),
      noSuchRole
    );
    return toView(assignment, deps, caller.tenantId);
  }
);

/**
 * Changes role, members, scope or notify flag. A change of role, members or scope is checked like
 * a new assignment (it gives rights to someone); the notify flag alone gives none. Stored with its
 * audit records in one write, while the assignment and the custom role it names are there.
 */
export const updateAssignment = changeOnSide(
  'Assignment',
  'Update',
  async (change, input: UpdateAssignmentInput): Promise<AssignmentView> => {
    const { caller, deps, access, side, id } = change;
    const current = await deps.assignments.get(side, id);
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
      refuseEscalation(access, permissions, placed, NOT_HELD);
      changes = { roleId, members, scope };
    }
    const all = {
      ...changes,
      ...(input.notify !== undefined ? { notify: input.notify } : {}),
      ...change.updated(),
    };
    // Nothing written: the assignment is gone, or else the role it would name.
    const gone = async () =>
      (await deps.assignments.get(side, id)) ? noSuchRole() : assignmentNotFound();
    const updated = await change.commit(
      (audit) => deps.assignments.update(side, id, all, audit),
      gone
    );
    return toView(updated, deps, caller.tenantId);
  }
);

/** The delete and its audit records are one write. */
export const deleteAssignment = changeOnSide(
  'Assignment',
  'Delete',
  async ({ deps, side, id, commit }): Promise<void> => {
    await commit(
      (audit) => metOrNull(deps.assignments.delete(side, id, audit)),
      assignmentNotFound
    );
  }
);
