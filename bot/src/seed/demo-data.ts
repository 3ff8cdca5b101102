/**
 * Demo data for local runs: a partner tenant (Fabrikam Managed Services) with a Global admin, a
 * Teams Rooms Pro Manager, tenant managers and technicians, and three customer tenants with
 * rooms, room groups and update rings. Seeding is idempotent: ids are derived from names and
 * every write is an insert-if-absent, so a restart never duplicates or overwrites anything.
 */
import type { BaseDoc, Store } from '../store/types.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import {
  PartnerCollections,
  type PartnerDoc,
  type PartnerDomainDoc,
  type RelationshipDoc,
  type TenantManagerDoc,
} from '../data/partners.collections.ts';
import {
  Collections,
  ResourceCollections,
  type DirectoryGroupDoc,
  type DirectoryUserDoc,
  type RoomDoc,
  type RoomGroupDoc,
  type RoomsProManagerDoc,
  type TenantDoc,
  type UpdateRingDoc,
} from '../data/collections.ts';
import { BUILT_IN_RINGS, builtInRing } from '../core/resources/rings.rules.ts';
import { demoId } from './demo-id.ts';
import { ensure, ensureWhere } from './ensure.ts';
import { seedDemoTickets } from './tickets.seed.ts';
import { seedDemoRoles } from './roles.seed.ts';
import { seedDemoResources } from './resources.seed.ts';

export interface DemoUser {
  key: string;
  displayName: string;
  upn: string;
  description: string;
  globalAdmin?: boolean;
}

export interface DemoTenant {
  key: string;
  displayName: string;
  domains: string[];
  users: DemoUser[];
  groups: { key: string; displayName: string; description: string; members: string[] }[];
  roomsProManagers: string[];
  rooms?: { sites: { site: string; country: string; count: number; group: string }[] };
}

/** Ids used by tests and the README to refer to demo objects. */
export const ids = {
  tenant: (t: string) => demoId(`tenant:${t}`),
  user: (t: string, u: string) => demoId(`user:${t}:${u}`),
  group: (t: string, g: string) => demoId(`group:${t}:${g}`),
  room: (t: string, n: number) => demoId(`room:${t}:${n}`),
  roomGroup: (t: string, g: string) => demoId(`roomGroup:${t}:${g}`),
  ring: (t: string, r: string) => demoId(`ring:${t}:${r}`),
};

type TenantRow = readonly [key: string, displayName: string, domains: string[]];
type UserRow = readonly [tenant: string, key: string, displayName: string, description: string];
type GroupRow = readonly [
  tenant: string,
  key: string,
  name: string,
  description: string,
  members: string[],
];
type SiteRow = readonly [
  tenant: string,
  site: string,
  country: string,
  count: number,
  group: string,
];

/** The demo tenants: key, display name, domains (their users sign in as key@<first domain>). */
const TENANTS: readonly TenantRow[] = [
  [
    'fabrikam',
    'Fabrikam Managed Services',
    ['fabrikam.example', 'fabrikammsp.onmicrosoft.example'],
  ],
  ['contoso', 'Contoso Ltd', ['contoso.example']],
  ['northwind', 'Northwind Traders', ['northwindtraders.example']],
  ['woodgrove', 'Woodgrove Bank', ['woodgrovebank.example']],
];

/** What the demo-user picker says of a user; the first two are also their directory facts. */
const GLOBAL_ADMIN = 'Global admin';
const ROOMS_PRO_MANAGER = 'Teams Rooms Pro Manager';

/** The demo users, each tenant's in picker order: tenant, key, name, description. */
const USERS: readonly UserRow[] = [
  ['fabrikam', 'megan', 'Megan Bowen', GLOBAL_ADMIN],
  ['fabrikam', 'adele', 'Adele Vance', ROOMS_PRO_MANAGER],
  ['fabrikam', 'lee', 'Lee Gu', 'Tenant manager'],
  ['fabrikam', 'lynne', 'Lynne Robbins', 'Tenant manager (via group)'],
  ['fabrikam', 'diego', 'Diego Siciliani', 'Technician (help desk)'],
  ['fabrikam', 'grady', 'Grady Archie', 'Technician (help desk)'],
  ['fabrikam', 'pradeep', 'Pradeep Gupta', 'Primary admin of Contoso'],
  ['fabrikam', 'nestor', 'Nestor Wilke', 'Employee without product roles'],
  ['contoso', 'alex', 'Alex Wilber', GLOBAL_ADMIN],
  ['contoso', 'isaiah', 'Isaiah Langer', ROOMS_PRO_MANAGER],
  ['contoso', 'joni', 'Joni Sherman', 'Site lead (Seattle)'],
  ['contoso', 'miriam', 'Miriam Graham', 'Employee'],
  ['northwind', 'nora', 'Nora Castillo', GLOBAL_ADMIN],
  ['northwind', 'omar', 'Omar Haddad', ROOMS_PRO_MANAGER],
  ['woodgrove', 'wanda', 'Wanda Kowalski', GLOBAL_ADMIN],
  ['woodgrove', 'tomas', 'Tomás Ruiz', 'Employee'],
];

