/**
 * Ticket use cases (PRODUCT.md §4.7, §4.12): list and read a customer's tickets, change status
 * and severity, add notes, close, record an issue, the aggregate incidents view across customers
 * and the per-customer report summary. Every read goes through the engine's filters (lists never
 * fetch-then-filter); every mutation is authorized before it touches data and audited.
 */
import type { Caller } from '../identity/caller.ts';
import { customerAccess, auditedInCustomer, createInCustomer } from '../authz/customer-access.ts';
import {
  decide,
  grantedPermissions,
  roomFilter,
  roomFilterAcrossCustomers,
  type AuthzResource,
  type Grants,
  type RoomFilterFields,
} from '../authz/engine.ts';
import { forbidden } from '../errors.ts';
import type { AuditSubject } from '../audit/audited.ts';
import {
  NOTES_PER_TICKET_MAX,
  canTransition,
  ownKey,
  type Actor,
  type CloseReason,
  type Severity,
  type Ticket,
  type TicketHistoryEntry,
  type TicketNote,
  type TicketStatus,
} from './ticket.model.ts';
import {
  alreadyAssigned,
  concurrentUpdate,
  staleTicket,
  invalidTransition,
  justificationRequired,
  notesLimit,
  roomNotFound,
  ticketClosed,
  notUserClosable,
  ticketNotFound,
  unchanged,
} from './tickets.errors.ts';
import type {
  ClickedCopy,
  PageRequest,
  PageResult,
  TicketChange,
  TicketCriteria,
  TicketEventKind,
  TicketBrief,
  TicketHead,
  NoteTarget,
  TicketSideWrite,
  TicketStamp,
  TicketSummary,
  TicketsDeps,
} from './tickets.ports.ts';

/**
 * Tells the ticket's watchers (the Teams cards) about a committed, audited change. Never fails
 * the use case: the change is applied whatever a watcher does.
 */
export async function notifyTicketChanged(
  deps: Pick<TicketsDeps, 'events'>,
  ticket: TicketHead,
  kind: TicketEventKind,
  stored = false
): Promise<void> {
  try {
    await deps.events?.ticketChanged(ticket, kind, stored);
  } catch {
    // The port's contract is never to throw; a broken watcher must not undo the caller's success.
  }
}

/**
 * The watchers' writes for a change raising `kind`, to store with it (TicketEvents.writesWith);
 * undefined without the hook, or when it failed (the watcher is then told nothing was stored).
 */
export function sideWritesOf(
  deps: Pick<TicketsDeps, 'events'>,
  ticket: TicketStamp,
  kind: TicketEventKind,
  clicked?: ClickedCopy
): readonly TicketSideWrite[] | undefined {
  try {
    return deps.events?.writesWith?.(ticket, kind, clicked);
  } catch {
    return undefined;
  }
}

const stampOf = (t: TicketHead): TicketStamp => ({
  id: t.id,
  tenantId: t.tenantId,
  version: t.version,
  ...(t.signal ? { signal: t.signal } : {}),
});

/** Options of a change made from a view of the ticket (a card carries the version it showed). */
export interface ChangeOptions {
  /** Refuse with TICKET.STALE unless the ticket is still at this version. */
  expectedVersion?: number;
  /** The card copy clicked for the change, which the answer replaces. */
  clicked?: ClickedCopy;
}

/** Where tickets keep the fields a room filter tests (see `roomFilter`'s `fields`). */
export const TICKET_FIELDS: RoomFilterFields = {
  tenantId: 'tenantId',
  id: 'roomId',
  groupIds: 'roomGroupIds',
};

/** The audit subject of a ticket change. */
const subject = (ticketId: string, operation: AuditSubject['operation']): AuditSubject => ({
  category: 'Ticket',
  objectType: 'Ticket',
  objectId: ticketId,
  operation,
});

export const actorOf = (caller: Caller): Actor => ({
  id: caller.userId,
  tenantId: caller.tenantId,
  name: caller.principal.name ?? caller.userId,
});

