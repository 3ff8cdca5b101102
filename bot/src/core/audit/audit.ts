/**
 * The audit log: every mutation and every denied attempt, on both sides, recorded in the log of
 * the tenant where it happened.
 */
export type AuditCategory =
  | 'User'
  | 'Assignment'
  | 'PartnerInvitation'
  | 'PartnerRelationship'
  | 'Partner'
  | 'Role'
  | 'TenantManager'
  | 'Room'
  | 'RoomGroup'
  | 'UpdateRing'
  | 'Ticket'
  | 'Settings'
  | 'ChangeRequest'
  | 'Elevation';

/** The actor of what the hub does by itself (an expiry, a reconciliation, first-use set-up). */
export const SYSTEM_ACTOR_ID = 'system';

/** Read: a sensitive read worth recording (e.g. downloading a room's enrollment key). */
export type AuditOperation = 'Create' | 'Update' | 'Delete' | 'Read';
export type AuditResult = 'Successful' | 'Failed';

export interface AuditEntry {
  /** Tenant where it happened (whose log holds the record). */
  tenantId: string;
  category: AuditCategory;
  /** What was acted upon, e.g. "PartnerInvitation 7c1f…" or a display name. */
  objectType: string;
  objectId: string;
  operation: AuditOperation;
  result: AuditResult;
  actorId: string;
  actorTenantId: string;
  /** Short machine-readable reason for failures (an error code), or a summary of the change. */
  detail?: string;
  /**
   * Names as they were when the record was written (the log writer fills them from the directory
   * when the caller did not), so the log still reads after a user, a customer or a partner is gone.
   */
  actorName?: string;
  actorTenantName?: string;
  objectName?: string;
}

/**
 * Object types whose ids the hub generates (a ticket's), so never a tenant's or a directory
 * member's: the log writer does not look their names up (every lookup would miss).
 */
export const UNNAMED_OBJECT_TYPES: ReadonlySet<string> = new Set(['Ticket']);

/** How the log writer finds the names it keeps in each record; undefined when unknown. */
export interface AuditNames {
  tenantName(tenantId: string): Promise<string | undefined>;
  /** A user's or group's display name in a tenant. */
  memberName(tenantId: string, id: string): Promise<string | undefined>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The records of one event (e.g. one per log), in one write: a crash keeps all or none. */
  recordAll(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * The records `record` would store for these entries (names filled in, an id and the time),
   * without storing them: for a repository that writes them together with the change they
   * describe, so both reach the disk at once (see AuditTrail.commit).
   */
  prepare(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  /** UTC time of the event. */
  at: Date;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  category?: AuditCategory;
  actorTenantId?: string;
  result?: AuditResult;
}

/** Read side of the audit log, always within one tenant's log. */
export interface AuditReader {
  page(
    tenantId: string,
    filter: AuditFilter,
    page: { limit: number; cursor?: string }
  ): Promise<{ items: AuditRecord[]; nextCursor?: string }>;
  /** Every record of the range, oldest first, streamed (for CSV export). */
  stream(tenantId: string, filter: AuditFilter): AsyncIterable<AuditRecord>;
}

export const AUDIT_CATEGORIES: readonly AuditCategory[] = [
  'User',
  'Assignment',
  'PartnerInvitation',
  'PartnerRelationship',
  'Partner',
  'Role',
  'TenantManager',
  'Room',
  'RoomGroup',
  'UpdateRing',
  'Ticket',
  'Settings',
  'ChangeRequest',
  'Elevation',
];
