/**
 * The rooms feature's HTTP contract (PRODUCT.md §4.7, §4.12): the Customer dropdown, rooms and
 * their enrollment keys. Route validation, the OpenAPI document and the types below (which the
 * tab imports type-only) all come from here.
 */
import { z } from 'zod';
import { PERMISSIONS } from '../../core/authz/permissions.ts';
import { ENROLLMENT_STATUS, ROOM_HEALTH } from '../../core/resources/resources.model.ts';
import { atLeastOne, guid, isoDate, itemsOf, oneField, pageQuery } from './common.ts';

export const customerChoice = z
  .object({
    customerTenantId: z.string(),
    displayName: z.string(),
    primaryDomain: z.string().nullable(),
    side: z.enum(['own', 'partner']),
    grantedPermissions: z.array(z.enum(PERMISSIONS)),
  })
  .meta({ id: 'CustomerChoice' });

export const room = z
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

export const keyInfo = z
  .object({ roomId: z.string(), keyVersion: z.number(), issuedAt: isoDate })
  .meta({ id: 'EnrollmentKeyInfo' });
export const keyFile = keyInfo
  .extend({ key: z.string().meta({ description: 'The self-enrollment key (a secret).' }) })
  .meta({ id: 'EnrollmentKey' });

export const name = z.string().trim().min(1).max(100);
export const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
  .transform((s) => s.toUpperCase());
export const groupIds = z.array(guid).max(20);

export const roomQuery = z.strictObject({
  ...pageQuery.shape,
  health: z.enum(ROOM_HEALTH).optional(),
  site: name.optional(),
  country: country.optional(),
  groupId: guid.optional(),
  ringId: guid.optional(),
  enrollment: z.enum(ENROLLMENT_STATUS).optional(),
  search: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Part of the room name (case-insensitive, literal).' }),
});

export const createRoomBody = z.strictObject({
  displayName: name,
  site: name,
  country,
  groupIds: groupIds.default([]),
  ringId: guid.optional().meta({ description: 'Defaults to the General ring.' }),
});

export const modifyRoomBody = z
  .strictObject({
    displayName: name.optional(),
    site: name.optional(),
    country: country.optional(),
    groupIds: groupIds.optional(),
  })
  .refine(atLeastOne, oneField);

export const customerChoices = itemsOf(customerChoice);

export type CustomerChoice = z.infer<typeof customerChoice>;
export type Room = z.infer<typeof room>;
export type RoomFilter = Omit<z.infer<typeof roomQuery>, 'limit' | 'cursor'>;
export type RoomInput = z.infer<typeof createRoomBody>;
export type RoomChanges = z.infer<typeof modifyRoomBody>;
export type EnrollmentKeyInfo = z.infer<typeof keyInfo>;
export type EnrollmentKey = z.infer<typeof keyFile>;
