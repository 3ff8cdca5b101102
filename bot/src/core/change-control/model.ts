/**
 * The customer stays in control of a partner (issue #15): per relationship, per change action,
 * Auto or Manual approval; just-in-time elevation for sensitive actions; and multi-factor
 * authentication for them. All three live in one `PartnerControls` document per relationship,
 * owned by the customer. Under Manual a partner's change becomes a `ChangeRequest`; the
 * customer's approvers decide it, and an approved change is applied as the requester, re-authorized
 * at that moment. An `Elevation` is a time window in which a partner user may take sensitive actions.
 */
import type { Permission } from '../authz/permissions.ts';

/** The change actions of the permission table a customer may put under Manual approval. */
export const CHANGE_ACTIONS = [
  'rooms.modify',
  'rooms.unenroll',
  'rooms.resetKey',
  'roomGroups.modify',
  'updateRings.modify',
  'settings.modify',
  'roles.modify',
] as const satisfies readonly Permission[];
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Sensitive actions: may require just-in-time elevation and multi-factor authentication. */
export const SENSITIVE_ACTIONS = [
  'rooms.downloadKey',
  'rooms.resetKey',
  'rooms.unenroll',
  'settings.modify',
] as const satisfies readonly Permission[];
export type SensitiveAction = (typeof SENSITIVE_ACTIONS)[number];

export const isSensitive = (p: string): p is SensitiveAction =>
  (SENSITIVE_ACTIONS as readonly string[]).includes(p);

export type ChangeMode = 'auto' | 'manual';

export interface PartnerControls {
  /** Auto (applied at once) or Manual (a change request) per change action. */
  changeControl: Record<ChangeAction, ChangeMode>;
  elevation: {
    /** Sensitive actions a partner user may take only inside an active elevation. */
    required: SensitiveAction[];
    /** Elevation requests are approved at once by policy (still audited, still time-boxed). */
    autoApprove: boolean;
  };
  mfa: {
    /** Sensitive actions (and elevation requests) need a token with MFA evidence. */
    required: boolean;
  };
}

export interface StoredControls extends PartnerControls {
  /** The relationship these controls belong to (a new relationship starts from defaults). */
  relationshipId: string;
  customerTenantId: string;
  partnerTenantId: string;
  version: number;
  updatedAt?: Date;
  updatedBy?: string;
}

/** Defaults: every action follows the invitation's change-control mode; no elevation, no MFA. */
export const defaultControls = (mode: ChangeMode): PartnerControls => ({
  changeControl: Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, mode])) as Record<
    ChangeAction,
    ChangeMode
  >,
  elevation: { required: [], autoApprove: false },
  mfa: { required: false },
});

/** How long a change or elevation request waits for a decision: 72 hours. */
export const REQUEST_TTL_MS = 72 * 3600 * 1000;
/**
 * How long an approval may take to apply before a sweep treats it as interrupted (a crash between
 * "applying" and the outcome) and reconciles it.
 */
export const APPLY_LEASE_MS = 2 * 60 * 1000;
export {
  CHANGE_JUSTIFICATION_MAX as JUSTIFICATION_MAX,
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
  REASON_MAX,
} from '../limits.ts';

export interface Actor {
  userId: string;
  tenantId: string;
  name: string;
}

/** One field of the object as it is and as the change would leave it. */
export interface FieldDiff {
  field: string;
  from: unknown;
  to: unknown;
}

/** What a change does, serialisable, so an approver can apply it later as the requester. */
export type ChangeInput =
  | {
      kind: 'room.modify';
      roomId: string;
      changes: { displayName?: string; site?: string; country?: string; groupIds?: string[] };
    }
  | { kind: 'room.unenroll'; roomId: string }
  | { kind: 'room.resetKey'; roomId: string }
  | {
      kind: 'roomGroup.modify';
      groupId: string;
      changes: { displayName?: string; description?: string };
    }
  | {
      kind: 'updateRing.create';
      input: { displayName: string; order: number; deferralDays: number; description?: string };
    }
  | { kind: 'updateRing.delete'; ringId: string }
  | { kind: 'updateRing.moveRooms'; ringId: string; roomIds: string[] }
  | {
      kind: 'updateRing.modify';
      ringId: string;
      changes: {
        displayName?: string;
        order?: number;
        deferralDays?: number;
        description?: string;
      };
    }
  | {
      kind: 'settings.modify';
      change: { merge: Record<string, unknown> } | { replace: Record<string, unknown> };
    }
  | { kind: 'role.create'; input: RoleInput }
  | { kind: 'role.update'; roleId: string; changes: Partial<RoleInput> }
  | { kind: 'role.delete'; roleId: string }
  | { kind: 'assignment.create'; input: AssignmentInput }
  | { kind: 'assignment.update'; assignmentId: string; changes: Partial<AssignmentInput> }
  | { kind: 'assignment.delete'; assignmentId: string }
  | { kind: 'primaryAdmin.add'; member: { type: 'user' | 'group'; id: string } }
  | { kind: 'primaryAdmin.remove'; memberId: string };

