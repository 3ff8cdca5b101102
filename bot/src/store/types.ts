/**
 * The store port: the subset of the official `mongodb` driver's Collection API that the data
 * layer uses. Repositories are written once against this interface; `MONGODB_URI` selects the
 * driver (mongo-store.ts), otherwise the embedded durable store (embedded/) runs the same filters,
 * updates and sorts with MongoDB semantics. Signatures deliberately mirror the driver's, so the
 * driver's `Collection` satisfies them through a thin adapter.
 */
import type { Filter, UpdateFilter, Sort, Document } from 'mongodb';

export type { Filter, UpdateFilter, Sort, Document };

/** Every stored document has a string id and the id of the tenant that owns it. */
export interface BaseDoc {
  _id: string;
  tenantId: string;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
  projection?: Record<string, 0 | 1>;
}

export interface FindCursorLike<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions {
  /** Like the driver: 'before' (default) or 'after'. */
  returnDocument?: 'before' | 'after';
  upsert?: boolean;
  sort?: Record<string, 1 | -1>;
}

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

export interface IndexOptions {
  name?: string;
  unique?: boolean;
  /** TTL: documents whose indexed Date field is older than this many seconds are removed. */
  expireAfterSeconds?: number;
}

export type IndexKeys = Record<string, 1 | -1>;

export interface DocCollection<T extends BaseDoc> {
  readonly collectionName: string;
  insertOne(doc: T): Promise<{ acknowledged: boolean; insertedId: string }>;
  insertMany(docs: T[]): Promise<{ acknowledged: boolean; insertedCount: number }>;
  findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null>;
  find(filter: Filter<T>, options?: FindOptions): FindCursorLike<T>;
  countDocuments(filter: Filter<T>, options?: { limit?: number; skip?: number }): Promise<number>;
  updateOne(filter: Filter<T>, update: UpdateFilter<T>, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: UpdateOptions
  ): Promise<UpdateResult>;
  /** Atomic: the match and the update happen as one step (the basis of our state machines). */
  findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: FindOneAndUpdateOptions
  ): Promise<T | null>;
  findOneAndDelete(
    filter: Filter<T>,
    options?: { sort?: Record<string, 1 | -1> }
  ): Promise<T | null>;
  deleteOne(filter: Filter<T>): Promise<DeleteResult>;
  deleteMany(filter: Filter<T>): Promise<DeleteResult>;
  aggregate<R extends Document = Document>(pipeline: Document[]): FindCursorLike<R>;
  createIndex(keys: IndexKeys, options?: IndexOptions): Promise<string>;
}

export interface Store {
  /** 'embedded' or 'mongodb', for logs and health. */
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends BaseDoc>(name: string): DocCollection<T>;
  /** Drop every collection (tests only). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

/** MongoDB's duplicate-key error code; both stores raise errors carrying it. */
export const DUPLICATE_KEY = 11000;

export const isDuplicateKeyError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === DUPLICATE_KEY;
