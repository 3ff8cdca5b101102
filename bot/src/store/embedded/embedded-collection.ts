/**
 * The DocCollection API over one embedded collection. Every mutation runs synchronously in one
 * step (match, compute the new document, check unique indexes, commit to memory, queue the
 * journal record) and only then awaits durability, so no other operation can interleave between
 * the match and the write: findOneAndUpdate is a true compare-and-set.
 *
 * Arguments are checked before anything is written: options against what the port declares
 * (options.ts: anything else is an EmbeddedUnsupportedError), updates as MongoDB parses them
 * (updates.ts), projections and pipelines (mql.ts).
 */
import type {
  BaseDoc,
  BatchWriteResult,
  BulkWriteOperation,
  BulkWriteOptions,
  BulkWriteResult,
  CountOptions,
  DeleteResult,
  DocCollection,
  Document,
  Filter,
  FindCursorLike,
  FindOneAndDeleteOptions,
  FindOneAndReplaceOptions,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexKeys,
  IndexOptions,
  InsertManyResult,
  NoOptions,
  Replacement,
  ReplaceOptions,
  SortSpec,
  Update,
  UpdateManyOptions,
  UpdateOptions,
  UpdateResult,
} from '../types.ts';
import type { CollectionData } from './collection-data.ts';
import { mergeRuns } from './merge-runs.ts';
import {
  DuplicateKeyError,
  EmbeddedBulkWriteError,
  EmbeddedStoreError,
  EmbeddedUnsupportedError,
  storeError,
  type EmbeddedBulkResult,
  type EmbeddedWriteError,
} from './errors.ts';
import { sameKeys, toIndexDef } from './indexes.ts';
import {
  aggregateDocs,
  checkPipeline,
  checkProjection,
  compileFilter,
  distinctValues,
  isSimpleFilter,
  present,
  sortDocs,
  testSimple,
} from './mql.ts';
import { checkOptions, type MethodName } from './options.ts';
import {
  applyUpdate,
  assertStringId,
  journalUpdate,
  parseReplacement,
  parseUpdate,
  upsertDocument,
  type UpdateSpec,
} from './updates.ts';
import { cloneDoc, isPlainObject, isReloadStable, type Doc } from './values.ts';
import { ObjectId, calculateObjectSize } from 'bson';

type Obj = Record<string, unknown>;

/** MongoDB's document size limit, plus room for the record's own fields. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024 + 16 * 1024;

/**
 * What is known of stored document versions (by object: versions are immutable), for journaling
 * an update as the update alone: whether the version reads back from BSON unchanged (so a replay
 * starts from the same document), and an upper bound of its BSON size (MongoDB's 16 MiB limit
 * must hold without encoding the whole document). Versions read from disk are learned on first use.
 */
const readsBack = new WeakMap<Doc, boolean>();
const sizeBound = new WeakMap<Doc, number>();

const reloadStable = (doc: Doc): boolean => {
  let stable = readsBack.get(doc);
  if (stable === undefined) readsBack.set(doc, (stable = isReloadStable(doc)));
  return stable;
};

/**
 * How much an update's journal record of `updateBytes` can grow a document, at most: every path
 * of the update adds at most its value and the documents on its way (a few bytes per segment,
 * which the path's own bytes in the record pay for several times over). Paths with array
 * positions or `$` may pad or touch many elements, so they get no bound (the size is computed).
 */
const GROWTH_FACTOR = 8;
const boundedPaths = (modifier: Record<string, unknown>): boolean =>
  Object.values(modifier).every(
    (paths) =>
      isPlainObject(paths) &&
      Object.keys(paths).every((p) => !p.includes('$') && !/(^|\.)\d+(\.|$)/.test(p))
  );

