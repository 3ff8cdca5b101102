/**
 * The closed permission catalogue (feature × action, PRODUCT.md §3) and the built-in roles.
 * Permissions are code; roles are data, except the built-ins, which cannot be edited or deleted.
 */

/** The built-in roles by short name: the columns of the table below. */
type BuiltIn = 'mmr' | 'lead' | 'tech' | 'primary';

/**
 * Exactly the permission table of PRODUCT.md §3, row by row: which built-in roles hold each
 * permission of the catalogue (MMR Admin holds every one). The built-in roles below read it.
 */
const PERMISSION_TABLE = {
  'rooms.view': ['mmr', 'lead', 'tech', 'primary'],
  'rooms.modify': ['mmr', 'lead', 'tech', 'primary'],
  'rooms.resetKey': ['mmr'],
  'rooms.downloadKey': ['mmr', 'lead', 'tech'],
  'rooms.unenroll': ['mmr', 'lead', 'tech'],
  'rooms.create': ['mmr', 'lead'],
  'roomGroups.view': ['mmr', 'lead', 'primary'],
  'roomGroups.modify': ['mmr', 'lead'],
  'roomGroups.create': ['mmr', 'lead'],
  'updateRings.view': ['mmr', 'lead', 'primary'],
  'updateRings.modify': ['mmr', 'lead', 'primary'],
  'reports.view': ['mmr', 'lead', 'primary'],
  'reports.createIncident': ['mmr', 'lead', 'tech', 'primary'],
  'tickets.view': ['mmr', 'lead', 'tech', 'primary'],
  'tickets.update': ['mmr', 'lead', 'tech', 'primary'],
  'settings.view': ['mmr'],
  'settings.modify': ['mmr'],
  'roles.view': ['mmr', 'primary'],
  'roles.modify': ['mmr', 'primary'],
  /**
   * Approve or reject a partner's change requests and just-in-time elevations in this tenant
   * (issue #15). Held on the customer's own side only: the engine never lets a partner hold it.
   */
  'changes.approve': ['mmr'],
} as const satisfies Record<string, readonly BuiltIn[]>;

export type Permission = keyof typeof PERMISSION_TABLE;

/** The catalogue, in the table's order. */
export const PERMISSIONS = Object.keys(PERMISSION_TABLE) as readonly Permission[];

export const isPermission = (p: string): p is Permission =>
  (PERMISSIONS as readonly string[]).includes(p);

/**
 * Organisation-level rights (PRODUCT.md §1, §4.1–4.4, §4.9–4.11): held in the caller's own
 * tenant only, derived from who the caller is there (Global admin, Teams Rooms Pro Manager,
 * tenant manager of an eligible partner, holder of Role management › Modify in some customer),
 * never granted by a role, so no custom role can carry them (they are not in PERMISSIONS).
 */
export const ORGANISATION_PERMISSIONS = [
  /** Use the partner side at all: any user of an eligible partner tenant. */
  'partner.access',
  /** The invitation inbox, accept and decline: the partner's GA, TRPM and tenant managers. */
  'partner.invitations.decide',
  /** Every customer's metadata in the Tenants list: the partner's GA, TRPM and tenant managers. */
  'partner.customers.viewAll',
  /** Choose the partner's tenant managers: its GA and TRPM. */
  'partner.tenantManagers.manage',
  /** Restore a Primary admin when none can act (break-glass): the partner's Global admin. */
  'partner.primaryAdmins.breakGlass',
  /** Invite partners, their invitations, scope, roles and removal: the customer's GA and TRPM. */
  'customer.partners.manage',
  /** Read and export the tenant's audit log: its GA and TRPM. */
  'organisation.audit.read',
  /** See the tenant's Teams Rooms Pro Managers: its GA and TRPM. */
  'organisation.roomsProManagers.view',
  /** Assign and remove Teams Rooms Pro Managers: its Global admins. */
  'organisation.roomsProManagers.manage',
  /**
   * Search the tenant's own directory: its GA and TRPM, tenant managers (choosing Primary
   * admins), and holders of Role management › Modify in some customer (choosing members).
   */
  'organisation.directory.search',
  /**
   * Subscribe a team channel or group chat of the tenant to alerts, and list or end its
   * subscriptions: every user of that tenant (a conversation of another tenant is not theirs).
   */
  'organisation.conversations.subscribe',
  /**
   * Send health signals that open and close the tenant's tickets: the tenant's ingest key only, a
   * machine credential (`ingestKeyGrants`); no user holds it.
   */
  'organisation.signals.ingest',
] as const;

