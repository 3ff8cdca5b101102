/** The caller's tenant audit log (`/api/audit`) and its CSV export. */
import { getPage, withQuery, type ApiClient, type PageOptions, type Download } from './client.ts';
import type { AuditFilter, AuditRecord } from '../../../bot/src/http/contracts/audit.ts';

export {
  AUDIT_CATEGORIES,
  SYSTEM_ACTOR_ID,
  type AuditCategory,
} from '../../../bot/src/core/audit/audit.ts';
export type { AuditFilter, AuditRecord } from '../../../bot/src/http/contracts/audit.ts';

/** `GET /api/audit`, newest first. */
export const listAudit = (api: ApiClient, filter: AuditFilter, options?: PageOptions) =>
  getPage<AuditRecord>(api, '/api/audit', filter, options);

/** `GET /api/audit/export.csv` for a date range (at most 180 days). */
export function exportAuditCsv(
  api: ApiClient,
  filter: AuditFilter & { from: string; to: string }
): Promise<Download> {
  return api.download(withQuery('/api/audit/export.csv', { ...filter }));
}
