/**
 * Custom roles and role assignments per customer (PRODUCT.md §4.6), for both sides: a customer's
 * Global admin / TRPM or role managers manage the customer's own roles under their own tenant id;
 * a partner's role managers (Primary admins, or a custom role with Role management) manage their
 * partner's roles under the customer's id. View needs Role management › View, changes need
 * Role management › Modify for that customer; everything else is 403, and a customer the caller
 * holds nothing in is 404.
 */
import type { Api } from '../api.ts';
import { changeHandler, pageOf } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { customerParams as customer, page, pageOnly } from '../contracts/common.ts';
import {
  assignment,
  assignmentParams,
  createAssignmentBody,
  createRoleBody,
  role,
  roleParams,
  toAssignment,
  toRole,
  updateAssignmentBody,
  updateRoleBody,
} from '../contracts/roles.ts';
import { getRole, listRoles } from '../../core/roles/roles.use-cases.ts';
import { getAssignment, listAssignments } from '../../core/roles/assignments.use-cases.ts';
import { changeRequestSchema } from '../contracts/change-control.ts';

export function registerRoleRoutes(api: Api, services: AppServices): void {
  const deps = services.roles;
  // A partner's role changes go through the customer's change control (issue #15).
  const cc = services.changeControl;
  const tag = 'Roles';
  const base = '/api/customers/{customerTenantId}';

  api.route({
    method: 'get',
    path: `${base}/roles`,
    tag,
    summary:
      "Built-in and custom roles of the caller's side in this customer (Role management › View)",
    params: customer,
    query: pageOnly,
    response: page(role),
    handler: ({ caller, params, query }) =>
      listRoles(caller, params.customerTenantId, query, deps).then(pageOf(toRole)),
  });

  api.route({
    method: 'get',
    path: `${base}/roles/{roleId}`,
    tag,
    summary: 'One role of the caller’s side (Role management › View)',
    params: roleParams,
    response: role,
    handler: ({ caller, params }) =>
      getRole(caller, params.customerTenantId, params.roleId, deps).then(toRole),
  });

  api.route({
    method: 'post',
    path: `${base}/roles`,
    tag,
    summary: 'Create a custom role with permissions you hold yourself (Role management › Modify)',
    params: customer,
    body: createRoleBody,
    response: role,
    status: 201,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ body }) => ({
        kind: 'role.create',
        input: { ...body, permissions: [...body.permissions] },
      }),
      toRole
    ),
  });

  api.route({
    method: 'patch',
    path: `${base}/roles/{roleId}`,
    tag,
    summary:
      'Rename, describe or change the permissions of a custom role (Role management › Modify)',
    params: roleParams,
    body: updateRoleBody,
    response: role,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({
        kind: 'role.update',
        roleId: params.roleId,
        changes: body as never,
      }),
      toRole
    ),
  });

  api.route({
    method: 'delete',
    path: `${base}/roles/{roleId}`,
    tag,
    summary: 'Delete a custom role without assignments (Role management › Modify)',
    params: roleParams,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params }) => ({ kind: 'role.delete', roleId: params.roleId }),
      () => undefined
    ),
  });

  api.route({
    method: 'get',
    path: `${base}/assignments`,
    tag,
    summary: "Role assignments of the caller's side in this customer (Role management › View)",
    params: customer,
    query: pageOnly,
    response: page(assignment),
    handler: ({ caller, params, query }) =>
      listAssignments(caller, params.customerTenantId, query, deps).then(pageOf(toAssignment)),
  });

  api.route({
    method: 'get',
    path: `${base}/assignments/{assignmentId}`,
    tag,
    summary: 'One role assignment of the caller’s side (Role management › View)',
    params: assignmentParams,
    response: assignment,
    handler: ({ caller, params }) =>
      getAssignment(caller, params.customerTenantId, params.assignmentId, deps).then(toAssignment),
  });

  api.route({
    method: 'post',
    path: `${base}/assignments`,
    tag,
    summary:
      'Assign a role to users/groups of your organisation over rooms of this customer, within ' +
      'the invitation scope for partners (Role management › Modify)',
    params: customer,
    body: createAssignmentBody,
    response: assignment,
    status: 201,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ body }) => ({ kind: 'assignment.create', input: body as never }),
      toAssignment
    ),
  });

  api.route({
    method: 'patch',
    path: `${base}/assignments/{assignmentId}`,
    tag,
    summary:
      'Change the role, members, scope or alerts of an assignment (Role management › Modify)',
    params: assignmentParams,
    body: updateAssignmentBody,
    response: assignment,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({
        kind: 'assignment.update',
        assignmentId: params.assignmentId,
        changes: body as never,
      }),
      toAssignment
    ),
  });

  api.route({
    method: 'delete',
    path: `${base}/assignments/{assignmentId}`,
    tag,
    summary: 'Delete a role assignment; its members lose the rights on their next request',
    params: assignmentParams,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params }) => ({ kind: 'assignment.delete', assignmentId: params.assignmentId }),
      () => undefined
    ),
  });
}
