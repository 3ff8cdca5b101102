/**
 * Reading and exporting a tenant's audit log: its Global admins and Teams Rooms Pro Managers
 * only, always their own tenant's log (which holds what partners did there too).
 */
import type { Caller } from '../identity/caller.ts';
import { invalid, ErrorCodes } from '../errors.ts';
import { authorize, grantsFromIdentity, ownOrganisation } from '../authz/engine.ts';
import type { AuditFilter, AuditReader, AuditRecord } from './audit.ts';

/** The retention period bounds every export. */
export const MAX_EXPORT_DAYS = 180;

/** The engine's `organisation.audit.read` (the tenant's GA and TRPM). */
const requireAuditReader = (caller: Caller, message: string) =>
  authorize(
    grantsFromIdentity(caller),
    'organisation.audit.read',
    ownOrganisation(caller),
    message
  );

function checkRange(filter: AuditFilter): void {
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw invalid(ErrorCodes.REQUEST_INVALID, '`from` must not be after `to`.');
  }
}

export async function listAudit(
  caller: Caller,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
  deps: { auditReader: AuditReader }
) {
  requireAuditReader(
    caller,
    'Only Global admins and Teams Rooms Pro Managers can read the audit log.'
  );
  checkRange(filter);
  return deps.auditReader.page(caller.tenantId, filter, page);
}

export function exportAudit(
  caller: Caller,
  filter: AuditFilter & { from: Date; to: Date },
  deps: { auditReader: AuditReader }
): AsyncIterable<AuditRecord> {
  requireAuditReader(
    caller,
    'Only Global admins and Teams Rooms Pro Managers can export the audit log.'
  );
  checkRange(filter);
  if (filter.to.getTime() - filter.from.getTime() > MAX_EXPORT_DAYS * 86_400_000) {
    throw invalid(ErrorCodes.REQUEST_INVALID, `Export at most ${MAX_EXPORT_DAYS} days at a time.`);
  }
  return deps.auditReader.stream(caller.tenantId, filter);
}

/**
 * Spreadsheet formula injection guard (OWASP "CSV injection"): a cell starting with = + - @ or a
 * tab/carriage return is prefixed with a single quote so spreadsheets show it as text.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
