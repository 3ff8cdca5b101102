/**
 * The tab's pages and their addresses. The address lives in the URL hash (`#/tenants?customer=…`)
 * so every page can be bookmarked, reloaded and linked to, inside Teams and in a browser, without
 * the service knowing about client routes.
 */
import { useEffect, useState } from 'react';

export const PAGE_IDS = [
  'overview',
  'invitations',
  'tenants',
  'tenantManagers',
  'partners',
  'audit',
  'roomsProManagers',
  'rooms',
  'roomGroups',
  'updateRings',
  'incidents',
  'reports',
  'roomsProSettings',
  'roleManagement',
] as const;

export type PageId = (typeof PAGE_IDS)[number];

const PATHS: Record<PageId, string> = {
  overview: '',
  invitations: 'invitations',
  tenants: 'tenants',
  tenantManagers: 'tenant-managers',
  partners: 'partners',
  audit: 'audit',
  roomsProManagers: 'rooms-pro-managers',
  rooms: 'rooms',
  roomGroups: 'room-groups',
  updateRings: 'update-rings',
  incidents: 'incidents',
  reports: 'reports',
  roomsProSettings: 'settings',
  roleManagement: 'roles',
};

/** Where the user is: a page and, for per-customer pages, the customer picked in the dropdown. */
export interface Route {
  page: PageId;
  customer: string | null;
  /** The path did not name a known page. */
  unknown: boolean;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const customer = new URLSearchParams(query).get('customer');
  const page = PAGE_IDS.find((id) => PATHS[id] === path.replace(/\/$/, ''));
  return { page: page ?? 'overview', customer, unknown: page === undefined };
}

export function hrefFor(page: PageId, customer: string | null): string {
  const query = customer ? `?customer=${encodeURIComponent(customer)}` : '';
  return `#/${PATHS[page]}${query}`;
}

/** The current route, following `hashchange` (links, back and forward). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Goes to a page (adds a history entry, so Back returns). */
export function navigate(page: PageId, customer: string | null): void {
  window.location.hash = hrefFor(page, customer);
}
