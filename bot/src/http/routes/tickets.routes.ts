/**
 * Tickets / incidents (PRODUCT.md §4.7, §4.12): per-customer tickets, "record an issue", the
 * aggregate incidents view across customers, the report summary, and signal ingestion (the one
 * route authenticated by a per-tenant ingest key instead of an Entra token).
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { guid } from '../schemas.ts';
import { pageQuery } from '../pagination.ts';
import { page } from './partners.routes.ts';
import {
  CLOSE_REASONS,
  DESCRIPTION_MAX,
  NOTE_MAX,
  SEVERITIES,
  SIGNAL_TYPES,
  TICKET_STATUSES,
  TICKET_TYPES,
  TITLE_MAX,
  type Ticket,
} from '../../core/tickets/ticket.model.ts';
import {
  addNote,
  closeTicket,
  getTicket,
  listAllIncidents,
  listTickets,
  recordIssue,
  reportSummary,
  updateTicket,
} from '../../core/tickets/tickets.use-cases.ts';
import { ingestSignal } from '../../core/tickets/signals.use-cases.ts';
import { buildTicketsDeps } from '../../data/tickets.repositories.ts';
import { INGEST_KEY_HEADER, IngestKeyring } from '../../auth/ingest-keys.ts';

const isoDate = z.string().meta({ description: 'UTC time, ISO 8601' });
const iso = (d: Date | undefined) => d?.toISOString();

const actor = z.object({ id: z.string(), tenantId: z.string(), name: z.string() });

const ticketSchema = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    roomId: z.string(),
    roomName: z.string(),
    severity: z.enum(SEVERITIES),
    type: z.enum(TICKET_TYPES),
    status: z.enum(TICKET_STATUSES),
    source: z.enum(['signal', 'customer']),
    title: z.string(),
    description: z.string(),
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
    notes: z.array(z.object({ id: z.string(), author: actor, text: z.string(), at: isoDate })),
    history: z.array(
      z.object({
        at: isoDate,
        actor,
        action: z.string(),
        from: z.string().optional(),
        to: z.string().optional(),
        detail: z.string().optional(),
      })
    ),
    version: z.number(),
    createdAt: isoDate,
    updatedAt: isoDate,
    resolvedAt: isoDate.optional(),
    closedAt: isoDate.optional(),
  })
  .meta({ id: 'Ticket' });

/** The wire shape of a ticket: ISO dates, the owning tenant named as the customer. */
function toTicketView(t: Ticket) {
  return {
    id: t.id,
    customerTenantId: t.tenantId,
    roomId: t.roomId,
    roomName: t.roomName,
    severity: t.severity,
    type: t.type,
    status: t.status,
    source: t.source,
    title: t.title,
    description: t.description,
    highImpact: t.highImpact,
    ...(t.signal
      ? {
          signal: {
            ...t.signal,
            firstSeenAt: t.signal.firstSeenAt.toISOString(),
            lastSeenAt: t.signal.lastSeenAt.toISOString(),
          },
        }
      : {}),
    ...(t.closeReason ? { closeReason: t.closeReason } : {}),
    notes: t.notes.map((n) => ({ ...n, at: n.at.toISOString() })),
    history: t.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    ...(t.resolvedAt ? { resolvedAt: iso(t.resolvedAt) } : {}),
    ...(t.closedAt ? { closedAt: iso(t.closedAt) } : {}),
  };
}

const incidentSchema = ticketSchema.extend({ customerName: z.string() }).meta({ id: 'Incident' });

const criteriaShape = {
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  roomId: guid.optional(),
  from: z.iso.datetime().optional().meta({ description: 'Created at or after (ISO 8601)' }),
  to: z.iso.datetime().optional().meta({ description: 'Created before (ISO 8601)' }),
};

const toCriteria = (q: { severity?: Ticket['severity']; status?: Ticket['status']; type?: Ticket['type']; roomId?: string; from?: string; to?: string }) => ({
  ...(q.severity ? { severity: q.severity } : {}),
  ...(q.status ? { status: q.status } : {}),
  ...(q.type ? { type: q.type } : {}),
  ...(q.roomId ? { roomId: q.roomId } : {}),
  ...(q.from ? { from: new Date(q.from) } : {}),
  ...(q.to ? { to: new Date(q.to) } : {}),
});

const listQuery = z.strictObject({ ...pageQuery.shape, ...criteriaShape });
const incidentsQuery = z.strictObject({
  ...pageQuery.shape,
  ...criteriaShape,
  customerTenantId: guid.optional(),
});

const customerParams = z.strictObject({ customerTenantId: guid });
const ticketParams = z.strictObject({ customerTenantId: guid, ticketId: guid });

const updateBody = z
  .strictObject({
    status: z.enum(['Open', 'Acknowledged', 'InProgress', 'Resolved']).optional(),
    severity: z.enum(SEVERITIES).optional(),
  })
  .refine((b) => b.status !== undefined || b.severity !== undefined, {
    message: 'Give a status, a severity, or both.',
  });

const noteBody = z.strictObject({ text: z.string().trim().min(1).max(NOTE_MAX) });
const closeBody = z.strictObject({ reason: z.enum(CLOSE_REASONS) });
const recordBody = z.strictObject({
  roomId: guid,
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().trim().max(DESCRIPTION_MAX).default(''),
  highImpact: z.boolean().default(false),
  justification: z.string().trim().max(1000).optional(),
});

const signalBody = z
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

