/**
 * Store adapters for the ticket use cases: tickets, the rooms they refer to, tenant names. Reads
 * always combine the engine's visibility filter with the user's criteria in one query.
 */
import type {
  BatchWrite,
  BatchWriteResult,
  DocCollection,
  Filter,
  ObservedBatchWrite,
  Projection,
  Store,
  UpdateResult,
} from '../store/types.ts';
import { isDuplicateKeyError, observed } from '../store/types.ts';
import {
  buildGrants,
  roomFilterAcrossCustomers,
  type GrantsCaller,
  type RelationshipGrantInput,
  type RoomFilter,
} from '../core/authz/engine.ts';
import type { RoomScope } from '../core/partners/model.ts';
import { TICKET_FIELDS } from '../core/tickets/tickets.use-cases.ts';
import { counted } from '../core/tickets/signals.use-cases.ts';
import {
  ACTIVE_STATUSES,
  NOTES_PER_TICKET_MAX,
  releasedSignalKey,
  type Ticket,
} from '../core/tickets/ticket.model.ts';
import {
  HEALTHIER,
  healthChange,
  healthEffect,
  healthOf,
  isLive,
  type TicketHealth,
} from '../core/tickets/room-health.rules.ts';
import type {
  PageRequest,
  PageResult,
  TicketChange,
  TicketCriteria,
  TicketExpectation,
  NoteTarget,
  SignalSeen,
  TicketHead,
  TicketRepository,
  TicketRoom,
  TicketRoomCatalog,
  TicketBrief,
  TicketSummary,
  TicketUpdateOptions,
  TicketWriteOptions,
} from '../core/tickets/tickets.ports.ts';
import type { RoomHealth } from '../core/resources/resources.model.ts';
import { auditWrites } from './foundation.repositories.ts';
import { findPage } from './pagination.ts';
import { StoreRoomRepository } from './rooms.repository.ts';
import type { StoreTenantRepository } from './foundation.repositories.ts';
import { TicketCollections, type TicketDoc } from './tickets.collections.ts';

const DAY_MS = 24 * 3600 * 1000;

export const toTicket = ({ _id, signalKey: _key, ...rest }: TicketDoc): Ticket => ({
  id: _id,
  ...rest,
});

/** The update counting one more raised signal (see `counted` in the signals use cases). */
const countUpdate = (seen: SignalSeen) => ({
  $inc: { 'signal.count': 1 },
  $max: { 'signal.lastSeenAt': seen.observedAt },
  ...(seen.detail ? { $set: { 'signal.detail': seen.detail } } : {}),
});

/** `change` applied to `from` (the whole ticket, or its head), as updateIf writes it. */
function changed<T extends TicketHead>(from: T, change: TicketChange): T {
  const next: T & Partial<Ticket> = {
    ...counted(from, change.counted),
    ...change.set,
    updatedAt: change.at,
    version: from.version + 1,
  };
  if (next.history) next.history = [...next.history, ...change.history];
  if (next.notes && change.note) next.notes = [...next.notes, change.note];
  for (const field of change.unset ?? []) delete next[field];
  return next;
}

/** What a list reads of a ticket (TicketBrief): no description or history, the last note. */
const BRIEF_FIELDS = [
  'tenantId',
  'roomId',
  'roomName',
  'severity',
  'type',
  'status',
  'source',
  'title',
  'highImpact',
  'signal',
  'closeReason',
  'assignee',
  'version',
  'createdAt',
  'updatedAt',
  'closedAt',
  'resolvedAt',
] as const satisfies readonly (keyof TicketDoc)[];
type BriefField = (typeof BRIEF_FIELDS)[number];
/** What a list reads; frozen: the store checks and derives it once, not on every page. */
export const TICKET_BRIEF_PROJECTION: Projection = Object.freeze({
  ...Object.fromEntries(BRIEF_FIELDS.map((f) => [f, 1])),
  notes: Object.freeze({ $slice: -1 }),
});

/** Every field of a ticket but its notes and history (a compile error if one is left out). */
const HEAD_FIELDS = [...BRIEF_FIELDS, 'description', 'roomGroupIds'] as const;
const headComplete: [Exclude<keyof TicketHead, 'id' | (typeof HEAD_FIELDS)[number]>] extends [never]
  ? true
  : never = true;

