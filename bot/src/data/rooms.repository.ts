/**
 * The rooms collection's repository. Room reads AND the caller's visibility filter with their own
 * conditions (never OR, never replace), so they can only narrow it; every query names the owning
 * tenant first.
 */
import type { BaseDoc, BatchWrite, DocCollection, Filter, Store, Update } from '../store/types.ts';
import type { RoomFilter, RoomRef } from '../core/authz/engine.ts';
import type { CustomerRoomCatalog, NamedRef } from '../core/partners/partners.ports.ts';
import type { EnrollmentKey, Room, RoomHealth } from '../core/resources/resources.model.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import type {
  PageRequest,
  PageResult,
  RoomChanges,
  RoomCriteria,
  RoomRepository,
} from '../core/resources/resources.ports.ts';
import { ResourceCollections, type RoomDoc } from './collections.ts';
import { findPageOf, sortOn } from './pagination.ts';
import { updatedOneWith } from './write-with-audit.ts';
import { auditWrites } from './foundation.repositories.ts';
import { StoreEnrollmentKeyRepository } from './enrollment-keys.repository.ts';
import { TicketCollections } from './tickets.collections.ts';
import { amongIds, namedAmong, unknownAmong } from './among-ids.ts';
import { containing } from './text-match.ts';
import type { StoreRoomGroupRepository } from './room-groups.repository.ts';

const toRoom = ({ _id, ...d }: RoomDoc): Room => ({ id: _id, ...d });

function criteriaFilter(c: RoomCriteria): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (c.health) f.health = c.health;
  if (c.site) f.site = c.site;
  if (c.country) f.country = c.country;
  if (c.groupId) f.groupIds = c.groupId;
  if (c.ringId) f.ringId = c.ringId;
  if (c.enrollment) f['enrollment.status'] = c.enrollment;
  if (c.search) f.displayName = containing(c.search);
  return f;
}

/** A room as stored, marked while its tickets have not followed a change of its groups yet. */
type SyncedRoomDoc = RoomDoc & { ticketSyncPending?: boolean };

/** The tenant's rooms the filter selects: `{tenantId} AND visible AND ...more`. */
const within = (tenantId: string, visible: RoomFilter, ...more: Record<string, unknown>[]) =>
  ({ $and: [{ tenantId }, visible, ...more] }) as Filter<RoomDoc>;

/**
 * The batch write updating the tenant's room `roomId` while it also matches `where`
 * (`required`: else the whole batch is unmet and writes nothing).
 */
const roomWrite = (
  tenantId: string,
  roomId: string,
  where: Record<string, unknown>,
  update: Update<BaseDoc>,
  required = false
): BatchWrite => ({
  collection: ResourceCollections.rooms,
  updateOne: { filter: { tenantId, _id: roomId, ...where }, update, required },
});

