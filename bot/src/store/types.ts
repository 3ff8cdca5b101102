/**
 * The store port: the subset of the official `mongodb` driver's Collection API that the data
 * layer uses. Repositories are written once against this interface; `MONGODB_URI` selects the
 * driver (mongo-store.ts), otherwise the embedded durable store (embedded/) runs the same filters,
 * updates and sorts with MongoDB semantics. Signatures mirror the driver's and every option type
 * is a `Pick` of the driver's own (narrowed where the embedded store supports less, e.g. sorts
 * are `{ field: 1 | -1 }` documents), so the MongoDB adapter passes arguments straight through.
 *
 * The embedded store refuses at run time, with `EmbeddedUnsupportedError` (code 238,
 * 'store.unsupported'), any option not declared here, so an option that would be ignored is
 * never silently accepted.
 */
import type * as driver from 'mongodb';
import type { Filter, UpdateFilter, Sort, Document } from 'mongodb';

export type { Filter, UpdateFilter, Sort, Document };

/** Every stored document has a string id and the id of the tenant that owns it. */
export interface BaseDoc {
  _id: string;
  tenantId: string;
}

/** A sort: fields in priority order, 1 ascending, -1 descending. */
export type SortSpec = Record<string, 1 | -1>;

/**
 * An inclusion (`1`) or exclusion (`0`) projection; `_id` may be excluded from an inclusion. An
 * array may be cut with `$slice` (`-1`: its last element) alongside included fields.
 */
export type Projection = Record<string, 0 | 1 | boolean | { $slice: number | [number, number] }>;

/**
 * An update: a document of update operators, or (MongoDB 4.2+) an aggregation pipeline of
 * `$set`/`$addFields`, `$unset`, `$project`, `$replaceRoot`/`$replaceWith` stages.
 */
export type Update<T> = UpdateFilter<T> | Document[];

/** A whole replacement document; its `_id`, if given, must be the replaced document's. */
export type Replacement<T extends BaseDoc> = Omit<T, '_id'> & { _id?: string };

export interface FindOptions extends Pick<driver.FindOptions, 'limit' | 'skip'> {
  sort?: SortSpec;
  projection?: Projection;
}

export type CountOptions = Pick<driver.CountDocumentsOptions, 'limit' | 'skip'>;

export interface FindCursorLike<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
}

/** Options of updateOne (MongoDB 8.0 adds `sort`: which of several matches is updated). */
export interface UpdateOptions extends Pick<driver.UpdateOptions, 'upsert' | 'arrayFilters'> {
  sort?: SortSpec;
}

/** updateMany has no sort. */
export type UpdateManyOptions = Pick<driver.UpdateOptions, 'upsert' | 'arrayFilters'>;

export interface ReplaceOptions extends Pick<driver.ReplaceOptions, 'upsert'> {
  sort?: SortSpec;
}

export interface FindOneAndUpdateOptions extends Pick<
  driver.FindOneAndUpdateOptions,
  'upsert' | 'arrayFilters'
> {
  /** Like the driver: 'before' (default) or 'after'. */
  returnDocument?: 'before' | 'after';
  sort?: SortSpec;
  projection?: Projection;
}

export interface FindOneAndReplaceOptions extends Pick<driver.FindOneAndReplaceOptions, 'upsert'> {
  returnDocument?: 'before' | 'after';
  sort?: SortSpec;
  projection?: Projection;
}

export interface FindOneAndDeleteOptions {
  sort?: SortSpec;
  projection?: Projection;
}

/** `ordered` (default true): stop at the first failure; false: attempt every operation. */
export type BulkWriteOptions = Pick<driver.BulkWriteOptions, 'ordered'>;

/** No options are supported (the driver's are session, comment, timeouts...). */
export type NoOptions = Record<string, never>;

export interface UpdateResult {
  acknowledged: boolean;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: string | null;
}

export interface DeleteResult {
  acknowledged: boolean;
  deletedCount: number;
}

export interface InsertManyResult {
  acknowledged: boolean;
  insertedCount: number;
  /** Ids by position in the input array. */
  insertedIds: Record<number, string>;
}