/**
 * What a note is decided from: no history, and of the notes only the one past the limit, if any
 * (a ticket's notes and history grow with it; this read does not).
 */
const NOTE_TARGET: Projection =
  headComplete &&
  // Frozen through: the embedded store then checks it once, not on every note.
  Object.freeze({
    ...Object.fromEntries(HEAD_FIELDS.map((f) => [f, 1])),
    notes: Object.freeze({
      $slice: Object.freeze([NOTES_PER_TICKET_MAX - 1, 1]) as [number, number],
    }),
  });

/**
 * A list item from its projected document (a copy the store made for this read), field by field:
 * a rest-and-spread copy costs several times more, on every item of every page. The optional
 * fields are set only when stored, as the spread did.
 */
function toTicketBrief(d: Pick<TicketDoc, '_id' | 'notes' | BriefField>): TicketBrief {
  const brief: TicketBrief = {
    id: d._id,
    tenantId: d.tenantId,
    roomId: d.roomId,
    roomName: d.roomName,
    severity: d.severity,
    type: d.type,
    status: d.status,
    source: d.source,
    title: d.title,
    highImpact: d.highImpact,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  if (d.signal !== undefined) brief.signal = d.signal;
  if (d.closeReason !== undefined) brief.closeReason = d.closeReason;
  if (d.assignee !== undefined) brief.assignee = d.assignee;
  if (d.closedAt !== undefined) brief.closedAt = d.closedAt;
  if (d.resolvedAt !== undefined) brief.resolvedAt = d.resolvedAt;
  const latest = d.notes?.[0];
  if (latest) brief.latestNote = latest;
  return brief;
}

export const toTicketDoc = ({ id, ...rest }: Ticket, signalKey: string): TicketDoc => ({
  _id: id,
  ...rest,
  signalKey,
});

/** The user's list criteria as a filter (the visibility filter is ANDed separately). */
export function criteriaFilter(c: TicketCriteria): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (c.severity) f.severity = c.severity;
  if (c.status) f.status = c.status;
  if (c.type) f.type = c.type;
  if (c.roomId) f.roomId = c.roomId;
  if (c.statusIn)
    f.status = c.status ? { $eq: c.status, $in: [...c.statusIn] } : { $in: [...c.statusIn] };
  if (c.assigneeId) f['assignee.id'] = c.assigneeId;
  else if (c.notAssigneeId) f['assignee.id'] = { $ne: c.notAssigneeId };
  if (c.from || c.to) {
    f.createdAt = { ...(c.from ? { $gte: c.from } : {}), ...(c.to ? { $lt: c.to } : {}) };
  }
  return f;
}

/** Newest first; `_id` breaks ties so the cursor is exact. */
export const TICKET_SORT = [
  ['createdAt', -1],
  ['_id', -1],
] as const;

/**
 * What a ticket write stores with the change, after it (on a MongoDB without transactions the
 * change, which may be unmet, goes first): its audit records, then the watchers' side writes,
 * which are store batch writes (TicketEvents.writesWith in the composition's watchers).
 */
function withChange(options: TicketWriteOptions): {
  writes: BatchWrite[];
  /** Tells each side write that wants it its result (`results`: the whole batch's, in order). */
  told(results: readonly BatchWriteResult[]): void;
} {
  const side = observed((options.sideWrites ?? []) as readonly ObservedBatchWrite[]);
  return { writes: [...auditWrites(options.audit), ...side.writes], told: side.told };
}

export class StoreTicketRepository implements TicketRepository {
  private readonly coll: DocCollection<TicketDoc>;
  constructor(
    private readonly store: Store,
    /** The rooms collection's repository (the composition root shares one). */
    private readonly rooms: StoreRoomRepository
  ) {
    this.coll = store.collection<TicketDoc>(TicketCollections.tickets);
  }

  async page(
    visible: RoomFilter,
    criteria: TicketCriteria,
    page: PageRequest
  ): Promise<PageResult<Ticket>> {
    const r = await findPage(this.coll, this.listFilter(visible, criteria), TICKET_SORT, page);
    return { ...r, items: r.items.map(toTicket) };
  }

