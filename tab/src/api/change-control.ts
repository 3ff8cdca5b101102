/**
 * The customer stays in control (issue #15): the controls per partner, change requests and
 * just-in-time elevations. A partner's change under Manual answers 202 with a `ChangeRequest`
 * instead of the changed object; `isChangeRequest` tells them apart.
 */
import { apiPath, withQuery, type ApiClient } from './client.ts';

export {
  CHANGE_JUSTIFICATION_MAX,
  ELEVATION_MAX_MINUTES,
  ELEVATION_MIN_MINUTES,
} from '../../../bot/src/core/limits.ts';
export {
  CHANGE_ACTIONS,
  SENSITIVE_ACTIONS,
  type ChangeAction,
  type SensitiveAction,
} from '../../../bot/src/core/change-control/model.ts';
import type { SensitiveAction } from '../../../bot/src/core/change-control/model.ts';
import type {
  ChangeRequestView as ChangeRequest,
  ElevationView as Elevation,
  PartnerControlsInput,
  PartnerControlsView as PartnerControls,
} from '../../../bot/src/http/contracts/change-control.ts';
export type { ChangeRequest, Elevation, PartnerControls, PartnerControlsInput };

/** Who asked or decided. */
export type Actor = ChangeRequest['requestedBy'];
export type ChangeRequestStatus = ChangeRequest['status'];
export type ElevationStatus = Elevation['status'];

/** A 202 answer: the change waits for the customer's approval. */
export const isChangeRequest = (value: unknown): value is ChangeRequest =>
  typeof value === 'object' &&
  value !== null &&
  'diff' in value &&
  'requestedBy' in value &&
  'status' in value;

const customerPath = (id: string) => apiPath`/api/customers/${id}`;

/** A partner's controls: the customer's side (`/api/customer/partners/{id}`), or the partner's. */
const customerControls = (partnerTenantId: string) =>
  apiPath`/api/customer/partners/${partnerTenantId}/controls`;

export const getCustomerControls = (
  api: ApiClient,
  partnerTenantId: string,
  signal?: AbortSignal
) => api.request<PartnerControls>(customerControls(partnerTenantId), { signal });

export const saveCustomerControls = (
  api: ApiClient,
  partnerTenantId: string,
  input: PartnerControlsInput
) =>
  api.request<PartnerControls>(customerControls(partnerTenantId), { method: 'PUT', body: input });

export const getPartnerControls = (
  api: ApiClient,
  customerTenantId: string,
  signal?: AbortSignal
) =>
  api.request<PartnerControls>(apiPath`/api/partner/customers/${customerTenantId}/controls`, {
    signal,
  });

export const listChangeRequests = (
  api: ApiClient,
  customerTenantId: string,
  status?: ChangeRequestStatus,
  signal?: AbortSignal
) =>
  api.request<{ items: ChangeRequest[] }>(
    withQuery(`${customerPath(customerTenantId)}/change-requests`, { status }),
    { signal }
  );

export const approveChangeRequest = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<ChangeRequest>(`${customerPath(customerTenantId)}/change-requests/${id}/approve`, {
    method: 'POST',
  });

export const rejectChangeRequest = (
  api: ApiClient,
  customerTenantId: string,
  id: string,
  reason: string
) =>
  api.request<ChangeRequest>(`${customerPath(customerTenantId)}/change-requests/${id}/reject`, {
    method: 'POST',
    body: { reason },
  });

export const listElevations = (api: ApiClient, customerTenantId: string, signal?: AbortSignal) =>
  api.request<{ items: Elevation[] }>(`${customerPath(customerTenantId)}/elevations`, { signal });

export const requestElevation = (
  api: ApiClient,
  customerTenantId: string,
  input: { actions: SensitiveAction[]; durationMinutes: number; justification: string }
) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations`, {
    method: 'POST',
    body: input,
  });

export const approveElevation = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/approve`, {
    method: 'POST',
  });

export const rejectElevation = (
  api: ApiClient,
  customerTenantId: string,
  id: string,
  reason: string
) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/reject`, {
    method: 'POST',
    body: { reason },
  });

export const endElevation = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/end`, {
    method: 'POST',
    body: {},
  });