const resourceOf = (t: Pick<Ticket, 'tenantId' | 'roomId' | 'roomGroupIds'>): AuthzResource => ({
  customerTenantId: t.tenantId,
  room: { id: t.roomId, groupIds: t.roomGroupIds },
});

/** Tickets of one customer the caller may see, newest first. */
export async function listTickets(
  caller: Caller,
  customerTenantId: string,
  criteria: TicketCriteria,
  page: PageRequest,
  deps: TicketsDeps
): Promise<PageResult<Ticket>> {
  const { grants } = await customerAccess(caller, customerTenantId, deps.grantsFor);
  if (!grantedPermissions(grants, customerTenantId).includes('tickets.view')) throw forbidden();
  const visible = roomFilter(grants, 'tickets.view', customerTenantId, TICKET_FIELDS);
  if (!visible) return { items: [] };
  return deps.tickets.page(visible, criteria, page);
}

/** How a ticket is read: whole, or as little of it as a change needs. */
type TicketRead<T extends TicketHead> = (
  deps: TicketsDeps,
  customerTenantId: string,
  ticketId: string
) => Promise<T | null>;

const wholeTicket: TicketRead<Ticket> = (deps, customerTenantId, ticketId) =>
  deps.tickets.get(customerTenantId, ticketId);

/** Loads a ticket the caller may see; anything else is TICKET.NOT_FOUND. */
async function visibleTicket<T extends TicketHead = Ticket>(
  grants: Grants,
  customerTenantId: string,
  ticketId: string,
  deps: TicketsDeps,
  read: TicketRead<T> = wholeTicket as unknown as TicketRead<T>
): Promise<T> {
  const ticket = await read(deps, customerTenantId, ticketId);
  if (!ticket || !decide(grants, 'tickets.view', resourceOf(ticket)).allowed) {
    throw ticketNotFound();
  }
  return ticket;
}

export async function getTicket(
  caller: Caller,
  customerTenantId: string,
  ticketId: string,
  deps: TicketsDeps
): Promise<Ticket> {
  const { grants } = await customerAccess(caller, customerTenantId, deps.grantsFor);
  return visibleTicket(grants, customerTenantId, ticketId, deps);
}

/** Who makes a change, and when: what a change is computed with besides the ticket. */
interface ChangeContext {
  caller: Caller;
  actor: Actor;
  at: Date;
}

/** A change a person makes to a ticket, decided from the ticket as it is (or refused). */
type ComputeChange<I, T> = (current: T, input: I, by: ChangeContext) => TicketChange;

/** A change use case: the ticket, what the caller asks for, the dependencies, the view's version. */
type ChangeUseCase<I, T = Ticket> = (
  caller: Caller,
  customerTenantId: string,
  ticketId: string,
  input: I,
  deps: TicketsDeps,
  options?: ChangeOptions
) => Promise<{ ticket: T; change: TicketChange }>;

/**
 * The use case applying a change computed from the current ticket, as a compare-and-set on its
 * version: concurrent updates never overwrite each other's history; a loser recomputes from the
 * fresh ticket (and may then find its change no longer valid). Answers the ticket as changed and
 * the change that was applied.
 */
