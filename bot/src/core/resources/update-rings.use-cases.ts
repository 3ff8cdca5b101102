/**
 * Update rings (PRODUCT.md §4.12): the list with room counts, custom rings, and moving rooms
 * between rings. A ring applies tenant-wide, so creating, changing or deleting one needs Update
 * ring › Modify over EVERY room of the customer; moving rooms needs it per room. Deleting a
 * custom ring moves its rooms to General (rooms are never left without a ring).
 */
import type { Caller } from '../identity/caller.ts';
import { subjectOf, type AuditTrail } from '../audit/audited.ts';
import { SYSTEM_ACTOR_ID } from '../audit/audit.ts';
import { roomFilter } from '../authz/engine.ts';
import {
  changeInCustomer,
  createInCustomer,
  type CustomerAccess,
} from '../authz/customer-access.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { UpdateRing } from './resources.model.ts';
import type { ResourcesDeps } from './resources.ports.ts';
import { ResourceErrors } from './resources.errors.ts';
import {
  allows,
  holdsAllRooms,
  listScope,
  requireGranted,
  roomNotFound,
} from './resource-access.ts';
import {
  BUILT_IN_RINGS,
  builtInRing,
  checkRing,
  generalRing,
  type RingInput,
} from './rings.rules.ts';
import { toRingView, type UpdateRingView } from './resources.views.ts';

const ringSubject = subjectOf('UpdateRing');

const ringNotFound = () => notFound(ResourceErrors.RING_NOT_FOUND, 'No such update ring.');

/**
 * The tenant's rings, creating the built-ins first if the tenant has none (a tenant the product
 * has not seen before): all of them and their audit records (made by the system) in one write.
 * Concurrent callers are safe: orders are unique per tenant, so only one such write lands.
 */
export async function ensureBuiltInRings(
  tenantId: string,
  deps: Pick<ResourcesDeps, 'rings' | 'newId' | 'audit'>
): Promise<UpdateRing[]> {
  const rings = await deps.rings.list(tenantId);
  if (rings.some((r) => r.builtIn)) return rings;
  const made = BUILT_IN_RINGS.map((def) => builtInRing(def, deps.newId(), tenantId));
  const audit = await deps.audit.prepare(
    made.map((r) => ({
      ...ringSubject(r.id, 'Create', 'built-in'),
      tenantId,
      result: 'Successful' as const,
      actorId: SYSTEM_ACTOR_ID,
      actorTenantId: tenantId,
      objectName: r.displayName,
    }))
  );
  await deps.rings.insertAll(made, audit).catch((e: unknown) => {
    // Another request created them first.
    if ((e as { code?: string }).code !== ResourceErrors.RING_ORDER_TAKEN) throw e;
  });
  return deps.rings.list(tenantId);
}

/** Ring-wide changes: Update ring › Modify over every room of the customer. */
export function requireWholeTenant(access: CustomerAccess): void {
  requireGranted(access, 'updateRings.modify');
  if (!holdsAllRooms(access, 'updateRings.modify')) {
    throw forbidden(
      'Rings apply to every room; you need Update ring management › Modify over all rooms.',
      ResourceErrors.RING_NEEDS_ALL_ROOMS
    );
  }
}

async function withCounts(
  access: CustomerAccess,
  deps: ResourcesDeps,
  rings: UpdateRing[]
): Promise<UpdateRingView[]> {
  const visible = roomFilter(access.grants, 'rooms.view', access.customerTenantId);
  const counts = visible
    ? await deps.rooms.countByRing(access.customerTenantId, visible)
    : new Map();
  return rings.map((r) => toRingView(r, counts.get(r.id) ?? 0));
}

/** The rings, with how many of the rooms the caller may view are in each. */
export async function listRings(
  caller: Caller,
  customerTenantId: string,
  deps: ResourcesDeps
): Promise<UpdateRingView[]> {
  const list = await listScope(caller, customerTenantId, 'updateRings.view', deps.grantsFor);
  if (!list) return [];
  return withCounts(list.access, deps, await ensureBuiltInRings(customerTenantId, deps));
}

