/**
 * The append-only journal with group commit. Callers append encoded records synchronously (right
 * after changing memory) and get a promise that resolves once those bytes are written and
 * fdatasync'ed. Records queued while a batch is being written go out together in the next write,
 * so many concurrent writers share one write and one fdatasync.
 *
 * Writes run one at a time on a single promise chain (appends stay in order), but a batch's
 * fdatasync does not hold the chain: the next batch is written while earlier syncs are still in
 * flight (up to MAX_SYNCS_IN_FLIGHT; the disk serves overlapping flushes several times faster
 * than back-to-back ones). A sync covers every byte written before it was issued, so when one
 * completes, its batch and every earlier batch are durable and resolve, in order. Compaction and
 * other exclusive steps first wait for every sync in flight, so a snapshot-and-truncate never
 * interleaves with a batch.
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { decodeFrames } from './frames.ts';
import type { Document } from 'bson';
import { fsyncDir, writeAll } from './fs-sync.ts';
import { dirname } from 'node:path';

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every batch promise has an awaiting writer, but a failed batch must never crash the process
  // as an unhandled rejection if a caller dropped its promise (nor a collection load nobody
  // waited for, see embedded-store.ts).
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export interface OpenedJournal {
  journal: Journal;
  records: Document[];
  /** Bytes dropped from a torn or corrupt tail, with the reason. */
  truncated?: { bytes: number; reason: string };
}

/** fdatasyncs issued and not yet completed, at most. */
const MAX_SYNCS_IN_FLIGHT = 3;

export class Journal {
  private pending: Buffer[] = [];
  /** Written batches whose sync has not completed yet, oldest first. */
  private unsynced: Deferred[] = [];
  /** Syncs in flight (each settles without rejecting). */
  private readonly syncs = new Set<Promise<void>>();
  private pendingBytes = 0;
  private batch: Deferred | undefined;
  private scheduled = false;
  /** The I/O chain; never rejects. */
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;
  private closed = false;
  private bytes: number;

  private constructor(
    private readonly fh: FileHandle,
    size: number,
    /** Runs on the I/O chain after a batch is written (compaction hooks in here; see settled). */
    private readonly afterBatch: (journal: Journal) => Promise<void>
  ) {
    this.bytes = size;
  }

  /**
   * Opens (creating if needed) a journal and reads its records. A torn or corrupt tail, which only
   * an interrupted, never-acknowledged batch can leave, is cut off so appends continue cleanly.
   */
  static async open(
    path: string,
    afterBatch: (journal: Journal) => Promise<void>
  ): Promise<OpenedJournal> {
    let buf: Buffer;
    let created = false;
    try {
      buf = await readFile(path);
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
      buf = Buffer.alloc(0);
      created = true;
    }
    const decoded = decodeFrames(buf);
    let truncated: OpenedJournal['truncated'];
    if (decoded.validLength < buf.length) {
      await truncate(path, decoded.validLength);
      truncated = {
        bytes: buf.length - decoded.validLength,
        reason: decoded.problem ?? 'corrupt tail',
      };
    }
    const fh = await open(path, 'a');
    if (truncated) await fh.datasync();
    if (created) await fsyncDir(dirname(path));
    const journal = new Journal(fh, decoded.validLength, afterBatch);
    return { journal, records: decoded.records, truncated };
  }

  /** Bytes currently in the journal file (durable ones). */
  get size(): number {
    return this.bytes;
  }

  /** Set once a write or sync failed: memory is then ahead of disk and the store must stop. */
  get failed(): unknown {
    return this.failure;
  }

  /** Queues encoded records; resolves when they are durable. Call synchronously after mutating. */
  append(frames: Buffer[]): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    for (const f of frames) {
      this.pending.push(f);
      this.pendingBytes += f.length;
    }
    this.batch ??= deferred();
    const promise = this.batch.promise;
    if (!this.scheduled) {
      this.scheduled = true;
      // flush() handles its own errors; the catch only keeps the chain alive if a hook misbehaves.
      this.tail = this.tail.then(() => this.flush()).catch(() => undefined);
    }
    return promise;
  }

  /** Runs `fn` on the I/O chain, between batches, once every written batch is durable. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.drain()).then(fn);
    this.tail = run.then(
      () => undefined,
      () => undefined
    );
    return run;
  }

  /** Empties the journal; only call from the I/O chain (exclusive or afterBatch). */
  async truncateNow(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.datasync();
    this.bytes = 0;
  }

  /** Waits for every queued record, then closes the file. */
  async close(): Promise<void> {
    await this.exclusive(async () => undefined);
    this.closed = true;
    await this.fh.close();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const frames = this.pending;
    const size = this.pendingBytes;
    const batch = this.batch;
    this.pending = [];
    this.pendingBytes = 0;
    this.batch = undefined;
    if (!batch) return;
    if (this.failure !== undefined) {
      batch.reject(this.failure);
      return;
    }
    try {
      await writeAll(this.fh, frames.length === 1 ? frames[0]! : Buffer.concat(frames, size));
      this.bytes += size;
    } catch (e) {
      this.fail(e, batch);
      return;
    }
    this.unsynced.push(batch);
    const sync: Promise<void> = this.fh.datasync().then(
      () => {
        this.syncs.delete(sync);
        // Everything written before this sync was issued is durable: this batch and older ones.
        const i = this.unsynced.indexOf(batch);
        if (i < 0) return;
        for (const done of this.unsynced.splice(0, i + 1)) done.resolve();
      },
      (e: unknown) => {
        this.syncs.delete(sync);
        this.fail(e);
      }
    );
    this.syncs.add(sync);
    while (this.syncs.size >= MAX_SYNCS_IN_FLIGHT) await Promise.race(this.syncs);
    if (this.failure === undefined) await this.afterBatch(this);
  }

  /** Waits until no sync is in flight (every written batch resolved or failed). I/O chain only. */
  async settled(): Promise<void> {
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.syncs.size > 0) await Promise.race(this.syncs);
  }

  /** A write or sync failed: memory is ahead of disk, so every batch not yet durable fails. */
  private fail(e: unknown, batch?: Deferred): void {
    this.failure ??= e;
    for (const b of this.unsynced.splice(0)) b.reject(this.failure);
    batch?.reject(this.failure);
  }
}
