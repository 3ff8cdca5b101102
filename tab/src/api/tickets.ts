/**
 * Tickets and incidents: one customer's tickets (`/api/customers/{id}/tickets`), the aggregate
 * view across customers (`/api/incidents`, "Enable all tickets view"), and the actions on one
 * ticket (status / severity, notes, close).
 */
import { withQuery, type ApiClient, type Page } from './client.ts';

export const SEVERITIES = ['Important', 'Warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const TICKET_TYPES = [
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
  'customerReported',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_STATUSES = ['Open', 'Acknowledged', 'InProgress', 'Resolved', 'Closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const CLOSE_REASONS = ['Resolved', 'Duplicate', 'NotAnIssue', 'Other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** The service's state machine, so the status list offers only moves it accepts. */
export const NEXT_STATUSES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  Open: ['Acknowledged', 'InProgress', 'Resolved'],
  Acknowledged: ['InProgress', 'Resolved'],
  InProgress: ['Resolved'],
  Resolved: ['Open'],
  Closed: [],
};

export const NOTE_MAX = 4000;

export interface Actor {
  id: string;
  tenantId: string;
  name: string;
}

export interface Ticket {
  id: string;
  customerTenantId: string;
  /** Present on the aggregate view's items. */
  customerName?: string;
  roomId: string;
  roomName: string;
  severity: Severity;
  type: TicketType;
  status: TicketStatus;
  source: 'signal' | 'customer';
  title: string;
  description: string;
  highImpact: boolean;
  closeReason?: CloseReason;
  /** Who took the ticket ("Assign to me"); absent while nobody has. */
  assignee?: Actor;
  notes: { id: string; author: Actor; text: string; at: string }[];
  history: { at: string; actor: Actor; action: string; from?: string; to?: string; detail?: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TicketFilter {
  severity?: Severity;
  status?: TicketStatus;
  type?: TicketType;
  roomId?: string;
  from?: string;
  to?: string;
}

const ticketsPath = (customerTenantId: string) =>
  `/api/customers/${encodeURIComponent(customerTenantId)}/tickets`;
const ticketPath = (customerTenantId: string, ticketId: string) =>
  `${ticketsPath(customerTenantId)}/${encodeURIComponent(ticketId)}`;

/** `GET /api/customers/{id}/tickets`, newest first. */
export function listTickets(
  api: ApiClient,
  customerTenantId: string,
  filter: TicketFilter,
  options: { cursor?: string; signal?: AbortSignal } = {}
): Promise<Page<Ticket>> {
  const path = withQuery(ticketsPath(customerTenantId), { ...filter, cursor: options.cursor });
  return api.request<Page<Ticket>>(path, { signal: options.signal });
}

/** `GET /api/incidents`: every ticket the caller may see across customers, newest first. */
export function listAllIncidents(
  api: ApiClient,
  filter: TicketFilter & { customerTenantId?: string },
  options: { cursor?: string; signal?: AbortSignal } = {}
): Promise<Page<Ticket>> {
  const path = withQuery('/api/incidents', { ...filter, cursor: options.cursor });
  return api.request<Page<Ticket>>(path, { signal: options.signal });
}

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

/** `POST …/tickets/{ticketId}/notes`. */
export function addTicketNote(
  api: ApiClient,
  customerTenantId: string,
  ticketId: string,
  text: string
): Promise<Ticket> {
  return api.request<Ticket>(`${ticketPath(customerTenantId, ticketId)}/notes`, {
    method: 'POST',
    body: { text },
  });
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

/** What "Record an issue" sends: one room; a high-impact issue needs a justification. */
export interface IssueInput {
  roomId: string;
  title: string;
  description: string;
  highImpact: boolean;
  justification?: string;
}

/** `POST …/tickets`: record an issue (Reports › Create customer incident) on one room. */
export function recordIssue(api: ApiClient, customerTenantId: string, issue: IssueInput): Promise<Ticket> {
  return api.request<Ticket>(`/api/customers/${encodeURIComponent(customerTenantId)}/tickets`, {
    method: 'POST',
    body: issue,
  });
}
