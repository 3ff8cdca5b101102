/**
 * Ticket documents and their indexes. A ticket belongs to the customer owning its room
 * (`tenantId`); it carries the room's id and groups under the names the engine's room filter is
 * given (`TICKET_FIELDS`), so a partner's list query selects exactly the tickets of the rooms in
 * scope, in the customer's partition, without copying anything to the partner.
 */
import type { BaseDoc } from '../store/types.ts';
import type { Ticket } from '../core/tickets/ticket.model.ts';
import { declareCollections } from './index-plan.ts';

export interface TicketDoc extends BaseDoc, Omit<Ticket, 'id' | 'tenantId'> {
  /**
   * `roomId:type` while a signal ticket lives (unique per tenant: parallel identical signals
   * create one ticket), `closed:<id>` once closed, `ticket:<id>` for customer-reported tickets.
   */
  signalKey: string;
}

export const { names: TicketCollections, indexes: ticketIndexes } = declareCollections({
  tickets: {
    name: 'tickets',
    indexes: [
      // Lists and the aggregate view: newest first, the cursor on (createdAt, _id).
      { keys: { tenantId: 1, createdAt: -1, _id: -1 } },
      // Status filters and the open-incident counts of the report summary.
      { keys: { tenantId: 1, status: 1, createdAt: -1 } },
      // Room-scoped filters (a partner scoped to rooms), the room filter, and group sync.
      { keys: { tenantId: 1, roomId: 1, createdAt: -1 } },
      { keys: { tenantId: 1, roomGroupIds: 1, createdAt: -1 } },
      // Closed-in-the-last-N-days counts.
      { keys: { tenantId: 1, closedAt: -1 } },
      // A room's live tickets (its health), read without visiting the tenant's other rooms: the
      // embedded store's hash lookups use an index's first key. An exception to tenantId-first:
      // room ids are GUIDs, and every query using it also names the tenant.
      { keys: { roomId: 1, status: 1 } },
      // One live ticket per (room, signal type).
      { keys: { tenantId: 1, signalKey: 1 }, options: { unique: true } },
    ],
  },
});
