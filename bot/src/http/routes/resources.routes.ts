/**
 * Pro Management resources over HTTP (PRODUCT.md §4.12): the Customer dropdown and rooms
 * (rooms.routes.ts), room groups, update rings and the customer's Teams Rooms Pro settings.
 * Every action is gated by its own permission through the authorization engine; every mutation
 * is audited in the caller's log and the customer's.
 */
import type { Api } from '../api.ts';
import { changeHandler, pageOf } from './route-kit.ts';
import type { AppServices } from '../../app.ts';
import { customerParams, page, pageOnly } from '../contracts/common.ts';
import {
  createGroupBody,
  createRingBody,
  groupParams,
  modifyGroupBody,
  modifyRingBody,
  moveRoomsBody,
  ring,
  ringDeleted,
  ringList,
  ringParams,
  roomGroup,
  roomsMoved,
  settingsBody,
  settingsPatch,
  settingsView,
  toGroup,
  toSettings,
} from '../contracts/resources.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
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
import { changeRequestSchema } from '../contracts/change-control.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';

/** Registers every resource route (rooms included) over one set of repositories. */
export function registerResourceRoutes(api: Api, services: AppServices): void {
  const deps = services.resources;
  // A partner's changes go through the customer's change control (issue #15).
  const cc = services.changeControl;
  registerRoomRoutes(api, deps, cc);
  registerRoomGroupRoutes(api, deps, cc);
  registerRingRoutes(api, deps, cc);
  registerSettingsRoutes(api, deps, cc);
}

function registerRoomGroupRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Room groups';
  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/room-groups',
    tag,
    summary:
      'Room groups the caller may see, with counts of the rooms they may view (Group management › View)',
    params: customerParams,
    query: pageOnly,
    response: page(roomGroup),
    handler: ({ caller, params, query }) =>
      listRoomGroups(caller, params.customerTenantId, query, deps).then(pageOf(toGroup)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/room-groups',
    tag,
    summary: 'Create a room group; names are unique per customer (Group management › Create)',
    params: customerParams,
    body: createGroupBody,
    response: roomGroup,
    status: 201,
    handler: ({ caller, params, body }) =>
      createRoomGroup(caller, params.customerTenantId, body, deps).then(toGroup),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/room-groups/{groupId}',
    tag,
    summary: 'Rename or describe a room group (Group management › Modify over the group)',
    params: groupParams,
    body: modifyGroupBody,
    response: roomGroup,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({ kind: 'roomGroup.modify', groupId: params.groupId, changes: body }),
      toGroup
    ),
  });
}

function registerRingRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Update rings';
  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/update-rings',
    tag,
    summary:
      'Update rings by order, with counts of the rooms the caller may view (Update ring › View)',
    params: customerParams,
    response: ringList,
    handler: async ({ caller, params }) => ({
      items: await listRings(caller, params.customerTenantId, deps),
    }),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/update-rings',
    tag,
    summary: 'Create a custom ring (Update ring › Modify over every room)',
    params: customerParams,
    body: createRingBody,
    response: ring,
    status: 201,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ body }) => ({ kind: 'updateRing.create', input: body }),
      (r: Awaited<ReturnType<typeof createRing>>) => r
    ),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}',
    tag,
    summary:
      'Change a ring; built-ins keep their name, Staging its order (Update ring › Modify over every room)',
    params: ringParams,
    body: modifyRingBody,
    response: ring,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({ kind: 'updateRing.modify', ringId: params.ringId, changes: body }),
      (r: Awaited<ReturnType<typeof modifyRing>>) => r
    ),
  });

  api.route({
    method: 'delete',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}',
    tag,
    summary:
      'Delete a custom ring; its rooms move to General (Update ring › Modify over every room)',
    params: ringParams,
    response: ringDeleted,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params }) => ({ kind: 'updateRing.delete', ringId: params.ringId }),
      (r: Awaited<ReturnType<typeof deleteRing>>) => r
    ),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}/rooms',
    tag,
    summary: 'Move rooms to this ring, all or nothing (Update ring › Modify on each room)',
    params: ringParams,
    body: moveRoomsBody,
    response: roomsMoved,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({
        kind: 'updateRing.moveRooms',
        ringId: params.ringId,
        roomIds: body.roomIds,
      }),
      (r: Awaited<ReturnType<typeof moveRoomsToRing>>) => r
    ),
  });
}

function registerSettingsRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Settings';
  const path = '/api/customers/{customerTenantId}/settings';
  api.route({
    method: 'get',
    path,
    tag,
    summary:
      "The customer's Teams Rooms Pro settings, defaults until first saved (MMR settings › View)",
    params: customerParams,
    response: settingsView,
    handler: ({ caller, params }) =>
      getSettings(caller, params.customerTenantId, deps).then(toSettings),
  });

  api.route({
    method: 'put',
    path,
    tag,
    summary: 'Replace the Teams Rooms Pro settings (MMR settings › Modify)',
    params: customerParams,
    body: settingsBody,
    response: settingsView,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ body }) => ({ kind: 'settings.modify', change: { replace: body } }),
      toSettings
    ),
  });

  api.route({
    method: 'patch',
    path,
    tag,
    summary:
      'Change some Teams Rooms Pro settings; arrays are replaced whole (MMR settings › Modify)',
    params: customerParams,
    body: settingsPatch,
    response: settingsView,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ body }) => ({ kind: 'settings.modify', change: { merge: body } }),
      toSettings
    ),
  });
}