export async function createRing(
  caller: Caller,
  customerTenantId: string,
  input: Required<Pick<RingInput, 'displayName' | 'order' | 'deferralDays'>> & {
    description?: string;
  },
  deps: ResourcesDeps
): Promise<UpdateRingView> {
  const create = async (id: string, access: CustomerAccess, trail: AuditTrail) => {
    requireWholeTenant(access);
    const rings = await ensureBuiltInRings(customerTenantId, deps);
    checkRing(input, null, rings);
    const ring: UpdateRing = {
      id,
      tenantId: customerTenantId,
      displayName: input.displayName,
      order: input.order,
      builtIn: false,
      deferralDays: input.deferralDays,
      description: input.description ?? '',
    };
    // The ring and its audit records are one write.
    await trail.commit(async (audit) => {
      await deps.rings.insert(ring, audit);
      return ring;
    });
    return toRingView(ring, 0);
  };
  return createInCustomer(deps, caller, customerTenantId, ringSubject, create);
}

/** Ring management (over the whole tenant): the ring `ringId` among the customer's rings. */
async function ringOf(access: CustomerAccess, ringId: string, deps: ResourcesDeps) {
  requireWholeTenant(access);
  const rings = await ensureBuiltInRings(access.customerTenantId, deps);
  const ring = rings.find((r) => r.id === ringId);
  if (!ring) throw ringNotFound();
  return { ring, rings };
}

export async function modifyRing(
  caller: Caller,
  customerTenantId: string,
  ringId: string,
  changes: RingInput,
  deps: ResourcesDeps
): Promise<UpdateRingView> {
  const subject = ringSubject(ringId, 'Update');
  return changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) => {
    const { ring, rings } = await ringOf(access, ringId, deps);
    checkRing(changes, ring, rings);
    const updated = await trail.commit((audit) =>
      deps.rings.update(customerTenantId, ringId, changes, audit)
    );
    if (!updated) throw ringNotFound();
    return (await withCounts(access, deps, [updated]))[0]!;
  });
}

/** Deletes a custom ring; its rooms move to General. */
export async function deleteRing(
  caller: Caller,
  customerTenantId: string,
  ringId: string,
  deps: ResourcesDeps
): Promise<{ ringId: string; movedToRingId: string; movedRooms: number }> {
  const subject = ringSubject(ringId, 'Delete');
  return changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) => {
    const { ring, rings } = await ringOf(access, ringId, deps);
    if (ring.builtIn) throw conflictBuiltIn();
    const general = generalRing(rings);
    if (!general)
      throw invalid(ResourceErrors.RING_NOT_FOUND, 'This customer has no General ring.');
    // The ring, its rooms' move to General and the audit records in one write: a crash or a
    // failure leaves no room pointing at a deleted ring.
    const movedRooms = await trail.commit((audit) =>
      deps.rings.deleteCustomMovingRooms(customerTenantId, ringId, general.id, deps.now(), audit)
    );
    if (movedRooms === null) throw ringNotFound();
    return { ringId, movedToRingId: general.id, movedRooms };
  });
}

const conflictBuiltIn = () =>
  conflict(ResourceErrors.RING_BUILT_IN, 'Built-in rings cannot be deleted.');

export const MAX_ROOMS_PER_MOVE = 500;

/**
 * Moves rooms to a ring, all or nothing: every room is checked first (Update ring › Modify on
 * each), then one write moves them, itself bounded by the caller's scope filter.
 */
export async function moveRoomsToRing(
  caller: Caller,
  customerTenantId: string,
  ringId: string,
  roomIds: readonly string[],
  deps: ResourcesDeps
): Promise<{ ringId: string; requested: number; moved: number; alreadyInRing: number }> {
  const subject = ringSubject(ringId, 'Update');
  return changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) => {
    requireGranted(access, 'updateRings.modify');
    const ring = await deps.rings.get(customerTenantId, ringId);
    if (!ring) throw ringNotFound();
    const ids = [...new Set(roomIds)];
    const found = new Map((await deps.rooms.getMany(customerTenantId, ids)).map((r) => [r.id, r]));
    for (const id of ids) {
      const room = found.get(id);
      const may = room ? allows(access, 'updateRings.modify', room) : false;
      if (!room || (!may && !allows(access, 'rooms.view', room))) throw roomNotFound();
      if (!may) throw forbidden('You may not move some of these rooms.');
    }
    const allowed = roomFilter(access.grants, 'updateRings.modify', customerTenantId);
    if (!allowed) throw forbidden();
    // The move and its audit records are one write.
    const r = (await trail.commit((audit) =>
      deps.rooms.moveToRing(customerTenantId, ids, allowed, ringId, deps.now(), audit)
    ))!;
    return { ringId, requested: ids.length, moved: r.moved, alreadyInRing: r.matched - r.moved };
  });
}