  /** The visibility filter ANDed with the user's criteria. */
  private listFilter(visible: RoomFilter, criteria: TicketCriteria): Filter<TicketDoc> {
    const extra = criteriaFilter(criteria);
    return (
      Object.keys(extra).length === 0 ? visible : { $and: [visible, extra] }
    ) as Filter<TicketDoc>;
  }

  async briefs(
    visible: RoomFilter,
    criteria: TicketCriteria,
    page: PageRequest
  ): Promise<PageResult<TicketBrief>> {
    const filter = this.listFilter(visible, criteria);
    const r = await findPage(this.coll, filter, TICKET_SORT, page, TICKET_BRIEF_PROJECTION);
    return { ...r, items: r.items.map(toTicketBrief) };
  }

  async get(tenantId: string, id: string): Promise<Ticket | null> {
    const doc = await this.coll.findOne({ tenantId, _id: id });
    return doc && toTicket(doc);
  }

  async noteTarget(tenantId: string, id: string): Promise<NoteTarget | null> {
    const doc = await this.coll.findOne({ tenantId, _id: id }, { projection: NOTE_TARGET });
    if (!doc) return null;
    const { notes, ...head } = toTicket(doc);
    return { ...head, notesFull: (notes ?? []).length > 0 };
  }

  /**
   * The ticket, its room's health, its audit records and side writes in one write; with them, the
   * room is marked if its groups are no longer those the ticket copied (see catchUpRoomGroups).
   */
  async insert(
    ticket: Ticket,
    signalKey: string,
    options: TicketWriteOptions = {}
  ): Promise<boolean> {
    const { tenantId, roomId } = ticket;
    const writes: BatchWrite[] = [
      {
        collection: this.coll.collectionName,
        insertOne: { document: toTicketDoc(ticket, signalKey) },
      },
      StoreRoomRepository.markIfGroupsLeftWrite(tenantId, roomId, ticket.roomGroupIds),
    ];
    // A new live ticket can only make its room less healthy: no need to look at the others.
    if (isLive(ticket.status))
      writes.push(raiseRoomHealthWrite(tenantId, roomId, healthOf(ticket)));
    const rest = withChange(options);
    let results: BatchWriteResult[] | null;
    try {
      results = await this.store.writeBatch([...writes, ...rest.writes]);
      if (results) rest.told(results);
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
    if ((results?.[1] as UpdateResult | undefined)?.matchedCount)
      await this.catchUpRoomGroups(ticket);
    return true;
  }

  /**
   * The ticket copied its room's groups when the room was read, and they changed since: the
   * room's own write may have synced its tickets before this one was written, so its tickets
   * follow the room's groups now. The ticket's write marked the room, so a crash before this
   * leaves the mark, and the next start finishes it (resumeRoomGroupSyncs).
   */
  private async catchUpRoomGroups(ticket: Ticket): Promise<void> {
    await this.followRoomAsItIs(ticket.tenantId, ticket.roomId);
  }

  /**
   * The room's tickets follow its groups as they are now: read, then written only while the room
   * still has them (a change in between syncs them itself; they are read again).
   */
  private async followRoomAsItIs(tenantId: string, roomId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const room = await this.rooms.get(tenantId, roomId);
      if (!room) return;
      const writes = StoreRoomRepository.ticketsFollowWrites(tenantId, roomId, room.groupIds, true);
      if (await this.store.writeBatch(writes)) return;
    }
    // Changing all along: each change syncs its tickets itself.
  }

