/**
 * Rooms (PRODUCT.md §4.12): the list and detail pane, onboarding a room, changing its name, site,
 * country and groups, unenrolling it, and its self-enrollment key. Each action is gated by its
 * own permission; every mutation and every key download is audited in the caller's log and the
 * customer's (category Room), denials as Failed.
 */
import type { Caller } from '../identity/caller.ts';
import { subjectOf, type AuditSubject, type AuditTrail } from '../audit/audited.ts';
import { authorize, decide, type RoomRef } from '../authz/engine.ts';
import {
  changeInCustomer,
  createInCustomer,
  customerAccess,
  type CustomerAccess,
} from '../authz/customer-access.ts';
import type { AuditOperation } from '../audit/audit.ts';
import type { Permission } from '../authz/permissions.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { EnrollmentKey, Room } from './resources.model.ts';
import type {
  PageRequest,
  PageResult,
  RoomChanges,
  RoomCriteria,
  ResourcesDeps,
} from './resources.ports.ts';
import { ResourceErrors } from './resources.errors.ts';
import { holdsGroup, listScope, roomFor, roomNotFound, roomOf } from './resource-access.ts';
import { toRoomView, type EnrollmentKeyView, type RoomView } from './resources.views.ts';
import { ensureBuiltInRings } from './update-rings.use-cases.ts';
import { generalRing } from './rings.rules.ts';

const roomSubject = (roomId: string, operation: AuditOperation, objectType = 'Room') =>
  subjectOf('Room', objectType)(roomId, operation);

const unique = (xs: readonly string[]) => [...new Set(xs)];

/**
 * One action on one room: audited in the caller's and the customer's logs, on the room as
 * `roomFor` hands it over for `permission` (hidden when the caller may not see it).
 */
const onRoom = <T>(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  permission: Permission,
  subject: AuditSubject,
  deps: ResourcesDeps,
  work: (room: Room, access: CustomerAccess, trail: AuditTrail) => Promise<T>
): Promise<T> =>
  changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) =>
    work(await roomFor(access, deps.rooms, roomId, permission), access, trail)
  );

/** Rooms the caller may view, filtered and paginated; read through the scope filter only. */
export async function listRooms(
  caller: Caller,
  customerTenantId: string,
  criteria: RoomCriteria,
  page: PageRequest,
  deps: ResourcesDeps
): Promise<PageResult<RoomView>> {
  const list = await listScope(caller, customerTenantId, 'rooms.view', deps.grantsFor);
  if (!list) return { items: [] };
  const r = await deps.rooms.page(customerTenantId, list.scope, criteria, page);
  return { ...r, items: r.items.map(toRoomView) };
}

export async function getRoom(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  deps: ResourcesDeps
): Promise<RoomView> {
  const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
  return toRoomView(await roomFor(access, deps.rooms, roomId, 'rooms.view'));
}

/** Every named group must exist in this customer (ids of other tenants do not). */
async function requireGroupsExist(deps: ResourcesDeps, tenantId: string, groupIds: string[]) {
  const unknown = await deps.groups.unknownIds(tenantId, groupIds);
  if (unknown.length > 0) {
    throw invalid(
      ResourceErrors.ROOM_GROUP_UNKNOWN,
      'Some room groups do not exist in this customer.',
      {
        unknownGroupIds: unknown,
      }
    );
  }
}

/**
 * Putting a room into or taking it out of group G changes who may reach it, so the caller must
 * hold `permission` over G as a whole (see `groupAsRoom`), not just over this room.
 */
function requireHeldGroups(
  access: CustomerAccess,
  permission: 'rooms.create' | 'rooms.modify',
  groupIds: string[]
) {
  for (const g of groupIds) {
    if (!holdsGroup(access, permission, g)) {
      throw forbidden('You may only use room groups inside your scope.');
    }
  }
}

export interface CreateRoomInput {
  displayName: string;
  site: string;
  country: string;
  groupIds: string[];
  /** Defaults to the General ring. */
  ringId?: string;
}

/**
 * Onboards a room: it starts in Onboarding with a fresh enrollment key, waiting for the device.
 * A partner's new room must land inside the relationship scope (through a group they hold).
 */
export async function createRoom(
  caller: Caller,
  customerTenantId: string,
  input: CreateRoomInput,
  deps: ResourcesDeps
): Promise<RoomView> {
  const create = async (id: string, access: CustomerAccess, trail: AuditTrail) => {
    const groupIds = unique(input.groupIds);
    const newRoom: RoomRef = { id, groupIds };
    authorize(access.grants, 'rooms.create', { customerTenantId, room: newRoom });
    requireHeldGroups(access, 'rooms.create', groupIds);
    await requireGroupsExist(deps, customerTenantId, groupIds);
    const rings = await ensureBuiltInRings(customerTenantId, deps);
    let ringId = generalRing(rings)?.id ?? rings[0]?.id;
    if (input.ringId !== undefined) {
      if (!rings.some((r) => r.id === input.ringId)) {
        throw invalid(ResourceErrors.ROOM_RING_UNKNOWN, 'No such update ring in this customer.');
      }
      // Placing a room in a ring other than the default is a ring change.
      if (input.ringId !== ringId) {
        authorize(access.grants, 'updateRings.modify', { customerTenantId, room: newRoom });
      }
      ringId = input.ringId;
    }
    if (!ringId)
      throw invalid(ResourceErrors.ROOM_RING_UNKNOWN, 'This customer has no update ring.');
    const now = deps.now();
    // A key left under this id (a request applied again) is replaced by the next version.
    const left = await deps.keys.get(customerTenantId, id);
    const key: EnrollmentKey = {
      roomId: id,
      tenantId: customerTenantId,
      key: deps.newKey(),
      version: (left?.version ?? 0) + 1,
      issuedAt: now,
    };
    const room: Room = {
      id,
      tenantId: customerTenantId,
      displayName: input.displayName,
      site: input.site,
      country: input.country,
      health: 'Offline',
      groupIds,
      ringId,
      enrollment: { status: 'Onboarding', keyVersion: key.version },
      createdAt: now,
      updatedAt: now,
    };
    // The room, its first key and the audit records are one write.
    await trail.commit(async (audit) => {
      await deps.rooms.insert(room, key, audit);
      return room;
    });
    return toRoomView(room);
  };
  return createInCustomer(deps, caller, customerTenantId, roomSubject, create);
}

