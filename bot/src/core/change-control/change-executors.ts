/**
 * What each kind of change does, for change control: `preview` reads the object as the requester
 * may see it (authorizing them for the action through the same engine as the use case) and says
 * what the change would do; `apply` runs the ordinary use case as the requester. Approval runs
 * `preview` again as the requester, compares the object with what they saw, then `apply`: so a
 * change is applied only with the requester's current rights, on the object they meant to change.
 */
import type { Caller } from '../identity/caller.ts';
import { customerAccess } from '../authz/customer-access.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { ResourcesDeps } from '../resources/resources.ports.ts';
import { ResourceErrors } from '../resources/resources.errors.ts';
import { holdsGroup, requireGranted, roomFor } from '../resources/resource-access.ts';
import { modifyRoom, resetEnrollmentKey, unenrollRoom } from '../resources/rooms.use-cases.ts';
import { modifyRoomGroup } from '../resources/room-groups.use-cases.ts';
import {
  createRing,
  deleteRing,
  ensureBuiltInRings,
  modifyRing,
  moveRoomsToRing,
  requireWholeTenant,
} from '../resources/update-rings.use-cases.ts';
import { checkRing } from '../resources/rings.rules.ts';
import { updateSettings } from '../resources/settings.use-cases.ts';
import {
  checkSettings,
  defaultSettings,
  mergeSettings,
  type SettingsPatch,
} from '../resources/settings.rules.ts';
import type { Room, RoomsProSettings } from '../resources/resources.model.ts';
import type { RoleSide, RolesDeps } from '../roles/roles.ports.ts';
import { builtInRole } from '../authz/permissions.ts';
import { RoleErrors } from '../roles/roles.errors.ts';
import { createRole, deleteRole, sideOf, updateRole } from '../roles/roles.use-cases.ts';
import {
  createAssignment,
  deleteAssignment,
  updateAssignment,
} from '../roles/assignments.use-cases.ts';
import type { PartnersDeps } from '../partners/partners.ports.ts';
import {
  addPrimaryAdmin,
  checkAddPrimaryAdmin,
  checkRemovePrimaryAdmin,
  removePrimaryAdmin,
} from '../partners/relationships.use-cases.ts';
import { describeMembers } from '../partners/partners.views.ts';
import { PartnerErrors } from '../partners/partners.errors.ts';
import type { ChangeAction, ChangeInput, ChangeKind, FieldDiff } from './model.ts';

export interface ChangePreview {
  objectType: string;
  objectId: string;
  objectName: string;
  /** The fields the change touches, as they are now. */
  before: Record<string, unknown>;
  diff: FieldDiff[];
}

/** What executors run the use cases with. */
export interface ExecutorDeps {
  resources: ResourcesDeps;
  roles: RolesDeps;
  partners: PartnersDeps;
}

export interface ChangeExecutor<C extends ChangeInput = ChangeInput> {
  action: ChangeAction;
  preview(
    caller: Caller,
    customerTenantId: string,
    change: C,
    deps: ExecutorDeps
  ): Promise<ChangePreview>;
  apply(caller: Caller, customerTenantId: string, change: C, deps: ExecutorDeps): Promise<unknown>;
  /**
   * Creates only: whether the object created under `id` exists (an approved create takes the
   * request's id, so a retried apply can tell whether the first attempt landed).
   */
  created?(
    caller: Caller,
    customerTenantId: string,
    id: string,
    deps: ExecutorDeps
  ): Promise<boolean>;
  /** Deletes only: the codes preview answers once the object is gone (the change is present). */
  goneCodes?: readonly string[];
}

/**
 * The deps an approved change is applied with: the first id the use case asks for is the
 * request's, so a create is keyed by the request (at most one object per request, ever).
 */
export function keyedBy(deps: ExecutorDeps, requestId: string): ExecutorDeps {
  const once = <T extends { newId(): string }>(d: T): T => {
    let used = false;
    return { ...d, newId: () => (used ? d.newId() : ((used = true), requestId)) };
  };
  return { resources: once(deps.resources), roles: once(deps.roles), partners: deps.partners };
}

