/**
 * No privilege escalation through role management. The domain research is silent on whether a
 * role manager may grant rights they do not hold (it only says who may create and assign roles),
 * so we forbid it: a caller may put into a role only permissions they hold somewhere in the
 * customer, and may assign a role only over rooms where they hold each of its permissions
 * themselves. Otherwise a Primary admin (who lacks e.g. Rooms › Reset key) could create a role
 * with it and assign it to themselves, and a customer user holding Role management on Seattle
 * rooms could hand out rights on every room.
 *
 * Every check goes through the engine's `decide`, so "holds" means exactly what authorization
 * means elsewhere (assignment scopes, the relationship scope for partners, groups, GA/TRPM).
 */
import { decide, grantedPermissions, type Grants, type RoomRef } from '../authz/engine.ts';
import { TENANT_LEVEL_PERMISSIONS, type Permission } from '../authz/permissions.ts';
import type { CustomerAccess } from '../authz/customer-access.ts';
import { forbidden } from '../errors.ts';

/**
 * Probes for scope parts that are not rooms. Scope sets hold lower-case GUIDs, so these ids match
 * no room: a group probe is covered exactly by scopes that are all rooms or name the group, and
 * the all-rooms probe exactly by all-rooms scopes.
 */
const ALL_ROOMS_PROBE: RoomRef = { id: '*all-rooms*', groupIds: [] };
const groupProbe = (groupId: string): RoomRef => ({ id: '*group*', groupIds: [groupId] });

/** The permissions among `permissions` that the caller holds nowhere in the customer. */
export function permissionsNotHeld(
  grants: Grants,
  customerTenantId: string,
  permissions: readonly Permission[]
): Permission[] {
  const held = new Set(grantedPermissions(grants, customerTenantId));
  return permissions.filter((p) => !held.has(p));
}

/** A scope with its rooms resolved (their groups decide whether a scope covers them). */
export interface PlacedScope {
  allRooms: boolean;
  rooms: readonly RoomRef[];
  roomGroupIds: readonly string[];
}

export interface Uncovered {
  permission: Permission;
  /** 'allRooms', or the id of the room or room group the caller does not hold it on. */
  target: string;
}

/**
 * Where giving `permissions` over `scope` would exceed the caller's own rights. Tenant-level
 * permissions need only be held; room-level ones must be held on every part of the scope.
 */
export function uncoveredByCaller(
  grants: Grants,
  customerTenantId: string,
  permissions: readonly Permission[],
  scope: PlacedScope
): Uncovered[] {
  const out: Uncovered[] = [];
  const holds = (p: Permission, room?: RoomRef) =>
    decide(grants, p, room ? { customerTenantId, room } : { customerTenantId }).allowed;
  for (const p of permissions) {
    if (TENANT_LEVEL_PERMISSIONS.has(p)) {
      if (!holds(p)) out.push({ permission: p, target: 'tenant' });
      continue;
    }
    if (scope.allRooms) {
      if (!holds(p, ALL_ROOMS_PROBE)) out.push({ permission: p, target: 'allRooms' });
      continue;
    }
    for (const room of scope.rooms) {
      if (!holds(p, room)) out.push({ permission: p, target: room.id });
    }
    for (const g of scope.roomGroupIds) {
      if (!holds(p, groupProbe(g))) out.push({ permission: p, target: g });
    }
  }
  return out;
}

/** What the caller is told (403) when a change would exceed their own rights. */
export interface Refusal {
  code: string;
  message: string;
}

/**
 * Refuses giving `permissions` beyond the caller's own rights: over `scope`, each held on every
 * part of it; 'anywhere' (what a role may contain), each held somewhere in the customer.
 */
export function refuseEscalation(
  access: Pick<CustomerAccess, 'grants' | 'customerTenantId'>,
  permissions: readonly Permission[],
  scope: PlacedScope | 'anywhere',
  refusal: Refusal
): void {
  const { grants, customerTenantId } = access;
  const exceeding =
    scope === 'anywhere'
      ? permissionsNotHeld(grants, customerTenantId, permissions)
      : uncoveredByCaller(grants, customerTenantId, permissions, scope);
  if (exceeding.length > 0) throw forbidden(refusal.message, refusal.code);
}
