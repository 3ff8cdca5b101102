/**
 * The Customer dropdown and the Rooms page (PRODUCT.md §4.7, §4.12). Per-customer routes live
 * under /api/customers/{customerTenantId}; a customer the caller holds nothing in is
 * CUSTOMER.NOT_FOUND, a room outside their scope ROOM.NOT_FOUND. Registered by
 * resources.routes.ts.
 */
import type { Api } from '../api.ts';
import { customerParams, page } from '../contracts/common.ts';
import {
  createRoomBody,
  customerChoices,
  keyFile,
  keyInfo,
  modifyRoomBody,
  room,
  roomParams,
  roomQuery,
  toKeyInfo,
  toRoom,
} from '../contracts/rooms.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
import { listCustomerChoices } from '../../core/resources/customers.use-cases.ts';
import {
  createRoom,
  downloadEnrollmentKey,
  getRoom,
  listRooms,
} from '../../core/resources/rooms.use-cases.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { gatedRead } from './change-control.routes.ts';
import { changeHandler, pageOf } from './route-kit.ts';
import { changeRequestSchema } from '../contracts/change-control.ts';

export function registerRoomRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Rooms';

  api.route({
    method: 'get',
    path: '/api/customers',
    tag: 'Customers',
    summary:
      'The Customer dropdown: tenants where the caller holds some right, own tenant first, with those rights',
    response: customerChoices,
    handler: async ({ caller }) => ({ items: await listCustomerChoices(caller, deps) }),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/rooms',
    tag,
    summary: 'Rooms the caller may view (Rooms › View), filtered, by name',
    params: customerParams,
    query: roomQuery,
    response: page(room),
    handler: ({ caller, params, query: { limit, cursor, ...criteria } }) =>
      listRooms(caller, params.customerTenantId, criteria, { limit, cursor }, deps).then(
        pageOf(toRoom)
      ),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/rooms',
    tag,
    summary: 'Onboard a room; it waits in Onboarding for its device (Rooms › Create)',
    params: customerParams,
    body: createRoomBody,
    response: room,
    status: 201,
    handler: ({ caller, params, body }) =>
      createRoom(caller, params.customerTenantId, body, deps).then(toRoom),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}',
    tag,
    summary: 'One room (Rooms › View)',
    params: roomParams,
    response: room,
    handler: ({ caller, params }) =>
      getRoom(caller, params.customerTenantId, params.roomId, deps).then(toRoom),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}',
    tag,
    summary:
      'Change name, site, country or groups; the room stays inside your scope (Rooms › Modify)',
    params: roomParams,
    body: modifyRoomBody,
    response: room,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params, body }) => ({ kind: 'room.modify', roomId: params.roomId, changes: body }),
      toRoom
    ),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}/unenroll',
    tag,
    summary: 'Stop monitoring the room (Rooms › Unenroll)',
    params: roomParams,
    response: room,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params }) => ({ kind: 'room.unenroll', roomId: params.roomId }),
      toRoom
    ),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}/enrollment-key/reset',
    tag,
    summary:
      'Replace the enrollment key with a new random one; answers the new version only (Rooms › Reset key)',
    params: roomParams,
    response: keyInfo,
    accepted: changeRequestSchema,
    handler: changeHandler(
      cc,
      ({ params }) => ({ kind: 'room.resetKey', roomId: params.roomId }),
      toKeyInfo
    ),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}/enrollment-key',
    tag,
    summary: 'The current enrollment key; every download is audited (Rooms › Download key)',
    params: roomParams,
    response: keyFile,
    handler: async ({ caller, params, res }) => {
      const k = await gatedRead(cc, caller, params.customerTenantId, 'rooms.downloadKey', () =>
        downloadEnrollmentKey(caller, params.customerTenantId, params.roomId, deps)
      );
      const info = toKeyInfo(k);
      res.setHeader('cache-control', 'no-store');
      // Saved as a file by browsers that open the link; the name carries no secret.
      res.setHeader(
        'content-disposition',
        `attachment; filename="enrollment-key-${params.roomId}-v${info.keyVersion}.json"`
      );
      return { ...info, key: k.key };
    },
  });
}
