/**
 * Room scopes of invitations and relationships: all rooms, or chosen rooms and room groups of
 * the customer. A partner's effective access is the relationship scope ∩ the assignment scope,
 * so narrowing the relationship scope narrows every partner assignment at once.
 */
import { invalid, type ErrorCode } from '../errors.ts';
import type { CustomerRoomCatalog } from './partners.ports.ts';
import type { RoomScope } from './model.ts';

/** A scope as clients send it: `{allRooms: true}` or chosen rooms and/or room groups. */
export type ScopeInput =
  | { allRooms: true }
  | { allRooms?: false; roomIds?: readonly string[]; roomGroupIds?: readonly string[] };

/** Counts only: what a partner may learn about a scope before holding any role for the customer. */
export interface ScopeSummary {
  allRooms: boolean;
  roomCount: number;
  roomGroupCount: number;
}

/** The stored form: ids lower-cased and de-duplicated; a chosen scope names at least one thing. */
export function normalizeScope(input: ScopeInput, code: ErrorCode): RoomScope {
  if (input.allRooms === true) return { allRooms: true, roomIds: [], roomGroupIds: [] };
  const roomIds = [...new Set((input.roomIds ?? []).map((id) => id.toLowerCase()))];
  const roomGroupIds = [...new Set((input.roomGroupIds ?? []).map((id) => id.toLowerCase()))];
  if (roomIds.length === 0 && roomGroupIds.length === 0) {
    throw invalid(code, 'Choose all rooms, or at least one room or room group.');
  }
  return { allRooms: false, roomIds, roomGroupIds };
}

/** Normalises `input` and checks every room and room group exists in the customer's tenant. */
export async function validateScope(
  rooms: CustomerRoomCatalog,
  customerTenantId: string,
  input: ScopeInput,
  code: ErrorCode
): Promise<RoomScope> {
  const scope = normalizeScope(input, code);
  if (scope.allRooms) return scope;
  const unknown = await rooms.unknownIds(customerTenantId, scope);
  if (unknown.roomIds.length > 0 || unknown.roomGroupIds.length > 0) {
    // Only ids the caller sent come back, so nothing about other tenants is revealed.
    const message = 'Some rooms or room groups of this scope do not exist in your organisation.';
    throw invalid(code, message, {
      unknownRoomIds: unknown.roomIds,
      unknownRoomGroupIds: unknown.roomGroupIds,
    });
  }
  return scope;
}

export const summarizeScope = (scope: RoomScope): ScopeSummary => ({
  allRooms: scope.allRooms,
  roomCount: scope.allRooms ? 0 : scope.roomIds.length,
  roomGroupCount: scope.allRooms ? 0 : scope.roomGroupIds.length,
});
