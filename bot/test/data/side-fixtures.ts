/** A custom role and a role assignment of one side of one customer, as the data tests write them. */
import type { Assignment, Role } from '../../src/core/partners/model.ts';

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
