/** The tenant's audit log: filtered, cursor-paginated listing and a streamed CSV export. */
import { stringify } from 'csv-stringify';
import type { Api } from '../api.ts';
import type { AppServices } from '../../app.ts';
import { csvSafe, exportAudit, listAudit } from '../../core/audit/audit.use-cases.ts';
import { auditPage, auditQuery, CSV_COLUMNS, exportQuery } from '../contracts/audit.ts';
import { wire } from '../contracts/common.ts';

const toDate = (s?: string) => (s ? new Date(s) : undefined);

export function registerAuditRoutes(api: Api, services: AppServices): void {
  const { auditReader } = services;

  api.route({
    method: 'get',
    path: '/api/audit',
    tag: 'Audit',
    summary: "The caller's tenant audit log, newest first (Global admin / Teams Rooms Pro Manager)",
    query: auditQuery,
    response: auditPage,
    handler: async ({ caller, query }) => {
      const page = await listAudit(
        caller,
        {
          from: toDate(query.from),
          to: toDate(query.to),
          category: query.category,
          actorTenantId: query.actorTenantId,
          result: query.result,
        },
        { limit: query.limit, cursor: query.cursor },
        { auditReader }
      );
      return {
        items: page.items.map((r) => wire(r)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/audit/export.csv',
    tag: 'Audit',
    summary: 'Export the audit log of a date range as CSV (RFC 4180), streamed',
    query: exportQuery,
    streams: 'text/csv',
    handler: async ({ caller, query, res, log }) => {
      const from = new Date(query.from);
      const to = new Date(query.to);
      // Authorization and validation happen here, before the first byte is written.
      const records = exportAudit(
        caller,
        {
          from,
          to,
          category: query.category,
          actorTenantId: query.actorTenantId,
          result: query.result,
        },
        { auditReader }
      );
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      });
      const csv = stringify({
        header: true,
        columns: [...CSV_COLUMNS],
        record_delimiter: '\r\n',
        quoted_match: /[",\r\n]/,
      });
      csv.pipe(res);
      try {
        for await (const r of records) {
          const row = {
            at: r.at.toISOString(),
            category: r.category,
            objectType: r.objectType,
            objectId: r.objectId,
            operation: r.operation,
            result: r.result,
            tenantId: r.tenantId,
            actorId: r.actorId,
            actorTenantId: r.actorTenantId,
            detail: r.detail ?? '',
            actorName: r.actorName ?? '',
            actorTenantName: r.actorTenantName ?? '',
            objectName: r.objectName ?? '',
          };
          const safe = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvSafe(v)]));
          // Respect back-pressure: wait for the socket when the stringifier's buffer is full.
          if (!csv.write(safe)) await new Promise((r2) => csv.once('drain', r2));
        }
      } catch (err) {
        log.error({ err }, 'audit export failed mid-stream');
        res.destroy(err as Error);
        return;
      }
      csv.end();
      await new Promise((r2) => res.once('finish', r2));
    },
  });
}