/** One operation of a bulkWrite, as the driver's `AnyBulkWriteOperation` spells it. */
export type BulkWriteOperation<T extends BaseDoc> =
  | { insertOne: { document: T } }
  | {
      updateOne: {
        filter: Filter<T>;
        update: Update<T>;
        upsert?: boolean;
        arrayFilters?: Document[];
        sort?: SortSpec;
      };
    }
  | {
      updateMany: {
        filter: Filter<T>;
        update: Update<T>;
        upsert?: boolean;
        arrayFilters?: Document[];
      };
    }
  | {
      replaceOne: {
        filter: Filter<T>;
        replacement: Replacement<T>;
        upsert?: boolean;
        sort?: SortSpec;
      };
    }
  | { deleteOne: { filter: Filter<T> } }
  | { deleteMany: { filter: Filter<T> } };

/** The driver's `BulkWriteResult` fields; ids are keyed by the operation's position. */
export interface BulkWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
  insertedIds: Record<number, string>;
  upsertedIds: Record<number, string>;
}

/** One failure inside a bulk write (the driver's `WriteError`). */
export interface WriteErrorLike {
  index: number;
  code: number;
  errmsg: string;
}

/**
 * What `insertMany` and `bulkWrite` throw when operations fail (the driver's
 * `MongoBulkWriteError`): `code` is the first failure's, `writeErrors` lists each, and the counts
 * and ids say what was written (ordered: everything before the first failure; unordered: every
 * operation that did not fail).
 */
export interface BulkWriteErrorLike extends Error, BulkWriteResult {
  code: number;
  writeErrors: WriteErrorLike[];
}

export const isBulkWriteError = (e: unknown): e is BulkWriteErrorLike =>
  e instanceof Error &&
  e.name === 'MongoBulkWriteError' &&
  Array.isArray((e as { writeErrors?: unknown }).writeErrors);

export interface IndexOptions {
  name?: string;
  unique?: boolean;
  /** TTL: documents whose indexed Date field is older than this many seconds are removed. */
  expireAfterSeconds?: number;
}

export type IndexKeys = Record<string, 1 | -1>;