/** What a collection needs from its store. */
export interface CollectionHost {
  /** Throws if the store is closed or stopped after an I/O failure. */
  assertUsable(): void;
  /**
   * Encodes a journal record, stamping the next sequence number. Called before the change is
   * applied to memory, so a record that cannot be encoded (e.g. too large) changes nothing.
   */
  encode(record: Obj): Buffer;
  /** Queues encoded records for the journal; resolves once they are durable. */
  append(frames: Buffer[]): Promise<void>;
  /** Copies of another collection's documents (for $lookup). */
  snapshotOf(name: string): Obj[];
  /**
   * Undefined when collection `name` ('*': every collection) is in memory, else a promise that
   * settles once it is (the store loads large collections in the background after a start).
   */
  loaded(name: string): Promise<void> | undefined;
}

/** A document as it was before a batch changed it (undefined: it did not exist). */
export interface UndoEntry {
  data: CollectionData;
  id: string;
  before: Doc | undefined;
}

/** What a batch step answers when its `required` write matched nothing. */
export const UNMET: unique symbol = Symbol('unmet');

/**
 * One write of a Store.writeBatch, checked when planned, run later in the batch's synchronous
 * step: it queues its journal frames and records what it changed, so the batch can undo it.
 */
export type BatchStep = (frames: Buffer[], undo: UndoEntry[]) => BatchWriteResult | typeof UNMET;

/** Puts back what a batch changed, newest change first. */
export function undoChanges(undo: UndoEntry[]): void {
  for (let i = undo.length - 1; i >= 0; i--) {
    const { data, id, before } = undo[i]!;
    if (before) data.put(before);
    else data.delete(id);
  }
}

/** A cursor over results computed when first read, like the driver's lazily executed cursors. */
class ResultCursor<T> implements FindCursorLike<T> {
  constructor(
    private readonly run: () => T[],
    private readonly ready: () => Promise<void> | undefined
  ) {}

  async toArray(): Promise<T[]> {
    const wait = this.ready();
    if (wait) await wait;
    return this.run();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const wait = this.ready();
    if (wait) await wait;
    for (const item of this.run()) yield item;
  }
}

/** Filters and pipeline stages must be documents; an omitted filter means "everything". */
const asObj = (v: unknown): Obj => {
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw storeError('BadValue', 'Expected a document.');
  return v;
};

/** What an update method writes: update operators (or a pipeline), or a whole replacement. */
type Change<T extends BaseDoc> = { update: Update<T> } | { replacement: Replacement<T> };

/** Parses a change as MongoDB does: an update with the call's array filters, or a replacement. */
const parseChange = <T extends BaseDoc>(
  change: Change<T>,
  o: { arrayFilters?: Document[] }
): UpdateSpec =>
  'update' in change
    ? parseUpdate(change.update, o.arrayFilters)
    : parseReplacement(change.replacement);

/** How one write matches: the first match in `sort` order, or every match. */
interface WriteTarget {
  multi: boolean;
  upsert?: boolean;
  sort?: SortSpec;
}

/**
 * A failure MongoDB reports per operation in a bulk write (a server error: duplicate key,
 * conflicting paths...). Typed refusals and unexpected errors abort the whole call instead.
 */
const isWriteError = (e: unknown): e is EmbeddedStoreError =>
  e instanceof EmbeddedStoreError && !(e instanceof EmbeddedUnsupportedError);

export class EmbeddedCollection<T extends BaseDoc> implements DocCollection<T> {
  readonly collectionName: string;
  /** While a batch step runs: where each commit records the version it replaces. */
  private undo: UndoEntry[] | undefined;

  constructor(
    private readonly host: CollectionHost,
    private readonly data: CollectionData
  ) {
    this.collectionName = data.name;
  }

  /**
   * Throws if the store is closed or failed; waits first while this collection is still loading
   * (only then: otherwise the operation's synchronous step runs at once, as before).
   */
  private usable(): Promise<void> | undefined {
    this.host.assertUsable();
    return this.host.loaded(this.collectionName)?.then(() => this.host.assertUsable());
  }

  async insertOne(
    doc: T,
    options?: NoOptions
  ): Promise<{ acknowledged: boolean; insertedId: string }> {
    const wait = this.usable();
    if (wait) await wait;
    checkOptions('insertOne', options);
    const stored = this.prepareInsert(doc);
    await this.host.append([this.commitPut(stored, true)]);
    return { acknowledged: true, insertedId: stored._id };
  }

