/**
 * The Customer dropdown and the Rooms page (PRODUCT.md §4.7, §4.12). Per-customer routes live
 * under /api/customers/{customerTenantId}; a customer the caller holds nothing in is
 * CUSTOMER.NOT_FOUND, a room outside their scope ROOM.NOT_FOUND. Registered by
 * resources.routes.ts.
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import { guid } from '../schemas.ts';
import { pageQuery } from '../pagination.ts';
import { PERMISSIONS } from '../../core/authz/permissions.ts';
import { ENROLLMENT_STATUS, ROOM_HEALTH } from '../../core/resources/resources.model.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
import { listCustomerChoices } from '../../core/resources/customers.use-cases.ts';
import {
  createRoom,
  downloadEnrollmentKey,
  getRoom,
  listRooms,
} from '../../core/resources/rooms.use-cases.ts';
import type { EnrollmentKeyView, RoomView } from '../../core/resources/resources.views.ts';
import { page } from './partners.routes.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { changeRequestSchema, gatedChange, gatedRead } from './change-control.routes.ts';

export const isoDate = z.string().meta({ description: 'UTC time, ISO 8601' });
export const customerParams = z.strictObject({ customerTenantId: guid });
const roomParams = z.strictObject({ customerTenantId: guid, roomId: guid });

const customerChoice = z
  .object({
    customerTenantId: z.string(),
    displayName: z.string(),
    primaryDomain: z.string().nullable(),
    side: z.enum(['own', 'partner']),
    grantedPermissions: z.array(z.enum(PERMISSIONS)),
  })
  .meta({ id: 'CustomerChoice' });

const room = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    displayName: z.string(),
    site: z.string(),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2' }),
    health: z.enum(ROOM_HEALTH),
    groupIds: z.array(z.string()),
    ringId: z.string(),
    enrollment: z.object({
      status: z.enum(ENROLLMENT_STATUS),
      keyVersion: z.number(),
      enrolledAt: isoDate.optional(),
      unenrolledAt: isoDate.optional(),
    }),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Room' });

const keyInfo = z
  .object({ roomId: z.string(), keyVersion: z.number(), issuedAt: isoDate })
  .meta({ id: 'EnrollmentKeyInfo' });
const keyFile = keyInfo
  .extend({ key: z.string().meta({ description: 'The self-enrollment key (a secret).' }) })
  .meta({ id: 'EnrollmentKey' });

const toRoom = (r: RoomView) => ({
  ...r,
  enrollment: {
    status: r.enrollment.status,
    keyVersion: r.enrollment.keyVersion,
    ...(r.enrollment.enrolledAt ? { enrolledAt: r.enrollment.enrolledAt.toISOString() } : {}),
    ...(r.enrollment.unenrolledAt ? { unenrolledAt: r.enrollment.unenrolledAt.toISOString() } : {}),
  },
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const toKeyInfo = (k: EnrollmentKeyView) => ({ ...k, issuedAt: k.issuedAt.toISOString() });

const name = z.string().trim().min(1).max(100);
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
  .transform((s) => s.toUpperCase());
const groupIds = z.array(guid).max(20);

const roomQuery = z.strictObject({
  ...pageQuery.shape,
  health: z.enum(ROOM_HEALTH).optional(),
  site: name.optional(),
  country: country.optional(),
  groupId: guid.optional(),
  ringId: guid.optional(),
  enrollment: z.enum(ENROLLMENT_STATUS).optional(),
  search: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the room name (case-insensitive, literal).' }),
});

const createRoomBody = z.strictObject({
  displayName: name,
  site: name,
  country,
  groupIds: groupIds.default([]),
  ringId: guid.optional().meta({ description: 'Defaults to the General ring.' }),
});

const modifyRoomBody = z
  .strictObject({ displayName: name.optional(), site: name.optional(), country: country.optional(), groupIds: groupIds.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Change at least one field.' });

export function registerRoomRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Rooms';

  api.route({
    method: 'get',
    path: '/api/customers',
    tag: 'Customers',
    summary: 'The Customer dropdown: tenants where the caller holds some right, own tenant first, with those rights',
    response: z.object({ items: z.array(customerChoice) }),
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
    handler: async ({ caller, params, query }) => {
      const { limit, cursor, ...criteria } = query;
      const r = await listRooms(caller, params.customerTenantId, criteria, { limit, cursor }, deps);
      return { ...r, items: r.items.map(toRoom) };
    },
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
    handler: async ({ caller, params, body }) => toRoom(await createRoom(caller, params.customerTenantId, body, deps)),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}',
    tag,
    summary: 'One room (Rooms › View)',
    params: roomParams,
    response: room,
    handler: async ({ caller, params }) => toRoom(await getRoom(caller, params.customerTenantId, params.roomId, deps)),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}',
    tag,
    summary: 'Change name, site, country or groups; the room stays inside your scope (Rooms › Modify)',
    params: roomParams,
    body: modifyRoomBody,
    response: room,
    accepted: changeRequestSchema,
    handler: ({ caller, params, body, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'room.modify', roomId: params.roomId, changes: body }, req, toRoom),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}/unenroll',
    tag,
    summary: 'Stop monitoring the room (Rooms › Unenroll)',
    params: roomParams,
    response: room,
    accepted: changeRequestSchema,
    handler: ({ caller, params, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'room.unenroll', roomId: params.roomId }, req, toRoom),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/rooms/{roomId}/enrollment-key/reset',
    tag,
    summary: 'Replace the enrollment key with a new random one; answers the new version only (Rooms › Reset key)',
    params: roomParams,
    response: keyInfo,
    accepted: changeRequestSchema,
    handler: ({ caller, params, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'room.resetKey', roomId: params.roomId }, req, toKeyInfo),
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
      res.setHeader('content-disposition', `attachment; filename="enrollment-key-${params.roomId}-v${info.keyVersion}.json"`);
      return { ...info, key: k.key };
    },
  });
}
