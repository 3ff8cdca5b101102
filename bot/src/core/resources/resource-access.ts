/**
 * How the resource use cases ask the authorization engine. Lists read through `roomFilter` (only
 * what the caller may see is ever read); single objects go through `decide`. A room the caller
 * may not see answers ROOM.NOT_FOUND, exactly like a room that does not exist.
 */
import {
  decide,
  grantedPermissions,
  roomFilter,
  roomResource,
  type AuthzResource,
  type RoomFilter,
  type RoomRef,
} from '../authz/engine.ts';
import {
  customerAccess,
  type CustomerAccess,
  type GrantsLoader,
} from '../authz/customer-access.ts';
import type { Caller } from '../identity/caller.ts';
import type { Permission } from '../authz/permissions.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Room } from './resources.model.ts';
import type { RoomRepository } from './resources.ports.ts';
import { ResourceErrors } from './resources.errors.ts';

export const roomNotFound = () =>
  notFound(ResourceErrors.ROOM_NOT_FOUND, 'No such room, or it is outside your scope.');

/** Refuses (AUTHZ.FORBIDDEN) a caller no role of this customer grants `permission`. */
export function requireGranted(access: CustomerAccess, permission: Permission): void {
  if (!grantedPermissions(access.grants, access.customerTenantId).includes(permission)) {
    throw forbidden();
  }
}

/**
 * The rooms the caller may act on with `permission`, as a filter; null when a role grants it but
 * its scope holds no room (the list is empty). Refuses a caller no role grants it.
 */
export function scopeFilter(access: CustomerAccess, permission: Permission): RoomFilter | null {
  requireGranted(access, permission);
  return roomFilter(access.grants, permission, access.customerTenantId);
}

/**
 * A list's entry: the caller's access to the customer (CUSTOMER.NOT_FOUND when none) and the
 * rooms they may see with `permission` (scopeFilter); null when that is no room at all.
 */
export async function listScope(
  caller: Caller,
  customerTenantId: string,
  permission: Permission,
  loadGrants: GrantsLoader
): Promise<{ access: CustomerAccess; scope: RoomFilter } | null> {
  const access = await customerAccess(caller, customerTenantId, loadGrants);
  const scope = scopeFilter(access, permission);
  return scope && { access, scope };
}

/** True when `filter` is the unrestricted one: every room of the tenant, nothing else. */
export const isWholeTenant = (filter: RoomFilter | null): boolean =>
  filter !== null && Object.keys(filter).length === 1;

/** True when the caller holds `permission` over every room of the customer. */
export const holdsAllRooms = (access: CustomerAccess, permission: Permission): boolean =>
  isWholeTenant(roomFilter(access.grants, permission, access.customerTenantId));

/**
 * A room group seen as a room that belongs to it and to nothing else: the caller "holds" group G
 * for a permission when their scopes cover G as a whole (all rooms, or G itself named in the
 * relationship scope and in a granting assignment), not merely some room that happens to be in
 * G. Its id can never be a room id.
 */
export const groupAsRoom = (groupId: string): RoomRef => ({
  id: `group:${groupId}`,
  groupIds: [groupId],
});

export const holdsGroup = (access: CustomerAccess, permission: Permission, groupId: string) =>
  decide(access.grants, permission, {
    customerTenantId: access.customerTenantId,
    room: groupAsRoom(groupId),
  }).allowed;

export const roomOf = (room: Pick<Room, 'id' | 'tenantId' | 'groupIds'>): AuthzResource =>
  roomResource({ _id: room.id, tenantId: room.tenantId, groupIds: room.groupIds });

export const allows = (access: CustomerAccess, permission: Permission, room: Room) =>
  decide(access.grants, permission, roomOf(room)).allowed;

/**
 * Loads a room for an action: ROOM.NOT_FOUND when absent or when the caller may neither view it
 * nor perform `permission` on it (its existence stays hidden), AUTHZ.FORBIDDEN when they may see
 * it but not perform `permission`.
 */
export async function roomFor(
  access: CustomerAccess,
  rooms: RoomRepository,
  roomId: string,
  permission: Permission
): Promise<Room> {
  const room = await rooms.get(access.customerTenantId, roomId);
  if (!room) throw roomNotFound();
  const may = allows(access, permission, room);
  if (!may && !allows(access, 'rooms.view', room)) throw roomNotFound();
  if (!may) throw forbidden();
  return room;
}
