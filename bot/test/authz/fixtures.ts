/**
 * Named authorization fixtures: tenants, rooms, relationships, roles, assignments and callers.
 * Every fixture says why it exists. Ids are deliberately reused across tenants where a careless
 * engine could confuse them (the same room-group id in two customers), so a cross-tenant leak
 * shows up as a failing check rather than passing by luck.
 */
import type {
  AssignmentGrantInput,
  GrantsCaller,
  GrantsInput,
  RelationshipGrantInput,
  RoleGrantInput,
} from '../../src/core/authz/engine.ts';
import type { RoomScope } from '../../src/core/partners/model.ts';
import type { MemberRef } from '../../src/core/directory/directory.port.ts';

export const CONTOSO = 'contoso-tenant';
export const FABRIKAM = 'fabrikam-tenant';
/** A customer whose invitation to Northwind is still pending. */
export const TAILSPIN = 'tailspin-tenant';
/** The partner under test. */
export const NORTHWIND = 'northwind-tenant';
/** A second partner of Contoso: its assignments must never grant Northwind users anything. */
export const ADATUM = 'adatum-tenant';

/** A room as the rooms collection stores it (the fields authorization reads). */
export type RoomFixture = {
  tenantId: string;
  _id: string;
  groupIds: string[];
};

export const rooms = {
  /** In Seattle (invited) and in every Seattle-scoped assignment. */
  seattle1: { tenantId: CONTOSO, _id: 'seattle-1', groupIds: ['grp-seattle'] },
  /** Seattle and executive rooms: group membership counts whichever group matches. */
  seattle2: { tenantId: CONTOSO, _id: 'seattle-2', groupIds: ['grp-exec', 'grp-seattle'] },
  /** Invited through the Paris group, but outside the Seattle-scoped assignments. */
  paris1: { tenantId: CONTOSO, _id: 'paris-1', groupIds: ['grp-paris'] },
  /** Invited by room id (no group), outside the Seattle-scoped assignments. */
  oslo1: { tenantId: CONTOSO, _id: 'oslo-1', groupIds: [] },
  /** Named in the role-matrix assignments but never invited: the relationship scope must win. */
  london1: { tenantId: CONTOSO, _id: 'london-1', groupIds: ['grp-london'] },
  /** Fabrikam's room in a group whose id equals Contoso's Seattle group id. */
  fabSeattle1: { tenantId: FABRIKAM, _id: 'fab-seattle-1', groupIds: ['grp-seattle'] },
  /** Tailspin's room, reachable only once the pending invitation is accepted. */
  tailspin1: { tenantId: TAILSPIN, _id: 'tailspin-1', groupIds: ['grp-seattle'] },
} satisfies Record<string, RoomFixture>;

export const scope = (roomIds: string[], roomGroupIds: string[]): RoomScope => ({
  allRooms: false,
  roomIds,
  roomGroupIds,
});
export const ALL_ROOMS: RoomScope = { allRooms: true, roomIds: [], roomGroupIds: [] };

export const user = (id: string): MemberRef => ({ type: 'user', id });
export const group = (id: string): MemberRef => ({ type: 'group', id });

/** Contoso invited Northwind to Seattle and Paris (groups) and Oslo (one room); not London. */
export const contosoInvitedNorthwind: RelationshipGrantInput = {
  id: 'rel-contoso-northwind',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  state: 'active',
  scope: scope(['oslo-1'], ['grp-seattle', 'grp-paris']),
  primaryAdmins: [user('nw-alice'), group('grp-nw-contoso-admins')],
};

/** Fabrikam gave Northwind all rooms: a right in Contoso must still not reach Fabrikam. */
export const fabrikamInvitedNorthwind: RelationshipGrantInput = {
  id: 'rel-fabrikam-northwind',
  customerTenantId: FABRIKAM,
  partnerTenantId: NORTHWIND,
  state: 'active',
  scope: ALL_ROOMS,
  primaryAdmins: [user('nw-fabrikam-admin')],
};

/** Pending: already names Alice as Primary admin and has an assignment, yet grants nothing. */
export const tailspinInvitationPending: RelationshipGrantInput = {
  id: 'rel-tailspin-northwind',
  customerTenantId: TAILSPIN,
  partnerTenantId: NORTHWIND,
  state: 'pending',
  scope: ALL_ROOMS,
  primaryAdmins: [user('nw-alice')],
};

