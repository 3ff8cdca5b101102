/**
 * The customer stays in control (issue #15) over HTTP: the controls per partner (Auto/Manual per
 * change action, just-in-time elevation, MFA), change requests and elevations. Every route
 * authorizes from the validated identity in the core; every mutation is audited in both logs.
 * `gatedChange` is what the resource routes call instead of applying a partner's change directly.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import { Accepted, type Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import type { Caller } from '../../core/identity/caller.ts';
import { guid } from '../contracts/common.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import {
  CHANGE_ACTIONS,
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
  JUSTIFICATION_MAX,
  REASON_MAX,
  SENSITIVE_ACTIONS,
  type ChangeInput,
  type ChangeRequest,
  type Elevation,
} from '../../core/change-control/model.ts';
import {
  getControlsAsCustomer,
  getControlsAsPartner,
  setControls,
  type ControlsView,
} from '../../core/change-control/controls.use-cases.ts';
import {
  approveChangeRequest,
  getChangeRequest,
  listChangeRequests,
  rejectChangeRequest,
  runSensitive,
  submitChange,
} from '../../core/change-control/change-requests.use-cases.ts';
import {
  approveElevation,
  endElevation,
  getElevation,
  listElevations,
  rejectElevation,
  requestElevation,
} from '../../core/change-control/elevation.use-cases.ts';

const isoDate = z.string().meta({ description: 'UTC time, ISO 8601' });
const mode = z.enum(['auto', 'manual']);
const sensitive = z.enum(SENSITIVE_ACTIONS);

const changeControlShape = Object.fromEntries(CHANGE_ACTIONS.map((a) => [a, mode])) as Record<
  (typeof CHANGE_ACTIONS)[number],
  typeof mode
>;

const controlsBody = z
  .strictObject({
    changeControl: z.strictObject(changeControlShape).meta({ description: 'Auto or Manual approval per change action.' }),
    elevation: z.strictObject({
      required: z.array(sensitive).max(SENSITIVE_ACTIONS.length).meta({ description: 'Sensitive actions that need a just-in-time elevation.' }),
      autoApprove: z.boolean().meta({ description: 'Approve elevation requests at once (still time-boxed and audited).' }),
    }),
    mfa: z.strictObject({
      required: z.boolean().meta({ description: 'Sensitive actions and elevation requests need a token with MFA evidence.' }),
    }),
  })
  .meta({ id: 'PartnerControlsInput' });

const controls = z
  .object({
    customerTenantId: z.string(),
    partnerTenantId: z.string(),
    changeControl: z.object(changeControlShape),
    elevation: z.object({ required: z.array(sensitive), autoApprove: z.boolean() }),
    mfa: z.object({ required: z.boolean() }),
    isDefault: z.boolean().meta({ description: 'True until the customer first saves them (they follow the invitation’s mode).' }),
    updatedAt: isoDate.optional(),
  })
  .meta({ id: 'PartnerControls' });

const actor = z.object({ userId: z.string(), tenantId: z.string(), name: z.string() }).meta({ id: 'Actor' });

export const changeRequestSchema = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    partnerTenantId: z.string(),
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
    decision: z
      .object({ kind: z.enum(['approved', 'rejected']), by: actor, at: isoDate, reason: z.string().optional() })
      .optional(),
    outcome: z
      .object({ at: isoDate, result: z.enum(['applied', 'refused']), code: z.string().optional(), message: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'ChangeRequest' });

const elevation = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    partnerTenantId: z.string(),
    requestedBy: actor,
    actions: z.array(sensitive),
    durationMinutes: z.number(),
    justification: z.string(),
    requestedAt: isoDate,
    expiresAt: isoDate.meta({ description: 'An unanswered request expires then.' }),
    status: z.enum(['pending', 'active', 'rejected', 'ended', 'expired']),
    startsAt: isoDate.optional(),
    endsAt: isoDate.optional(),
    decision: z
      .object({
        kind: z.enum(['approved', 'rejected']),
        by: z.union([actor, z.literal('policy')]),
        at: isoDate,
        reason: z.string().optional(),
      })
      .optional(),
    ended: z.object({ by: actor, at: isoDate, reason: z.string().optional() }).optional(),
  })
  .meta({ id: 'Elevation' });

const iso = (d: Date) => d.toISOString();

export const toChangeRequest = (r: ChangeRequest) => ({
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
  requestedAt: iso(r.requestedAt),
  expiresAt: iso(r.expiresAt),
  status: r.status,
  ...(r.decision ? { decision: { ...r.decision, at: iso(r.decision.at) } } : {}),
  ...(r.outcome ? { outcome: { ...r.outcome, at: iso(r.outcome.at) } } : {}),
});

const toElevation = (e: Elevation) => ({
  id: e.id,
  customerTenantId: e.customerTenantId,
  partnerTenantId: e.partnerTenantId,
  requestedBy: e.requestedBy,
  actions: e.actions,
  durationMinutes: e.durationMinutes,
  justification: e.justification,
  requestedAt: iso(e.requestedAt),
  expiresAt: iso(e.expiresAt),
  status: e.status,
  ...(e.startsAt ? { startsAt: iso(e.startsAt) } : {}),
  ...(e.endsAt ? { endsAt: iso(e.endsAt) } : {}),
  ...(e.decision ? { decision: { ...e.decision, at: iso(e.decision.at) } } : {}),
  ...(e.ended ? { ended: { ...e.ended, at: iso(e.ended.at) } } : {}),
});

const toControls = (c: ControlsView) => ({ ...c, updatedAt: c.updatedAt ? iso(c.updatedAt) : undefined });

/** Header carrying the partner's reason for a change (URL-encoded, so any language fits). */
export const JUSTIFICATION_HEADER = 'x-change-justification';