function changeUseCase<I, T extends TicketHead = Ticket>(
  compute: ComputeChange<I, T>,
  eventOf: (change: TicketChange) => TicketEventKind = () => 'changed',
  read: TicketRead<T> = wholeTicket as unknown as TicketRead<T>
): ChangeUseCase<I, T> {
  return async (caller, customerTenantId, ticketId, input, deps, options = {}) => {
    let applied: TicketChange | undefined;
    let sideWrites: readonly TicketSideWrite[] | undefined;
    const ticket = await auditedInCustomer(
      deps.audit,
      caller,
      customerTenantId,
      deps.grantsFor,
      subject(ticketId, 'Update'),
      async ({ grants }, trail) => {
        let current = await visibleTicket(grants, customerTenantId, ticketId, deps, read);
        if (!decide(grants, 'tickets.update', resourceOf(current)).allowed) throw forbidden();
        for (let attempt = 0; attempt < 5; attempt++) {
          if (options.expectedVersion !== undefined && current.version !== options.expectedVersion)
            throw staleTicket();
          const from = current;
          const change = compute(from, input, { caller, actor: actorOf(caller), at: deps.now() });
          applied = change;
          const after = { ...stampOf(from), version: from.version + 1 };
          sideWrites = sideWritesOf(deps, after, eventOf(change), options.clicked);
          // The change, its history, its audit records and its watchers' writes in one write
          // (nothing if it lost, or if a repeated signal counted since: the side writes name
          // the count).
          const expect = {
            version: from.version,
            ...(from.signal ? { signalCount: from.signal.count } : {}),
          };
          const done = await trail.commit((audit) =>
            deps.tickets.updateIf(customerTenantId, ticketId, expect, change, {
              audit,
              from,
              ...(sideWrites ? { sideWrites } : {}),
            })
          );
          if (done) return done;
          current = await visibleTicket(grants, customerTenantId, ticketId, deps, read);
        }
        throw concurrentUpdate();
      }
    );
    await notifyTicketChanged(deps, ticket, eventOf(applied!), sideWrites !== undefined);
    return { ticket, change: applied! };
  };
}

/** A change use case answering the changed ticket (what the routes and cards show). */
const answeringTicket =
  <I>(run: ChangeUseCase<I>) =>
  (...args: Parameters<ChangeUseCase<I>>): Promise<Ticket> =>
    run(...args).then((r) => r.ticket);

/** A person's change alerts like a signal's: a reopen, or an escalation to Important. */
const eventOfUpdate = (change: TicketChange): TicketEventKind => {
  const step = (action: string) => change.history.find((h) => h.action === action);
  if (step('status')?.from === 'Resolved' && step('status')?.to === 'Open') return 'reopened';
  if (step('severity')?.to === 'Important') return 'escalated';
  return 'changed';
};

export interface TicketUpdateInput {
  status?: Exclude<TicketStatus, 'Closed'>;
  severity?: Severity;
}

/** Changes status and/or severity; an impossible transition is TICKET.INVALID_TRANSITION. */
export const updateTicket = answeringTicket(
  changeUseCase<TicketUpdateInput>((t, input, { at, actor }) => {
    const change: TicketChange = { set: {}, unset: [], history: [], at };
    if (t.status === 'Closed') throw ticketClosed();
    if (input.status !== undefined) {
      if (input.status === t.status) throw unchanged('status');
      if (!canTransition(t.status, input.status)) throw invalidTransition(t.status, input.status);
      change.set.status = input.status;
      if (input.status === 'Resolved') change.set.resolvedAt = at;
      if (t.status === 'Resolved') change.unset!.push('resolvedAt');
      change.history.push({ at, actor, action: 'status', from: t.status, to: input.status });
    }
    if (input.severity !== undefined) {
      if (input.severity === t.severity) throw unchanged('severity');
      change.set.severity = input.severity;
      change.history.push({ at, actor, action: 'severity', from: t.severity, to: input.severity });
    }
    return change;
  }, eventOfUpdate)
);

const takeTicket = answeringTicket(
  changeUseCase<undefined>((t, _, { at, actor, caller }) => {
    if (t.status === 'Closed') throw ticketClosed();
    if (t.assignee?.id === caller.userId && t.assignee.tenantId === caller.tenantId) {
      throw alreadyAssigned();
    }
    const from = t.assignee ? { from: t.assignee.name } : {};
    return {
      set: { assignee: actor },
      history: [{ at, actor, action: 'assigned', ...from, to: actor.name }],
      at,
    };
  })
);