/** Contoso's other partner; used to show that another partner's data never grants Northwind. */
export const contosoInvitedAdatum: RelationshipGrantInput = {
  id: 'rel-contoso-adatum',
  customerTenantId: CONTOSO,
  partnerTenantId: ADATUM,
  state: 'active',
  scope: ALL_ROOMS,
  primaryAdmins: [user('nw-alice')],
};

/** A relationship of Northwind with itself can never be created; the engine ignores it anyway. */
export const northwindInvitedItself: RelationshipGrantInput = {
  id: 'rel-northwind-northwind',
  customerTenantId: NORTHWIND,
  partnerTenantId: NORTHWIND,
  state: 'active',
  scope: ALL_ROOMS,
  primaryAdmins: [user('nw-alice')],
};

/** Northwind's help-desk role for Contoso: incidents and tickets only (a subset, plus junk). */
export const helpDeskRole: RoleGrantInput = {
  id: 'role-nw-helpdesk',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  name: 'Help desk',
  // 'rooms.destroy' is not in the catalogue: stale or forged data must grant nothing.
  permissions: ['tickets.view', 'tickets.update', 'reports.createIncident', 'rooms.destroy'],
};

/** A Northwind role defined by Fabrikam: a Contoso assignment naming it grants nothing. */
export const fabrikamReaderRole: RoleGrantInput = {
  id: 'role-fab-reader',
  customerTenantId: FABRIKAM,
  partnerTenantId: NORTHWIND,
  name: 'Fabrikam reader',
  permissions: ['rooms.view'],
};

/** Contoso's own custom role: a partner assignment naming it grants nothing (wrong side). */
export const contosoOwnViewerRole: RoleGrantInput = {
  id: 'role-contoso-viewer',
  customerTenantId: CONTOSO,
  partnerTenantId: null,
  name: 'Viewer',
  permissions: ['rooms.view', 'tickets.view'],
};

/** The customer built-in roles the matrix gives to partner and to customer users. */
export const CUSTOMER_BUILT_INS = [
  { key: 'MMR Admin', roleId: 'builtin:mmr-admin', slug: 'mmr-admin' },
  { key: 'Site Lead', roleId: 'builtin:site-lead', slug: 'site-lead' },
  { key: 'Site Tech', roleId: 'builtin:site-tech', slug: 'site-tech' },
] as const;

/** Scope of the partner role-matrix assignments: Seattle, plus London which was never invited. */
export const seattleAndLondon = scope(['london-1'], ['grp-seattle']);

/** One partner user per customer built-in role, assigned in Contoso to Seattle + London. */
export const partnerBuiltInAssignments: AssignmentGrantInput[] = CUSTOMER_BUILT_INS.map((r) => ({
  id: `asg-nw-${r.slug}`,
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  roleId: r.roleId,
  members: [user(`nw-${r.slug}`)],
  scope: seattleAndLondon,
}));

/** One Contoso user per built-in role, assigned to Seattle only (no relationship applies). */
export const customerBuiltInAssignments: AssignmentGrantInput[] = CUSTOMER_BUILT_INS.map((r) => ({
  id: `asg-ct-${r.slug}`,
  customerTenantId: CONTOSO,
  partnerTenantId: null,
  roleId: r.roleId,
  members: [user(`ct-${r.slug}`)],
  scope: scope([], ['grp-seattle']),
}));

/** helpDeskScopedToSeattle: the help-desk group (nested groups count) on Seattle rooms. */
export const helpDeskScopedToSeattle: AssignmentGrantInput = {
  id: 'asg-nw-helpdesk-seattle',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  roleId: helpDeskRole.id,
  members: [group('grp-nw-helpdesk')],
  scope: scope([], ['grp-seattle']),
};

/** Misuses Fabrikam's role id inside Contoso: must grant nothing. */
export const contosoAssignmentWithFabrikamRole: AssignmentGrantInput = {
  id: 'asg-nw-foreign-role',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  roleId: fabrikamReaderRole.id,
  members: [user('nw-borrower')],
  scope: ALL_ROOMS,
};

/** Gives a partner user Contoso's own custom role: must grant nothing. */
export const partnerAssignmentWithCustomerRole: AssignmentGrantInput = {
  id: 'asg-nw-customer-role',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  roleId: contosoOwnViewerRole.id,
  members: [user('nw-borrower')],
  scope: ALL_ROOMS,
};