function justificationOf(req: Request): string | undefined {
  const raw = req.header(JUSTIFICATION_HEADER);
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw).slice(0, JUSTIFICATION_MAX + 1);
  } catch {
    return raw.slice(0, JUSTIFICATION_MAX + 1);
  }
}

/**
 * A change through the customer's controls: applied (the route's ordinary answer) or, for a
 * partner under Manual, a 202 with the change request.
 */
export async function gatedChange<T, R>(
  cc: ChangeControlDeps,
  caller: Caller,
  customerTenantId: string,
  change: ChangeInput,
  req: Request,
  answer: (result: T) => R
): Promise<R | Accepted<ReturnType<typeof toChangeRequest>>> {
  const outcome = await submitChange<T>(caller, customerTenantId, change, { justification: justificationOf(req) }, cc);
  return outcome.applied ? answer(outcome.result) : new Accepted(toChangeRequest(outcome.request));
}

/** A sensitive read (enrollment key download) through MFA and elevation. */
export const gatedRead = <T>(cc: ChangeControlDeps, caller: Caller, customerTenantId: string, action: string, work: () => Promise<T>) =>
  runSensitive(caller, customerTenantId, action, work, cc);

const partnerParams = z.strictObject({ partnerTenantId: guid });
const customerParams = z.strictObject({ customerTenantId: guid });
const requestParams = z.strictObject({ customerTenantId: guid, requestId: guid });
const elevationParams = z.strictObject({ customerTenantId: guid, elevationId: guid });
const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(REASON_MAX) });
const optionalReasonBody = z.strictObject({ reason: z.string().trim().max(REASON_MAX).optional() });
const listQuery = z.strictObject({
  status: z.enum(['pending', 'applying', 'applied', 'rejected', 'failed', 'expired']).optional(),
});
const elevationBody = z.strictObject({
  actions: z.array(sensitive).min(1).max(SENSITIVE_ACTIONS.length),
  durationMinutes: z.number().int().min(ELEVATION_MIN_MINUTES).max(ELEVATION_MAX_MINUTES).meta({ description: `${ELEVATION_MIN_MINUTES}–${ELEVATION_MAX_MINUTES} minutes` }),
  justification: z.string().trim().min(1).max(JUSTIFICATION_MAX),
});