  /**
   * Ordered (the default) stops at the first failure, keeping the earlier inserts; unordered
   * attempts every document. Either way failures throw a MongoBulkWriteError-like error listing
   * them, with `insertedCount` / `insertedIds` of what was inserted.
   */
  async insertMany(docs: T[], options?: BulkWriteOptions): Promise<InsertManyResult> {
    const wait = this.usable();
    if (wait) await wait;
    const ordered = checkOptions('insertMany', options).ordered !== false;
    if (!Array.isArray(docs)) {
      throw storeError('BadValue', 'Argument "docs" must be an array of documents');
    }
    if (docs.length === 0) {
      throw storeError('BadValue', 'Invalid BulkOperation, Batch cannot be empty');
    }
    // Like the driver, every document gets its id before anything is sent.
    const prepared = docs.map((d) => this.prepareInsert(d));
    const result = emptyBulkResult();
    const writeErrors: EmbeddedWriteError[] = [];
    await this.write((frames) => {
      for (let i = 0; i < prepared.length; i++) {
        try {
          frames.push(this.commitPut(prepared[i]!, true));
          result.insertedCount++;
          result.insertedIds[i] = prepared[i]!._id;
        } catch (e) {
          if (!isWriteError(e)) throw e;
          writeErrors.push({ index: i, code: e.code, errmsg: e.message, op: docs[i] });
          if (ordered) break;
        }
      }
    });
    if (writeErrors.length > 0) throw new EmbeddedBulkWriteError(writeErrors, result);
    return {
      acknowledged: true,
      insertedCount: result.insertedCount,
      insertedIds: result.insertedIds,
    };
  }

  async findOne(filter: Filter<T>, options?: FindOptions): Promise<T | null> {
    const wait = this.usable();
    if (wait) await wait;
    const o = checkOptions('findOne', options) as FindOptions;
    checkProjection(o.projection);
    const [doc] = this.select(asObj(filter), { ...o, limit: 1 });
    return doc ? (present([doc], o.projection)[0] as T) : null;
  }

  find(filter: Filter<T>, options?: FindOptions): FindCursorLike<T> {
    return new ResultCursor(
      () => {
        this.host.assertUsable();
        const o = checkOptions('find', options) as FindOptions;
        checkProjection(o.projection);
        return present(this.select(asObj(filter), o), o.projection) as T[];
      },
      () => this.host.loaded(this.collectionName)
    );
  }

  async countDocuments(filter: Filter<T>, options?: CountOptions): Promise<number> {
    const wait = this.usable();
    if (wait) await wait;
    const o = checkOptions('countDocuments', options) as CountOptions;
    const { candidates, residual } = this.data.plan(asObj(filter));
    const match = compileFilter(residual);
    const skip = Math.max(0, o.skip ?? 0);
    const limit = o.limit ? Math.abs(o.limit) : Infinity;
    let seen = 0;
    for (const doc of candidates) {
      if (!match(doc)) continue;
      seen++;
      if (seen - skip >= limit) break;
    }
    return Math.max(0, Math.min(seen - skip, limit));
  }

  async estimatedDocumentCount(options?: NoOptions): Promise<number> {
    const wait = this.usable();
    if (wait) await wait;
    checkOptions('estimatedDocumentCount', options);
    return this.data.docs.size;
  }

  async distinct(key: string, filter?: Filter<T>, options?: NoOptions): Promise<unknown[]> {
    const wait = this.usable();
    if (wait) await wait;
    checkOptions('distinct', options);
    if (typeof key !== 'string' || key === '') {
      throw storeError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
    }
    return distinctValues(this.select(asObj(filter), {}), key);
  }

  updateOne(filter: Filter<T>, update: Update<T>, options?: UpdateOptions): Promise<UpdateResult> {
    return this.updateWhere('updateOne', filter, { update }, options);
  }

