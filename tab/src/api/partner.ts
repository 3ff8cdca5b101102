/**
 * Partner-side routes (`/api/partner/*`): the invitation inbox, the Tenants list and detail,
 * Primary admins, removing a customer, and tenant managers. Every route answers for the caller's
 * own tenant; none takes the partner's tenant id.
 */
import { withQuery, type ApiClient, type Page } from './client.ts';
import type { Member, MemberRef } from './directory.ts';

/** Scope as the partner sees it before being a Primary admin: counts only. */
export interface ScopeSummary {
  allRooms: boolean;
  roomCount: number;
  roomGroupCount: number;
}

export type ChangeControl = 'auto' | 'manual';

/** A pending invitation in the inbox (`PartnerInboxItem`): metadata, never customer data. */
export interface InboxItem {
  id: string;
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  changeControl: ChangeControl;
  scope: ScopeSummary;
  expiresAt: string;
  expired: boolean;
  createdByName: string;
  createdAt: string;
}

/** A row of the Tenants list (`CustomerSummary`). */
export interface CustomerSummary {
  relationshipId: string;
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  acceptedAt: string;
  scope: ScopeSummary;
  isPrimaryAdmin: boolean;
}

export interface NamedRef {
  id: string;
  displayName: string;
}

/** The Tenants detail pane (`CustomerDetail`). */
export interface CustomerDetail extends CustomerSummary {
  primaryAdmins: Member[];
  primaryAdminsRoleDeleted: boolean;
  /** The caller holds Role management › Modify here (adds and removes Primary admins). */
  mayManagePrimaryAdmins: boolean;
  /** Room and group names of the scope: Primary admins of this customer only. */
  rooms?: { allRooms: boolean; rooms: NamedRef[]; roomGroups: NamedRef[] };
}

const customerPath = (id: string) => `/api/partner/customers/${encodeURIComponent(id)}`;

/** `GET /api/partner/invitations`. */
export function listInvitations(
  api: ApiClient,
  options: { cursor?: string; limit?: number; signal?: AbortSignal } = {}
): Promise<Page<InboxItem>> {
  const path = withQuery('/api/partner/invitations', {
    cursor: options.cursor,
    limit: options.limit,
  });
  return api.request<Page<InboxItem>>(path, { signal: options.signal });
}

/** `POST /api/partner/invitations/{id}/accept` with at least one Primary admin. */
export function acceptInvitation(
  api: ApiClient,
  invitationId: string,
  primaryAdmins: MemberRef[]
): Promise<CustomerSummary> {
  return api.request<CustomerSummary>(
    `/api/partner/invitations/${encodeURIComponent(invitationId)}/accept`,
    { method: 'POST', body: { primaryAdmins } }
  );
}

/** `POST /api/partner/invitations/{id}/decline` (the invitation is deleted). */
export function declineInvitation(api: ApiClient, invitationId: string): Promise<void> {
  return api.request<void>(`/api/partner/invitations/${encodeURIComponent(invitationId)}/decline`, {
    method: 'POST',
    body: { confirm: true },
  });
}

/** `GET /api/partner/customers`: the Tenants list. */
export function listPartnerCustomers(
  api: ApiClient,
  options: { cursor?: string; limit?: number; signal?: AbortSignal } = {}
): Promise<Page<CustomerSummary>> {
  const path = withQuery('/api/partner/customers', {
    cursor: options.cursor,
    limit: options.limit,
  });
  return api.request<Page<CustomerSummary>>(path, { signal: options.signal });
}

/** `GET /api/partner/customers/{id}`. */
export function getPartnerCustomer(
  api: ApiClient,
  customerTenantId: string,
  signal?: AbortSignal
): Promise<CustomerDetail> {
  return api.request<CustomerDetail>(customerPath(customerTenantId), { signal });
}

/** `POST /api/partner/customers/{id}/primary-admins`: answers the new list. */
export async function addPrimaryAdmin(
  api: ApiClient,
  customerTenantId: string,
  member: MemberRef
): Promise<Member[]> {
  const result = await api.request<{ items: Member[] }>(
    `${customerPath(customerTenantId)}/primary-admins`,
    { method: 'POST', body: { member } }
  );
  return result.items;
}

/** `DELETE /api/partner/customers/{id}/primary-admins/{memberId}` (never the last one). */
export function removePrimaryAdmin(
  api: ApiClient,
  customerTenantId: string,
  memberId: string
): Promise<void> {
  return api.request<void>(
    `${customerPath(customerTenantId)}/primary-admins/${encodeURIComponent(memberId)}`,
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
  return (await api.request<{ items: Member[] }>('/api/partner/tenant-managers', { signal }))
    .items;
}

/** `POST /api/partner/tenant-managers`. */
export function addTenantManager(api: ApiClient, member: MemberRef): Promise<Member> {
  return api.request<Member>('/api/partner/tenant-managers', { method: 'POST', body: { member } });
}

/** `DELETE /api/partner/tenant-managers/{memberId}`. */
export function removeTenantManager(api: ApiClient, memberId: string): Promise<void> {
  return api.request<void>(`/api/partner/tenant-managers/${encodeURIComponent(memberId)}`, {
    method: 'DELETE',
  });
}
