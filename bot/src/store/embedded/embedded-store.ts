/**
 * The embedded durable store: all data in memory, every write journaled before it is
 * acknowledged, periodic snapshots to bound the journal, one process per data directory.
 *
 * Files in the data directory:
 * - `journal.bson`: framed BSON records, each an after-image of a document (`p`), an update as
 *   its operators (`u`, replayed on the previous version; see EmbeddedCollection.commitUpdate), a
 *   delete by id (`x`), an index definition (`i`), a drop of everything (`D`) or a batch (`g`:
 *   the framed records of one Store.writeBatch, applied together or, torn, not at all), each
 *   with a sequence number.
 * - `snapshot.bson`: the whole store as of a sequence number; journal records at or below it are
 *   skipped on replay (they may linger if a crash hit between snapshot and journal truncation).
 * - `LOCK`: the owning process.
 *
 * A snapshot holds everything up to its sequence number, and replay applies exactly the records
 * after it, once each, in order (update records are not idempotent): records queued while a
 * snapshot is taken land in the fresh journal and are skipped by their sequence numbers.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Document } from 'bson';
import { Binary } from 'bson';
import type { BaseDoc, BatchWrite, BatchWriteResult, DocCollection, Store } from '../types.ts';
import { CollectionData } from './collection-data.ts';
import {
  EmbeddedCollection,
  UNMET,
  undoChanges,
  type BatchStep,
  type CollectionHost,
  type UndoEntry,
} from './embedded-collection.ts';
import { storeError } from './errors.ts';
import { decodeFrames, encodeBatchFrame, encodeFrame } from './frames.ts';
import type { IndexDef } from './indexes.ts';
import { Journal, deferred as newDeferred, type Deferred } from './journal.ts';
import { acquireLock, type DirLock } from './lock.ts';
import {
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  SnapshotAbandoned,
  decodeSection,
  readSnapshot,
  removeSnapshotLeftovers,
  sectionIndexes,
  writeSnapshot,
  type CollectionCapture,
  type SectionSink,
  type SnapshotSection,
} from './snapshot.ts';
import { readRunHints, writeRunHints, type RunHint } from './run-hints.ts';
import { replayUpdate } from './updates.ts';
import { cloneDoc, valuesAtPath, type Doc } from './values.ts';

export const JOURNAL_FILE = 'journal.bson';

export interface EmbeddedStoreOptions {
  /** Compact (snapshot + truncate the journal) once the journal exceeds this. Default 64 MiB. */
  compactThresholdBytes?: number;
  /** How often TTL indexes are swept. Default 30 s; the sweep also runs on open. */
  ttlSweepIntervalMs?: number;
  /** Clock for TTL expiry (tests). */
  now?: () => Date;
  /**
   * Compact on close (default true) once the journal holds at least `compactOnCloseBytes`, so the
   * next open reads one snapshot instead of replaying a long journal. Off, close only flushes.
   */
  compactOnClose?: boolean;
  /**
   * The journal size from which close compacts (default 8 MiB), if the journal is also at least
   * the snapshot's size. Otherwise close only flushes: the next open replays the journal, and
   * a stop does not rewrite a snapshot of the whole store (hundreds of MB with a million tickets).
   */
  compactOnCloseBytes?: number;
  /** Non-fatal problems: a torn journal tail cut off on open, a failed background compaction. */
  onWarning?: (message: string) => void;
  /**
   * A collection whose snapshot section holds more records than this (default 50,000) loads in
   * the background after open returns; operations on it wait until it is in memory. Infinity
   * loads everything before open returns.
   */
  backgroundLoadRecords?: number;
  /**
   * A snapshot section larger than this many bytes (default 16 MiB) is not held in memory: it is
   * read a part at a time as it loads (tests lower it).
   */
  streamSectionsOver?: number;
}

