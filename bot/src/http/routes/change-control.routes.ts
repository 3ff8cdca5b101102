/**
 * The customer stays in control (issue #15) over HTTP: the controls per partner (Auto/Manual per
 * change action, just-in-time elevation, MFA), change requests and elevations. Every route
 * authorizes from the validated identity in the core; every mutation is audited in both logs.
 * The resource routes send a partner's change through `gatedChange` (route-kit.ts).
 */
import type { Api } from '../api.ts';
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
import { listOf, routeGroup } from './route-kit.ts';
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
  const customer = routeGroup(api, { tag, base: '/api/customers/{customerTenantId}' });

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

  customer.get('/change-requests/{requestId}', {
    summary: 'One change request',
    response: changeRequestSchema,
    handler: ({ caller, params: p }) =>
      getChangeRequest(caller, p.customerTenantId, p.requestId, cc).then(toChangeRequest),
  });

  customer.post('/change-requests/{requestId}/approve', {
    summary:
      'Approve and apply as the requester, re-authorized now (409 CHANGE_REQUEST.CONFLICT / REQUESTER_NOT_ALLOWED when refused)',
    response: changeRequestSchema,
    handler: ({ caller, params: p }) =>
      approveChangeRequest(caller, p.customerTenantId, p.requestId, cc).then(toChangeRequest),
  });

  customer.post('/change-requests/{requestId}/reject', {
    summary: 'Reject with a reason; the change is never applied',
    body: reasonBody,
    response: changeRequestSchema,
    handler: ({ caller, params: p, body }) =>
      rejectChangeRequest(caller, p.customerTenantId, p.requestId, body.reason, cc).then(
        toChangeRequest
      ),
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

  customer.get('/elevations/{elevationId}', {
    summary: 'One elevation',
    response: elevation,
    handler: ({ caller, params: p }) =>
      getElevation(caller, p.customerTenantId, p.elevationId, cc).then(toElevation),
  });

  customer.post('/elevations/{elevationId}/approve', {
    summary: 'Approve an elevation: its window starts now',
    response: elevation,
    handler: ({ caller, params: p }) =>
      approveElevation(caller, p.customerTenantId, p.elevationId, cc).then(toElevation),
  });

  customer.post('/elevations/{elevationId}/reject', {
    summary: 'Reject an elevation request with a reason',
    body: reasonBody,
    response: elevation,
    handler: ({ caller, params: p, body }) =>
      rejectElevation(caller, p.customerTenantId, p.elevationId, body.reason, cc).then(toElevation),
  });

  customer.post('/elevations/{elevationId}/end', {
    summary: 'End a running elevation early',
    body: optionalReasonBody,
    response: elevation,
    handler: ({ caller, params: p, body }) =>
      endElevation(caller, p.customerTenantId, p.elevationId, body.reason, cc).then(toElevation),
  });
}
