/**
 * The MongoDB-backed store: the official driver behind the store port. The port's signatures and
 * option types are the driver's (see types.ts), so every call passes its arguments straight to
 * the driver's Collection; only results are unwrapped into the port's shapes (string ids, plain
 * bulk results). Errors are the driver's own (MongoServerError, MongoBulkWriteError...).
 */
import {
  MongoClient,
  type AnyBulkWriteOperation,
  type ClientSession,
  type Collection,
  type Db,
  type OptionalUnlessRequiredId,
  type WithoutId,
} from 'mongodb';
import type * as port from './types.ts';
import type { BaseDoc, Document, Filter, Store, Update } from './types.ts';

/** Connects to `uri` and uses database `dbName`. */
export async function openMongoStore(uri: string, dbName: string): Promise<Store> {
  const client = new MongoClient(uri);
  await client.connect();
  const db = client.db(dbName);
  let transactions: Promise<boolean> | undefined;
  return {
    kind: 'mongodb',
    collection: <T extends BaseDoc>(name: string) => new MongoDocCollection<T>(db, name),
    writeBatch: async (writes) => {
      transactions ??= supportsTransactions(db);
      if (!(await transactions)) return runBatch(db, writes);
      const session = client.startSession();
      try {
        let out: port.BatchWriteResult[] | null = null;
        await session.withTransaction(async () => {
          out = await runBatch(db, writes, session);
          // Unmet: abort, so the writes before the unmet one are undone too.
          if (out === null) throw new UnmetBatch();
        });
        return out;
      } catch (e) {
        if (e instanceof UnmetBatch) return null;
        throw e;
      } finally {
        await session.endSession();
      }
    },
    dropAll: async () => {
      await db.dropDatabase();
    },
    close: () => client.close(),
  };
}

/** Thrown inside a batch's transaction to abort it when a `required` write is unmet. */
class UnmetBatch extends Error {}

