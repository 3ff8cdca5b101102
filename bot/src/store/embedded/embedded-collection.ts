/**
 * The DocCollection API over one embedded collection. Every mutation runs synchronously in one
 * step (match, compute the new document, check unique indexes, commit to memory, queue the
 * journal record) and only then awaits durability, so no other operation can interleave between
 * the match and the write: findOneAndUpdate is a true compare-and-set.
 */
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
  UpdateFilter,
  UpdateOptions,
  UpdateResult,
} from '../types.ts';
import type { CollectionData, OrderedPlan } from './collection-data.ts';
import { DuplicateKeyError, storeError } from './errors.ts';
import { sameKeys, toIndexDef } from './indexes.ts';
import {
  aggregateDocs,
  assertUpdateOperators,
  compileFilter,
  docComparator,
  present,
  sortDocs,
  updatedDoc,
  upsertDoc,
} from './mql.ts';
import { cloneDoc, isPlainObject, type Doc } from './values.ts';
import { ObjectId } from 'bson';

type Obj = Record<string, unknown>;

/** MongoDB's document size limit, plus room for the record's own fields. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024 + 16 * 1024;

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
}

/** A cursor over results computed when first read, like the driver's lazily executed cursors. */
class ResultCursor<T> implements FindCursorLike<T> {
  constructor(private readonly run: () => T[]) {}

  async toArray(): Promise<T[]> {
    return this.run();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (const item of this.run()) yield item;
  }
}

/** Filters and pipeline stages must be documents; an omitted filter means "everything". */
const asObj = (v: unknown): Obj => {
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw storeError('BadValue', 'Expected a document.');
  return v;
};

export class EmbeddedCollection<T extends BaseDoc> implements DocCollection<T> {
  readonly collectionName: string;

  constructor(
    private readonly host: CollectionHost,
    private readonly data: CollectionData
  ) {
    this.collectionName = data.name;
  }

  async insertOne(doc: T): Promise<{ acknowledged: boolean; insertedId: string }> {
    this.host.assertUsable();
    const stored = this.prepareInsert(doc);
    await this.host.append([this.commitPut(stored, true)]);
    return { acknowledged: true, insertedId: stored._id };
  }

  /** Ordered, like the driver's default: stops at the first error, keeping the earlier inserts. */
  async insertMany(docs: T[]): Promise<{ acknowledged: boolean; insertedCount: number }> {
    this.host.assertUsable();
    if (!Array.isArray(docs) || docs.length === 0) {
      throw storeError('BadValue', 'Invalid BulkOperation, Batch cannot be empty');
    }
    const frames: Buffer[] = [];
    let failure: unknown;
    for (const doc of docs) {
      try {
        frames.push(this.commitPut(this.prepareInsert(doc), true));
      } catch (e) {
        failure = e;
        break;
      }
    }
    // The inserts before a failure stay (and must be durable before the error is reported).
    if (frames.length > 0) await this.host.append(frames);
    if (failure !== undefined) {
      if (typeof failure === 'object' && failure !== null) {
        Object.assign(failure, { insertedCount: frames.length });
      }
      throw failure;
    }
    return { acknowledged: true, insertedCount: frames.length };
  }

  async findOne(filter: Filter<T>, options: FindOptions = {}): Promise<T | null> {
    this.host.assertUsable();
    const [doc] = this.select(asObj(filter), { ...options, limit: 1 });
    return doc ? (present([doc], options.projection)[0] as T) : null;
  }

  find(filter: Filter<T>, options: FindOptions = {}): FindCursorLike<T> {
    return new ResultCursor(() => {
      this.host.assertUsable();
      return present(this.select(asObj(filter), options), options.projection) as T[];
    });
  }

