/**
 * The partner side's HTTP contract (PRODUCT.md §4.1–4.5): the invitation inbox, the Tenants list
 * and detail, tenant managers and Primary admins. Route validation, the OpenAPI document and the
 * types below (which the tab imports type-only) all come from here.
 */
import { z } from 'zod';
import { BREAK_GLASS_REASON_MAX, BREAK_GLASS_REASON_MIN } from '../../core/partners/model.ts';
import { counterpart, invitationTerms, isoDate, memberRef, memberView } from './common.ts';

export const scopeSummary = z
  .object({ allRooms: z.boolean(), roomCount: z.number(), roomGroupCount: z.number() })
  .meta({ id: 'ScopeSummary' });

export const namedRef = z.object({ id: z.string(), displayName: z.string() });

export const inboxItem = z
  .object({
    ...invitationTerms('customer', scopeSummary),
    createdByName: z.string(),
    createdAt: isoDate,
  })
  .meta({ id: 'PartnerInboxItem' });

export const customerSummary = z
  .object({
    relationshipId: z.string(),
    ...counterpart('customer'),
    acceptedAt: isoDate,
    scope: scopeSummary,
    isPrimaryAdmin: z.boolean(),
  })
  .meta({ id: 'CustomerSummary' });

export const customerDetail = customerSummary
  .extend({
    primaryAdmins: z.array(memberView),
    primaryAdminsRoleDeleted: z.boolean(),
    mayManagePrimaryAdmins: z.boolean().meta({
      description:
        'The caller holds Role management › Modify here (adds / removes Primary admins).',
    }),
    rooms: z
      .object({ allRooms: z.boolean(), rooms: z.array(namedRef), roomGroups: z.array(namedRef) })
      .optional()
      .meta({ description: "The scope's rooms and room groups by name (Primary admins only)." }),
  })
  .meta({ id: 'CustomerDetail' });

export const acceptBody = z.strictObject({ primaryAdmins: z.array(memberRef).min(1).max(50) });
export const breakGlassBody = z.strictObject({
  member: memberRef,
  reason: z
    .string()
    .trim()
    .min(BREAK_GLASS_REASON_MIN)
    .max(BREAK_GLASS_REASON_MAX)
    .meta({ description: "Why; kept in the customer's audit log and shown to the customer." }),
});

export type ScopeSummary = z.infer<typeof scopeSummary>;
export type InboxItem = z.infer<typeof inboxItem>;
export type CustomerSummary = z.infer<typeof customerSummary>;
export type CustomerDetail = z.infer<typeof customerDetail>;
