/**
 * Tickets / incidents (PRODUCT.md §4.7, §4.12): per-customer tickets, "record an issue", the
 * aggregate incidents view across customers, the report summary, and signal ingestion (the one
 * route authenticated by a per-tenant ingest key instead of an Entra token).
 */
import type { Api } from '../api.ts';
import { pageOf } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { customerParams, page } from '../contracts/common.ts';
import {
  assignBody,
  closeBody,
  incidentSchema,
  incidentsQuery,
  listQuery,
  noteAddedSchema,
  noteBody,
  recordBody,
  signalBody,
  signalResult,
  summarySchema,
  ticketParams,
  ticketSchema,
  toCriteria,
  toIncidentView,
  toNoteAddedView,
  toReportSummary,
  toSignal,
  toSignalResult,
  toTicketView,
  updateBody,
} from '../contracts/tickets.ts';
import {
  addNote,
  assignTicketToMe,
  closeTicket,
  getTicket,
  listAllIncidents,
  listTickets,
  recordIssue,
  reportSummary,
  updateTicket,
} from '../../core/tickets/tickets.use-cases.ts';
import { ingestSignal } from '../../core/tickets/signals.use-cases.ts';
import { INGEST_KEY_HEADER, IngestKeyring } from '../../auth/ingest-keys.ts';

export function registerTicketRoutes(api: Api, services: AppServices): void {
  const deps = services.tickets;
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
    handler: ({ caller, params, query }) =>
      listTickets(caller, params.customerTenantId, toCriteria(query), query, deps).then(
        pageOf(toTicketView)
      ),
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
    handler: ({ caller, params, body }) =>
      recordIssue(caller, params.customerTenantId, body, deps).then(toTicketView),
  });

  api.route({
    method: 'get',
    path: `${base}/{ticketId}`,
    tag,
    summary: 'One ticket with its notes and history (tickets.view on its room)',
    params: ticketParams,
    response: ticketSchema,
    handler: ({ caller, params }) =>
      getTicket(caller, params.customerTenantId, params.ticketId, deps).then(toTicketView),
  });

  api.route({
    method: 'patch',
    path: `${base}/{ticketId}`,
    tag,
    summary: 'Change status and/or severity (tickets.update); impossible transitions are 409',
    params: ticketParams,
    body: updateBody,
    response: ticketSchema,
    handler: ({ caller, params, body }) =>
      updateTicket(caller, params.customerTenantId, params.ticketId, body, deps).then(toTicketView),
  });

  api.route({
    method: 'post',
    path: `${base}/{ticketId}/notes`,
    tag,
    summary:
      'Add a note (tickets.update): answers the note, its history entry and the ticket without its notes and history',
    params: ticketParams,
    body: noteBody,
    response: noteAddedSchema,
    status: 201,
    handler: ({ caller, params, body }) =>
      addNote(caller, params.customerTenantId, params.ticketId, body.text, deps).then(
        toNoteAddedView
      ),
  });

  api.route({
    method: 'post',
    path: `${base}/{ticketId}/assign-to-me`,
    tag,
    summary:
      'Assign the ticket to the caller (tickets.update); 409 TICKET.STALE if it is no longer at `version`',
    params: ticketParams,
    body: assignBody,
    response: ticketSchema,
    handler: ({ caller, params, body }) =>
      assignTicketToMe(caller, params.customerTenantId, params.ticketId, deps, {
        ...(body.version !== undefined ? { expectedVersion: body.version } : {}),
      }).then(toTicketView),
  });

  api.route({
    method: 'post',
    path: `${base}/{ticketId}/close`,
    tag,
    summary: 'Close a ticket with a reason, from any state but Closed (tickets.update)',
    params: ticketParams,
    body: closeBody,
    response: ticketSchema,
    handler: ({ caller, params, body }) =>
      closeTicket(caller, params.customerTenantId, params.ticketId, body.reason, deps).then(
        toTicketView
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
        items: r.items.map(toIncidentView),
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
      return toReportSummary(await reportSummary(caller, params.customerTenantId, deps));
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
    handler: ({ caller, body }) => ingestSignal(caller, toSignal(body), deps).then(toSignalResult),
  });
}
