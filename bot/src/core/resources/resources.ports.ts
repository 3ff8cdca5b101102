/**
 * Ports of the Pro Management resources. Every read of rooms takes the caller's visibility
 * filter (`roomFilter` of core/authz/engine.ts) so lists and counts read only what the caller
 * may see; adapters AND it with their own conditions and never widen it. Adapters live in
 * bot/src/data/{rooms,room-groups,update-rings,enrollment-keys,settings}.repository.ts. A write
 * taking `audit` stores those records (its Successful audit records, handed over by
 * AuditTrail.commit) in the same write as the change: a crash keeps both or neither, and a write
 * that changes nothing (unmet, or a taken name) stores none of them.
 */
import type { AuditLog, AuditRecord } from '../audit/audit.ts';
import type { RoomFilter } from '../authz/engine.ts';
import type { GrantsLoader } from '../authz/customer-access.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import type {
  EnrollmentKey,
  EnrollmentStatus,
  Room,
  RoomGroup,
  RoomHealth,
  RoomsProSettings,
  StoredSettings,
  UpdateRing,
} from './resources.model.ts';

import type { PageRequest, PageResult } from '../paging.ts';
export type { PageRequest, PageResult };

/** Optional list filters of the Rooms page; all of them narrow, none widens. */
export interface RoomCriteria {
  health?: RoomHealth;
  site?: string;
  country?: string;
  groupId?: string;
  ringId?: string;
  enrollment?: EnrollmentStatus;
  /** Case-insensitive substring of the display name (matched literally, never as a pattern). */
  search?: string;
}

export type RoomChanges = Partial<Pick<Room, 'displayName' | 'site' | 'country' | 'groupIds'>>;

