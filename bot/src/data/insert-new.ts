/** Inserting a document whose unique key (its `_id` or a unique index) may already be taken. */
import { isDuplicateKeyError, type BaseDoc, type DocCollection } from '../store/types.ts';

/** Inserts `doc`: true, or false when a unique key is taken (another error is thrown). */
export async function insertNew<T extends BaseDoc>(
  coll: DocCollection<T>,
  doc: T
): Promise<boolean> {
  try {
    await coll.insertOne(doc);
    return true;
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
}

/** `write`, with a unique key already taken (a name, an order) answered by `taken()`. */
export async function unlessTaken<T>(write: Promise<T>, taken: () => Error): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (isDuplicateKeyError(e)) throw taken();
    throw e;
  }
}
