/**
 * The page table: one row per page, read by routing (its address), the navigation (its section,
 * in table order), the access check (who is offered it) and the shell (its component, loaded
 * when first needed). A new page is one new row here (its name in `page-ids.ts`, its title and
 * summary in the messages); the type check says what is missing.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { customersWith, isTenantAdmin, type Access } from './access.ts';
import type { PageId } from './page-ids.ts';
import type { PageProps } from './page-props.ts';

/** The sections of the navigation, in order; `top` stands above the first heading. */
export const NAV_SECTIONS = ['top', 'partner', 'customer', 'settings', 'organisation'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export interface PageEntry {
  id: PageId;
  /** The path in the address (`#/tenant-managers`); '' is the landing page. */
  path: string;
  /** Where the navigation lists it (the title comes from `strings.nav.pages[id]`). */
  section: NavSection;
  /** Acts on the customer chosen in the dropdown (a new customer opens the page afresh). */
  perCustomer: boolean;
  /** The permission the page needs in the chosen customer; it also picks the default customer. */
  permission?: string;
  /** Whether the caller is offered the page (the service still checks every call). */
  offered: (access: Access) => boolean;
  /** Loads the page's module (also used to fetch offered pages ahead of time). */
  load: () => Promise<unknown>;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

type Row = Omit<PageEntry, 'id' | 'component' | 'perCustomer' | 'offered' | 'load'> & {
  perCustomer?: boolean;
  /** Defaults, for pages with a permission, to "holds it in some customer". */
  offered?: (access: Access) => boolean;
  load: () => Promise<ComponentType<PageProps>>;
};

const admin = (access: Access) => isTenantAdmin(access.me);

/** The rows, in navigation order (also the order of the Overview's cards). */
const ROWS: { readonly [K in PageId]: Row } = {
  overview: {
    path: '',
    section: 'top',
    offered: () => true,
    load: () => import('./pages/OverviewPage.tsx').then((m) => m.OverviewPage),
  },
  invitations: {
    path: 'invitations',
    section: 'partner',
    offered: (a) => a.handlesInvitations,
    load: () => import('./pages/InvitationsPage.tsx').then((m) => m.InvitationsPage),
  },
  tenants: {
    path: 'tenants',
    section: 'partner',
    perCustomer: true,
    offered: (a) => a.handlesInvitations || a.partnerCustomers.length > 0,
    load: () => import('./pages/TenantsPage.tsx').then((m) => m.TenantsPage),
  },
  tenantManagers: {
    path: 'tenant-managers',
    section: 'partner',
    offered: (a) => a.isPartner && admin(a),
    load: () => import('./pages/TenantManagersPage.tsx').then((m) => m.TenantManagersPage),
  },
  rooms: {
    path: 'rooms',
    section: 'customer',
    permission: 'rooms.view',
    load: () => import('./pages/RoomsPage.tsx').then((m) => m.RoomsPage),
  },
  roomGroups: {
    path: 'room-groups',
    section: 'customer',
    permission: 'roomGroups.view',
    load: () => import('./pages/RoomGroupsPage.tsx').then((m) => m.RoomGroupsPage),
  },
  updateRings: {
    path: 'update-rings',
    section: 'customer',
    permission: 'updateRings.view',
    load: () => import('./pages/UpdateRingsPage.tsx').then((m) => m.UpdateRingsPage),
  },
  incidents: {
    path: 'incidents',
    section: 'customer',
    permission: 'tickets.view',
    load: () => import('./pages/IncidentsPage.tsx').then((m) => m.IncidentsPage),
  },
  reports: {
    path: 'reports',
    section: 'customer',
    permission: 'reports.view',
    load: () => import('./pages/ReportsPage.tsx').then((m) => m.ReportsPage),
  },
  roleManagement: {
    path: 'roles',
    section: 'settings',
    permission: 'roles.view',
    load: () => import('./pages/RolesPage.tsx').then((m) => m.RolesPage),
  },
  roomsProSettings: {
    path: 'settings',
    section: 'settings',
    permission: 'settings.view',
    load: () => import('./pages/RoomsProSettingsPage.tsx').then((m) => m.RoomsProSettingsPage),
  },
  partners: {
    path: 'partners',
    section: 'organisation',
    offered: admin,
    load: () => import('./pages/PartnersPage.tsx').then((m) => m.PartnersPage),
  },
  audit: {
    path: 'audit',
    section: 'organisation',
    offered: admin,
    load: () => import('./pages/AuditPage.tsx').then((m) => m.AuditPage),
  },
  roomsProManagers: {
    path: 'rooms-pro-managers',
    section: 'organisation',
    offered: admin,
    load: () => import('./pages/RoomsProManagersPage.tsx').then((m) => m.RoomsProManagersPage),
  },
};

function entry(id: PageId, row: Row): PageEntry {
  const { permission } = row;
  return {
    ...row,
    id,
    perCustomer: row.perCustomer ?? permission !== undefined,
    offered:
      row.offered ??
      ((access) => permission !== undefined && customersWith(access, permission).length > 0),
    component: lazy(() => row.load().then((component) => ({ default: component }))),
  };
}

/** Every page, in navigation order. */
export const PAGES: readonly PageEntry[] = (Object.keys(ROWS) as PageId[]).map((id) =>
  entry(id, ROWS[id])
);

const BY_ID = new Map(PAGES.map((p) => [p.id, p]));

export function pageEntry(id: PageId): PageEntry {
  return BY_ID.get(id) ?? PAGES[0]!;
}

/** The pages to offer, in navigation order. */
export function visiblePages(access: Access): PageId[] {
  return PAGES.filter((p) => p.offered(access)).map((p) => p.id);
}
