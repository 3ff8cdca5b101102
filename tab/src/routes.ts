/**
 * The tab's pages and their addresses. The address lives in the URL hash (`#/tenants?customer=…`)
 * so every page can be bookmarked, reloaded and linked to, inside Teams and in a browser, without
 * the service knowing about client routes.
 */
import { useEffect, useState } from 'react';
import type { PageId, PageParams } from './page-ids.ts';
import { PAGES, pageEntry } from './page-table.ts';

/** Where the user is: a page and, for per-customer pages, the customer picked in the dropdown. */
export interface Route {
  page: PageId;
  customer: string | null;
  /** The path did not name a known page. */
  unknown: boolean;
  /** The rest of the query: a page's own state (filters, the open ticket), kept in the address. */
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const customer = params.get('customer');
  params.delete('customer');
  const page = pageOfPath(path);
  return { page: page ?? 'overview', customer, unknown: page === undefined, params };
}

export function hrefFor(page: PageId, customer: string | null, params: PageParams = {}): string {
  const query = new URLSearchParams();
  if (customer) query.set('customer', customer);
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return `#/${pageEntry(page).path}${text ? `?${text}` : ''}`;
}

/** The path of a page in the address (`tenant-managers`), or the page of a path. */
export function pageOfPath(path: string): PageId | undefined {
  const wanted = path.replace(/^\/|\/$/g, '');
  return PAGES.find((p) => p.path === wanted)?.id;
}

const PARAMS_CHANGED = 'rph:paramschange';

/**
 * Keeps a page's state (filters, switches, the open item) in the address without a history entry
 * per change: a reload or a shared link shows the same view.
 */
export function replaceParams(page: PageId, customer: string | null, params: PageParams): void {
  const next = hrefFor(page, customer, params);
  if (window.location.hash === next) return;
  window.history.replaceState(window.history.state, '', next);
  window.dispatchEvent(new Event(PARAMS_CHANGED));
}

/** The current route, following `hashchange` (links, back and forward). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    window.addEventListener(PARAMS_CHANGED, onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener(PARAMS_CHANGED, onChange);
    };
  }, []);
  return route;
}

/** Goes to a page (adds a history entry, so Back returns). */
export function navigate(page: PageId, customer: string | null): void {
  window.location.hash = hrefFor(page, customer);
}