export interface DocCollection<T extends BaseDoc> {
  readonly collectionName: string;
  insertOne(doc: T, options?: NoOptions): Promise<{ acknowledged: boolean; insertedId: string }>;
  /**
   * Ordered (default): stops at the first failure, keeping earlier inserts. `ordered: false`
   * attempts every document. Failures throw a `BulkWriteErrorLike` either way.
   */
  insertMany(docs: T[], options?: BulkWriteOptions): Promise<InsertManyResult>;
  findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null>;
  find(filter: Filter<T>, options?: FindOptions): FindCursorLike<T>;
  countDocuments(filter: Filter<T>, options?: CountOptions): Promise<number>;
  /** The number of documents in the collection (from metadata on MongoDB; no filter). */
  estimatedDocumentCount(options?: NoOptions): Promise<number>;
  /** The distinct values of `key` (array values count element by element) among matches. */
  distinct(key: string, filter?: Filter<T>, options?: NoOptions): Promise<unknown[]>;
  updateOne(filter: Filter<T>, update: Update<T>, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(
    filter: Filter<T>,
    update: Update<T>,
    options?: UpdateManyOptions
  ): Promise<UpdateResult>;
  replaceOne(
    filter: Filter<T>,
    replacement: Replacement<T>,
    options?: ReplaceOptions
  ): Promise<UpdateResult>;
  /** Atomic: the match and the update happen as one step (the basis of our state machines). */
  findOneAndUpdate(
    filter: Filter<T>,
    update: Update<T>,
    options?: FindOneAndUpdateOptions
  ): Promise<T | null>;
  findOneAndReplace(
    filter: Filter<T>,
    replacement: Replacement<T>,
    options?: FindOneAndReplaceOptions
  ): Promise<T | null>;
  findOneAndDelete(filter: Filter<T>, options?: FindOneAndDeleteOptions): Promise<T | null>;
  deleteOne(filter: Filter<T>, options?: NoOptions): Promise<DeleteResult>;
  deleteMany(filter: Filter<T>, options?: NoOptions): Promise<DeleteResult>;
  bulkWrite(
    operations: BulkWriteOperation<T>[],
    options?: BulkWriteOptions
  ): Promise<BulkWriteResult>;
  aggregate<R extends Document = Document>(
    pipeline: Document[],
    options?: NoOptions
  ): FindCursorLike<R>;
  createIndex(keys: IndexKeys, options?: IndexOptions): Promise<string>;
}

/**
 * One write of a batch (`Store.writeBatch`), on the collection it names. `required`: the write
 * must match a document (or upsert one); if it does not, the batch writes nothing and resolves
 * null (the compare-and-set of a change and the records that go with it). `updateMany`,
 * `deleteOne` and `deleteMany` carry what must change with a removal (e.g. the rooms of a deleted
 * ring, the assignments of a deleted role).
 */
export type BatchWrite =
  | { collection: string; insertOne: { document: BaseDoc & Document } }
  | { collection: string; deleteOne: { filter: Filter<BaseDoc>; required?: boolean } }
  | { collection: string; deleteMany: { filter: Filter<BaseDoc> } }
  | {
      collection: string;
      updateMany: { filter: Filter<BaseDoc>; update: Update<BaseDoc>; arrayFilters?: Document[] };
    }
  | {
      collection: string;
      updateOne: {
        filter: Filter<BaseDoc>;
        update: Update<BaseDoc>;
        upsert?: boolean;
        arrayFilters?: Document[];
        sort?: SortSpec;
        required?: boolean;
      };
    }
  | {
      collection: string;
      findOneAndUpdate: {
        filter: Filter<BaseDoc>;
        update: Update<BaseDoc>;
        returnDocument?: 'before' | 'after';
        upsert?: boolean;
        arrayFilters?: Document[];
        sort?: SortSpec;
        projection?: Projection;
        required?: boolean;
      };
    };

/** What one write of a batch did, by position: the inserted id, the counts, or the document. */
export type BatchWriteResult =
  { insertedId: string } | UpdateResult | DeleteResult | { document: Document | null };

/**
 * A batch write whose author wants its result once the batch is durable (the Teams card bump
 * stored with a ticket change looks for deliveries only when a copy became due). Whoever runs
 * the batch hands the store the write without `onResult`, then calls it with the write's result.
 */
export type ObservedBatchWrite = BatchWrite & {
  readonly onResult?: (result: BatchWriteResult) => void;
};

/**
 * Observed writes as a batch takes them (`writes`, without `onResult`), and `told`, which gives
 * each its result once the batch ran: `results` is the whole batch's, in order, in which these
 * writes come last (a caller's own writes go first).
 */
export function observed(writes: readonly ObservedBatchWrite[]): {
  writes: BatchWrite[];
  told(results: readonly BatchWriteResult[]): void;
} {
  return {
    writes: writes.map(({ onResult: _, ...w }) => w as BatchWrite),
    told(results) {
      const first = results.length - writes.length;
      writes.forEach((w, i) => w.onResult?.(results[first + i]!));
    },
  };
}

export interface Store {
  /** 'embedded' or 'mongodb', for logs and health. */
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends BaseDoc>(name: string): DocCollection<T>;
  /**
   * Several writes, in several collections, that happen together or not at all: they run in
   * order (each sees the earlier ones) and a failure (a duplicate key, a malformed update) or an
   * unmet `required` write leaves nothing written (null for the latter, the error thrown for the
   * former). The embedded store applies them in one step and journals them as one record, so
   * they reach the disk with one wait and a crash keeps all or none of them. MongoDB runs them in
   * a transaction where the deployment has them (replica set, sharded cluster); a standalone
   * server has none, so there they are ordered writes that stop at the first failure or unmet
   * requirement, keeping the earlier ones: put the write that may fail or be unmet first.
   */
  writeBatch(writes: BatchWrite[]): Promise<BatchWriteResult[] | null>;
  /** Drop every collection (tests only). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

/** MongoDB's duplicate-key error code; both stores raise errors carrying it. */
export const DUPLICATE_KEY = 11000;

export const isDuplicateKeyError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === DUPLICATE_KEY;
