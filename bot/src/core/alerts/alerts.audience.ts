/**
 * Who asks for a ticket's alert (PRODUCT.md §2, "Assignment … a notify flag (receive alerts for
 * the rooms in scope)"; §4 flow 14, "users whose assignments cover the room and ask for alerts"):
 * someone named by an assignment of the ticket's customer — directly or through one of their
 * groups, on either side — whose notify flag is on, whose role carries Ticket management › View and
 * whose scope covers the ticket's room. Holding the room through another assignment (notify off),
 * as a Primary admin or as a Global admin asks for nothing. This only picks candidates: whether
 * they may see the ticket is the engine's decision, at send time. Pure: no I/O.
 */
import { compileScope, covers, type CompiledScope, type RoomRef } from '../authz/engine.ts';
import { isMember, type Caller } from '../identity/caller.ts';
import type { MemberRef } from '../directory/directory.port.ts';
import type { RoomScope } from '../partners/model.ts';

/** An assignment of a customer with its notify flag on, with its role's permissions. */
export interface NotifyingAssignment {
  /** The tenant its members belong to: the partner's for a partner assignment, else the customer's. */
  membersTenantId: string;
  members: readonly MemberRef[];
  scope: RoomScope;
  permissions: readonly string[];
}

/** The notifying assignments of one customer that alert about `room`, by their members' tenant. */
export function alertingAssignments(
  assignments: readonly NotifyingAssignment[],
  room: RoomRef
): Map<string, NotifyingAssignment[]> {
  const out = new Map<string, NotifyingAssignment[]>();
  for (const a of assignments) {
    if (!a.permissions.includes('tickets.view')) continue;
    const scope: CompiledScope = compileScope(a.scope);
    if (!covers(scope, room)) continue;
    out.set(a.membersTenantId, [...(out.get(a.membersTenantId) ?? []), a]);
  }
  return out;
}

/** Whether one of `assignments` (already narrowed to the room and the caller's tenant) names them. */
export const asksForAlerts = (
  caller: Pick<Caller, 'userId' | 'groupIds'>,
  assignments: readonly NotifyingAssignment[]
): boolean => assignments.some((a) => isMember(caller, a.members));