export interface RoomRepository {
  /** Rooms of `tenantId` matching `visible` AND `criteria`, by display name. */
  page(
    tenantId: string,
    visible: RoomFilter,
    criteria: RoomCriteria,
    page: PageRequest
  ): Promise<PageResult<Room>>;
  get(tenantId: string, roomId: string): Promise<Room | null>;
  getMany(tenantId: string, roomIds: readonly string[]): Promise<Room[]>;
  /** A new room with its first enrollment key (`key`, whose version the room names). */
  insert(room: Room, key: EnrollmentKey, audit?: readonly AuditRecord[]): Promise<void>;
  /**
   * Applies `changes` only if the room still has `expectedGroupIds` (what authorization saw);
   * null when it is gone or changed meanwhile. New groups reach the room's tickets in the same
   * write (they carry their room's groups for the scope filter).
   */
  update(
    tenantId: string,
    roomId: string,
    expectedGroupIds: readonly string[],
    changes: RoomChanges,
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<Room | null>;
  /** Enrolled/Onboarding -> Unenrolled; null when the room is absent or already unenrolled. */
  unenroll(
    tenantId: string,
    roomId: string,
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<Room | null>;
  /**
   * Moves the rooms among `roomIds` that still match `allowed` to `ringId`, in one write.
   * Returns how many matched and how many changed ring.
   */
  moveToRing(
    tenantId: string,
    roomIds: readonly string[],
    allowed: RoomFilter,
    ringId: string,
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<{ matched: number; moved: number }>;
  /** Room counts per group id over the rooms matching `visible` (only `groupIds` if given). */
  countByGroup(
    tenantId: string,
    visible: RoomFilter,
    groupIds?: readonly string[]
  ): Promise<Map<string, number>>;
  countByRing(tenantId: string, visible: RoomFilter): Promise<Map<string, number>>;
  /** The distinct group ids of the rooms matching `visible`. */
  groupIdsOf(tenantId: string, visible: RoomFilter): Promise<string[]>;
}

export interface RoomGroupRepository {
  /** Groups of the tenant by name; `onlyIds` restricts to those ids. */
  page(
    tenantId: string,
    onlyIds: readonly string[] | null,
    page: PageRequest
  ): Promise<PageResult<RoomGroup>>;
  get(tenantId: string, groupId: string): Promise<RoomGroup | null>;
  /** The ids among `groupIds` that do not exist in the tenant. */
  unknownIds(tenantId: string, groupIds: readonly string[]): Promise<string[]>;
  /** False when the tenant has a group with that name (names are unique per tenant). */
  insert(group: RoomGroup, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** Null when absent; throws ROOM_GROUP.NAME_TAKEN on a duplicate name. */
  update(
    tenantId: string,
    groupId: string,
    changes: Partial<Pick<RoomGroup, 'displayName' | 'description'>>,
    audit?: readonly AuditRecord[]
  ): Promise<RoomGroup | null>;
}

export interface UpdateRingRepository {
  /** Every ring of the tenant by order. */
  list(tenantId: string): Promise<UpdateRing[]>;
  get(tenantId: string, ringId: string): Promise<UpdateRing | null>;
  /** Throws RING.ORDER_TAKEN when another ring holds the order (unique index). */
  insert(ring: UpdateRing, audit?: readonly AuditRecord[]): Promise<void>;
  /** All of them with `audit` in one write; RING.ORDER_TAKEN (nothing written) as above. */
  insertAll(rings: readonly UpdateRing[], audit: readonly AuditRecord[]): Promise<void>;
  /** Null when absent; throws RING.ORDER_TAKEN as above. */
  update(
    tenantId: string,
    ringId: string,
    changes: Partial<Pick<UpdateRing, 'displayName' | 'order' | 'deferralDays' | 'description'>>,
    audit?: readonly AuditRecord[]
  ): Promise<UpdateRing | null>;
  /**
   * Deletes a custom ring and moves its rooms to `toRingId`, with `audit` (its Successful
   * records), in one write (a crash keeps all or none): the number of rooms moved, or null (and
   * nothing written) when the ring is absent or built in.
   */
  deleteCustomMovingRooms(
    tenantId: string,
    ringId: string,
    toRingId: string,
    now: Date,
    audit: readonly AuditRecord[]
  ): Promise<number | null>;
}

export interface EnrollmentKeyRepository {
  get(tenantId: string, roomId: string): Promise<EnrollmentKey | null>;
  /**
   * Rotates the key of an existing room and raises the room's key version to the new one, with
   * the `audit` records, in one write; null (nothing written) when the room is gone.
   */
  reset(
    tenantId: string,
    roomId: string,
    key: string,
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<EnrollmentKey | null>;
}

export interface SettingsRepository {
  get(tenantId: string): Promise<StoredSettings | null>;
  /**
   * Writes `settings` only if the stored version is still `expectedVersion` (0: nothing stored
   * yet); false when another write came first.
   */
  save(
    tenantId: string,
    settings: RoomsProSettings,
    expectedVersion: number,
    by: string,
    now: Date,
    audit?: readonly AuditRecord[]
  ): Promise<boolean>;
}

export interface TenantDirectory {
  /** The tenants among `ids` that exist (any order). */
  getMany(ids: readonly string[]): Promise<Tenant[]>;
}

/** Everything the resource use cases need. `now`, `newId` and `newKey` are injectable. */
/**
 * Tickets carry their room's groups, so the scope filter selects them exactly as it selects the
 * room; after a room's groups change, its tickets follow (the ticket store's side of it).
 */
export interface TicketRoomGroups {
  /**
   * At start-up: finishes the follows a crash interrupted (a ticket written with groups its room
   * had just left, or a room change on a store without transactions); idempotent, and a crash
   * part-way leaves what the next start finishes. Returns how many rooms it synced.
   */
  resumeInterrupted(): Promise<number>;
}

export interface ResourcesDeps {
  audit: AuditLog;
  grantsFor: GrantsLoader;
  /** Unnarrowed grants (every customer), for the Customer dropdown. */
  allGrantsFor: (caller: Parameters<GrantsLoader>[0]) => ReturnType<GrantsLoader>;
  tenants: TenantDirectory;
  rooms: RoomRepository;
  groups: RoomGroupRepository;
  rings: UpdateRingRepository;
  keys: EnrollmentKeyRepository;
  settings: SettingsRepository;
  ticketRoomGroups: TicketRoomGroups;
  now(): Date;
  newId(): string;
  /** A fresh, unguessable enrollment key. */
  newKey(): string;
}
