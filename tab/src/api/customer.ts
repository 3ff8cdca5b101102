/**
 * Customer-side routes (`/api/customer/*`): invite a partner, the Partners list, scope, revoking
 * partner roles and assignments, removing a partner. Global admins and TRPMs of the caller's tenant.
 */
import { withQuery, type ApiClient, type Page } from './client.ts';
import type { Member } from './directory.ts';
import type { ChangeControl } from './partner.ts';

/** The rooms a partner may reach (`RoomScope`). */
export interface RoomScope {
  allRooms: boolean;
  roomIds: string[];
  roomGroupIds: string[];
}

/** A scope as sent: all rooms, or chosen rooms and/or room groups (`RoomScopeInput`). */
export type RoomScopeInput =
  | { allRooms: true }
  | { allRooms?: false; roomIds?: string[]; roomGroupIds?: string[] };

export interface PartnerRole {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
}

export interface PartnerAssignment {
  id: string;
  roleId: string;
  members: Member[];
  scope: RoomScope;
  notify: boolean;
}

/** The partner's Global admin restored a Primary admin (`PrimaryAdminsBreakGlass`). */
export interface BreakGlass {
  at: string;
  actorId: string;
  actorName: string;
  member: Member;
  reason: string;
}

/** A row of the Partners list (`Partner`). */
export interface Partner {
  relationshipId: string;
  partnerTenantId: string;
  partnerName: string;
  partnerDomain: string;
  acceptedAt: string;
  changeControl: ChangeControl;
  scope: RoomScope;
  primaryAdmins: Member[];
  primaryAdminsRoleDeleted: boolean;
  /** The latest break-glass restore of a Primary admin; null when never used. */
  breakGlass: BreakGlass | null;
  roles: PartnerRole[];
  assignments: PartnerAssignment[];
}

/** A pending invitation as its customer sees it (`CustomerInvitation`). */
export interface CustomerInvitation {
  id: string;
  partnerTenantId: string;
  partnerName: string;
  partnerDomain: string;
  changeControl: ChangeControl;
  scope: RoomScope;
  expiresAt: string;
  expired: boolean;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

/** Body of `POST /api/customer/invitations`. */
export interface NewInvitation {
  partnerDomain: string;
  expiresInDays: number;
  changeControl: ChangeControl;
  scope: RoomScopeInput;
  agreeToTerms: true;
}

const partnerPath = (id: string) => `/api/customer/partners/${encodeURIComponent(id)}`;

/** `GET /api/customer/partners`. */
export function listPartners(
  api: ApiClient,
  options: { cursor?: string; signal?: AbortSignal } = {}
): Promise<Page<Partner>> {
  return api.request<Page<Partner>>(withQuery('/api/customer/partners', { cursor: options.cursor }), {
    signal: options.signal,
  });
}

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
  return api.request<void>(`${partnerPath(partnerTenantId)}/roles/${encodeURIComponent(roleId)}`, {
    method: 'DELETE',
  });
}

/** `DELETE /api/customer/partners/{id}/assignments/{assignmentId}`. */
export function deletePartnerAssignment(
  api: ApiClient,
  partnerTenantId: string,
  assignmentId: string
): Promise<void> {
  return api.request<void>(
    `${partnerPath(partnerTenantId)}/assignments/${encodeURIComponent(assignmentId)}`,
    { method: 'DELETE' }
  );
}

/** `POST /api/customer/partners/{id}/remove`: the relationship, roles and assignments go. */
export function removePartner(api: ApiClient, partnerTenantId: string): Promise<void> {
  return api.request<void>(`${partnerPath(partnerTenantId)}/remove`, {
    method: 'POST',
    body: { confirm: true },
  });
}

/** `GET /api/customer/invitations`: the caller's pending invitations. */
export function listCustomerInvitations(
  api: ApiClient,
  options: { cursor?: string; signal?: AbortSignal } = {}
): Promise<Page<CustomerInvitation>> {
  const path = withQuery('/api/customer/invitations', { cursor: options.cursor });
  return api.request<Page<CustomerInvitation>>(path, { signal: options.signal });
}

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
  return api.request<void>(`/api/customer/invitations/${encodeURIComponent(invitationId)}`, {
    method: 'DELETE',
  });
}
