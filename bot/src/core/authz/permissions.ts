/**
 * The closed permission catalogue (feature × action, PRODUCT.md §3) and the built-in roles.
 * Permissions are code; roles are data, except the built-ins, which cannot be edited or deleted.
 */
export const PERMISSIONS = [
  'rooms.view',
  'rooms.modify',
  'rooms.resetKey',
  'rooms.downloadKey',
  'rooms.unenroll',
  'rooms.create',
  'roomGroups.view',
  'roomGroups.modify',
  'roomGroups.create',
  'updateRings.view',
  'updateRings.modify',
  'reports.view',
  'reports.createIncident',
  'tickets.view',
  'tickets.update',
  'settings.view',
  'settings.modify',
  'roles.view',
  'roles.modify',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/** Tenant-level permissions need an assignment but no room in its scope. */
export const TENANT_LEVEL_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'settings.view',
  'settings.modify',
  'roles.view',
  'roles.modify',
  'rooms.create',
  'roomGroups.create',
  'reports.view',
]);

export type BuiltInRoleId = 'builtin:mmr-admin' | 'builtin:site-lead' | 'builtin:site-tech' | 'builtin:primary-admins';

export interface BuiltInRole {
  id: BuiltInRoleId;
  name: string;
  description: string;
  /** 'customer': the customer's own roles; 'partner': the partner's role per customer. */
  side: 'customer' | 'partner';
  permissions: readonly Permission[];
}

/** Exactly the permission table of PRODUCT.md §3. */
export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    id: 'builtin:mmr-admin',
    name: 'MMR Admin',
    description: 'Full rights on the tenant’s Teams Rooms (equivalent to Teams Rooms Pro Manager).',
    side: 'customer',
    permissions: PERMISSIONS,
  },
  {
    id: 'builtin:site-lead',
    name: 'Site Lead',
    description: 'Runs the rooms of their sites, including groups and update rings.',
    side: 'customer',
    permissions: [
      'rooms.view',
      'rooms.modify',
      'rooms.downloadKey',
      'rooms.unenroll',
      'rooms.create',
      'roomGroups.view',
      'roomGroups.modify',
      'roomGroups.create',
      'updateRings.view',
      'updateRings.modify',
      'reports.view',
      'reports.createIncident',
      'tickets.view',
      'tickets.update',
    ],
  },
  {
    id: 'builtin:site-tech',
    name: 'Site Tech',
    description: 'Looks after rooms and tickets on site.',
    side: 'customer',
    permissions: [
      'rooms.view',
      'rooms.modify',
      'rooms.downloadKey',
      'rooms.unenroll',
      'reports.createIncident',
      'tickets.view',
      'tickets.update',
    ],
  },
  {
    id: 'builtin:primary-admins',
    name: 'Primary admins',
    description: 'The partner’s built-in role for this customer: nearly full rights within the invitation scope.',
    side: 'partner',
    permissions: [
      'rooms.view',
      'rooms.modify',
      'roomGroups.view',
      'updateRings.view',
      'updateRings.modify',
      'reports.view',
      'reports.createIncident',
      'tickets.view',
      'tickets.update',
      'roles.view',
      'roles.modify',
    ],
  },
];

export const builtInRole = (id: string): BuiltInRole | undefined => BUILT_IN_ROLES.find((r) => r.id === id);