/** Security groups: tenant, key, name, description, members (users, or `group:<key>`). */
const GROUPS: readonly GroupRow[] = [
  ['fabrikam', 'tenant-managers', 'MSP Tenant Managers', 'Accept customer invitations', ['lynne']],
  ['fabrikam', 'help-desk', 'MSP Help Desk', 'First-line technicians', ['diego', 'grady']],
  [
    'fabrikam',
    'all-staff',
    'MSP All Staff',
    'Everyone (nested groups)',
    ['nestor', 'group:help-desk'],
  ],
  ['contoso', 'facilities', 'Contoso Facilities', 'Room operations', ['joni']],
];

/** The customers' rooms, numbered per tenant in this order: tenant, site, country, rooms, group. */
const SITES: readonly SiteRow[] = [
  ['contoso', 'Seattle', 'US', 6, 'US rooms'],
  ['contoso', 'New York', 'US', 4, 'US rooms'],
  ['contoso', 'Paris', 'FR', 3, 'EMEA rooms'],
  ['northwind', 'London', 'GB', 5, 'UK offices'],
  ['northwind', 'Manchester', 'GB', 2, 'UK offices'],
  ['woodgrove', 'Frankfurt', 'DE', 4, 'Branch rooms'],
  ['woodgrove', 'Madrid', 'ES', 3, 'Branch rooms'],
  ['woodgrove', 'Headquarters', 'DE', 2, 'Board rooms'],
];

function demoTenant([key, displayName, domains]: TenantRow): DemoTenant {
  const users = USERS.filter(([t]) => t === key);
  const sites = SITES.filter(([t]) => t === key);
  return {
    key,
    displayName,
    domains,
    users: users.map(([, u, name, description]) => ({
      key: u,
      displayName: name,
      upn: `${u}@${domains[0]}`,
      description,
      ...(description === GLOBAL_ADMIN ? { globalAdmin: true } : {}),
    })),
    groups: GROUPS.filter(([t]) => t === key).map(([, g, name, description, members]) => ({
      key: g,
      displayName: name,
      description,
      members,
    })),
    roomsProManagers: users.filter((u) => u[3] === ROOMS_PRO_MANAGER).map(([, u]) => u),
    ...(sites.length > 0 ? { rooms: { sites: sites.map(siteOf) } } : {}),
  };
}

const siteOf = ([, site, country, count, group]: SiteRow) => ({ site, country, count, group });

export const demoTenants: DemoTenant[] = TENANTS.map(demoTenant);

const HEALTH_CYCLE: RoomDoc['health'][] = [
  'Healthy',
  'Healthy',
  'Healthy',
  'Warning',
  'Healthy',
  'Important',
  'Healthy',
  'Offline',
];

export async function seedDemoData(store: Store, now: Date = new Date()): Promise<void> {
  for (const t of demoTenants) {
    for (const [collection, docs] of tenantDocs(t, now)) {
      for (const doc of docs) await ensure(store, collection, doc);
    }
  }
  await seedPartnerDemoData(store, now);
  await seedDemoRoles(store, now, { ids });
  await seedDemoResources(store, now, {
    customers: demoTenants.filter((t) => t.rooms).map((t) => t.key),
    ids,
  });
  await seedDemoTickets(store, now, { tenants: demoTenants, ids });
}

const ROOM_NAMES = [
  'Aurora',
  'Boardroom',
  'Cedar',
  'Delta',
  'Evergreen',
  'Fjord',
  'Granite',
  'Harbor',
];

/**
 * A demo tenant's documents, collection by collection in the order they are written: the tenant,
 * its directory and Teams Rooms Pro Managers; for a customer also its update rings, room groups
 * and rooms (numbered across its sites, the first one in Staging).
 */