  /**
   * Each document is updated atomically; like MongoDB (no transaction), an error part-way (e.g. a
   * duplicate key) keeps the documents already updated and reports the error.
   */
  updateMany(
    filter: Filter<T>,
    update: Update<T>,
    options?: UpdateManyOptions
  ): Promise<UpdateResult> {
    return this.updateWhere('updateMany', filter, { update }, options);
  }

  replaceOne(
    filter: Filter<T>,
    replacement: Replacement<T>,
    options?: ReplaceOptions
  ): Promise<UpdateResult> {
    return this.updateWhere('replaceOne', filter, { replacement }, options);
  }

  findOneAndUpdate(
    filter: Filter<T>,
    update: Update<T>,
    options?: FindOneAndUpdateOptions
  ): Promise<T | null> {
    return this.findAndModify('findOneAndUpdate', filter, { update }, options);
  }

  findOneAndReplace(
    filter: Filter<T>,
    replacement: Replacement<T>,
    options?: FindOneAndReplaceOptions
  ): Promise<T | null> {
    return this.findAndModify('findOneAndReplace', filter, { replacement }, options);
  }

  async findOneAndDelete(filter: Filter<T>, options?: FindOneAndDeleteOptions): Promise<T | null> {
    const wait = this.usable();
    if (wait) await wait;
    const o = checkOptions('findOneAndDelete', options) as FindOneAndDeleteOptions;
    checkProjection(o.projection);
    const [match] = this.select(asObj(filter), { sort: o.sort, limit: 1 });
    if (!match) return null;
    await this.host.append([this.commitDelete(match._id)]);
    return present([match], o.projection)[0] as T;
  }

  deleteOne(filter: Filter<T>, options?: NoOptions): Promise<DeleteResult> {
    return this.deleteWhere('deleteOne', filter, options);
  }

  deleteMany(filter: Filter<T>, options?: NoOptions): Promise<DeleteResult> {
    return this.deleteWhere('deleteMany', filter, options);
  }

  /**
   * MongoDB's bulkWrite. The driver's own checks (known operation names, operators present in an
   * update, none in a replacement) and ours (options, string ids) run on every operation before
   * anything is written. Then operations run in order: a failing one becomes a write error at its
   * index; ordered stops there, unordered carries on. Failures throw a MongoBulkWriteError-like
   * error whose counts and ids say what was written.
   */
  async bulkWrite(
    operations: BulkWriteOperation<T>[],
    options?: BulkWriteOptions
  ): Promise<BulkWriteResult> {
    const wait = this.usable();
    if (wait) await wait;
    const ordered = checkOptions('bulkWrite', options).ordered !== false;
    if (!Array.isArray(operations)) {
      throw storeError('BadValue', 'Argument "operations" must be an array of documents');
    }
    if (operations.length === 0) {
      throw storeError('BadValue', 'Invalid BulkOperation, Batch cannot be empty');
    }
    const steps = operations.map((op, i) => this.planBulkOperation(op, i));
    const result = emptyBulkResult();
    const writeErrors: EmbeddedWriteError[] = [];
    await this.write((frames) => {
      for (let i = 0; i < steps.length; i++) {
        try {
          steps[i]!(frames, result);
        } catch (e) {
          if (!isWriteError(e)) throw e;
          writeErrors.push({ index: i, code: e.code, errmsg: e.message, op: operations[i] });
          if (ordered) break;
        }
      }
    });
    if (writeErrors.length > 0) throw new EmbeddedBulkWriteError(writeErrors, result);
    return result;
  }

  aggregate<R extends Document = Document>(
    pipeline: Document[],
    options?: NoOptions
  ): FindCursorLike<R> {
    return new ResultCursor(
      () => {
        this.host.assertUsable();
        checkOptions('aggregate', options);
        if (!Array.isArray(pipeline)) {
          throw storeError('BadValue', 'An aggregation pipeline must be an array.');
        }
        let stages = pipeline.map(asObj);
        checkPipeline(stages);
        let docs: Doc[];
        const first = stages[0];
        // A leading $match goes through the planner (indexes) before anything is copied.
        if (first && Object.keys(first).length === 1 && isPlainObject(first.$match)) {
          docs = this.select(first.$match, {});
          stages = stages.slice(1);
        } else {
          docs = [...this.data.docs.values()];
        }
        const input = docs.map((d) => cloneDoc(d) as Obj);
        return aggregateDocs(input, stages, (name) => this.host.snapshotOf(name)) as R[];
        // A pipeline may read other collections ($lookup): it waits for every one.
      },
      () => this.host.loaded('*')
    );
  }