  /**
   * The change, its audit records, its side writes and the room's health in one write. Without
   * the change's starting point (`from`), the ticket is read first and changed at the version read
   * (read again if another change came first); only after several such losses in a row does the
   * room's health follow in a second write.
   */
  async updateIf<T extends TicketHead = Ticket>(
    tenantId: string,
    id: string,
    expect: TicketExpectation,
    change: TicketChange,
    options: TicketUpdateOptions<T> = {}
  ): Promise<T | null> {
    const filter: Record<string, unknown> = { tenantId, _id: id };
    if (expect.version !== undefined) filter.version = expect.version;
    if (expect.signalCount !== undefined) filter['signal.count'] = expect.signalCount;
    if (expect.statusIn) filter.status = { $in: [...expect.statusIn] };
    if (expect.severity) filter.severity = expect.severity;
    const set: Record<string, unknown> = { ...change.set, updatedAt: change.at };
    const update: Record<string, unknown> = {
      $set: set,
      $inc: { version: 1 },
      $push: {
        history: { $each: change.history },
        ...(change.note ? { notes: change.note } : {}),
      },
    };
    if (change.releaseSignalKey) set.signalKey = releasedSignalKey(id);
    if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map((k) => [k, '']));
    if (change.counted) {
      const count = countUpdate(change.counted);
      Object.assign(set, count.$set);
      update.$inc = { ...count.$inc, version: 1 };
      update.$max = count.$max;
    }
    const from = options.from && expect.version === options.from.version ? options.from : undefined;
    const rest = withChange(options);
    if (!from) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const doc = await this.coll.findOne(filter as Filter<TicketDoc>);
        if (!doc) return null;
        const current = toTicket(doc);
        const at = {
          ...expect,
          version: current.version,
          ...(expect.signalCount !== undefined ? { signalCount: current.signal?.count } : {}),
        };
        const done = await this.updateIf(tenantId, id, at, change, { ...options, from: current });
        // Without `from` T is Ticket (see the port).
        if (done) return done as unknown as T;
      }
      const results = await this.store.writeBatch([
        {
          collection: this.coll.collectionName,
          findOneAndUpdate: { filter, update, returnDocument: 'after', required: true },
        },
        ...rest.writes,
      ]);
      if (!results) return null;
      rest.told(results);
      const doc = (results[0] as { document: TicketDoc }).document;
      await this.followRoomHealth(doc, change);
      // Without `from` (or at another version) T is Ticket (see the port).
      return toTicket(doc) as unknown as T;
    }
    // The stored ticket is `from` (its version matched), so the result is known without reading
    // it back, and the room's health goes in the same write.
    const health = await this.plannedRoomHealth(from, change);
    const done = await this.store.writeBatch([
      { collection: this.coll.collectionName, updateOne: { filter, update, required: true } },
      ...(health.write ? [health.write] : []),
      ...rest.writes,
    ]);
    if (!done) return null;
    rest.told(done);
    if (health.derived !== undefined) {
      // Another ticket of the room may have changed since its tickets were read: the last
      // change to look sees every committed one, and corrects the room if it must.
      const now = await roomHealthFromTickets(this.store, tenantId, from.roomId);
      if (now !== health.derived)
        await this.store.writeBatch([deriveRoomHealthWrite(tenantId, from.roomId, now)]);
    }
    return changed(from, change);
  }

  /**
   * The room-health write that goes with `change` applied to `from` (the rule: healthChange in
   * room-health.rules.ts): none, a raise to the ticket's health, or the health derived from the
   * room's open tickets as they will be (at most two single-document reads, never the room's
   * whole list).
   */
  private async plannedRoomHealth(
    from: TicketHead,
    change: TicketChange
  ): Promise<{ write?: BatchWrite; derived?: RoomHealth }> {
    const after = {
      status: change.set.status ?? from.status,
      severity: change.set.severity ?? from.severity,
      source: from.source,
    };
    const effect = healthChange(from, after);
    if (effect === 'none') return {};
    if (effect === 'raise')
      return { write: raiseRoomHealthWrite(from.tenantId, from.roomId, healthOf(after)) };
    // Only a live Warning (or nothing) is left of this ticket: the others decide the rest.
    const others = await roomHealthFromTickets(this.store, from.tenantId, from.roomId, from.id);
    const derived = others === 'Healthy' && isLive(after.status) ? 'Warning' : others;
    return { write: deriveRoomHealthWrite(from.tenantId, from.roomId, derived), derived };
  }

  /** Keeps the room's health in step with a changed ticket (the rule: room-health.rules.ts). */
  private async followRoomHealth(doc: TicketDoc, change: TicketChange): Promise<void> {
    const effect = healthEffect(doc, change.set);
    if (effect === 'derive') await refreshRoomHealth(this.store, doc.tenantId, doc.roomId);
    else if (effect === 'raise')
      await raiseRoomHealth(this.store, doc.tenantId, doc.roomId, healthOf(doc));
  }

  /** The count (first: it may be unmet), its audit records and side writes in one write. */
  async countSignal(
    from: Ticket,
    seen: SignalSeen,
    options: TicketWriteOptions = {}
  ): Promise<Ticket | null> {
    const rest = withChange(options);
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        findOneAndUpdate: {
          // At the version and the count read: the cards' bump names the count this write gives.
          filter: {
            tenantId: from.tenantId,
            _id: from.id,
            version: from.version,
            ...(from.signal ? { 'signal.count': from.signal.count } : {}),
          },
          update: countUpdate(seen),
          returnDocument: 'after',
          required: true,
        },
      },
      ...rest.writes,
    ]);
    if (results) rest.told(results);
    const doc = results && (results[0] as { document: TicketDoc | null }).document;
    return doc && toTicket(doc);
  }

  async findLive(tenantId: string, signalKey: string): Promise<Ticket | null> {
    const doc = await this.coll.findOne({ tenantId, signalKey });
    return doc && toTicket(doc);
  }

  async summary(visible: RoomFilter, now: Date): Promise<TicketSummary> {
    const open = { $and: [visible, { status: { $in: [...ACTIVE_STATUSES] } }] };
    const grouped = await this.coll
      .aggregate<{ _id: { severity: string; type: string }; n: number }>([
        { $match: open },
        { $group: { _id: { severity: '$severity', type: '$type' }, n: { $sum: 1 } } },
      ])
      .toArray();
    const openBySeverity: Record<string, number> = {};
    const openByType: Record<string, number> = {};
    for (const g of grouped) {
      openBySeverity[g._id.severity] = (openBySeverity[g._id.severity] ?? 0) + g.n;
      openByType[g._id.type] = (openByType[g._id.type] ?? 0) + g.n;
    }
    const since = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const count = (field: 'createdAt' | 'closedAt', days: number) =>
      this.coll.countDocuments({
        $and: [visible, { [field]: { $gte: since(days) } }],
      } as Filter<TicketDoc>);
    const [o7, o30, c7, c30] = await Promise.all([
      count('createdAt', 7),
      count('createdAt', 30),
      count('closedAt', 7),
      count('closedAt', 30),
    ]);
    return {
      openBySeverity,
      openByType,
      opened: { last7Days: o7, last30Days: o30 },
      closed: { last7Days: c7, last30Days: c30 },
    };
  }

  async syncRoomGroups(
    tenantId: string,
    roomId: string,
    groupIds: readonly string[]
  ): Promise<number> {
    const r = await this.coll.updateMany(
      { tenantId, roomId },
      { $set: { roomGroupIds: [...groupIds] } }
    );
    return r.modifiedCount;
  }

  /**
   * At start-up: finishes the ticket syncs a crash interrupted (rooms still marked pending), so
   * no ticket stays visible to a scope its room has left. Idempotent: each room is synced to its
   * groups as they are and unmarked in one write, so a crash part-way leaves the rooms not yet
   * done marked, for the next start. Returns how many rooms were synced.
   */
  async resumeRoomGroupSyncs(): Promise<number> {
    const pending = await this.rooms.pendingTicketSyncs();
    for (const r of pending) await this.followRoomAsItIs(r.tenantId, r.roomId);
    return pending.length;
  }
}

