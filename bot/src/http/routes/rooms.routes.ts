/**
 * The Customer dropdown and the Rooms page (PRODUCT.md §4.7, §4.12). Per-customer routes live
 * under /api/customers/{customerTenantId}; a customer the caller holds nothing in is
 * CUSTOMER.NOT_FOUND, a room outside their scope ROOM.NOT_FOUND. Registered by
 * resources.routes.ts.
 */
import type { Api } from '../api.ts';
import {
  createRoomBody,
  customerChoices,
  keyFile,
  keyInfo,
  modifyRoomBody,
  room,
  roomQuery,
} from '../contracts/rooms.ts';
import { wire } from '../contracts/common.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
import type { EnrollmentKeyView, RoomView } from '../../core/resources/resources.views.ts';
import { listCustomerChoices } from '../../core/resources/customers.use-cases.ts';
import {
  createRoom,
  downloadEnrollmentKey,
  getRoom,
  listRooms,
} from '../../core/resources/rooms.use-cases.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { customerRoutes, gatedRead, listOf, routeGroup } from './route-kit.ts';

export function registerRoomRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  routeGroup(api, { tag: 'Customers', deps }).get('/api/customers', {
    summary:
      'The Customer dropdown: tenants where the caller holds some right, own tenant first, with those rights',
    response: customerChoices,
    run: listCustomerChoices,
    present: listOf(wire),
  });

  const rooms = customerRoutes(api, { tag: 'Rooms', deps, cc });

  rooms.get('/rooms', {
    summary: 'Rooms the caller may view (Rooms › View), filtered, by name',
    query: roomQuery,
    item: room,
    list: ({ caller, params, query: { limit, cursor, ...criteria } }) =>
      listRooms(caller, params.customerTenantId, criteria, { limit, cursor }, deps),
    present: wire<RoomView>,
  });

  rooms.post('/rooms', {
    summary: 'Onboard a room; it waits in Onboarding for its device (Rooms › Create)',
    body: createRoomBody,
    response: room,
    status: 201,
    run: createRoom,
  });

  rooms.get('/rooms/{roomId}', {
    summary: 'One room (Rooms › View)',
    response: room,
    run: getRoom,
  });

  rooms.patch('/rooms/{roomId}', {
    summary:
      'Change name, site, country or groups; the room stays inside your scope (Rooms › Modify)',
    body: modifyRoomBody,
    response: room,
    change: ({ params, body }) => ({ kind: 'room.modify', roomId: params.roomId, changes: body }),
    present: wire<RoomView>,
  });

  rooms.post('/rooms/{roomId}/unenroll', {
    summary: 'Stop monitoring the room (Rooms › Unenroll)',
    response: room,
    change: ({ params }) => ({ kind: 'room.unenroll', roomId: params.roomId }),
    present: wire<RoomView>,
  });

  rooms.post('/rooms/{roomId}/enrollment-key/reset', {
    summary:
      'Replace the enrollment key with a new random one; answers the new version only (Rooms › Reset key)',
    response: keyInfo,
    change: ({ params }) => ({ kind: 'room.resetKey', roomId: params.roomId }),
    present: wire<EnrollmentKeyView>,
  });

  rooms.get('/rooms/{roomId}/enrollment-key', {
    summary: 'The current enrollment key; every download is audited (Rooms › Download key)',
    response: keyFile,
    handler: async ({ caller, params, res }) => {
      const k = await gatedRead(cc, caller, params.customerTenantId, 'rooms.downloadKey', (audit) =>
        downloadEnrollmentKey(caller, params.customerTenantId, params.roomId, { ...deps, audit })
      );
      const info = wire<EnrollmentKeyView>(k);
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
