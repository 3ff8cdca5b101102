/**
 * The append-only journal with group commit. Callers append encoded records synchronously (right
 * after changing memory) and get a promise that resolves once those bytes are written and
 * fdatasync'ed. Records queued while a sync is in flight go out together in the next write + sync,
 * so many concurrent writers share one fdatasync.
 *
 * All file I/O (batches, compaction) runs one step at a time on a single promise chain, so a
 * snapshot-and-truncate never interleaves with a batch write.
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { decodeFrames } from './frames.ts';
import type { Document } from 'bson';
import { fsyncDir, writeAll } from './fs-sync.ts';
import { dirname } from 'node:path';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every batch promise has an awaiting writer, but a failed batch must never crash the process
  // as an unhandled rejection if a caller dropped its promise.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export interface OpenedJournal {
  journal: Journal;
  records: Document[];
  /** Bytes dropped from a torn or corrupt tail, with the reason. */
  truncated?: { bytes: number; reason: string };
}

export class Journal {
  private pending: Buffer[] = [];
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
    /** Runs on the I/O chain after a batch is durable (compaction hooks in here). */
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

  /** Runs `fn` on the I/O chain, between batches. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
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
      await this.fh.datasync();
      this.bytes += size;
    } catch (e) {
      this.failure = e;
      batch.reject(e);
      return;
    }
    batch.resolve();
    await this.afterBatch(this);
  }
}
