/**
 * Partner–customer relationship model. An invitation and the relationship it becomes are ONE
 * document (state pending -> active), owned by the customer (`customerTenantId` is its tenantId),
 * so accept/decline/expiry are single-document compare-and-set transitions: the first accept
 * wins without any multi-document transaction. Decline and removal delete the document; the
 * audit log keeps the history.
 */
import type { MemberRef } from '../directory/directory.port.ts';
import type { BuiltInRoleId } from '../authz/permissions.ts';

/** Rooms a partner may reach: all of the customer's rooms, or the union of chosen rooms and groups. */
export interface RoomScope {
  allRooms: boolean;
  roomIds: string[];
  roomGroupIds: string[];
}

export type ChangeControlMode = 'auto' | 'manual';

export type RelationshipState = 'pending' | 'active';

export interface Relationship {
  id: string;
  customerTenantId: string;
  customerName: string;
  /** The customer's primary verified domain, shown to the partner with the invitation. */
  customerDomain: string;
  partnerTenantId: string;
  partnerName: string;
  /** The partner domain the customer addressed. */
  partnerDomain: string;
  state: RelationshipState;
  /** Invitation expiry (pending only matters). */
  expiresAt: Date;
  changeControl: ChangeControlMode;
  scope: RoomScope;
  termsAcceptedAt: Date;
  createdBy: string;
  /** The inviting admin's name, kept so the partner never reads the customer's directory. */
  createdByName: string;
  createdAt: Date;
  /** When the partner accepted; deliberately no accepting user (it is tied to none). */
  acceptedAt?: Date;
  /**
   * The built-in Primary admins role assignment: partner-tenant users/groups, scoped to the
   * invitation scope. Empty once the customer deletes the Primary admins role.
   */
  primaryAdmins: MemberRef[];
  /** The customer deleted the built-in Primary admins role (it stays deleted). */
  primaryAdminsRoleDeleted?: boolean;
  /** The latest break-glass restore of a Primary admin by the partner's Global admin, if any. */
  breakGlass?: BreakGlassRecord;
}

/**
 * A Primary admin restored by the partner's Global admin because no Primary admin could act any
 * more (every member of the assignment was deleted from the partner's directory). Kept on the
 * relationship so the customer sees it; the audit log keeps every one.
 */
export interface BreakGlassRecord {
  at: Date;
  actorId: string;
  actorName: string;
  member: MemberRef;
  reason: string;
}

/** Custom role (customer's own when partnerTenantId is null; else a partner role for this customer). */
export interface Role {
  id: string;
  customerTenantId: string;
  partnerTenantId: string | null;
  name: string;
  description: string;
  permissions: string[];
  createdAt: Date;
  createdBy: string;
}

export interface Assignment {
  id: string;
  customerTenantId: string;
  partnerTenantId: string | null;
  /** A custom role id or a built-in role id (customer built-ins: MMR Admin, Site Lead, Site Tech). */
  roleId: string;
  members: MemberRef[];
  scope: RoomScope;
  /** Members receive incident alerts for rooms in scope. */
  notify: boolean;
  createdAt: Date;
  createdBy: string;
}

export const isExpired = (r: Pick<Relationship, 'state' | 'expiresAt'>, now: Date) =>
  r.state === 'pending' && r.expiresAt.getTime() <= now.getTime();

/** The id under which the built-in Primary admins role (and its one assignment) is addressed. */
export const PRIMARY_ADMINS_ROLE_ID = 'builtin:primary-admins' satisfies BuiltInRoleId;

/** Length bounds of a break-glass reason (trimmed), in characters. */
export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;

export { MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from '../limits.ts';