/** The resource executors below are written against the resource use cases' deps. */
function onResources<C extends ChangeInput>(e: {
  action: ChangeAction;
  preview(
    caller: Caller,
    customerTenantId: string,
    change: C,
    deps: ResourcesDeps
  ): Promise<ChangePreview>;
  apply(caller: Caller, customerTenantId: string, change: C, deps: ResourcesDeps): Promise<unknown>;
}): ChangeExecutor<C> {
  return {
    action: e.action,
    preview: (caller, customerTenantId, change, deps) =>
      e.preview(caller, customerTenantId, change, deps.resources),
    apply: (caller, customerTenantId, change, deps) =>
      e.apply(caller, customerTenantId, change, deps.resources),
  };
}

type Of<K extends ChangeKind> = Extract<ChangeInput, { kind: K }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-by-field difference of the fields `after` names (unchanged fields are left out). */
function diffOf(before: Record<string, unknown>, after: Record<string, unknown>): FieldDiff[] {
  return Object.keys(after)
    .filter((k) => after[k] !== undefined && !same(before[k], after[k]))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] }));
}

const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));

/** The object's fields the change names, as they are now: what approval checks for conflicts. */
const touched = (current: Record<string, unknown>, changes: Record<string, unknown>) =>
  pick(
    current,
    Object.keys(changes).filter((k) => changes[k] !== undefined)
  );

/** The preview of a change to some fields of a named object. */
const fieldsChange = (
  objectType: string,
  object: { id: string; name: string },
  current: Record<string, unknown>,
  after: Record<string, unknown>
): ChangePreview => ({
  objectType,
  objectId: object.id,
  objectName: object.name,
  before: touched(current, after),
  diff: diffOf(current, after),
});

/** The preview of creating an object (it has no id until created). */
const creation = (objectType: string, name: string, after: Record<string, unknown>) => ({
  objectType,
  objectId: 'new',
  objectName: name,
  before: {},
  diff: diffOf({}, after),
});

/** The preview of deleting an object; `current` is what approval checks for conflicts. */
const deletion = (
  objectType: string,
  object: { id: string; name: string },
  field: string,
  current: Record<string, unknown>
): ChangePreview => ({
  objectType,
  objectId: object.id,
  objectName: object.name,
  before: current,
  diff: [{ field, from: object.name, to: null }],
});

/** The caller's access in the customer, refused unless a role of theirs grants `permission`. */
async function grantedIn(
  caller: Caller,
  customerTenantId: string,
  grantsFor: ResourcesDeps['grantsFor'],
  permission: ChangeAction
) {
  const access = await customerAccess(caller, customerTenantId, grantsFor);
  requireGranted(access, permission);
  return access;
}

/** A room of the customer the caller may act on with `permission`. */
async function roomOf(
  caller: Caller,
  customerTenantId: string,
  roomId: string,
  permission: 'rooms.modify' | 'rooms.unenroll' | 'rooms.resetKey',
  deps: ResourcesDeps
) {
  const access = await customerAccess(caller, customerTenantId, deps.grantsFor);
  return roomFor(access, deps.rooms, roomId, permission);
}

const roomModify = onResources<Of<'room.modify'>>({
  action: 'rooms.modify',
  async preview(caller, customerTenantId, change, deps) {
    const room = await roomOf(caller, customerTenantId, change.roomId, 'rooms.modify', deps);
    const after: Record<string, unknown> = { ...change.changes };
    if (change.changes.groupIds) after.groupIds = [...new Set(change.changes.groupIds)];
    const current = room as unknown as Record<string, unknown>;
    return fieldsChange('Room', { id: room.id, name: room.displayName }, current, after);
  },
  apply: (caller, customerTenantId, change, deps) =>
    modifyRoom(caller, customerTenantId, change.roomId, change.changes, deps),
});

const roomUnenroll = onResources<Of<'room.unenroll'>>({
  action: 'rooms.unenroll',
  async preview(caller, customerTenantId, change, deps) {
    const room = await roomOf(caller, customerTenantId, change.roomId, 'rooms.unenroll', deps);
    return {
      objectType: 'Room',
      objectId: room.id,
      objectName: room.displayName,
      before: { 'enrollment.status': room.enrollment.status },
      diff: [{ field: 'enrollment.status', from: room.enrollment.status, to: 'Unenrolled' }],
    };
  },
  apply: (caller, customerTenantId, change, deps) =>
    unenrollRoom(caller, customerTenantId, change.roomId, deps),
});

