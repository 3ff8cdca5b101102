/**
 * Tickets and incidents: one customer's tickets (`/api/customers/{id}/tickets`), the aggregate
 * view across customers (`/api/incidents`, "Enable all tickets view"), and the actions on one
 * ticket (status / severity, notes, close).
 */
import { apiPath, getPage, type ApiClient, type PageOptions } from './client.ts';
import type {
  CloseReason,
  Severity,
  TicketStatus,
} from '../../../bot/src/core/tickets/ticket.model.ts';
import type {
  IncidentView,
  IssueInput,
  NoteAddedView,
  TicketFilter,
  TicketView,
} from '../../../bot/src/http/contracts/tickets.ts';

// The service's own lists and rules (one source: the ticket model), and its wire types.
export {
  CLOSE_REASONS,
  DESCRIPTION_MAX,
  JUSTIFICATION_MAX,
  NEXT_STATUSES,
  NOTE_MAX,
  SEVERITIES,
  SIGNAL_ACTOR_ID,
  TICKET_STATUSES,
  TICKET_TYPES,
  TITLE_MAX,
  type CloseReason,
  type Severity,
  type TicketStatus,
  type TicketType,
} from '../../../bot/src/core/tickets/ticket.model.ts';
export type { IssueInput, TicketFilter } from '../../../bot/src/http/contracts/tickets.ts';

/** A ticket with its description, notes and history (the detail routes, one customer's list). */
export type Ticket = TicketView & Partial<Pick<IncidentView, 'customerName'>>;
/**
 * A row of a ticket list: one customer's tickets, or the aggregate view's items, which name their
 * customer and carry only the latest note (open the ticket for the rest: `getTicket`).
 */
export type TicketListItem = Ticket | IncidentView;
/** Whether a list row is the whole ticket (notes and history included). */
export const isWholeTicket = (t: TicketListItem): t is Ticket => 'history' in t;
/** Who did something on a ticket. */
export type Actor = TicketView['notes'][number]['author'];

const ticketsPath = (customerTenantId: string) =>
  apiPath`/api/customers/${customerTenantId}/tickets`;
const ticketPath = (customerTenantId: string, ticketId: string) =>
  ticketsPath(customerTenantId) + apiPath`/${ticketId}`;

/** `GET /api/customers/{id}/tickets`, newest first. */
export const listTickets = (
  api: ApiClient,
  customerTenantId: string,
  filter: TicketFilter,
  options?: PageOptions
) => getPage<Ticket>(api, ticketsPath(customerTenantId), filter, options);

/** `GET /api/incidents`: every ticket the caller may see across customers, newest first, as list rows. */
export const listAllIncidents = (
  api: ApiClient,
  filter: TicketFilter & { customerTenantId?: string },
  options?: PageOptions
) => getPage<IncidentView>(api, '/api/incidents', filter, options);

/** `GET /api/customers/{id}/tickets/{ticketId}`. */
export function getTicket(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  signal?: AbortSignal
): Promise<Ticket> {
  return api.request<Ticket>(ticketPath(customerTenantId, ticketId), { signal });
}

/** `PATCH …/tickets/{ticketId}`: status and/or severity. */
export function updateTicket(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  change: { status?: Exclude<TicketStatus, 'Closed'>; severity?: Severity }
): Promise<Ticket> {
  return api.request<Ticket>(ticketPath(customerTenantId, ticketId), {
    method: 'PATCH',
    body: change,
  });
}

/** `POST …/tickets/{ticketId}/assign-to-me`, from the version the caller saw (409 if it changed). */
export function assignTicketToMe(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  version: number
): Promise<Ticket> {
  return api.request<Ticket>(`${ticketPath(customerTenantId, ticketId)}/assign-to-me`, {
    method: 'POST',
    body: { version },
  });
}

/**
 * `POST …/tickets/{ticketId}/notes`, then the ticket with the note: `shown` with the note and its
 * history entry appended when it is the version just before (the answer does not repeat the
 * ticket's notes and history); otherwise someone else changed it meanwhile, and it is read again.
 */
export async function addTicketNote(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  text: string,
  shown: Ticket | null
): Promise<Ticket> {
  const added = await api.request<NoteAddedView>(
    `${ticketPath(customerTenantId, ticketId)}/notes`,
    { method: 'POST', body: { text } }
  );
  if (!shown || added.ticket.version !== shown.version + 1) {
    return getTicket(api, customerTenantId, ticketId);
  }
  return {
    ...shown,
    ...added.ticket,
    notes: [...shown.notes, added.note],
    history: [...shown.history, ...added.history],
  };
}

/** `POST …/tickets/{ticketId}/close` with a reason. */
export function closeTicket(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  reason: CloseReason
): Promise<Ticket> {
  return api.request<Ticket>(`${ticketPath(customerTenantId, ticketId)}/close`, {
    method: 'POST',
    body: { reason },
  });
}

/** `POST …/tickets`: record an issue (Reports › Create customer incident) on one room. */
export function recordIssue(
  api: ApiClient,
  customerTenantId: string,
  issue: IssueInput
): Promise<Ticket> {
  return api.request<Ticket>(apiPath`/api/customers/${customerTenantId}/tickets`, {
    method: 'POST',
    body: issue,
  });
}