function tenantDocs(t: DemoTenant, now: Date): [collection: string, docs: BaseDoc[]][] {
  const tenantId = ids.tenant(t.key);
  const tenant: TenantDoc = {
    _id: tenantId,
    tenantId,
    displayName: t.displayName,
    domains: t.domains,
    createdAt: now,
  };
  const users = t.users.map((u): DirectoryUserDoc => ({
    _id: ids.user(t.key, u.key),
    tenantId,
    displayName: u.displayName,
    userPrincipalName: u.upn,
    isGlobalAdmin: u.globalAdmin === true,
    description: u.description,
  }));
  const groups = t.groups.map((g): DirectoryGroupDoc => ({
    _id: ids.group(t.key, g.key),
    tenantId,
    displayName: g.displayName,
    description: g.description,
    memberIds: g.members.map((m) =>
      m.startsWith('group:') ? ids.group(t.key, m.slice('group:'.length)) : ids.user(t.key, m)
    ),
  }));
  const managers = t.roomsProManagers.map((m): RoomsProManagerDoc => ({
    _id: demoId(`trpm:${t.key}:${m}`),
    tenantId,
    member: { type: 'user', id: ids.user(t.key, m) },
    assignedBy: 'seed',
    assignedAt: now,
  }));
  const directory: [string, BaseDoc[]][] = [
    [Collections.tenants, [tenant]],
    [Collections.users, users],
    [Collections.groups, groups],
    [Collections.roomsProManagers, managers],
  ];
  if (!t.rooms) return directory;
  const rings = BUILT_IN_RINGS.map((def): UpdateRingDoc => {
    const { id, ...ring } = builtInRing(def, ids.ring(t.key, def.key), tenantId);
    return { _id: id, ...ring };
  });
  const roomGroups = [...new Set(t.rooms.sites.map((s) => s.group))].map((g): RoomGroupDoc => ({
    _id: ids.roomGroup(t.key, g),
    tenantId,
    displayName: g,
    description: `Rooms in ${g.replace(/ rooms$/, '')}`,
    createdAt: now,
  }));
  const rooms: RoomDoc[] = [];
  for (const s of t.rooms.sites) {
    for (let i = 1; i <= s.count; i++) {
      const n = rooms.length;
      const ring = n === 0 ? 'staging' : s.group === 'Board rooms' ? 'executive' : 'general';
      rooms.push({
        _id: ids.room(t.key, n),
        tenantId,
        displayName: `${s.site} ${ROOM_NAMES[(n + i) % ROOM_NAMES.length]} ${i}`,
        site: s.site,
        country: s.country,
        health: HEALTH_CYCLE[n % HEALTH_CYCLE.length],
        groupIds: [ids.roomGroup(t.key, s.group)],
        ringId: ids.ring(t.key, ring),
        enrollment: { status: 'Enrolled', keyVersion: 1, enrolledAt: now },
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return [
    ...directory,
    [ResourceCollections.updateRings, rings],
    [ResourceCollections.roomGroups, roomGroups],
    [ResourceCollections.rooms, rooms],
  ];
}

/**
 * The partner side of the demo: Fabrikam is an eligible partner with tenant managers (Lee
 * directly, Lynne through a group), Contoso is its customer (scope: US rooms, Primary admin:
 * Pradeep), and Northwind has invited it (pending). Relationships are keyed on the (customer,
 * partner) pair, so a pair that already has a document (e.g. re-invited by hand) is left alone.
 */
async function seedPartnerDemoData(store: Store, now: Date): Promise<void> {
  const fabrikam = demoTenants.find((t) => t.key === 'fabrikam')!;
  const partnerTid = ids.tenant('fabrikam');
  await ensure<PartnerDoc>(store, PartnerCollections.partners, {
    _id: partnerTid,
    tenantId: partnerTid,
    displayName: fabrikam.displayName,
    domains: fabrikam.domains,
    onboardedAt: now,
    onboardedBy: 'seed',
  });
  for (const d of fabrikam.domains) {
    const domain: PartnerDomainDoc = { _id: d, tenantId: partnerTid };
    await ensure<PartnerDomainDoc>(store, PartnerCollections.partnerDomains, domain);
  }
  const managers: MemberRef[] = [
    { type: 'user', id: ids.user('fabrikam', 'lee') },
    { type: 'group', id: ids.group('fabrikam', 'tenant-managers') },
  ];
  for (const member of managers) {
    await ensure<TenantManagerDoc>(store, PartnerCollections.tenantManagers, {
      _id: demoId(`tenantManager:fabrikam:${member.id}`),
      tenantId: partnerTid,
      member,
      addedBy: 'seed',
      addedAt: now,
    });
  }
  const day = 86_400_000;
  const relationship = (customer: string, extra: Partial<RelationshipDoc>): RelationshipDoc => {
    const t = demoTenants.find((x) => x.key === customer)!;
    const admin = t.users.find((u) => u.globalAdmin)!;
    return {
      _id: demoId(`relationship:${customer}:fabrikam`),
      tenantId: ids.tenant(customer),
      customerName: t.displayName,
      customerDomain: t.domains[0]!,
      partnerTenantId: partnerTid,
      partnerName: fabrikam.displayName,
      partnerDomain: fabrikam.domains[0]!,
      state: 'pending',
      expiresAt: new Date(now.getTime() + 14 * day),
      changeControl: 'auto',
      scope: { allRooms: true, roomIds: [], roomGroupIds: [] },
      termsAcceptedAt: now,
      createdBy: ids.user(customer, admin.key),
      createdByName: admin.displayName,
      createdAt: now,
      primaryAdmins: [],
      ...extra,
    };
  };
  const docs = [
    relationship('contoso', {
      state: 'active',
      acceptedAt: now,
      scope: { allRooms: false, roomIds: [], roomGroupIds: [ids.roomGroup('contoso', 'US rooms')] },
      primaryAdmins: [{ type: 'user', id: ids.user('fabrikam', 'pradeep') }],
    }),
    relationship('northwind', {}),
  ];
  const coll = store.collection<RelationshipDoc>(PartnerCollections.relationships);
  for (const doc of docs) {
    await ensureWhere(coll, { tenantId: doc.tenantId, partnerTenantId: doc.partnerTenantId }, doc);
  }
}