/**
 * Prepares the newest-first incident views after a start: a sort + limit query per tenant with
 * tickets, so the embedded store builds each tenant's sorted run now rather than on a user's first
 * aggregate page (nothing to build when its snapshot brought the runs back), then the aggregate
 * page's own code (exerciseAggregatePages: a fixed cost). One tenant at a time, yielding
 * to requests in between (a single query over every tenant would hold the event loop for seconds
 * at a million tickets); `shouldStop` ends it early. Harmless on MongoDB (indexed queries).
 * Returns the number of tenants covered.
 */
export async function warmIncidentViews(
  store: Store,
  tenants: Pick<StoreTenantRepository, 'ids'>,
  shouldStop: () => boolean = () => false
): Promise<number> {
  const tenantIds = await tenants.ids();
  const tickets = store.collection<TicketDoc>(TicketCollections.tickets);
  let covered = 0;
  for (const tenantId of tenantIds) {
    if (shouldStop()) break;
    await tickets.find({ tenantId }, { sort: Object.fromEntries(TICKET_SORT), limit: 1 }).toArray();
    covered++;
    await yieldToRequests();
  }
  // Last, so the code V8 optimizes for the aggregate page is what ran most recently.
  await exerciseAggregatePages(store, tenantIds, shouldStop);
  return covered;
}

