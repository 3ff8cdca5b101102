/**
 * The Pro Management resources' HTTP contract (PRODUCT.md §4.12): room groups, update rings and
 * the customer's Teams Rooms Pro settings (rooms: rooms.ts). Route validation, the OpenAPI
 * document and the types below (which the tab imports type-only) all come from here.
 */
import { z } from 'zod';
import { WEEKDAYS } from '../../core/resources/resources.model.ts';
import { SEVERITIES } from '../../core/tickets/ticket.model.ts';
import { MAX_ROOMS_PER_MOVE } from '../../core/resources/update-rings.use-cases.ts';
import { MAX_ALERT_CONTACTS } from '../../core/resources/settings.rules.ts';
import { atLeastOne, guid, isoDate, itemsOf, oneField } from './common.ts';

// ------------------------------------------------------------------ room groups

export const roomGroup = z
  .object({
    id: z.string(),
    displayName: z.string(),
    description: z.string(),
    roomCount: z.number().meta({ description: 'Rooms of the group the caller may view.' }),
    createdAt: isoDate,
  })
  .meta({ id: 'RoomGroup' });
export const groupName = z.string().trim().min(1).max(100);
export const description = z.string().trim().max(500);

// ------------------------------------------------------------------ update rings

export const ring = z
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
export const ringName = z.string().trim().min(1).max(64);
export const order = z
  .number()
  .int()
  .meta({ description: 'Position 1–9 in the rollout sequence.' });
export const deferralDays = z.number().int().meta({ description: 'Days after release, 0–60.' });

// ------------------------------------------------------------------ settings

export const hhmm = z.string().meta({ example: '02:00', description: 'HH:MM, 24-hour' });
export const severity = z.enum(SEVERITIES);
export const settingsShape = {
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .meta({ example: 'Europe/Paris', description: 'IANA time zone' }),
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
export const settingsBody = z.strictObject(settingsShape).meta({ id: 'RoomsProSettingsInput' });
export const settingsPatch = z
  .strictObject({
    timeZone: settingsShape.timeZone.optional(),
    maintenanceWindow: settingsShape.maintenanceWindow.partial().optional(),
    notifications: settingsShape.notifications.partial().optional(),
    features: settingsShape.features.partial().optional(),
  })
  .refine(atLeastOne, oneField)
  .meta({ id: 'RoomsProSettingsPatch' });
export const settingsView = z
  .object({
    ...settingsShape,
    isDefault: z.boolean().meta({ description: 'True until the settings are first saved.' }),
    updatedAt: isoDate.optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'RoomsProSettings' });

export const createGroupBody = z.strictObject({
  displayName: groupName,
  description: description.optional(),
});
export const modifyGroupBody = z
  .strictObject({ displayName: groupName.optional(), description: description.optional() })
  .refine(atLeastOne, oneField);
export const createRingBody = z.strictObject({
  displayName: ringName,
  order,
  deferralDays,
  description: description.optional(),
});
export const modifyRingBody = z
  .strictObject({
    displayName: ringName.optional(),
    order: order.optional(),
    deferralDays: deferralDays.optional(),
    description: description.optional(),
  })
  .refine(atLeastOne, oneField);
export const ringDeleted = z.object({
  ringId: z.string(),
  movedToRingId: z.string(),
  movedRooms: z.number(),
});
export const moveRoomsBody = z.strictObject({
  roomIds: z.array(guid).min(1).max(MAX_ROOMS_PER_MOVE),
});
export const roomsMoved = z.object({
  ringId: z.string(),
  requested: z.number(),
  moved: z.number(),
  alreadyInRing: z.number(),
});
export const ringList = itemsOf(ring);

export type RoomGroup = z.infer<typeof roomGroup>;
export type RoomGroupInput = z.infer<typeof createGroupBody>;
export type UpdateRing = z.infer<typeof ring>;
export type RingInput = z.infer<typeof createRingBody>;
export type RoomsProSettings = z.infer<typeof settingsView>;
export type RoomsProSettingsInput = z.infer<typeof settingsBody>;