/**
 * Changes a room's name, site, country or groups. The room must be allowed before AND after the
 * change, and every group added or removed must be held, so nobody moves a room out of their
 * scope or into a scope they do not hold.
 */
export async function modifyRoom(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  changes: RoomChanges,
  deps: ResourcesDeps
): Promise<RoomView> {
  const subject = roomSubject(roomId, 'Update');
  return onRoom(
    caller,
    customerTenantId,
    roomId,
    'rooms.modify',
    subject,
    deps,
    async (room, access, trail) => {
      const next: RoomChanges = { ...changes };
      if (changes.groupIds) {
        const groupIds = unique(changes.groupIds);
        const added = groupIds.filter((g) => !room.groupIds.includes(g));
        const removed = room.groupIds.filter((g) => !groupIds.includes(g));
        requireHeldGroups(access, 'rooms.modify', [...added, ...removed]);
        await requireGroupsExist(deps, customerTenantId, added);
        next.groupIds = groupIds;
      }
      const after = { ...room, ...next };
      if (!decide(access.grants, 'rooms.modify', roomOf(after)).allowed) {
        throw forbidden('After this change the room would be outside your scope.');
      }
      // The change, its tickets following new groups (so they stay visible to exactly the
      // scopes the room is in now) and the audit records are one write.
      const updated = await trail.commit((audit) =>
        deps.rooms.update(customerTenantId, roomId, room.groupIds, next, deps.now(), audit)
      );
      if (!updated)
        throw conflict(
          ResourceErrors.ROOM_CHANGED,
          'The room changed meanwhile; reload it and try again.'
        );
      return toRoomView(updated);
    }
  );
}

/** Stops monitoring a room. */
export async function unenrollRoom(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  deps: ResourcesDeps
): Promise<RoomView> {
  const subject = roomSubject(roomId, 'Update');
  const unenroll = async (room: Room, _access: CustomerAccess, trail: AuditTrail) => {
    const alreadyUnenrolled = () =>
      conflict(ResourceErrors.ROOM_ALREADY_UNENROLLED, 'This room is already unenrolled.');
    if (room.enrollment.status === 'Unenrolled') throw alreadyUnenrolled();
    const updated = await trail.commit((audit) =>
      deps.rooms.unenroll(customerTenantId, roomId, deps.now(), audit)
    );
    if (!updated) throw alreadyUnenrolled();
    return toRoomView(updated);
  };
  return onRoom(caller, customerTenantId, roomId, 'rooms.unenroll', subject, deps, unenroll);
}

const toKeyView = (k: EnrollmentKey): EnrollmentKeyView => ({
  roomId: k.roomId,
  keyVersion: k.version,
  issuedAt: k.issuedAt,
});

/**
 * Replaces the room's enrollment key with a new random one (the old key stops working). The
 * answer carries the new version, not the key: seeing it is Download key, a separate right.
 */
export async function resetEnrollmentKey(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  deps: ResourcesDeps
): Promise<EnrollmentKeyView> {
  const subject = roomSubject(roomId, 'Update', 'EnrollmentKey');
  const reset = async (_room: Room, _access: CustomerAccess, trail: AuditTrail) => {
    // The key, the room's key version and the audit records are one write.
    const key = await trail.commit((audit) =>
      deps.keys.reset(customerTenantId, roomId, deps.newKey(), deps.now(), audit)
    );
    if (!key) throw roomNotFound();
    return toKeyView(key);
  };
  return onRoom(caller, customerTenantId, roomId, 'rooms.resetKey', subject, deps, reset);
}

/** The current enrollment key, a secret: every download is audited (operation Read). */
export async function downloadEnrollmentKey(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  deps: ResourcesDeps
): Promise<EnrollmentKeyView & { key: string }> {
  const subject = roomSubject(roomId, 'Read', 'EnrollmentKey');
  return onRoom(caller, customerTenantId, roomId, 'rooms.downloadKey', subject, deps, async () => {
    const key = await deps.keys.get(customerTenantId, roomId);
    if (!key)
      throw notFound(
        ResourceErrors.ROOM_KEY_NOT_FOUND,
        'This room has no enrollment key yet; reset it to issue one.'
      );
    return { ...toKeyView(key), key: key.key };
  });
}
