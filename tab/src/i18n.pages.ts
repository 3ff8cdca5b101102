/**
 * The strings of the management pages, en-US and fr-FR; `i18n.ts` merges them into each locale's
 * table. French product names follow the product spec, section 6 (Locataires, Gestionnaires de
 * locataires, Administrateurs principaux, En attente, Accepter, Refuser, Supprimer le client…).
 */
import type { AuditCategory } from './api/audit.ts';
import type { EnrollmentStatus, RoomHealth } from './api/rooms.ts';
import type { CloseReason, Severity, TicketStatus, TicketType } from './api/tickets.ts';
import type { PageId } from './routes.ts';

/** The words of a member roster page (see components/MemberRoster.tsx). */
interface RosterStrings {
  title: string;
  intro: string;
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
}

export interface PagesStrings {
  common: {
    cancel: string;
    add: string;
    remove: string;
    delete: string;
    save: string;
    actions: string;
    loadMore: string;
    tenantId: (id: string) => string;
  };
  nav: {
    label: string;
    customer: string;
    chooseCustomer: string;
    allCustomers: string;
    yourOrganisation: (name: string) => string;
    partnerSection: string;
    customerSection: string;
    organisationSection: string;
    settingsSection: string;
    pages: Record<PageId, string>;
  };
  /** One sentence per page, on the overview's cards. */
  features: Record<Exclude<PageId, 'overview'>, string>;
  members: {
    placeholder: string;
    typeToSearch: string;
    searching: string;
    noMatches: string;
    matches: (count: number) => string;
    group: string;
    user: string;
    name: string;
    kind: string;
    remove: (name: string) => string;
  };
  scope: {
    label: string;
    allRooms: string;
    chosen: string;
    counts: (rooms: number, groups: number) => string;
    groupNamed: (name: string) => string;
    roomGroups: string;
    rooms: string;
    loading: string;
    loadFailed: string;
    unavailable: string;
  };
  invitations: {
    title: string;
    intro: string;
    loading: string;
    loadFailed: string;
    empty: string;
    tableLabel: string;
    customer: string;
    domain: string;
    scope: string;
    status: string;
    expires: string;
    invitedBy: string;
    pending: string;
    expired: string;
    expiresOn: (date: string) => string;
    expiredOn: (date: string) => string;
    changeControl: (mode: string) => string;
    auto: string;
    manual: string;
    accept: string;
    decline: string;
    acceptLabel: (customer: string) => string;
    declineLabel: (customer: string) => string;
    acceptTitle: (customer: string) => string;
    acceptIntro: string;
    primaryAdmins: string;
    chosenPrimaryAdmins: string;
    choosePrimaryAdmin: string;
    acceptFailed: string;
    accepted: (customer: string) => string;
    declineTitle: (customer: string) => string;
    declineBody: (customer: string) => string;
    declineFailed: string;
    declined: (customer: string) => string;
  };
  tenants: {
    title: string;
    intro: string;
    empty: string;
    tableLabel: string;
    customer: string;
    domain: string;
    scope: string;
    accepted: string;
    yourRole: string;
    status: string;
    active: string;
    pending: string;
    expired: string;
    openInvitation: (customer: string) => string;
    chooseHint: string;
    loadingDetail: string;
    detailFailed: string;
    roleDeleted: string;
    lastAdmin: string;
    addAdmin: string;
    chosen: (name: string) => string;
    addFailed: string;
    adminAdded: (name: string) => string;
    removeAdminLabel: (name: string) => string;
    removeAdminTitle: (name: string) => string;
    removeAdminBody: (name: string, customer: string) => string;
    adminRemoved: (name: string) => string;
    removeFailed: string;
    removeCustomer: string;
    removeCustomerTitle: (customer: string) => string;
    removeCustomerBody: (customer: string) => string;
    customerRemoved: (customer: string) => string;
  };
  tenantManagers: RosterStrings;
  roomsProManagers: RosterStrings & { introReadOnly: string };
  partners: {
    title: string;
    intro: string;
    addPartner: string;
    listTitle: string;
    loading: string;
    loadFailed: string;
    empty: string;
    since: (domain: string, date: string) => string;
    partner: string;
    scope: string;
    changeScope: string;
    changeScopeLabel: (partner: string) => string;
    scopeTitle: (partner: string) => string;
    scopeIntro: string;
    scopeChanged: (partner: string) => string;
    changeControl: string;
    auto: string;
    manual: string;
    role: string;
    permissions: string;
    permissionCount: (count: number) => string;
    builtIn: string;
    members: string;
    rolesTitle: string;
    assignmentsTitle: string;
    rolesLabel: (partner: string) => string;
    assignmentsLabel: (partner: string) => string;
    noAssignments: string;
    assignmentName: (role: string) => string;
    deleteRoleLabel: (role: string) => string;
    deleteAssignmentLabel: (role: string) => string;
    deleteRoleTitle: (role: string) => string;
    deleteRoleBody: (role: string, partner: string) => string;
    deleteAssignmentTitle: (name: string) => string;
    deleteAssignmentBody: (partner: string) => string;
    deleted: (name: string) => string;
    removePartner: string;
    removePartnerTitle: (partner: string) => string;
    removePartnerBody: (partner: string) => string;
    partnerRemoved: (partner: string) => string;
    actionFailed: string;
    invitationsTitle: string;
    loadingInvitations: string;
    invitationsFailed: string;
    noInvitations: string;
    invited: (partner: string) => string;
    withdraw: string;
    withdrawLabel: (partner: string) => string;
    withdrawTitle: (partner: string) => string;
    withdrawBody: (partner: string) => string;
    withdrawn: (partner: string) => string;
    breakGlassTitle: string;
    breakGlassBody: (actor: string, member: string, date: string) => string;
    breakGlassReason: (reason: string) => string;
  };
  addPartner: {
    title: string;
    domain: string;
    domainHint: string;
    domainRequired: string;
    days: string;
    daysHint: string;
    daysInvalid: string;
    changeControl: string;
    changeControlHint: string;
    auto: string;
    manual: string;
    scopeRequired: string;
    terms: string;
    termsRequired: string;
    submit: string;
    failed: string;
  };
  audit: {
    title: string;
    intro: string;
    filters: string;
    from: string;
    to: string;
    category: string;
    actorTenant: string;
    result: string;
    any: string;
    apply: string;
    clear: string;
    export: string;
    exportHint: (days: number) => string;
    exportFailed: string;
    exported: (file: string) => string;
    loading: string;
    loadFailed: string;
    empty: string;
    shown: (count: number) => string;
    shownMore: (count: number) => string;
    loadedMore: (count: number) => string;
    tableLabel: string;
    time: string;
    object: string;
    operation: string;
    actor: string;
    successful: string;
    failed: string;
    categories: Record<AuditCategory, string>;
    operations: Record<'Create' | 'Update' | 'Delete' | 'Read', string>;
    /** The service's object types (PartnerInvitation…) in words. */
    objectTypes: Record<string, string>;
    showIds: string;
    unknownActor: string;
  };
  rooms: {
    title: string;
    intro: (customer: string) => string;
    filters: string;
    search: string;
    health: string;
    healthNames: Record<RoomHealth, string>;
    group: string;
    groups: string;
    enrollment: string;
    enrollmentNames: Record<EnrollmentStatus, string>;
    loading: string;
    loadFailed: string;
    empty: string;
    tableLabel: (customer: string) => string;
    name: string;
    site: string;
    shown: (count: number, more: boolean) => string;
  };
  incidents: {
    title: string;
    intro: (customer: string) => string;
    introAll: string;
    allTickets: string;
    roomNeedsCustomer: string;
    /** The ticket history in sentences: what happened, with statuses and severities translated. */
    historyActions: {
      created: (status: string) => string;
      status: (from: string, to: string) => string;
      severity: (from: string, to: string) => string;
      note: string;
      closed: (reason: string) => string;
      roomGroups: string;
      assigned: (to: string) => string;
      other: (action: string) => string;
    };
    /** The name shown for changes made by the room health monitor. */
    signalActor: string;
    signalTitles: Record<Exclude<TicketType, 'customerReported'>, string>;
    filters: string;
    severity: string;
    severities: Record<Severity, string>;
    status: string;
    statuses: Record<TicketStatus, string>;
    type: string;
    types: Record<TicketType, string>;
    loading: string;
    loadFailed: string;
    empty: string;
    tableLabel: string;
    ticket: string;
    room: string;
    created: string;
    shown: (count: number, more: boolean) => string;
    facts: (room: string, severity: string, status: string, created: string) => string;
    closePanel: string;
    changeStatus: string;
    keep: (status: string) => string;
    updated: string;
    closeReason: string;
    closeReasons: Record<CloseReason, string>;
    closeTicket: string;
    closedDone: string;
    actionFailed: string;
    notes: string;
    noNotes: string;
    addNote: string;
    noteHint: (max: number) => string;
    addNoteButton: string;
    noteAdded: string;
    history: string;
    assignee: string;
    unassigned: string;
    assignToMe: string;
    assignedDone: string;
    /** Incident alerts in Teams: the reader's preference and the subscribed conversations. */
    teamsAlerts: {
      title: string;
      intro: string;
      preference: string;
      modes: Record<'all' | 'important' | 'off', string>;
      saved: string;
      saveFailed: string;
      subscriptions: string;
      subscriptionsHint: string;
      noSubscriptions: string;
      loadFailed: string;
      tableLabel: string;
      customer: string;
      conversation: string;
      kinds: Record<'channel' | 'groupChat', string>;
      subscribedBy: string;
      since: string;
      remove: (conversation: string, customer: string) => string;
      removeButton: string;
      removed: string;
      removeFailed: string;
    };
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export const pagesEnUS: PagesStrings = {
  common: {
    cancel: 'Cancel',
    add: 'Add',
    remove: 'Remove',
    delete: 'Delete',
    save: 'Save',
    actions: 'Actions',
    loadMore: 'Load more',
    tenantId: (id) => `Tenant ID ${id}`,
  },
  nav: {
    label: 'Partner Hub',
    customer: 'Customer',
    chooseCustomer: 'Choose a customer',
    allCustomers: 'All customers',
    yourOrganisation: (name) => `${name} (your organisation)`,
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
  features: {
    invitations: 'Pending invitations from customers, with their scope and expiry. Accept or decline.',
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
    matches: (n) => `${plural(n, 'match', 'matches')}. Use the arrow keys to choose.`,
    group: 'Group',
    user: 'User',
    name: 'Name',
    kind: 'Type',
    remove: (name) => `Remove ${name}`,
  },
  scope: {
    label: 'Scope',
    allRooms: 'All rooms',
    chosen: 'Chosen room groups and rooms',
    counts: (rooms, groups) =>
      [
        groups ? plural(groups, 'room group', 'room groups') : '',
        rooms ? plural(rooms, 'room', 'rooms') : '',
      ]
        .filter(Boolean)
        .join(', ') || 'No rooms',
    groupNamed: (name) => `Room group: ${name}`,
    roomGroups: 'Room groups',
    rooms: 'Rooms',
    loading: 'Loading rooms…',
    loadFailed: 'Could not load your rooms',
    unavailable: 'Rooms cannot be listed here yet, so only all rooms can be chosen.',
  },
  invitations: {
    title: 'Invitations',
    intro:
      'Customers invite your organisation to manage their rooms. You see what they offer, never ' +
      'their data, until you accept and name Primary admins.',
    loading: 'Loading invitations…',
    loadFailed: 'Could not load the invitations',
    empty: 'No pending invitations.',
    tableLabel: 'Invitations',
    customer: 'Customer',
    domain: 'Domain',
    scope: 'Scope',
    status: 'Status',
    expires: 'Expires',
    invitedBy: 'Invited by',
    pending: 'Pending',
    expired: 'Expired',
    expiresOn: (date) => `Expires ${date}`,
    expiredOn: (date) => `Expired ${date}`,
    changeControl: (mode) => `Change control: ${mode}`,
    auto: 'automatic approval',
    manual: 'manual approval',
    accept: 'Accept',
    decline: 'Decline',
    acceptLabel: (c) => `Accept the invitation from ${c}`,
    declineLabel: (c) => `Decline the invitation from ${c}`,
    acceptTitle: (c) => `Accept the invitation from ${c}`,
    acceptIntro:
      'Choose at least one Primary admin: these users or groups of your organisation get nearly ' +
      'full rights on the rooms in scope, and manage the roles of this customer.',
    primaryAdmins: 'Primary admins',
    chosenPrimaryAdmins: 'Chosen Primary admins',
    choosePrimaryAdmin: 'Choose at least one Primary admin.',
    acceptFailed: 'Could not accept the invitation',
    accepted: (c) => `Invitation from ${c} accepted. ${c} is now in your Tenants list.`,
    declineTitle: (c) => `Decline the invitation from ${c}?`,
    declineBody: (c) =>
      `The invitation is deleted. ${c} must send a new one if you change your mind.`,
    declineFailed: 'Could not decline the invitation',
    declined: (c) => `Invitation from ${c} declined.`,
  },
  tenants: {
    title: 'Tenants',
    intro: 'The customers your organisation manages. Choose one to see its details.',
    empty: 'No customers yet. Accept an invitation to add one.',
    tableLabel: 'Tenants',
    customer: 'Customer',
    domain: 'Domain',
    scope: 'Scope',
    accepted: 'Accepted',
    yourRole: 'Your role',
    status: 'Status',
    active: 'Active',
    pending: 'Pending',
    expired: 'Expired',
    openInvitation: (c) => `Open the invitation from ${c}`,
    chooseHint: 'Choose a customer, here or in the Customer list, to see its details.',
    loadingDetail: 'Loading the customer…',
    detailFailed: 'Could not load the customer',
    roleDeleted: 'The customer deleted the Primary admins role.',
    lastAdmin: 'The last Primary admin cannot be removed.',
    addAdmin: 'Add a Primary admin',
    chosen: (name) => `Chosen: ${name}`,
    addFailed: 'Could not add the Primary admin',
    adminAdded: (name) => `${name} is now a Primary admin.`,
    removeAdminLabel: (name) => `Remove ${name} from the Primary admins`,
    removeAdminTitle: (name) => `Remove ${name} from the Primary admins?`,
    removeAdminBody: (name, c) => `${name} loses the Primary admin rights on ${c}.`,
    adminRemoved: (name) => `${name} is no longer a Primary admin.`,
    removeFailed: 'Could not remove',
    removeCustomer: 'Remove customer',
    removeCustomerTitle: (c) => `Remove ${c}?`,
    removeCustomerBody: (c) =>
      `Your organisation stops managing ${c}: every role and assignment for it is deleted. ` +
      `${c} must invite you again to undo this.`,
    customerRemoved: (c) => `${c} removed from your Tenants.`,
  },
  tenantManagers: {
    title: 'Tenant managers',
    intro:
      'Tenant managers receive customer invitations and accept or decline them. They see no ' +
      'customer data unless also given a role for that customer.',
    tableLabel: 'Tenant managers',
    loading: 'Loading tenant managers…',
    loadFailed: 'Could not load the tenant managers',
    empty: 'No tenant managers yet. Global admins and Teams Rooms Pro Managers can still decide invitations.',
    addLabel: 'Add a tenant manager',
    addFailed: 'Could not add the tenant manager',
    removeFailed: 'Could not remove the tenant manager',
    added: (name) => `${name} is now a tenant manager.`,
    removed: (name) => `${name} is no longer a tenant manager.`,
    removeTitle: (name) => `Remove ${name} from the tenant managers?`,
    removeBody: (name) => `${name} will no longer receive or decide customer invitations.`,
  },
  roomsProManagers: {
    title: 'Teams Rooms Pro Managers',
    intro: 'Teams Rooms Pro Managers administer Rooms Partner Hub for your organisation, like Global admins.',
    introReadOnly:
      'Teams Rooms Pro Managers administer Rooms Partner Hub for your organisation. Only a Global admin changes this list.',
    tableLabel: 'Teams Rooms Pro Managers',
    loading: 'Loading Teams Rooms Pro Managers…',
    loadFailed: 'Could not load the Teams Rooms Pro Managers',
    empty: 'No Teams Rooms Pro Managers.',
    addLabel: 'Add a Teams Rooms Pro Manager',
    addFailed: 'Could not add the Teams Rooms Pro Manager',
    removeFailed: 'Could not remove the Teams Rooms Pro Manager',
    added: (name) => `${name} is now a Teams Rooms Pro Manager.`,
    removed: (name) => `${name} is no longer a Teams Rooms Pro Manager.`,
    removeTitle: (name) => `Remove ${name} from the Teams Rooms Pro Managers?`,
    removeBody: (name) => `${name} loses the administration rights on Rooms Partner Hub.`,
  },
  partners: {
    title: 'Partners',
    intro:
      'Partners manage your rooms with their own accounts. You decide what each may reach, and ' +
      'can revoke any role, assignment or the whole partner at any moment.',
    addPartner: 'Add partner',
    listTitle: 'Your partners',
    loading: 'Loading partners…',
    loadFailed: 'Could not load the partners',
    empty: 'No partners yet. Use Add partner to invite one.',
    since: (domain, date) => `${domain} · partner since ${date}`,
    partner: 'Partner',
    scope: 'Scope',
    changeScope: 'Change scope',
    changeScopeLabel: (p) => `Change scope of ${p}`,
    scopeTitle: (p) => `Scope of ${p}`,
    scopeIntro: 'The change takes effect at once, and narrows every assignment of this partner.',
    scopeChanged: (p) => `Scope of ${p} changed.`,
    changeControl: 'Change control',
    auto: 'Automatic approval',
    manual: 'Manual approval',
    role: 'Role',
    permissions: 'Permissions',
    permissionCount: (n) => plural(n, 'permission', 'permissions'),
    builtIn: 'Built-in',
    members: 'Members',
    rolesTitle: 'Roles',
    assignmentsTitle: 'Assignments',
    rolesLabel: (p) => `Roles of ${p}`,
    assignmentsLabel: (p) => `Assignments of ${p}`,
    noAssignments: 'No assignments.',
    assignmentName: (role) => `the ${role} assignment`,
    deleteRoleLabel: (role) => `Delete the role ${role}`,
    deleteAssignmentLabel: (role) => `Delete the ${role} assignment`,
    deleteRoleTitle: (role) => `Delete the role ${role}?`,
    deleteRoleBody: (role, p) => `${role} and its assignments are deleted; ${p} loses those rights at once.`,
    deleteAssignmentTitle: (name) => `Delete ${name}?`,
    deleteAssignmentBody: (p) => `Its members at ${p} lose these rights at once.`,
    deleted: (name) => `Deleted: ${name}.`,
    removePartner: 'Remove partner',
    removePartnerTitle: (p) => `Remove ${p}?`,
    removePartnerBody: (p) =>
      `${p} loses all access to your rooms at once: its roles and assignments are deleted.`,
    partnerRemoved: (p) => `${p} removed.`,
    actionFailed: 'The change was not made',
    invitationsTitle: 'Invitations sent',
    loadingInvitations: 'Loading invitations…',
    invitationsFailed: 'Could not load the invitations',
    noInvitations: 'No pending invitations.',
    invited: (p) => `Invitation sent to ${p}.`,
    withdraw: 'Withdraw',
    withdrawLabel: (p) => `Withdraw the invitation to ${p}`,
    withdrawTitle: (p) => `Withdraw the invitation to ${p}?`,
    withdrawBody: (p) => `${p} can no longer accept it.`,
    withdrawn: (p) => `Invitation to ${p} withdrawn.`,
    breakGlassTitle: 'Break-glass: a Primary admin was restored',
    breakGlassBody: (actor, member, date) =>
      `On ${date}, ${actor}, Global admin of the partner, made ${member} a Primary admin because ` +
      'no Primary admin of yours remained in their directory.',
    breakGlassReason: (reason) => `Reason given: ${reason}`,
  },
  addPartner: {
    title: 'Add partner',
    domain: 'Partner domain',
    domainHint: 'A verified domain of the partner organisation, e.g. fabrikam.example.',
    domainRequired: "Enter the partner's domain.",
    days: 'Expires after (days)',
    daysHint: 'From 1 to 30 days.',
    daysInvalid: 'Enter a whole number of days from 1 to 30.',
    changeControl: 'Change control',
    changeControlHint: 'How changes the partner makes are approved.',
    auto: 'Automatic approval',
    manual: 'Manual approval',
    scopeRequired: 'Choose all rooms, or at least one room group or room.',
    terms: 'I agree to the terms of partner access on behalf of my organisation.',
    termsRequired: 'Agree to the terms to send the invitation.',
    submit: 'Send invitation',
    failed: 'Could not send the invitation',
  },
  audit: {
    title: 'Audit log',
    intro:
      'Every change in your tenant, by your people or a partner, including denied attempts. ' +
      'Times are UTC; records are kept 180 days.',
    filters: 'Audit log filters',
    from: 'From',
    to: 'To',
    category: 'Category',
    actorTenant: "Actor's tenant",
    result: 'Result',
    any: 'Any',
    apply: 'Apply filters',
    clear: 'Clear',
    export: 'Export CSV',
    exportHint: (days) =>
      `The export covers the chosen dates (at most 180 days), or the last ${days} days.`,
    exportFailed: 'Could not export the audit log',
    exported: (file) => `Downloaded ${file}.`,
    loading: 'Loading the audit log…',
    loadFailed: 'Could not load the audit log',
    empty: 'No records match these filters.',
    shown: (n) => `${plural(n, 'record', 'records')}.`,
    shownMore: (n) => `${plural(n, 'record', 'records')} shown; more are available.`,
    loadedMore: (n) => `${plural(n, 'more record', 'more records')} loaded.`,
    tableLabel: 'Audit records',
    time: 'Time (UTC)',
    object: 'Object',
    operation: 'Operation',
    actor: 'Actor',
    successful: 'Successful',
    failed: 'Failed',
    categories: {
      User: 'User',
      Assignment: 'Assignment',
      PartnerInvitation: 'Partner invitation',
      PartnerRelationship: 'Partner relationship',
      Partner: 'Partner',
      Role: 'Role',
      TenantManager: 'Tenant manager',
      Room: 'Room',
      RoomGroup: 'Room group',
      UpdateRing: 'Update ring',
      Ticket: 'Ticket',
      Settings: 'Settings',
    },
    operations: { Create: 'Create', Update: 'Update', Delete: 'Delete', Read: 'Read' },
    objectTypes: {
      EligiblePartner: 'Eligible partner',
      PartnerAssignment: 'Partner assignment',
      PartnerInvitation: 'Partner invitation',
      PartnerRelationship: 'Partner relationship',
      PartnerRole: 'Partner role',
      PrimaryAdmins: 'Primary admins',
      RoomGroup: 'Room group',
      RoomsProManager: 'Teams Rooms Pro Manager',
      RoomsProSettings: 'Teams Rooms Pro settings',
      TenantManager: 'Tenant manager',
      Ticket: 'Ticket',
      UpdateRing: 'Update ring',
      Role: 'Role',
      Assignment: 'Assignment',
      Room: 'Room',
    },
    showIds: 'Show ids',
    unknownActor: 'Unknown person',
  },
  rooms: {
    title: 'Rooms',
    intro: (c) => `Rooms of ${c} you may view, with their health.`,
    filters: 'Room filters',
    search: 'Name contains',
    health: 'Health',
    healthNames: { Healthy: 'Healthy', Warning: 'Warning', Important: 'Important', Offline: 'Offline' },
    group: 'Room group',
    groups: 'Room groups',
    enrollment: 'Enrollment',
    enrollmentNames: { Onboarding: 'Onboarding', Enrolled: 'Enrolled', Unenrolled: 'Unenrolled' },
    loading: 'Loading rooms…',
    loadFailed: 'Could not load the rooms',
    empty: 'No rooms match.',
    tableLabel: (c) => `Rooms of ${c}`,
    name: 'Name',
    site: 'Site',
    shown: (n, more) =>
      `${plural(n, 'room', 'rooms')} shown${more ? '; more are available' : ''}.`,
  },
  incidents: {
    title: 'Incidents',
    intro: (c) => (c ? `Tickets of ${c} you may see, newest first.` : 'Choose a customer.'),
    introAll: 'Tickets of every customer you may see, newest first.',
    allTickets: 'Enable all tickets view',
    roomNeedsCustomer: 'Choose a customer first.',
    historyActions: {
      created: (status) => `Created (${status})`,
      status: (from, to) => `Status changed from ${from} to ${to}`,
      severity: (from, to) => `Severity changed from ${from} to ${to}`,
      note: 'Note added',
      closed: (reason) => (reason ? `Closed (${reason})` : 'Closed'),
      roomGroups: 'Room groups updated',
      assigned: (to) => `Assigned to ${to}`,
      other: (action) => action,
    },
    signalActor: 'Room health monitor',
    signalTitles: {
      display: 'Front of room display disconnected',
      microphone: 'Conferencing microphone unhealthy',
      speaker: 'Conferencing speaker unhealthy',
      camera: 'Room camera unhealthy',
      hdmiIngest: 'HDMI ingest not working',
      signIn: 'Sign-in failed (Exchange / Teams)',
      proximitySensor: 'Proximity sensor unhealthy',
      appVersion: 'Teams Rooms app out of date',
      osVersion: 'Operating system out of date',
      network: 'Network quality degraded',
    },
    filters: 'Incident filters',
    severity: 'Severity',
    severities: { Important: 'Important', Warning: 'Warning' },
    status: 'Status',
    statuses: {
      Open: 'Open',
      Acknowledged: 'Acknowledged',
      InProgress: 'In progress',
      Resolved: 'Resolved',
      Closed: 'Closed',
    },
    type: 'Type',
    types: {
      display: 'Front of room display',
      microphone: 'Conferencing microphone',
      speaker: 'Conferencing speaker',
      camera: 'Camera',
      hdmiIngest: 'HDMI ingest',
      signIn: 'Sign-in',
      proximitySensor: 'Proximity sensor',
      appVersion: 'App version',
      osVersion: 'OS version',
      network: 'Network',
      customerReported: 'Reported by the customer',
    },
    loading: 'Loading incidents…',
    loadFailed: 'Could not load the incidents',
    empty: 'No incidents match.',
    tableLabel: 'Incidents',
    ticket: 'Ticket',
    room: 'Room',
    created: 'Created',
    shown: (n, more) =>
      `${plural(n, 'incident', 'incidents')} shown${more ? '; more are available' : ''}.`,
    facts: (room, severity, status, created) => `${room} · ${severity} · ${status} · ${created}`,
    closePanel: 'Close details',
    changeStatus: 'Status',
    keep: (status) => `Keep ${status}`,
    updated: 'Ticket updated.',
    closeReason: 'Reason to close',
    closeReasons: { Resolved: 'Resolved', Duplicate: 'Duplicate', NotAnIssue: 'Not an issue', Other: 'Other' },
    closeTicket: 'Close ticket',
    closedDone: 'Ticket closed.',
    actionFailed: 'The ticket was not changed',
    notes: 'Notes',
    noNotes: 'No notes yet.',
    addNote: 'New note',
    noteHint: (max) => `Up to ${max} characters.`,
    addNoteButton: 'Add note',
    noteAdded: 'Note added.',
    history: 'History',
    assignee: 'Assigned to',
    unassigned: 'Nobody yet',
    assignToMe: 'Assign to me',
    assignedDone: 'The ticket is assigned to you.',
    teamsAlerts: {
      title: 'Alerts in Teams',
      intro:
        'The Rooms Partner Hub bot posts new incidents, escalations and reopened tickets of the rooms you may see as cards in your Teams chat.',
      preference: 'My incident alerts',
      modes: { all: 'Every severity', important: 'Important incidents only', off: 'Off' },
      saved: 'Your alert preference is saved.',
      saveFailed: 'Your alert preference was not saved',
      subscriptions: 'Channels and group chats receiving alerts',
      subscriptionsHint: 'To add one, mention the bot in the channel or group chat and type “subscribe”.',
      noSubscriptions: 'No channel or group chat of your organisation receives these alerts.',
      loadFailed: 'Could not load the alert settings',
      tableLabel: 'Conversations receiving incident alerts',
      customer: 'Customer',
      conversation: 'Conversation',
      kinds: { channel: 'Channel', groupChat: 'Group chat' },
      subscribedBy: 'Subscribed by',
      since: 'Since',
      remove: (conversation, customer) => `Stop ${customer}’s alerts in ${conversation}`,
      removeButton: 'Stop alerts',
      removed: 'The conversation no longer receives these alerts.',
      removeFailed: 'The subscription was not ended',
    },
  },
};

const pluriel = (n: number, one: string, many: string) => (n <= 1 ? `${n} ${one}` : `${n} ${many}`);

export const pagesFrFR: PagesStrings = {
  common: {
    cancel: 'Annuler',
    add: 'Ajouter',
    remove: 'Retirer',
    delete: 'Supprimer',
    save: 'Enregistrer',
    actions: 'Actions',
    loadMore: 'Afficher plus',
    tenantId: (id) => `ID du locataire ${id}`,
  },
  nav: {
    label: 'Partner Hub',
    customer: 'Client',
    chooseCustomer: 'Choisir un client',
    allCustomers: 'Tous les clients',
    yourOrganisation: (name) => `${name} (votre organisation)`,
    partnerSection: 'Partenaire',
    customerSection: 'Client',
    organisationSection: 'Votre organisation',
    settingsSection: 'Paramètres',
    pages: {
      overview: 'Accueil',
      invitations: 'Invitations',
      tenants: 'Locataires',
      tenantManagers: 'Gestionnaires de locataires',
      partners: 'Partenaires',
      audit: "Journal d'audit",
      roomsProManagers: 'Gestionnaires Teams Rooms Pro',
      rooms: 'Salles',
      roomGroups: 'Groupes de salles',
      updateRings: 'Anneaux de mise à jour',
      incidents: 'Incidents',
      reports: 'Rapports',
      roomsProSettings: 'Paramètres Teams Rooms Pro',
      roleManagement: 'Rôles',
    },
  },
  features: {
    invitations:
      'Les invitations en attente de vos clients, avec leur périmètre et leur expiration, à accepter ou à refuser.',
    tenants:
      'Les clients que vous gérez, leurs Administrateurs principaux et les salles que chacun a mises dans le périmètre.',
    tenantManagers: 'Qui, dans votre organisation, reçoit et traite les invitations des clients.',
    partners: 'Invitez un partenaire, fixez ce à quoi il accède, retirez ses rôles, ou supprimez-le.',
    audit:
      "Chaque modification dans votre locataire, par quiconque, y compris les tentatives refusées. Export CSV.",
    roomsProManagers: 'Qui administre Rooms Partner Hub dans votre organisation.',
    rooms: 'Les salles du client choisi, avec leur état de santé.',
    incidents: 'Alertes de santé des salles et tickets de tous vos clients, avec notes et statut.',
    roomGroups: "Regroupez les salles d'un client ; renommez et décrivez les groupes.",
    updateRings:
      "L'ordre et le délai dans lesquels les salles reçoivent les mises à jour ; anneaux personnalisés et déplacement de salles.",
    reports: 'Santé des salles et synthèse des incidents du client choisi.',
    roomsProSettings: "Fenêtre de maintenance, contacts d'alerte et fonctionnalités de Teams Rooms Pro.",
    roleManagement: 'Les rôles personnalisés, qui les détient et sur quelles salles.',
  },
  members: {
    placeholder: 'Rechercher par nom',
    typeToSearch: 'Saisissez un nom pour rechercher des utilisateurs et des groupes.',
    searching: 'Recherche…',
    noMatches: 'Aucun utilisateur ni groupe ne correspond.',
    matches: (n) => `${pluriel(n, 'résultat', 'résultats')}. Choisissez avec les flèches.`,
    group: 'Groupe',
    user: 'Utilisateur',
    name: 'Nom',
    kind: 'Type',
    remove: (name) => `Retirer ${name}`,
  },
  scope: {
    label: 'Périmètre',
    allRooms: 'Toutes les salles',
    chosen: 'Groupes de salles et salles choisis',
    counts: (rooms, groups) =>
      [
        groups ? pluriel(groups, 'groupe de salles', 'groupes de salles') : '',
        rooms ? pluriel(rooms, 'salle', 'salles') : '',
      ]
        .filter(Boolean)
        .join(', ') || 'Aucune salle',
    groupNamed: (name) => `Groupe de salles : ${name}`,
    roomGroups: 'Groupes de salles',
    rooms: 'Salles',
    loading: 'Chargement des salles…',
    loadFailed: 'Impossible de charger vos salles',
    unavailable:
      'Les salles ne peuvent pas encore être listées ici : seul « Toutes les salles » est possible.',
  },
  invitations: {
    title: 'Invitations',
    intro:
      'Des clients invitent votre organisation à gérer leurs salles. Vous voyez ce qu’ils ' +
      'proposent, jamais leurs données, tant que vous n’avez pas accepté et nommé des ' +
      'Administrateurs principaux.',
    loading: 'Chargement des invitations…',
    loadFailed: 'Impossible de charger les invitations',
    empty: 'Aucune invitation en attente.',
    tableLabel: 'Invitations',
    customer: 'Client',
    domain: 'Domaine',
    scope: 'Périmètre',
    status: 'Statut',
    expires: 'Expiration',
    invitedBy: 'Invité par',
    pending: 'En attente',
    expired: 'Expirée',
    expiresOn: (date) => `Expire le ${date}`,
    expiredOn: (date) => `Expirée le ${date}`,
    changeControl: (mode) => `Contrôle des modifications : ${mode}`,
    auto: 'approbation automatique',
    manual: 'approbation manuelle',
    accept: 'Accepter',
    decline: 'Refuser',
    acceptLabel: (c) => `Accepter l’invitation de ${c}`,
    declineLabel: (c) => `Refuser l’invitation de ${c}`,
    acceptTitle: (c) => `Accepter l’invitation de ${c}`,
    acceptIntro:
      'Choisissez au moins un Administrateur principal : ces utilisateurs ou groupes de votre ' +
      'organisation obtiennent des droits quasi complets sur les salles du périmètre et gèrent ' +
      'les rôles de ce client.',
    primaryAdmins: 'Administrateurs principaux',
    chosenPrimaryAdmins: 'Administrateurs principaux choisis',
    choosePrimaryAdmin: 'Choisissez au moins un Administrateur principal.',
    acceptFailed: 'Impossible d’accepter l’invitation',
    accepted: (c) => `Invitation de ${c} acceptée. ${c} figure maintenant dans vos Locataires.`,
    declineTitle: (c) => `Refuser l’invitation de ${c} ?`,
    declineBody: (c) =>
      `L’invitation est supprimée. ${c} devra en envoyer une nouvelle si vous changez d’avis.`,
    declineFailed: 'Impossible de refuser l’invitation',
    declined: (c) => `Invitation de ${c} refusée.`,
  },
  tenants: {
    title: 'Locataires',
    intro: 'Les clients que gère votre organisation. Choisissez-en un pour voir ses détails.',
    empty: 'Aucun client pour l’instant. Acceptez une invitation pour en ajouter un.',
    tableLabel: 'Locataires',
    customer: 'Client',
    domain: 'Domaine',
    scope: 'Périmètre',
    accepted: 'Accepté le',
    yourRole: 'Votre rôle',
    status: 'État',
    active: 'Actif',
    pending: 'En attente',
    expired: 'Expirée',
    openInvitation: (c) => `Ouvrir l’invitation de ${c}`,
    chooseHint: 'Choisissez un client, ici ou dans la liste Client, pour voir ses détails.',
    loadingDetail: 'Chargement du client…',
    detailFailed: 'Impossible de charger le client',
    roleDeleted: 'Le client a supprimé le rôle Administrateurs principaux.',
    lastAdmin: 'Le dernier Administrateur principal ne peut pas être retiré.',
    addAdmin: 'Ajouter un Administrateur principal',
    chosen: (name) => `Choisi : ${name}`,
    addFailed: 'Impossible d’ajouter l’Administrateur principal',
    adminAdded: (name) => `${name} est maintenant Administrateur principal.`,
    removeAdminLabel: (name) => `Retirer ${name} des Administrateurs principaux`,
    removeAdminTitle: (name) => `Retirer ${name} des Administrateurs principaux ?`,
    removeAdminBody: (name, c) => `${name} perd les droits d’Administrateur principal sur ${c}.`,
    adminRemoved: (name) => `${name} n’est plus Administrateur principal.`,
    removeFailed: 'Impossible de retirer',
    removeCustomer: 'Supprimer le client',
    removeCustomerTitle: (c) => `Supprimer le client ${c} ?`,
    removeCustomerBody: (c) =>
      `Votre organisation cesse de gérer ${c} : tous ses rôles et affectations sont supprimés. ` +
      `${c} devra vous inviter à nouveau pour revenir en arrière.`,
    customerRemoved: (c) => `${c} a été retiré de vos Locataires.`,
  },
  tenantManagers: {
    title: 'Gestionnaires de locataires',
    intro:
      'Les Gestionnaires de locataires reçoivent les invitations des clients et les acceptent ou ' +
      'les refusent. Ils ne voient aucune donnée client sans rôle pour ce client.',
    tableLabel: 'Gestionnaires de locataires',
    loading: 'Chargement des Gestionnaires de locataires…',
    loadFailed: 'Impossible de charger les Gestionnaires de locataires',
    empty:
      'Aucun Gestionnaire de locataires. Les administrateurs généraux et les Gestionnaires Teams Rooms Pro peuvent toujours traiter les invitations.',
    addLabel: 'Ajouter un Gestionnaire de locataires',
    addFailed: 'Impossible d’ajouter le Gestionnaire de locataires',
    removeFailed: 'Impossible de retirer le Gestionnaire de locataires',
    added: (name) => `${name} est maintenant Gestionnaire de locataires.`,
    removed: (name) => `${name} n’est plus Gestionnaire de locataires.`,
    removeTitle: (name) => `Retirer ${name} des Gestionnaires de locataires ?`,
    removeBody: (name) => `${name} ne recevra plus les invitations des clients.`,
  },
  roomsProManagers: {
    title: 'Gestionnaires Teams Rooms Pro',
    intro:
      'Les Gestionnaires Teams Rooms Pro administrent Rooms Partner Hub pour votre organisation, comme les administrateurs généraux.',
    introReadOnly:
      'Les Gestionnaires Teams Rooms Pro administrent Rooms Partner Hub pour votre organisation. Seul un administrateur général modifie cette liste.',
    tableLabel: 'Gestionnaires Teams Rooms Pro',
    loading: 'Chargement des Gestionnaires Teams Rooms Pro…',
    loadFailed: 'Impossible de charger les Gestionnaires Teams Rooms Pro',
    empty: 'Aucun Gestionnaire Teams Rooms Pro.',
    addLabel: 'Ajouter un Gestionnaire Teams Rooms Pro',
    addFailed: 'Impossible d’ajouter le Gestionnaire Teams Rooms Pro',
    removeFailed: 'Impossible de retirer le Gestionnaire Teams Rooms Pro',
    added: (name) => `${name} est maintenant Gestionnaire Teams Rooms Pro.`,
    removed: (name) => `${name} n’est plus Gestionnaire Teams Rooms Pro.`,
    removeTitle: (name) => `Retirer ${name} des Gestionnaires Teams Rooms Pro ?`,
    removeBody: (name) => `${name} perd les droits d’administration de Rooms Partner Hub.`,
  },
  partners: {
    title: 'Partenaires',
    intro:
      'Les partenaires gèrent vos salles avec leurs propres comptes. Vous décidez de ce à quoi ' +
      'chacun accède, et pouvez retirer à tout moment un rôle, une affectation ou le partenaire.',
    addPartner: 'Ajouter un partenaire',
    listTitle: 'Vos partenaires',
    loading: 'Chargement des partenaires…',
    loadFailed: 'Impossible de charger les partenaires',
    empty: 'Aucun partenaire. Utilisez « Ajouter un partenaire » pour en inviter un.',
    since: (domain, date) => `${domain} · partenaire depuis le ${date}`,
    partner: 'Partenaire',
    scope: 'Périmètre',
    changeScope: 'Modifier le périmètre',
    changeScopeLabel: (p) => `Modifier le périmètre de ${p}`,
    scopeTitle: (p) => `Périmètre de ${p}`,
    scopeIntro:
      'La modification s’applique immédiatement et restreint chaque affectation de ce partenaire.',
    scopeChanged: (p) => `Périmètre de ${p} modifié.`,
    changeControl: 'Contrôle des modifications',
    auto: 'Approbation automatique',
    manual: 'Approbation manuelle',
    role: 'Rôle',
    permissions: 'Autorisations',
    permissionCount: (n) => pluriel(n, 'autorisation', 'autorisations'),
    builtIn: 'Intégré',
    members: 'Membres',
    rolesTitle: 'Rôles',
    assignmentsTitle: 'Affectations',
    rolesLabel: (p) => `Rôles de ${p}`,
    assignmentsLabel: (p) => `Affectations de ${p}`,
    noAssignments: 'Aucune affectation.',
    assignmentName: (role) => `l’affectation ${role}`,
    deleteRoleLabel: (role) => `Supprimer le rôle ${role}`,
    deleteAssignmentLabel: (role) => `Supprimer l’affectation ${role}`,
    deleteRoleTitle: (role) => `Supprimer le rôle ${role} ?`,
    deleteRoleBody: (role, p) =>
      `${role} et ses affectations sont supprimés ; ${p} perd ces droits immédiatement.`,
    deleteAssignmentTitle: (name) => `Supprimer ${name} ?`,
    deleteAssignmentBody: (p) => `Ses membres chez ${p} perdent ces droits immédiatement.`,
    deleted: (name) => `Supprimé : ${name}.`,
    removePartner: 'Supprimer le partenaire',
    removePartnerTitle: (p) => `Supprimer le partenaire ${p} ?`,
    removePartnerBody: (p) =>
      `${p} perd immédiatement tout accès à vos salles : ses rôles et affectations sont supprimés.`,
    partnerRemoved: (p) => `${p} a été supprimé.`,
    actionFailed: 'La modification n’a pas été faite',
    invitationsTitle: 'Invitations envoyées',
    loadingInvitations: 'Chargement des invitations…',
    invitationsFailed: 'Impossible de charger les invitations',
    noInvitations: 'Aucune invitation en attente.',
    invited: (p) => `Invitation envoyée à ${p}.`,
    withdraw: 'Retirer l’invitation',
    withdrawLabel: (p) => `Retirer l’invitation envoyée à ${p}`,
    withdrawTitle: (p) => `Retirer l’invitation envoyée à ${p} ?`,
    withdrawBody: (p) => `${p} ne pourra plus l’accepter.`,
    withdrawn: (p) => `Invitation envoyée à ${p} retirée.`,
    breakGlassTitle: 'Bris de glace : un administrateur principal a été rétabli',
    breakGlassBody: (actor, member, date) =>
      `Le ${date}, ${actor}, administrateur général du partenaire, a fait de ${member} un ` +
      'administrateur principal, car aucun de vos administrateurs principaux ne restait dans son annuaire.',
    breakGlassReason: (reason) => `Motif donné : ${reason}`,
  },
  addPartner: {
    title: 'Ajouter un partenaire',
    domain: 'Domaine du partenaire',
    domainHint: 'Un domaine vérifié de l’organisation partenaire, par exemple fabrikam.example.',
    domainRequired: 'Saisissez le domaine du partenaire.',
    days: 'Expire après (jours)',
    daysHint: 'De 1 à 30 jours.',
    daysInvalid: 'Saisissez un nombre entier de jours, de 1 à 30.',
    changeControl: 'Contrôle des modifications',
    changeControlHint: 'Comment les modifications du partenaire sont approuvées.',
    auto: 'Approbation automatique',
    manual: 'Approbation manuelle',
    scopeRequired: 'Choisissez toutes les salles, ou au moins un groupe de salles ou une salle.',
    terms: 'J’accepte les conditions d’accès partenaire au nom de mon organisation.',
    termsRequired: 'Acceptez les conditions pour envoyer l’invitation.',
    submit: 'Envoyer l’invitation',
    failed: 'Impossible d’envoyer l’invitation',
  },
  audit: {
    title: "Journal d'audit",
    intro:
      'Chaque modification dans votre locataire, par vos équipes ou un partenaire, y compris les ' +
      'tentatives refusées. Heures en UTC ; conservation 180 jours.',
    filters: "Filtres du journal d'audit",
    from: 'Du',
    to: 'Au',
    category: 'Catégorie',
    actorTenant: "Locataire de l'auteur",
    result: 'Résultat',
    any: 'Tous',
    apply: 'Appliquer les filtres',
    clear: 'Effacer',
    export: 'Exporter en CSV',
    exportHint: (days) =>
      `L’export couvre les dates choisies (180 jours au plus), ou les ${days} derniers jours.`,
    exportFailed: "Impossible d'exporter le journal d'audit",
    exported: (file) => `${file} téléchargé.`,
    loading: "Chargement du journal d'audit…",
    loadFailed: "Impossible de charger le journal d'audit",
    empty: 'Aucun enregistrement ne correspond à ces filtres.',
    shown: (n) => `${pluriel(n, 'enregistrement', 'enregistrements')}.`,
    shownMore: (n) => `${pluriel(n, 'enregistrement affiché', 'enregistrements affichés')} ; il y en a d’autres.`,
    loadedMore: (n) => `${pluriel(n, 'enregistrement de plus', 'enregistrements de plus')}.`,
    tableLabel: "Enregistrements d'audit",
    time: 'Heure (UTC)',
    object: 'Objet',
    operation: 'Opération',
    actor: 'Auteur',
    successful: 'Réussi',
    failed: 'Échec',
    categories: {
      User: 'Utilisateur',
      Assignment: 'Affectation',
      PartnerInvitation: 'Invitation partenaire',
      PartnerRelationship: 'Relation partenaire',
      Partner: 'Partenaire',
      Role: 'Rôle',
      TenantManager: 'Gestionnaire de locataires',
      Room: 'Salle',
      RoomGroup: 'Groupe de salles',
      UpdateRing: 'Anneau de mise à jour',
      Ticket: 'Ticket',
      Settings: 'Paramètres',
    },
    operations: { Create: 'Création', Update: 'Modification', Delete: 'Suppression', Read: 'Lecture' },
    objectTypes: {
      EligiblePartner: 'Partenaire éligible',
      PartnerAssignment: 'Affectation du partenaire',
      PartnerInvitation: 'Invitation de partenaire',
      PartnerRelationship: 'Relation de partenariat',
      PartnerRole: 'Rôle du partenaire',
      PrimaryAdmins: 'Administrateurs principaux',
      RoomGroup: 'Groupe de salles',
      RoomsProManager: 'Gestionnaire Teams Rooms Pro',
      RoomsProSettings: 'Paramètres Teams Rooms Pro',
      TenantManager: 'Gestionnaire de locataires',
      Ticket: 'Ticket',
      UpdateRing: 'Anneau de mise à jour',
      Role: 'Rôle',
      Assignment: 'Affectation',
      Room: 'Salle',
    },
    showIds: 'Afficher les identifiants',
    unknownActor: 'Personne inconnue',
  },
  rooms: {
    title: 'Salles',
    intro: (c) => `Les salles de ${c} que vous pouvez voir, avec leur état de santé.`,
    filters: 'Filtres des salles',
    search: 'Le nom contient',
    health: 'Santé',
    healthNames: { Healthy: 'Sain', Warning: 'Avertissement', Important: 'Important', Offline: 'Hors ligne' },
    group: 'Groupe de salles',
    groups: 'Groupes de salles',
    enrollment: 'Inscription',
    enrollmentNames: { Onboarding: 'En cours d’intégration', Enrolled: 'Inscrite', Unenrolled: 'Désinscrite' },
    loading: 'Chargement des salles…',
    loadFailed: 'Impossible de charger les salles',
    empty: 'Aucune salle ne correspond.',
    tableLabel: (c) => `Salles de ${c}`,
    name: 'Nom',
    site: 'Site',
    shown: (n, more) =>
      `${pluriel(n, 'salle affichée', 'salles affichées')}${more ? ' ; il y en a d’autres' : ''}.`,
  },
  incidents: {
    title: 'Incidents',
    intro: (c) =>
      c ? `Les tickets de ${c} que vous pouvez voir, du plus récent au plus ancien.` : 'Choisissez un client.',
    introAll: 'Les tickets de tous les clients que vous pouvez voir, du plus récent au plus ancien.',
    allTickets: 'Activer tous les tickets',
    roomNeedsCustomer: 'Choisissez d’abord un client.',
    historyActions: {
      created: (status) => `Créé (${status})`,
      status: (from, to) => `État passé de ${from} à ${to}`,
      severity: (from, to) => `Gravité passée de ${from} à ${to}`,
      note: 'Note ajoutée',
      closed: (reason) => (reason ? `Fermé (${reason})` : 'Fermé'),
      roomGroups: 'Groupes de salles mis à jour',
      assigned: (to) => `Attribué à ${to}`,
      other: (action) => action,
    },
    signalActor: 'Surveillance de l’état des salles',
    signalTitles: {
      display: 'Écran de la salle déconnecté',
      microphone: 'Microphone de conférence défaillant',
      speaker: 'Haut-parleur de conférence défaillant',
      camera: 'Caméra de la salle défaillante',
      hdmiIngest: 'Entrée HDMI hors service',
      signIn: 'Échec de connexion (Exchange / Teams)',
      proximitySensor: 'Capteur de proximité défaillant',
      appVersion: 'Application Teams Rooms obsolète',
      osVersion: 'Système d’exploitation obsolète',
      network: 'Qualité réseau dégradée',
    },
    filters: 'Filtres des incidents',
    severity: 'Gravité',
    severities: { Important: 'Important', Warning: 'Avertissement' },
    status: 'Statut',
    statuses: {
      Open: 'Ouvert',
      Acknowledged: 'Pris en compte',
      InProgress: 'En cours',
      Resolved: 'Résolu',
      Closed: 'Fermé',
    },
    type: 'Type',
    types: {
      display: 'Écran de la salle',
      microphone: 'Microphone de conférence',
      speaker: 'Haut-parleur de conférence',
      camera: 'Caméra',
      hdmiIngest: 'Entrée HDMI',
      signIn: 'Connexion',
      proximitySensor: 'Capteur de proximité',
      appVersion: 'Version de l’application',
      osVersion: 'Version du système',
      network: 'Réseau',
      customerReported: 'Signalé par le client',
    },
    loading: 'Chargement des incidents…',
    loadFailed: 'Impossible de charger les incidents',
    empty: 'Aucun incident ne correspond.',
    tableLabel: 'Incidents',
    ticket: 'Ticket',
    room: 'Salle',
    created: 'Créé le',
    shown: (n, more) =>
      `${pluriel(n, 'incident affiché', 'incidents affichés')}${more ? ' ; il y en a d’autres' : ''}.`,
    facts: (room, severity, status, created) => `${room} · ${severity} · ${status} · ${created}`,
    closePanel: 'Fermer le détail',
    changeStatus: 'Statut',
    keep: (status) => `Garder « ${status} »`,
    updated: 'Ticket mis à jour.',
    closeReason: 'Motif de fermeture',
    closeReasons: { Resolved: 'Résolu', Duplicate: 'Doublon', NotAnIssue: 'Pas un problème', Other: 'Autre' },
    closeTicket: 'Fermer le ticket',
    closedDone: 'Ticket fermé.',
    actionFailed: 'Le ticket n’a pas été modifié',
    notes: 'Notes',
    noNotes: 'Aucune note.',
    addNote: 'Nouvelle note',
    noteHint: (max) => `Jusqu’à ${max} caractères.`,
    addNoteButton: 'Ajouter la note',
    noteAdded: 'Note ajoutée.',
    history: 'Historique',
    assignee: 'Attribué à',
    unassigned: 'Personne pour l’instant',
    assignToMe: 'M’attribuer',
    assignedDone: 'Le ticket vous est attribué.',
    teamsAlerts: {
      title: 'Alertes dans Teams',
      intro:
        'Le bot Rooms Partner Hub publie dans votre conversation Teams, sous forme de cartes, les nouveaux incidents, les escalades et les tickets rouverts des salles que vous pouvez voir.',
      preference: 'Mes alertes d’incidents',
      modes: { all: 'Toutes les gravités', important: 'Incidents importants uniquement', off: 'Désactivées' },
      saved: 'Votre préférence d’alertes est enregistrée.',
      saveFailed: 'Votre préférence d’alertes n’a pas été enregistrée',
      subscriptions: 'Canaux et conversations de groupe qui reçoivent les alertes',
      subscriptionsHint: 'Pour en ajouter un, mentionnez le bot dans le canal ou la conversation de groupe et tapez « abonner ».',
      noSubscriptions: 'Aucun canal ni aucune conversation de groupe de votre organisation ne reçoit ces alertes.',
      loadFailed: 'Impossible de charger les paramètres d’alertes',
      tableLabel: 'Conversations qui reçoivent les alertes d’incidents',
      customer: 'Client',
      conversation: 'Conversation',
      kinds: { channel: 'Canal', groupChat: 'Conversation de groupe' },
      subscribedBy: 'Abonné par',
      since: 'Depuis le',
      remove: (conversation, customer) => `Arrêter les alertes de ${customer} dans ${conversation}`,
      removeButton: 'Arrêter les alertes',
      removed: 'La conversation ne reçoit plus ces alertes.',
      removeFailed: 'L’abonnement n’a pas été supprimé',
    },
  },
};
