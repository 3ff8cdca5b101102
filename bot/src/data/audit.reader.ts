/** Store-backed read side of the audit log (indexed on tenantId, at). */
import type { Store, Filter } from '../store/types.ts';
import type { AuditFilter, AuditReader, AuditRecord } from '../core/audit/audit.ts';
import { Collections, type AuditDoc } from './collections.ts';
import { findPage, findPageOf, sortOn } from './pagination.ts';

function toFilter(tenantId: string, f: AuditFilter): Filter<AuditDoc> {
  const q: Record<string, unknown> = { tenantId };
  if (f.from || f.to)
    q.at = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lte: f.to } : {}) };
  if (f.category) q.category = f.category;
  if (f.actorTenantId) q.actorTenantId = f.actorTenantId;
  if (f.result) q.result = f.result;
  return q as Filter<AuditDoc>;
}

const toRecord = ({ _id, ...rest }: AuditDoc): AuditRecord => ({
  ...(rest as Omit<AuditRecord, 'id'>),
  id: _id,
});

export class StoreAuditReader implements AuditReader {
  private readonly coll;
  constructor(store: Store) {
    this.coll = store.collection<AuditDoc>(Collections.audit);
  }

  async page(tenantId: string, filter: AuditFilter, page: { limit: number; cursor?: string }) {
    return findPageOf(this.coll, toFilter(tenantId, filter), sortOn('at', -1), page, toRecord);
  }

  async *stream(tenantId: string, filter: AuditFilter): AsyncIterable<AuditRecord> {
    // Read in keyset batches so a large range never sits in memory at once.
    let cursor: string | undefined;
    do {
      const r = await findPage(this.coll, toFilter(tenantId, filter), sortOn('at'), {
        limit: 500,
        cursor,
      });
      for (const d of r.items) yield toRecord(d);
      cursor = r.nextCursor;
    } while (cursor);
  }
}
