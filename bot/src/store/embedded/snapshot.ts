/**
 * Snapshots: the whole store as one file, written atomically (temp file, fsync, rename, fsync of
 * the directory), so a crash leaves either the old or the new snapshot, never a mix. The file is a
 * header record, then index and document records, then a trailer with the record count.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from 'bson';
import { decodeFrames, encodeFrame } from './frames.ts';
import { fsyncDir, writeAll } from './fs-sync.ts';

export const SNAPSHOT_FILE = 'snapshot.bson';
const TMP_SUFFIX = '.tmp';
const FORMAT = 1;
/** Frames are gathered into chunks of about this size per write call. */
const CHUNK_BYTES = 4 * 1024 * 1024;

export interface SnapshotContents {
  /** The journal sequence number the snapshot includes everything up to. */
  lsn: number;
  /** Index and document records, in file order. */
  records: Document[];
}

/** Encodes a snapshot's frames (synchronously, so it captures one instant of memory). */
export function encodeSnapshot(lsn: number, body: Document[]): Buffer[] {
  const frames = [encodeFrame({ t: 'h', v: FORMAT, lsn, at: new Date() })];
  for (const r of body) frames.push(encodeFrame(r));
  frames.push(encodeFrame({ t: 'e', n: body.length }));
  return frames;
}

/** Atomically replaces the snapshot with `frames`. */
export async function writeSnapshot(dir: string, frames: Buffer[]): Promise<void> {
  const final = join(dir, SNAPSHOT_FILE);
  const tmp = final + TMP_SUFFIX;
  const fh = await open(tmp, 'w');
  try {
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    for (const f of frames) {
      chunk.push(f);
      chunkBytes += f.length;
      if (chunkBytes >= CHUNK_BYTES) {
        await writeAll(fh, Buffer.concat(chunk, chunkBytes));
        chunk = [];
        chunkBytes = 0;
      }
    }
    if (chunkBytes > 0) await writeAll(fh, Buffer.concat(chunk, chunkBytes));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, final);
  await fsyncDir(dir);
}

/** Removes a temp file left by a crash during a snapshot write. */
export async function removeSnapshotLeftovers(dir: string): Promise<void> {
  await rm(join(dir, SNAPSHOT_FILE + TMP_SUFFIX), { force: true });
}

/**
 * Reads the snapshot, if any. Unlike the journal, a damaged snapshot is not silently trimmed: it
 * was renamed into place only once complete, so damage means data loss and opening must stop.
 */
export async function readSnapshot(dir: string): Promise<SnapshotContents | undefined> {
  const path = join(dir, SNAPSHOT_FILE);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
  const { records, validLength, problem } = decodeFrames(buf);
  const header = records[0];
  const trailer = records[records.length - 1];
  const bad = (why: string): Error =>
    new Error(`Embedded store snapshot ${path} is damaged (${why}); restore it from a backup.`);
  if (validLength !== buf.length) throw bad(problem ?? 'corrupt record');
  if (!header || header.t !== 'h' || header.v !== FORMAT || typeof header.lsn !== 'number') {
    throw bad('missing or unknown header');
  }
  if (!trailer || trailer.t !== 'e' || trailer.n !== records.length - 2) {
    throw bad('missing trailer');
  }
  return { lsn: header.lsn, records: records.slice(1, -1) };
}
