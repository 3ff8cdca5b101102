/**
 * Store adapters of the Pro Management resources. Room reads AND the caller's visibility filter
 * with their own conditions (never OR, never replace), so they can only narrow it; every query
 * names the owning tenant first.
 */
import { randomBytes } from 'node:crypto';
import type {
  BatchWrite,
  DocCollection,
  Filter,
  FindOptions,
  Store,
  UpdateResult,
} from '../store/types.ts';
import { conflict } from '../core/errors.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { RoomFilter, RoomRef } from '../core/authz/engine.ts';
import type { CustomerRoomCatalog, NamedRef } from '../core/partners/partners.ports.ts';
import type {
  EnrollmentKey,
  Room,
  RoomGroup,
  RoomHealth,
  RoomsProSettings,
  StoredSettings,
  UpdateRing,
} from '../core/resources/resources.model.ts';
import type {
  EnrollmentKeyRepository,
  PageRequest,
  PageResult,
  RoomChanges,
  RoomCriteria,
  RoomGroupRepository,
  RoomRepository,
  SettingsRepository,
  UpdateRingRepository,
} from '../core/resources/resources.ports.ts';
import { ResourceErrors } from '../core/resources/resources.errors.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { auditWrites } from './foundation.repositories.ts';
import {
  ResourceCollections,
  type RoomDoc,
  type RoomGroupDoc,
  type UpdateRingDoc,
} from './collections.ts';
import {
  ResourceExtraCollections,
  type EnrollmentKeyDoc,
  type SettingsDoc,
} from './resources.collections.ts';
import { findPageOf, sortOn } from './pagination.ts';
import { insertNew, unlessTaken } from './insert-new.ts';
import { updatedOne } from './updated-one.ts';

/** A literal string for `$regex`: every pattern character escaped. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const toRoom = ({ _id, ...d }: RoomDoc): Room => ({ id: _id, ...d });
const toGroup = ({ _id, ...d }: RoomGroupDoc): RoomGroup => ({ id: _id, ...d });
const toRing = ({ _id, ...d }: UpdateRingDoc): UpdateRing => ({ id: _id, ...d });

function criteriaFilter(c: RoomCriteria): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (c.health) f.health = c.health;
  if (c.site) f.site = c.site;
  if (c.country) f.country = c.country;
  if (c.groupId) f.groupIds = c.groupId;
  if (c.ringId) f.ringId = c.ringId;
  if (c.enrollment) f['enrollment.status'] = c.enrollment;
  if (c.search) f.displayName = { $regex: escapeRegex(c.search), $options: 'i' };
  return f;
}

/** The documents of the tenant among `ids`, read with `options` (nothing read for no ids). */
async function amongIds<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[],
  options: FindOptions
): Promise<T[]> {
  if (ids.length === 0) return [];
  return coll.find({ tenantId, _id: { $in: [...ids] } } as Filter<T>, options).toArray();
}

/** The ids among `ids` that do not exist in the tenant, in the order given. */
async function unknownAmong<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[]
): Promise<string[]> {
  const found = await amongIds(coll, tenantId, ids, { projection: { _id: 1 } });
  const known = new Set(found.map((d) => d._id));
  return ids.filter((id) => !known.has(id));
}

/** The rooms or groups among `ids` that exist in the tenant, by name. */
async function namedAmong<T extends RoomDoc | RoomGroupDoc>(
  coll: DocCollection<T>,
  tenantId: string,
  ids: readonly string[]
): Promise<NamedRef[]> {
  const docs = await amongIds(coll, tenantId, ids, { sort: { displayName: 1, _id: 1 } });
  return docs.map((d) => ({ id: d._id, displayName: d.displayName }));
}

/** A room as stored, marked while its tickets have not followed a change of its groups yet. */
type SyncedRoomDoc = RoomDoc & { ticketSyncPending?: boolean };

/** The tenant's rooms the filter selects: `{tenantId} AND visible AND ...more`. */
const within = (tenantId: string, visible: RoomFilter, ...more: Record<string, unknown>[]) =>
  ({ $and: [{ tenantId }, visible, ...more] }) as Filter<RoomDoc>;

export class StoreRoomRepository implements RoomRepository {
  private readonly coll: DocCollection<SyncedRoomDoc>;
  constructor(store: Store) {
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
    return {
      collection: ResourceCollections.rooms,
      updateOne: {
        filter: { tenantId, _id: roomId, health: { $in: [...healthier] } },
        update: { $set: { health } },
      },
    };
  }

  /** The write setting a room's health to `health`, unless the room is Offline (that stays). */
  static setHealthWrite(tenantId: string, roomId: string, health: RoomHealth): BatchWrite {
    return {
      collection: ResourceCollections.rooms,
      updateOne: {
        filter: { tenantId, _id: roomId, health: { $nin: ['Offline', health] } },
        update: { $set: { health } },
      },
    };
  }

