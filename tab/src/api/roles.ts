/**
 * Roles and role assignments of the caller's side in one customer (PRODUCT.md §4.6):
 * `/api/customers/{id}/roles` and `/assignments`. Built-in roles are listed but read-only. Under
 * the customer's Manual approval a partner's change answers 202 with a `ChangeRequest` instead.
 */
import { apiPath, type ApiClient, type Page } from './client.ts';
import type { ChangeRequest } from './change-control.ts';
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

/**
 * Listing, creating, changing and deleting one collection of a customer (`roles`, `assignments`).
 * A change answers the changed object, or under Manual approval the change request (202).
 */
function collection<T, Input>(name: string) {
  const path = (customerTenantId: string, id?: string) =>
    apiPath`/api/customers/${customerTenantId}` +
    `/${name}` +
    (id === undefined ? '' : apiPath`/${id}`);
  return {
    /** Up to 200 (Role management › View). */
    list: async (api: ApiClient, customerTenantId: string, signal?: AbortSignal) =>
      (await api.request<Page<T>>(`${path(customerTenantId)}?limit=200`, { signal })).items,
    create: (api: ApiClient, customerTenantId: string, input: Input) =>
      api.request<T | ChangeRequest>(path(customerTenantId), { method: 'POST', body: input }),
    update: (api: ApiClient, customerTenantId: string, id: string, changes: Partial<Input>) =>
      api.request<T | ChangeRequest>(path(customerTenantId, id), {
        method: 'PATCH',
        body: changes,
      }),
    remove: (api: ApiClient, customerTenantId: string, id: string) =>
      api.request<ChangeRequest | undefined>(path(customerTenantId, id), { method: 'DELETE' }),
  };
}

const roles = collection<Role, RoleInput>('roles');
const assignments = collection<Assignment, AssignmentInput>('assignments');

/** Built-ins first. */
export const listRoles = roles.list;
export const createRole = roles.create;
export const updateRole = roles.update;
/** Refused with ROLE.IN_USE while the role has assignments. */
export const deleteRole = roles.remove;

export const listAssignments = assignments.list;
export const createAssignment = assignments.create;
export const updateAssignment = assignments.update;
export const deleteAssignment = assignments.remove;
