/**
 * Roles and role assignments of the caller's side in one customer (PRODUCT.md §4.6):
 * `/api/customers/{id}/roles` and `/assignments`. Built-in roles are listed but read-only.
 */
import type { ApiClient, Page } from './client.ts';
import type { RoomScope, RoomScopeInput } from './customer.ts';
import type { Member, MemberRef } from './directory.ts';

/** The closed permission catalogue, grouped by feature in the order of PRODUCT.md §3. */
export const PERMISSION_GROUPS = [
  {
    feature: 'rooms',
    permissions: [
      'rooms.view',
      'rooms.modify',
      'rooms.resetKey',
      'rooms.downloadKey',
      'rooms.unenroll',
      'rooms.create',
    ],
  },
  { feature: 'roomGroups', permissions: ['roomGroups.view', 'roomGroups.modify', 'roomGroups.create'] },
  { feature: 'updateRings', permissions: ['updateRings.view', 'updateRings.modify'] },
  { feature: 'reports', permissions: ['reports.view', 'reports.createIncident'] },
  { feature: 'tickets', permissions: ['tickets.view', 'tickets.update'] },
  { feature: 'settings', permissions: ['settings.view', 'settings.modify'] },
  { feature: 'roles', permissions: ['roles.view', 'roles.modify'] },
  { feature: 'changes', permissions: ['changes.approve'] },
] as const;

export type Feature = (typeof PERMISSION_GROUPS)[number]['feature'];
export type Permission = (typeof PERMISSION_GROUPS)[number]['permissions'][number];

/** A built-in or custom role (`Role`). */
export interface Role {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: Permission[];
  createdAt?: string;
  updatedAt?: string;
}

export interface RoleInput {
  name: string;
  description: string;
  permissions: Permission[];
}

/** A role given to members over a scope (`Assignment`); `notify` sends them incident alerts. */
export interface Assignment {
  id: string;
  roleId: string;
  members: Member[];
  scope: RoomScope;
  notify: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
}

export interface AssignmentInput {
  roleId: string;
  members: MemberRef[];
  scope: RoomScopeInput;
  notify: boolean;
}

const base = (customerTenantId: string) => `/api/customers/${encodeURIComponent(customerTenantId)}`;
const rolePath = (c: string, id: string) => `${base(c)}/roles/${encodeURIComponent(id)}`;
const assignmentPath = (c: string, id: string) => `${base(c)}/assignments/${encodeURIComponent(id)}`;

/** Up to 200 roles, built-ins first (Role management › View). */
export async function listRoles(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  return (await api.request<Page<Role>>(`${base(customerTenantId)}/roles?limit=200`, { signal })).items;
}

export function createRole(api: ApiClient, customerTenantId: string, input: RoleInput) {
  return api.request<Role>(`${base(customerTenantId)}/roles`, { method: 'POST', body: input });
}

export function updateRole(
  api: ApiClient,
  customerTenantId: string,
  roleId: string,
  changes: Partial<RoleInput>
) {
  return api.request<Role>(rolePath(customerTenantId, roleId), { method: 'PATCH', body: changes });
}

/** Refused with ROLE.IN_USE while the role has assignments. */
export function deleteRole(api: ApiClient, customerTenantId: string, roleId: string) {
  return api.request<void>(rolePath(customerTenantId, roleId), { method: 'DELETE' });
}

/** Up to 200 assignments (Role management › View). */
export async function listAssignments(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  const path = `${base(customerTenantId)}/assignments?limit=200`;
  return (await api.request<Page<Assignment>>(path, { signal })).items;
}

export function createAssignment(api: ApiClient, customerTenantId: string, input: AssignmentInput) {
  return api.request<Assignment>(`${base(customerTenantId)}/assignments`, {
    method: 'POST',
    body: input,
  });
}

export function updateAssignment(
  api: ApiClient,
  customerTenantId: string,
  assignmentId: string,
  changes: Partial<AssignmentInput>
) {
  return api.request<Assignment>(assignmentPath(customerTenantId, assignmentId), {
    method: 'PATCH',
    body: changes,
  });
}

export function deleteAssignment(api: ApiClient, customerTenantId: string, assignmentId: string) {
  return api.request<void>(assignmentPath(customerTenantId, assignmentId), { method: 'DELETE' });
}