/** A partner role as the roles routes take it. */
export interface RoleInput {
  name: string;
  description?: string;
  permissions: string[];
}

/** A partner role assignment as the roles routes take it. */
export interface AssignmentInput {
  roleId: string;
  members: { type: 'user' | 'group'; id: string }[];
  scope: { allRooms: boolean; roomIds?: string[]; roomGroupIds?: string[] };
  notify?: boolean;
}

export type ChangeKind = ChangeInput['kind'];

export type ChangeRequestStatus =
  | 'pending'
  /** Approved; being applied (one approver won the conditional write). */
  | 'applying'
  | 'applied'
  | 'rejected'
  /** Approved, but refused when applied (the requester lost the right, or the object changed). */
  | 'failed'
  | 'expired';

export interface ChangeRequest {
  id: string;
  customerTenantId: string;
  partnerTenantId: string;
  relationshipId: string;
  action: ChangeAction;
  change: ChangeInput;
  objectType: string;
  objectId: string;
  objectName: string;
  /** The object's fields the change touches, as they were when requested (conflict check). */
  before: Record<string, unknown>;
  diff: FieldDiff[];
  requestedBy: Actor;
  /**
   * What the requester's sign-in showed when asking (MFA evidence), and the elevation the request
   * was made under: approval checks the customer's current MFA and elevation rules against them.
   */
  conditions?: { mfa: boolean; elevationId: string | null };
  justification: string;
  requestedAt: Date;
  expiresAt: Date;
  status: ChangeRequestStatus;
  /** Set while applying (the lease): a request `applying` past it was interrupted (reconcile). */
  applying?: { since: Date; attempt: number };
  decision?: { kind: 'approved' | 'rejected'; by: Actor; at: Date; reason?: string };
  outcome?: { at: Date; result: 'applied' | 'refused'; code?: string; message?: string };
  /** Bumped on every state change (cards show the newest). */
  version: number;
}

export type ElevationStatus = 'pending' | 'active' | 'rejected' | 'ended' | 'expired';

export interface Elevation {
  id: string;
  customerTenantId: string;
  partnerTenantId: string;
  relationshipId: string;
  requestedBy: Actor;
  actions: SensitiveAction[];
  durationMinutes: number;
  justification: string;
  requestedAt: Date;
  /** A pending request expires unanswered at this time. */
  expiresAt: Date;
  status: ElevationStatus;
  /** The window (set on approval): actions are allowed from startsAt until endsAt. */
  startsAt?: Date;
  endsAt?: Date;
  decision?: { kind: 'approved' | 'rejected'; by: Actor | 'policy'; at: Date; reason?: string };
  /** The customer ended it early. */
  ended?: { by: Actor; at: Date; reason?: string };
  version: number;
}

/** The status as of `now`: an active elevation past its window has ended by itself. */
export function elevationStatusAt(e: Elevation, now: Date): ElevationStatus {
  if (e.status === 'active' && e.endsAt && e.endsAt.getTime() <= now.getTime()) return 'ended';
  if (e.status === 'pending' && e.expiresAt.getTime() <= now.getTime()) return 'expired';
  return e.status;
}

export const isElevationActive = (e: Elevation, action: SensitiveAction, now: Date) =>
  elevationStatusAt(e, now) === 'active' &&
  e.startsAt !== undefined &&
  e.startsAt.getTime() <= now.getTime() &&
  e.actions.includes(action);