/**
 * "Assign to me": the caller takes the ticket (tickets.update on its room). Taking a ticket
 * someone else holds is allowed (hand-over), but only from a view that showed the current
 * holder, so nobody takes it over by accident: a card click carries its version.
 */
export const assignTicketToMe = (
  caller: Caller,
  customerTenantId: string,
  ticketId: string,
  deps: TicketsDeps,
  options: ChangeOptions = {}
): Promise<Ticket> => takeTicket(caller, customerTenantId, ticketId, undefined, deps, options);

/**
 * A note added: the ticket's own fields as they are now (its notes and history are neither read
 * nor copied: they grow with the ticket), the note and the history entries the change added.
 */
export interface NoteAdded {
  ticket: TicketHead;
  note: TicketNote;
  history: TicketHistoryEntry[];
}

/** The note keeps its id if the change is computed again (a lost compare-and-set). */
const writeNote = changeUseCase<{ id: string; text: string }, NoteTarget>(
  (t, { id, text }, { at, actor }) => {
    if (t.status === 'Closed') throw ticketClosed();
    if (t.notesFull) throw notesLimit(NOTES_PER_TICKET_MAX);
    return {
      set: {},
      note: { id, author: actor, text, at },
      history: [{ at, actor, action: 'note', detail: id }],
      at,
    };
  },
  undefined,
  (deps, customerTenantId, ticketId) => deps.tickets.noteTarget(customerTenantId, ticketId)
);

export async function addNote(
  caller: Caller,
  customerTenantId: string,
  ticketId: string,
  text: string,
  deps: TicketsDeps,
  options: ChangeOptions = {}
): Promise<NoteAdded> {
  const note = { id: deps.newId(), text };
  const { ticket, change } = await writeNote(
    caller,
    customerTenantId,
    ticketId,
    note,
    deps,
    options
  );
  const { notesFull: _, ...head } = ticket;
  return { ticket: head, note: change.note!, history: change.history };
}

/**
 * Closes a recorded issue (a customer-reported ticket) from any state but Closed, with a reason.
 * Tickets raised by signals are not closed by people: one ticket per signal for life, resolved
 * and reopened by the signal itself (domain research, "Record an issue").
 */
export const closeTicket = answeringTicket(
  changeUseCase<CloseReason>((t, reason, { at, actor }) => {
    if (t.source !== 'customer') throw notUserClosable();
    if (!canTransition(t.status, 'Closed')) throw invalidTransition(t.status, 'Closed');
    return {
      set: { status: 'Closed', closedAt: at, closeReason: reason },
      history: [{ at, actor, action: 'closed', from: t.status, to: 'Closed', detail: reason }],
      releaseSignalKey: true,
      at,
    };
  })
);

export interface RecordIssueInput {
  roomId: string;
  title: string;
  description: string;
  highImpact: boolean;
  justification?: string;
}

/**
 * "Record an issue": a customer-reported ticket on a room the caller may create incidents for.
 * High-impact issues need a justification and are Important; others are Warnings.
 */
