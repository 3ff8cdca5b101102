/**
 * Signal ingestion (PRODUCT.md §4.12): room health signals become incidents. One live ticket per
 * (room, signal type): a repeat while it lives only counts; Warning → Important escalates it (with
 * history) and a signal never lowers it; a recurrence reopens a Resolved ticket; 'cleared'
 * resolves it. People do not close a signal's ticket (only recorded issues are closed), so it is
 * the signal's one ticket for life. Concurrency: the live key is unique in the store, so parallel
 * identical signals create exactly one ticket; a signal's effect is decided from the live ticket
 * and written only at its version (read again if another change came first), so the change, its
 * audit record and its alert job (of the version the change gives the ticket) are one write.
 */
import { audited, type AuditTrail } from '../audit/audited.ts';
import { decide, ingestKeyGrants } from '../authz/engine.ts';
import {
  SIGNAL_ACTOR_ID,
  clearResolves,
  liveSignalKey,
  raisedEffect,
  type Actor,
  type Signal,
  type Ticket,
} from './ticket.model.ts';
import { concurrentUpdate, signalRoomNotFound, signalTenantMismatch } from './tickets.errors.ts';
import type {
  SignalSeen,
  TicketChange,
  TicketEventKind,
  TicketRoom,
  TicketStamp,
  TicketWriteOptions,
  TicketsDeps,
} from './tickets.ports.ts';
import { notifyTicketChanged, sideWritesOf } from './tickets.use-cases.ts';

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
    const room = await deps.rooms.get(signal.tenantId, signal.roomId);
    if (!room) throw signalRoomNotFound();
    const done =
      signal.state === 'raised'
        ? await raise(signal, room, deps, trail)
        : await clear(signal, room, deps, trail);
    if (done.outcome === 'ignored') trail.skip();
    return done;
  });
  // After the audit record: the change is committed and recorded before anyone is told.
  if (result.outcome !== 'ignored' && result.ticket) {
    await notifyTicketChanged(deps, result.ticket, EVENT_OF[result.outcome], result.stored);
  }
  return { outcome: result.outcome, ...(result.ticket ? { ticket: result.ticket } : {}) };
}

/** What a signal did, and whether its watchers' writes went with it. */
type Applied = SignalResult & { stored?: boolean };

/**
 * Writes the signal's change of `ticket` (a new one, or a new version of it) as `outcome`: the
 * change, its audit records (settled to name the ticket) and its watchers' writes (the alert job
 * of the version the change gives the ticket, known before the write) in one write. Null when it
 * wrote nothing (another change came first).
 */
async function commitSignal(
  signal: Signal,
  outcome: Exclude<SignalOutcome, 'ignored'>,
  after: TicketStamp,
  trail: AuditTrail,
  deps: SignalDeps,
  write: (options: TicketWriteOptions) => Promise<Ticket | null>
): Promise<Applied | null> {
  trail.settle({
    objectId: after.id,
    operation: outcome === 'created' ? 'Create' : 'Update',
    detail: `signal ${signal.type} ${signal.state}: ${outcome}`,
  });
  const sideWrites = sideWritesOf(deps, after, EVENT_OF[outcome]);
  const ticket = await trail.commit((audit) =>
    write({ audit, ...(sideWrites ? { sideWrites } : {}) })
  );
  return ticket && { outcome, ticket, stored: sideWrites !== undefined };
}

/**
 * A signal ticket's signal fields once `seen` is counted: one more, the latest sighting kept (as
 * the ticket store's count writes them).
 */
export function counted<T extends Pick<Ticket, 'signal'>>(
  from: T,
  seen: SignalSeen | undefined
): T {
  if (!seen || !from.signal) return from;
  const { count, lastSeenAt } = from.signal;
  const signal = {
    ...from.signal,
    count: count + 1,
    lastSeenAt: seen.observedAt > lastSeenAt ? seen.observedAt : lastSeenAt,
    ...(seen.detail ? { detail: seen.detail } : {}),
  };
  return { ...from, signal };
}

/**
 * What `live` will be stamped once the signal's write lands: its version moved on by a change,
 * `seen` counted (the cards' version reads both).
 */
const stampAfter = (live: Ticket, change: boolean, seen?: SignalSeen): TicketStamp => {
  const { id, tenantId, version, signal } = counted(live, seen);
  return { id, tenantId, version: version + (change ? 1 : 0), ...(signal ? { signal } : {}) };
};

/** Written only at the version and the signal count the effect was decided from. */
const asRead = (live: Ticket) => ({
  version: live.version,
  ...(live.signal ? { signalCount: live.signal.count } : {}),
});

async function raise(
  signal: Signal,
  room: TicketRoom,
  deps: SignalDeps,
  trail: AuditTrail
): Promise<Applied> {
  const key = liveSignalKey(room.id, signal.type);
  const actor = signalActor(signal.tenantId);
  const seen = {
    observedAt: signal.observedAt,
    ...(signal.detail ? { detail: signal.detail } : {}),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = await deps.tickets.findLive(signal.tenantId, key);
    const at = deps.now();
    if (!live) {
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
      const created = await commitSignal(signal, 'created', ticket, trail, deps, async (o) =>
        (await deps.tickets.insert(ticket, key, o)) ? ticket : null
      );
      if (created) return created;
      continue;
    }
    // Decided from the live ticket at its version, and written only at that version.
    const effect = raisedEffect(live, signal);
    if (!effect.escalate && !effect.reopen) {
      const after = stampAfter(live, false, seen);
      const repeated = await commitSignal(signal, 'repeated', after, trail, deps, (o) =>
        deps.tickets.countSignal(live, seen, o)
      );
      if (repeated) return repeated;
      continue;
    }
    const change: TicketChange = { set: {}, history: [], counted: seen, at };
    if (effect.escalate) {
      change.set.severity = 'Important';
      change.history.push({
        at,
        actor,
        action: 'severity',
        from: 'Warning',
        to: 'Important',
        detail: 'escalated by signal',
      });
    }
    if (effect.reopen) {
      change.set.status = 'Open';
      change.unset = ['resolvedAt'];
      change.history.push({
        at,
        actor,
        action: 'status',
        from: 'Resolved',
        to: 'Open',
        detail: 'signal recurred',
      });
    }
    const outcome = effect.reopen ? 'reopened' : 'escalated';
    const after = stampAfter(live, true, seen);
    const applied = await commitSignal(signal, outcome, after, trail, deps, (o) =>
      deps.tickets.updateIf(signal.tenantId, live.id, asRead(live), change, {
        ...o,
        from: live,
      })
    );
    if (applied) return applied;
  }
  throw concurrentUpdate();
}

async function clear(
  signal: Signal,
  room: TicketRoom,
  deps: SignalDeps,
  trail: AuditTrail
): Promise<Applied> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = await deps.tickets.findLive(signal.tenantId, liveSignalKey(room.id, signal.type));
    // Nothing live, or someone resolved or closed it already: the clear has nothing to do.
    if (!live || !clearResolves(live))
      return { outcome: 'ignored', ...(live ? { ticket: live } : {}) };
    const at = deps.now();
    const change: TicketChange = {
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
    };
    const after = stampAfter(live, true);
    const resolved = await commitSignal(signal, 'resolved', after, trail, deps, (o) =>
      deps.tickets.updateIf(signal.tenantId, live.id, asRead(live), change, {
        ...o,
        from: live,
      })
    );
    if (resolved) return resolved;
  }
  throw concurrentUpdate();
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
