/**
 * Room groups (PRODUCT.md §4.12): they organise rooms and serve as authorization scopes.
 *
 * Which groups a caller sees: with Group management › View over every room of the customer (own
 * tenant admins, unrestricted assignments), every group, empty ones included. With a restricted
 * scope (e.g. a partner bound to 'US rooms'), exactly the groups that contain at least one room
 * the caller may view with that permission: a group wholly outside the scope never appears, not
 * even by name. Room counts count only rooms the caller may view (Rooms › View).
 *
 * Changing a group needs Group management › Modify over that group as a whole (see
 * `groupAsRoom`); creating one is tenant-level (Group management › Create).
 */
import type { Caller } from '../identity/caller.ts';
import { metOrNull, subjectOf, type AuditTrail } from '../audit/audited.ts';
import { roomFilter } from '../authz/engine.ts';
import {
  changeInCustomer,
  createInCustomer,
  type CustomerAccess,
} from '../authz/customer-access.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { RoomGroup } from './resources.model.ts';
import type { PageRequest, PageResult, ResourcesDeps } from './resources.ports.ts';
import { ResourceErrors } from './resources.errors.ts';
import { holdsGroup, isWholeTenant, listScope, requireGranted } from './resource-access.ts';
import { toGroupView, type RoomGroupView } from './resources.views.ts';

const groupSubject = subjectOf('RoomGroup');

const groupNotFound = () =>
  notFound(ResourceErrors.ROOM_GROUP_NOT_FOUND, 'No such room group, or it is outside your scope.');

export async function listRoomGroups(
  caller: Caller,
  customerTenantId: string,
  page: PageRequest,
  deps: ResourcesDeps
): Promise<PageResult<RoomGroupView>> {
  const list = await listScope(caller, customerTenantId, 'roomGroups.view', deps.grantsFor);
  if (!list) return { items: [] };
  const { access, scope } = list;
  const onlyIds = isWholeTenant(scope)
    ? null
    : await deps.rooms.groupIdsOf(customerTenantId, scope);
  if (onlyIds && onlyIds.length === 0) return { items: [] };
  const r = await deps.groups.page(customerTenantId, onlyIds, page);
  const visible = roomFilter(access.grants, 'rooms.view', customerTenantId);
  const counts =
    visible && r.items.length > 0
      ? await deps.rooms.countByGroup(
          customerTenantId,
          visible,
          r.items.map((g) => g.id)
        )
      : new Map<string, number>();
  return { ...r, items: r.items.map((g) => toGroupView(g, counts.get(g.id) ?? 0)) };
}

export async function createRoomGroup(
  caller: Caller,
  customerTenantId: string,
  input: { displayName: string; description?: string },
  deps: ResourcesDeps
): Promise<RoomGroupView> {
  const create = async (id: string, access: CustomerAccess, trail: AuditTrail) => {
    requireGranted(access, 'roomGroups.create');
    const group: RoomGroup = {
      id,
      tenantId: customerTenantId,
      displayName: input.displayName,
      description: input.description ?? '',
      createdAt: deps.now(),
    };
    // The group and its audit records are one write.
    if (!(await trail.commit((audit) => metOrNull(deps.groups.insert(group, audit)))))
      throw nameTaken();
    return toGroupView(group, 0);
  };
  return createInCustomer(deps, caller, customerTenantId, groupSubject, create);
}

const nameTaken = () =>
  conflict(
    ResourceErrors.ROOM_GROUP_NAME_TAKEN,
    'This customer already has a room group with this name.'
  );

export async function modifyRoomGroup(
  caller: Caller,
  customerTenantId: string,
  groupId: string,
  changes: { displayName?: string; description?: string },
  deps: ResourcesDeps
): Promise<RoomGroupView> {
  const subject = groupSubject(groupId, 'Update');
  return changeInCustomer(deps, caller, customerTenantId, subject, async (access, trail) => {
    requireGranted(access, 'roomGroups.modify');
    const group = await deps.groups.get(customerTenantId, groupId);
    if (!group) throw groupNotFound();
    if (!holdsGroup(access, 'roomGroups.modify', groupId)) {
      // Hide groups the caller could not even list.
      const scope = roomFilter(access.grants, 'roomGroups.view', customerTenantId);
      const seen =
        scope !== null &&
        (isWholeTenant(scope) ||
          (await deps.rooms.groupIdsOf(customerTenantId, scope)).includes(groupId));
      throw seen
        ? forbidden('You may only change room groups inside your scope.')
        : groupNotFound();
    }
    const updated = await trail.commit((audit) =>
      deps.groups.update(customerTenantId, groupId, changes, audit)
    );
    if (!updated) throw groupNotFound();
    const visible = roomFilter(access.grants, 'rooms.view', customerTenantId);
    const counts = visible
      ? await deps.rooms.countByGroup(customerTenantId, visible, [groupId])
      : new Map();
    return toGroupView(updated, counts.get(groupId) ?? 0);
  });
}
