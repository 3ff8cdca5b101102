/** The caller's tenant audit log (`/api/audit`) and its CSV export. */
import { withQuery, type ApiClient, type Download, type Page } from './client.ts';
import type { AuditFilter, AuditRecord } from '../../../bot/src/http/contracts/audit.ts';

export { AUDIT_CATEGORIES, type AuditCategory } from '../../../bot/src/core/audit/audit.ts';
export type { AuditFilter, AuditRecord } from '../../../bot/src/http/contracts/audit.ts';

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
