/**
 * A custom role and a role assignment of one side of one customer, and a pending invitation, as
 * the data tests write them.
 */
import type { Assignment, Relationship, Role } from '../../src/core/partners/model.ts';

export const NOW = new Date('2026-06-01T00:00:00Z');

export const sideRole = (
  id: string,
  customerTenantId: string,
  partnerTenantId: string | null
): Role => ({
  id,
  customerTenantId,
  partnerTenantId,
  name: `Role ${id}`,
  description: '',
  permissions: ['rooms.view'],
  createdAt: NOW,
  createdBy: 'someone',
});

/** Of role `roleId`, to one user over all rooms. */
export const sideAssignment = (
  id: string,
  customerTenantId: string,
  partnerTenantId: string | null,
  roleId: string
): Assignment => ({
  id,
  customerTenantId,
  partnerTenantId,
  roleId,
  members: [{ type: 'user', id: 'u2' }],
  scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
  notify: false,
  createdAt: NOW,
  createdBy: 'someone',
});

/** Customer number `n` (a GUID), as the relationship tests name them. */
export const customer = (n: number) =>
  `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

/** A relationship of the pair, as the data tests write them (an active one has a Primary admin). */
export const relationshipFixture = (
  id: string,
  customerTenantId: string,
  partnerTenantId: string,
  {
    state = 'pending',
    expiresAt = new Date(NOW.getTime() + 86_400_000),
    customerName = 'Customer',
    customerDomain = 'customer.example',
  }: Partial<Pick<Relationship, 'state' | 'expiresAt' | 'customerName' | 'customerDomain'>> = {}
): Relationship => ({
  id,
  customerTenantId,
  customerName,
  customerDomain,
  partnerTenantId,
  partnerName: 'Partner',
  partnerDomain: 'partner.example',
  state,
  expiresAt,
  changeControl: 'auto',
  scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
  termsAcceptedAt: NOW,
  createdBy: 'someone',
  createdByName: 'Someone',
  createdAt: NOW,
  primaryAdmins: state === 'active' ? [{ type: 'user', id: 'u1' }] : [],
});

/** A pending invitation `rel-<n>` from customer `n` to `partnerTenantId`, over all rooms. */
export const pendingRelationship = (n: number, partnerTenantId: string): Relationship =>
  relationshipFixture(`rel-${n}`, customer(n), partnerTenantId, {
    customerName: `Customer ${n}`,
    customerDomain: `c${n}.example`,
  });