const roomResetKey = onResources<Of<'room.resetKey'>>({
  action: 'rooms.resetKey',
  async preview(caller, customerTenantId, change, deps) {
    const room = await roomOf(caller, customerTenantId, change.roomId, 'rooms.resetKey', deps);
    // The key's own version (the room's copy follows it in a second write).
    const v =
      (await deps.keys.get(customerTenantId, room.id))?.version ?? room.enrollment.keyVersion;
    return {
      objectType: 'EnrollmentKey',
      objectId: room.id,
      objectName: room.displayName,
      before: { 'enrollment.keyVersion': v },
      diff: [{ field: 'enrollment.keyVersion', from: v, to: v + 1 }],
    };
  },
  apply: (caller, customerTenantId, change, deps) =>
    resetEnrollmentKey(caller, customerTenantId, change.roomId, deps),
});

const groupModify = onResources<Of<'roomGroup.modify'>>({
  action: 'roomGroups.modify',
  async preview(caller, customerTenantId, change, deps) {
    const access = await grantedIn(caller, customerTenantId, deps.grantsFor, 'roomGroups.modify');
    const group = await deps.groups.get(customerTenantId, change.groupId);
    if (!group)
      throw notFound(
        ResourceErrors.ROOM_GROUP_NOT_FOUND,
        'No such room group, or it is outside your scope.'
      );
    if (!holdsGroup(access, 'roomGroups.modify', change.groupId)) {
      throw forbidden('You may only change room groups inside your scope.');
    }
    const current = group as unknown as Record<string, unknown>;
    const object = { id: group.id, name: group.displayName };
    return fieldsChange('RoomGroup', object, current, change.changes);
  },
  apply: (caller, customerTenantId, change, deps) =>
    modifyRoomGroup(caller, customerTenantId, change.groupId, change.changes, deps),
});

/** The customer's rings, for a caller who may change rings (Modify over every room). */
async function ringsFor(caller: Caller, customerTenantId: string, deps: ResourcesDeps) {
  requireWholeTenant(await customerAccess(caller, customerTenantId, deps.grantsFor));
  return ensureBuiltInRings(customerTenantId, deps);
}

async function ringFor(
  caller: Caller,
  customerTenantId: string,
  ringId: string,
  deps: ResourcesDeps
) {
  const ring = (await ringsFor(caller, customerTenantId, deps)).find((r) => r.id === ringId);
  if (!ring) throw notFound(ResourceErrors.RING_NOT_FOUND, 'No such update ring in this customer.');
  return ring;
}

const ringModify = onResources<Of<'updateRing.modify'>>({
  action: 'updateRings.modify',
  async preview(caller, customerTenantId, change, deps) {
    const ring = await ringFor(caller, customerTenantId, change.ringId, deps);
    const current = ring as unknown as Record<string, unknown>;
    const object = { id: ring.id, name: ring.displayName };
    return fieldsChange('UpdateRing', object, current, change.changes);
  },
  apply: (caller, customerTenantId, change, deps) =>
    modifyRing(caller, customerTenantId, change.ringId, change.changes, deps),
});

const ringCreate: ChangeExecutor<Of<'updateRing.create'>> = {
  ...onResources<Of<'updateRing.create'>>({
    action: 'updateRings.modify',
    async preview(caller, customerTenantId, change, deps) {
      checkRing(change.input, null, await ringsFor(caller, customerTenantId, deps));
      const after = { description: '', ...change.input };
      return creation('UpdateRing', change.input.displayName, after);
    },
    apply: (caller, customerTenantId, change, deps) =>
      createRing(caller, customerTenantId, change.input, deps),
  }),
  created: async (_caller, customerTenantId, id, deps) =>
    (await deps.resources.rings.get(customerTenantId, id)) !== null,
};

