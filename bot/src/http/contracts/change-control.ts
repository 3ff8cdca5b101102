/**
 * The customer's controls over a partner over HTTP (issue #15): controls, change requests and
 * elevations, each schema once with its wire mapper. The tab imports the types type-only.
 */
import { z } from 'zod';
import { isoDate, itemsOf, wire } from './common.ts';
import {
  CHANGE_ACTIONS,
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
  JUSTIFICATION_MAX,
  REASON_MAX,
  SENSITIVE_ACTIONS,
  type ChangeRequest,
  type Elevation,
} from '../../core/change-control/model.ts';

const mode = z.enum(['auto', 'manual']);
const sensitive = z.enum(SENSITIVE_ACTIONS);

const changeControlShape = Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, mode])) as Record<
  (typeof CHANGE_ACTIONS)[number],
  typeof mode
>;

/** The relationship a control, a change request or an elevation belongs to. */
const relationship = { customerTenantId: z.string(), partnerTenantId: z.string() };

export const controlsBody = z
  .strictObject({
    changeControl: z
      .strictObject(changeControlShape)
      .meta({ description: 'Auto or Manual approval per change action.' }),
    elevation: z.strictObject({
      required: z
        .array(sensitive)
        .max(SENSITIVE_ACTIONS.length)
        .meta({ description: 'Sensitive actions that need a just-in-time elevation.' }),
      autoApprove: z.boolean().meta({
        description: 'Approve elevation requests at once (still time-boxed and audited).',
      }),
    }),
    mfa: z.strictObject({
      required: z.boolean().meta({
        description: 'Sensitive actions and elevation requests need a token with MFA evidence.',
      }),
    }),
  })
  .meta({ id: 'PartnerControlsInput' });

export const controls = z
  .object({
    ...relationship,
    changeControl: z.object(changeControlShape),
    elevation: z.object({ required: z.array(sensitive), autoApprove: z.boolean() }),
    mfa: z.object({ required: z.boolean() }),
    isDefault: z.boolean().meta({
      description: 'True until the customer first saves them (they follow the invitation’s mode).',
    }),
    updatedAt: isoDate.optional(),
  })
  .meta({ id: 'PartnerControls' });

export const actor = z
  .object({ userId: z.string(), tenantId: z.string(), name: z.string() })
  .meta({ id: 'Actor' });

/** The customer's answer to a request: by an approver (or, for elevations, by policy). */
const decision = <By extends z.ZodType>(by: By) =>
  z.object({
    kind: z.enum(['approved', 'rejected']),
    by,
    at: isoDate,
    reason: z.string().optional(),
  });

export const changeRequestSchema = z
  .object({
    id: z.string(),
    ...relationship,
    action: z.enum(CHANGE_ACTIONS),
    objectType: z.string(),
    objectId: z.string(),
    objectName: z.string(),
    diff: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    requestedBy: actor,
    justification: z.string(),
    requestedAt: isoDate,
    expiresAt: isoDate,
    status: z.enum(['pending', 'applying', 'applied', 'rejected', 'failed', 'expired']),
    decision: decision(actor).optional(),
    outcome: z
      .object({
        at: isoDate,
        result: z.enum(['applied', 'refused']),
        code: z.string().optional(),
        message: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'ChangeRequest' });

export const elevation = z
  .object({
    id: z.string(),
    ...relationship,
    requestedBy: actor,
    actions: z.array(sensitive),
    durationMinutes: z.number(),
    justification: z.string(),
    requestedAt: isoDate,
    expiresAt: isoDate.meta({ description: 'An unanswered request expires then.' }),
    status: z.enum(['pending', 'active', 'rejected', 'ended', 'expired']),
    startsAt: isoDate.optional(),
    endsAt: isoDate.optional(),
    decision: decision(z.union([actor, z.literal('policy')])).optional(),
    ended: z.object({ by: actor, at: isoDate, reason: z.string().optional() }).optional(),
  })
  .meta({ id: 'Elevation' });

/** A change request on the wire: the model less what only the server uses (the change itself, the lease). */
export const toChangeRequest = (r: ChangeRequest): ChangeRequestView =>
  wire({
    id: r.id,
    customerTenantId: r.customerTenantId,
    partnerTenantId: r.partnerTenantId,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    objectName: r.objectName,
    diff: r.diff,
    requestedBy: r.requestedBy,
    justification: r.justification,
    requestedAt: r.requestedAt,
    expiresAt: r.expiresAt,
    status: r.status,
    decision: r.decision,
    outcome: r.outcome,
  });

export const toElevation = (e: Elevation): ElevationView =>
  wire({
    id: e.id,
    customerTenantId: e.customerTenantId,
    partnerTenantId: e.partnerTenantId,
    requestedBy: e.requestedBy,
    actions: e.actions,
    durationMinutes: e.durationMinutes,
    justification: e.justification,
    requestedAt: e.requestedAt,
    expiresAt: e.expiresAt,
    status: e.status,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    decision: e.decision,
    ended: e.ended,
  });

export const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(REASON_MAX) });
export const optionalReasonBody = z.strictObject({
  reason: z.string().trim().max(REASON_MAX).optional(),
});
export const listQuery = z.strictObject({
  status: z.enum(['pending', 'applying', 'applied', 'rejected', 'failed', 'expired']).optional(),
});
export const elevationBody = z.strictObject({
  actions: z.array(sensitive).min(1).max(SENSITIVE_ACTIONS.length),
  durationMinutes: z
    .number()
    .int()
    .min(ELEVATION_MIN_MINUTES)
    .max(ELEVATION_MAX_MINUTES)
    .meta({ description: `${ELEVATION_MIN_MINUTES}–${ELEVATION_MAX_MINUTES} minutes` }),
  justification: z.string().trim().min(1).max(JUSTIFICATION_MAX),
});

export const changeRequestList = itemsOf(changeRequestSchema);
export const elevationList = itemsOf(elevation);

export type ChangeRequestView = z.infer<typeof changeRequestSchema>;
export type ElevationView = z.infer<typeof elevation>;
export type PartnerControlsView = z.infer<typeof controls>;
export type PartnerControlsInput = z.infer<typeof controlsBody>;
