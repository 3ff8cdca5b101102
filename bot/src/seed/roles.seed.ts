/**
 * Demo roles and assignments: Fabrikam's "Help desk" partner role for Contoso (tickets, rooms
 * view, record an issue), assigned to the MSP Help Desk group (Diego, Grady) on Contoso's Seattle
 * rooms, a part of the US rooms Contoso gave Fabrikam, with alerts on; and Contoso's own Site Lead
 * assignment for Joni on the same Seattle rooms. Idempotent like every seeded object (ensure.ts):
 * ids derive from names and nothing existing is overwritten.
 */
import type { Store } from '../store/types.ts';
import {
  RoleCollections,
  roleNameClaimId,
  type RoleDoc,
  type RoleNameClaimDoc,
} from '../data/roles.repository.ts';
import { AssignmentCollections, type AssignmentDoc } from '../data/assignments.repository.ts';
import { demoId } from './demo-id.ts';
import { ensure } from './ensure.ts';

/** The demo id helpers (demo-data.ts `ids`), passed in so this module does not import its caller. */
export interface DemoIds {
  tenant(t: string): string;
  user(t: string, u: string): string;
  group(t: string, g: string): string;
  room(t: string, n: number): string;
}

/** Contoso's Seattle rooms are its first six (see the site plan in demo-data.ts). */
const SEATTLE_ROOMS = [0, 1, 2, 3, 4, 5];

export const demoRoleIds = {
  helpDeskRole: demoId('role:contoso:fabrikam:help-desk'),
  helpDeskAssignment: demoId('assignment:contoso:fabrikam:help-desk'),
  joniSiteLeadAssignment: demoId('assignment:contoso:joni:site-lead'),
};

export async function seedDemoRoles(
  store: Store,
  now: Date,
  demo: { ids: DemoIds }
): Promise<void> {
  const { ids } = demo;
  const contoso = ids.tenant('contoso');
  const fabrikam = ids.tenant('fabrikam');
  const seattle = SEATTLE_ROOMS.map((n) => ids.room('contoso', n));
  const pradeep = ids.user('fabrikam', 'pradeep');
  const name = 'Help desk';
  await ensure<RoleDoc>(store, RoleCollections.roles, {
    _id: demoRoleIds.helpDeskRole,
    tenantId: contoso,
    partnerTenantId: fabrikam,
    name,
    description: 'First-line technicians: incidents and tickets, room health, record an issue.',
    permissions: ['rooms.view', 'reports.createIncident', 'tickets.view', 'tickets.update'],
    createdAt: now,
    createdBy: pradeep,
  });
  await ensure<RoleNameClaimDoc>(store, RoleCollections.roleNameClaims, {
    _id: roleNameClaimId({ customerTenantId: contoso, partnerTenantId: fabrikam }, name),
    tenantId: contoso,
    roleId: demoRoleIds.helpDeskRole,
  });
  await ensure<AssignmentDoc>(store, AssignmentCollections.assignments, {
    _id: demoRoleIds.helpDeskAssignment,
    tenantId: contoso,
    partnerTenantId: fabrikam,
    roleId: demoRoleIds.helpDeskRole,
    members: [{ type: 'group', id: ids.group('fabrikam', 'help-desk') }],
    scope: { allRooms: false, roomIds: seattle, roomGroupIds: [] },
    notify: true,
    createdAt: now,
    createdBy: pradeep,
  });
  await ensure<AssignmentDoc>(store, AssignmentCollections.assignments, {
    _id: demoRoleIds.joniSiteLeadAssignment,
    tenantId: contoso,
    partnerTenantId: null,
    roleId: 'builtin:site-lead',
    members: [{ type: 'user', id: ids.user('contoso', 'joni') }],
    scope: { allRooms: false, roomIds: seattle, roomGroupIds: [] },
    notify: true,
    createdAt: now,
    createdBy: ids.user('contoso', 'alex'),
  });
}