/** Replica sets and sharded clusters run transactions; a standalone server does not. */
async function supportsTransactions(db: Db): Promise<boolean> {
  const hello = await db.admin().command({ hello: 1 });
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/**
 * A batch's writes in order (in the session's transaction when given); null at the first unmet
 * `required` write. Without a session, earlier writes stay (see Store.writeBatch).
 */
async function runBatch(
  db: Db,
  writes: port.BatchWrite[],
  session?: ClientSession
): Promise<port.BatchWriteResult[] | null> {
  const results: port.BatchWriteResult[] = [];
  for (const w of writes) {
    const coll = db.collection<BaseDoc>(w.collection);
    if ('insertOne' in w) {
      const r = await coll.insertOne(w.insertOne.document, { session });
      results.push({ insertedId: String(r.insertedId) });
    } else if ('updateOne' in w) {
      const { filter, update, required, ...options } = w.updateOne;
      const r = toUpdateResult(
        await coll.updateOne(filter as Filter<BaseDoc>, update as Update<BaseDoc>, {
          ...options,
          session,
        })
      );
      if (required && r.matchedCount === 0 && r.upsertedId === null) return null;
      results.push(r);
    } else if ('updateMany' in w) {
      const { filter, update, ...options } = w.updateMany;
      const r = await coll.updateMany(filter as Filter<BaseDoc>, update as Update<BaseDoc>, {
        ...options,
        session,
      });
      results.push(toUpdateResult(r));
    } else if ('deleteOne' in w) {
      const { filter, required } = w.deleteOne;
      const r = await coll.deleteOne(filter as Filter<BaseDoc>, { session });
      if (required && r.deletedCount === 0) return null;
      results.push({ acknowledged: r.acknowledged, deletedCount: r.deletedCount });
    } else if ('deleteMany' in w) {
      const r = await coll.deleteMany(w.deleteMany.filter as Filter<BaseDoc>, { session });
      results.push({ acknowledged: r.acknowledged, deletedCount: r.deletedCount });
    } else {
      const { filter, update, required, ...options } = w.findOneAndUpdate;
      const r = await coll.findOneAndUpdate(filter as Filter<BaseDoc>, update as Update<BaseDoc>, {
        ...options,
        session,
        includeResultMetadata: true,
      });
      if (required && !(r.lastErrorObject?.n > 0)) return null;
      results.push({ document: r.value });
    }
  }
  return results;
}

class MongoDocCollection<T extends BaseDoc> implements port.DocCollection<T> {
  private readonly coll: Collection<T>;
  readonly collectionName: string;

  constructor(db: Db, name: string) {
    this.coll = db.collection<T>(name);
    this.collectionName = name;
  }

  async insertOne(
    doc: T,
    options?: port.NoOptions
  ): Promise<{ acknowledged: boolean; insertedId: string }> {
    const r = await this.coll.insertOne(doc as OptionalUnlessRequiredId<T>, options);
    return { acknowledged: r.acknowledged, insertedId: r.insertedId };
  }

  async insertMany(docs: T[], options?: port.BulkWriteOptions): Promise<port.InsertManyResult> {
    const r = await this.coll.insertMany(docs as OptionalUnlessRequiredId<T>[], options);
    return {
      acknowledged: r.acknowledged,
      insertedCount: r.insertedCount,
      insertedIds: ids(r.insertedIds),
    };
  }

  findOne(filter: Filter<T>, options?: port.FindOptions): Promise<T | null> {
    return this.coll.findOne(filter, options);
  }

  find(filter: Filter<T>, options?: port.FindOptions): port.FindCursorLike<T> {
    // WithId<T> is T for our string-id documents, but TypeScript cannot see that generically.
    return this.coll.find(filter, options) as unknown as port.FindCursorLike<T>;
  }

  countDocuments(filter: Filter<T>, options?: port.CountOptions): Promise<number> {
    return this.coll.countDocuments(filter, options);
  }

  estimatedDocumentCount(options?: port.NoOptions): Promise<number> {
    return this.coll.estimatedDocumentCount(options);
  }

  distinct(key: string, filter: Filter<T> = {}, options: port.NoOptions = {}): Promise<unknown[]> {
    return this.coll.distinct(key, filter, options);
  }

  async updateOne(
    filter: Filter<T>,
    update: Update<T>,
    options?: port.UpdateOptions
  ): Promise<port.UpdateResult> {
    return toUpdateResult(await this.coll.updateOne(filter, update, options));
  }

  async updateMany(
    filter: Filter<T>,
    update: Update<T>,
    options?: port.UpdateManyOptions
  ): Promise<port.UpdateResult> {
    return toUpdateResult(await this.coll.updateMany(filter, update, options));
  }

  async replaceOne(
    filter: Filter<T>,
    replacement: port.Replacement<T>,
    options?: port.ReplaceOptions
  ): Promise<port.UpdateResult> {
    return toUpdateResult(await this.coll.replaceOne(filter, replacement as WithoutId<T>, options));
  }

  findOneAndUpdate(
    filter: Filter<T>,
    update: Update<T>,
    options: port.FindOneAndUpdateOptions = {}
  ): Promise<T | null> {
    // includeResultMetadata: false (the v6+ default, made explicit) returns the document itself.
    return this.coll.findOneAndUpdate(filter, update, {
      ...options,
      includeResultMetadata: false,
    }) as Promise<T | null>;
  }

  findOneAndReplace(
    filter: Filter<T>,
    replacement: port.Replacement<T>,
    options: port.FindOneAndReplaceOptions = {}
  ): Promise<T | null> {
    return this.coll.findOneAndReplace(filter, replacement as WithoutId<T>, {
      ...options,
      includeResultMetadata: false,
    }) as Promise<T | null>;
  }

  findOneAndDelete(
    filter: Filter<T>,
    options: port.FindOneAndDeleteOptions = {}
  ): Promise<T | null> {
    return this.coll.findOneAndDelete(filter, {
      ...options,
      includeResultMetadata: false,
    }) as Promise<T | null>;
  }

  deleteOne(filter: Filter<T>, options?: port.NoOptions): Promise<port.DeleteResult> {
    return this.coll.deleteOne(filter, options);
  }

  deleteMany(filter: Filter<T>, options?: port.NoOptions): Promise<port.DeleteResult> {
    return this.coll.deleteMany(filter, options);
  }

  async bulkWrite(
    operations: port.BulkWriteOperation<T>[],
    options?: port.BulkWriteOptions
  ): Promise<port.BulkWriteResult> {
    const r = await this.coll.bulkWrite(
      operations as unknown as AnyBulkWriteOperation<T>[],
      options
    );
    return {
      insertedCount: r.insertedCount,
      matchedCount: r.matchedCount,
      modifiedCount: r.modifiedCount,
      deletedCount: r.deletedCount,
      upsertedCount: r.upsertedCount,
      insertedIds: ids(r.insertedIds),
      upsertedIds: ids(r.upsertedIds),
    };
  }

  aggregate<R extends Document = Document>(
    pipeline: Document[],
    options?: port.NoOptions
  ): port.FindCursorLike<R> {
    return this.coll.aggregate<R>(pipeline, options);
  }

  createIndex(keys: port.IndexKeys, options?: port.IndexOptions): Promise<string> {
    return this.coll.createIndex(keys, options);
  }
}

/** The driver's `{ [index]: id }` maps, with our ids as strings. */
function ids(m: Record<number, unknown>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(m)) out[Number(k)] = String(v);
  return out;
}

function toUpdateResult(r: {
  acknowledged: boolean;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: unknown;
}): port.UpdateResult {
  return {
    acknowledged: r.acknowledged,
    matchedCount: r.matchedCount,
    modifiedCount: r.modifiedCount,
    upsertedCount: r.upsertedCount,
    upsertedId: r.upsertedId === null || r.upsertedId === undefined ? null : String(r.upsertedId),
  };
}
