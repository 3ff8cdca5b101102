/**
 * The MongoDB-backed store: the official driver behind the store port. The driver's Collection
 * already has these signatures, so the adapter only pins down the options we pass and unwraps
 * results into the port's shapes.
 */
import { MongoClient, type Collection, type Db } from 'mongodb';
import type {
  BaseDoc,
  DeleteResult,
  DocCollection,
  Document,
  Filter,
  FindCursorLike,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexKeys,
  IndexOptions,
  Store,
  UpdateFilter,
  UpdateOptions,
  UpdateResult,
} from './types.ts';

/** Connects to `uri` and uses database `dbName`. */
export async function openMongoStore(uri: string, dbName: string): Promise<Store> {
  const client = new MongoClient(uri);
  await client.connect();
  const db = client.db(dbName);
  return {
    kind: 'mongodb',
    collection: <T extends BaseDoc>(name: string) => new MongoDocCollection<T>(db, name),
    dropAll: async () => {
      await db.dropDatabase();
    },
    close: () => client.close(),
  };
}

class MongoDocCollection<T extends BaseDoc> implements DocCollection<T> {
  private readonly coll: Collection<T>;
  readonly collectionName: string;

  constructor(db: Db, name: string) {
    this.coll = db.collection<T>(name);
    this.collectionName = name;
  }

  async insertOne(doc: T): Promise<{ acknowledged: boolean; insertedId: string }> {
    const r = await this.coll.insertOne(doc as Parameters<Collection<T>['insertOne']>[0]);
    return { acknowledged: r.acknowledged, insertedId: r.insertedId };
  }

  async insertMany(docs: T[]): Promise<{ acknowledged: boolean; insertedCount: number }> {
    const input = docs as unknown as Parameters<Collection<T>['insertMany']>[0];
    const r = await this.coll.insertMany(input);
    return { acknowledged: r.acknowledged, insertedCount: r.insertedCount };
  }

  findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null> {
    return this.coll.findOne(filter, options);
  }

  find(filter: Filter<T>, options?: FindOptions): FindCursorLike<T> {
    // WithId<T> is T for our string-id documents, but TypeScript cannot see that generically.
    return this.coll.find(filter, options) as unknown as FindCursorLike<T>;
  }

  countDocuments(filter: Filter<T>, options?: { limit?: number; skip?: number }): Promise<number> {
    return this.coll.countDocuments(filter, options);
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: UpdateOptions
  ): Promise<UpdateResult> {
    return toUpdateResult(await this.coll.updateOne(filter, update, options));
  }

  async updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: UpdateOptions
  ): Promise<UpdateResult> {
    return toUpdateResult(await this.coll.updateMany(filter, update, options));
  }

  findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: FindOneAndUpdateOptions = {}
  ): Promise<T | null> {
    // includeResultMetadata: false (the v6+ default, made explicit) returns the document itself.
    return this.coll.findOneAndUpdate(filter, update, {
      ...options,
      includeResultMetadata: false,
    }) as Promise<T | null>;
  }

  findOneAndDelete(
    filter: Filter<T>,
    options: { sort?: Record<string, 1 | -1> } = {}
  ): Promise<T | null> {
    return this.coll.findOneAndDelete(filter, {
      ...options,
      includeResultMetadata: false,
    }) as Promise<T | null>;
  }

  deleteOne(filter: Filter<T>): Promise<DeleteResult> {
    return this.coll.deleteOne(filter);
  }

  deleteMany(filter: Filter<T>): Promise<DeleteResult> {
    return this.coll.deleteMany(filter);
  }

  aggregate<R extends Document = Document>(pipeline: Document[]): FindCursorLike<R> {
    return this.coll.aggregate<R>(pipeline);
  }

  createIndex(keys: IndexKeys, options?: IndexOptions): Promise<string> {
    return this.coll.createIndex(keys, options);
  }
}

function toUpdateResult(r: {
  acknowledged: boolean;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: unknown;
}): UpdateResult {
  return {
    acknowledged: r.acknowledged,
    matchedCount: r.matchedCount,
    modifiedCount: r.modifiedCount,
    upsertedCount: r.upsertedCount,
    upsertedId: r.upsertedId === null || r.upsertedId === undefined ? null : String(r.upsertedId),
  };
}
