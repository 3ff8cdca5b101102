/**
 * Strings of the Pro Management and role pages (PRODUCT.md §4.6, §4.12): room actions, room
 * groups, update rings, reports, Teams Rooms Pro settings, roles and assignments, and the
 * translated messages of the service error codes those pages meet. Merged into `Strings`.
 */
import type { Feature, Permission } from './api/roles.ts';
import type { AlertSeverity, Weekday } from './api/resources.ts';

export interface ManageStrings {
  /** Sentences for service error codes; a code not listed shows the service's own message. */
  errorCodes: Record<string, string>;
  roomActions: {
    open: (name: string) => string;
    closePanel: string;
    facts: string;
    country: string;
    ring: string;
    keyVersion: string;
    onboard: string;
    onboardTitle: string;
    onboardSubmit: string;
    onboarded: (name: string) => string;
    modify: string;
    modifyTitle: (name: string) => string;
    modified: (name: string) => string;
    unenroll: string;
    unenrollTitle: (name: string) => string;
    unenrollBody: string;
    unenrolled: (name: string) => string;
    resetKey: string;
    resetTitle: (name: string) => string;
    resetBody: string;
    resetDone: (name: string, version: number) => string;
    downloadKey: string;
    downloaded: (file: string) => string;
    failed: string;
    countryHint: string;
    nameRequired: string;
    siteRequired: string;
    countryInvalid: string;
    defaultRing: string;
    noGroups: string;
    recordIssue: string;
    recordTitle: (room: string) => string;
    recordSubmit: string;
    recorded: (room: string) => string;
    recordFailed: string;
    issueTitle: string;
    issueDescription: string;
    highImpact: string;
    highImpactHint: string;
    justification: string;
    titleRequired: string;
    justificationRequired: string;
  };
  roomGroups: {
    title: string;
    intro: (customer: string) => string;
    tableLabel: (customer: string) => string;
    loading: string;
    loadFailed: string;
    empty: string;
    name: string;
    description: string;
    rooms: string;
    create: string;
    createTitle: string;
    edit: (name: string) => string;
    editTitle: (name: string) => string;
    created: (name: string) => string;
    saved: (name: string) => string;
    failed: string;
    nameRequired: string;
  };
  rings: {
    title: string;
    intro: (customer: string) => string;
    tableLabel: (customer: string) => string;
    loading: string;
    loadFailed: string;
    order: string;
    orderHint: string;
    name: string;
    kind: string;
    builtIn: string;
    custom: string;
    deferral: string;
    deferralHint: string;
    days: (n: number) => string;
    description: string;
    rooms: string;
    create: string;
    createTitle: string;
    edit: (name: string) => string;
    editTitle: (name: string) => string;
    created: (name: string) => string;
    saved: (name: string) => string;
    remove: (name: string) => string;
    removeTitle: (name: string) => string;
    removeBody: string;
    removed: (name: string, moved: number) => string;
    move: (name: string) => string;
    moveTitle: (name: string) => string;
    moveIntro: string;
    moveSubmit: string;
    moved: (moved: number, name: string) => string;
    chooseRooms: string;
    failed: string;
    nameRequired: string;
    orderInvalid: string;
    deferralInvalid: string;
  };
  reports: {
    title: string;
    intro: (customer: string) => string;
    loading: string;
    loadFailed: string;
    generated: (when: string) => string;
    roomsTitle: string;
    totalRooms: (n: number) => string;
    incidentsTitle: string;
    bySeverity: string;
    byType: string;
    activityTitle: string;
    period: string;
    opened: string;
    closed: string;
    last7: string;
    last30: string;
    count: string;
    none: string;
  };
  proSettings: {
    title: string;
    intro: (customer: string) => string;
    loading: string;
    loadFailed: string;
    defaults: string;
    lastSaved: (when: string) => string;
    readOnly: string;
    timeZone: string;
    timeZoneHint: string;
    maintenance: string;
    days: string;
    weekdays: Record<Weekday, string>;
    start: string;
    startHint: string;
    duration: string;
    durationHint: string;
    notifications: string;
    contacts: string;
    contactsHint: string;
    severities: string;
    severityNames: Record<AlertSeverity, string>;
    weeklyDigest: string;
    features: string;
    automaticUpdates: string;
    autoResolveIncidents: string;
    customerReportedIssues: string;
    save: string;
    saved: string;
    failed: string;
    timeZoneRequired: string;
    startInvalid: string;
    durationInvalid: string;
  };
  /** The built-in update rings, by their service name, in the reader's language. */
  builtInRings: Record<string, { name: string; description: string }>;
  /** The service's built-in roles, by id, in the reader's language. */
  builtInRoles: Record<string, { name: string; description: string }>;
  roleAdmin: {
    title: string;
    intro: (customer: string) => string;
    partnerIntro: (customer: string) => string;
    primaryAdmins: {
      title: string;
      intro: (customer: string) => string;
      tableLabel: string;
      loading: string;
      loadFailed: string;
      empty: string;
      addLabel: string;
      addFailed: string;
      removeFailed: string;
      added: (name: string) => string;
      removed: (name: string) => string;
      removeTitle: (name: string) => string;
      removeBody: (name: string) => string;
    };
    viewOnly: string;
    loading: string;
    loadFailed: string;
    rolesTitle: string;
    rolesTable: (customer: string) => string;
    assignmentsTitle: string;
    assignmentsTable: (customer: string) => string;
    noAssignments: string;
    name: string;
    kind: string;
    builtIn: string;
    custom: string;
    permissions: string;
    permissionCount: (n: number) => string;
    role: string;
    members: string;
    scope: string;
    alerts: string;
    alertsOn: string;
    alertsOff: string;
    unknownRole: string;
    newRole: string;
    newAssignment: string;
    editRole: (name: string) => string;
    editRoleTitle: (name: string) => string;
    deleteRole: (name: string) => string;
    deleteRoleTitle: (name: string) => string;
    deleteRoleBody: string;
    roleDeleted: (name: string) => string;
    roleSaved: (name: string) => string;
    editAssignment: (role: string) => string;
    editAssignmentTitle: (role: string) => string;
    newAssignmentTitle: string;
    deleteAssignment: (role: string) => string;
    deleteAssignmentTitle: (role: string) => string;
    deleteAssignmentBody: string;
    assignmentDeleted: string;
    assignmentSaved: string;
    failed: string;
    features: Record<Feature, string>;
    permissionNames: Record<Permission, string>;
    notHeld: string;
    description: string;
    nameRequired: string;
    choosePermission: string;
    chooseMember: string;
    chosenMembers: string;
    notify: string;
    partnerScopeHint: string;
    wizard: {
      title: string;
      steps: { general: string; permissions: string; assignment: string; members: string; scope: string; finish: string };
      stepOf: (n: number, total: number, name: string) => string;
      next: string;
      back: string;
      create: string;
      assignNow: string;
      assignLater: string;
      assignRadio: string;
      notAssigned: string;
      created: (name: string) => string;
      createdAndAssigned: (name: string) => string;
      roleCreatedAssignmentFailed: (name: string) => string;
    };
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
const pluriel = (n: number, one: string, many: string) => (n <= 1 ? `${n} ${one}` : `${n} ${many}`);

export const manageEnUS: ManageStrings = {
  errorCodes: {
    'AUTHZ.FORBIDDEN': 'You do not hold the permission this needs.',
    'ROLE.NOT_FOUND': 'This role no longer exists. Reload the page.',
    'ROLE.BUILT_IN': 'Built-in roles cannot be changed or deleted.',
    'ROLE.NAME_TAKEN': 'Another role already has this name.',
    'ROLE.NAME_INVALID': 'Enter a name of 1 to 64 characters.',
    'ROLE.PERMISSION_UNKNOWN': 'One of the permissions is not known to the service.',
    'ROLE.PERMISSIONS_EMPTY': 'Choose at least one permission.',
    'ROLE.IN_USE': 'This role is still assigned. Delete its assignments first.',
    'ROLE.PERMISSION_NOT_HELD': 'A role may only contain permissions you hold yourself in this customer.',
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
  },
  roomActions: {
    open: (name) => `Details of ${name}`,
    closePanel: 'Close details',
    facts: 'Room details',
    country: 'Country',
    ring: 'Update ring',
    keyVersion: 'Key version',
    onboard: 'Onboard room',
    onboardTitle: 'Onboard a room',
    onboardSubmit: 'Onboard',
    onboarded: (name) => `${name} onboarded; it waits for its device.`,
    modify: 'Modify',
    modifyTitle: (name) => `Modify ${name}`,
    modified: (name) => `${name} saved.`,
    unenroll: 'Unenroll',
    unenrollTitle: (name) => `Unenroll ${name}?`,
    unenrollBody: 'The room stops being monitored. Its device must be enrolled again to come back.',
    unenrolled: (name) => `${name} unenrolled.`,
    resetKey: 'Reset key',
    resetTitle: (name) => `Reset the enrollment key of ${name}?`,
    resetBody: 'A new random key replaces the current one; devices not yet enrolled need the new key.',
    resetDone: (name, v) => `Enrollment key of ${name} reset (version ${v}).`,
    downloadKey: 'Download key',
    downloaded: (file) => `Enrollment key saved as ${file}.`,
    failed: 'The room was not changed',
    countryHint: 'Two-letter code, e.g. US or FR.',
    nameRequired: 'Enter a name.',
    siteRequired: 'Enter a site.',
    countryInvalid: 'Enter a two-letter country code.',
    defaultRing: 'General (default)',
    noGroups: 'No room groups',
    recordIssue: 'Record an issue',
    recordTitle: (room) => `Record an issue on ${room}`,
    recordSubmit: 'Record',
    recorded: (room) => `Issue recorded on ${room}; the room shows Important until the issue is closed.`,
    recordFailed: 'The issue was not recorded',
    issueTitle: 'Title',
    issueDescription: 'What happens',
    highImpact: 'High impact',
    highImpactHint: 'Recorded as Important; say why.',
    justification: 'Why is it high impact?',
    titleRequired: 'Enter a title.',
    justificationRequired: 'A high-impact issue needs a justification.',
  },
  roomGroups: {
    title: 'Room groups',
    intro: (c) => `Room groups of ${c}, with the number of their rooms you may view.`,
    tableLabel: (c) => `Room groups of ${c}`,
    loading: 'Loading room groups…',
    loadFailed: 'Could not load the room groups',
    empty: 'No room groups yet.',
    name: 'Name',
    description: 'Description',
    rooms: 'Rooms',
    create: 'New room group',
    createTitle: 'New room group',
    edit: (name) => `Modify ${name}`,
    editTitle: (name) => `Edit ${name}`,
    created: (name) => `Room group ${name} created.`,
    saved: (name) => `Room group ${name} saved.`,
    failed: 'The room group was not saved',
    nameRequired: 'Enter a name.',
  },
  rings: {
    title: 'Update rings',
    intro: (c) =>
      `Update rings of ${c} in rollout order: each gets updates its deferral after release, all within 60 days.`,
    tableLabel: (c) => `Update rings of ${c}`,
    loading: 'Loading update rings…',
    loadFailed: 'Could not load the update rings',
    order: 'Order',
    orderHint: 'Position 1 to 9, unique.',
    name: 'Name',
    kind: 'Type',
    builtIn: 'Built-in',
    custom: 'Custom',
    deferral: 'Deferral',
    deferralHint: 'Days after release, 0 to 60.',
    days: (n) => plural(n, 'day', 'days'),
    description: 'Description',
    rooms: 'Rooms',
    create: 'New ring',
    createTitle: 'New update ring',
    edit: (name) => `Modify ${name}`,
    editTitle: (name) => `Edit ${name}`,
    created: (name) => `Ring ${name} created.`,
    saved: (name) => `Ring ${name} saved.`,
    remove: (name) => `Delete ${name}`,
    removeTitle: (name) => `Delete the ring ${name}?`,
    removeBody: 'Its rooms move to the General ring.',
    removed: (name, moved) => `Ring ${name} deleted; ${plural(moved, 'room', 'rooms')} moved to General.`,
    move: (name) => `Move rooms to ${name}`,
    moveTitle: (name) => `Move rooms to ${name}`,
    moveIntro: 'Choose the rooms to move. Either all of them move, or none.',
    moveSubmit: 'Move',
    moved: (n, name) => `${plural(n, 'room', 'rooms')} moved to ${name}.`,
    chooseRooms: 'Choose at least one room.',
    failed: 'The ring was not changed',
    nameRequired: 'Enter a name.',
    orderInvalid: 'Enter a whole number from 1 to 9.',
    deferralInvalid: 'Enter a whole number of days from 0 to 60.',
  },
  reports: {
    title: 'Reports',
    intro: (c) => `Room health and incidents of ${c}, over the rooms you may see.`,
    loading: 'Loading the report…',
    loadFailed: 'Could not load the report',
    generated: (when) => `Generated ${when}.`,
    roomsTitle: 'Room health',
    totalRooms: (n) => plural(n, 'room', 'rooms'),
    incidentsTitle: 'Open incidents',
    bySeverity: 'Open incidents by severity',
    byType: 'Open incidents by type',
    activityTitle: 'Incident activity',
    period: 'Period',
    opened: 'Opened',
    closed: 'Closed',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    count: 'Count',
    none: 'None',
  },
  proSettings: {
    title: 'Teams Rooms Pro settings',
    intro: (c) => `Maintenance, alerts and features of ${c}'s Teams Rooms Pro.`,
    loading: 'Loading the settings…',
    loadFailed: 'Could not load the settings',
    defaults: 'These are the defaults: they apply until the settings are first saved.',
    lastSaved: (when) => `Last saved ${when}.`,
    readOnly: 'You may view these settings; changing them needs Teams Rooms Pro settings › Modify.',
    timeZone: 'Time zone',
    timeZoneHint: 'An IANA name, e.g. Europe/Paris.',
    maintenance: 'Maintenance window',
    days: 'Days',
    weekdays: { Mon: 'Monday', Tue: 'Tuesday', Wed: 'Wednesday', Thu: 'Thursday', Fri: 'Friday', Sat: 'Saturday', Sun: 'Sunday' },
    start: 'Start',
    startHint: 'HH:MM, 24-hour.',
    duration: 'Duration (minutes)',
    durationHint: '30 to 720.',
    notifications: 'Notifications',
    contacts: 'Alert contacts',
    contactsHint: 'One email address per line.',
    severities: 'Alert on',
    severityNames: { Important: 'Important', Warning: 'Warning' },
    weeklyDigest: 'Weekly health digest',
    features: 'Features',
    automaticUpdates: 'Automatic updates',
    autoResolveIncidents: 'Resolve incidents automatically when the room recovers',
    customerReportedIssues: 'Customers may record issues',
    save: 'Save settings',
    saved: 'Settings saved.',
    failed: 'The settings were not saved',
    timeZoneRequired: 'Enter a time zone.',
    startInvalid: 'Enter a time as HH:MM.',
    durationInvalid: 'Enter a whole number of minutes from 30 to 720.',
  },
  builtInRings: {
    Staging: { name: 'Staging', description: 'Validation rooms get updates first.' },
    General: { name: 'General', description: 'Most rooms.' },
    Executive: { name: 'Executive', description: 'Rooms that must not be disrupted.' },
  },
  builtInRoles: {
    'builtin:mmr-admin': {
      name: 'MMR Admin',
      description: 'Full rights on the tenant’s Teams Rooms (equivalent to Teams Rooms Pro Manager).',
    },
    'builtin:site-lead': {
      name: 'Site Lead',
      description: 'Runs the rooms of their sites, including groups and update rings.',
    },
    'builtin:site-tech': { name: 'Site Tech', description: 'Looks after rooms and tickets on site.' },
    'builtin:primary-admins': {
      name: 'Primary admins',
      description:
        'The partner’s built-in role for this customer: nearly full rights within the invitation scope.',
    },
  },
  roleAdmin: {
    title: 'Roles',
    intro: (c) => `Roles and assignments of your organisation in ${c}.`,
    primaryAdmins: {
      title: 'Primary admins: members',
      intro: (c) =>
        `Members of the built-in Primary admins assignment for ${c}: nearly full rights within the ` +
        'invitation scope. There is always at least one.',
      tableLabel: 'Members of Primary admins',
      loading: 'Loading the Primary admins…',
      loadFailed: 'Could not load the Primary admins',
      empty: 'No Primary admins.',
      addLabel: 'Add a Primary admin',
      addFailed: 'Could not add the Primary admin',
      removeFailed: 'Could not remove the Primary admin',
      added: (name) => `${name} is now a Primary admin.`,
      removed: (name) => `${name} is no longer a Primary admin.`,
      removeTitle: (name) => `Remove ${name} from the Primary admins?`,
      removeBody: (name) => `${name} will lose the Primary admins role for this customer.`,
    },
    partnerIntro: (c) =>
      `Your organisation's roles and assignments for ${c}. Assignments stay within the scope ${c} gave you.`,
    viewOnly: 'You may view roles here; changing them needs Role management › Modify.',
    loading: 'Loading roles…',
    loadFailed: 'Could not load the roles',
    rolesTitle: 'Roles',
    rolesTable: (c) => `Roles in ${c}`,
    assignmentsTitle: 'Assignments',
    assignmentsTable: (c) => `Assignments in ${c}`,
    noAssignments: 'No assignments yet.',
    name: 'Name',
    kind: 'Type',
    builtIn: 'Built-in',
    custom: 'Custom',
    permissions: 'Permissions',
    permissionCount: (n) => plural(n, 'permission', 'permissions'),
    role: 'Role',
    members: 'Members',
    scope: 'Scope',
    alerts: 'Alerts',
    alertsOn: 'On',
    alertsOff: 'Off',
    unknownRole: 'Unknown role',
    newRole: 'New custom role',
    newAssignment: 'New assignment',
    editRole: (name) => `Modify ${name}`,
    editRoleTitle: (name) => `Edit ${name}`,
    deleteRole: (name) => `Delete ${name}`,
    deleteRoleTitle: (name) => `Delete the role ${name}?`,
    deleteRoleBody: 'The role is deleted for good. A role that is still assigned cannot be deleted.',
    roleDeleted: (name) => `Role ${name} deleted.`,
    roleSaved: (name) => `Role ${name} saved.`,
    editAssignment: (role) => `Modify the assignment of ${role}`,
    editAssignmentTitle: (role) => `Assignment of ${role}`,
    newAssignmentTitle: 'New assignment',
    deleteAssignment: (role) => `Delete the assignment of ${role}`,
    deleteAssignmentTitle: (role) => `Delete this assignment of ${role}?`,
    deleteAssignmentBody: 'Its members lose the role on their next request.',
    assignmentDeleted: 'Assignment deleted.',
    assignmentSaved: 'Assignment saved.',
    failed: 'The change was not saved',
    features: {
      rooms: 'Rooms',
      roomGroups: 'Group management',
      updateRings: 'Update ring management',
      reports: 'Reports',
      tickets: 'Ticket management',
      settings: 'Teams Rooms Pro settings',
      roles: 'Role management',
      changes: 'Partner change approval',
    },
    permissionNames: {
      'rooms.view': 'View',
      'rooms.modify': 'Modify',
      'rooms.resetKey': 'Reset key',
      'rooms.downloadKey': 'Download key',
      'rooms.unenroll': 'Unenroll',
      'rooms.create': 'Create',
      'roomGroups.view': 'View',
      'roomGroups.modify': 'Modify',
      'roomGroups.create': 'Create',
      'updateRings.view': 'View',
      'updateRings.modify': 'Modify',
      'reports.view': 'View',
      'reports.createIncident': 'Create customer incident',
      'tickets.view': 'View',
      'tickets.update': 'Update',
      'settings.view': 'View',
      'settings.modify': 'Modify',
      'roles.view': 'View',
      'roles.modify': 'Modify',
      'changes.approve': 'Approve',
    },
    notHeld: 'You do not hold this permission, so you cannot give it.',
    description: 'Description',
    nameRequired: 'Enter a name.',
    choosePermission: 'Choose at least one permission.',
    chooseMember: 'Choose at least one member.',
    chosenMembers: 'Chosen members',
    notify: 'Send incident alerts to the members',
    partnerScopeHint: 'Only rooms inside the scope this customer gave your organisation can be chosen.',
    wizard: {
      title: 'New custom role',
      steps: {
        general: 'General',
        permissions: 'Permissions',
        assignment: 'Assignment',
        members: 'Members',
        scope: 'Scope',
        finish: 'Finish',
      },
      stepOf: (n, total, name) => `Step ${n} of ${total}: ${name}`,
      next: 'Next',
      back: 'Back',
      create: 'Create role',
      assignNow: 'Assign the role now',
      assignLater: 'Create the role only; assign it later',
      assignRadio: 'Assignment',
      notAssigned: 'Not assigned yet',
      created: (name) => `Role ${name} created.`,
      createdAndAssigned: (name) => `Role ${name} created and assigned.`,
      roleCreatedAssignmentFailed: (name) =>
        `Role ${name} was created, but not assigned. Correct the assignment and try again.`,
    },
  },
};

export const manageFrFR: ManageStrings = {
  errorCodes: {
    'AUTHZ.FORBIDDEN': "Vous n'avez pas l'autorisation nécessaire.",
    'ROLE.NOT_FOUND': "Ce rôle n'existe plus. Rechargez la page.",
    'ROLE.BUILT_IN': 'Les rôles intégrés ne peuvent être ni modifiés ni supprimés.',
    'ROLE.NAME_TAKEN': 'Un autre rôle porte déjà ce nom.',
    'ROLE.NAME_INVALID': 'Saisissez un nom de 1 à 64 caractères.',
    'ROLE.PERMISSION_UNKNOWN': "Une des autorisations n'est pas connue du service.",
    'ROLE.PERMISSIONS_EMPTY': 'Choisissez au moins une autorisation.',
    'ROLE.IN_USE': "Ce rôle est encore affecté. Supprimez d'abord ses affectations.",
    'ROLE.PERMISSION_NOT_HELD':
      'Un rôle ne peut contenir que des autorisations que vous détenez vous-même chez ce client.',
    'ASSIGNMENT.NOT_FOUND': "Cette affectation n'existe plus. Rechargez la page.",
    'ASSIGNMENT.ROLE_INVALID': 'Choisissez un rôle de ce client.',
    'ASSIGNMENT.MEMBERS_EMPTY': 'Choisissez au moins un membre.',
    'ASSIGNMENT.SCOPE_INVALID': "Certaines salles ou certains groupes de salles n'existent pas chez ce client.",
    'ASSIGNMENT.OUTSIDE_SCOPE':
      'Le périmètre dépasse ce que ce client a confié à votre organisation. Choisissez des salles à l’intérieur.',
    'ASSIGNMENT.PERMISSION_NOT_HELD':
      'Vous ne pouvez affecter un rôle que sur des salles où vous détenez vous-même chacune de ses autorisations.',
    'ROOM.NOT_FOUND': "Cette salle n'existe plus ou est hors de votre périmètre.",
    'ROOM.ALREADY_UNENROLLED': 'Cette salle est déjà désinscrite.',
    'ROOM.KEY_NOT_FOUND': "Cette salle n'a pas encore de clé d'inscription.",
    'ROOM.CHANGED': 'La salle a changé entre-temps. Rechargez, puis réessayez.',
    'ROOM_GROUP.NAME_TAKEN': 'Un autre groupe de salles porte déjà ce nom.',
    'RING.BUILT_IN':
      'Les anneaux intégrés gardent leur nom et ne peuvent être supprimés ; Staging reste le premier.',
    'RING.ORDER_TAKEN': 'Un autre anneau occupe déjà cette position.',
    'RING.NAME_TAKEN': 'Un autre anneau porte déjà ce nom.',
    'RING.NEEDS_ALL_ROOMS':
      "Modifier un anneau demande Gestion des anneaux de mise à jour › Modifier sur toutes les salles.",
  },
  roomActions: {
    open: (name) => `Détails de ${name}`,
    closePanel: 'Fermer les détails',
    facts: 'Détails de la salle',
    country: 'Pays',
    ring: 'Anneau de mise à jour',
    keyVersion: 'Version de la clé',
    onboard: 'Intégrer une salle',
    onboardTitle: 'Intégrer une salle',
    onboardSubmit: 'Intégrer',
    onboarded: (name) => `${name} intégrée ; elle attend son appareil.`,
    modify: 'Modifier',
    modifyTitle: (name) => `Modifier ${name}`,
    modified: (name) => `${name} enregistrée.`,
    unenroll: 'Désinscrire',
    unenrollTitle: (name) => `Désinscrire ${name} ?`,
    unenrollBody:
      "La salle n'est plus surveillée. Son appareil devra être inscrit de nouveau pour revenir.",
    unenrolled: (name) => `${name} désinscrite.`,
    resetKey: 'Réinitialiser la clé',
    resetTitle: (name) => `Réinitialiser la clé d'inscription de ${name} ?`,
    resetBody:
      'Une nouvelle clé aléatoire remplace la clé actuelle ; les appareils pas encore inscrits en auront besoin.',
    resetDone: (name, v) => `Clé d'inscription de ${name} réinitialisée (version ${v}).`,
    downloadKey: 'Télécharger la clé',
    downloaded: (file) => `Clé d'inscription enregistrée sous ${file}.`,
    failed: "La salle n'a pas été modifiée",
    countryHint: 'Code à deux lettres, par exemple US ou FR.',
    nameRequired: 'Saisissez un nom.',
    siteRequired: 'Saisissez un site.',
    countryInvalid: 'Saisissez un code pays à deux lettres.',
    defaultRing: 'General (par défaut)',
    noGroups: 'Aucun groupe de salles',
    recordIssue: 'Signaler un problème',
    recordTitle: (room) => `Signaler un problème sur ${room}`,
    recordSubmit: 'Signaler',
    recorded: (room) =>
      `Problème signalé sur ${room} ; la salle apparaît Important jusqu'à la fermeture du problème.`,
    recordFailed: "Le problème n'a pas été signalé",
    issueTitle: 'Titre',
    issueDescription: 'Ce qui se passe',
    highImpact: 'Impact élevé',
    highImpactHint: 'Enregistré comme Important ; dites pourquoi.',
    justification: "Pourquoi l'impact est-il élevé ?",
    titleRequired: 'Saisissez un titre.',
    justificationRequired: 'Un problème à impact élevé demande une justification.',
  },
  roomGroups: {
    title: 'Groupes de salles',
    intro: (c) => `Les groupes de salles de ${c}, avec le nombre de leurs salles que vous pouvez voir.`,
    tableLabel: (c) => `Groupes de salles de ${c}`,
    loading: 'Chargement des groupes de salles…',
    loadFailed: 'Impossible de charger les groupes de salles',
    empty: 'Aucun groupe de salles pour le moment.',
    name: 'Nom',
    description: 'Description',
    rooms: 'Salles',
    create: 'Nouveau groupe de salles',
    createTitle: 'Nouveau groupe de salles',
    edit: (name) => `Modifier ${name}`,
    editTitle: (name) => `Modifier ${name}`,
    created: (name) => `Groupe de salles ${name} créé.`,
    saved: (name) => `Groupe de salles ${name} enregistré.`,
    failed: "Le groupe de salles n'a pas été enregistré",
    nameRequired: 'Saisissez un nom.',
  },
  rings: {
    title: 'Anneaux de mise à jour',
    intro: (c) =>
      `Les anneaux de mise à jour de ${c} dans l'ordre de déploiement : chacun reçoit les mises à jour après son report, le tout en 60 jours au plus.`,
    tableLabel: (c) => `Anneaux de mise à jour de ${c}`,
    loading: 'Chargement des anneaux de mise à jour…',
    loadFailed: 'Impossible de charger les anneaux de mise à jour',
    order: 'Ordre',
    orderHint: 'Position de 1 à 9, unique.',
    name: 'Nom',
    kind: 'Type',
    builtIn: 'Intégré',
    custom: 'Personnalisé',
    deferral: 'Report',
    deferralHint: 'Jours après la publication, de 0 à 60.',
    days: (n) => pluriel(n, 'jour', 'jours'),
    description: 'Description',
    rooms: 'Salles',
    create: 'Nouvel anneau',
    createTitle: 'Nouvel anneau de mise à jour',
    edit: (name) => `Modifier ${name}`,
    editTitle: (name) => `Modifier ${name}`,
    created: (name) => `Anneau ${name} créé.`,
    saved: (name) => `Anneau ${name} enregistré.`,
    remove: (name) => `Supprimer ${name}`,
    removeTitle: (name) => `Supprimer l'anneau ${name} ?`,
    removeBody: "Ses salles passent dans l'anneau General.",
    removed: (name, moved) =>
      `Anneau ${name} supprimé ; ${pluriel(moved, 'salle déplacée', 'salles déplacées')} vers General.`,
    move: (name) => `Déplacer des salles vers ${name}`,
    moveTitle: (name) => `Déplacer des salles vers ${name}`,
    moveIntro: 'Choisissez les salles à déplacer. Elles sont toutes déplacées, ou aucune.',
    moveSubmit: 'Déplacer',
    moved: (n, name) => `${pluriel(n, 'salle déplacée', 'salles déplacées')} vers ${name}.`,
    chooseRooms: 'Choisissez au moins une salle.',
    failed: "L'anneau n'a pas été modifié",
    nameRequired: 'Saisissez un nom.',
    orderInvalid: 'Saisissez un nombre entier de 1 à 9.',
    deferralInvalid: 'Saisissez un nombre entier de jours de 0 à 60.',
  },
  reports: {
    title: 'Rapports',
    intro: (c) => `Santé des salles et incidents de ${c}, sur les salles que vous pouvez voir.`,
    loading: 'Chargement du rapport…',
    loadFailed: 'Impossible de charger le rapport',
    generated: (when) => `Généré le ${when}.`,
    roomsTitle: 'Santé des salles',
    totalRooms: (n) => pluriel(n, 'salle', 'salles'),
    incidentsTitle: 'Incidents ouverts',
    bySeverity: 'Incidents ouverts par gravité',
    byType: 'Incidents ouverts par type',
    activityTitle: 'Activité des incidents',
    period: 'Période',
    opened: 'Ouverts',
    closed: 'Fermés',
    last7: '7 derniers jours',
    last30: '30 derniers jours',
    count: 'Nombre',
    none: 'Aucun',
  },
  proSettings: {
    title: 'Paramètres Teams Rooms Pro',
    intro: (c) => `Maintenance, alertes et fonctionnalités de Teams Rooms Pro pour ${c}.`,
    loading: 'Chargement des paramètres…',
    loadFailed: 'Impossible de charger les paramètres',
    defaults:
      "Ce sont les valeurs par défaut : elles s'appliquent jusqu'au premier enregistrement des paramètres.",
    lastSaved: (when) => `Enregistrés le ${when}.`,
    readOnly:
      'Vous pouvez consulter ces paramètres ; les modifier demande Paramètres Teams Rooms Pro › Modifier.',
    timeZone: 'Fuseau horaire',
    timeZoneHint: 'Un nom IANA, par exemple Europe/Paris.',
    maintenance: 'Fenêtre de maintenance',
    days: 'Jours',
    weekdays: { Mon: 'Lundi', Tue: 'Mardi', Wed: 'Mercredi', Thu: 'Jeudi', Fri: 'Vendredi', Sat: 'Samedi', Sun: 'Dimanche' },
    start: 'Début',
    startHint: 'HH:MM, sur 24 heures.',
    duration: 'Durée (minutes)',
    durationHint: 'De 30 à 720.',
    notifications: 'Notifications',
    contacts: "Contacts d'alerte",
    contactsHint: 'Une adresse e-mail par ligne.',
    severities: 'Alerter pour',
    severityNames: { Important: 'Important', Warning: 'Avertissement' },
    weeklyDigest: 'Résumé hebdomadaire de santé',
    features: 'Fonctionnalités',
    automaticUpdates: 'Mises à jour automatiques',
    autoResolveIncidents: 'Résoudre les incidents automatiquement quand la salle se rétablit',
    customerReportedIssues: 'Les clients peuvent signaler des problèmes',
    save: 'Enregistrer les paramètres',
    saved: 'Paramètres enregistrés.',
    failed: "Les paramètres n'ont pas été enregistrés",
    timeZoneRequired: 'Saisissez un fuseau horaire.',
    startInvalid: 'Saisissez une heure au format HH:MM.',
    durationInvalid: 'Saisissez un nombre entier de minutes de 30 à 720.',
  },
  builtInRings: {
    Staging: { name: 'Validation', description: 'Les salles de validation reçoivent les mises à jour en premier.' },
    General: { name: 'Général', description: 'La plupart des salles.' },
    Executive: { name: 'Direction', description: 'Les salles qui ne doivent pas être perturbées.' },
  },
  builtInRoles: {
    'builtin:mmr-admin': {
      name: 'Administrateur MMR',
      description:
        'Tous les droits sur les salles Teams Rooms du locataire (équivaut à Gestionnaire Teams Rooms Pro).',
    },
    'builtin:site-lead': {
      name: 'Responsable de site',
      description: 'Gère les salles de ses sites, y compris les groupes et les anneaux de mise à jour.',
    },
    'builtin:site-tech': {
      name: 'Technicien de site',
      description: 'S’occupe des salles et des tickets sur place.',
    },
    'builtin:primary-admins': {
      name: 'Administrateurs principaux',
      description:
        'Le rôle intégré du partenaire pour ce client : presque tous les droits dans le périmètre de l’invitation.',
    },
  },
  roleAdmin: {
    title: 'Rôles',
    intro: (c) => `Les rôles et affectations de votre organisation chez ${c}.`,
    primaryAdmins: {
      title: 'Administrateurs principaux : membres',
      intro: (c) =>
        `Les membres de l’affectation intégrée Administrateurs principaux pour ${c} : presque tous ` +
        'les droits dans le périmètre de l’invitation. Il en reste toujours au moins un.',
      tableLabel: 'Membres des Administrateurs principaux',
      loading: 'Chargement des Administrateurs principaux…',
      loadFailed: 'Impossible de charger les Administrateurs principaux',
      empty: 'Aucun Administrateur principal.',
      addLabel: 'Ajouter un Administrateur principal',
      addFailed: 'Impossible d’ajouter l’Administrateur principal',
      removeFailed: 'Impossible de retirer l’Administrateur principal',
      added: (name) => `${name} est maintenant Administrateur principal.`,
      removed: (name) => `${name} n’est plus Administrateur principal.`,
      removeTitle: (name) => `Retirer ${name} des Administrateurs principaux ?`,
      removeBody: (name) => `${name} perdra le rôle Administrateurs principaux pour ce client.`,
    },
    partnerIntro: (c) =>
      `Les rôles et affectations de votre organisation pour ${c}. Les affectations restent dans le périmètre confié par ${c}.`,
    viewOnly: 'Vous pouvez consulter les rôles ; les modifier demande Gestion des rôles › Modifier.',
    loading: 'Chargement des rôles…',
    loadFailed: 'Impossible de charger les rôles',
    rolesTitle: 'Rôles',
    rolesTable: (c) => `Rôles chez ${c}`,
    assignmentsTitle: 'Affectations',
    assignmentsTable: (c) => `Affectations chez ${c}`,
    noAssignments: 'Aucune affectation pour le moment.',
    name: 'Nom',
    kind: 'Type',
    builtIn: 'Intégré',
    custom: 'Personnalisé',
    permissions: 'Autorisations',
    permissionCount: (n) => pluriel(n, 'autorisation', 'autorisations'),
    role: 'Rôle',
    members: 'Membres',
    scope: 'Périmètre',
    alerts: 'Alertes',
    alertsOn: 'Activées',
    alertsOff: 'Désactivées',
    unknownRole: 'Rôle inconnu',
    newRole: 'Nouveau rôle personnalisé',
    newAssignment: 'Nouvelle affectation',
    editRole: (name) => `Modifier ${name}`,
    editRoleTitle: (name) => `Modifier ${name}`,
    deleteRole: (name) => `Supprimer ${name}`,
    deleteRoleTitle: (name) => `Supprimer le rôle ${name} ?`,
    deleteRoleBody: 'Le rôle est supprimé définitivement. Un rôle encore affecté ne peut pas être supprimé.',
    roleDeleted: (name) => `Rôle ${name} supprimé.`,
    roleSaved: (name) => `Rôle ${name} enregistré.`,
    editAssignment: (role) => `Modifier l'affectation de ${role}`,
    editAssignmentTitle: (role) => `Affectation de ${role}`,
    newAssignmentTitle: 'Nouvelle affectation',
    deleteAssignment: (role) => `Supprimer l'affectation de ${role}`,
    deleteAssignmentTitle: (role) => `Supprimer cette affectation de ${role} ?`,
    deleteAssignmentBody: 'Ses membres perdent le rôle dès leur prochaine requête.',
    assignmentDeleted: 'Affectation supprimée.',
    assignmentSaved: 'Affectation enregistrée.',
    failed: "La modification n'a pas été enregistrée",
    features: {
      rooms: 'Salles',
      roomGroups: 'Gestion des groupes',
      updateRings: 'Gestion des anneaux de mise à jour',
      reports: 'Rapports',
      tickets: 'Gestion des tickets',
      settings: 'Paramètres Teams Rooms Pro',
      roles: 'Gestion des rôles',
      changes: 'Approbation des modifications des partenaires',
    },
    permissionNames: {
      'rooms.view': 'Afficher',
      'rooms.modify': 'Modifier',
      'rooms.resetKey': 'Réinitialiser la clé',
      'rooms.downloadKey': 'Télécharger la clé',
      'rooms.unenroll': 'Désinscrire',
      'rooms.create': 'Créer',
      'roomGroups.view': 'Afficher',
      'roomGroups.modify': 'Modifier',
      'roomGroups.create': 'Créer',
      'updateRings.view': 'Afficher',
      'updateRings.modify': 'Modifier',
      'reports.view': 'Afficher',
      'reports.createIncident': 'Créer un incident client',
      'tickets.view': 'Afficher',
      'tickets.update': 'Mettre à jour',
      'settings.view': 'Afficher',
      'settings.modify': 'Modifier',
      'roles.view': 'Afficher',
      'roles.modify': 'Modifier',
      'changes.approve': 'Approuver',
    },
    notHeld: "Vous ne détenez pas cette autorisation : vous ne pouvez pas l'accorder.",
    description: 'Description',
    nameRequired: 'Saisissez un nom.',
    choosePermission: 'Choisissez au moins une autorisation.',
    chooseMember: 'Choisissez au moins un membre.',
    chosenMembers: 'Membres choisis',
    notify: "Envoyer les alertes d'incident aux membres",
    partnerScopeHint:
      'Seules les salles du périmètre que ce client a confié à votre organisation peuvent être choisies.',
    wizard: {
      title: 'Nouveau rôle personnalisé',
      steps: {
        general: 'Général',
        permissions: 'Autorisations',
        assignment: 'Affectation',
        members: 'Membres',
        scope: 'Périmètre',
        finish: 'Terminer',
      },
      stepOf: (n, total, name) => `Étape ${n} sur ${total} : ${name}`,
      next: 'Suivant',
      back: 'Précédent',
      create: 'Créer le rôle',
      assignNow: 'Affecter le rôle maintenant',
      assignLater: "Créer seulement le rôle ; l'affecter plus tard",
      assignRadio: 'Affectation',
      notAssigned: 'Pas encore affecté',
      created: (name) => `Rôle ${name} créé.`,
      createdAndAssigned: (name) => `Rôle ${name} créé et affecté.`,
      roleCreatedAssignmentFailed: (name) =>
        `Le rôle ${name} a été créé, mais pas affecté. Corrigez l'affectation, puis réessayez.`,
    },
  },
};
