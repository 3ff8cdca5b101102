/**
 * Tickets / incidents (PRODUCT.md §4.7, §4.12): per-customer tickets, "record an issue", the
 * aggregate incidents view across customers, the report summary, and signal ingestion (the one
 * route authenticated by a per-tenant ingest key instead of an Entra token).
 */
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { page } from '../contracts/common.ts';
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
import { customerRoutes, pageOf, routeGroup } from './route-kit.ts';

export function registerTicketRoutes(api: Api, services: AppServices): void {
  const deps = services.tickets;
  const tickets = customerRoutes(api, { tag: 'Tickets', deps });

  tickets.get('/tickets', {
    summary: "A customer's tickets the caller may see, newest first (tickets.view)",
    query: listQuery,
    response: page(ticketSchema),
    handler: ({ caller, params, query }) =>
      listTickets(caller, params.customerTenantId, toCriteria(query), query, deps).then(
        pageOf(toTicketView)
      ),
  });

  tickets.post('/tickets', {
    summary: 'Record an issue: a customer-reported ticket on a room (reports.createIncident)',
    body: recordBody,
    response: ticketSchema,
    status: 201,
    run: recordIssue,
    present: toTicketView,
  });

  tickets.get('/tickets/{ticketId}', {
    summary: 'One ticket with its notes and history (tickets.view on its room)',
    response: ticketSchema,
    run: getTicket,
    present: toTicketView,
  });

  tickets.patch('/tickets/{ticketId}', {
    summary: 'Change status and/or severity (tickets.update); impossible transitions are 409',
    body: updateBody,
    response: ticketSchema,
    run: updateTicket,
    present: toTicketView,
  });

  tickets.post('/tickets/{ticketId}/notes', {
    summary:
      'Add a note (tickets.update): answers the note, its history entry and the ticket without its notes and history',
    body: noteBody,
    response: noteAddedSchema,
    status: 201,
    handler: ({ caller, params, body }) =>
      addNote(caller, params.customerTenantId, params.ticketId, body.text, deps).then(
        toNoteAddedView
      ),
  });

  tickets.post('/tickets/{ticketId}/assign-to-me', {
    summary:
      'Assign the ticket to the caller (tickets.update); 409 TICKET.STALE if it is no longer at `version`',
    body: assignBody,
    response: ticketSchema,
    handler: ({ caller, params, body }) =>
      assignTicketToMe(caller, params.customerTenantId, params.ticketId, deps, {
        ...(body.version !== undefined ? { expectedVersion: body.version } : {}),
      }).then(toTicketView),
  });

  tickets.post('/tickets/{ticketId}/close', {
    summary: 'Close a ticket with a reason, from any state but Closed (tickets.update)',
    body: closeBody,
    response: ticketSchema,
    handler: ({ caller, params, body }) =>
      closeTicket(caller, params.customerTenantId, params.ticketId, body.reason, deps).then(
        toTicketView
      ),
  });

  routeGroup(api, { tag: 'Tickets' }).get('/api/incidents', {
    summary:
      'All tickets the caller may see across every customer, newest first ("Enable all tickets view")',
    query: incidentsQuery,
    response: page(incidentSchema),
    handler: ({ caller, query }) => {
      const { customerTenantId } = query;
      return listAllIncidents(
        caller,
        { ...toCriteria(query), ...(customerTenantId ? { customerTenantId } : {}) },
        query,
        deps
      ).then(pageOf(toIncidentView));
    },
  });

  customerRoutes(api, { tag: 'Reports', deps }).get('/reports/summary', {
    summary: 'Room health and incident summary over the rooms the caller may see (reports.view)',
    response: summarySchema,
    run: reportSummary,
    present: toReportSummary,
  });

  const keyring = IngestKeyring.fromConfig(services.config);
  // Not a route group: its caller is the ingest key's source, not a Caller (route-kit's routes).
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