  /** Idempotent; a unique index over existing duplicates fails with E11000 and is not created. */
  async createIndex(keys: IndexKeys, options?: IndexOptions): Promise<string> {
    this.host.assertUsable();
    const def = toIndexDef(keys, checkOptions('createIndex', options) as IndexOptions);
    // While the collection loads its indexes are those its snapshot held (read at open; the
    // journal only adds more): one of them answers at once, anything else after the load.
    const loading = this.host.loaded(this.collectionName) !== undefined;
    if (loading && this.data.indexes.size > 0 && this.data.classifyIndex(def) === 'exists') {
      return sameKeys(def.keys, { _id: 1 }) ? '_id_' : def.name;
    }
    const wait = this.usable();
    if (wait) await wait;
    if (this.data.classifyIndex(def) === 'exists') {
      return sameKeys(def.keys, { _id: 1 }) ? '_id_' : def.name;
    }
    const frame = this.host.encode({ t: 'i', c: this.collectionName, def: { ...def } });
    this.data.addIndex(def);
    await this.host.append([frame]);
    return def.name;
  }

  /**
   * Runs a synchronous write that queues journal frames, then waits until they are durable. The
   * frames of a write that fails part-way (e.g. updateMany meeting a duplicate key) are made
   * durable too before the error is reported: those changes happened, as on MongoDB.
   */
  private async write<R>(run: (frames: Buffer[]) => R): Promise<R> {
    const frames: Buffer[] = [];
    let out: R;
    try {
      out = run(frames);
    } catch (e) {
      if (frames.length > 0) await this.host.append(frames);
      throw e;
    }
    if (frames.length > 0) await this.host.append(frames);
    return out;
  }

  /** updateOne/updateMany/replaceOne: match, apply, commit; or insert on an upsert. */
  private applyWrite(
    filter: Obj,
    spec: UpdateSpec,
    target: WriteTarget,
    frames: Buffer[]
  ): UpdateResult {
    const matches = this.select(filter, target.multi ? {} : { sort: target.sort, limit: 1 });
    if (matches.length === 0) {
      if (!target.upsert) return result(0, 0);
      const inserted = upsertDocument(spec, filter);
      frames.push(this.commitPut(inserted, true));
      return result(0, 0, inserted._id);
    }
    let modified = 0;
    for (const doc of matches) {
      const next = applyUpdate(spec, doc, filter);
      if (!next) continue;
      frames.push(this.commitUpdate(doc, next, spec));
      modified++;
    }
    return result(matches.length, modified);
  }

  private applyDelete(filter: Obj, multi: boolean, frames: Buffer[]): number {
    const matches = this.select(filter, multi ? {} : { limit: 1 });
    for (const d of matches) frames.push(this.commitDelete(d._id));
    return matches.length;
  }

  /** deleteOne and deleteMany: once usable, options and filter are checked, then one write. */
  private async deleteWhere(
    method: 'deleteOne' | 'deleteMany',
    filter: Filter<T>,
    options: NoOptions | undefined
  ): Promise<DeleteResult> {
    const wait = this.usable();
    if (wait) await wait;
    checkOptions(method, options);
    const f = asObj(filter);
    const multi = method === 'deleteMany';
    const deletedCount = await this.write((frames) => this.applyDelete(f, multi, frames));
    return { acknowledged: true, deletedCount };
  }

