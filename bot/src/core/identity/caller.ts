/**
 * The caller as the use cases see it: the validated principal plus what the directory and the
 * product know about them. Resolved once per request; nothing here comes from a request body.
 */
import type { Principal } from '../principal.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../principal.ts';
import type { Directory, MemberRef } from '../directory/directory.port.ts';

export interface Caller {
  readonly principal: Principal;
  readonly tenantId: string;
  readonly userId: string;
  /** Transitive security-group memberships in the caller's own tenant. */
  readonly groupIds: ReadonlySet<string>;
  readonly isGlobalAdmin: boolean;
  /** Holds the product's Teams Rooms Pro Manager role in their own tenant. */
  readonly isRoomsProManager: boolean;
}

/** Where Teams Rooms Pro Manager assignments live (a Global admin assigns them). */
export interface RoomsProManagerRepository {
  list(tenantId: string): Promise<MemberRef[]>;
  add(tenantId: string, member: MemberRef, assignedBy: string): Promise<boolean>;
  remove(tenantId: string, memberId: string): Promise<boolean>;
}

/** True when the caller is one of `members`, directly or through a group. */
export function isMember(
  caller: Pick<Caller, 'userId' | 'groupIds'>,
  members: readonly MemberRef[]
) {
  return members.some((m) =>
    m.type === 'user' ? m.id === caller.userId : caller.groupIds.has(m.id)
  );
}

export async function resolveCaller(
  principal: Principal,
  deps: { directory: Directory; roomsProManagers: RoomsProManagerRepository }
): Promise<Caller> {
  const [groups, trpm] = await Promise.all([
    deps.directory.transitiveGroupIds(principal.tenantId, principal.userId),
    deps.roomsProManagers.list(principal.tenantId),
  ]);
  const groupIds = new Set(groups);
  const isGlobalAdmin =
    principal.wids.includes(GLOBAL_ADMIN_ROLE_TEMPLATE_ID) ||
    (await deps.directory.isGlobalAdmin(principal.tenantId, principal.userId));
  return {
    principal,
    tenantId: principal.tenantId,
    userId: principal.userId,
    groupIds,
    isGlobalAdmin,
    isRoomsProManager: isMember({ userId: principal.userId, groupIds }, trpm),
  };
}
