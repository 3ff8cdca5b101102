/**
 * How tickets make their room's health (PRODUCT.md §4.12): Important (Unhealthy) while an
 * Important incident or a recorded issue is open — the original portal shows a room with a
 * recorded issue Unhealthy until it closes —, Warning while only Warnings are open, else Healthy.
 * An Offline room stays Offline (that is connectivity, not incidents). Pure: the ticket
 * repository applies these after every ticket change, so a room's health never drifts from its
 * tickets (room-health.rules.test.ts).
 */
import type { RoomHealth } from '../resources/resources.model.ts';
import { ACTIVE_STATUSES, type Ticket, type TicketStatus } from './ticket.model.ts';

/** The health one live ticket gives its room. */
export type TicketHealth = Exclude<RoomHealth, 'Healthy' | 'Offline'>;

export const isLive = (status: TicketStatus): boolean => ACTIVE_STATUSES.includes(status);

/** What one live ticket does to its room's health. */
export const healthOf = (t: Pick<Ticket, 'severity' | 'source'>): TicketHealth =>
  t.severity === 'Important' || t.source === 'customer' ? 'Important' : 'Warning';

/** Room health states a live ticket of the given health replaces (never Offline). */
export const HEALTHIER: Readonly<Record<TicketHealth, readonly RoomHealth[]>> = {
  Warning: ['Healthy'],
  Important: ['Healthy', 'Warning'],
};

/** The health a room's open tickets give it (its Offline state aside). */
export function healthFromOpenTickets(
  open: readonly Pick<Ticket, 'severity' | 'source'>[]
): RoomHealth {
  if (open.some((t) => healthOf(t) === 'Important')) return 'Important';
  return open.length > 0 ? 'Warning' : 'Healthy';
}

/**
 * What a ticket change means for its room when only the change is known: `derive` from all open
 * tickets when the change can make the room healthier (the ticket left the live states, or a live
 * one became a Warning); `raise` to the ticket's own health when a live ticket got worse or came
 * back; `none` for a note. `after` is the ticket as changed. {@link healthChange} is exact when
 * the ticket before the change is known too.
 */
export function healthEffect(
  after: Pick<Ticket, 'status' | 'severity' | 'source'>,
  change: { status?: TicketStatus; severity?: Ticket['severity'] }
): 'derive' | 'raise' | 'none' {
  if (change.status === undefined && change.severity === undefined) return 'none';
  const live = isLive(after.status);
  if ((change.status !== undefined && !live) || (live && change.severity === 'Warning'))
    return 'derive';
  return live ? 'raise' : 'none';
}

/**
 * What a ticket change means for its room, from the ticket before and after it: `derive` (read the
 * room's other open tickets) only when the ticket now gives its room less than it gave (it left
 * the live states, or a signal's Important incident became a Warning); `raise` when it is live and
 * its status or severity changed otherwise (a cheap conditional write, which also repairs a room
 * left too healthy); `none` when neither changed, or the ticket was and stays out of the live
 * states. A recorded issue's severity never changes what it gives its room (always Important).
 */
export function healthChange(
  before: Pick<Ticket, 'status' | 'severity' | 'source'>,
  after: Pick<Ticket, 'status' | 'severity' | 'source'>
): 'derive' | 'raise' | 'none' {
  if (before.status === after.status && before.severity === after.severity) return 'none';
  const was = isLive(before.status) ? healthOf(before) : undefined;
  if (!isLive(after.status)) return was === undefined ? 'none' : 'derive';
  return was === 'Important' && healthOf(after) === 'Warning' ? 'derive' : 'raise';
}
