/**
 * Snapshots: the whole store as one file, written atomically (temp file, fsync, rename, fsync of
 * the directory), so a crash leaves either the old or the new snapshot, never a mix.
 *
 * Format 3 (written now): a header record, then one section per collection, then a trailer record
 * listing the sections (offset, bytes, record count, CRC-32 of the section's bytes) and the record
 * count, then a fixed footer (the trailer frame's length and the magic `RPHS`) so the trailer is
 * found from the end. A section is a list of parts, each a uint32 length, a kind byte and its
 * bytes: the collection's index records (kind `I`, BSON) then its documents in packed blocks
 * (kind `P`, see packed-docs.ts: one string table per block instead of a BSON record per
 * document, several times faster to decode). The section table lets a reader verify every
 * section at once (one checksum call each) and decode a large collection later, in slices, while
 * the service already answers (see embedded-store.ts).
 *
 * Format 2: the same file layout, but a section is framed BSON records (an index or a document
 * each). Format 1 (the oldest): a header, index and document records, a trailer with the record
 * count; no sections, decoded whole at open. Both are still read; the store rewrites them as
 * format 3 once they are loaded (see embedded-store.ts).
 */
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';
import { decodeFrames, encodeFrame } from './frames.ts';
import { PackedBlockReader, PackedBlockWriter } from './packed-docs.ts';
import { fsyncDir, writeAll } from './fs-sync.ts';
import { RunCheck, type RunPositions } from './run-check.ts';
import type { CapturedRuns } from './collection-data.ts';
import type { IndexDef } from './indexes.ts';
import type { Doc } from './values.ts';

export const SNAPSHOT_FILE = 'snapshot.bson';
const TMP_SUFFIX = '.tmp';
const LEGACY_FORMAT = 1;
/** Sections of framed BSON records. */
const FRAMES_FORMAT = 2;
export const SNAPSHOT_FORMAT = 3;
const MAGIC = 'RPHS';
const FOOTER_BYTES = 8;
/** Frames are gathered into chunks of about this size per write call. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Documents encoded between two yields to the event loop while a snapshot is written. */
const ENCODE_SLICE = 2_000;
/** A packed block is closed at this many documents or tape bytes, whichever comes first. */
const BLOCK_DOCS = 20_000;
const BLOCK_BYTES = 8 * 1024 * 1024;
/** Kinds of the parts of a format-3 section. */
const PART_INDEX = 0x49; // 'I'
const PART_PACKED = 0x50; // 'P'
const PART_RUNS = 0x52; // 'R'
const PART_HEADER = 5;

/** One collection as captured for a snapshot: its index definitions and document versions. */
export interface CollectionCapture {
  name: string;
  indexes: IndexDef[];
  /** Stored versions are immutable, so holding the references freezes this instant. */
  docs: Doc[];
  /** Sorted runs to persist (copied when captured), so a start need not sort them again. */
  runs?: CapturedRuns[];
}

/** One collection's section of a format-2 snapshot, as located in the file. */
export interface SnapshotSection {
  name: string;
  /** Index and document records in the section. */
  count: number;
  /** The section's bytes (parts or frames), already verified against its checksum. */
  bytes?: Buffer;
  /** How `bytes` is laid out: packed parts (format 3) or framed BSON records (format 2). */
  packed?: boolean;
  /** Or its records, already decoded (format 1). */
  records?: Document[];
}

