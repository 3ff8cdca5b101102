/**
 * Signal ingestion (PRODUCT.md §4.12): room health signals become incidents. One live ticket per
 * (room, signal type): a repeat while it lives only counts; Warning → Important escalates it (with
 * history) and a signal never lowers it; a recurrence reopens a Resolved ticket; 'cleared'
 * resolves it. People do not close a signal's ticket (only recorded issues are closed), so it is
 * the signal's one ticket for life. Concurrency: the live key is unique in the store, so parallel
 * identical signals create exactly one ticket.
 */
import { audited } from '../audit/audited.ts';
import { decide, ingestKeyGrants } from '../authz/engine.ts';
import {
  ACTIVE_STATUSES,
  SIGNAL_ACTOR_ID,
  clearResolves,
  liveSignalKey,
  raisedEffect,
  type Actor,
  type Signal,
  type Ticket,
} from './ticket.model.ts';
import { concurrentUpdate, signalRoomNotFound, signalTenantMismatch } from './tickets.errors.ts';
import type { TicketEventKind, TicketsDeps } from './tickets.ports.ts';
import { notifyTicketChanged } from './tickets.use-cases.ts';

/** Who sent the signal: the tenant whose ingest key authenticated the request. */
export interface IngestSource {
  tenantId: string;
}

export type SignalOutcome =
  'created' | 'repeated' | 'escalated' | 'reopened' | 'resolved' | 'ignored';

export interface SignalResult {
  outcome: SignalOutcome;
  /** Absent when a 'cleared' signal found no live ticket. */
  ticket?: Ticket;
}

const signalActor = (tenantId: string): Actor => ({
  id: SIGNAL_ACTOR_ID,
  tenantId,
  name: 'Signal ingestion',
});

export type SignalDeps = Pick<
  TicketsDeps,
  'tickets' | 'rooms' | 'audit' | 'now' | 'newId' | 'events'
>;

/** What each outcome means to the ticket's watchers. */
const EVENT_OF: Record<Exclude<SignalOutcome, 'ignored'>, TicketEventKind> = {
  created: 'created',
  escalated: 'escalated',
  reopened: 'reopened',
  repeated: 'repeated',
  resolved: 'changed',
};

export async function ingestSignal(
  source: IngestSource,
  signal: Signal,
  deps: SignalDeps
): Promise<SignalResult> {
  // Recorded as the signal pipeline, in the log of the tenant the key belongs to; a refused
  // signal names its room, an accepted one the ticket it created or changed.
  const actor = { userId: SIGNAL_ACTOR_ID, tenantId: source.tenantId };
  const subject = {
    category: 'Ticket',
    objectType: 'Ticket',
    objectId: signal.roomId,
    operation: 'Update',
  } as const;
  const result = await audited(deps.audit, actor, subject, async (trail) => {
    const key = ingestKeyGrants(source.tenantId, SIGNAL_ACTOR_ID);
    const signalTenant = { customerTenantId: signal.tenantId };
    if (!decide(key, 'organisation.signals.ingest', signalTenant).allowed) {
      throw signalTenantMismatch();
    }
    const done = signal.state === 'raised' ? await raise(signal, deps) : await clear(signal, deps);
    if (done.outcome === 'ignored' || !done.ticket) trail.skip();
    else {
      trail.settle({
        objectId: done.ticket.id,
        operation: done.outcome === 'created' ? 'Create' : 'Update',
        detail: `signal ${signal.type} ${signal.state}: ${done.outcome}`,
      });
    }
    return done;
  });
  // After the audit record: the change is committed and recorded before anyone is told.
  if (result.outcome !== 'ignored' && result.ticket) {
    await notifyTicketChanged(deps, result.ticket, EVENT_OF[result.outcome]);
  }
  return result;
}