export type OrganisationPermission = (typeof ORGANISATION_PERMISSIONS)[number];

/**
 * Relationship-level rights of a partner user in one customer, held only by that customer's
 * Primary admins (PRODUCT.md §4.5) and never grantable by a role.
 */
export const RELATIONSHIP_PERMISSIONS = [
  /** Remove (off-board) the customer: its Primary admins only. */
  'partner.customer.offboard',
  /** The rooms and room groups of the invitation scope by name, in the Tenants detail. */
  'partner.customer.viewScope',
] as const;

export type RelationshipPermission = (typeof RELATIONSHIP_PERMISSIONS)[number];

/**
 * Rights over a partner's change requests and elevations in one customer (issue #15), derived
 * from who the caller is there and never grantable by a role. The resource names whose object it
 * is (`AuthzResource.owner`: the partner tenant and, for an elevation, the user who asked for it);
 * a resource naming no owner means every partner's (a list). Denied outside the customer, they
 * reveal nothing (`Decision.hidden`).
 */
export const CHANGE_CONTROL_PERMISSIONS = [
  /** Approve or reject one: the customer's approvers (`changes.approve` in their own tenant). */
  'changes.decide',
  /**
   * See them: the customer's approvers every partner's; a partner's users their own partner's,
   * in a customer where they hold some right.
   */
  'changes.view',
  /** End a running elevation early: the customer's approvers any; its requester their own. */
  'changes.endElevation',
] as const;

export type ChangeControlPermission = (typeof CHANGE_CONTROL_PERMISSIONS)[number];

export const isOrganisationPermission = (p: string): p is OrganisationPermission =>
  (ORGANISATION_PERMISSIONS as readonly string[]).includes(p);

/** Tenant-level permissions need an assignment but no room in its scope. */
export const TENANT_LEVEL_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'settings.view',
  'settings.modify',
  'roles.view',
  'roles.modify',
  'rooms.create',
  'roomGroups.create',
  'reports.view',
  'changes.approve',
]);

export type BuiltInRoleId =
  'builtin:mmr-admin' | 'builtin:site-lead' | 'builtin:site-tech' | 'builtin:primary-admins';

export interface BuiltInRole {
  id: BuiltInRoleId;
  name: string;
  description: string;
  /** 'customer': the customer's own roles; 'partner': the partner's role per customer. */
  side: 'customer' | 'partner';
  permissions: readonly Permission[];
}

const heldBy = (role: BuiltIn): readonly Permission[] =>
  PERMISSIONS.filter((p) => (PERMISSION_TABLE[p] as readonly BuiltIn[]).includes(role));

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    id: 'builtin:mmr-admin',
    name: 'MMR Admin',
    description: 'Full rights on the tenant’s Teams Rooms (equivalent to Teams Rooms Pro Manager).',
    side: 'customer',
    permissions: heldBy('mmr'),
  },
  {
    id: 'builtin:site-lead',
    name: 'Site Lead',
    description: 'Runs the rooms of their sites, including groups and update rings.',
    side: 'customer',
    permissions: heldBy('lead'),
  },
  {
    id: 'builtin:site-tech',
    name: 'Site Tech',
    description: 'Looks after rooms and tickets on site.',
    side: 'customer',
    permissions: heldBy('tech'),
  },
  {
    id: 'builtin:primary-admins',
    name: 'Primary admins',
    description:
      'The partner’s built-in role for this customer: nearly full rights within the invitation scope.',
    side: 'partner',
    permissions: heldBy('primary'),
  },
];

export const builtInRole = (id: string): BuiltInRole | undefined =>
  BUILT_IN_ROLES.find((r) => r.id === id);
