/**
 * Custom roles and role assignments per customer (PRODUCT.md §4.6), for both sides: a customer's
 * Global admin / TRPM or role managers manage the customer's own roles under their own tenant id;
 * a partner's role managers (Primary admins, or a custom role with Role management) manage their
 * partner's roles under the customer's id. View needs Role management › View, changes need
 * Role management › Modify for that customer; everything else is 403, and a customer the caller
 * holds nothing in is 404.
 */
import type { Api } from '../api.ts';
import { customerRoutes } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { wire } from '../contracts/common.ts';
import {
  assignment,
  createAssignmentBody,
  createRoleBody,
  role,
  roleId,
  updateAssignmentBody,
  updateRoleBody,
} from '../contracts/roles.ts';
import { getRole, listRoles, type RoleView } from '../../core/roles/roles.use-cases.ts';
import {
  getAssignment,
  listAssignments,
  type AssignmentView,
} from '../../core/roles/assignments.use-cases.ts';

export function registerRoleRoutes(api: Api, services: AppServices): void {
  // A partner's role changes go through the customer's change control (issue #15).
  const roles = customerRoutes(api, {
    tag: 'Roles',
    deps: services.roles,
    cc: services.changeControl,
  });

  roles.get('/roles', {
    summary:
      "Built-in and custom roles of the caller's side in this customer (Role management › View)",
    item: role,
    run: listRoles,
  });

  roles.get('/roles/{roleId}', {
    summary: 'One role of the caller’s side (Role management › View)',
    params: { roleId },
    response: role,
    run: getRole,
  });

  roles.post('/roles', {
    summary: 'Create a custom role with permissions you hold yourself (Role management › Modify)',
    body: createRoleBody,
    response: role,
    status: 201,
    change: ({ body }) => ({
      kind: 'role.create',
      input: { ...body, permissions: [...body.permissions] },
    }),
    present: wire<RoleView>,
  });

  roles.patch('/roles/{roleId}', {
    summary:
      'Rename, describe or change the permissions of a custom role (Role management › Modify)',
    params: { roleId },
    body: updateRoleBody,
    response: role,
    change: ({ params, body }) => ({
      kind: 'role.update',
      roleId: params.roleId,
      changes: body as never,
    }),
    present: wire<RoleView>,
  });

  roles.delete('/roles/{roleId}', {
    summary: 'Delete a custom role without assignments (Role management › Modify)',
    params: { roleId },
    change: ({ params }) => ({ kind: 'role.delete', roleId: params.roleId }),
    present: () => undefined,
  });

  roles.get('/assignments', {
    summary: "Role assignments of the caller's side in this customer (Role management › View)",
    item: assignment,
    run: listAssignments,
  });

  roles.get('/assignments/{assignmentId}', {
    summary: 'One role assignment of the caller’s side (Role management › View)',
    response: assignment,
    run: getAssignment,
  });

  roles.post('/assignments', {
    summary:
      'Assign a role to users/groups of your organisation over rooms of this customer, within ' +
      'the invitation scope for partners (Role management › Modify)',
    body: createAssignmentBody,
    response: assignment,
    status: 201,
    change: ({ body }) => ({ kind: 'assignment.create', input: body as never }),
    present: wire<AssignmentView>,
  });

  roles.patch('/assignments/{assignmentId}', {
    summary:
      'Change the role, members, scope or alerts of an assignment (Role management › Modify)',
    body: updateAssignmentBody,
    response: assignment,
    change: ({ params, body }) => ({
      kind: 'assignment.update',
      assignmentId: params.assignmentId,
      changes: body as never,
    }),
    present: wire<AssignmentView>,
  });

  roles.delete('/assignments/{assignmentId}', {
    summary: 'Delete a role assignment; its members lose the rights on their next request',
    change: ({ params }) => ({ kind: 'assignment.delete', assignmentId: params.assignmentId }),
    present: () => undefined,
  });
}