const yieldToRequests = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Tenants and pages of the start-up exercise of the aggregate page: a fixed cost. */
const EXERCISE_TENANTS = 256;
const EXERCISE_PAGES = 16;
/**
 * Every few pages a pause of a few milliseconds: V8 optimizes hot code on background threads, and
 * on a busy machine the first real page would otherwise run before that code is ready.
 */
const EXERCISE_PAUSE_EVERY = 4;
const EXERCISE_PAUSE_MS = 20;
const pause = (): Promise<void> =>
  new Promise<void>((resolve) => setTimeout(resolve, EXERCISE_PAUSE_MS));

/**
 * JIT warm-up of exactly the code a user's first aggregate incidents page runs, at a fixed cost
 * whatever the data (at most EXERCISE_TENANTS tenants, EXERCISE_PAGES pages): each page is a new
 * caller's (new grants: a Primary admin of those tenants under relationship scopes of every kind
 * the engine turns into filters: see exerciseScope), so the engine derives its
 * filter across customers and the store plans it, merges the tenants' runs and projects the list
 * fields, as on a first page after a start. Otherwise V8 compiles that code during the first
 * page (milliseconds at a thousand customers). The scopes name rooms and groups of each tenant's
 * newest ticket, so every page stops after a few documents per tenant. Reads only; returns the
 * pages served and their items (nothing else is done with them).
 */
export async function exerciseAggregatePages(
  store: Store,
  tenantIds: readonly string[],
  shouldStop: () => boolean = () => false
): Promise<{ pages: number; items: number }> {
  const done = { pages: 0, items: 0 };
  const tickets = store.collection<TicketDoc>(TicketCollections.tickets);
  const newest: { tenantId: string; roomId: string; groupId?: string }[] = [];
  for (const tenantId of tenantIds.slice(0, EXERCISE_TENANTS)) {
    if (shouldStop()) return done;
    const [t] = await tickets
      .find(
        { tenantId },
        { sort: Object.fromEntries(TICKET_SORT), limit: 1, projection: EXERCISE_PROJECTION }
      )
      .toArray();
    if (t) newest.push({ tenantId, roomId: t.roomId, groupId: t.roomGroupIds?.[0] });
  }
  if (newest.length === 0) return done;
  const repo = new StoreTicketRepository(store, new StoreRoomRepository(store));
  for (let round = 0; round < EXERCISE_PAGES; round++) {
    if (shouldStop()) return done;
    await yieldToRequests();
    if (round > 0 && round % EXERCISE_PAUSE_EVERY === 0) await pause();
    const relationships = newest.map(
      ({ tenantId, roomId, groupId }, i): RelationshipGrantInput => ({
        id: `warm-up-${round}-${i}`,
        customerTenantId: tenantId,
        partnerTenantId: EXERCISE_CALLER.tenantId,
        state: 'active',
        scope: exerciseScope((i + round) % EXERCISE_SCOPE_KINDS, roomId, groupId),
        primaryAdmins: [{ type: 'user', id: EXERCISE_CALLER.userId }],
        primaryAdminsRoleDeleted: false,
      })
    );
    const grants = buildGrants(EXERCISE_CALLER, { relationships, roles: [], assignments: [] });
    const visible = roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS);
    if (!visible) continue;
    const page = await repo.briefs(visible, {}, { limit: EXERCISE_PAGE_SIZE });
    done.pages++;
    done.items += page.items.length;
  }
  await pause();
  return done;
}

/** How many shapes of scope exerciseScope makes. */
const EXERCISE_SCOPE_KINDS = 6;
const EXERCISE_PROJECTION: Projection = Object.freeze({ roomId: 1, roomGroupIds: 1 });
/** A page as the Incidents page asks for it. */
const EXERCISE_PAGE_SIZE = 50;
/** A caller no real one can be (the grants are built here and never stored). */
const EXERCISE_CALLER: GrantsCaller = Object.freeze({
  tenantId: '\u0000warm-up',
  userId: '\u0000warm-up',
  groupIds: new Set<string>(),
  isGlobalAdmin: false,
  isRoomsProManager: false,
});

/**
 * The relationship scope of one tenant in one exercise page, of every shape the engine writes as a
 * filter: all rooms; one room group or one room (an equality); several rooms or groups (`$in`,
 * sorted as the engine sorts them); rooms and groups (an `$or` of both). The newest ticket's room
 * and group are among them, so each page stops after a few documents per tenant; the other ids
 * name no room.
 */
