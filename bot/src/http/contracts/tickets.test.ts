import assert from 'node:assert/strict';
import type { Ticket, TicketNote } from '../../core/tickets/ticket.model.ts';
import type { TicketBrief } from '../../core/tickets/tickets.ports.ts';
import type { IncidentItem } from '../../core/tickets/tickets.use-cases.ts';
import { incidentSchema, ticketSchema, toIncidentView, toTicketView } from './tickets.ts';

/**
 * The wire mapping as the spreads wrote it before it was built field by field, from a table: the
 * wire order, `customerTenantId` read from `tenantId`, dates in ISO, optional fields only when
 * truthy, the signal's own fields in its order. The answers must stay byte for byte what they were.
 */
const WIRE_ORDER = [
  ['id', 'required'],
  ['customerTenantId', 'required'],
  ...['roomId', 'roomName', 'severity', 'type', 'status', 'source', 'title', 'highImpact'].map(
    (k) => [k, 'required']
  ),
  ...['signal', 'closeReason', 'assignee'].map((k) => [k, 'optional']),
  ...['version', 'createdAt', 'updatedAt'].map((k) => [k, 'required']),
  ...['resolvedAt', 'closedAt'].map((k) => [k, 'optional']),
] as const;

const wireValue = (v: unknown): unknown => {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wireValue(x)]));
  }
  return v;
};

const reference = {
  brief: (t: TicketBrief | Ticket) => {
    const source = t as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, presence] of WIRE_ORDER) {
      const v = source[key === 'customerTenantId' ? 'tenantId' : key];
      if (presence === 'required' || v) out[key] = key === 'assignee' ? v : wireValue(v);
    }
    return out;
  },
  note: (n: TicketNote) => wireValue(n),
};

const at = (n: number) => new Date(Date.UTC(2026, 11, 4, 8, 0, 0, n));
const actor = { id: 'u-1', tenantId: 't-1', name: 'Frédéric Ngô — help desk 🛠' };

/** Every combination of the optional fields, with unicode and the values a store gives back. */
function briefs(): TicketBrief[] {
  const out: TicketBrief[] = [];
  for (let mask = 0; mask < 1 << 7; mask++) {
    const has = (bit: number) => (mask & (1 << bit)) !== 0;
    const brief: TicketBrief = {
      id: `tk-${mask}`,
      tenantId: 't-1',
      roomId: 'r-1',
      roomName: mask % 3 === 0 ? 'Salle « Étoile » — 2ᵉ étage' : 'Seattle Boardroom 1',
      severity: has(0) ? 'Important' : 'Warning',
      type: 'display',
      status: has(4) ? 'Closed' : 'Open',
      source: has(1) ? 'signal' : 'customer',
      title: mask % 2 ? `Front of room display disconnected — ${mask} "quoted" \\ \n\u2028` : 'x',
      highImpact: has(2),
      version: mask + 1,
      createdAt: at(mask),
      updatedAt: at(mask + 1),
    };
    if (has(1)) {
      brief.signal = { type: 'display', count: mask, firstSeenAt: at(1), lastSeenAt: at(2) };
      if (has(3)) brief.signal.detail = 'HDMI 1 — no signal';
    }
    if (has(4)) {
      brief.closeReason = 'Resolved';
      brief.closedAt = at(9);
    }
    if (has(5)) brief.assignee = actor;
    if (has(3) && !has(4)) brief.resolvedAt = at(7);
    if (has(6))
      brief.latestNote = { id: 'n-1', author: actor, text: 'Vu sur site 🙂 ✓', at: at(5) };
    out.push(brief);
  }
  // What a store may hand back for a field once written as undefined: null, never shown.
  const nulls = { ...out[3]!, closeReason: null, assignee: null, closedAt: null } as never;
  return [...out, nulls];
}

describe('contracts: tickets wire mapping', () => {
  it('When an incident is mapped, then its JSON is byte for byte what the spread mapping wrote, and it is the contract', () => {
    for (const ticket of briefs()) {
      const item: IncidentItem = { ticket, customerTenantId: 't-1', customerName: 'Contoso — Ltd' };
      const view = toIncidentView(item);
      const expected = Object.assign(
        reference.brief(ticket),
        { customerName: item.customerName },
        ticket.latestNote ? { latestNote: reference.note(ticket.latestNote) } : {}
      );
      assert.equal(JSON.stringify(view), JSON.stringify(expected), ticket.id);
      assert.deepEqual(incidentSchema.parse(view), view);
    }
  });

  it('When a whole ticket is mapped, then its JSON is byte for byte what the spread mapping wrote', () => {
    for (const brief of briefs()) {
      const { latestNote, ...rest } = brief;
      const ticket: Ticket = {
        ...rest,
        roomGroupIds: ['g-1'],
        description: 'Écran noir — «  »',
        notes: latestNote ? [latestNote, latestNote] : [],
        history: [{ at: at(3), actor, action: 'created', to: 'Open' }],
      };
      const expected = Object.assign(reference.brief(ticket), {
        description: ticket.description,
        notes: ticket.notes.map(reference.note),
        history: ticket.history.map(wireValue),
      });
      const view = toTicketView(ticket);
      assert.equal(JSON.stringify(view), JSON.stringify(expected), ticket.id);
      assert.deepEqual(ticketSchema.parse(view), view);
    }
  });
});
