/**
 * What the ticket use cases need from the outside: the ticket store, the customer's rooms, tenant
 * names, the audit log and grants. Adapters live in bot/src/data/tickets.repositories.ts.
 */
import type { AuditLog, AuditRecord } from '../audit/audit.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { RoomFilter } from '../authz/engine.ts';
import type { Caller } from '../identity/caller.ts';
import type { Grants } from '../authz/engine.ts';
import type {
  Severity,
  Ticket,
  TicketHistoryEntry,
  TicketNote,
  TicketStatus,
  TicketType,
} from './ticket.model.ts';

import type { PageRequest, PageResult } from '../paging.ts';
export type { PageRequest, PageResult };

/** List filters a user may choose (always ANDed with the visibility filter). */
export interface TicketCriteria {
  severity?: Severity;
  status?: TicketStatus;
  type?: TicketType;
  roomId?: string;
  /** createdAt ≥ from */
  from?: Date;
  /** createdAt < to */
  to?: Date;
  /** Any of these statuses (ANDed with `status` when both are given). */
  statusIn?: readonly TicketStatus[];
  /** Assigned to this user (Entra object id). */
  assigneeId?: string;
  /** Not assigned to this user (unassigned ones included). */
  notAssigneeId?: string;
}

/** Conditions a conditional update requires of the stored ticket (all must hold). */
export interface TicketExpectation {
  version?: number;
  /**
   * The signal count the change was computed with (a repeated signal counts without a new
   * version): a change whose side writes depend on the count (the card version) is refused
   * when a repeat came first, and computed again.
   */
  signalCount?: number;
  statusIn?: readonly TicketStatus[];
  severity?: Severity;
}

/** One change to a ticket: fields to set, history to append, maybe a note. */
export interface TicketChange {
  set: Partial<
    Pick<Ticket, 'status' | 'severity' | 'closeReason' | 'closedAt' | 'resolvedAt' | 'assignee'>
  >;
  unset?: ('closedAt' | 'resolvedAt' | 'closeReason')[];
  history: TicketHistoryEntry[];
  note?: TicketNote;
  /** Closing gives up the (room, signal type) key, so a recurrence opens a new ticket. */
  releaseSignalKey?: boolean;
  /** A raised signal counted with the change (a signal's ticket escalated or reopened by it). */
  counted?: SignalSeen;
  at: Date;
}

/** One more raised signal of a ticket's (room, signal type): when, and what it said. */
export interface SignalSeen {
  observedAt: Date;
  detail?: string;
}

/**
 * A ticket as lists show it: no description, notes or history (the detail route has them), its
 * latest note, how many notes it has not being known without reading them all.
 */
export type TicketBrief = Omit<Ticket, 'description' | 'notes' | 'history' | 'roomGroupIds'> & {
  latestNote?: TicketNote;
};

export interface TicketSummary {
  openBySeverity: Record<string, number>;
  openByType: Record<string, number>;
  opened: { last7Days: number; last30Days: number };
  closed: { last7Days: number; last30Days: number };
}

/**
 * The copy of the ticket's card a change was made from (a click on it), whose answer replaces
 * it: its watcher need not bring that copy up to date again (TicketEvents.writesWith).
 */
export interface ClickedCopy {
  /** The conversation holding the copy, as the watcher names it. */
  conversationRefId: string;
  /** The message holding the copy. */
  activityId: string;
}

/**
 * A write a watcher has stored with a ticket change (TicketEvents.writesWith): opaque to the core,
 * which hands it to the ticket store untouched; the watcher and the store adapter agree on what it
 * is (a write of the store's batch).
 */
export interface TicketSideWrite {
  readonly collection: string;
}

/** What a ticket write stores along with the change. */
export interface TicketWriteOptions {
  /**
   * The change's audit records, written with it: one wait for the disk, and a crash keeps both
   * or neither (AuditTrail.commit hands them over).
   */
  audit?: readonly AuditRecord[];
  /** The watchers' writes for the change (TicketEvents.writesWith), written with it likewise. */
  sideWrites?: readonly TicketSideWrite[];
}

/** A ticket without its notes and history (they grow with the ticket; a note needs neither). */
export type TicketHead = Omit<Ticket, 'notes' | 'history'>;

/** What adding a note is decided from: the ticket's head, and whether its notes are at the limit. */
export type NoteTarget = TicketHead & { notesFull: boolean };

/** What a conditional update may also be told. */
export interface TicketUpdateOptions<T extends TicketHead = Ticket> extends TicketWriteOptions {
  /**
   * The ticket the change was computed from (whole, or its head), when `expect.version` is its
   * version: the result (of the same shape) is then known before the write, so the room's health
   * is written in the same write.
   */
  from?: T;
}

