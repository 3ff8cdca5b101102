/**
 * Roles and role assignments of the caller's side in one customer (PRODUCT.md §4.6):
 * `/api/customers/{id}/roles` and `/assignments`. Built-in roles are listed but read-only.
 */
import type { ApiClient, Page } from './client.ts';
import { PERMISSIONS, type Permission } from '../../../bot/src/core/authz/permissions.ts';
import type {
  Assignment,
  AssignmentInput,
  Role as RoleWire,
  RoleInput,
} from '../../../bot/src/http/contracts/roles.ts';

export type { Permission } from '../../../bot/src/core/authz/permissions.ts';
// The service's limits on a role's fields (its use cases check them; the contract states them).
export { MAX_ROLE_DESCRIPTION, MAX_ROLE_NAME } from '../../../bot/src/core/limits.ts';
export type {
  Assignment,
  AssignmentInput,
  RoleInput,
} from '../../../bot/src/http/contracts/roles.ts';

/** The permission's feature: the part before the dot (`rooms.view` → `rooms`). */
export type Feature = Permission extends `${infer F}.${string}` ? F : never;

/**
 * The closed permission catalogue (the service's PERMISSIONS), grouped by feature in its order,
 * which is the order of PRODUCT.md §3.
 */
export const PERMISSION_GROUPS: readonly {
  feature: Feature;
  permissions: readonly Permission[];
}[] = PERMISSIONS.reduce<{ feature: Feature; permissions: Permission[] }[]>((groups, p) => {
  const feature = p.slice(0, p.indexOf('.')) as Feature;
  const last = groups[groups.length - 1];
  if (last?.feature === feature) last.permissions.push(p);
  else groups.push({ feature, permissions: [p] });
  return groups;
}, []);

/** A built-in or custom role (`Role`); the service lists only catalogue permissions. */
export type Role = Omit<RoleWire, 'permissions'> & { permissions: Permission[] };

const base = (customerTenantId: string) => `/api/customers/${encodeURIComponent(customerTenantId)}`;
const rolePath = (c: string, id: string) => `${base(c)}/roles/${encodeURIComponent(id)}`;
const assignmentPath = (c: string, id: string) =>
  `${base(c)}/assignments/${encodeURIComponent(id)}`;

/** Up to 200 roles, built-ins first (Role management › View). */
export async function listRoles(api: ApiClient, customerTenantId: string, signal?: AbortSignal) {
  return (await api.request<Page<Role>>(`${base(customerTenantId)}/roles?limit=200`, { signal }))
    .items;
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
export async function listAssignments(
  api: ApiClient,
  customerTenantId: string,
  signal?: AbortSignal
) {
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
