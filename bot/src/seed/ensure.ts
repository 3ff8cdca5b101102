/**
 * The seed's one write: insert-if-absent. Seeding runs at every local start, so it never
 * duplicates or overwrites anything: a document already there (by `_id`, or by the filter given)
 * is left as it is, and a duplicate key on another unique index means the same fact already
 * exists under another id (re-added by hand after the seed, or inserted by a concurrent seeder),
 * so the existing one wins and start-up does not fail over it.
 */
import {
  isDuplicateKeyError,
  type BaseDoc,
  type DocCollection,
  type Store,
} from '../store/types.ts';

/** Inserts `fields` as the document `filter` selects, unless one exists. */
export async function ensureWhere<T extends BaseDoc>(
  coll: DocCollection<T>,
  filter: Record<string, unknown>,
  fields: Partial<T>
): Promise<void> {
  try {
    await coll.updateOne(filter as never, { $setOnInsert: fields } as never, { upsert: true });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
  }
}

/** Inserts `doc` unless a document with its `_id` exists. */
export const ensure = <T extends BaseDoc>(store: Store, collection: string, doc: T) =>
  ensureWhere(store.collection<T>(collection), { _id: doc._id }, doc);
