/**
 * Partner-side routes (`/api/partner/*`): the invitation inbox, the Tenants list and detail,
 * Primary admins, removing a customer, and tenant managers. Every route answers for the caller's
 * own tenant; none takes the partner's tenant id.
 */
import { apiPath, listRoute, type ApiClient } from './client.ts';
import type { Member, MemberRef } from './directory.ts';
import type {
  CustomerDetail,
  CustomerSummary,
  InboxItem,
} from '../../../bot/src/http/contracts/partner.ts';
import { isChangeRequest, type ChangeRequest } from './change-control.ts';

export type { ChangeControl } from '../../../bot/src/http/contracts/common.ts';
export type {
  CustomerDetail,
  CustomerSummary,
  InboxItem,
  ScopeSummary,
} from '../../../bot/src/http/contracts/partner.ts';

const customerPath = (id: string) => apiPath`/api/partner/customers/${id}`;

/** `GET /api/partner/invitations`. */
export const listInvitations = listRoute<InboxItem>('/api/partner/invitations');

/** `POST /api/partner/invitations/{id}/accept` with at least one Primary admin. */
export function acceptInvitation(
  api: ApiClient,
  invitationId: string,
  primaryAdmins: MemberRef[]
): Promise<CustomerSummary> {
  return api.request<CustomerSummary>(apiPath`/api/partner/invitations/${invitationId}/accept`, {
    method: 'POST',
    body: { primaryAdmins },
  });
}

/** `POST /api/partner/invitations/{id}/decline` (the invitation is deleted). */
export function declineInvitation(api: ApiClient, invitationId: string): Promise<void> {
  return api.request<void>(apiPath`/api/partner/invitations/${invitationId}/decline`, {
    method: 'POST',
    body: { confirm: true },
  });
}

/** `GET /api/partner/customers`: the Tenants list. */
export const listPartnerCustomers = listRoute<CustomerSummary>('/api/partner/customers');

/** `GET /api/partner/customers/{id}`. */
export function getPartnerCustomer(
  api: ApiClient,
  customerTenantId: string,
  signal?: AbortSignal
): Promise<CustomerDetail> {
  return api.request<CustomerDetail>(customerPath(customerTenantId), { signal });
}

/**
 * `POST /api/partner/customers/{id}/primary-admins`: answers the new list, or (202) the change
 * request when the customer approves role changes manually.
 */
export async function addPrimaryAdmin(
  api: ApiClient,
  customerTenantId: string,
  member: MemberRef
): Promise<Member[] | ChangeRequest> {
  const result = await api.request<{ items: Member[] } | ChangeRequest>(
    `${customerPath(customerTenantId)}/primary-admins`,
    { method: 'POST', body: { member } }
  );
  return isChangeRequest(result) ? result : result.items;
}

/**
 * `DELETE /api/partner/customers/{id}/primary-admins/{memberId}` (never the last one); under
 * Manual, the change request instead.
 */
export function removePrimaryAdmin(
  api: ApiClient,
  customerTenantId: string,
  memberId: string
): Promise<void | ChangeRequest> {
  return api.request<void | ChangeRequest>(
    customerPath(customerTenantId) + apiPath`/primary-admins/${memberId}`,
    { method: 'DELETE' }
  );
}

/** `POST /api/partner/customers/{id}/remove`: off-boards the customer (its Primary admins only). */
export function removeCustomer(api: ApiClient, customerTenantId: string): Promise<void> {
  return api.request<void>(`${customerPath(customerTenantId)}/remove`, {
    method: 'POST',
    body: { confirm: true },
  });
}

/** `GET /api/partner/tenant-managers` (Global admin / TRPM). */
export async function listTenantManagers(api: ApiClient, signal?: AbortSignal) {
  return (await api.request<{ items: Member[] }>('/api/partner/tenant-managers', { signal })).items;
}

/** `POST /api/partner/tenant-managers`. */
export function addTenantManager(api: ApiClient, member: MemberRef): Promise<Member> {
  return api.request<Member>('/api/partner/tenant-managers', { method: 'POST', body: { member } });
}

/** `DELETE /api/partner/tenant-managers/{memberId}`. */
export function removeTenantManager(api: ApiClient, memberId: string): Promise<void> {
  return api.request<void>(apiPath`/api/partner/tenant-managers/${memberId}`, {
    method: 'DELETE',
  });
}
