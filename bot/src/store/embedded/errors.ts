/**
 * Errors raised by the embedded store. They carry MongoDB's numeric `code` and `codeName`, so
 * callers handle both stores the same way (e.g. `isDuplicateKeyError` from ../types.ts).
 */
import { DUPLICATE_KEY, type BulkWriteResult } from '../types.ts';

/** An error with a MongoDB server error code, shaped like the driver's `MongoServerError`. */
export class EmbeddedStoreError extends Error {
  readonly code: number;
  readonly codeName: string;

  constructor(code: number, codeName: string, message: string) {
    super(message);
    this.name = 'EmbeddedStoreError';
    this.code = code;
    this.codeName = codeName;
  }
}

/** E11000: a write would put two documents under one key of a unique index. */
export class DuplicateKeyError extends EmbeddedStoreError {
  /** Like the driver's error: the index's key pattern and the clashing values. */
  readonly keyPattern: Record<string, 1 | -1>;
  readonly keyValue: Record<string, unknown>;

  constructor(
    collection: string,
    indexName: string,
    keyPattern: Record<string, 1 | -1>,
    keyValue: Record<string, unknown>
  ) {
    super(
      DUPLICATE_KEY,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${collection} index: ${indexName} ` +
        `dup key: ${describeKey(keyValue)}`
    );
    this.name = 'DuplicateKeyError';
    this.keyPattern = keyPattern;
    this.keyValue = keyValue;
  }
}

/**
 * Something MongoDB supports (or the driver accepts) that the embedded store cannot honour: an
 * option it does not implement, a query operator, stage or projection it lacks, a non-string
 * `_id`. Raised instead of silently behaving differently from MongoDB, so the difference is loud
 * at the first test run. Stable: `code` 238 / `codeName` 'NotImplemented' (MongoDB's own code for
 * "not implemented"), `storeCode` 'store.unsupported', and `unsupported` names the feature.
 */
export class EmbeddedUnsupportedError extends EmbeddedStoreError {
  static readonly storeCode = 'store.unsupported';
  readonly storeCode = EmbeddedUnsupportedError.storeCode;
  /** What was refused, e.g. "option 'collation' of updateOne" or "stage $geoNear". */
  readonly unsupported: string;

  constructor(unsupported: string, hint?: string) {
    super(
      ErrorCodes.NotImplemented,
      'NotImplemented',
      `The embedded store does not support ${unsupported}${hint ? ` (${hint})` : ''}.`
    );
    this.name = 'EmbeddedUnsupportedError';
    this.unsupported = unsupported;
  }
}

/** True for the embedded store's typed refusal of something MongoDB supports. */
export const isUnsupportedError = (e: unknown): e is EmbeddedUnsupportedError =>
  e instanceof EmbeddedUnsupportedError;

/** One failed operation of a bulk write, shaped like the driver's `WriteError`. */
export interface EmbeddedWriteError {
  /** Position of the failed operation (or document) in the batch. */
  index: number;
  code: number;
  errmsg: string;
  /** The operation (or document) that failed. */
  op: unknown;
}

/** What a bulk write (or insertMany) did before and despite its failures: the driver's result. */
export type EmbeddedBulkResult = BulkWriteResult;

/**
 * A bulk write (`bulkWrite`, `insertMany`) in which operations failed, shaped like the driver's
 * `MongoBulkWriteError`: `code` is the first failure's (so `isDuplicateKeyError` works),
 * `writeErrors` lists every failure, and the counts and ids report what was written.
 */
export class EmbeddedBulkWriteError extends EmbeddedStoreError {
  readonly writeErrors: EmbeddedWriteError[];
  readonly result: EmbeddedBulkResult;
  readonly insertedCount: number;
  readonly matchedCount: number;
  readonly modifiedCount: number;
  readonly deletedCount: number;
  readonly upsertedCount: number;
  readonly insertedIds: Record<number, string>;
  readonly upsertedIds: Record<number, string>;

  constructor(writeErrors: EmbeddedWriteError[], result: EmbeddedBulkResult) {
    const first = writeErrors[0]!;
    const codeName = Object.entries(ErrorCodes).find(([, c]) => c === first.code)?.[0];
    super(first.code, codeName ?? 'UnknownError', first.errmsg);
    this.name = 'MongoBulkWriteError';
    this.writeErrors = writeErrors;
    this.result = result;
    this.insertedCount = result.insertedCount;
    this.matchedCount = result.matchedCount;
    this.modifiedCount = result.modifiedCount;
    this.deletedCount = result.deletedCount;
    this.upsertedCount = result.upsertedCount;
    this.insertedIds = result.insertedIds;
    this.upsertedIds = result.upsertedIds;
  }
}

/** MongoDB error codes the embedded store reproduces. */
export const ErrorCodes = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  NotSingleValueField: 54,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotIndexParallelArrays: 171,
  InvalidOptions: 72,
  InvalidPipelineOperator: 168,
  NotImplemented: 238,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  DollarPrefixedFieldName: 52,
  EmptyFieldName: 56,
  /** MongoDB names its numbered assertions `Location<code>`. */
  Location15975: 15975,
  Location31249: 31249,
  Location31253: 31253,
  Location31254: 31254,
  Location40323: 40323,
  Location40324: 40324,
  Location51024: 51024,
} as const;

/** An EmbeddedStoreError with the named MongoDB code. */
export function storeError(codeName: keyof typeof ErrorCodes, message: string): EmbeddedStoreError {
  return new EmbeddedStoreError(ErrorCodes[codeName], codeName, message);
}

function describeKey(keyValue: Record<string, unknown>): string {
  const parts = Object.entries(keyValue).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return `{ ${parts.join(', ')} }`;
}

function formatValue(v: unknown): string {
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v === undefined) return 'null';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
