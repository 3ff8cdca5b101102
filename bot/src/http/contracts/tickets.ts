/**
 * The tickets feature's HTTP contract (PRODUCT.md §4.7, §4.12): tickets and incidents, their
 * filters, the changes a person may make, the report summary and room signals. Route validation,
 * the OpenAPI document and the types below (which the tab imports type-only) all come from here.
 */
import { z } from 'zod';
import {
  CLOSE_REASONS,
  DESCRIPTION_MAX,
  JUSTIFICATION_MAX,
  NOTE_MAX,
  SEVERITIES,
  SIGNAL_TYPES,
  TICKET_STATUSES,
  TICKET_TYPES,
  TITLE_MAX,
  type Signal,
  type SignalInfo,
  type Ticket,
  type TicketHistoryEntry,
  type TicketNote,
} from '../../core/tickets/ticket.model.ts';
import type { SignalResult as SignalOutcome } from '../../core/tickets/signals.use-cases.ts';
import type { TicketBrief, TicketCriteria } from '../../core/tickets/tickets.ports.ts';
import type {
  IncidentItem,
  NoteAdded,
  ReportSummary as ReportSummaryModel,
} from '../../core/tickets/tickets.use-cases.ts';
import { guid, isoDate, isoString, pageQuery } from './common.ts';

export const actor = z.object({ id: z.string(), tenantId: z.string(), name: z.string() });

const noteSchema = z.object({ id: z.string(), author: actor, text: z.string(), at: isoDate });

/** A ticket's fields, minus what only the detail carries (description, notes, history). */
const briefFields = z.object({
  id: z.string(),
  customerTenantId: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  severity: z.enum(SEVERITIES),
  type: z.enum(TICKET_TYPES),
  status: z.enum(TICKET_STATUSES),
  source: z.enum(['signal', 'customer']),
  title: z.string(),
  highImpact: z.boolean(),
  signal: z
    .object({
      type: z.enum(SIGNAL_TYPES),
      count: z.number(),
      firstSeenAt: isoDate,
      lastSeenAt: isoDate,
      detail: z.string().optional(),
    })
    .optional(),
  closeReason: z.enum(CLOSE_REASONS).optional(),
  assignee: actor
    .optional()
    .meta({ description: 'Who took the ticket (Assign to me); absent while nobody has.' }),
  version: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  resolvedAt: isoDate.optional(),
  closedAt: isoDate.optional(),
});

const historyEntrySchema = z.object({
  at: isoDate,
  actor,
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  detail: z.string().optional(),
});

export const ticketSchema = briefFields
  .extend({
    description: z.string(),
    notes: z.array(noteSchema),
    history: z.array(historyEntrySchema),
  })
  .meta({ id: 'Ticket' });

/**
 * What adding a note answers: the note, the history entries it added and the ticket's own fields
 * as they are now (its version included), but not its description, notes and history again: the
 * answer stays the same size however many notes the ticket has. A client holding the ticket at
 * the version just before appends the note and the entries; otherwise it reads the ticket again.
 */
export const noteAddedSchema = z
  .object({
    note: noteSchema,
    history: z.array(historyEntrySchema),
    ticket: briefFields.meta({ id: 'TicketBrief' }),
  })
  .meta({ id: 'NoteAdded' });

type BriefView = z.infer<typeof briefFields>;

/**
 * The wire shape of what tickets and their list items share: ISO dates (`isoString`: a list page
 * writes a few hundred), the customer named. Built field by field in the schema's order (a list
 * page maps every item: conditional spreads cost several times more); optional fields only when
 * present.
 */
function briefView(t: TicketBrief | Ticket): BriefView {
  const view: Omit<BriefView, 'version' | 'createdAt' | 'updatedAt'> = {
    id: t.id,
    customerTenantId: t.tenantId,
    roomId: t.roomId,
    roomName: t.roomName,
    severity: t.severity,
    type: t.type,
    status: t.status,
    source: t.source,
    title: t.title,
    highImpact: t.highImpact,
  };
  if (t.signal) view.signal = signalView(t.signal);
  if (t.closeReason) view.closeReason = t.closeReason;
  if (t.assignee) view.assignee = t.assignee;
  const timed = view as BriefView;
  timed.version = t.version;
  timed.createdAt = isoString(t.createdAt);
  timed.updatedAt = isoString(t.updatedAt);
  if (t.resolvedAt) timed.resolvedAt = isoString(t.resolvedAt);
  if (t.closedAt) timed.closedAt = isoString(t.closedAt);
  return timed;
}

function signalView(s: SignalInfo): NonNullable<BriefView['signal']> {
  const view: NonNullable<BriefView['signal']> = {
    type: s.type,
    count: s.count,
    firstSeenAt: isoString(s.firstSeenAt),
    lastSeenAt: isoString(s.lastSeenAt),
  };
  if (s.detail !== undefined) view.detail = s.detail;
  return view;
}

const noteView = (n: TicketNote) => ({
  id: n.id,
  author: n.author,
  text: n.text,
  at: isoString(n.at),
});
const historyView = (h: TicketHistoryEntry) => ({ ...h, at: isoString(h.at) });

/** The wire shape of a ticket: ISO dates, the owning tenant named as the customer. */
export function toTicketView(t: Ticket): TicketView {
  return Object.assign(briefView(t), {
    description: t.description,
    notes: t.notes.map(noteView),
    history: t.history.map(historyView),
  });
}