/** The embedded store, with its maintenance operations exposed for tests and tooling. */
export interface EmbeddedStore extends Store {
  readonly kind: 'embedded';
  readonly dir: string;
  /** Writes a snapshot and empties the journal now. */
  compact(): Promise<void>;
  /** Deletes documents past their TTL now; returns how many. */
  sweepExpired(): Promise<number>;
}

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;
const DEFAULT_COMPACT_ON_CLOSE_BYTES = 8 * 1024 * 1024;
const DEFAULT_TTL_SWEEP_MS = 30_000;
/** A batch's records together stay within MongoDB's document limit (as one record must). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const DEFAULT_BACKGROUND = 50_000;
/** Records decoded and applied between two yields to the event loop while loading. */
const LOAD_SLICE = 1_000;

const noWait = (): Promise<void> => Promise.resolve();

/** Opens (creating if needed) the embedded store in `dir`, taking its single-writer lock. */
export async function openEmbeddedStore(
  dir: string,
  options: EmbeddedStoreOptions = {}
): Promise<EmbeddedStore> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const lock = await acquireLock(root);
  try {
    return await Engine.open(root, lock, options);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

class Engine implements EmbeddedStore, CollectionHost {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, CollectionData>();
  private readonly handles = new Map<string, EmbeddedCollection<BaseDoc>>();
  private lsn = 0;
  private journal!: Journal;
  private closed = false;
  private closing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly threshold: number;
  private readonly compactOnClose: boolean;
  private readonly compactOnCloseBytes: number;
  private readonly now: () => Date;
  private readonly warn: (message: string) => void;
  /** Collections still loading in the background, with the promise of their being in memory. */
  private readonly loads = new Map<string, Promise<void>>();
  /** The background load (settles, never rejects). */
  private loading: Promise<void> = Promise.resolve();
  private loadFailure: unknown;
  /** Set when the snapshot read at open is in an older format (see upgradeSnapshot). */
  private upgrade = false;

  private constructor(
    readonly dir: string,
    private readonly lock: DirLock,
    options: EmbeddedStoreOptions
  ) {
    this.threshold = options.compactThresholdBytes ?? DEFAULT_COMPACT_BYTES;
    this.compactOnClose = options.compactOnClose ?? true;
    this.compactOnCloseBytes = Math.max(
      1,
      options.compactOnCloseBytes ?? DEFAULT_COMPACT_ON_CLOSE_BYTES
    );
    this.now = options.now ?? (() => new Date());
    this.warn = options.onWarning ?? ((m) => process.emitWarning(m, 'EmbeddedStoreWarning'));
  }

  static async open(dir: string, lock: DirLock, options: EmbeddedStoreOptions): Promise<Engine> {
    const engine = new Engine(dir, lock, options);
    await removeSnapshotLeftovers(dir);
    const snapshot = await readSnapshot(dir, options.streamSectionsOver);
    const opened = await Journal.open(join(dir, JOURNAL_FILE), () => engine.maybeCompact());
    engine.journal = opened.journal;
    try {
      const base = snapshot?.lsn ?? 0;
      engine.lsn = base;
      const tail = opened.records.filter((rec) => typeof rec.l === 'number' && rec.l > base);
      // A drop of everything in the journal voids the snapshot's sections: all load now.
      const dropped = tail.some((rec) => rec.t === 'D');
      const limit = dropped ? Infinity : (options.backgroundLoadRecords ?? DEFAULT_BACKGROUND);
      const sections = snapshot?.sections ?? [];
      const later = sections.filter((s) => s.count > limit);
      const laterNames = new Set(later.map((s) => s.name));
      for (const section of sections) {
        if (laterNames.has(section.name)) continue;
        await decodeSection(section, Infinity, engine.sinkFor(section.name), noWait);
      }
      // Journal records of a collection loading in the background are replayed after it.
      const deferred = new Map<string, Document[]>();
      for (const rec of tail) {
        // A batch (`g`) spans collections: each of its records goes where its collection's go.
        for (const one of rec.t === 'g' ? engine.unbatch(rec) : [rec]) {
          const c = typeof one.c === 'string' ? one.c : undefined;
          if (c !== undefined && laterNames.has(c)) {
            let list = deferred.get(c);
            if (!list) deferred.set(c, (list = []));
            list.push(one);
          } else {
            engine.apply(one);
          }
        }
        engine.lsn = Math.max(engine.lsn, rec.l as number);
      }
      if (opened.truncated) {
        engine.warn(
          `Embedded store ${dir}: dropped ${opened.truncated.bytes} bytes at the end of the ` +
            `journal (${opened.truncated.reason}); they were an unacknowledged, interrupted write.`
        );
      }
      // The indexes of collections loading in the background, known now (see sectionIndexes).
      for (const section of later) {
        for (const rec of await sectionIndexes(section)) engine.apply(rec);
      }
      const hints = later.length > 0 ? await readRunHints(dir) : [];
      await engine.sweepExpired();
      // A snapshot in an older format is rewritten in the current one once everything is in.
      engine.upgrade = snapshot !== undefined && snapshot.format < SNAPSHOT_FORMAT;
      if (later.length > 0) engine.loadInBackground(later, deferred, hints);
      else engine.upgradeSnapshot();
    } catch (e) {
      await engine.journal.close();
      throw e;
    }
    const every = options.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_MS;
    engine.timer = setInterval(() => {
      if (engine.loads.size > 0) return;
      engine.sweepExpired().catch((e: unknown) => engine.warn(`TTL sweep failed: ${String(e)}`));
    }, every);
    engine.timer.unref();
    return engine;
  }

  /**
   * Loads the large collections after open has returned, a slice of records at a time with the
   * event loop free in between, so the service answers (and its other collections work) while a
   * million tickets load. An operation on a collection still loading waits for it (see
   * `loaded`). Each collection's journal records are replayed right after its section; the sorted
   * runs its queries used before the last stop (run hints) are rebuilt unless the snapshot brought
   * them back, and the page's code is exercised over a fixed sample of them (see warmRuns), so the
   * first aggregate page after a start runs compiled code.
   */
  private loadInBackground(
    sections: SnapshotSection[],
    deferred: Map<string, Document[]>,
    hints: RunHint[]
  ): void {
    const pending = new Map<string, Deferred>();
    for (const s of sections) {
      const waiter = newDeferred();
      // Rejected when the store stops (or the load fails) before it is in: operations waiting on
      // it fail with that, and with none waiting it is no unhandled rejection (a stop during the
      // load would end the process with an error).
      waiter.promise.catch(() => undefined);
      pending.set(s.name, waiter);
      this.loads.set(s.name, waiter.promise);
    }
    const between = async (): Promise<void> => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) throw new Error(`Embedded store ${this.dir} is closed.`);
    };
    this.loading = (async () => {
      for (const section of sections) {
        await between();
        await decodeSection(section, LOAD_SLICE, this.sinkFor(section.name), between);
        section.bytes = undefined;
        section.records = undefined;
        for (const rec of deferred.get(section.name) ?? []) this.apply(rec);
        const data = this.data(section.name);
        for (const hint of hints) {
          if (hint.c === section.name) await data.warmRuns(hint.field, hint.order, between);
        }
        this.loads.delete(section.name);
        pending.get(section.name)!.resolve();
      }
      await this.sweepExpired();
      this.upgradeSnapshot();
    })().catch((e: unknown) => {
      if (!this.closed) {
        this.loadFailure = e;
        this.warn(`Embedded store ${this.dir}: loading failed: ${String(e)}`);
      }
      for (const [name, waiter] of pending) {
        if (this.loads.delete(name)) waiter.reject(e);
      }
    });
  }

  /**
   * Rewrites a snapshot read in an older format in the current one, in the background once
   * everything is in memory, so the next start reads the faster format. Like a background
   * compaction, a stop gives it up (the old snapshot and the journal still hold everything).
   */
  private upgradeSnapshot(): void {
    if (!this.upgrade || this.closed) return;
    this.upgrade = false;
    void this.journal
      .exclusive(async () => {
        if (this.closed || this.journal.failed !== undefined) return;
        await this.compactNow(() => this.closed);
      })
      .catch((e: unknown) => {
        if (!(e instanceof SnapshotAbandoned)) {
          this.warn(`Embedded store ${this.dir}: rewriting the snapshot failed: ${String(e)}`);
        }
      });
  }

  /**
   * Undefined once `name` (or, for '*', every collection) is in memory; otherwise a promise that
   * settles when it is (rejecting if the store closed or the load failed meanwhile).
   */
  loaded(name: string): Promise<void> | undefined {
    if (this.loads.size === 0) return undefined;
    if (name === '*') return Promise.all(this.loads.values()).then(() => undefined);
    return this.loads.get(name);
  }

  collection<T extends BaseDoc>(name: string): DocCollection<T> {
    if (typeof name !== 'string' || name === '' || name.includes('$') || name.includes('\0')) {
      throw new Error(`Invalid collection name: ${JSON.stringify(name)}`);
    }
    let handle = this.handles.get(name);
    if (!handle) {
      handle = new EmbeddedCollection<BaseDoc>(this, this.data(name));
      this.handles.set(name, handle);
    }
    return handle as unknown as DocCollection<T>;
  }

  /**
   * Every write is checked first, then all run in one synchronous step (nothing else interleaves)
   * and are journaled as one `g` record: one wait for the disk, and a crash keeps all or none.
   * A failure or an unmet `required` write puts back every document the batch had changed.
   */
  async writeBatch(writes: BatchWrite[]): Promise<BatchWriteResult[] | null> {
    this.assertUsable();
    if (!Array.isArray(writes) || writes.length === 0) {
      throw storeError('BadValue', 'A batch needs at least one write.');
    }
    // Collections still loading in the background are waited for, as every other operation does.
    for (const name of new Set(writes.map((w) => w?.collection))) {
      const waiting = typeof name === 'string' ? this.loaded(name) : undefined;
      if (waiting) await waiting;
    }
    this.assertUsable();
    const steps: BatchStep[] = writes.map((w) => {
      const keys = Object.keys(w ?? {}).filter((k) => k !== 'collection');
      if (keys.length !== 1) {
        throw storeError('BadValue', `Invalid batch write: ${JSON.stringify(w)}`);
      }
      const kind = keys[0]!;
      const handle = this.collection(w.collection) as unknown as EmbeddedCollection<BaseDoc>;
      return handle.batchStep(kind, (w as Record<string, unknown>)[kind]);
    });
    const frames: Buffer[] = [];
    const undo: UndoEntry[] = [];
    const results: BatchWriteResult[] = [];
    try {
      for (const step of steps) {
        const r = step(frames, undo);
        if (r === UNMET) {
          undoChanges(undo);
          return null;
        }
        results.push(r);
      }
      if (frames.length > 1) {
        let bytes = 0;
        for (const f of frames) bytes += f.length;
        if (bytes > MAX_BATCH_BYTES) {
          throw storeError('BSONObjectTooLarge', 'The batch exceeds the 16 MiB BSON limit');
        }
        frames.splice(0, frames.length, encodeBatchFrame(++this.lsn, frames));
      }
    } catch (e) {
      undoChanges(undo);
      throw e;
    }
    if (frames.length > 0) await this.append(frames);
    return results;
  }

  async dropAll(): Promise<void> {
    this.assertUsable();
    await this.loaded('*');
    this.assertUsable();
    const frame = this.encode({ t: 'D' });
    for (const data of this.collections.values()) data.clear();
    await this.append([frame]);
  }

  async compact(): Promise<void> {
    this.assertUsable();
    await this.loaded('*');
    this.assertUsable();
    await this.journal.exclusive(() => this.compactNow());
  }

  async sweepExpired(): Promise<number> {
    this.assertUsable();
    const cutoffBase = this.now().getTime();
    const frames: Buffer[] = [];
    for (const data of this.collections.values()) {
      // A collection still loading is swept once it is in memory.
      if (this.loads.has(data.name)) continue;
      for (const idx of data.indexes.values()) {
        const ttl = idx.def.expireAfterSeconds;
        if (ttl === undefined) continue;
        const cutoff = cutoffBase - ttl * 1000;
        const field = idx.fields[0]!;
        const expired: string[] = [];
        for (const doc of data.docs.values()) {
          // Like MongoDB: only Date values expire; with an array of dates the earliest counts.
          let earliest = Infinity;
          for (const leaf of valuesAtPath(doc, field)) {
            for (const v of Array.isArray(leaf) ? leaf : [leaf]) {
              if (v instanceof Date) earliest = Math.min(earliest, v.getTime());
            }
          }
          if (earliest <= cutoff) expired.push(doc._id);
        }
        for (const id of expired) {
          frames.push(this.encode({ t: 'x', c: data.name, id }));
          data.delete(id);
        }
      }
    }
    if (frames.length > 0) await this.append(frames);
    return frames.length;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    try {
      // A load still running stops at its next slice; the files are then as they were at open.
      await this.loading;
      const complete = this.loads.size === 0 && this.loadFailure === undefined;
      if (complete) await this.saveRunHints();
      // After an I/O failure memory is ahead of disk: snapshotting it would make writes that were
      // reported as failed durable, so the journal is left for the next open to replay.
      if (complete && this.journal.failed === undefined && this.compactOnClose) {
        await this.journal.exclusive(async () => {
          if (await this.worthCompactingOnClose()) await this.compactNow();
        });
      }
      await this.journal.close();
    } finally {
      await this.lock.release();
    }
  }

  /**
   * A stop must stay short (a container's grace period): the snapshot is rewritten only when the
   * journal is past `compactOnCloseBytes` and at least the snapshot's size (a packed snapshot
   * holds its documents in about a quarter of their BSON bytes, so that is a journal of about a
   * quarter of the data), i.e. when the replay it saves costs about as much as the rewrite.
   * Otherwise the next open replays it.
   */
  private async worthCompactingOnClose(): Promise<boolean> {
    const journal = this.journal.size;
    if (journal < this.compactOnCloseBytes) return false;
    const snapshot = await stat(join(this.dir, SNAPSHOT_FILE)).then(
      (s) => s.size,
      () => 0
    );
    return journal >= snapshot;
  }

  // --- CollectionHost ---

  assertUsable(): void {
    if (this.closed) throw new Error(`Embedded store ${this.dir} is closed.`);
    if (this.loadFailure !== undefined) {
      throw new Error(
        `Embedded store ${this.dir} could not load its snapshot: ${String(this.loadFailure)}`
      );
    }
    const failure = this.journal.failed;
    if (failure !== undefined) {
      throw new Error(
        `Embedded store ${this.dir} stopped after a journal write failed: ${String(failure)}`
      );
    }
  }

  encode(record: Document): Buffer {
    return encodeFrame({ l: ++this.lsn, ...record });
  }

  append(frames: Buffer[]): Promise<void> {
    return this.journal.append(frames);
  }

  snapshotOf(name: string): Record<string, unknown>[] {
    const data = this.collections.get(name);
    return data ? [...data.docs.values()].map((d) => cloneDoc(d)) : [];
  }

  // --- internals ---

  private data(name: string): CollectionData {
    let data = this.collections.get(name);
    if (!data) {
      data = new CollectionData(name);
      this.collections.set(name, data);
    }
    return data;
  }

  /** Where the snapshot section of collection `name` is decoded to. */
  private sinkFor(name: string): SectionSink {
    return {
      records: (records) => {
        for (const rec of records) this.apply(rec);
      },
      docs: (docs) => this.data(name).loadDocs(docs),
      // Checked against the documents; if they do not match, they are built on first use.
      runs: (field, order, runs, checkedAmong) =>
        void this.data(name).adoptRuns(field, order, runs, checkedAmong),
      deferTables: (fields) => this.data(name).deferTables(fields),
      table: (field, byKey, among) => this.data(name).adoptTable(field, byKey, among),
    };
  }

  /** Remembers which sorted runs are in use, for the next start to rebuild while loading. */
  private async saveRunHints(): Promise<void> {
    const hints: RunHint[] = [];
    for (const data of this.collections.values()) {
      for (const [field, order] of data.runOrders()) hints.push({ c: data.name, field, order });
    }
    try {
      await writeRunHints(this.dir, hints);
    } catch (e) {
      this.warn(`Embedded store ${this.dir}: could not save run hints: ${String(e)}`);
    }
  }

  /** The records of one batch (`g`), framed inside it (a torn batch is cut off whole). */
  private unbatch(rec: Document): Document[] {
    const bytes: Uint8Array =
      rec.f instanceof Binary ? rec.f.buffer.subarray(0, rec.f.position) : rec.f;
    const inner = decodeFrames(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (inner.problem) {
      throw new Error(
        `Embedded store ${this.dir}: a journaled batch is corrupt (${inner.problem}).`
      );
    }
    return inner.records;
  }

  /** Applies a journal or snapshot record to memory (replay trusts what was committed). */
  private apply(rec: Document): void {
    switch (rec.t) {
      case 'p':
        this.data(String(rec.c)).put(rec.d as Doc);
        break;
      case 'u': {
        // An update journaled as itself, replayed on the version it was applied to.
        const data = this.data(String(rec.c));
        const before = data.docs.get(String(rec.id));
        if (!before) {
          throw new Error(
            `Embedded store ${this.dir}: the journal updates ${String(rec.id)} in ${String(rec.c)}, ` +
              'which does not exist; restore the data directory from a backup.'
          );
        }
        const next = replayUpdate(before, rec.m as Doc, rec.af as Doc[] | undefined);
        if (next) data.put(next);
        break;
      }
      case 'x':
        this.data(String(rec.c)).delete(String(rec.id));
        break;
      case 'i': {
        const data = this.data(String(rec.c));
        const def = rec.def as IndexDef;
        if (!data.indexes.has(def.name)) data.addIndex(def, { trusted: true });
        break;
      }
      case 'D':
        for (const data of this.collections.values()) data.clear();
        break;
      case 'g':
        for (const r of this.unbatch(rec)) this.apply(r);
        break;
      default:
        throw new Error(`Embedded store ${this.dir}: unknown record type ${JSON.stringify(rec.t)}`);
    }
  }

  private async maybeCompact(): Promise<void> {
    if (this.journal.size < this.threshold || this.journal.failed !== undefined) return;
    // Memory holds only part of the data while a collection loads: no snapshot of it until then.
    if (this.loads.size > 0) return;
    try {
      // Batches still syncing resolve first: the journal they are in is about to be emptied.
      await this.journal.settled();
      if (this.journal.failed !== undefined) return;
      // A stop does not wait for a background snapshot of a large store: it is given up (the
      // journal still holds everything) and the stop goes on.
      await this.compactNow(() => this.closed);
    } catch (e) {
      if (e instanceof SnapshotAbandoned) return;
      // The journal still holds everything, so a failed compaction only costs disk space.
      this.warn(`Embedded store ${this.dir}: compaction failed: ${String(e)}`);
    }
  }

  /** Snapshot of memory as of the latest sequence number, then an empty journal. I/O chain only. */
  private async compactNow(abandon?: () => boolean): Promise<void> {
    // Captured synchronously: stored versions are immutable, so these references are one instant
    // of memory whatever runs while the snapshot is encoded and written.
    const lsn = this.lsn;
    const captured: CollectionCapture[] = [];
    for (const data of this.collections.values()) {
      captured.push({
        name: data.name,
        indexes: [...data.indexes.values()].map((idx) => ({ ...idx.def })),
        docs: [...data.docs.values()],
        runs: data.captureRuns(),
      });
    }
    await writeSnapshot(this.dir, lsn, captured, abandon);
    await this.journal.truncateNow();
  }
}
