/**
 * What every page receives from the shell. Pages import this (type-only) and never the shell or
 * the page table, so the tab has no import cycle: the table imports the pages, not the reverse.
 */
import type { ApiClient } from './api/client.ts';
import type { CustomerOption } from './api/customers.ts';
import type { Access } from './access.ts';
import type { PageId, PageParams } from './page-ids.ts';

/** Links between pages, handed to pages so that they need not know the addresses. */
export interface PageLinks {
  /** The address of a page, for a link (`#/tenants?customer=…`). */
  href: (page: PageId, customer: string | null, params?: PageParams) => string;
  /** Goes to a page (adds a history entry, so Back returns). */
  go: (page: PageId, customer: string | null) => void;
  /**
   * Keeps the current page's state (filters, the open item) in the address without a history
   * entry per change: a reload or a shared link shows the same view.
   */
  keepParams: (customer: string | null, params: PageParams) => void;
}

/** Props every page receives. */
export interface PageProps {
  api: ApiClient;
  access: Access;
  /** The pages offered to the caller, in navigation order. */
  pages: readonly PageId[];
  links: PageLinks;
  /** The customer chosen in the dropdown, for per-customer pages. */
  customer: CustomerOption | null;
  /**
   * The customer id the address names, even when it is not in the dropdown: a tenant manager
   * sees a customer in Tenants without holding any right in it.
   */
  requestedCustomer: string | null;
  focusHeading: boolean;
  /** The page's own state in the address (filters, the open item); read when the page opens. */
  params: URLSearchParams;
  /** Re-reads the access (after accepting an invitation or removing a customer). */
  refreshAccess: () => Promise<void>;
}
