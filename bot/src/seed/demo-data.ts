/**
 * Demo data for local runs: a partner tenant (Fabrikam Managed Services) with a Global admin, a
 * Teams Rooms Pro Manager, tenant managers and technicians, and three customer tenants with
 * rooms, room groups and update rings. Seeding is idempotent: ids are derived from names and
 * every write is an insert-if-absent, so a restart never duplicates or overwrites anything.
 */
import type { Store } from '../store/types.ts';
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

/** A demo user: key, name, description, Global admin; they sign in as key@<first domain>. */
type UserRow = readonly [key: string, displayName: string, description: string, globalAdmin?: true];

type DemoTenantRow = Omit<DemoTenant, 'users'> & { users: UserRow[] };

const withUpns = (t: DemoTenantRow): DemoTenant => ({
  ...t,
  users: t.users.map(([key, displayName, description, globalAdmin]) => ({
    key,
    displayName,
    upn: `${key}@${t.domains[0]}`,
    description,
    ...(globalAdmin ? { globalAdmin } : {}),
  })),
});

const tenants: DemoTenantRow[] = [
  {
    key: 'fabrikam',
    displayName: 'Fabrikam Managed Services',
    domains: ['fabrikam.example', 'fabrikammsp.onmicrosoft.example'],
    users: [
      ['megan', 'Megan Bowen', 'Global admin', true],
      ['adele', 'Adele Vance', 'Teams Rooms Pro Manager'],
      ['lee', 'Lee Gu', 'Tenant manager'],
      ['lynne', 'Lynne Robbins', 'Tenant manager (via group)'],
      ['diego', 'Diego Siciliani', 'Technician (help desk)'],
      ['grady', 'Grady Archie', 'Technician (help desk)'],
      ['pradeep', 'Pradeep Gupta', 'Primary admin of Contoso'],
      ['nestor', 'Nestor Wilke', 'Employee without product roles'],
    ],
    groups: [
      {
        key: 'tenant-managers',
        displayName: 'MSP Tenant Managers',
        description: 'Accept customer invitations',
        members: ['lynne'],
      },
      {
        key: 'help-desk',
        displayName: 'MSP Help Desk',
        description: 'First-line technicians',
        members: ['diego', 'grady'],
      },
      {
        key: 'all-staff',
        displayName: 'MSP All Staff',
        description: 'Everyone (nested groups)',
        members: ['nestor', 'group:help-desk'],
      },
    ],
    roomsProManagers: ['adele'],
  },
  {
    key: 'contoso',
    displayName: 'Contoso Ltd',
    domains: ['contoso.example'],
    users: [
      ['alex', 'Alex Wilber', 'Global admin', true],
      ['isaiah', 'Isaiah Langer', 'Teams Rooms Pro Manager'],
      ['joni', 'Joni Sherman', 'Site lead (Seattle)'],
      ['miriam', 'Miriam Graham', 'Employee'],
    ],
    groups: [
      {
        key: 'facilities',
        displayName: 'Contoso Facilities',
        description: 'Room operations',
        members: ['joni'],
      },
    ],
    roomsProManagers: ['isaiah'],
    rooms: {
      sites: [
        { site: 'Seattle', country: 'US', count: 6, group: 'US rooms' },
        { site: 'New York', country: 'US', count: 4, group: 'US rooms' },
        { site: 'Paris', country: 'FR', count: 3, group: 'EMEA rooms' },
      ],
    },
  },
  {
    key: 'northwind',
    displayName: 'Northwind Traders',
    domains: ['northwindtraders.example'],
    users: [
      ['nora', 'Nora Castillo', 'Global admin', true],
      ['omar', 'Omar Haddad', 'Teams Rooms Pro Manager'],
    ],
    groups: [],
    roomsProManagers: ['omar'],
    rooms: {
      sites: [
        { site: 'London', country: 'GB', count: 5, group: 'UK offices' },
        { site: 'Manchester', country: 'GB', count: 2, group: 'UK offices' },
      ],
    },
  },
  {
    key: 'woodgrove',
    displayName: 'Woodgrove Bank',
    domains: ['woodgrovebank.example'],
    users: [
      ['wanda', 'Wanda Kowalski', 'Global admin', true],
      ['tomas', 'Tomás Ruiz', 'Employee'],
    ],
    groups: [],
    roomsProManagers: [],
    rooms: {
      sites: [
        { site: 'Frankfurt', country: 'DE', count: 4, group: 'Branch rooms' },
        { site: 'Madrid', country: 'ES', count: 3, group: 'Branch rooms' },
        { site: 'Headquarters', country: 'DE', count: 2, group: 'Board rooms' },
      ],
    },
  },
];

export const demoTenants: DemoTenant[] = tenants.map(withUpns);

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
    const tenantId = ids.tenant(t.key);
    await ensure<TenantDoc>(store, Collections.tenants, {
      _id: tenantId,
      tenantId,
      displayName: t.displayName,
      domains: t.domains,
      createdAt: now,
    });
    for (const u of t.users) {
      await ensure<DirectoryUserDoc>(store, Collections.users, {
        _id: ids.user(t.key, u.key),
        tenantId,
        displayName: u.displayName,
        userPrincipalName: u.upn,
        isGlobalAdmin: u.globalAdmin === true,
        description: u.description,
      });
    }
    for (const g of t.groups) {
      await ensure<DirectoryGroupDoc>(store, Collections.groups, {
        _id: ids.group(t.key, g.key),
        tenantId,
        displayName: g.displayName,
        description: g.description,
        memberIds: g.members.map((m) =>
          m.startsWith('group:') ? ids.group(t.key, m.slice('group:'.length)) : ids.user(t.key, m)
        ),
      });
    }
    for (const m of t.roomsProManagers) {
      await ensure<RoomsProManagerDoc>(store, Collections.roomsProManagers, {
        _id: demoId(`trpm:${t.key}:${m}`),
        tenantId,
        member: { type: 'user', id: ids.user(t.key, m) },
        assignedBy: 'seed',
        assignedAt: now,
      });
    }
    if (!t.rooms) continue;
    for (const def of BUILT_IN_RINGS) {
      const { id, ...ring } = builtInRing(def, ids.ring(t.key, def.key), tenantId);
      await ensure<UpdateRingDoc>(store, ResourceCollections.updateRings, { _id: id, ...ring });
    }
    const groupNames = [...new Set(t.rooms.sites.map((s) => s.group))];
    for (const g of groupNames) {
      await ensure<RoomGroupDoc>(store, ResourceCollections.roomGroups, {
        _id: ids.roomGroup(t.key, g),
        tenantId,
        displayName: g,
        description: `Rooms in ${g.replace(/ rooms$/, '')}`,
        createdAt: now,
      });
    }
    let n = 0;
    for (const s of t.rooms.sites) {
      for (let i = 1; i <= s.count; i++, n++) {
        const ring = n === 0 ? 'staging' : s.group === 'Board rooms' ? 'executive' : 'general';
        await ensure<RoomDoc>(store, ResourceCollections.rooms, {
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