export class StoreRoomRepository implements RoomRepository {
  private readonly coll: DocCollection<SyncedRoomDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<SyncedRoomDoc>(ResourceCollections.rooms);
  }

  /**
   * The write raising a room to `health` when its health is now one of `healthier` (a room as
   * unhealthy already is left alone); it goes in one batch with the ticket's own write.
   */
  static raiseHealthWrite(
    tenantId: string,
    roomId: string,
    health: RoomHealth,
    healthier: readonly RoomHealth[]
  ): BatchWrite {
    return roomWrite(tenantId, roomId, { health: { $in: [...healthier] } }, { $set: { health } });
  }

  /** The write setting a room's health to `health`, unless the room is Offline (that stays). */
  static setHealthWrite(tenantId: string, roomId: string, health: RoomHealth): BatchWrite {
    return roomWrite(
      tenantId,
      roomId,
      { health: { $nin: ['Offline', health] } },
      { $set: { health } }
    );
  }

  /**
   * The writes making the room's tickets follow its groups `groupIds`: the tickets' copy of them,
   * then the room's mark cleared, unless its groups changed again meanwhile (that change's own
   * writes clear it). `whileRoomHas`: only while the room still has these groups (else the batch
   * is unmet and writes nothing). Idempotent: written again, they change nothing more.
   */
  static ticketsFollowWrites(
    tenantId: string,
    roomId: string,
    groupIds: readonly string[],
    whileRoomHas = false
  ): BatchWrite[] {
    return [
      {
        collection: TicketCollections.tickets,
        updateMany: {
          filter: { tenantId, roomId },
          update: { $set: { roomGroupIds: [...groupIds] } },
        },
      },
      roomWrite(
        tenantId,
        roomId,
        { groupIds: [...groupIds] },
        { $unset: { ticketSyncPending: '' } },
        whileRoomHas
      ),
    ];
  }

  /**
   * The write marking the room when its groups are no longer `groupIds` (what a ticket copied
   * from it), for the ticket's own write: its tickets then follow (at once, or at the next start
   * after a crash: StoreTicketRepository.resumeRoomGroupSyncs). Matches only then.
   */
  static markIfGroupsLeftWrite(
    tenantId: string,
    roomId: string,
    groupIds: readonly string[]
  ): BatchWrite {
    return roomWrite(
      tenantId,
      roomId,
      { groupIds: { $ne: [...groupIds] } },
      { $set: { ticketSyncPending: true } }
    );
  }

  /** The rooms still marked by `update` (their tickets' sync was interrupted), across tenants. */
  async pendingTicketSyncs(): Promise<{ tenantId: string; roomId: string; groupIds: string[] }[]> {
    const docs = await this.coll
      .find({ ticketSyncPending: true }, { projection: { tenantId: 1, groupIds: 1 } })
      .toArray();
    return docs.map((d) => ({ tenantId: d.tenantId, roomId: d._id, groupIds: d.groupIds }));
  }

  /** How many of the rooms `visible` selects (it names their tenants) are in each health. */
  async healthCounts(visible: RoomFilter): Promise<Record<string, number>> {
    const rows = await this.coll
      .aggregate<{ _id: string; n: number }>([
        { $match: visible },
        { $group: { _id: '$health', n: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }

  async page(
    tenantId: string,
    visible: RoomFilter,
    criteria: RoomCriteria,
    page: PageRequest
  ): Promise<PageResult<Room>> {
    const filter = within(tenantId, visible, criteriaFilter(criteria));
    return findPageOf(this.coll, filter, sortOn('displayName'), page, toRoom);
  }

  async get(tenantId: string, roomId: string): Promise<Room | null> {
    const d = await this.coll.findOne({ tenantId, _id: roomId });
    return d && toRoom(d);
  }

  async getMany(tenantId: string, roomIds: readonly string[]): Promise<Room[]> {
    return (await amongIds(this.coll, tenantId, roomIds, {})).map(toRoom);
  }

  /** The rooms among `ids` that exist in the tenant, with their groups (for authorization). */
  async refs(tenantId: string, ids: readonly string[]): Promise<RoomRef[]> {
    const docs = await amongIds(this.coll, tenantId, ids, { projection: { _id: 1, groupIds: 1 } });
    return docs.map((d) => ({ id: d._id, groupIds: Array.isArray(d.groupIds) ? d.groupIds : [] }));
  }

  unknownIds(tenantId: string, ids: readonly string[]): Promise<string[]> {
    return unknownAmong(this.coll, tenantId, ids);
  }

  named(tenantId: string, ids: readonly string[]): Promise<NamedRef[]> {
    return namedAmong(this.coll, tenantId, ids);
  }

  /** The room (first: its id may be taken), its first key and the audit records in one write. */
  async insert(room: Room, key: EnrollmentKey, audit: readonly AuditRecord[] = []): Promise<void> {
    const { id, ...rest } = room;
    await this.store.writeBatch([
      { collection: this.coll.collectionName, insertOne: { document: { _id: id, ...rest } } },
      StoreEnrollmentKeyRepository.issueWrite(key),
      ...auditWrites(audit),
    ]);
  }

  /**
   * The change (first: it may be unmet), its tickets following new groups and the audit records,
   * in one write. A group change marks the room until its tickets follow, and the same write
   * clears the mark: where a batch is not atomic (a standalone MongoDB), a crash in between leaves
   * the mark, and StoreTicketRepository.resumeRoomGroupSyncs finishes the sync at the next start.
   */
  async update(
    tenantId: string,
    roomId: string,
    expectedGroupIds: readonly string[],
    changes: RoomChanges,
    now: Date,
    audit: readonly AuditRecord[] = []
  ) {
    const { groupIds } = changes;
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        findOneAndUpdate: {
          filter: { tenantId, _id: roomId, groupIds: [...expectedGroupIds] },
          update: {
            $set: { ...changes, updatedAt: now, ...(groupIds ? { ticketSyncPending: true } : {}) },
          },
          returnDocument: 'after',
          required: true,
        },
      },
      ...(groupIds ? StoreRoomRepository.ticketsFollowWrites(tenantId, roomId, groupIds) : []),
      ...auditWrites(audit),
    ]);
    const doc = results && (results[0] as { document: SyncedRoomDoc | null }).document;
    if (!doc) return null;
    // The mark is cleared by the same write.
    const { ticketSyncPending: _mark, ...room } = doc;
    return toRoom(room);
  }

  /** The change (first: it may be unmet) and the audit records in one write. */
  async unenroll(tenantId: string, roomId: string, now: Date, audit: readonly AuditRecord[] = []) {
    const doc = await updatedOneWith(
      this.store,
      this.coll,
      { tenantId, _id: roomId, 'enrollment.status': { $ne: 'Unenrolled' } },
      {
        $set: { 'enrollment.status': 'Unenrolled', 'enrollment.unenrolledAt': now, updatedAt: now },
      },
      audit
    );
    return doc && toRoom(doc);
  }

  /** The move and the audit records in one write. */
  async moveToRing(
    tenantId: string,
    roomIds: readonly string[],
    allowed: RoomFilter,
    ringId: string,
    now: Date,
    audit: readonly AuditRecord[] = []
  ) {
    const chosen = { _id: { $in: [...roomIds] } };
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        updateMany: {
          filter: within(tenantId, allowed, chosen, { ringId: { $ne: ringId } }) as Filter<BaseDoc>,
          update: { $set: { ringId, updatedAt: now } },
        },
      },
      ...auditWrites(audit),
    ]);
    const moved = (results![0] as { modifiedCount: number }).modifiedCount;
    const inRing = await this.coll.countDocuments(within(tenantId, allowed, chosen, { ringId }));
    return { matched: inRing, moved };
  }

  async countByGroup(tenantId: string, visible: RoomFilter, groupIds?: readonly string[]) {
    const rows = await this.coll
      .aggregate<{ _id: string; n: number }>([
        { $match: within(tenantId, visible) },
        { $unwind: '$groupIds' },
        ...(groupIds ? [{ $match: { groupIds: { $in: [...groupIds] } } }] : []),
        { $group: { _id: '$groupIds', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async countByRing(tenantId: string, visible: RoomFilter) {
    const rows = await this.coll
      .aggregate<{ _id: string; n: number }>([
        { $match: within(tenantId, visible) },
        { $group: { _id: '$ringId', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async groupIdsOf(tenantId: string, visible: RoomFilter) {
    const rows = await this.coll
      .aggregate<{ _id: string }>([
        { $match: within(tenantId, visible) },
        { $unwind: '$groupIds' },
        { $group: { _id: '$groupIds' } },
      ])
      .toArray();
    return rows.map((r) => r._id);
  }
}

/** The customer's rooms and groups as the partner feature reads them (invitation scopes). */
export const customerRoomCatalogOver = (
  rooms: StoreRoomRepository,
  groups: StoreRoomGroupRepository
): CustomerRoomCatalog => ({
  async unknownIds(tenantId, ids) {
    const [roomIds, roomGroupIds] = await Promise.all([
      rooms.unknownIds(tenantId, ids.roomIds),
      groups.unknownIds(tenantId, ids.roomGroupIds),
    ]);
    return { roomIds, roomGroupIds };
  },
  async describe(tenantId, ids) {
    const [named, namedGroups] = await Promise.all([
      rooms.named(tenantId, ids.roomIds),
      groups.named(tenantId, ids.roomGroupIds),
    ]);
    return { rooms: named, roomGroups: namedGroups };
  },
  roomRefs: (tenantId, ids) => rooms.refs(tenantId, ids),
});
