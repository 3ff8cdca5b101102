/**
 * The customer stays in control (issue #15) over HTTP: the controls per partner (Auto/Manual per
 * change action, just-in-time elevation, MFA), change requests and elevations. Every route
 * authorizes from the validated identity in the core; every mutation is audited in both logs.
 * The resource routes send a partner's change through `gatedChange` (route-kit.ts).
 */
import type { ZodType } from 'zod';
import type { Api } from '../api.ts';
import type { Caller } from '../../core/identity/caller.ts';
import type { ChangeControlDeps } from '../../core/change-control/change-control.ports.ts';
import type { AppServices } from '../../app.ts';
import {
  changeRequestList,
  changeRequestSchema,
  controls,
  controlsBody,
  elevation,
  elevationList,
  elevationBody,
  listQuery,
  optionalReasonBody,
  reasonBody,
  toChangeRequest,
  toElevation,
} from '../contracts/change-control.ts';
import { customerRoutes, listOf, routeGroup } from './route-kit.ts';
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
} from '../../core/change-control/change-requests.use-cases.ts';
import {
  approveElevation,
  endElevation,
  getElevation,
  listElevations,
  rejectElevation,
  requestElevation,
} from '../../core/change-control/elevation.use-cases.ts';

export function registerChangeControlRoutes(api: Api, services: AppServices): void {
  const cc = services.changeControl;
  const tag = 'Change control';
  const controlsOf = routeGroup(api, {
    tag,
    base: '/api/customer/partners/{partnerTenantId}',
    deps: cc,
  });
  const customer = customerRoutes(api, { tag, deps: cc });

  controlsOf.get('/controls', {
    summary:
      'Customer: the controls over one partner (Auto/Manual per change action, elevation, MFA)',
    response: controls,
    run: getControlsAsCustomer,
  });

  controlsOf.put('/controls', {
    summary:
      'Customer: replace the controls over one partner (Global admin / Teams Rooms Pro Manager)',
    body: controlsBody,
    response: controls,
    run: setControls,
  });

  routeGroup(api, { tag, deps: cc }).get('/api/partner/customers/{customerTenantId}/controls', {
    summary: 'Partner: the controls this customer applies to your actions',
    response: controls,
    run: getControlsAsPartner,
  });

  customer.get('/change-requests', {
    summary:
      'Change requests: every one for the customer’s approvers, your partner’s for a partner user (newest first)',
    query: listQuery,
    response: changeRequestList,
    run: listChangeRequests,
    present: listOf(toChangeRequest),
  });

  const request = decisionRoutes({
    response: changeRequestSchema,
    present: toChangeRequest,
    get: getChangeRequest,
    approve: approveChangeRequest,
    reject: rejectChangeRequest,
  });
  customer.get('/change-requests/{requestId}', { summary: 'One change request', ...request.get });
  customer.post('/change-requests/{requestId}/approve', {
    summary:
      'Approve and apply as the requester, re-authorized now (409 CHANGE_REQUEST.CONFLICT / REQUESTER_NOT_ALLOWED when refused)',
    ...request.approve,
  });
  customer.post('/change-requests/{requestId}/reject', {
    summary: 'Reject with a reason; the change is never applied',
    ...request.reject,
  });

  customer.get('/elevations', {
    summary:
      'Just-in-time elevations: every one for the customer’s approvers, your partner’s for a partner user',
    response: elevationList,
    run: listElevations,
    present: listOf(toElevation),
  });

  customer.post('/elevations', {
    summary: 'Partner: ask for a just-in-time elevation (30 min–8 h) for sensitive actions',
    body: elevationBody,
    response: elevation,
    status: 201,
    run: requestElevation,
    present: toElevation,
  });

  const elevationOf = decisionRoutes({
    response: elevation,
    present: toElevation,
    get: getElevation,
    approve: approveElevation,
    reject: rejectElevation,
  });
  customer.get('/elevations/{elevationId}', { summary: 'One elevation', ...elevationOf.get });
  customer.post('/elevations/{elevationId}/approve', {
    summary: 'Approve an elevation: its window starts now',
    ...elevationOf.approve,
  });
  customer.post('/elevations/{elevationId}/reject', {
    summary: 'Reject an elevation request with a reason',
    ...elevationOf.reject,
  });

  customer.post('/elevations/{elevationId}/end', {
    summary: 'End a running elevation early',
    body: optionalReasonBody,
    response: elevation,
    handler: ({ caller, params: p, body }) =>
      endElevation(caller, p.customerTenantId, p.elevationId, body.reason, cc).then(toElevation),
  });
}

/** A use case reading or deciding one request of a customer, by its id. */
type Decide<T, Reason extends unknown[] = []> = (
  caller: Caller,
  customerTenantId: string,
  id: string,
  ...rest: [...Reason, ChangeControlDeps]
) => Promise<T>;

/**
 * What every request the customer decides (a change request, an elevation) answers alike: read
 * one, approve it, reject it with a reason (`run` routes of the customer's group, the request's id
 * in the path after the customer's). The use cases authorize, apply and audit.
 */
function decisionRoutes<T, R>(d: {
  response: ZodType<R>;
  present: (request: T) => R;
  get: Decide<T>;
  approve: Decide<T>;
  reject: Decide<T, [reason: string]>;
}) {
  const { response, present } = d;
  return {
    get: { response, run: d.get, present },
    approve: { response, run: d.approve, present },
    reject: {
      body: reasonBody,
      response,
      run: (
        caller: Caller,
        customerTenantId: string,
        id: string,
        body: { reason: string },
        cc: ChangeControlDeps
      ) => d.reject(caller, customerTenantId, id, body.reason, cc),
      present,
    },
  };
}
