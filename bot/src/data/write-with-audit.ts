/**
 * Writes stored with the audit records of the change they make, in one
 * `Store.writeBatch` (the change first: it may fail or be unmet, and then nothing is written).
 */
import type {
  BaseDoc,
  BatchWrite,
  BatchWriteResult,
  DocCollection,
  Filter,
  Store,
  Update,
} from '../store/types.ts';
import { isDuplicateKeyError } from '../store/types.ts';
import type { AuditRecord } from '../core/audit/audit.ts';
import { auditWrites } from './foundation.repositories.ts';
import { unlessTaken } from './insert-new.ts';

/**
 * `writes` and then the audit records of the change, in one batch (Store.writeBatch): null, and
 * nothing written, when a `required` write was unmet. Put the write that may be unmet first.
 */
export const writeWithAudit = (
  store: Store,
  writes: readonly BatchWrite[],
  audit: readonly AuditRecord[] = []
): Promise<BatchWriteResult[] | null> => store.writeBatch([...writes, ...auditWrites(audit)]);

/** Inserts `doc` with `audit`; a unique key already taken throws (nothing written). */
export async function insertWith<T extends BaseDoc>(
  store: Store,
  coll: DocCollection<T>,
  doc: T,
  audit: readonly AuditRecord[]
): Promise<void> {
  await writeWithAudit(
    store,
    [{ collection: coll.collectionName, insertOne: { document: doc } }],
    audit
  );
}

/** Inserts `doc` with `audit`: true, or false (nothing written) when a unique key is taken. */
export async function insertNewWith<T extends BaseDoc>(
  store: Store,
  coll: DocCollection<T>,
  doc: T,
  audit: readonly AuditRecord[]
): Promise<boolean> {
  try {
    await insertWith(store, coll, doc, audit);
    return true;
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
}

/**
 * Updates the document `filter` selects, with `audit`: the document as updated, or null (nothing
 * written) when none matched. A unique key taken by the update throws.
 */
export async function updatedOneWith<T extends BaseDoc>(
  store: Store,
  coll: DocCollection<T>,
  filter: Filter<T>,
  update: Update<T>,
  audit: readonly AuditRecord[]
): Promise<T | null> {
  const results = await writeWithAudit(
    store,
    [
      {
        collection: coll.collectionName,
        findOneAndUpdate: {
          filter: filter as Filter<BaseDoc>,
          update: update as Update<BaseDoc>,
          returnDocument: 'after',
          required: true,
        },
      },
    ],
    audit
  );
  return results && ((results[0] as { document: T | null }).document as T | null);
}

/**
 * Sets `changes` on the tenant's document `id`, with `audit`, in one write: the document as
 * updated (through `to`), or null (nothing written) when there is none; a unique key the change
 * would take (a name, an order) is answered by `taken()`.
 */
export const changedInTenantWith = <T extends BaseDoc & { tenantId: string }, R>(
  store: Store,
  coll: DocCollection<T>,
  tenantId: string,
  id: string,
  changes: Partial<T>,
  audit: readonly AuditRecord[],
  to: (d: T) => R,
  taken: () => Error
): Promise<R | null> =>
  unlessTaken(
    updatedOneWith(
      store,
      coll,
      { tenantId, _id: id } as Filter<T>,
      { $set: changes } as Update<T>,
      audit
    ).then((d) => d && to(d)),
    taken
  );
