/**
 * Pro Management resources over HTTP (PRODUCT.md §4.12): the Customer dropdown and rooms
 * (rooms.routes.ts), room groups, update rings and the customer's Teams Rooms Pro settings.
 * Every action is gated by its own permission through the authorization engine; every mutation
 * is audited in the caller's log and the customer's.
 */
import type { Api } from '../api.ts';
import { customerRoutes, listOf, type CustomerRoutes } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { wire } from '../contracts/common.ts';
import {
  createGroupBody,
  createRingBody,
  modifyGroupBody,
  modifyRingBody,
  moveRoomsBody,
  ring,
  ringDeleted,
  ringList,
  roomGroup,
  roomsMoved,
  settingsBody,
  settingsPatch,
  settingsView,
} from '../contracts/resources.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
import type { RoomGroupView, SettingsView } from '../../core/resources/resources.views.ts';
import { createRoomGroup, listRoomGroups } from '../../core/resources/room-groups.use-cases.ts';
import {
  type createRing,
  type deleteRing,
  listRings,
  type modifyRing,
  type moveRoomsToRing,
} from '../../core/resources/update-rings.use-cases.ts';
import { getSettings } from '../../core/resources/settings.use-cases.ts';
import { registerRoomRoutes } from './rooms.routes.ts';

/** Registers every resource route (rooms included) over one set of repositories. */
export function registerResourceRoutes(api: Api, services: AppServices): void {
  const deps = services.resources;
  // A partner's changes go through the customer's change control (issue #15).
  const cc = services.changeControl;
  const group = (tag: string) => customerRoutes(api, { tag, deps, cc });
  registerRoomRoutes(api, deps, cc);
  registerRoomGroupRoutes(group('Room groups'));
  registerRingRoutes(group('Update rings'));
  registerSettingsRoutes(group('Settings'));
}

/** The routes of one resource of a customer: their use cases get the resource repositories. */
type ResourceRoutes = CustomerRoutes<ResourcesDeps>;

function registerRoomGroupRoutes(groups: ResourceRoutes): void {
  groups.get('/room-groups', {
    summary:
      'Room groups the caller may see, with counts of the rooms they may view (Group management › View)',
    item: roomGroup,
    run: listRoomGroups,
  });

  groups.post('/room-groups', {
    summary: 'Create a room group; names are unique per customer (Group management › Create)',
    body: createGroupBody,
    response: roomGroup,
    status: 201,
    run: createRoomGroup,
  });

  groups.patch('/room-groups/{groupId}', {
    summary: 'Rename or describe a room group (Group management › Modify over the group)',
    body: modifyGroupBody,
    response: roomGroup,
    change: ({ params, body }) => ({
      kind: 'roomGroup.modify',
      groupId: params.groupId,
      changes: body,
    }),
    present: wire<RoomGroupView>,
  });
}

function registerRingRoutes(rings: ResourceRoutes): void {
  rings.get('/update-rings', {
    summary:
      'Update rings by order, with counts of the rooms the caller may view (Update ring › View)',
    response: ringList,
    run: listRings,
    present: listOf(wire),
  });

  rings.post('/update-rings', {
    summary: 'Create a custom ring (Update ring › Modify over every room)',
    body: createRingBody,
    response: ring,
    status: 201,
    change: ({ body }) => ({ kind: 'updateRing.create', input: body }),
    present: (r: Awaited<ReturnType<typeof createRing>>) => r,
  });

  rings.patch('/update-rings/{ringId}', {
    summary:
      'Change a ring; built-ins keep their name, Staging its order (Update ring › Modify over every room)',
    body: modifyRingBody,
    response: ring,
    change: ({ params, body }) => ({
      kind: 'updateRing.modify',
      ringId: params.ringId,
      changes: body,
    }),
    present: (r: Awaited<ReturnType<typeof modifyRing>>) => r,
  });

  rings.delete('/update-rings/{ringId}', {
    summary:
      'Delete a custom ring; its rooms move to General (Update ring › Modify over every room)',
    response: ringDeleted,
    change: ({ params }) => ({ kind: 'updateRing.delete', ringId: params.ringId }),
    present: (r: Awaited<ReturnType<typeof deleteRing>>) => r,
  });

  rings.post('/update-rings/{ringId}/rooms', {
    summary: 'Move rooms to this ring, all or nothing (Update ring › Modify on each room)',
    body: moveRoomsBody,
    response: roomsMoved,
    change: ({ params, body }) => ({
      kind: 'updateRing.moveRooms',
      ringId: params.ringId,
      roomIds: body.roomIds,
    }),
    present: (r: Awaited<ReturnType<typeof moveRoomsToRing>>) => r,
  });
}

function registerSettingsRoutes(settings: ResourceRoutes): void {
  settings.get('/settings', {
    summary:
      "The customer's Teams Rooms Pro settings, defaults until first saved (MMR settings › View)",
    response: settingsView,
    run: getSettings,
  });

  settings.put('/settings', {
    summary: 'Replace the Teams Rooms Pro settings (MMR settings › Modify)',
    body: settingsBody,
    response: settingsView,
    change: ({ body }) => ({ kind: 'settings.modify', change: { replace: body } }),
    present: wire<SettingsView>,
  });

  settings.patch('/settings', {
    summary:
      'Change some Teams Rooms Pro settings; arrays are replaced whole (MMR settings › Modify)',
    body: settingsPatch,
    response: settingsView,
    change: ({ body }) => ({ kind: 'settings.modify', change: { merge: body } }),
    present: wire<SettingsView>,
  });
}