const ringDelete: ChangeExecutor<Of<'updateRing.delete'>> = {
  ...onResources<Of<'updateRing.delete'>>({
    action: 'updateRings.modify',
    async preview(caller, customerTenantId, change, deps) {
      const ring = await ringFor(caller, customerTenantId, change.ringId, deps);
      if (ring.builtIn) {
        throw conflict(ResourceErrors.RING_BUILT_IN, 'Built-in rings cannot be deleted.');
      }
      const object = { id: ring.id, name: ring.displayName };
      return deletion('UpdateRing', object, 'ring', { ring: ring.displayName });
    },
    apply: (caller, customerTenantId, change, deps) =>
      deleteRing(caller, customerTenantId, change.ringId, deps),
  }),
  goneCodes: [ResourceErrors.RING_NOT_FOUND],
};

const ringMoveRooms = onResources<Of<'updateRing.moveRooms'>>({
  action: 'updateRings.modify',
  async preview(caller, customerTenantId, change, deps) {
    const access = await grantedIn(caller, customerTenantId, deps.grantsFor, 'updateRings.modify');
    const ring = await deps.rings.get(customerTenantId, change.ringId);
    if (!ring) throw notFound(ResourceErrors.RING_NOT_FOUND, 'No such update ring.');
    const rooms: Room[] = [];
    for (const id of [...new Set(change.roomIds)]) {
      rooms.push(await roomFor(access, deps.rooms, id, 'updateRings.modify'));
    }
    const names = (list: typeof rooms) => list.map((r) => r.displayName).sort();
    const inRing = names(rooms.filter((r) => r.ringId === ring.id));
    const all = names(rooms);
    return {
      objectType: 'UpdateRing',
      objectId: ring.id,
      objectName: ring.displayName,
      before: { rooms: inRing },
      diff: same(inRing, all) ? [] : [{ field: 'rooms', from: inRing, to: all }],
    };
  },
  apply: (caller, customerTenantId, change, deps) =>
    moveRoomsToRing(caller, customerTenantId, change.ringId, change.roomIds, deps),
});

/** Settings flattened one level (`maintenanceWindow.start`...), so a diff names what changes. */
function flatten(s: RoomsProSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out[`${k}.${k2}`] = v2;
    } else out[k] = v;
  }
  return out;
}

const settingsModify = onResources<Of<'settings.modify'>>({
  action: 'settings.modify',
  async preview(caller, customerTenantId, change, deps) {
    await grantedIn(caller, customerTenantId, deps.grantsFor, 'settings.modify');
    const current = (await deps.settings.get(customerTenantId))?.settings ?? defaultSettings();
    const next =
      'replace' in change.change
        ? (change.change.replace as unknown as RoomsProSettings)
        : mergeSettings(current, change.change.merge as SettingsPatch);
    checkSettings(next);
    const diff = diffOf(flatten(current), flatten(next));
    const fields = diff.map((d) => d.field);
    return {
      objectType: 'RoomsProSettings',
      objectId: customerTenantId,
      objectName: 'Teams Rooms Pro settings',
      before: pick(flatten(current), fields),
      diff,
    };
  },
  apply: (caller, customerTenantId, change, deps) =>
    updateSettings(
      caller,
      customerTenantId,
      'replace' in change.change
        ? { replace: change.change.replace as unknown as RoomsProSettings }
        : { merge: change.change.merge as SettingsPatch },
      deps
    ),
});

// ------------------------------------------------------------------ roles and assignments

/** Role management › Modify in this customer, as the role use cases require it. */
const requireRoleManager = (caller: Caller, customerTenantId: string, deps: ExecutorDeps) =>
  grantedIn(caller, customerTenantId, deps.roles.grantsFor, 'roles.modify');

/** Objects of the caller's side (roles, assignments), as role management changes read them. */
function onSide<T>(
  repository: (deps: ExecutorDeps) => { get(side: RoleSide, id: string): Promise<T | null> },
  missing: () => Error
) {
  const read = (caller: Caller, customerTenantId: string, id: string, deps: ExecutorDeps) =>
    repository(deps).get(sideOf(caller, customerTenantId), id);
  return {
    /** One of them, for a role manager. */
    async of(caller: Caller, customerTenantId: string, id: string, deps: ExecutorDeps) {
      await requireRoleManager(caller, customerTenantId, deps);
      const found = await read(caller, customerTenantId, id, deps);
      if (!found) throw missing();
      return found;
    },
    /** Whether the create keyed by a request (`id`) landed. */
    created: async (caller: Caller, customerTenantId: string, id: string, deps: ExecutorDeps) =>
      (await read(caller, customerTenantId, id, deps)) !== null,
  };
}

