/**
 * The audit log's HTTP contract: the filtered, paged listing and the CSV export's columns. Route
 * validation, the OpenAPI document and the types below (which the tab imports type-only) all come
 * from here.
 */
import { z } from 'zod';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../core/audit/audit.ts';
import { guid, isoDate, pageQuery } from './common.ts';

export const filterQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  category: z.enum(AUDIT_CATEGORIES as [AuditCategory, ...AuditCategory[]]).optional(),
  actorTenantId: guid.optional(),
  result: z.enum(['Successful', 'Failed']).optional(),
});

export const auditRecord = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    category: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    operation: z.enum(['Create', 'Update', 'Delete', 'Read']),
    result: z.enum(['Successful', 'Failed']),
    actorId: z.string(),
    actorTenantId: z.string(),
    detail: z.string().optional(),
    actorName: z
      .string()
      .optional()
      .meta({ description: 'The actor’s name when the record was written' }),
    actorTenantName: z.string().optional().meta({ description: 'The actor’s tenant name then' }),
    objectName: z.string().optional().meta({ description: 'The object’s name then, when known' }),
    at: isoDate,
  })
  .meta({ id: 'AuditRecord' });

export const CSV_COLUMNS = [
  'at',
  'category',
  'objectType',
  'objectId',
  'operation',
  'result',
  'tenantId',
  'actorId',
  'actorTenantId',
  'detail',
  'actorName',
  'actorTenantName',
  'objectName',
] as const;

export const auditQuery = filterQuery.extend(pageQuery.shape);
export const exportQuery = filterQuery.extend({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export const auditPage = z.object({
  items: z.array(auditRecord),
  nextCursor: z.string().optional(),
});

export type AuditRecord = z.infer<typeof auditRecord>;
/** Filters of the log and the export; times are ISO 8601. */
export type AuditFilter = z.infer<typeof filterQuery>;
