/**
 * Pro Management resources over HTTP (PRODUCT.md §4.12): the Customer dropdown and rooms
 * (rooms.routes.ts), room groups, update rings and the customer's Teams Rooms Pro settings.
 * Every action is gated by its own permission through the authorization engine; every mutation
 * is audited in the caller's log and the customer's.
 */
import { z } from 'zod';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { guid } from '../schemas.ts';
import { buildResourcesDeps } from '../../data/resources.repositories.ts';
import { WEEKDAYS } from '../../core/resources/resources.model.ts';
import type { ResourcesDeps } from '../../core/resources/resources.ports.ts';
import {
  createRoomGroup,
  listRoomGroups,
} from '../../core/resources/room-groups.use-cases.ts';
import {
  MAX_ROOMS_PER_MOVE,
  createRing,
  deleteRing,
  listRings,
  modifyRing,
  moveRoomsToRing,
} from '../../core/resources/update-rings.use-cases.ts';
import { getSettings } from '../../core/resources/settings.use-cases.ts';
import { MAX_ALERT_CONTACTS } from '../../core/resources/settings.rules.ts';
import type { RoomGroupView, SettingsView } from '../../core/resources/resources.views.ts';
import { page, pageOnly } from './partners.routes.ts';
import { customerParams, isoDate, registerRoomRoutes } from './rooms.routes.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { changeRequestSchema, gatedChange } from './change-control.routes.ts';

const nonEmpty = (b: Record<string, unknown>) => Object.values(b).some((v) => v !== undefined);
const oneField = { message: 'Change at least one field.' };

// ------------------------------------------------------------------ room groups

const roomGroup = z
  .object({
    id: z.string(),
    displayName: z.string(),
    description: z.string(),
    roomCount: z.number().meta({ description: 'Rooms of the group the caller may view.' }),
    createdAt: isoDate,
  })
  .meta({ id: 'RoomGroup' });
const toGroup = (g: RoomGroupView) => ({ ...g, createdAt: g.createdAt.toISOString() });
const groupName = z.string().trim().min(1).max(100);
const description = z.string().trim().max(500);

// ------------------------------------------------------------------ update rings

const ring = z
  .object({
    id: z.string(),
    displayName: z.string(),
    order: z.number().meta({ description: '0 for Staging; every other ring a unique 1–9.' }),
    builtIn: z.boolean(),
    deferralDays: z.number().meta({ description: '0–60 days after release.' }),
    description: z.string(),
    roomCount: z.number().meta({ description: 'Rooms of the ring the caller may view.' }),
  })
  .meta({ id: 'UpdateRing' });
const ringName = z.string().trim().min(1).max(64);
const order = z.number().int().meta({ description: 'Position 1–9 in the rollout sequence.' });
const deferralDays = z.number().int().meta({ description: 'Days after release, 0–60.' });
const ringParams = z.strictObject({ customerTenantId: guid, ringId: guid });

// ------------------------------------------------------------------ settings

const hhmm = z.string().meta({ example: '02:00', description: 'HH:MM, 24-hour' });
const severity = z.enum(['Important', 'Warning']);
const settingsShape = {
  timeZone: z.string().min(1).max(64).meta({ example: 'Europe/Paris', description: 'IANA time zone' }),
  maintenanceWindow: z.strictObject({
    days: z.array(z.enum(WEEKDAYS)).max(7),
    start: hhmm,
    durationMinutes: z.number().int().meta({ description: '30–720' }),
  }),
  notifications: z.strictObject({
    contacts: z.array(z.string().trim().max(254)).max(MAX_ALERT_CONTACTS),
    severities: z.array(severity).max(2),
    weeklyHealthDigest: z.boolean(),
  }),
  features: z.strictObject({
    automaticUpdates: z.boolean(),
    autoResolveIncidents: z.boolean(),
    customerReportedIssues: z.boolean(),
  }),
};
const settingsBody = z.strictObject(settingsShape).meta({ id: 'RoomsProSettingsInput' });
const settingsPatch = z
  .strictObject({
    timeZone: settingsShape.timeZone.optional(),
    maintenanceWindow: settingsShape.maintenanceWindow.partial().optional(),
    notifications: settingsShape.notifications.partial().optional(),
    features: settingsShape.features.partial().optional(),
  })
  .refine(nonEmpty, oneField)
  .meta({ id: 'RoomsProSettingsPatch' });
const settingsView = z
  .object({
    ...settingsShape,
    isDefault: z.boolean().meta({ description: 'True until the settings are first saved.' }),
    updatedAt: isoDate.optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'RoomsProSettings' });
const toSettings = (s: SettingsView) => ({ ...s, updatedAt: s.updatedAt?.toISOString() });