export function registerChangeControlRoutes(api: Api, services: AppServices): void {
  const cc = services.changeControl;
  const tag = 'Change control';

  api.route({
    method: 'get',
    path: '/api/customer/partners/{partnerTenantId}/controls',
    tag,
    summary: 'Customer: the controls over one partner (Auto/Manual per change action, elevation, MFA)',
    params: partnerParams,
    response: controls,
    handler: async ({ caller, params }) => toControls(await getControlsAsCustomer(caller, params.partnerTenantId, cc)),
  });

  api.route({
    method: 'put',
    path: '/api/customer/partners/{partnerTenantId}/controls',
    tag,
    summary: 'Customer: replace the controls over one partner (Global admin / Teams Rooms Pro Manager)',
    params: partnerParams,
    body: controlsBody,
    response: controls,
    handler: async ({ caller, params, body }) => toControls(await setControls(caller, params.partnerTenantId, body, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/partner/customers/{customerTenantId}/controls',
    tag,
    summary: 'Partner: the controls this customer applies to your actions',
    params: customerParams,
    response: controls,
    handler: async ({ caller, params }) => toControls(await getControlsAsPartner(caller, params.customerTenantId, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/change-requests',
    tag,
    summary: 'Change requests: every one for the customer’s approvers, your partner’s for a partner user (newest first)',
    params: customerParams,
    query: listQuery,
    response: z.object({ items: z.array(changeRequestSchema) }),
    handler: async ({ caller, params, query }) => ({
      items: (await listChangeRequests(caller, params.customerTenantId, query, cc)).map(toChangeRequest),
    }),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/change-requests/{requestId}',
    tag,
    summary: 'One change request',
    params: requestParams,
    response: changeRequestSchema,
    handler: async ({ caller, params }) =>
      toChangeRequest(await getChangeRequest(caller, params.customerTenantId, params.requestId, cc)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/change-requests/{requestId}/approve',
    tag,
    summary: 'Approve and apply as the requester, re-authorized now (409 CHANGE_REQUEST.CONFLICT / REQUESTER_NOT_ALLOWED when refused)',
    params: requestParams,
    response: changeRequestSchema,
    handler: async ({ caller, params }) =>
      toChangeRequest(await approveChangeRequest(caller, params.customerTenantId, params.requestId, cc)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/change-requests/{requestId}/reject',
    tag,
    summary: 'Reject with a reason; the change is never applied',
    params: requestParams,
    body: reasonBody,
    response: changeRequestSchema,
    handler: async ({ caller, params, body }) =>
      toChangeRequest(await rejectChangeRequest(caller, params.customerTenantId, params.requestId, body.reason, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/elevations',
    tag,
    summary: 'Just-in-time elevations: every one for the customer’s approvers, your partner’s for a partner user',
    params: customerParams,
    response: z.object({ items: z.array(elevation) }),
    handler: async ({ caller, params }) => ({
      items: (await listElevations(caller, params.customerTenantId, cc)).map(toElevation),
    }),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/elevations',
    tag,
    summary: 'Partner: ask for a just-in-time elevation (30 min–8 h) for sensitive actions',
    params: customerParams,
    body: elevationBody,
    response: elevation,
    status: 201,
    handler: async ({ caller, params, body }) =>
      toElevation(await requestElevation(caller, params.customerTenantId, body, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/elevations/{elevationId}',
    tag,
    summary: 'One elevation',
    params: elevationParams,
    response: elevation,
    handler: async ({ caller, params }) =>
      toElevation(await getElevation(caller, params.customerTenantId, params.elevationId, cc)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/elevations/{elevationId}/approve',
    tag,
    summary: 'Approve an elevation: its window starts now',
    params: elevationParams,
    response: elevation,
    handler: async ({ caller, params }) =>
      toElevation(await approveElevation(caller, params.customerTenantId, params.elevationId, cc)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/elevations/{elevationId}/reject',
    tag,
    summary: 'Reject an elevation request with a reason',
    params: elevationParams,
    body: reasonBody,
    response: elevation,
    handler: async ({ caller, params, body }) =>
      toElevation(await rejectElevation(caller, params.customerTenantId, params.elevationId, body.reason, cc)),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/elevations/{elevationId}/end',
    tag,
    summary: 'End a running elevation early',
    params: elevationParams,
    body: optionalReasonBody,
    response: elevation,
    handler: async ({ caller, params, body }) =>
      toElevation(await endElevation(caller, params.customerTenantId, params.elevationId, body.reason, cc)),
  });
}