const roles = onSide(
  (deps) => deps.roles.roles,
  () => notFound(RoleErrors.ROLE_NOT_FOUND, 'No such role.')
);
const assignments = onSide(
  (deps) => deps.roles.assignments,
  () => notFound(RoleErrors.ASSIGNMENT_NOT_FOUND, 'No such assignment.')
);

/** Roles, assignments and the partner's Primary admins: all are Role management › Modify. */
const roleManagement = <C extends ChangeInput>(
  e: Omit<ChangeExecutor<C>, 'action'>
): ChangeExecutor<C> => ({ action: 'roles.modify', ...e });

/**
 * An assignment as approvers know it: by its role's name (built-in or the side's own), or the
 * role's id if that role no longer exists.
 */
async function assignmentName(
  caller: Caller,
  customerTenantId: string,
  roleId: string,
  deps: ExecutorDeps
): Promise<string> {
  const role =
    builtInRole(roleId) ?? (await deps.roles.roles.get(sideOf(caller, customerTenantId), roleId));
  return role?.name ?? roleId;
}

/** Members and scopes compared by their ids (what changes who may do what). */
const plainAssignment = (a: {
  roleId?: string;
  members?: { type: string; id: string }[];
  scope?: unknown;
  notify?: boolean;
}) => ({
  ...(a.roleId !== undefined ? { roleId: a.roleId } : {}),
  ...(a.members !== undefined ? { members: a.members.map((m) => `${m.type}:${m.id}`).sort() } : {}),
  ...(a.scope !== undefined ? { scope: a.scope } : {}),
  ...(a.notify !== undefined ? { notify: a.notify } : {}),
});

const roleCreate = roleManagement<Of<'role.create'>>({
  async preview(caller, customerTenantId, change, deps) {
    await requireRoleManager(caller, customerTenantId, deps);
    const after = {
      name: change.input.name,
      description: change.input.description ?? '',
      permissions: [...change.input.permissions].sort(),
    };
    return creation('Role', change.input.name, after);
  },
  apply: (caller, customerTenantId, change, deps) =>
    createRole(caller, customerTenantId, change.input, deps.roles),
  created: roles.created,
});

const roleUpdate = roleManagement<Of<'role.update'>>({
  async preview(caller, customerTenantId, change, deps) {
    const role = await roles.of(caller, customerTenantId, change.roleId, deps);
    const current = {
      name: role.name,
      description: role.description,
      permissions: [...role.permissions].sort(),
    };
    const after = {
      ...change.changes,
      ...(change.changes.permissions
        ? { permissions: [...change.changes.permissions].sort() }
        : {}),
    };
    return fieldsChange('Role', role, current, after);
  },
  apply: (caller, customerTenantId, change, deps) =>
    updateRole(caller, customerTenantId, change.roleId, change.changes, deps.roles),
});

const roleDelete = roleManagement<Of<'role.delete'>>({
  async preview(caller, customerTenantId, change, deps) {
    const role = await roles.of(caller, customerTenantId, change.roleId, deps);
    const current = { name: role.name, permissions: [...role.permissions].sort() };
    return deletion('Role', role, 'role', current);
  },
  apply: (caller, customerTenantId, change, deps) =>
    deleteRole(caller, customerTenantId, change.roleId, deps.roles),
  goneCodes: [RoleErrors.ROLE_NOT_FOUND],
});

const assignmentCreate = roleManagement<Of<'assignment.create'>>({
  async preview(caller, customerTenantId, change, deps) {
    await requireRoleManager(caller, customerTenantId, deps);
    const name = await assignmentName(caller, customerTenantId, change.input.roleId, deps);
    return creation('Assignment', name, plainAssignment(change.input));
  },
  apply: (caller, customerTenantId, change, deps) =>
    createAssignment(caller, customerTenantId, change.input as never, deps.roles),
  created: assignments.created,
});

