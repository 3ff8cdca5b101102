/** The caller's tenant audit log (`/api/audit`) and its CSV export. */
import { withQuery, type ApiClient, type Download, type Page } from './client.ts';

/** The categories the service records (its `AUDIT_CATEGORIES`). */
export const AUDIT_CATEGORIES = [
  'User',
  'Assignment',
  'PartnerInvitation',
  'PartnerRelationship',
  'Partner',
  'Role',
  'TenantManager',
  'Room',
  'RoomGroup',
  'UpdateRing',
  'Ticket',
  'Settings',
  'ChangeRequest',
  'Elevation',
] as const;

export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export interface AuditRecord {
  id: string;
  tenantId: string;
  category: string;
  objectType: string;
  objectId: string;
  operation: 'Create' | 'Update' | 'Delete' | 'Read';
  result: 'Successful' | 'Failed';
  actorId: string;
  actorTenantId: string;
  detail?: string;
  /** Names as they were when the record was written (absent on older records). */
  actorName?: string;
  actorTenantName?: string;
  objectName?: string;
  at: string;
}

/** Filters of the log and the export; times are ISO 8601 UTC. */
export interface AuditFilter {
  from?: string;
  to?: string;
  category?: AuditCategory;
  actorTenantId?: string;
  result?: 'Successful' | 'Failed';
}

/** `GET /api/audit`, newest first. */
export function listAudit(
  api: ApiClient,
  filter: AuditFilter,
  options: { cursor?: string; limit?: number; signal?: AbortSignal } = {}
): Promise<Page<AuditRecord>> {
  const path = withQuery('/api/audit', {
    ...filter,
    cursor: options.cursor,
    limit: options.limit,
  });
  return api.request<Page<AuditRecord>>(path, { signal: options.signal });
}

/** `GET /api/audit/export.csv` for a date range (at most 180 days). */
export function exportAuditCsv(
  api: ApiClient,
  filter: AuditFilter & { from: string; to: string }
): Promise<Download> {
  return api.download(withQuery('/api/audit/export.csv', { ...filter }));
}
