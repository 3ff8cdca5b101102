/**
 * The shape of the tab's messages: every locale fills it (`i18n/en`, `i18n/fr`, one module per
 * feature), so a key missing in one locale fails the type check. Functions take the values they
 * interpolate. The product names follow the product spec (section 6).
 */
import type { AlertSeverity, Weekday } from '../api/resources.ts';
import type { AuditCategory } from '../api/audit.ts';
import type { CloseReason, Severity, TicketStatus, TicketType } from '../api/tickets.ts';
import type { EnrollmentStatus, RoomHealth } from '../api/rooms.ts';
import type { Feature, Permission } from '../api/roles.ts';
import type { PageId } from '../page-ids.ts';
import type {
  ChangeAction,
  ChangeRequestStatus,
  ElevationStatus,
  SensitiveAction,
} from '../api/change-control.ts';

/** Locales the tab ships; anything else falls back to en-US. */
export type Locale = 'en-US' | 'fr-FR';

/** The words of one member roster (components/MemberRoster.tsx); every roster has its own. */
export interface RosterText {
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

/** A page that is one member roster. */
interface RosterStrings extends RosterText {
  title: string;
  intro: string;
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
    /** The accessible name of a row's Modify button. */
    modifyLabel: (name: string) => string;
    /** The title of the dialog that edits a named object (a ring, a room group, a role). */
    editTitle: (name: string) => string;
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
    /** The label of the reason the partner typed (shown as typed, after it). */
    breakGlassReason: string;
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
      /** The least severe incident a conversation gets (`subscribe important|warning`). */
      minSeverity: string;
      severities: Record<'Important' | 'Warning', string>;
      severityLabel: (conversation: string, customer: string) => string;
      severitySaved: string;
      remove: (conversation: string, customer: string) => string;
      removeButton: string;
      removed: string;
      removeFailed: string;
    };
  };
}

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
    primaryAdmins: RosterText & {
      title: string;
      intro: (customer: string) => string;
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
      steps: {
        general: string;
        permissions: string;
        assignment: string;
        members: string;
        scope: string;
        finish: string;
      };
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

/** Every message of one locale. */
/** The customer's controls over a partner (issue #15): change control, elevation, MFA, approvals. */
export interface ControlStrings {
  controlsTitle: string;
  controlsIntro: string;
  manual: string;
  manualLabel: (action: string, partner: string) => string;
  elevationTitle: string;
  elevationLabel: (action: string, partner: string) => string;
  autoApprove: string;
  mfa: string;
  save: string;
  saved: (partner: string) => string;
  loadFailed: string;
  saveFailed: string;
  approvalsTitle: string;
  approvalsEmpty: string;
  requestsTitle: string;
  requestsEmpty: string;
  elevationsTitle: string;
  object: string;
  change: string;
  requestedBy: string;
  status: string;
  why: string;
  approve: string;
  reject: string;
  end: string;
  reasonLabel: string;
  approved: (name: string) => string;
  rejected: (name: string) => string;
  elevationApproved: string;
  elevationRejected: string;
  elevationEnded: string;
  failed: string;
  sentForApproval: (name: string) => string;
  partnerView: string;
  summaryAllAuto: string;
  summaryManual: (actions: string) => string;
  requestElevation: string;
  duration: string;
  justification: string;
  elevationRequested: string;
  none: string;
  yes: string;
  no: string;
  actions: Record<ChangeAction | SensitiveAction, string>;
  statuses: Record<ChangeRequestStatus | ElevationStatus, string>;
}

export interface Strings extends PagesStrings, ManageStrings {
  control: ControlStrings;
  /** The BCP 47 tag used to format dates and numbers. */
  locale: Locale;
  appName: string;
  skipToMain: string;
  starting: string;
  retry: string;
  errors: {
    network: string;
    unexpected: string;
  };
  header: {
    switchUser: string;
    signedInAs: (name: string) => string;
  };
  picker: {
    title: string;
    intro: string;
    loading: string;
    empty: string;
    loadFailed: string;
    signIn: string;
    signInAs: (name: string, tenantName: string) => string;
    signingIn: string;
    signInFailed: string;
    tenantId: (tenantId: string) => string;
    userCount: (count: number) => string;
    sessionEnded: string;
  };
  teamsOnly: {
    title: string;
    body: string;
  };
  teams: {
    ssoFailed: string;
    slow: string;
    noAnswer: string;
    noAnswerBody: string;
    consentTitle: string;
    consentBody: string;
    giveConsent: string;
  };
  landing: {
    loading: string;
    loadFailed: string;
    welcome: (name: string) => string;
    intro: string;
    accountTitle: string;
    signInName: string;
    tenant: string;
    tenantId: string;
    userId: string;
    rolesTitle: string;
    rolesAdminHint: string;
    noRoles: string;
    nextTitle: string;
    nextIntro: string;
    nothingToManage: string;
    open: (page: string) => string;
  };
  roles: {
    globalAdmin: string;
    roomsProManager: string;
    primaryAdmin: string;
    primaryAdmins: string;
    tenantManager: string;
  };
}

/** Which messages each module of a locale holds (`i18n/en/<module>.ts`, `i18n/fr/<module>.ts`). */
interface ModuleKeys {
  app:
    | 'locale'
    | 'appName'
    | 'skipToMain'
    | 'starting'
    | 'retry'
    | 'errors'
    | 'header'
    | 'picker'
    | 'teamsOnly'
    | 'teams'
    | 'landing'
    | 'roles';
  audit: 'audit';
  common: 'common' | 'nav' | 'features' | 'members' | 'scope' | 'errorCodes';
  control: 'control';
  incidents: 'incidents';
  invitations: 'invitations';
  partners: 'partners' | 'addPartner' | 'roomsProManagers';
  reports: 'reports';
  rings: 'rings' | 'builtInRings';
  roles: 'builtInRoles' | 'roleAdmin';
  rooms: 'rooms' | 'roomActions' | 'roomGroups';
  settings: 'proSettings';
  tenants: 'tenants' | 'tenantManagers';
}

/** The messages of one module of a locale. */
export type Module<M extends keyof ModuleKeys> = Pick<Strings, ModuleKeys[M]>;

/** Every module of one locale, as `i18n/<locale>/index.ts` exports them. */
export type Catalogue = { [M in keyof ModuleKeys]: Module<M> };
