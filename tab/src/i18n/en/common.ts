/** English messages: shared words, the navigation, the overview cards, member pickers, scopes, error codes. */
import { MAX_ROLE_NAME } from '../../../../bot/src/core/limits.ts';
import { plural } from '../plural.ts';

/** Sentences for service error codes; a code not listed shows the service's own message. */
const errorCodes: Record<string, string> = {
  'AUTHZ.FORBIDDEN': 'You do not hold the permission this needs.',
  'ROLE.NOT_FOUND': 'This role no longer exists. Reload the page.',
  'ROLE.BUILT_IN': 'Built-in roles cannot be changed or deleted.',
  'ROLE.NAME_TAKEN': 'Another role already has this name.',
  'ROLE.NAME_INVALID': `Enter a name of 1 to ${MAX_ROLE_NAME} characters.`,
  'ROLE.PERMISSION_UNKNOWN': 'One of the permissions is not known to the service.',
  'ROLE.PERMISSIONS_EMPTY': 'Choose at least one permission.',
  'ROLE.IN_USE': 'This role is still assigned. Delete its assignments first.',
  'ROLE.PERMISSION_NOT_HELD':
    'A role may only contain permissions you hold yourself in this customer.',
  'ASSIGNMENT.NOT_FOUND': 'This assignment no longer exists. Reload the page.',
  'ASSIGNMENT.ROLE_INVALID': 'Choose a role of this customer.',
  'ASSIGNMENT.MEMBERS_EMPTY': 'Choose at least one member.',
  'ASSIGNMENT.SCOPE_INVALID': 'Some rooms or room groups do not exist in this customer.',
  'ASSIGNMENT.OUTSIDE_SCOPE':
    'The scope goes beyond what this customer gave your organisation. Choose rooms within it.',
  'ASSIGNMENT.PERMISSION_NOT_HELD':
    'You can only assign a role over rooms where you hold each of its permissions yourself.',
  'ROOM.NOT_FOUND': 'This room no longer exists or is outside your scope.',
  'ROOM.ALREADY_UNENROLLED': 'This room is already unenrolled.',
  'ROOM.KEY_NOT_FOUND': 'This room has no enrollment key yet.',
  'ROOM.CHANGED': 'The room changed meanwhile. Reload and try again.',
  'ROOM_GROUP.NAME_TAKEN': 'Another room group already has this name.',
  'RING.BUILT_IN': 'Built-in rings keep their name and cannot be deleted; Staging stays first.',
  'RING.ORDER_TAKEN': 'Another ring already has this position.',
  'RING.NAME_TAKEN': 'Another ring already has this name.',
  'RING.NEEDS_ALL_ROOMS': 'Changing a ring needs Update ring management › Modify over every room.',
};

export const common = {
  common: {
    cancel: 'Cancel',
    add: 'Add',
    remove: 'Remove',
    delete: 'Delete',
    save: 'Save',
    actions: 'Actions',
    loadMore: 'Load more',
    tenantId: (id: string) => `Tenant ID ${id}`,
    /** The accessible name of a row's Modify button. */
    modifyLabel: (name: string) => `Modify ${name}`,
    /** The title of the dialog that edits a named object (a ring, a room group, a role). */
    editTitle: (name: string) => `Edit ${name}`,
  },
  nav: {
    label: 'Partner Hub',
    customer: 'Customer',
    chooseCustomer: 'Choose a customer',
    allCustomers: 'All customers',
    yourOrganisation: (name: string) => `${name} (your organisation)`,
    partnerSection: 'Partner',
    customerSection: 'Customer',
    organisationSection: 'Your organisation',
    settingsSection: 'Settings',
    pages: {
      overview: 'Overview',
      invitations: 'Invitations',
      tenants: 'Tenants',
      tenantManagers: 'Tenant managers',
      partners: 'Partners',
      audit: 'Audit log',
      roomsProManagers: 'Teams Rooms Pro Managers',
      rooms: 'Rooms',
      roomGroups: 'Room groups',
      updateRings: 'Update rings',
      incidents: 'Incidents',
      reports: 'Reports',
      roomsProSettings: 'Teams Rooms Pro settings',
      roleManagement: 'Roles',
    },
  },
  /** One sentence per page, on the overview's cards. */
  features: {
    invitations:
      'Pending invitations from customers, with their scope and expiry. Accept or decline.',
    tenants: 'The customers you manage, their Primary admins and the rooms each one put in scope.',
    tenantManagers: 'Who in your organisation receives and decides customer invitations.',
    partners: 'Invite a partner, set what it may reach, revoke its roles, or remove it.',
    audit: 'Every change in your tenant, by anyone, including denied attempts. Export as CSV.',
    roomsProManagers: 'Who administers Rooms Partner Hub in your organisation.',
    rooms: 'Rooms of the chosen customer, with their health.',
    incidents: 'Room health alerts and tickets across your customers, with notes and status.',
    roomGroups: 'Group the rooms of a customer; rename and describe groups.',
    updateRings: 'The order and delay in which rooms get updates; custom rings and moving rooms.',
    reports: 'Room health and incident summary of the chosen customer.',
    roomsProSettings: 'Maintenance window, alert contacts and features of Teams Rooms Pro.',
    roleManagement: 'Custom roles and who holds them, over which rooms.',
  },
  members: {
    placeholder: 'Search by name',
    typeToSearch: 'Type a name to search users and groups.',
    searching: 'Searching…',
    noMatches: 'No users or groups match.',
    matches: (n: number) => `${plural(n, 'match', 'matches')}. Use the arrow keys to choose.`,
    group: 'Group',
    user: 'User',
    name: 'Name',
    kind: 'Type',
    remove: (name: string) => `Remove ${name}`,
  },
  scope: {
    label: 'Scope',
    allRooms: 'All rooms',
    chosen: 'Chosen room groups and rooms',
    counts: (rooms: number, groups: number) =>
      [
        groups ? plural(groups, 'room group', 'room groups') : '',
        rooms ? plural(rooms, 'room', 'rooms') : '',
      ]
        .filter(Boolean)
        .join(', ') || 'No rooms',
    groupNamed: (name: string) => `Room group: ${name}`,
    roomGroups: 'Room groups',
    rooms: 'Rooms',
    loading: 'Loading rooms…',
    loadFailed: 'Could not load your rooms',
    unavailable: 'Rooms cannot be listed here yet, so only all rooms can be chosen.',
  },
  errorCodes,
};