function exerciseScope(kind: number, roomId: string, groupId: string | undefined): RoomScope {
  const others = (id: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${id}\u0000warm-up-${i}`);
  if (kind === 0 || groupId === undefined) {
    return kind % 2 === 0
      ? { allRooms: true, roomIds: [], roomGroupIds: [] }
      : { allRooms: false, roomIds: [roomId, ...others(roomId, kind)], roomGroupIds: [] };
  }
  switch (kind) {
    case 1:
      return { allRooms: false, roomIds: [], roomGroupIds: [groupId] };
    case 2:
      return { allRooms: false, roomIds: [roomId], roomGroupIds: [] };
    case 3:
      return { allRooms: false, roomIds: [...others(roomId, 4), roomId], roomGroupIds: [] };
    case 4:
      return { allRooms: false, roomIds: [], roomGroupIds: [...others(groupId, 2), groupId] };
    default:
      return { allRooms: false, roomIds: [roomId, ...others(roomId, 1)], roomGroupIds: [groupId] };
  }
}

/**
 * A live ticket of health `health` in the room: the room is at least that unhealthy. The same
 * result as refreshRoomHealth when the room's health was right before, without reading tickets.
 */
export async function raiseRoomHealth(
  store: Store,
  tenantId: string,
  roomId: string,
  health: TicketHealth
): Promise<void> {
  await store.writeBatch([raiseRoomHealthWrite(tenantId, roomId, health)]);
}

/** The write of raiseRoomHealth (a room that is already as unhealthy is left alone). */
function raiseRoomHealthWrite(tenantId: string, roomId: string, health: TicketHealth): BatchWrite {
  return StoreRoomRepository.raiseHealthWrite(tenantId, roomId, health, HEALTHIER[health]);
}

/** Writes `health` as a room's health, unless the room is Offline (that stays). */
function deriveRoomHealthWrite(tenantId: string, roomId: string, health: RoomHealth): BatchWrite {
  return StoreRoomRepository.setHealthWrite(tenantId, roomId, health);
}

/**
 * The health a room's open tickets give it (healthFromOpenTickets), but for ticket `except`:
 * one indexed read for an Important one, and only without one a read for any, each stopping at
 * the first match, so a room with many open tickets costs what a room with one does.
 */
async function roomHealthFromTickets(
  store: Store,
  tenantId: string,
  roomId: string,
  except?: string
): Promise<RoomHealth> {
  const tickets = store.collection<TicketDoc>(TicketCollections.tickets);
  const open: Filter<TicketDoc> = {
    tenantId,
    roomId,
    status: { $in: [...ACTIVE_STATUSES] },
    ...(except === undefined ? {} : { _id: { $ne: except } }),
  };
  const idOnly = { projection: { _id: 1 as const } };
  // healthOf: Important severity or a recorded issue.
  const important = { ...open, $or: [{ severity: 'Important' }, { source: 'customer' }] };
  if (await tickets.findOne(important as Filter<TicketDoc>, idOnly)) return 'Important';
  return (await tickets.findOne(open, idOnly)) ? 'Warning' : 'Healthy';
}

/**
 * Writes a room's health as its open tickets make it (healthFromOpenTickets); an Offline room
 * stays Offline.
 */
export async function refreshRoomHealth(
  store: Store,
  tenantId: string,
  roomId: string
): Promise<void> {
  const health = await roomHealthFromTickets(store, tenantId, roomId);
  await store.writeBatch([deriveRoomHealthWrite(tenantId, roomId, health)]);
}

/** The rooms as the ticket use cases read them, through the rooms collection's repository. */
export const ticketRoomCatalogOver = (rooms: StoreRoomRepository): TicketRoomCatalog => ({
  async get(tenantId, roomId): Promise<TicketRoom | null> {
    const r = await rooms.get(tenantId, roomId);
    return (
      r && {
        id: r.id,
        tenantId: r.tenantId,
        displayName: r.displayName,
        site: r.site,
        groupIds: r.groupIds ?? [],
        health: r.health,
      }
    );
  },
  healthCounts: (visible) => rooms.healthCounts(visible),
});