  async countDocuments(
    filter: Filter<T>,
    options: { limit?: number; skip?: number } = {}
  ): Promise<number> {
    this.host.assertUsable();
    const { candidates, residual } = this.data.plan(asObj(filter));
    const match = compileFilter(residual);
    const skip = Math.max(0, options.skip ?? 0);
    const limit = options.limit ? Math.abs(options.limit) : Infinity;
    let seen = 0;
    for (const doc of candidates) {
      if (!match(doc)) continue;
      seen++;
      if (seen - skip >= limit) break;
    }
    return Math.max(0, Math.min(seen - skip, limit));
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: UpdateOptions = {}
  ): Promise<UpdateResult> {
    this.host.assertUsable();
    const f = asObj(filter);
    assertUpdateOperators(update);
    const [match] = this.select(f, { limit: 1 });
    if (match) {
      const next = updatedDoc(match, update, f);
      if (!next) return result(1, 0);
      await this.host.append([this.commitPut(next, false)]);
      return result(1, 1);
    }
    if (!options.upsert) return result(0, 0);
    const inserted = upsertDoc(f, update);
    await this.host.append([this.commitPut(inserted, true)]);
    return result(0, 0, inserted._id);
  }

  /**
   * Each document is updated atomically; like MongoDB (no transaction), an error part-way (e.g. a
   * duplicate key) keeps the documents already updated and reports the error.
   */
  async updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: UpdateOptions = {}
  ): Promise<UpdateResult> {
    this.host.assertUsable();
    const f = asObj(filter);
    assertUpdateOperators(update);
    const matches = this.select(f, {});
    if (matches.length === 0 && options.upsert) {
      const inserted = upsertDoc(f, update);
      await this.host.append([this.commitPut(inserted, true)]);
      return result(0, 0, inserted._id);
    }
    const frames: Buffer[] = [];
    let failure: unknown;
    for (const doc of matches) {
      try {
        const next = updatedDoc(doc, update, f);
        if (next) frames.push(this.commitPut(next, false));
      } catch (e) {
        failure = e;
        break;
      }
    }
    if (frames.length > 0) await this.host.append(frames);
    if (failure !== undefined) throw failure;
    return result(matches.length, frames.length);
  }

  async findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: FindOneAndUpdateOptions = {}
  ): Promise<T | null> {
    this.host.assertUsable();
    const f = asObj(filter);
    assertUpdateOperators(update);
    const after = options.returnDocument === 'after';
    const [match] = this.select(f, { sort: options.sort, limit: 1 });
    if (match) {
      const next = updatedDoc(match, update, f);
      if (next) await this.host.append([this.commitPut(next, false)]);
      return cloneDoc(after ? (next ?? match) : match) as unknown as T;
    }
    if (!options.upsert) return null;
    const inserted = upsertDoc(f, update);
    await this.host.append([this.commitPut(inserted, true)]);
    return after ? (cloneDoc(inserted) as unknown as T) : null;
  }

  async findOneAndDelete(
    filter: Filter<T>,
    options: { sort?: Record<string, 1 | -1> } = {}
  ): Promise<T | null> {
    this.host.assertUsable();
    const [match] = this.select(asObj(filter), { sort: options.sort, limit: 1 });
    if (!match) return null;
    await this.host.append([this.commitDelete(match._id)]);
    return cloneDoc(match) as unknown as T;
  }

  async deleteOne(filter: Filter<T>): Promise<DeleteResult> {
    this.host.assertUsable();
    const [match] = this.select(asObj(filter), { limit: 1 });
    if (!match) return { acknowledged: true, deletedCount: 0 };
    await this.host.append([this.commitDelete(match._id)]);
    return { acknowledged: true, deletedCount: 1 };
  }

  async deleteMany(filter: Filter<T>): Promise<DeleteResult> {
    this.host.assertUsable();
    const matches = this.select(asObj(filter), {});
    const frames = matches.map((d) => this.commitDelete(d._id));
    if (frames.length > 0) await this.host.append(frames);
    return { acknowledged: true, deletedCount: matches.length };
  }

  aggregate<R extends Document = Document>(pipeline: Document[]): FindCursorLike<R> {
    return new ResultCursor(() => {
      this.host.assertUsable();
      if (!Array.isArray(pipeline)) {
        throw storeError('BadValue', 'An aggregation pipeline must be an array.');
      }
      let stages = pipeline.map(asObj);
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
    });
  }

  /** Idempotent; a unique index over existing duplicates fails with E11000 and is not created. */
  async createIndex(keys: IndexKeys, options: IndexOptions = {}): Promise<string> {
    this.host.assertUsable();
    const def = toIndexDef(keys, options);
    if (this.data.classifyIndex(def) === 'exists') {
      return sameKeys(def.keys, { _id: 1 }) ? '_id_' : def.name;
    }
    const frame = this.host.encode({ t: 'i', c: this.collectionName, def: { ...def } });
    this.data.addIndex(def);
    await this.host.append([frame]);
    return def.name;
  }

  /** Matching documents (the stored objects: callers copy before returning them). */
  private select(filter: Obj, options: Pick<FindOptions, 'sort' | 'skip' | 'limit'>): Doc[] {
    if (options.sort && options.limit) {
      const sort = options.sort;
      const ordered = this.data.orderedRuns(filter, sort, (docs) => sortDocs(docs, sort));
      if (ordered) return mergeRuns(ordered, docComparator(sort), options);
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
    if (typeof raw._id !== 'string') {
      throw storeError('BadValue', 'The embedded store requires string _id values.');
    }
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
    if (frame.length > MAX_RECORD_BYTES) {
      throw storeError('BSONObjectTooLarge', `Document ${doc._id} exceeds the 16 MiB BSON limit`);
    }
    this.data.put(doc);
    return frame;
  }

  private commitDelete(id: string): Buffer {
    const frame = this.host.encode({ t: 'x', c: this.collectionName, id });
    this.data.delete(id);
    return frame;
  }
}