export interface SnapshotContents {
  /** The journal sequence number the snapshot includes everything up to. */
  lsn: number;
  /** The format read (1: legacy, decoded whole; 2: sections). */
  format: number;
  /** The sections, in file order; decode them with `decodeSection`. */
  sections: SnapshotSection[];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Atomically replaces the snapshot with `collections` as of `lsn`. Encoding runs in slices with
 * the event loop free in between (a million tickets take seconds to encode): the captured
 * document versions cannot change meanwhile, so the file still holds exactly one instant.
 */
export async function writeSnapshot(
  dir: string,
  lsn: number,
  collections: CollectionCapture[],
  /** Checked between slices: true abandons the write (the temp file is removed, nothing else). */
  abandon: () => boolean = () => false
): Promise<void> {
  const final = join(dir, SNAPSHOT_FILE);
  const tmp = final + TMP_SUFFIX;
  const fh = await open(tmp, 'w');
  try {
    const out = new ChunkWriter(fh);
    await out.add(encodeFrame({ t: 'h', v: SNAPSHOT_FORMAT, lsn, at: new Date() }));
    const sections: Document[] = [];
    let total = 0;
    for (const c of collections) {
      const offset = out.offset;
      out.startSection();
      for (const def of c.indexes) {
        const body = serialize({ t: 'i', c: c.name, def: { ...def } });
        await out.part(PART_INDEX, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      }
      const runs = c.runs ?? [];
      // Each document's position in the section, for the runs (only when there are some).
      const positions = runs.length > 0 ? new Map<Doc, number>() : undefined;
      let block = new PackedBlockWriter();
      for (let i = 0; i < c.docs.length; i++) {
        block.add(c.docs[i]!);
        positions?.set(c.docs[i]!, i);
        if (block.count >= BLOCK_DOCS || block.bytes >= BLOCK_BYTES) {
          await out.part(PART_PACKED, block.finish());
          block = new PackedBlockWriter();
        }
        if (i % ENCODE_SLICE === ENCODE_SLICE - 1) {
          await yieldToEventLoop();
          if (abandon()) throw new SnapshotAbandoned();
        }
      }
      if (block.count > 0) await out.part(PART_PACKED, block.finish());
      for (const r of runs) {
        const body = encodeRuns(r, positions!);
        if (body) await out.part(PART_RUNS, body);
      }
      const count = c.indexes.length + c.docs.length;
      total += count;
      sections.push({
        c: c.name,
        n: count,
        offset,
        bytes: out.offset - offset,
        crc: out.sectionCrc,
      });
    }
    const trailer = encodeFrame({ t: 'e', v: SNAPSHOT_FORMAT, n: total, sections });
    await out.add(trailer);
    const footer = Buffer.alloc(FOOTER_BYTES);
    footer.writeUInt32LE(trailer.length, 0);
    footer.write(MAGIC, 4, 'latin1');
    await out.add(footer);
    await out.flush();
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, final);
  await fsyncDir(dir);
}

/**
 * A runs part: a uint32 length and the BSON of `{ field, order, keys }`, then per key its run's
 * length and its documents' positions in the section (uint32 each). Undefined if a run holds a
 * document that is not in the section (not expected: both were captured at the same instant).
 */
function encodeRuns(r: CapturedRuns, positions: Map<Doc, number>): Buffer | undefined {
  const keys = [...r.runs.keys()];
  const head = serialize({ field: r.field, order: r.order, keys });
  let total = 0;
  for (const run of r.runs.values()) total += 1 + run.length;
  const body = Buffer.allocUnsafe(4 + head.length + 4 * total);
  body.writeUInt32LE(head.length, 0);
  body.set(head, 4);
  let at = 4 + head.length;
  for (const run of r.runs.values()) {
    body.writeUInt32LE(run.length, at);
    at += 4;
    for (const doc of run) {
      const p = positions.get(doc);
      if (p === undefined) return undefined;
      body.writeUInt32LE(p, at);
      at += 4;
    }
  }
  return body;
}

/** A snapshot write given up because the store is stopping (the journal still holds it all). */
export class SnapshotAbandoned extends Error {
  constructor() {
    super('snapshot abandoned: the store is stopping');
  }
}

/** Gathers frames into large writes and keeps the running checksum of the current section. */
class ChunkWriter {
  private chunk: Buffer[] = [];
  private chunkBytes = 0;
  offset = 0;
  sectionCrc = 0;

  constructor(private readonly fh: FileHandle) {}

  startSection(): void {
    this.sectionCrc = 0;
  }

  /** A part of a format-3 section: its length (kind byte included), its kind, its bytes. */
  async part(kind: number, body: Buffer): Promise<void> {
    const head = Buffer.allocUnsafe(PART_HEADER);
    head.writeUInt32LE(body.length + 1, 0);
    head[4] = kind;
    await this.add(head);
    await this.add(body);
  }

  async add(frame: Buffer): Promise<void> {
    this.chunk.push(frame);
    this.chunkBytes += frame.length;
    this.offset += frame.length;
    this.sectionCrc = crc32(frame, this.sectionCrc);
    if (this.chunkBytes >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunkBytes === 0) return;
    await writeAll(this.fh, Buffer.concat(this.chunk, this.chunkBytes));
    this.chunk = [];
    this.chunkBytes = 0;
  }
}

/** Removes a temp file left by a crash during a snapshot write. */
export async function removeSnapshotLeftovers(dir: string): Promise<void> {
  await rm(join(dir, SNAPSHOT_FILE + TMP_SUFFIX), { force: true });
}

/**
 * Reads and verifies the snapshot, if any, without decoding its documents. Unlike the journal, a
 * damaged snapshot is not silently trimmed: it was renamed into place only once complete, so
 * damage means data loss and opening must stop.
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
  const bad = (why: string): Error =>
    new Error(`Embedded store snapshot ${path} is damaged (${why}); restore it from a backup.`);
  const header = firstRecord(buf);
  if (!header || header.t !== 'h' || typeof header.lsn !== 'number') {
    throw bad('missing or unknown header');
  }
  if (header.v === LEGACY_FORMAT) return readLegacy(buf, header.lsn, bad);
  if (header.v !== SNAPSHOT_FORMAT && header.v !== FRAMES_FORMAT) {
    throw bad(`unknown format ${String(header.v)}`);
  }
  const packed = header.v === SNAPSHOT_FORMAT;
  if (buf.length < FOOTER_BYTES || buf.toString('latin1', buf.length - 4) !== MAGIC) {
    throw bad('missing footer');
  }
  const trailerLength = buf.readUInt32LE(buf.length - FOOTER_BYTES);
  const trailerAt = buf.length - FOOTER_BYTES - trailerLength;
  const decoded =
    trailerAt > 0 ? decodeFrames(buf.subarray(trailerAt, trailerAt + trailerLength)) : undefined;
  const trailer = decoded?.records[0];
  if (
    !trailer ||
    decoded.records.length !== 1 ||
    trailer.t !== 'e' ||
    trailer.v !== header.v ||
    !Array.isArray(trailer.sections)
  ) {
    throw bad('missing trailer');
  }
  const sections: SnapshotSection[] = [];
  let records = 0;
  let end = buf.readInt32LE(0) + 4;
  for (const s of trailer.sections as Document[]) {
    const { c, n, offset, bytes, crc } = s;
    if (
      typeof c !== 'string' ||
      typeof n !== 'number' ||
      offset !== end ||
      typeof bytes !== 'number' ||
      offset + bytes > trailerAt
    ) {
      throw bad('inconsistent section table');
    }
    const body = buf.subarray(offset, offset + bytes);
    if (crc32(body) !== crc) throw bad(`checksum mismatch in ${c}`);
    sections.push({ name: c, count: n, bytes: body, packed });
    records += n;
    end = offset + bytes;
  }
  if (end !== trailerAt || trailer.n !== records) throw bad('record count mismatch');
  return { lsn: header.lsn, format: header.v, sections };
}

/** Format 1: every record decoded and checked now, regrouped into one section per collection. */
function readLegacy(buf: Buffer, lsn: number, bad: (why: string) => Error): SnapshotContents {
  const { records, validLength, problem } = decodeFrames(buf);
  if (validLength !== buf.length) throw bad(problem ?? 'corrupt record');
  const trailer = records[records.length - 1];
  if (!trailer || trailer.t !== 'e' || trailer.n !== records.length - 2) {
    throw bad('missing trailer');
  }
  const byName = new Map<string, Document[]>();
  for (let i = 1; i < records.length - 1; i++) {
    const rec = records[i]!;
    const name = String(rec.c);
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(rec);
  }
  return {
    lsn,
    format: LEGACY_FORMAT,
    sections: [...byName].map(([name, list]) => ({ name, count: list.length, records: list })),
  };
}

function firstRecord(buf: Buffer): Document | undefined {
  if (buf.length < 9) return undefined;
  const len = buf.readInt32LE(0);
  if (len < 5 || len + 4 > buf.length) return undefined;
  return decodeFrames(buf.subarray(0, len + 4)).records[0];
}

/** Where a section's contents go while it is decoded. */
export interface SectionSink {
  /** Index (and, before format 3, document) records, as the journal has them. */
  records(records: Document[]): void;
  /** Documents of the section's collection. */
  docs(docs: Doc[]): void;
  /**
   * Sorted runs persisted with them (format 3), once all of the section's documents are in;
   * `checkedAmong`: the members were checked as they loaded (see run-check.ts) against that
   * many documents, the whole section.
   */
  runs(field: string, order: string, runs: Map<string, Doc[]>, checkedAmong?: number): void;
}

/**
 * Decodes a verified section in slices of about `slice` records, handing each slice to `sink`,
 * with `between` awaited between slices. A part that does not decode (the checksum matched, so
 * the file was written wrong or altered) throws.
 */
export async function decodeSection(
  section: SnapshotSection,
  slice: number,
  sink: SectionSink,
  between: () => Promise<void>
): Promise<void> {
  if (section.records) {
    for (let i = 0; i < section.records.length; i += slice) {
      if (i > 0) await between();
      sink.records(section.records.slice(i, i + slice));
    }
    return;
  }
  const buf = section.bytes ?? Buffer.alloc(0);
  if (section.packed) return decodeParts(section, buf, slice, sink, between);
  let pos = 0;
  let batch: Document[] = [];
  while (pos < buf.length) {
    const len = buf.readInt32LE(pos);
    // Each frame is copied before it is decoded: the BSON parser is several times slower on a
    // view into a buffer of hundreds of megabytes than on a buffer of its own (measured).
    batch.push(deserialize(Buffer.from(buf.subarray(pos, pos + len))));
    pos += len + 4;
    if (batch.length >= slice) {
      sink.records(batch);
      batch = [];
      await between();
    }
  }
  if (batch.length > 0) sink.records(batch);
}

/** Format 3: index parts, then packed blocks of documents. */
async function decodeParts(
  section: SnapshotSection,
  buf: Buffer,
  slice: number,
  sink: SectionSink,
  between: () => Promise<void>
): Promise<void> {
  const bad = (why: string): Error =>
    new Error(`Embedded store snapshot section ${section.name} is damaged (${why}).`);
  const parts: { kind: number; body: Buffer }[] = [];
  for (let pos = 0; pos < buf.length;) {
    if (buf.length - pos < PART_HEADER) throw bad('truncated part');
    const len = buf.readUInt32LE(pos);
    const end = pos + 4 + len;
    if (len < 1 || end > buf.length) throw bad('part overruns the section');
    parts.push({ kind: buf[pos + 4]!, body: buf.subarray(pos + PART_HEADER, end) });
    pos = end;
  }
  // The runs parts follow the documents; read first, they are checked as the documents load.
  const checks: RunCheck[] = [];
  for (const { kind, body } of parts) {
    if (kind !== PART_RUNS) continue;
    const runs = decodeRuns(body);
    if (!runs) throw bad('unreadable runs');
    checks.push(new RunCheck(runs));
  }
  let decoded = 0;
  let total = 0;
  /** The section's documents in order, for the runs. */
  const all: Doc[] = [];
  for (const { kind, body } of parts) {
    if (kind === PART_INDEX) {
      sink.records([deserialize(body)]);
      total++;
      continue;
    }
    if (kind === PART_RUNS) continue;
    if (kind !== PART_PACKED) throw bad(`unknown part ${String(kind)}`);
    let reader: PackedBlockReader;
    try {
      reader = new PackedBlockReader(body);
    } catch (e) {
      throw bad(String(e));
    }
    while (reader.remaining > 0) {
      if (decoded >= slice) {
        decoded = 0;
        await between();
      }
      let docs: Doc[];
      try {
        docs = reader.next(slice - decoded);
      } catch (e) {
        throw bad(String(e));
      }
      decoded += docs.length;
      total += docs.length;
      if (checks.length > 0) {
        for (const doc of docs) {
          all.push(doc);
          for (const check of checks) check.see(doc);
        }
      }
      sink.docs(docs);
    }
  }
  if (total !== section.count) throw bad(`${total} records instead of ${section.count}`);
  for (const check of checks) {
    const done = check.finish(all);
    if (!done) throw bad('unreadable runs');
    sink.runs(check.field, check.order, done.runs, done.checked ? all.length : undefined);
  }
}

/** A runs part back into the positions of its runs (see encodeRuns). */
function decodeRuns(body: Buffer): RunPositions | undefined {
  if (body.length < 4) return undefined;
  const headLength = body.readUInt32LE(0);
  if (4 + headLength > body.length) return undefined;
  const head = deserialize(body.subarray(4, 4 + headLength));
  const { field, order, keys } = head;
  if (typeof field !== 'string' || typeof order !== 'string' || !Array.isArray(keys)) {
    return undefined;
  }
  if (!keys.every((k: unknown) => typeof k === 'string')) return undefined;
  // The positions, as one aligned copy read without per-value bounds checks.
  const start = 4 + headLength;
  if ((body.length - start) % 4 !== 0) return undefined;
  const words = new Uint32Array((body.length - start) / 4);
  if (endianness() === 'LE') new Uint8Array(words.buffer).set(body.subarray(start));
  else for (let i = 0; i < words.length; i++) words[i] = body.readUInt32LE(start + 4 * i);
  return { field, order, keys: keys as string[], words };
}