  /**
   * updateOne, updateMany and replaceOne: once usable, the options are checked against `method`'s,
   * then the filter and the change are parsed, all before the one synchronous write.
   */
  private async updateWhere(
    method: 'updateOne' | 'updateMany' | 'replaceOne',
    filter: Filter<T>,
    change: Change<T>,
    options: UpdateOptions | UpdateManyOptions | ReplaceOptions | undefined
  ): Promise<UpdateResult> {
    const wait = this.usable();
    if (wait) await wait;
    // Only `method`'s own options pass the check (updateMany has no sort).
    const o = checkOptions(method, options) as UpdateOptions;
    const f = asObj(filter);
    const spec = parseChange(change, o);
    const target = { multi: method === 'updateMany', upsert: o.upsert, sort: o.sort };
    return this.write((frames) => this.applyWrite(f, spec, target, frames));
  }

  /** findOneAndUpdate and findOneAndReplace, checked and parsed as {@link updateWhere} does. */
  private async findAndModify(
    method: 'findOneAndUpdate' | 'findOneAndReplace',
    filter: Filter<T>,
    change: Change<T>,
    options: FindOneAndUpdateOptions | FindOneAndReplaceOptions | undefined
  ): Promise<T | null> {
    const wait = this.usable();
    if (wait) await wait;
    const o = checkOptions(method, options) as FindOneAndUpdateOptions;
    const f = asObj(filter);
    const spec = parseChange(change, o);
    checkProjection(o.projection);
    const out = await this.write((frames) => this.findAndModifyNow(f, spec, o, frames).doc);
    return out ? (present([out], o.projection)[0] as T) : null;
  }

  /** The synchronous step of a findOneAndUpdate/Replace: which document, and whether any matched. */
  private findAndModifyNow(
    filter: Obj,
    spec: UpdateSpec,
    o: FindOneAndUpdateOptions | FindOneAndReplaceOptions,
    frames: Buffer[]
  ): { doc: Doc | null; matched: boolean } {
    const after = o.returnDocument === 'after';
    const [match] = this.select(filter, { sort: o.sort, limit: 1 });
    if (match) {
      const next = applyUpdate(spec, match, filter);
      if (next) frames.push(this.commitUpdate(match, next, spec));
      return { doc: after ? (next ?? match) : match, matched: true };
    }
    if (!o.upsert) return { doc: null, matched: false };
    const inserted = upsertDocument(spec, filter);
    frames.push(this.commitPut(inserted, true));
    return { doc: after ? inserted : null, matched: true };
  }

  /**
   * Plans one write of a Store.writeBatch (`kind` and its model as the batch names them): options
   * and updates are checked now, before anything of the batch is written.
   */
  batchStep(kind: string, model: unknown): BatchStep {
    const known = [
      'insertOne',
      'updateOne',
      'updateMany',
      'deleteOne',
      'deleteMany',
      'findOneAndUpdate',
    ];
    if (!known.includes(kind)) {
      throw storeError('BadValue', `Invalid batch write: ${JSON.stringify(kind)}`);
    }
    const m = checkOptions(`writeBatch ${kind}` as MethodName, model);
    const run =
      (step: (frames: Buffer[]) => BatchWriteResult | typeof UNMET): BatchStep =>
      (frames, undo) => {
        this.undo = undo;
        try {
          return step(frames);
        } finally {
          this.undo = undefined;
        }
      };
    if (kind === 'insertOne') {
      const doc = this.prepareInsert(m.document as T);
      return run((frames) => {
        frames.push(this.commitPut(doc, true));
        return { insertedId: doc._id };
      });
    }
    const filter = asObj(m.filter);
    if (kind === 'deleteOne' || kind === 'deleteMany') {
      return run((frames) => {
        const deletedCount = this.applyDelete(filter, kind === 'deleteMany', frames);
        return m.required && deletedCount === 0 ? UNMET : { acknowledged: true, deletedCount };
      });
    }
    const spec = parseUpdate(m.update as Update<T>, m.arrayFilters as Document[] | undefined);
    if (kind === 'updateMany') {
      return run((frames) => this.applyWrite(filter, spec, { multi: true }, frames));
    }
    if (kind === 'updateOne') {
      const target = {
        multi: false,
        upsert: m.upsert as boolean | undefined,
        sort: m.sort as SortSpec | undefined,
      };
      return run((frames) => {
        const r = this.applyWrite(filter, spec, target, frames);
        return m.required && r.matchedCount === 0 && r.upsertedId === null ? UNMET : r;
      });
    }
    const o = m as FindOneAndUpdateOptions;
    checkProjection(o.projection);
    return run((frames) => {
      const { doc, matched } = this.findAndModifyNow(filter, spec, o, frames);
      if (m.required && !matched) return UNMET;
      return { document: doc ? (present([doc], o.projection)[0] as Document) : null };
    });
  }