/**
 * K-way merge of sorted runs (a binary heap on the runs' heads), testing each document against
 * the filter as it applies to its run (compiled when the run's first document comes up), until
 * `skip + limit` matches. Equal keys come out in run order.
 */
function mergeRuns(
  plan: OrderedPlan,
  compare: (a: Doc, b: Doc) => number,
  options: Pick<FindOptions, 'skip' | 'limit'>
): Doc[] {
  const matchers = new Map<number, (doc: Doc) => boolean>();
  const matchIn = (run: number, doc: Doc) => {
    let m = matchers.get(run);
    if (!m) {
      const f = plan.runFilter(run);
      m = f ? compileFilter(f) : () => false;
      matchers.set(run, m);
    }
    return m(doc);
  };
  const skip = Math.max(0, options.skip ?? 0);
  const want = skip + Math.abs(options.limit ?? 0);
  // Heap entries: [run index, position in run].
  const heap: [number, number][] = [];
  const runs = plan.runs;
  const less = (a: [number, number], b: [number, number]) => {
    const c = compare(runs[a[0]]![a[1]]!, runs[b[0]]![b[1]]!);
    return c < 0 || (c === 0 && a[0] < b[0]);
  };
  const push = (e: [number, number]) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  runs.forEach((run, i) => {
    if (run.length > 0) push([i, 0]);
  });
  const seen = plan.mayRepeat ? new Set<string>() : undefined;
  const out: Doc[] = [];
  while (heap.length > 0 && out.length < want) {
    const [r, pos] = pop();
    const doc = runs[r]![pos]!;
    if (pos + 1 < runs[r]!.length) push([r, pos + 1]);
    // A document under several values (multikey) is tested in each run against that run's
    // branches, and taken once: from the first run where it matches.
    if (seen?.has(doc._id)) continue;
    if (matchIn(r, doc)) {
      seen?.add(doc._id);
      out.push(doc);
    }
  }
  return out.slice(skip);
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