const signalResult = z
  .object({
    outcome: z.enum(['created', 'repeated', 'escalated', 'reopened', 'resolved', 'ignored']),
    ticketId: z.string().optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    count: z.number().optional(),
  })
  .meta({ id: 'SignalResult' });

const countMap = z.record(z.string(), z.number());
const summarySchema = z
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

export function registerTicketRoutes(api: Api, services: AppServices): void {
  const deps = buildTicketsDeps(services.store, {
    audit: services.audit,
    grantsFor: (caller, opts) => services.grantsFor(caller, opts),
    allGrants: (caller) => services.grantsFor(caller),
  });
  const tag = 'Tickets';
  const base = '/api/customers/{customerTenantId}/tickets';

  api.route({
    method: 'get',
    path: base,
    tag,
    summary: "A customer's tickets the caller may see, newest first (tickets.view)",
    params: customerParams,
    query: listQuery,
    response: page(ticketSchema),
    handler: async ({ caller, params, query }) => {
      const r = await listTickets(caller, params.customerTenantId, toCriteria(query), query, deps);
      return { ...r, items: r.items.map(toTicketView) };
    },
  });

  api.route({
    method: 'post',
    path: base,
    tag,
    summary: 'Record an issue: a customer-reported ticket on a room (reports.createIncident)',
    params: customerParams,
    body: recordBody,
    response: ticketSchema,
    status: 201,
    handler: async ({ caller, params, body }) =>
      toTicketView(await recordIssue(caller, params.customerTenantId, body, deps)),
  });

  api.route({
    method: 'get',
    path: `${base}/{ticketId}`,
    tag,
    summary: 'One ticket with its notes and history (tickets.view on its room)',
    params: ticketParams,
    response: ticketSchema,
    handler: async ({ caller, params }) =>
      toTicketView(await getTicket(caller, params.customerTenantId, params.ticketId, deps)),
  });

  api.route({
    method: 'patch',
    path: `${base}/{ticketId}`,
    tag,
    summary: 'Change status and/or severity (tickets.update); impossible transitions are 409',
    params: ticketParams,
    body: updateBody,
    response: ticketSchema,
    handler: async ({ caller, params, body }) =>
      toTicketView(
        await updateTicket(caller, params.customerTenantId, params.ticketId, body, deps)
      ),
  });

  api.route({
    method: 'post',
    path: `${base}/{ticketId}/notes`,
    tag,
    summary: 'Add a note (tickets.update)',
    params: ticketParams,
    body: noteBody,
    response: ticketSchema,
    status: 201,
    handler: async ({ caller, params, body }) =>
      toTicketView(
        await addNote(caller, params.customerTenantId, params.ticketId, body.text, deps)
      ),
  });

  api.route({
    method: 'post',
    path: `${base}/{ticketId}/close`,
    tag,
    summary: 'Close a ticket with a reason, from any state but Closed (tickets.update)',
    params: ticketParams,
    body: closeBody,
    response: ticketSchema,
    handler: async ({ caller, params, body }) =>
      toTicketView(
        await closeTicket(caller, params.customerTenantId, params.ticketId, body.reason, deps)
      ),
  });

  api.route({
    method: 'get',
    path: '/api/incidents',
    tag,
    summary:
      'All tickets the caller may see across every customer, newest first ("Enable all tickets view")',
    query: incidentsQuery,
    response: page(incidentSchema),
    handler: async ({ caller, query }) => {
      const { customerTenantId } = query;
      const r = await listAllIncidents(
        caller,
        { ...toCriteria(query), ...(customerTenantId ? { customerTenantId } : {}) },
        query,
        deps
      );
      return {
        ...r,
        // The customer's name added to the view itself (no copy of every field per item).
        items: r.items.map((i) => Object.assign(toTicketView(i.ticket), { customerName: i.customerName })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/reports/summary',
    tag: 'Reports',
    summary: 'Room health and incident summary over the rooms the caller may see (reports.view)',
    params: customerParams,
    response: summarySchema,
    handler: async ({ caller, params }) => {
      const r = await reportSummary(caller, params.customerTenantId, deps);
      return { ...r, generatedAt: r.generatedAt.toISOString() };
    },
  });

  const keyring = IngestKeyring.fromConfig(services.config);
  api.route({
    method: 'post',
    path: '/api/signals',
    tag: 'Signals',
    summary:
      'Ingest a room health signal (monitoring agents; per-tenant key in x-ingest-key, not an Entra token)',
    auth: {
      scheme: 'ingestKey',
      definition: {
        type: 'apiKey',
        in: 'header',
        name: INGEST_KEY_HEADER,
        description:
          'Per-customer-tenant ingest key (SIGNAL_INGEST_KEYS). The key decides the tenant; the body must name the same tenant.',
      },
      authenticate: keyring.authenticate,
    },
    body: signalBody,
    response: signalResult,
    handler: async ({ caller, body }) => {
      const r = await ingestSignal(
        caller,
        {
          tenantId: body.tenantId,
          roomId: body.roomId,
          type: body.type,
          severity: body.severity,
          state: body.state,
          observedAt: new Date(body.observedAt),
          ...(body.detail ? { detail: body.detail } : {}),
        },
        deps
      );
      return {
        outcome: r.outcome,
        ...(r.ticket
          ? {
              ticketId: r.ticket.id,
              status: r.ticket.status,
              severity: r.ticket.severity,
              count: r.ticket.signal?.count ?? 0,
            }
          : {}),
      };
    },
  });
}