  /**
   * The room's tickets follow its groups `groupIds` now: clears the mark `update` set, unless the
   * groups changed again meanwhile (that change's own sync clears it).
   */
  async ticketsFollowed(tenantId: string, roomId: string, groupIds: readonly string[]) {
    await this.coll.updateOne(
      { tenantId, _id: roomId, groupIds: [...groupIds] },
      { $unset: { ticketSyncPending: '' } }
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

  async insert(room: Room): Promise<void> {
    const { id, ...rest } = room;
    await this.coll.insertOne({ _id: id, ...rest });
  }

  async update(
    tenantId: string,
    roomId: string,
    expectedGroupIds: readonly string[],
    changes: RoomChanges,
    now: Date
  ) {
    return updatedOne(
      this.coll,
      { tenantId, _id: roomId, groupIds: [...expectedGroupIds] },
      // A group change marks the room until its tickets follow (the use case asks for it next;
      // reconcileTicketRoomGroups finishes it after a crash in between).
      {
        $set: {
          ...changes,
          updatedAt: now,
          ...(changes.groupIds ? { ticketSyncPending: true } : {}),
        },
      },
      toRoom
    );
  }

  async unenroll(tenantId: string, roomId: string, now: Date) {
    return updatedOne(
      this.coll,
      { tenantId, _id: roomId, 'enrollment.status': { $ne: 'Unenrolled' } },
      {
        $set: { 'enrollment.status': 'Unenrolled', 'enrollment.unenrolledAt': now, updatedAt: now },
      },
      toRoom
    );
  }

  async moveToRing(
    tenantId: string,
    roomIds: readonly string[],
    allowed: RoomFilter,
    ringId: string,
    now: Date
  ) {
    const chosen = { _id: { $in: [...roomIds] } };
    const r = await this.coll.updateMany(
      within(tenantId, allowed, chosen, { ringId: { $ne: ringId } }),
      {
        $set: { ringId, updatedAt: now },
      }
    );
    const inRing = await this.coll.countDocuments(within(tenantId, allowed, chosen, { ringId }));
    return { matched: inRing, moved: r.modifiedCount };
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

export class StoreRoomGroupRepository implements RoomGroupRepository {
  private readonly coll: DocCollection<RoomGroupDoc>;
  constructor(store: Store) {
    this.coll = store.collection<RoomGroupDoc>(ResourceCollections.roomGroups);
  }

  async page(tenantId: string, onlyIds: readonly string[] | null, page: PageRequest) {
    const filter = onlyIds ? { tenantId, _id: { $in: [...onlyIds] } } : { tenantId };
    return findPageOf(this.coll, filter, sortOn('displayName'), page, toGroup);
  }

  async get(tenantId: string, groupId: string) {
    const d = await this.coll.findOne({ tenantId, _id: groupId });
    return d && toGroup(d);
  }

  unknownIds(tenantId: string, groupIds: readonly string[]): Promise<string[]> {
    return unknownAmong(this.coll, tenantId, groupIds);
  }

  named(tenantId: string, ids: readonly string[]): Promise<NamedRef[]> {
    return namedAmong(this.coll, tenantId, ids);
  }

  insert({ id, ...rest }: RoomGroup) {
    return insertNew(this.coll, { _id: id, ...rest });
  }

  async update(
    tenantId: string,
    groupId: string,
    changes: Partial<Pick<RoomGroup, 'displayName' | 'description'>>
  ) {
    const changed = updatedOne(this.coll, { tenantId, _id: groupId }, { $set: changes }, toGroup);
    return unlessTaken(changed, groupNameTaken);
  }
}

const groupNameTaken = () =>
  conflict(
    ResourceErrors.ROOM_GROUP_NAME_TAKEN,
    'This customer already has a room group with this name.'
  );

const orderTaken = () =>
  conflict(ResourceErrors.RING_ORDER_TAKEN, 'Another ring has this order; choose a free one.');

export class StoreUpdateRingRepository implements UpdateRingRepository {
  private readonly coll: DocCollection<UpdateRingDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<UpdateRingDoc>(ResourceCollections.updateRings);
  }

  async list(tenantId: string) {
    return (await this.coll.find({ tenantId }, { sort: { order: 1, _id: 1 } }).toArray()).map(
      toRing
    );
  }

  async get(tenantId: string, ringId: string) {
    const d = await this.coll.findOne({ tenantId, _id: ringId });
    return d && toRing(d);
  }

  async insert(ring: UpdateRing) {
    const { id, ...rest } = ring;
    await unlessTaken(this.coll.insertOne({ _id: id, ...rest }), orderTaken);
  }

  async update(
    tenantId: string,
    ringId: string,
    changes: Partial<Pick<UpdateRing, 'displayName' | 'order' | 'deferralDays' | 'description'>>
  ) {
    const changed = updatedOne(this.coll, { tenantId, _id: ringId }, { $set: changes }, toRing);
    return unlessTaken(changed, orderTaken);
  }

  /** The ring first (it may be unmet: on a standalone MongoDB nothing follows then). */
  async deleteCustomMovingRooms(
    tenantId: string,
    ringId: string,
    toRingId: string,
    now: Date,
    audit: readonly AuditRecord[]
  ) {
    const results = await this.store.writeBatch([
      {
        collection: this.coll.collectionName,
        deleteOne: { filter: { tenantId, _id: ringId, builtIn: false }, required: true },
      },
      {
        collection: ResourceCollections.rooms,
        updateMany: {
          filter: { tenantId, ringId },
          update: { $set: { ringId: toRingId, updatedAt: now } },
        },
      },
      ...auditWrites(audit),
    ]);
    return results && (results[1] as UpdateResult).modifiedCount;
  }
}

export class StoreEnrollmentKeyRepository implements EnrollmentKeyRepository {
  private readonly coll: DocCollection<EnrollmentKeyDoc>;
  constructor(private readonly store: Store) {
    this.coll = store.collection<EnrollmentKeyDoc>(ResourceExtraCollections.enrollmentKeys);
  }

  /**
   * The room's key version (first: the room may be gone), the next key (a compare-and-set on the
   * version read) and the audit records in one write; read again when a concurrent reset came
   * first.
   */
  async reset(
    tenantId: string,
    roomId: string,
    key: string,
    now: Date,
    audit: readonly AuditRecord[] = []
  ): Promise<EnrollmentKey | null> {
    // A concurrent reset changes the version read: read again (a few times; each loser of a
    // round means another reset succeeded).
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.coll.findOne({ tenantId, _id: roomId });
      const version = (current?.version ?? 0) + 1;
      const next = { _id: roomId, tenantId, key, version, issuedAt: now };
      const keyWrite: BatchWrite = current
        ? {
            collection: this.coll.collectionName,
            updateOne: {
              filter: { tenantId, _id: roomId, version: current.version },
              update: { $set: { key, version, issuedAt: now } },
              required: true,
            },
          }
        : { collection: this.coll.collectionName, insertOne: { document: next } };
      const roomWrite: BatchWrite = {
        collection: ResourceCollections.rooms,
        updateOne: {
          filter: { tenantId, _id: roomId },
          update: { $max: { 'enrollment.keyVersion': version }, $set: { updatedAt: now } },
          required: true,
        },
      };
      try {
        if (await this.store.writeBatch([roomWrite, keyWrite, ...auditWrites(audit)])) {
          return StoreEnrollmentKeyRepository.toKey(next);
        }
      } catch (e) {
        // Only a first key created concurrently is read again; any other failure stands.
        if (current || !isDuplicateKeyError(e) || !(await this.get(tenantId, roomId))) throw e;
        continue;
      }
      const room = await this.store
        .collection(ResourceCollections.rooms)
        .countDocuments({ tenantId, _id: roomId }, { limit: 1 });
      if (room === 0) return null;
    }
    throw conflict(ResourceErrors.ROOM_CHANGED, 'The key was reset meanwhile; try again.');
  }

  private static toKey(d: EnrollmentKeyDoc): EnrollmentKey {
    return {
      roomId: d._id,
      tenantId: d.tenantId,
      key: d.key,
      version: d.version,
      issuedAt: d.issuedAt,
    };
  }

  async get(tenantId: string, roomId: string) {
    const d = await this.coll.findOne({ tenantId, _id: roomId });
    return d && StoreEnrollmentKeyRepository.toKey(d);
  }

  async rotate(tenantId: string, roomId: string, key: string, now: Date) {
    const d = await this.coll.findOneAndUpdate(
      { tenantId, _id: roomId },
      { $set: { key, issuedAt: now }, $inc: { version: 1 } },
      { upsert: true, returnDocument: 'after' }
    );
    if (!d) throw new Error('enrollment key upsert returned nothing');
    return StoreEnrollmentKeyRepository.toKey(d);
  }
}

export class StoreSettingsRepository implements SettingsRepository {
  private readonly coll: DocCollection<SettingsDoc>;
  constructor(store: Store) {
    this.coll = store.collection<SettingsDoc>(ResourceExtraCollections.settings);
  }

  async get(tenantId: string): Promise<StoredSettings | null> {
    const d = await this.coll.findOne({ tenantId, _id: tenantId });
    if (!d) return null;
    const { timeZone, maintenanceWindow, notifications, features } = d;
    return {
      settings: { timeZone, maintenanceWindow, notifications, features },
      version: d.version,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
    };
  }

  async save(
    tenantId: string,
    settings: RoomsProSettings,
    expectedVersion: number,
    by: string,
    now: Date
  ) {
    const fields = {
      timeZone: settings.timeZone,
      maintenanceWindow: settings.maintenanceWindow,
      notifications: settings.notifications,
      features: settings.features,
      version: expectedVersion + 1,
      updatedAt: now,
      updatedBy: by,
    };
    if (expectedVersion === 0) return insertNew(this.coll, { _id: tenantId, tenantId, ...fields });
    const r = await this.coll.updateOne(
      { tenantId, _id: tenantId, version: expectedVersion },
      { $set: fields }
    );
    return r.matchedCount === 1;
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

/** A self-enrollment key: 32 random bytes, base64url (43 characters). */
export const newEnrollmentKey = () => randomBytes(32).toString('base64url');
