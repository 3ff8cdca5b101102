/**
 * Tickets (incidents) of a customer's rooms, their state machine and the rules that turn room
 * health signals into tickets (PRODUCT.md §4.12; domain-research.md §B "Incidents / tickets").
 * Pure: no I/O, so every rule is unit-tested on its own (ticket.model.test.ts).
 */

/** Important: the room becomes unhealthy. Warning: no health change yet; may escalate. */
export const SEVERITIES = ['Important', 'Warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The closed set of incident types of Teams Rooms Pro: the Important signal types (front of room
 * display, conferencing microphone / speaker, camera, HDMI ingest, sign-in, proximity sensor), the
 * Warning ones (app version, OS version, network), and issues recorded by people.
 */
export const SIGNAL_TYPES = [
  'display',
  'microphone',
  'speaker',
  'camera',
  'hdmiIngest',
  'signIn',
  'proximitySensor',
  'appVersion',
  'osVersion',
  'network',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const TICKET_TYPES = [...SIGNAL_TYPES, 'customerReported'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** The severity a signal type usually carries (the simulator and seed use it). */
export const DEFAULT_SEVERITY: Readonly<Record<SignalType, Severity>> = {
  display: 'Important',
  microphone: 'Important',
  speaker: 'Important',
  camera: 'Important',
  hdmiIngest: 'Important',
  signIn: 'Important',
  proximitySensor: 'Important',
  appVersion: 'Warning',
  osVersion: 'Warning',
  network: 'Warning',
};

export const TICKET_STATUSES = [
  'Open',
  'Acknowledged',
  'InProgress',
  'Resolved',
  'Closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still needs someone (everything but Resolved and Closed). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['Open', 'Acknowledged', 'InProgress'];

/**
 * The state machine. Work moves forward (Open → Acknowledged → InProgress → Resolved → Closed),
 * steps may be skipped, a Resolved ticket may be reopened, and any state but Closed may be
 * closed. Closed is final: a recurring problem gets a new ticket.
 */
const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  Open: ['Acknowledged', 'InProgress', 'Resolved', 'Closed'],
  Acknowledged: ['InProgress', 'Resolved', 'Closed'],
  InProgress: ['Resolved', 'Closed'],
  Resolved: ['Open', 'Closed'],
  Closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The statuses a change of status (PATCH) may move a ticket to from each state: the state
 * machine without Closed, which has its own action (closeTicket, recorded issues only). The tab
 * offers exactly these, so it never proposes a move the service refuses.
 */
export const NEXT_STATUSES: Readonly<
  Record<TicketStatus, readonly Exclude<TicketStatus, 'Closed'>[]>
> = Object.fromEntries(
  TICKET_STATUSES.map((s) => [
    s,
    TRANSITIONS[s].filter((to): to is Exclude<TicketStatus, 'Closed'> => to !== 'Closed'),
  ])
) as Record<TicketStatus, Exclude<TicketStatus, 'Closed'>[]>;

/** The statuses a ticket in `from` may move to (its state machine's edges). */
export const nextStatuses = (from: TicketStatus): readonly TicketStatus[] => TRANSITIONS[from];

export type TicketSource = 'signal' | 'customer';

export const CLOSE_REASONS = ['Resolved', 'Duplicate', 'NotAnIssue', 'Other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Who did something: a person (id, tenant, name) or the signal pipeline. */
export interface Actor {
  id: string;
  tenantId: string;
  name: string;
}

/** The actor recorded for everything the signal-ingestion endpoint does. */
export const SIGNAL_ACTOR_ID = 'signal-ingest';

export interface TicketNote {
  id: string;
  author: Actor;
  text: string;
  at: Date;
}

export type HistoryAction =
  'created' | 'status' | 'severity' | 'note' | 'closed' | 'roomGroups' | 'assigned';

export interface TicketHistoryEntry {
  at: Date;
  actor: Actor;
  action: HistoryAction;
  from?: string;
  to?: string;
  detail?: string;
}

export interface SignalInfo {
  type: SignalType;
  /** Raised signals received for this ticket (repeats included). */
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  detail?: string;
}

export interface Ticket {
  id: string;
  /** The customer tenant owning the room (and so the ticket). */
  tenantId: string;
  roomId: string;
  roomName: string;
  /** The room's groups, copied so scope filters select tickets exactly as they select rooms. */
  roomGroupIds: string[];
  severity: Severity;
  type: TicketType;
  status: TicketStatus;
  source: TicketSource;
  title: string;
  description: string;
  highImpact: boolean;
  /** Present on signal tickets. */
  signal?: SignalInfo;
  closeReason?: CloseReason;
  /** Who took the ticket ("Assign to me"); absent while nobody has. */
  assignee?: Actor;
  notes: TicketNote[];
  history: TicketHistoryEntry[];
  /** Increases on every change; conditional updates compare it (no lost history). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt?: Date;
  resolvedAt?: Date;
}

/** A room health signal as received (validated) by the ingestion endpoint. */
export interface Signal {
  tenantId: string;
  roomId: string;
  type: SignalType;
  severity: Severity;
  state: 'raised' | 'cleared';
  observedAt: Date;
  detail?: string;
}

/**
 * What a raised signal does to the live ticket of its (room, type): nothing beyond counting it
 * (a repeat), escalate Warning → Important, and/or reopen a Resolved ticket. A signal never
 * lowers a ticket's severity: only a person may, and that is recorded.
 */
export function raisedEffect(
  ticket: Pick<Ticket, 'severity' | 'status'>,
  signal: Pick<Signal, 'severity'>
): { escalate: boolean; reopen: boolean } {
  return {
    escalate: ticket.severity === 'Warning' && signal.severity === 'Important',
    reopen: ticket.status === 'Resolved',
  };
}

/** A cleared signal resolves its ticket only while someone still has to act on it. */
export function clearResolves(ticket: Pick<Ticket, 'status'>): boolean {
  return ACTIVE_STATUSES.includes(ticket.status);
}

/** The key binding a live signal ticket to its (room, type); one live ticket per key. */
export const liveSignalKey = (roomId: string, type: SignalType): string => `${roomId}:${type}`;

/** Once closed (recorded issues only: signal tickets are never closed by people), a ticket gives up its key. */
export const releasedSignalKey = (ticketId: string): string => `closed:${ticketId}`;

/** Customer-reported tickets hold a key of their own, so the unique index never binds them. */
export const ownKey = (ticketId: string): string => `ticket:${ticketId}`;

export const NOTE_MAX = 4000;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
/** Why a recorded issue is high-impact. */
export const JUSTIFICATION_MAX = 1000;
/** Notes kept per ticket: a bound on document size (MongoDB's 16 MiB). */
export const NOTES_PER_TICKET_MAX = 500;
