/**
 * Errors raised by the embedded store. They carry MongoDB's numeric `code` and `codeName`, so
 * callers handle both stores the same way (e.g. `isDuplicateKeyError` from ../types.ts).
 */
import { DUPLICATE_KEY } from '../types.ts';

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

/** MongoDB error codes the embedded store reproduces. */
export const ErrorCodes = {
  BadValue: 2,
  TypeMismatch: 14,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  NotSingleValueField: 54,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotIndexParallelArrays: 171,
  NotImplemented: 238,
  BSONObjectTooLarge: 10334,
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
