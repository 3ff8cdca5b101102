/**
 * Placing an assignment scope in a customer: the rooms and room groups must exist there, and a
 * partner's must lie within the invitation (relationship) scope, because a partner gets nothing
 * outside it (PRODUCT.md §5). A room lies within it when it is named or one of its groups is; a
 * room group only when it is named (groups gain rooms over time, so "all its rooms are inside
 * today" is not enough). The engine clamps partner rights to the relationship scope anyway; this
 * check keeps stored assignments honest and tells the caller at once.
 */
import { covers, type RoomRef } from '../authz/engine.ts';
import type { CustomerAccess } from '../authz/customer-access.ts';
import type { RoomScope } from '../partners/model.ts';
import { normalizeScope, type ScopeInput } from '../partners/scope.ts';
import { invalid } from '../errors.ts';
import type { PlacedScope } from './delegation.ts';
import type { RoleSide, RolesDeps } from './roles.ports.ts';
import { RoleErrors } from './roles.errors.ts';

/** A stored scope with its rooms resolved; rooms deleted since are left out (they grant nothing). */
export async function placeScope(
  deps: Pick<RolesDeps, 'rooms'>,
  customerTenantId: string,
  scope: RoomScope
): Promise<PlacedScope> {
  if (scope.allRooms) return { allRooms: true, rooms: [], roomGroupIds: [] };
  return {
    allRooms: false,
    rooms: await deps.rooms.rooms(customerTenantId, scope.roomIds),
    roomGroupIds: scope.roomGroupIds,
  };
}

/**
 * Validates a scope as sent. Customer side: unknown ids are ASSIGNMENT.SCOPE_INVALID. Partner
 * side: unknown ids and ids beyond the relationship scope are both ASSIGNMENT.OUTSIDE_SCOPE, so a
 * partner cannot learn which ids exist outside what it was given.
 */
export async function validateAssignmentScope(
  deps: Pick<RolesDeps, 'rooms'>,
  access: CustomerAccess,
  side: RoleSide,
  input: ScopeInput
): Promise<{ scope: RoomScope; placed: PlacedScope }> {
  const scope = normalizeScope(input, RoleErrors.ASSIGNMENT_SCOPE_INVALID);
  const boundary = side.partnerTenantId === null ? null : access.customer.boundary;
  if (scope.allRooms) {
    if (boundary && !boundary.all) {
      throw invalid(
        RoleErrors.ASSIGNMENT_OUTSIDE_SCOPE,
        'Your organisation was not given all rooms of this customer; choose rooms within its scope.'
      );
    }
    return { scope, placed: { allRooms: true, rooms: [], roomGroupIds: [] } };
  }
  const cid = access.customerTenantId;
  const [rooms, unknownGroups] = await Promise.all([
    deps.rooms.rooms(cid, scope.roomIds),
    deps.rooms.unknownGroupIds(cid, scope.roomGroupIds),
  ]);
  const found = new Map<string, RoomRef>(rooms.map((r) => [r.id, r]));
  const badRooms = scope.roomIds.filter((id) => {
    const room = found.get(id);
    return !room || (boundary !== null && !covers(boundary, room));
  });
  const outsideBoundary = (groupId: string) =>
    boundary !== null && !boundary.all && !boundary.groupIds.has(groupId);
  const badGroups = scope.roomGroupIds.filter(
    (id) => unknownGroups.includes(id) || outsideBoundary(id)
  );
  if (badRooms.length > 0 || badGroups.length > 0) {
    // Only ids the caller sent come back, so nothing about the customer is revealed.
    const details = { roomIds: badRooms, roomGroupIds: badGroups };
    throw boundary === null
      ? invalid(
          RoleErrors.ASSIGNMENT_SCOPE_INVALID,
          'Some rooms or room groups do not exist in your organisation.',
          details
        )
      : invalid(
          RoleErrors.ASSIGNMENT_OUTSIDE_SCOPE,
          'Some rooms or room groups are outside the scope this customer gave your organisation.',
          details
        );
  }
  const placedRooms = scope.roomIds.map((id) => found.get(id)!);
  return {
    scope,
    placed: { allRooms: false, rooms: placedRooms, roomGroupIds: scope.roomGroupIds },
  };
}