/** Tries to hand out Primary admins as an ordinary assignment: only the relationship can. */
export const primaryAdminsAsAssignment: AssignmentGrantInput = {
  id: 'asg-nw-fake-primary',
  customerTenantId: CONTOSO,
  partnerTenantId: NORTHWIND,
  roleId: 'builtin:primary-admins',
  members: [user('nw-borrower')],
  scope: ALL_ROOMS,
};

/** In Tailspin, whose invitation is pending: grants nothing until accepted. */
export const tailspinAssignmentWhilePending: AssignmentGrantInput = {
  id: 'asg-nw-tailspin',
  customerTenantId: TAILSPIN,
  partnerTenantId: NORTHWIND,
  roleId: 'builtin:mmr-admin',
  members: [user('nw-alice'), user('nw-site-lead')],
  scope: ALL_ROOMS,
};

/** Adatum's assignment naming a Northwind user id: a different partner's grant never applies. */
export const adatumAssignmentNamingNorthwindUser: AssignmentGrantInput = {
  id: 'asg-adatum-mmr',
  customerTenantId: CONTOSO,
  partnerTenantId: ADATUM,
  roleId: 'builtin:mmr-admin',
  members: [user('nw-site-tech'), user('nw-borrower')],
  scope: ALL_ROOMS,
};

/** Everything above, as the loader would hand it to the engine (more than any caller needs). */
export function fullPolicy(): GrantsInput {
  return {
    relationships: [
      contosoInvitedNorthwind,
      fabrikamInvitedNorthwind,
      tailspinInvitationPending,
      contosoInvitedAdatum,
      northwindInvitedItself,
    ],
    roles: [helpDeskRole, fabrikamReaderRole, contosoOwnViewerRole],
    assignments: [
      ...partnerBuiltInAssignments,
      ...customerBuiltInAssignments,
      helpDeskScopedToSeattle,
      contosoAssignmentWithFabrikamRole,
      partnerAssignmentWithCustomerRole,
      primaryAdminsAsAssignment,
      tailspinAssignmentWhilePending,
      adatumAssignmentNamingNorthwindUser,
    ],
  };
}

/** A caller; `groups` are the transitive groups the directory reports. */
export function caller(
  tenantId: string,
  userId: string,
  groups: string[] = [],
  flags: { isGlobalAdmin?: boolean; isRoomsProManager?: boolean } = {}
): GrantsCaller {
  return {
    tenantId,
    userId,
    groupIds: new Set(groups),
    isGlobalAdmin: flags.isGlobalAdmin ?? false,
    isRoomsProManager: flags.isRoomsProManager ?? false,
  };
}

/** primaryAdminOfContoso: a Northwind user named directly in Contoso's Primary admins. */
export const primaryAdminOfContoso = caller(NORTHWIND, 'nw-alice');
/** primaryAdminOfContosoViaGroup: Primary admin only through a group membership. */
export const primaryAdminOfContosoViaGroup = caller(NORTHWIND, 'nw-bob', ['grp-nw-contoso-admins']);
/**
 * helpDeskTechViaNestedGroup: member of "Help desk EMEA", which is nested in "Help desk"; the
 * directory's transitive closure puts both groups in groupIds, and the assignment names the parent.
 */
export const helpDeskTechViaNestedGroup = caller(NORTHWIND, 'nw-tech-emea', [
  'grp-nw-helpdesk-emea',
  'grp-nw-helpdesk',
]);
/** A Northwind user in no group and no assignment: a Tenant manager sees no customer data. */
export const northwindTenantManager = caller(NORTHWIND, 'nw-tenant-manager');
/** Northwind's Global admin: GA of the partner tenant is no right in any customer. */
export const northwindGlobalAdmin = caller(NORTHWIND, 'nw-ga', [], { isGlobalAdmin: true });
/** Named only in assignments that must be ignored (foreign, customer or Primary admins role). */
export const northwindBorrower = caller(NORTHWIND, 'nw-borrower');
/** Contoso's Global admin: everything in Contoso, nothing elsewhere. */
export const contosoGlobalAdmin = caller(CONTOSO, 'ct-ga', [], { isGlobalAdmin: true });
/** Contoso's Teams Rooms Pro Manager: same rights as its Global admin. */
export const contosoRoomsProManager = caller(CONTOSO, 'ct-trpm', [], { isRoomsProManager: true });
/** Fabrikam's Global admin: must not reach Contoso. */
export const fabrikamGlobalAdmin = caller(FABRIKAM, 'fab-ga', [], { isGlobalAdmin: true });