  /** One bulkWrite operation, checked now, to run later against the batch's frames and result. */
  private planBulkOperation(
    op: unknown,
    index: number
  ): (frames: Buffer[], result: EmbeddedBulkResult) => void {
    const kinds = isPlainObject(op) ? Object.keys(op) : [];
    const kind = kinds[0];
    const known = ['insertOne', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany'];
    if (kinds.length !== 1 || kind === undefined || !known.includes(kind)) {
      throw storeError('BadValue', `Invalid BulkWriteError operation: ${JSON.stringify(op)}`);
    }
    const model = checkOptions(`bulkWrite ${kind}` as MethodName, (op as Obj)[kind]);
    const tally = (
      frames: Buffer[],
      result: EmbeddedBulkResult,
      target: WriteTarget,
      spec: UpdateSpec
    ): void => {
      const r = this.applyWrite(asObj(model.filter), spec, target, frames);
      result.matchedCount += r.matchedCount;
      result.modifiedCount += r.modifiedCount;
      if (r.upsertedId !== null) {
        result.upsertedCount++;
        result.upsertedIds[index] = r.upsertedId;
      }
    };
    switch (kind) {
      case 'insertOne': {
        const doc = this.prepareInsert(model.document as T);
        return (frames, result) => {
          frames.push(this.commitPut(doc, true));
          result.insertedCount++;
          result.insertedIds[index] = doc._id;
        };
      }
      case 'updateOne':
      case 'updateMany': {
        const update = model.update;
        const empty = Array.isArray(update)
          ? update.length === 0
          : !isPlainObject(update) || !Object.keys(update)[0]?.startsWith('$');
        if (empty) throw storeError('BadValue', 'Update document requires atomic operators');
        const target = {
          multi: kind === 'updateMany',
          upsert: model.upsert as boolean | undefined,
          sort: model.sort as SortSpec | undefined,
        };
        // Parsed when it runs: the server reports a malformed update as this operation's error.
        return (frames, result) =>
          tally(frames, result, target, parseUpdate(update, model.arrayFilters));
      }
      case 'replaceOne': {
        const spec = parseReplacement(model.replacement);
        const target = {
          multi: false,
          upsert: model.upsert as boolean | undefined,
          sort: model.sort as SortSpec | undefined,
        };
        return (frames, result) => tally(frames, result, target, spec);
      }
      default: {
        const multi = kind === 'deleteMany';
        return (frames, result) => {
          result.deletedCount += this.applyDelete(asObj(model.filter), multi, frames);
        };
      }
    }
  }

  /** Matching documents (the stored objects: callers copy before returning them). */
  private select(filter: Obj, options: Pick<FindOptions, 'sort' | 'skip' | 'limit'>): Doc[] {
    // One document by its id in a simple filter (each change of a ticket, its reads): a lookup
    // and one test, nothing planned or compiled; at most one document, so no sort either.
    if (typeof filter._id === 'string' && isSimpleFilter(filter)) {
      const doc = this.data.docs.get(filter._id);
      return doc && !(options.skip! > 0) && testSimple(filter, doc) ? [doc] : [];
    }
    if (options.sort && options.limit) {
      const sort = options.sort;
      const ordered = this.data.orderedRuns(filter, sort, (docs) => sortDocs(docs, sort));
      if (ordered) return mergeRuns(ordered, sort, options);
    }
    const { candidates, residual } = this.data.plan(filter);
    const match = compileFilter(residual);
    const skip = Math.max(0, options.skip ?? 0);
    const limit = options.limit ? Math.abs(options.limit) : 0;
    const sorted = options.sort && Object.keys(options.sort).length > 0;
    // Without a sort, the scan can stop as soon as it has enough.
    const enough = !sorted && limit > 0 ? skip + limit : Infinity;
    let out: Doc[] = [];
    for (const doc of candidates) {
      if (!match(doc)) continue;
      out.push(doc);
      if (out.length >= enough) break;
    }
    if (sorted) out = sortDocs(out, options.sort);
    if (skip > 0 || limit > 0) out = out.slice(skip, limit > 0 ? skip + limit : undefined);
    return out;
  }

  private prepareInsert(doc: T): Doc {
    if (!isPlainObject(doc)) throw storeError('BadValue', 'Cannot insert a non-document.');
    const raw = doc as Obj;
    // Like the driver, a missing _id is generated and also set on the caller's object.
    if (raw._id === undefined) raw._id = new ObjectId().toHexString();
    assertStringId(raw._id);
    const { _id, ...rest } = cloneDoc(raw);
    return { _id: _id as string, ...rest };
  }

  /**
   * Validates, encodes and commits one document version to memory; returns its journal frame.
   * Throws (changing nothing) on a duplicate key or an unencodable document.
   */
  private commitPut(doc: Doc, isInsert: boolean): Buffer {
    if (isInsert && this.data.docs.has(doc._id)) {
      throw new DuplicateKeyError(this.collectionName, '_id_', { _id: 1 }, { _id: doc._id });
    }
    this.data.validate(doc);
    const frame = this.host.encode({ t: 'p', c: this.collectionName, d: doc });
    if (frame.length > MAX_RECORD_BYTES) throw tooLarge(doc);
    this.remember(doc._id);
    this.data.put(doc);
    sizeBound.set(doc, frame.length);
    return frame;
  }

  /**
   * Commits the new version of an updated document. The journal gets the update itself (`u`:
   * the operators, replayed on the previous version) when that reproduces this version exactly
   * (see journalUpdate; the previous version must read back from BSON unchanged), else the
   * after-image. A note on a ticket then journals the note, not the whole ticket.
   */
  private commitUpdate(before: Doc, next: Doc, spec: UpdateSpec): Buffer {
    const delta = reloadStable(before) ? journalUpdate(spec) : undefined;
    if (!delta) return this.commitPut(next, false);
    this.data.validate(next);
    const frame = this.host.encode({ t: 'u', c: this.collectionName, id: next._id, ...delta });
    let size =
      (sizeBound.get(before) ?? calculateObjectSize(before)) + GROWTH_FACTOR * frame.length;
    if (size > MAX_RECORD_BYTES || !boundedPaths(delta.m)) {
      size = calculateObjectSize(next);
      if (size > MAX_RECORD_BYTES) throw tooLarge(next);
    }
    this.remember(next._id);
    this.data.put(next);
    readsBack.set(next, true);
    sizeBound.set(next, size);
    return frame;
  }

  private commitDelete(id: string): Buffer {
    const frame = this.host.encode({ t: 'x', c: this.collectionName, id });
    this.remember(id);
    this.data.delete(id);
    return frame;
  }

  /** In a batch step: the version of `id` about to be replaced, for undoChanges. */
  private remember(id: string): void {
    this.undo?.push({ data: this.data, id, before: this.data.docs.get(id) });
  }
}

const tooLarge = (doc: Doc) =>
  storeError('BSONObjectTooLarge', `Document ${doc._id} exceeds the 16 MiB BSON limit`);

function emptyBulkResult(): EmbeddedBulkResult {
  return {
    insertedCount: 0,
    matchedCount: 0,
    modifiedCount: 0,
    deletedCount: 0,
    upsertedCount: 0,
    insertedIds: {},
    upsertedIds: {},
  };
}

function result(matchedCount: number, modifiedCount: number, upsertedId?: string): UpdateResult {
  return {
    acknowledged: true,
    matchedCount,
    modifiedCount,
    upsertedCount: upsertedId === undefined ? 0 : 1,
    upsertedId: upsertedId ?? null,
  };
}
