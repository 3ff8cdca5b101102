/** Error codes of the tickets / incidents feature (stable: clients may rely on them). */
import { conflict, forbidden, invalid, notFound } from '../errors.ts';

export const TicketErrors = {
  NOT_FOUND: 'TICKET.NOT_FOUND',
  INVALID_TRANSITION: 'TICKET.INVALID_TRANSITION',
  UNCHANGED: 'TICKET.UNCHANGED',
  CONCURRENT_UPDATE: 'TICKET.CONCURRENT_UPDATE',
  STALE: 'TICKET.STALE',
  ALREADY_ASSIGNED: 'TICKET.ALREADY_ASSIGNED',
  ROOM_NOT_FOUND: 'TICKET.ROOM_NOT_FOUND',
  CLOSED: 'TICKET.CLOSED',
  NOT_USER_CLOSABLE: 'TICKET.NOT_USER_CLOSABLE',
  NOTES_LIMIT: 'TICKET.NOTES_LIMIT',
  JUSTIFICATION_REQUIRED: 'TICKET.JUSTIFICATION_REQUIRED',
  SIGNAL_KEY_MISSING: 'SIGNAL.KEY_MISSING',
  SIGNAL_KEY_INVALID: 'SIGNAL.KEY_INVALID',
  SIGNAL_TENANT_MISMATCH: 'SIGNAL.TENANT_MISMATCH',
  SIGNAL_ROOM_NOT_FOUND: 'SIGNAL.ROOM_NOT_FOUND',
} as const;

/** A ticket that does not exist or that the caller may not see: the same answer for both. */
export const ticketNotFound = () =>
  notFound(TicketErrors.NOT_FOUND, 'No such ticket, or you may not see it.');

export const invalidTransition = (from: string, to: string) =>
  conflict(TicketErrors.INVALID_TRANSITION, `A ticket cannot go from ${from} to ${to}.`);

export const unchanged = (what: string) =>
  conflict(TicketErrors.UNCHANGED, `The ticket's ${what} already has this value.`);

export const concurrentUpdate = () =>
  conflict(
    TicketErrors.CONCURRENT_UPDATE,
    'The ticket kept changing meanwhile; reload it and try again.'
  );

/** A change made from a view of an older version (e.g. a card someone else's change overtook). */
export const staleTicket = () =>
  conflict(TicketErrors.STALE, 'The ticket changed since you last saw it; here it is now.');

export const alreadyAssigned = () =>
  conflict(TicketErrors.ALREADY_ASSIGNED, 'The ticket is already assigned to you.');

export const roomNotFound = () =>
  notFound(TicketErrors.ROOM_NOT_FOUND, 'No such room, or you may not act on it.');

export const justificationRequired = () =>
  invalid(TicketErrors.JUSTIFICATION_REQUIRED, 'A high-impact issue needs a justification.');

export const signalTenantMismatch = () =>
  forbidden('This ingest key does not belong to that tenant.', TicketErrors.SIGNAL_TENANT_MISMATCH);

export const signalRoomNotFound = () =>
  notFound(TicketErrors.SIGNAL_ROOM_NOT_FOUND, 'The tenant has no room with this id.');

export const ticketClosed = () =>
  conflict(TicketErrors.CLOSED, 'The ticket is closed; a recurring problem needs a new ticket.');

/** The original portal's rule: only recorded issues are closed by people. */
export const notUserClosable = () =>
  conflict(
    TicketErrors.NOT_USER_CLOSABLE,
    'Only recorded issues can be closed. An incident raised by a room signal resolves when the signal clears, and keeps its ticket for life.'
  );

export const notesLimit = (max: number) =>
  conflict(TicketErrors.NOTES_LIMIT, `A ticket holds at most ${max} notes.`);