export async function recordIssue(
  caller: Caller,
  customerTenantId: string,
  input: RecordIssueInput,
  deps: TicketsDeps
): Promise<Ticket> {
  let sideWrites: readonly TicketSideWrite[] | undefined;
  const created = await createInCustomer(
    deps,
    caller,
    customerTenantId,
    subject,
    async (id, { grants }, trail) => {
      const room = await deps.rooms.get(customerTenantId, input.roomId);
      const resource: AuthzResource = room
        ? { customerTenantId, room: { id: room.id, groupIds: room.groupIds } }
        : { customerTenantId };
      if (!room || !decide(grants, 'reports.createIncident', resource).allowed) {
        // A room the caller cannot even see is "not found"; a visible one is "forbidden".
        if (room && decide(grants, 'rooms.view', resource).allowed) throw forbidden();
        throw roomNotFound();
      }
      if (input.highImpact && !input.justification?.trim()) throw justificationRequired();
      const at = deps.now();
      const actor = actorOf(caller);
      const ticket: Ticket = {
        id,
        tenantId: customerTenantId,
        roomId: room.id,
        roomName: room.displayName,
        roomGroupIds: [...room.groupIds],
        severity: input.highImpact ? 'Important' : 'Warning',
        type: 'customerReported',
        status: 'Open',
        source: 'customer',
        title: input.title,
        description: input.justification?.trim()
          ? `${input.description}\n\nHigh impact: ${input.justification.trim()}`
          : input.description,
        highImpact: input.highImpact,
        notes: [],
        history: [{ at, actor, action: 'created', to: 'Open' }],
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      sideWrites = sideWritesOf(deps, ticket, 'created');
      // The ticket, its audit records and its watchers' writes in one write.
      await trail.commit(async (audit) =>
        (await deps.tickets.insert(ticket, ownKey(id), {
          audit,
          ...(sideWrites ? { sideWrites } : {}),
        }))
          ? ticket
          : null
      );
      return ticket;
    }
  );
  await notifyTicketChanged(deps, created, 'created', sideWrites !== undefined);
  return created;
}

/** A ticket in the aggregate view (as lists show it), labelled with its customer. */
export interface IncidentItem {
  ticket: TicketBrief;
  customerTenantId: string;
  customerName: string;
}

/**
 * The aggregate incidents view ("Enable all tickets view"): every ticket the caller may see in
 * any customer, newest first, one indexed query over the union of the per-customer filters;
 * tickets as lists show them (getTicket has the rest).
 */
export async function listAllIncidents(
  caller: Caller,
  filters: TicketCriteria & { customerTenantId?: string },
  page: PageRequest,
  deps: TicketsDeps
): Promise<PageResult<IncidentItem>> {
  const grants = await deps.allGrants(caller);
  const { customerTenantId, ...criteria } = filters;
  const visible = customerTenantId
    ? roomFilter(grants, 'tickets.view', customerTenantId, TICKET_FIELDS)
    : roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS);
  if (!visible) return { items: [] };
  const found = await deps.tickets.briefs(visible, criteria, page);
  const names = await deps.tenants.names([...new Set(found.items.map((t) => t.tenantId))]);
  return {
    ...found,
    items: found.items.map((ticket) => ({
      ticket,
      customerTenantId: ticket.tenantId,
      customerName: names.get(ticket.tenantId) ?? ticket.tenantId,
    })),
  };
}

export interface ReportSummary {
  customerTenantId: string;
  generatedAt: Date;
  rooms: { total: number; byHealth: Record<string, number> };
  incidents: TicketSummary;
}

/**
 * Room health and incident summary for one customer, over what the caller may see: a partner's
 * counts stop at the relationship scope (reports.view is tenant-level, so `roomFilter` bounds it
 * by that scope alone).
 */
export async function reportSummary(
  caller: Caller,
  customerTenantId: string,
  deps: TicketsDeps
): Promise<ReportSummary> {
  const { grants } = await customerAccess(caller, customerTenantId, deps.grantsFor);
  if (!decide(grants, 'reports.view', { customerTenantId }).allowed) throw forbidden();
  const now = deps.now();
  const roomsVisible = roomFilter(grants, 'reports.view', customerTenantId);
  const ticketsVisible = roomFilter(grants, 'reports.view', customerTenantId, TICKET_FIELDS);
  const byHealth = roomsVisible ? await deps.rooms.healthCounts(roomsVisible) : {};
  const incidents: TicketSummary = ticketsVisible
    ? await deps.tickets.summary(ticketsVisible, now)
    : {
        openBySeverity: {},
        openByType: {},
        opened: { last7Days: 0, last30Days: 0 },
        closed: { last7Days: 0, last30Days: 0 },
      };
  const total = Object.values(byHealth).reduce((a, b) => a + b, 0);
  return { customerTenantId, generatedAt: now, rooms: { total, byHealth }, incidents };
}
