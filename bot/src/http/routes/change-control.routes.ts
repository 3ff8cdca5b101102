/**
 * The customer stays in control (issue #15) over HTTP: the controls per partner (Auto/Manual per
 * change action, just-in-time elevation, MFA), change requests and elevations. Every route
 * authorizes from the validated identity in the core; every mutation is audited in both logs.
 * `gatedChange` is what the resource routes call instead of applying a partner's change directly.
 */
import type { Request } from 'restify';
import { Accepted, type Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import type { Caller } from '../../core/identity/caller.ts';
import {
  changeRequestList,
  changeRequestSchema,
  controls,
  controlsBody,
  elevation,
  elevationList,
  elevationBody,
  elevationParams,
  listQuery,
  optionalReasonBody,
  partnerParams,
  reasonBody,
  requestParams,
  toChangeRequest,
  toControls,
  toElevation,
} from '../contracts/change-control.ts';
import { customerParams } from '../contracts/common.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import { JUSTIFICATION_MAX, type ChangeInput } from '../../core/change-control/model.ts';
import {
  getControlsAsCustomer,
  getControlsAsPartner,
  setControls,
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
  const outcome = await submitChange<T>(
    caller,
    customerTenantId,
    change,
    { justification: justificationOf(req) },
    cc
  );
  return outcome.applied ? answer(outcome.result) : new Accepted(toChangeRequest(outcome.request));
}

/** A sensitive read (enrollment key download) through MFA and elevation. */
export const gatedRead = <T>(
  cc: ChangeControlDeps,
  caller: Caller,
  customerTenantId: string,
  action: string,
  work: () => Promise<T>
) => runSensitive(caller, customerTenantId, action, work, cc);

export function registerChangeControlRoutes(api: Api, services: AppServices): void {
  const cc = services.changeControl;
  const tag = 'Change control';

  api.route({
    method: 'get',
    path: '/api/customer/partners/{partnerTenantId}/controls',
    tag,
    summary:
      'Customer: the controls over one partner (Auto/Manual per change action, elevation, MFA)',
    params: partnerParams,
    response: controls,
    handler: async ({ caller, params }) =>
      toControls(await getControlsAsCustomer(caller, params.partnerTenantId, cc)),
  });

  api.route({
    method: 'put',
    path: '/api/customer/partners/{partnerTenantId}/controls',
    tag,
    summary:
      'Customer: replace the controls over one partner (Global admin / Teams Rooms Pro Manager)',
    params: partnerParams,
    body: controlsBody,
    response: controls,
    handler: async ({ caller, params, body }) =>
      toControls(await setControls(caller, params.partnerTenantId, body, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/partner/customers/{customerTenantId}/controls',
    tag,
    summary: 'Partner: the controls this customer applies to your actions',
    params: customerParams,
    response: controls,
    handler: async ({ caller, params }) =>
      toControls(await getControlsAsPartner(caller, params.customerTenantId, cc)),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/change-requests',
    tag,
    summary:
      'Change requests: every one for the customer’s approvers, your partner’s for a partner user (newest first)',
    params: customerParams,
    query: listQuery,
    response: changeRequestList,
    handler: async ({ caller, params, query }) => ({
      items: (await listChangeRequests(caller, params.customerTenantId, query, cc)).map(
        toChangeRequest
      ),
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
      toChangeRequest(
        await getChangeRequest(caller, params.customerTenantId, params.requestId, cc)
      ),
  });

  api.route({
    method: 'post',
    path: '/api/customers/{customerTenantId}/change-requests/{requestId}/approve',
    tag,
    summary:
      'Approve and apply as the requester, re-authorized now (409 CHANGE_REQUEST.CONFLICT / REQUESTER_NOT_ALLOWED when refused)',
    params: requestParams,
    response: changeRequestSchema,
    handler: async ({ caller, params }) =>
      toChangeRequest(
        await approveChangeRequest(caller, params.customerTenantId, params.requestId, cc)
      ),
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
      toChangeRequest(
        await rejectChangeRequest(
          caller,
          params.customerTenantId,
          params.requestId,
          body.reason,
          cc
        )
      ),
  });

  api.route({
    method: 'get',
    path: '/api/customers/{customerTenantId}/elevations',
    tag,
    summary:
      'Just-in-time elevations: every one for the customer’s approvers, your partner’s for a partner user',
    params: customerParams,
    response: elevationList,
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
      toElevation(
        await rejectElevation(caller, params.customerTenantId, params.elevationId, body.reason, cc)
      ),
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
      toElevation(
        await endElevation(caller, params.customerTenantId, params.elevationId, body.reason, cc)
      ),
  });
}