/** The wire shape of a note added (see noteAddedSchema). */
export const toNoteAddedView = (r: NoteAdded): NoteAddedView => ({
  note: noteView(r.note),
  history: r.history.map(historyView),
  ticket: briefView(r.ticket),
});

/**
 * An item of the aggregate incidents list: the ticket as a list shows it, with its customer's
 * name and its latest note; the ticket itself (`GET …/tickets/{ticketId}`) has the description,
 * every note and the history.
 */
export const incidentSchema = briefFields
  .extend({
    customerName: z.string(),
    latestNote: noteSchema
      .optional()
      .meta({ description: 'The newest note, if any (the ticket itself has them all).' }),
  })
  .meta({ id: 'Incident' });

export const criteriaShape = {
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  roomId: guid.optional(),
  from: z.iso.datetime().optional().meta({ description: 'Created at or after (ISO 8601)' }),
  to: z.iso.datetime().optional().meta({ description: 'Created before (ISO 8601)' }),
};

export const toCriteria = (q: TicketFilter): TicketCriteria => ({
  ...(q.severity ? { severity: q.severity } : {}),
  ...(q.status ? { status: q.status } : {}),
  ...(q.type ? { type: q.type } : {}),
  ...(q.roomId ? { roomId: q.roomId } : {}),
  ...(q.from ? { from: new Date(q.from) } : {}),
  ...(q.to ? { to: new Date(q.to) } : {}),
});

export const listQuery = z.strictObject({ ...pageQuery.shape, ...criteriaShape });
export const incidentsQuery = z.strictObject({
  ...pageQuery.shape,
  ...criteriaShape,
  customerTenantId: guid.optional(),
});

export const updateBody = z
  .strictObject({
    status: z.enum(['Open', 'Acknowledged', 'InProgress', 'Resolved']).optional(),
    severity: z.enum(SEVERITIES).optional(),
  })
  .refine((b) => b.status !== undefined || b.severity !== undefined, {
    message: 'Give a status, a severity, or both.',
  });

export const noteBody = z.strictObject({ text: z.string().trim().min(1).max(NOTE_MAX) });
export const closeBody = z.strictObject({ reason: z.enum(CLOSE_REASONS) });
export const assignBody = z.strictObject({
  version: z.number().int().min(1).optional().meta({
    description: 'The version the caller saw; a ticket changed since is not taken over (409).',
  }),
});
export const recordBody = z.strictObject({
  roomId: guid,
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().trim().max(DESCRIPTION_MAX).default(''),
  highImpact: z.boolean().default(false),
  justification: z.string().trim().max(JUSTIFICATION_MAX).optional(),
});

export const signalBody = z
  .strictObject({
    tenantId: guid,
    roomId: guid,
    type: z.enum(SIGNAL_TYPES),
    severity: z.enum(SEVERITIES),
    state: z.enum(['raised', 'cleared']),
    observedAt: z.iso.datetime({ offset: true }),
    detail: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'RoomSignal' });

export const signalResult = z
  .object({
    outcome: z.enum(['created', 'repeated', 'escalated', 'reopened', 'resolved', 'ignored']),
    ticketId: z.string().optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    count: z.number().optional(),
  })
  .meta({ id: 'SignalResult' });

export const countMap = z.record(z.string(), z.number());
export const summarySchema = z
  .object({
    customerTenantId: z.string(),
    generatedAt: isoDate,
    rooms: z.object({ total: z.number(), byHealth: countMap }),
    incidents: z.object({
      openBySeverity: countMap,
      openByType: countMap,
      opened: z.object({ last7Days: z.number(), last30Days: z.number() }),
      closed: z.object({ last7Days: z.number(), last30Days: z.number() }),
    }),
  })
  .meta({ id: 'ReportSummary' });

export type TicketView = z.infer<typeof ticketSchema>;
export type NoteAddedView = z.infer<typeof noteAddedSchema>;
export type IncidentView = z.infer<typeof incidentSchema>;
/** The list filters as sent (query strings): every one optional. */
export type TicketFilter = z.infer<z.ZodObject<typeof criteriaShape>>;
export type TicketUpdate = z.infer<typeof updateBody>;
export type IssueInput = z.infer<typeof recordBody>;
export type RoomSignal = z.infer<typeof signalBody>;
export type SignalResult = z.infer<typeof signalResult>;
export type ReportSummary = z.infer<typeof summarySchema>;

// The customer's name and the latest note added to the view itself (no copy per item).
export function toIncidentView({ ticket, customerName }: IncidentItem): IncidentView {
  const view = briefView(ticket) as IncidentView;
  view.customerName = customerName;
  if (ticket.latestNote) view.latestNote = noteView(ticket.latestNote);
  return view;
}

/** A room signal as the core takes it: a Date, no empty detail. */
export const toSignal = (body: RoomSignal): Signal => ({
  tenantId: body.tenantId,
  roomId: body.roomId,
  type: body.type,
  severity: body.severity,
  state: body.state,
  observedAt: new Date(body.observedAt),
  ...(body.detail ? { detail: body.detail } : {}),
});

/** What ingestion did, and to which ticket. */
export const toSignalResult = (r: SignalOutcome): SignalResult => ({
  outcome: r.outcome,
  ...(r.ticket
    ? {
        ticketId: r.ticket.id,
        status: r.ticket.status,
        severity: r.ticket.severity,
        count: r.ticket.signal?.count ?? 0,
      }
    : {}),
});

export const toReportSummary = (r: ReportSummaryModel): ReportSummary => ({
  ...r,
  generatedAt: r.generatedAt.toISOString(),
});
