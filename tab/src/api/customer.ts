/**
 * Customer-side routes (`/api/customer/*`): invite a partner, the Partners list, scope, revoking
 * partner roles and assignments, removing a partner. Global admins and TRPMs of the caller's tenant.
 */
import { apiPath, listRoute, type ApiClient } from './client.ts';
import type {
  CustomerInvitation,
  NewInvitation,
  Partner,
} from '../../../bot/src/http/contracts/customer.ts';
import type { ScopeInput as RoomScopeInput } from '../../../bot/src/http/contracts/common.ts';

/** The expiry range of an invitation, in days (the service's rule). */
export { MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from '../../../bot/src/core/limits.ts';
export type {
  RoomScope,
  ScopeInput as RoomScopeInput,
} from '../../../bot/src/http/contracts/common.ts';
export type {
  CustomerInvitation,
  Partner,
  PartnerAssignment,
  PartnerRole,
} from '../../../bot/src/http/contracts/customer.ts';

const partnerPath = (id: string) => apiPath`/api/customer/partners/${id}`;

/** `GET /api/customer/partners`. */
export const listPartners = listRoute<Partner>('/api/customer/partners');

/** `PUT /api/customer/partners/{id}/scope`: takes effect at once; answers the partner. */
export function setPartnerScope(
  api: ApiClient,
  partnerTenantId: string,
  scope: RoomScopeInput
): Promise<Partner> {
  return api.request<Partner>(`${partnerPath(partnerTenantId)}/scope`, {
    method: 'PUT',
    body: scope,
  });
}

/** `DELETE /api/customer/partners/{id}/roles/{roleId}` (and the role's assignments). */
export function deletePartnerRole(
  api: ApiClient,
  partnerTenantId: string,
  roleId: string
): Promise<void> {
  return api.request<void>(partnerPath(partnerTenantId) + apiPath`/roles/${roleId}`, {
    method: 'DELETE',
  });
}

/** `DELETE /api/customer/partners/{id}/assignments/{assignmentId}`. */
export function deletePartnerAssignment(
  api: ApiClient,
  partnerTenantId: string,
  assignmentId: string
): Promise<void> {
  return api.request<void>(partnerPath(partnerTenantId) + apiPath`/assignments/${assignmentId}`, {
    method: 'DELETE',
  });
}

/** `POST /api/customer/partners/{id}/remove`: the relationship, roles and assignments go. */
export function removePartner(api: ApiClient, partnerTenantId: string): Promise<void> {
  return api.request<void>(`${partnerPath(partnerTenantId)}/remove`, {
    method: 'POST',
    body: { confirm: true },
  });
}

/** `GET /api/customer/invitations`: the caller's pending invitations. */
export const listCustomerInvitations = listRoute<CustomerInvitation>('/api/customer/invitations');

/** `POST /api/customer/invitations`. */
export function createInvitation(
  api: ApiClient,
  invitation: NewInvitation
): Promise<CustomerInvitation> {
  return api.request<CustomerInvitation>('/api/customer/invitations', {
    method: 'POST',
    body: invitation,
  });
}

/** `DELETE /api/customer/invitations/{id}`: withdraws a pending invitation. */
export function withdrawInvitation(api: ApiClient, invitationId: string): Promise<void> {
  return api.request<void>(apiPath`/api/customer/invitations/${invitationId}`, {
    method: 'DELETE',
  });
}