/** Registers every resource route (rooms included) over one set of repositories. */
export function registerResourceRoutes(api: Api, services: AppServices): void {
  const deps = buildResourcesDeps(services.store, { audit: services.audit, grantsFor: services.grantsFor });
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
    summary: 'Room groups the caller may see, with counts of the rooms they may view (Group management › View)',
    params: customerParams,
    query: pageOnly,
    response: page(roomGroup),
    handler: async ({ caller, params, query }) => {
      const r = await listRoomGroups(caller, params.customerTenantId, query, deps);
      return { ...r, items: r.items.map(toGroup) };
    },
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/room-groups',
    tag,
    summary: 'Create a room group; names are unique per customer (Group management › Create)',
    params: customerParams,
    body: z.strictObject({ displayName: groupName, description: description.optional() }),
    response: roomGroup,
    status: 201,
    handler: async ({ caller, params, body }) =>
      toGroup(await createRoomGroup(caller, params.customerTenantId, body, deps)),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/room-groups/{groupId}',
    tag,
    summary: 'Rename or describe a room group (Group management › Modify over the group)',
    params: z.strictObject({ customerTenantId: guid, groupId: guid }),
    body: z
      .strictObject({ displayName: groupName.optional(), description: description.optional() })
      .refine(nonEmpty, oneField),
    response: roomGroup,
    accepted: changeRequestSchema,
    handler: ({ caller, params, body, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'roomGroup.modify', groupId: params.groupId, changes: body }, req, toGroup),
  });
}

function registerRingRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Update rings';
  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/update-rings',
    tag,
    summary: 'Update rings by order, with counts of the rooms the caller may view (Update ring › View)',
    params: customerParams,
    response: z.object({ items: z.array(ring) }),
    handler: async ({ caller, params }) => ({ items: await listRings(caller, params.customerTenantId, deps) }),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/update-rings',
    tag,
    summary: 'Create a custom ring (Update ring › Modify over every room)',
    params: customerParams,
    body: z.strictObject({ displayName: ringName, order, deferralDays, description: description.optional() }),
    response: ring,
    status: 201,
    handler: ({ caller, params, body }) => createRing(caller, params.customerTenantId, body, deps),
  });

  api.route({
    method: 'patch',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}',
    tag,
    summary: 'Change a ring; built-ins keep their name, Staging its order (Update ring › Modify over every room)',
    params: ringParams,
    body: z
      .strictObject({
        displayName: ringName.optional(),
        order: order.optional(),
        deferralDays: deferralDays.optional(),
        description: description.optional(),
      })
      .refine(nonEmpty, oneField),
    response: ring,
    accepted: changeRequestSchema,
    handler: ({ caller, params, body, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'updateRing.modify', ringId: params.ringId, changes: body }, req, (r: Awaited<ReturnType<typeof modifyRing>>) => r),
  });

  api.route({
    method: 'delete',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}',
    tag,
    summary: 'Delete a custom ring; its rooms move to General (Update ring › Modify over every room)',
    params: ringParams,
    response: z.object({ ringId: z.string(), movedToRingId: z.string(), movedRooms: z.number() }),
    handler: ({ caller, params }) => deleteRing(caller, params.customerTenantId, params.ringId, deps),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/update-rings/{ringId}/rooms',
    tag,
    summary: 'Move rooms to this ring, all or nothing (Update ring › Modify on each room)',
    params: ringParams,
    body: z.strictObject({ roomIds: z.array(guid).min(1).max(MAX_ROOMS_PER_MOVE) }),
    response: z.object({
      ringId: z.string(),
      requested: z.number(),
      moved: z.number(),
      alreadyInRing: z.number(),
    }),
    handler: ({ caller, params, body }) =>
      moveRoomsToRing(caller, params.customerTenantId, params.ringId, body.roomIds, deps),
  });
}

function registerSettingsRoutes(api: Api, deps: ResourcesDeps, cc: ChangeControlDeps): void {
  const tag = 'Settings';
  const path = '/api/customers/{customerTenantId}/settings';
  api.route({
    method: 'get',
    path,
    tag,
    summary: "The customer's Teams Rooms Pro settings, defaults until first saved (MMR settings › View)",
    params: customerParams,
    response: settingsView,
    handler: async ({ caller, params }) => toSettings(await getSettings(caller, params.customerTenantId, deps)),
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
    handler: ({ caller, params, body, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'settings.modify', change: { replace: body } }, req, toSettings),
  });

  api.route({
    method: 'patch',
    path,
    tag,
    summary: 'Change some Teams Rooms Pro settings; arrays are replaced whole (MMR settings › Modify)',
    params: customerParams,
    body: settingsPatch,
    response: settingsView,
    accepted: changeRequestSchema,
    handler: ({ caller, params, body, req }) =>
      gatedChange(cc, caller, params.customerTenantId, { kind: 'settings.modify', change: { merge: body } }, req, toSettings),
  });
}