async function raise(signal: Signal, deps: SignalDeps): Promise<SignalResult> {
  const room = await deps.rooms.get(signal.tenantId, signal.roomId);
  if (!room) throw signalRoomNotFound();
  const key = liveSignalKey(room.id, signal.type);
  const actor = signalActor(signal.tenantId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = await deps.tickets.countSignal(
      signal.tenantId,
      key,
      signal.observedAt,
      signal.detail
    );
    if (!live) {
      const at = deps.now();
      const ticket: Ticket = {
        id: deps.newId(),
        tenantId: signal.tenantId,
        roomId: room.id,
        roomName: room.displayName,
        roomGroupIds: [...room.groupIds],
        severity: signal.severity,
        type: signal.type,
        status: 'Open',
        source: 'signal',
        title: `${SIGNAL_TITLES[signal.type]} — ${room.displayName}`,
        description: signal.detail ?? '',
        highImpact: false,
        signal: {
          type: signal.type,
          count: 1,
          firstSeenAt: signal.observedAt,
          lastSeenAt: signal.observedAt,
          ...(signal.detail ? { detail: signal.detail } : {}),
        },
        notes: [],
        history: [{ at, actor, action: 'created', to: 'Open', detail: signal.severity }],
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      // Lost the race to a parallel identical signal: count on the winner's ticket instead.
      if (await deps.tickets.insert(ticket, key)) return { outcome: 'created', ticket };
      continue;
    }
    const effect = raisedEffect(live, signal);
    let ticket = live;
    let outcome: SignalOutcome = 'repeated';
    const at = deps.now();
    if (effect.escalate) {
      const done = await deps.tickets.updateIf(
        signal.tenantId,
        live.id,
        { severity: 'Warning' },
        {
          set: { severity: 'Important' },
          history: [
            {
              at,
              actor,
              action: 'severity',
              from: 'Warning',
              to: 'Important',
              detail: 'escalated by signal',
            },
          ],
          at,
        }
      );
      if (done) [ticket, outcome] = [done, 'escalated'];
    }
    if (effect.reopen) {
      const done = await deps.tickets.updateIf(
        signal.tenantId,
        live.id,
        { statusIn: ['Resolved'] },
        {
          set: { status: 'Open' },
          unset: ['resolvedAt'],
          history: [
            {
              at,
              actor,
              action: 'status',
              from: 'Resolved',
              to: 'Open',
              detail: 'signal recurred',
            },
          ],
          at,
        }
      );
      if (done) [ticket, outcome] = [done, 'reopened'];
    }
    return { outcome, ticket };
  }
  throw concurrentUpdate();
}

async function clear(signal: Signal, deps: SignalDeps): Promise<SignalResult> {
  const room = await deps.rooms.get(signal.tenantId, signal.roomId);
  if (!room) throw signalRoomNotFound();
  const live = await deps.tickets.findLive(signal.tenantId, liveSignalKey(room.id, signal.type));
  if (!live || !clearResolves(live))
    return { outcome: 'ignored', ...(live ? { ticket: live } : {}) };
  const at = deps.now();
  const done = await deps.tickets.updateIf(
    signal.tenantId,
    live.id,
    { statusIn: ACTIVE_STATUSES },
    {
      set: { status: 'Resolved', resolvedAt: at },
      history: [
        {
          at,
          actor: signalActor(signal.tenantId),
          action: 'status',
          from: live.status,
          to: 'Resolved',
          detail: 'signal cleared',
        },
      ],
      at,
    }
  );
  // Someone resolved or closed it meanwhile: the clear has nothing left to do.
  return done ? { outcome: 'resolved', ticket: done } : { outcome: 'ignored', ticket: live };
}

/** The title of a signal's ticket (the tab shows its own translation of it). */
export const SIGNAL_TITLES: Record<Signal['type'], string> = {
  display: 'Front of room display disconnected',
  microphone: 'Conferencing microphone unhealthy',
  speaker: 'Conferencing speaker unhealthy',
  camera: 'Room camera unhealthy',
  hdmiIngest: 'HDMI ingest not working',
  signIn: 'Sign-in failed (Exchange / Teams)',
  proximitySensor: 'Proximity sensor unhealthy',
  appVersion: 'Teams Rooms app out of date',
  osVersion: 'Operating system out of date',
  network: 'Network quality degraded',
};