export interface TicketRepository {
  /** Newest first, only tickets matching `visible` (a room filter over ticket fields). */
  page(
    visible: RoomFilter,
    criteria: TicketCriteria,
    page: PageRequest
  ): Promise<PageResult<Ticket>>;
  /** Like `page`, as lists show tickets: nothing a list does not show is read or copied. */
  briefs(
    visible: RoomFilter,
    criteria: TicketCriteria,
    page: PageRequest
  ): Promise<PageResult<TicketBrief>>;
  get(tenantId: string, id: string): Promise<Ticket | null>;
  /** The ticket as a note is added to it, without reading its notes and history. */
  noteTarget(tenantId: string, id: string): Promise<NoteTarget | null>;
  /** False (nothing written) when another live ticket already holds `signalKey`. */
  insert(ticket: Ticket, signalKey: string, options?: TicketWriteOptions): Promise<boolean>;
  /**
   * Applies `change` atomically if the stored ticket meets `expect`; null otherwise (nothing
   * written, the audit records included). Answers the ticket as changed: `options.from` as
   * changed (of its shape, whole or its head) when `expect.version` is its version, else the whole
   * ticket read back (`T` is then Ticket).
   */
  updateIf<T extends TicketHead = Ticket>(
    tenantId: string,
    id: string,
    expect: TicketExpectation,
    change: TicketChange,
    options?: TicketUpdateOptions<T>
  ): Promise<T | null>;
  /**
   * Counts one more raised signal on the live ticket `from`, only while it is still at its
   * version (a count is no new version: the ticket itself did not change), with the change's
   * audit records and side writes in one write. The ticket as counted, or null (nothing
   * written) when it changed meanwhile.
   */
  countSignal(from: Ticket, seen: SignalSeen, options?: TicketWriteOptions): Promise<Ticket | null>;
  findLive(tenantId: string, signalKey: string): Promise<Ticket | null>;
  /** Incident summary over the tickets matching `visible`. */
  summary(visible: RoomFilter, now: Date): Promise<TicketSummary>;
  /** Keeps the denormalized room groups of a room's tickets in step with the room. */
  syncRoomGroups(tenantId: string, roomId: string, groupIds: readonly string[]): Promise<number>;
}

/** A room as tickets need it. */
export interface TicketRoom {
  id: string;
  tenantId: string;
  displayName: string;
  site: string;
  groupIds: string[];
  health: string;
}

export interface TicketRoomCatalog {
  get(tenantId: string, roomId: string): Promise<TicketRoom | null>;
  /** Room count per health state among the rooms matching `visible` (a room filter). */
  healthCounts(visible: RoomFilter): Promise<Record<string, number>>;
}

export interface TenantNames {
  /** Display names of the given tenants (unknown ids are left out). */
  names(tenantIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * What happened to a ticket, as the Teams alerts see it: the first three alert people (a new
 * ticket, an escalation Warning → Important, a reopen); the others only bring existing cards up to
 * date (a repeated signal's count and last-seen time, any other change).
 */
export type TicketEventKind = 'created' | 'escalated' | 'reopened' | 'repeated' | 'changed';

export const ALERTING_EVENTS: readonly TicketEventKind[] = ['created', 'escalated', 'reopened'];

/**
 * Which ticket, at which version (and signal count): what a watcher's side writes are named
 * after.
 */
export type TicketStamp = Pick<TicketHead, 'id' | 'tenantId' | 'version' | 'signal'>;

/**
 * Told after a ticket changed and the change was audited (the write is committed): the Teams
 * edge posts and updates its cards from here. Implementations never throw and never block on
 * delivery; the use cases also guard against one that does, so a notification can never turn an
 * applied change into a reported failure.
 */
export interface TicketEvents {
  /**
   * Optional: what to store with a change raising `kind` in the change's own write, so one wait
   * for the disk covers both and a crash keeps both or neither (the Teams alert job of a new,
   * escalated or reopened ticket, and the version its cards must show). `ticket` is the ticket
   * as the change leaves it (a change is applied only at the signal count it was computed with,
   * see TicketExpectation.signalCount). A change
   * written with them is then told with `stored` set; one written without (this hook absent or
   * throwing, a change whose version is not known before its write) with `stored` unset, and
   * the watcher stores what it needs itself.
   */
  writesWith?(
    ticket: TicketStamp,
    kind: TicketEventKind,
    clicked?: ClickedCopy
  ): readonly TicketSideWrite[];
  ticketChanged(ticket: TicketHead, kind: TicketEventKind, stored?: boolean): Promise<void>;
}

export interface TicketsDeps {
  tickets: TicketRepository;
  rooms: TicketRoomCatalog;
  tenants: TenantNames;
  audit: AuditLog;
  /** Grants narrowed to one customer (per-customer routes). */
  grantsFor: GrantsLoader;
  /** Grants across every customer (the aggregate incidents view). */
  allGrants(caller: Caller): Promise<Grants>;
  now(): Date;
  newId(): string;
  /** Ticket events (the composition root wires the Teams cards in). */
  events?: TicketEvents;
}
