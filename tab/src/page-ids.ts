/**
 * The names of the tab's pages. Only names: everything else about a page (its address, title,
 * who is offered it, its component) is one row of the page table (`page-table.ts`). The names
 * stand alone so that pages, messages and the table can all refer to them without importing
 * each other.
 */
export type PageId =
  | 'overview'
  | 'invitations'
  | 'tenants'
  | 'tenantManagers'
  | 'rooms'
  | 'roomGroups'
  | 'updateRings'
  | 'incidents'
  | 'reports'
  | 'roleManagement'
  | 'roomsProSettings'
  | 'partners'
  | 'audit'
  | 'roomsProManagers';

/** A page's own state in the address; empty values are left out. */
export type PageParams = Readonly<Record<string, string | undefined>>;
