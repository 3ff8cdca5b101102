/**
 * Demo tickets: a handful per demo customer, in varied states, with notes and history, so the
 * incident views and the report summary show real data. Idempotent (ids derived from names; an
 * existing ticket is never overwritten). Contoso's include tickets on EMEA rooms, outside
 * Fabrikam's scope (US rooms), so the partner views visibly stop at the scope.
 */
import type { Store } from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import {
  DEFAULT_SEVERITY,
  liveSignalKey,
  ownKey,
  releasedSignalKey,
  type Actor,
  type SignalType,
  type Ticket,
  type TicketHistoryEntry,
  type TicketStatus,
} from '../core/tickets/ticket.model.ts';
import { ResourceCollections, type RoomDoc } from '../data/collections.ts';
import { TicketCollections, type TicketDoc } from '../data/tickets.collections.ts';
import { refreshRoomHealth, toTicketDoc } from '../data/tickets.repositories.ts';
import { demoId } from './demo-id.ts';
import { SIGNAL_TITLES } from '../core/tickets/signals.use-cases.ts';

interface DemoTicket {
  room: number;
  type: SignalType | 'customerReported';
  status: TicketStatus;
  ageHours: number;
  title?: string;
  note?: { tenant: string; user: string; name: string; text: string };
}

const PLAN: DemoTicket[] = [
  { room: 0, type: 'display', status: 'Open', ageHours: 2 },
  {
    room: 1,
    type: 'microphone',
    status: 'Acknowledged',
    ageHours: 20,
    note: {
      tenant: 'fabrikam',
      user: 'diego',
      name: 'Diego Siciliani',
      text: 'Called the site; someone unplugged the mic pod. Going on site.',
    },
  },
  { room: 3, type: 'network', status: 'InProgress', ageHours: 50 },
  {
    room: 4,
    type: 'customerReported',
    status: 'Open',
    ageHours: 5,
    title: 'Whiteboard camera shows a black image',
  },
  { room: 6, type: 'appVersion', status: 'Resolved', ageHours: 120 },
  {
    room: 7,
    type: 'customerReported',
    status: 'Closed',
    ageHours: 400,
    title: 'Camera image is blurry',
    note: {
      tenant: 'fabrikam',
      user: 'grady',
      name: 'Grady Archie',
      text: 'Camera replaced under warranty.',
    },
  },
  { room: 10, type: 'signIn', status: 'Open', ageHours: 8 },
  {
    room: 11,
    type: 'customerReported',
    status: 'InProgress',
    ageHours: 30,
    title: 'Room display flickers during calls',
  },
];

/** What the seed needs of demo-data.ts, passed in by it (importing it back would be a cycle). */
export interface DemoTicketInput {
  tenants: readonly {
    key: string;
    users: readonly { key: string; displayName: string; globalAdmin?: boolean }[];
    rooms?: unknown;
  }[];
  ids: {
    tenant(t: string): string;
    user(t: string, u: string): string;
    room(t: string, n: number): string;
  };
}

export async function seedDemoTickets(
  store: Store,
  now: Date,
  demo: DemoTicketInput
): Promise<void> {
  const { tenants: demoTenants, ids } = demo;
  const rooms = store.collection<RoomDoc>(ResourceCollections.rooms);
  const tickets = store.collection<TicketDoc>(TicketCollections.tickets);
  for (const t of demoTenants) {
    if (!t.rooms) continue;
    const tenantId = ids.tenant(t.key);
    const admin = t.users.find((u) => u.globalAdmin) ?? t.users[0]!;
    const adminActor: Actor = { id: ids.user(t.key, admin.key), tenantId, name: admin.displayName };
    const signalActor: Actor = { id: 'signal-ingest', tenantId, name: 'Signal ingestion' };
    for (const [n, plan] of PLAN.entries()) {
      const room = await rooms.findOne({ tenantId, _id: ids.room(t.key, plan.room) });
      if (!room) continue; // smaller customers have fewer rooms
      const id = demoId(`ticket:${t.key}:${n}`);
      const createdAt = new Date(now.getTime() - plan.ageHours * 3600_000);
      const later = (h: number) => new Date(createdAt.getTime() + h * 3600_000);
      const bySignal = plan.type !== 'customerReported';
      const creator = bySignal ? signalActor : adminActor;
      const history: TicketHistoryEntry[] = [
        { at: createdAt, actor: creator, action: 'created', to: 'Open' },
      ];
      const path: TicketStatus[] = ['Open', 'Acknowledged', 'InProgress', 'Resolved', 'Closed'];
      const steps = path.slice(1, path.indexOf(plan.status) + 1);
      steps.forEach((to, i) =>
        history.push({
          at: later(i + 1),
          actor: to === 'Resolved' && bySignal ? signalActor : adminActor,
          action: to === 'Closed' ? 'closed' : 'status',
          from: path[i]!,
          to,
        })
      );
      const note =
        plan.note && t.key === 'contoso'
          ? {
              id: demoId(`note:${t.key}:${n}`),
              author: {
                id: ids.user(plan.note.tenant, plan.note.user),
                tenantId: ids.tenant(plan.note.tenant),
                name: plan.note.name,
              },
              text: plan.note.text,
              at: later(0.5),
            }
          : {
              id: demoId(`note:${t.key}:${n}`),
              author: adminActor,
              text: 'Checked remotely; following up with the site.',
              at: later(0.5),
            };
      history.push({ at: note.at, actor: note.author, action: 'note', detail: note.id });
      const ticket: Ticket = {
        id,
        tenantId,
        roomId: room._id,
        roomName: room.displayName,
        roomGroupIds: room.groupIds,
        severity: bySignal ? DEFAULT_SEVERITY[plan.type as SignalType] : 'Warning',
        type: plan.type,
        status: plan.status,
        source: bySignal ? 'signal' : 'customer',
        title: plan.title ?? `${SIGNAL_TITLES[plan.type as SignalType]} — ${room.displayName}`,
        description: bySignal ? 'Raised by the room health monitor.' : 'Reported by the site team.',
        highImpact: false,
        ...(bySignal
          ? {
              signal: {
                type: plan.type as SignalType,
                count: 1 + (n % 4),
                firstSeenAt: createdAt,
                lastSeenAt: later(1),
              },
            }
          : {}),
        ...(plan.status === 'Closed'
          ? { closeReason: 'Resolved' as const, closedAt: later(steps.length) }
          : {}),
        ...(plan.status === 'Resolved' ? { resolvedAt: later(steps.length) } : {}),
        notes: [note],
        history,
        version: history.length,
        createdAt,
        updatedAt: history[history.length - 1]!.at,
      };
      const key =
        plan.status === 'Closed'
          ? releasedSignalKey(id)
          : bySignal
            ? liveSignalKey(room._id, plan.type as SignalType)
            : ownKey(id);
      try {
        await tickets.insertOne(toTicketDoc(ticket, key));
      } catch (e) {
        // Already seeded, or a live ticket for this (room, signal) exists (e.g. from the simulator).
        if (!isDuplicateKeyError(e)) throw e;
      }
    }
    // Room health follows the open tickets (as after any ticket change).
    for (const room of await rooms.find({ tenantId }, { projection: { _id: 1 } }).toArray()) {
      await refreshRoomHealth(store, tenantId, room._id);
    }
  }
}