const assignmentUpdate = roleManagement<Of<'assignment.update'>>({
  async preview(caller, customerTenantId, change, deps) {
    const a = await assignments.of(caller, customerTenantId, change.assignmentId, deps);
    const current = plainAssignment(a);
    const after = plainAssignment(change.changes);
    const name = await assignmentName(caller, customerTenantId, a.roleId, deps);
    return fieldsChange('Assignment', { id: a.id, name }, current, after);
  },
  apply: (caller, customerTenantId, change, deps) =>
    updateAssignment(
      caller,
      customerTenantId,
      change.assignmentId,
      change.changes as never,
      deps.roles
    ),
});

const assignmentDelete = roleManagement<Of<'assignment.delete'>>({
  async preview(caller, customerTenantId, change, deps) {
    const a = await assignments.of(caller, customerTenantId, change.assignmentId, deps);
    const name = await assignmentName(caller, customerTenantId, a.roleId, deps);
    return deletion('Assignment', { id: a.id, name }, 'assignment', plainAssignment(a));
  },
  apply: (caller, customerTenantId, change, deps) =>
    deleteAssignment(caller, customerTenantId, change.assignmentId, deps.roles),
  goneCodes: [RoleErrors.ASSIGNMENT_NOT_FOUND],
});

// ------------------------------------------------------------------ the partner's Primary admins

/** A member of the partner's directory by name (as the Primary admins list shows them). */
async function memberName(
  caller: Caller,
  member: { type: 'user' | 'group'; id: string },
  deps: ExecutorDeps
) {
  const [view] = await describeMembers(deps.partners.directory, caller.tenantId, [member]);
  return view?.displayName ?? member.id;
}

/** The preview of a change to the Primary admins: one member, present before or after. */
const primaryAdminsChange = (id: string, name: string, from: string | null, to: string | null) => ({
  objectType: 'PrimaryAdmins',
  objectId: id,
  objectName: name,
  before: { primaryAdmins: from },
  diff: from === to ? [] : [{ field: 'primaryAdmins', from, to }],
});

const primaryAdminAdd = roleManagement<Of<'primaryAdmin.add'>>({
  async preview(caller, customerTenantId, change, deps) {
    const rel = await checkAddPrimaryAdmin(caller, customerTenantId, change.member, deps.partners);
    const name = await memberName(caller, change.member, deps);
    const already = rel.primaryAdmins.some((m) => m.id === change.member.id);
    return primaryAdminsChange(change.member.id, name, already ? name : null, name);
  },
  apply: (caller, customerTenantId, change, deps) =>
    addPrimaryAdmin(caller, customerTenantId, change.member, deps.partners),
});

const primaryAdminRemove = roleManagement<Of<'primaryAdmin.remove'>>({
  async preview(caller, customerTenantId, change, deps) {
    const rel = await checkRemovePrimaryAdmin(
      caller,
      customerTenantId,
      change.memberId,
      deps.partners
    );
    const member = rel.primaryAdmins.find((m) => m.id === change.memberId)!;
    const name = await memberName(caller, member, deps);
    return primaryAdminsChange(member.id, name, name, null);
  },
  apply: (caller, customerTenantId, change, deps) =>
    removePrimaryAdmin(caller, customerTenantId, change.memberId, deps.partners),
  goneCodes: [PartnerErrors.PRIMARY_ADMINS_NOT_MEMBER],
});

const EXECUTORS: { [K in ChangeKind]: ChangeExecutor<Of<K>> } = {
  'role.create': roleCreate,
  'role.update': roleUpdate,
  'role.delete': roleDelete,
  'assignment.create': assignmentCreate,
  'assignment.update': assignmentUpdate,
  'assignment.delete': assignmentDelete,
  'room.modify': roomModify,
  'room.unenroll': roomUnenroll,
  'room.resetKey': roomResetKey,
  'roomGroup.modify': groupModify,
  'updateRing.modify': ringModify,
  'updateRing.create': ringCreate,
  'updateRing.delete': ringDelete,
  'updateRing.moveRooms': ringMoveRooms,
  'primaryAdmin.add': primaryAdminAdd,
  'primaryAdmin.remove': primaryAdminRemove,
  'settings.modify': settingsModify,
};

export const executorFor = <K extends ChangeKind>(kind: K): ChangeExecutor<Of<K>> =>
  EXECUTORS[kind] as ChangeExecutor<Of<K>>;

/** The permission a change exercises. */
export const actionOf = (change: ChangeInput): ChangeAction => EXECUTORS[change.kind].action;
