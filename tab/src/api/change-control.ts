/**
 * The customer stays in control (issue #15): the controls per partner, change requests and
 * just-in-time elevations. A partner's change under Manual answers 202 with a `ChangeRequest`
 * instead of the changed object; `isChangeRequest` tells them apart.
 */
import { withQuery, type ApiClient } from './client.ts';

export const CHANGE_ACTIONS = [
  'rooms.modify',
  'rooms.unenroll',
  'rooms.resetKey',
  'roomGroups.modify',
  'updateRings.modify',
  'settings.modify',
  'roles.modify',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const SENSITIVE_ACTIONS = ['rooms.downloadKey', 'rooms.resetKey', 'rooms.unenroll', 'settings.modify'] as const;
export type SensitiveAction = (typeof SENSITIVE_ACTIONS)[number];

export interface PartnerControlsInput {
  changeControl: Record<ChangeAction, 'auto' | 'manual'>;
  elevation: { required: SensitiveAction[]; autoApprove: boolean };
  mfa: { required: boolean };
}

export interface PartnerControls extends PartnerControlsInput {
  customerTenantId: string;
  partnerTenantId: string;
  isDefault: boolean;
  updatedAt?: string;
}

export interface Actor {
  userId: string;
  tenantId: string;
  name: string;
}

export type ChangeRequestStatus = 'pending' | 'applying' | 'applied' | 'rejected' | 'failed' | 'expired';

export interface ChangeRequest {
  id: string;
  customerTenantId: string;
  partnerTenantId: string;
  action: ChangeAction;
  objectType: string;
  objectId: string;
  objectName: string;
  diff: { field: string; from: unknown; to: unknown }[];
  requestedBy: Actor;
  justification: string;
  requestedAt: string;
  expiresAt: string;
  status: ChangeRequestStatus;
  decision?: { kind: 'approved' | 'rejected'; by: Actor; at: string; reason?: string };
  outcome?: { at: string; result: 'applied' | 'refused'; code?: string; message?: string };
}

export type ElevationStatus = 'pending' | 'active' | 'rejected' | 'ended' | 'expired';

export interface Elevation {
  id: string;
  customerTenantId: string;
  partnerTenantId: string;
  requestedBy: Actor;
  actions: SensitiveAction[];
  durationMinutes: number;
  justification: string;
  requestedAt: string;
  expiresAt: string;
  status: ElevationStatus;
  startsAt?: string;
  endsAt?: string;
}

/** A 202 answer: the change waits for the customer's approval. */
export const isChangeRequest = (value: unknown): value is ChangeRequest =>
  typeof value === 'object' && value !== null && 'diff' in value && 'requestedBy' in value && 'status' in value;

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const getCustomerControls = (api: ApiClient, partnerTenantId: string, signal?: AbortSignal) =>
  api.request<PartnerControls>(`/api/customer/partners/${encodeURIComponent(partnerTenantId)}/controls`, { signal });

export const saveCustomerControls = (api: ApiClient, partnerTenantId: string, input: PartnerControlsInput) =>
  api.request<PartnerControls>(`/api/customer/partners/${encodeURIComponent(partnerTenantId)}/controls`, {
    method: 'PUT',
    body: input,
  });

export const getPartnerControls = (api: ApiClient, customerTenantId: string, signal?: AbortSignal) =>
  api.request<PartnerControls>(`/api/partner/customers/${encodeURIComponent(customerTenantId)}/controls`, { signal });

export const listChangeRequests = (
  api: ApiClient,
  customerTenantId: string,
  status?: ChangeRequestStatus,
  signal?: AbortSignal
) =>
  api.request<{ items: ChangeRequest[] }>(withQuery(`${customerPath(customerTenantId)}/change-requests`, { status }), { signal });

export const approveChangeRequest = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<ChangeRequest>(`${customerPath(customerTenantId)}/change-requests/${id}/approve`, { method: 'POST' });

export const rejectChangeRequest = (api: ApiClient, customerTenantId: string, id: string, reason: string) =>
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
) => api.request<Elevation>(`${customerPath(customerTenantId)}/elevations`, { method: 'POST', body: input });

export const approveElevation = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/approve`, { method: 'POST' });

export const rejectElevation = (api: ApiClient, customerTenantId: string, id: string, reason: string) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/reject`, { method: 'POST', body: { reason } });

export const endElevation = (api: ApiClient, customerTenantId: string, id: string) =>
  api.request<Elevation>(`${customerPath(customerTenantId)}/elevations/${id}/end`, { method: 'POST', body: {} });
