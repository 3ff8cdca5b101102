/**
 * The customer stays in control (issue #15) over HTTP: the controls per partner (Auto/Manual per
 * change action, just-in-time elevation, MFA), change requests and elevations. Every route
 * authorizes from the validated identity in the core; every mutation is audited in both logs.
 * The resource routes send a partner's change through `gatedChange` (route-kit.ts).
 */
import type { ZodType } from 'zod';
import type { Api, RouteContext } from '../api.ts';
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
  toControls,
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
  const controlsOf = routeGroup(api, { tag, base: '/api/customer/partners/{partnerTenantId}' });
  const customer = customerRoutes(api, tag);

  controlsOf.get('/controls', {
    summary:
      'Customer: the controls over one partner (Auto/Manual per change action, elevation, MFA)',
    response: controls,
    handler: ({ caller, params }) =>
      getControlsAsCustomer(caller, params.partnerTenantId, cc).then(toControls),
  });

  controlsOf.put('/controls', {
    summary:
      'Customer: replace the controls over one partner (Global admin / Teams Rooms Pro Manager)',
    body: controlsBody,
    response: controls,
    handler: ({ caller, params, body }) =>
      setControls(caller, params.partnerTenantId, body, cc).then(toControls),
  });

  routeGroup(api, { tag }).get('/api/partner/customers/{customerTenantId}/controls', {
    summary: 'Partner: the controls this customer applies to your actions',
    response: controls,
    handler: ({ caller, params }) =>
      getControlsAsPartner(caller, params.customerTenantId, cc).then(toControls),
  });

  customer.get('/change-requests', {
    summary:
      'Change requests: every one for the customer’s approvers, your partner’s for a partner user (newest first)',
    query: listQuery,
    response: changeRequestList,
    handler: ({ caller, params, query }) =>
      listChangeRequests(caller, params.customerTenantId, query, cc).then(listOf(toChangeRequest)),
  });

  const request = decisionRoutes('requestId', cc, {
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
    handler: ({ caller, params }) =>
      listElevations(caller, params.customerTenantId, cc).then(listOf(toElevation)),
  });

  customer.post('/elevations', {
    summary: 'Partner: ask for a just-in-time elevation (30 min–8 h) for sensitive actions',
    body: elevationBody,
    response: elevation,
    status: 201,
    handler: ({ caller, params, body }) =>
      requestElevation(caller, params.customerTenantId, body, cc).then(toElevation),
  });

  const elevationOf = decisionRoutes('elevationId', cc, {
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
type Decide<T> = (
  caller: Caller,
  customerTenantId: string,
  id: string,
  cc: ChangeControlDeps
) => Promise<T>;

/**
 * What every request the customer decides (a change request, an elevation) answers alike: read
 * one, approve it, reject it with a reason; `key` names its id in the path. The use cases
 * authorize, apply and audit.
 */
function decisionRoutes<K extends string, T, R>(
  key: K,
  cc: ChangeControlDeps,
  d: {
    response: ZodType<R>;
    present: (request: T) => R;
    get: Decide<T>;
    approve: Decide<T>;
    reject: (
      caller: Caller,
      customerTenantId: string,
      id: string,
      reason: string,
      cc: ChangeControlDeps
    ) => Promise<T>;
  }
) {
  type Ctx<B> = RouteContext<B, undefined, { customerTenantId: string } & Record<K, string>>;
  const decided =
    (work: Decide<T>) =>
    ({ caller, params }: Ctx<undefined>) =>
      work(caller, params.customerTenantId, params[key], cc).then(d.present);
  return {
    get: { response: d.response, handler: decided(d.get) },
    approve: { response: d.response, handler: decided(d.approve) },
    reject: {
      body: reasonBody,
      response: d.response,
      handler: ({ caller, params, body }: Ctx<{ reason: string }>) =>
        d.reject(caller, params.customerTenantId, params[key], body.reason, cc).then(d.present),
    },
  };
}
