/**
 * Run-time checks of the options each embedded-store method receives. The port (../types.ts)
 * declares what the store honours; anything else (an option of the driver's the store would
 * ignore: collation, hint, let, session, comment...) is refused with EmbeddedUnsupportedError
 * naming it, instead of being silently ignored. Values are checked as the driver/server check
 * them. An option whose value is `undefined` counts as absent, as with the driver.
 */
import { EmbeddedUnsupportedError, storeError } from './errors.ts';
import { isPlainObject } from './values.ts';

type Obj = Record<string, unknown>;

/** The options each method honours. */
export const METHOD_OPTIONS = {
  insertOne: [],
  insertMany: ['ordered'],
  find: ['sort', 'limit', 'skip', 'projection'],
  findOne: ['sort', 'limit', 'skip', 'projection'],
  countDocuments: ['limit', 'skip'],
  estimatedDocumentCount: [],
  distinct: [],
  updateOne: ['upsert', 'arrayFilters', 'sort'],
  updateMany: ['upsert', 'arrayFilters'],
  replaceOne: ['upsert', 'sort'],
  findOneAndUpdate: ['returnDocument', 'upsert', 'sort', 'projection', 'arrayFilters'],
  findOneAndReplace: ['returnDocument', 'upsert', 'sort', 'projection'],
  findOneAndDelete: ['sort', 'projection'],
  deleteOne: [],
  deleteMany: [],
  bulkWrite: ['ordered'],
  aggregate: [],
  createIndex: ['name', 'unique', 'expireAfterSeconds'],
  // bulkWrite operation models
  'bulkWrite insertOne': ['document'],
  'bulkWrite updateOne': ['filter', 'update', 'upsert', 'arrayFilters', 'sort'],
  'bulkWrite updateMany': ['filter', 'update', 'upsert', 'arrayFilters'],
  'bulkWrite replaceOne': ['filter', 'replacement', 'upsert', 'sort'],
  'bulkWrite deleteOne': ['filter'],
  'bulkWrite deleteMany': ['filter'],
  // Store.writeBatch writes
  'writeBatch insertOne': ['document'],
  'writeBatch updateOne': ['filter', 'update', 'upsert', 'arrayFilters', 'sort', 'required'],
  'writeBatch updateMany': ['filter', 'update', 'arrayFilters'],
  'writeBatch deleteOne': ['filter', 'required'],
  'writeBatch deleteMany': ['filter'],
  'writeBatch findOneAndUpdate': [
    'filter',
    'update',
    'returnDocument',
    'upsert',
    'sort',
    'projection',
    'arrayFilters',
    'required',
  ],
} as const satisfies Record<string, readonly string[]>;

export type MethodName = keyof typeof METHOD_OPTIONS;

/** The method's options (never undefined), after checking every key and value. */
export function checkOptions(method: MethodName, options: unknown): Obj {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) {
    throw storeError('BadValue', `The options of ${method} must be a document`);
  }
  const allowed: readonly string[] = METHOD_OPTIONS[method];
  const out: Obj = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) {
      throw new EmbeddedUnsupportedError(`the option '${key}' of ${method}`);
    }
    checkValue(key, value);
    out[key] = value;
  }
  return out;
}

function checkValue(key: string, value: unknown): void {
  switch (key) {
    case 'sort':
      checkSort(value);
      break;
    case 'limit':
    case 'skip':
    case 'expireAfterSeconds':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw storeError(
          'TypeMismatch',
          `BSON field '${key}' is the wrong type, expected a number`
        );
      }
      if (key === 'skip' && value < 0) {
        throw storeError(
          'Location51024',
          `BSON field 'skip' value must be >= 0, actual value '${value}'`
        );
      }
      break;
    case 'upsert':
    case 'ordered':
    case 'unique':
    case 'required':
      if (typeof value !== 'boolean') {
        throw storeError(
          'TypeMismatch',
          `BSON field '${key}' is the wrong type, expected a boolean`
        );
      }
      break;
    case 'returnDocument':
      if (value !== 'before' && value !== 'after') {
        throw storeError('BadValue', "returnDocument must be either 'before' or 'after'");
      }
      break;
    case 'projection':
      if (!isPlainObject(value)) {
        throw storeError(
          'TypeMismatch',
          "BSON field 'projection' is the wrong type, expected an object"
        );
      }
      break;
    case 'arrayFilters':
      if (!Array.isArray(value)) {
        throw storeError(
          'TypeMismatch',
          "BSON field 'arrayFilters' is the wrong type, expected type 'array'"
        );
      }
      break;
    default:
      break;
  }
}

/** A sort document: fields mapped to 1 or -1 (MongoDB refuses other numbers; $meta is not ours). */
export function checkSort(sort: unknown): void {
  if (!isPlainObject(sort)) {
    throw storeError('TypeMismatch', "BSON field 'sort' is the wrong type, expected an object");
  }
  for (const [field, dir] of Object.entries(sort)) {
    if (isPlainObject(dir) && '$meta' in dir) {
      throw new EmbeddedUnsupportedError(`sorting by { $meta: ${JSON.stringify(dir.$meta)} }`);
    }
    if (dir !== 1 && dir !== -1) {
      throw storeError(
        'Location15975',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending) (field '${field}')`
      );
    }
  }
}
