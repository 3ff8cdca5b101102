/** The one conditional update most repository writes are: change a document, read it back mapped. */
import type { BaseDoc, DocCollection, Filter, Update } from '../store/types.ts';

/** The document `filter` selects, after `update`, mapped by `map`; null when none matched. */
export async function updatedOne<D extends BaseDoc, M>(
  coll: DocCollection<D>,
  filter: Filter<D>,
  update: Update<D>,
  map: (doc: D) => M
): Promise<M | null> {
  const doc = await coll.findOneAndUpdate(filter, update, { returnDocument: 'after' });
  return doc && map(doc);
}
