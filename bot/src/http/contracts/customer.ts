/**
 * The customer side's HTTP contract (PRODUCT.md §4.9–4.10): invitations sent to partners and the
 * Partners list with their roles and assignments. Route validation, the OpenAPI document and the
 * types below (which the tab imports type-only) all come from here.
 */
import { z } from 'zod';
import {
  MAX_EXPIRY_DAYS,
  MIN_EXPIRY_DAYS,
  PRIMARY_ADMINS_ROLE_ID,
} from '../../core/partners/model.ts';
import {
  changeControl,
  counterpart,
  guid,
  invitationTerms,
  isoDate,
  memberView,
  roomScope,
  scopeInput,
} from './common.ts';
import { assignment, role } from './roles.ts';

export const invitation = z
  .object({
    ...invitationTerms('partner', roomScope),
    createdAt: isoDate,
    createdBy: z.string(),
    createdByName: z.string(),
  })
  .meta({ id: 'CustomerInvitation' });

/** A partner's role as its customer sees it: the role, without its timestamps. */
export const partnerRole = role
  .omit({ createdAt: true, updatedAt: true })
  .meta({ id: 'PartnerRole' });

/** A partner's assignment as its customer sees it: who, which role, where, alerts. */
export const partnerAssignment = assignment
  .pick({ id: true, roleId: true, members: true, scope: true, notify: true })
  .meta({ id: 'PartnerAssignment' });

export const breakGlass = z
  .object({
    at: isoDate,
    actorId: z.string(),
    actorName: z.string(),
    member: memberView,
    reason: z.string(),
  })
  .meta({
    id: 'PrimaryAdminsBreakGlass',
    description:
      "The partner's Global admin restored a Primary admin because none could act any more.",
  });

export const partner = z
  .object({
    relationshipId: z.string(),
    ...counterpart('partner'),
    acceptedAt: isoDate,
    changeControl,
    scope: roomScope,
    primaryAdmins: z.array(memberView),
    primaryAdminsRoleDeleted: z.boolean(),
    breakGlass: breakGlass.nullable(),
    roles: z.array(partnerRole),
    assignments: z.array(partnerAssignment),
  })
  .meta({ id: 'Partner' });

export const createInvitationBody = z.strictObject({
  partnerDomain: z.string().trim().min(1).max(253).meta({ example: 'fabrikam.example' }),
  expiresInDays: z
    .number()
    .int()
    .meta({
      description: `Days until the invitation expires, ${MIN_EXPIRY_DAYS}–${MAX_EXPIRY_DAYS}.`,
    }),
  changeControl: changeControl
    .default('auto')
    .meta({ description: 'Approval of partner changes; auto applies today (manual is stored).' }),
  scope: scopeInput,
  agreeToTerms: z.literal(true),
});

/** A partner's role or assignment by id; the built-in Primary admins by `primary-admins`. */
export const partnerGrantId = z.union([guid, z.literal(PRIMARY_ADMINS_ROLE_ID)]);

export type CustomerInvitation = z.infer<typeof invitation>;
export type PartnerRole = z.infer<typeof partnerRole>;
export type PartnerAssignment = z.infer<typeof partnerAssignment>;
export type Partner = z.infer<typeof partner>;
export type NewInvitation = z.infer<typeof createInvitationBody>;
