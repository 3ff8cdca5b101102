/**
 * Snapshots: the whole store as one file, written atomically (temp file, fsync, rename, fsync of
 * the directory), so a crash leaves either the old or the new snapshot, never a mix.
 *
 * Format 4 (written now): format 3, each section also storing its key tables (kind `T`, see
 * table-parts.ts: each indexed first-key field's values and their documents' positions), so a
 * load hashes each distinct value once instead of each document's.
 *
 * Format 3: a header record, then one section per collection, then a trailer record
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
 * count; no sections, decoded whole at open. Formats 1 to 3 are still read; the store rewrites
 * them in the current format once they are loaded (see embedded-store.ts).
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';
import { decodeFrames, encodeFrame } from './frames.ts';
import { PackedBlockReader, PackedBlockWriter } from './packed-docs.ts';
import { fsyncDir, writeAll } from './fs-sync.ts';
import { RunCheck, type RunPositions } from './run-check.ts';
import { TableCheck, TableWriter, decodeTable, readPositionsPart } from './table-parts.ts';
import type { CapturedRuns } from './collection-data.ts';
import type { IndexDef } from './indexes.ts';
import type { Doc } from './values.ts';

export const SNAPSHOT_FILE = 'snapshot.bson';
const TMP_SUFFIX = '.tmp';
const LEGACY_FORMAT = 1;
/** Sections of framed BSON records. */
const FRAMES_FORMAT = 2;
/** Packed parts without key tables (still read). */
const PACKED_FORMAT = 3;
export const SNAPSHOT_FORMAT = 4;
const MAGIC = 'RPHS';
const FOOTER_BYTES = 8;
/** Frames are gathered into chunks of about this size per write call. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** A section larger than this is read a part at a time as it decodes (see readSnapshot). */
const STREAM_BYTES = 16 * 1024 * 1024;
/** The reused buffer of a large section's checksum pass. */
const READ_CHUNK = 4 * 1024 * 1024;
/** Documents encoded between two yields to the event loop while a snapshot is written. */
const ENCODE_SLICE = 2_000;
/** A packed block is closed at this many documents or tape bytes, whichever comes first. */
const BLOCK_DOCS = 20_000;
const BLOCK_BYTES = 8 * 1024 * 1024;
/** Kinds of the parts of a format-3 section. */
const PART_INDEX = 0x49; // 'I'
const PART_PACKED = 0x50; // 'P'
const PART_RUNS = 0x52; // 'R'
const PART_TABLE = 0x54; // 'T'
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
  /**
   * Or, for a large section, where they are in the file: verified once at open, read again as
   * the section decodes and checked against the same checksum (see filePartSource).
   */
  file?: { path: string; offset: number; bytes: number; crc: number };
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
      const tables = tableFields(c.indexes).map((field) => new TableWriter(field));
      let block = new PackedBlockWriter();
      for (let i = 0; i < c.docs.length; i++) {
        block.add(c.docs[i]!);
        positions?.set(c.docs[i]!, i);
        for (const t of tables) t.add(c.docs[i]!);
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
      for (const t of tables) {
        const body = t.encode();
        if (body) await out.part(PART_TABLE, body);
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
 *
 * A section larger than `streamOver` bytes is not kept in memory: its checksum is computed through one
 * reused buffer, and it is read again, a part at a time, as it decodes (see filePartSource), so
 * a start does not hold (or fault in, page by page) the whole file beside the documents.
 */
export async function readSnapshot(
  dir: string,
  streamOver = STREAM_BYTES
): Promise<SnapshotContents | undefined> {
  const path = join(dir, SNAPSHOT_FILE);
  try {
    return await withFile(path, (fh) => readOpenSnapshot(fh, path, streamOver));
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** `use` of the file at `path` opened for reading, closed after. */
async function withFile<T>(path: string, use: (fh: FileHandle) => Promise<T>): Promise<T> {
  const fh = await open(path, 'r');
  try {
    return await use(fh);
  } finally {
    await fh.close();
  }
}

async function readOpenSnapshot(
  fh: FileHandle,
  path: string,
  streamOver: number
): Promise<SnapshotContents> {
  const bad = (why: string): Error =>
    new Error(`Embedded store snapshot ${path} is damaged (${why}); restore it from a backup.`);
  const size = (await fh.stat()).size;
  const start = await readAt(fh, 0, Math.min(size, 4));
  const headerLength = start.length === 4 ? start.readInt32LE(0) + 4 : 0;
  const header =
    headerLength > 8 && headerLength <= size
      ? firstRecord(await readAt(fh, 0, headerLength))
      : undefined;
  if (!header || header.t !== 'h' || typeof header.lsn !== 'number') {
    throw bad('missing or unknown header');
  }
  if (header.v === LEGACY_FORMAT) return readLegacy(await readAt(fh, 0, size), header.lsn, bad);
  if (header.v !== SNAPSHOT_FORMAT && header.v !== PACKED_FORMAT && header.v !== FRAMES_FORMAT) {
    throw bad(`unknown format ${String(header.v)}`);
  }
  const packed = header.v !== FRAMES_FORMAT;
  const footer = size >= FOOTER_BYTES ? await readAt(fh, size - FOOTER_BYTES, FOOTER_BYTES) : null;
  if (!footer || footer.toString('latin1', 4) !== MAGIC) throw bad('missing footer');
  const trailerLength = footer.readUInt32LE(0);
  const trailerAt = size - FOOTER_BYTES - trailerLength;
  const decoded =
    trailerAt > 0 ? decodeFrames(await readAt(fh, trailerAt, trailerLength)) : undefined;
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
  let end = headerLength;
  let chunk: Buffer | undefined;
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
    if (bytes <= streamOver) {
      const body = await readAt(fh, offset, bytes);
      if (crc32(body) !== crc) throw bad(`checksum mismatch in ${c}`);
      sections.push({ name: c, count: n, bytes: body, packed });
    } else {
      chunk ??= Buffer.allocUnsafe(READ_CHUNK);
      let sum = 0;
      for (let at = 0; at < bytes; at += READ_CHUNK) {
        const part = await readAt(fh, offset + at, Math.min(READ_CHUNK, bytes - at), chunk);
        sum = crc32(part, sum);
      }
      if (sum !== crc) throw bad(`checksum mismatch in ${c}`);
      sections.push({ name: c, count: n, file: { path, offset, bytes, crc }, packed });
    }
    records += n;
    end = offset + bytes;
  }
  if (end !== trailerAt || trailer.n !== records) throw bad('record count mismatch');
  return { lsn: header.lsn, format: header.v, sections };
}

/** `length` bytes at `position` (into `into` when given); fewer only at the end of the file. */
async function readAt(
  fh: FileHandle,
  position: number,
  length: number,
  into: Buffer = Buffer.allocUnsafe(length)
): Promise<Buffer> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(into, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return into.subarray(0, done);
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
  /**
   * Key tables persisted with them (format 4): `deferTables` before the section's first
   * document (the collection then leaves those tables out of its writes), `table` once all are
   * in, with each table's lookup when it checked out, else undefined (built from the documents).
   */
  deferTables(fields: string[]): void;
  /** `among`: the documents the table was checked against, the whole section. */
  table(field: string, byKey: Map<string, string[]> | undefined, among: number): void;
}

/** The fields whose key tables a section stores: the indexes' undotted first keys. */
function tableFields(indexes: IndexDef[]): string[] {
  const fields = new Set<string>();
  for (const def of indexes) {
    const first = Object.keys(def.keys)[0];
    if (first !== undefined && first !== '_id' && !first.includes('.')) fields.add(first);
  }
  return [...fields];
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
  const bad = (why: string): Error =>
    new Error(`Embedded store snapshot section ${section.name} is damaged (${why}).`);
  if (section.packed) {
    const parts = section.file
      ? await filePartSource(section.file, bad)
      : memoryPartSource(section.bytes ?? Buffer.alloc(0), bad);
    try {
      return await decodeParts(section, parts, slice, sink, between, bad);
    } finally {
      await parts.close();
    }
  }
  const buf = section.file
    ? await readWholeSection(section.file, bad)
    : (section.bytes ?? Buffer.alloc(0));
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

/** A large section read whole (format 2: framed records), checked against its checksum. */
function readWholeSection(
  file: NonNullable<SnapshotSection['file']>,
  bad: (why: string) => Error
): Promise<Buffer> {
  return withFile(file.path, async (fh) => {
    const buf = await readAt(fh, file.offset, file.bytes);
    if (buf.length !== file.bytes || crc32(buf) !== file.crc) throw bad('changed since open');
    return buf;
  });
}

/**
 * The index records at the head of a section (its first parts, or frames before format 3), read
 * without its documents: a collection loading in the background knows its indexes from open, so
 * creating one it already has answers at once (a service ensures its indexes before it listens).
 * None for a large format-2 section (creating an index then waits for the load, as before).
 */
export async function sectionIndexes(section: SnapshotSection): Promise<Document[]> {
  const out: Document[] = [];
  if (section.records) return section.records.filter((r) => r.t === 'i');
  const buf = section.bytes;
  if (buf && !section.packed) {
    for (let pos = 0; pos + 4 <= buf.length;) {
      const len = buf.readInt32LE(pos);
      if (len < 5 || pos + len + 4 > buf.length) break;
      const rec = deserialize(Buffer.from(buf.subarray(pos, pos + len)));
      if (rec.t !== 'i') break;
      out.push(rec);
      pos += len + 4;
    }
    return out;
  }
  if (!section.packed) return out;
  const read = async (at: number, length: number): Promise<Buffer> => {
    if (buf) return buf.subarray(at, at + length);
    return withFile(section.file!.path, (fh) => readAt(fh, section.file!.offset + at, length));
  };
  const bytes = buf ? buf.length : section.file!.bytes;
  for (let pos = 0; pos + PART_HEADER <= bytes;) {
    const head = await read(pos, PART_HEADER);
    const len = head.readUInt32LE(0);
    if (head[4] !== PART_INDEX || len < 1 || pos + 4 + len > bytes) break;
    out.push(deserialize(Buffer.from(await read(pos + PART_HEADER, len - 1))));
    pos += 4 + len;
  }
  return out;
}

/** The parts of a format-3/4 section, each a uint32 length, a kind byte and its bytes. */
interface PartSource {
  kinds: number[];
  /** Part i's bytes ahead of file order (the runs and tables, checked as documents load). */
  peek(i: number): Promise<Buffer>;
  /**
   * Part i's bytes in file order, each part once: valid until the next call (a packed block's
   * reader copies everything it keeps). Throws once the last part's bytes do not match.
   */
  next(i: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** The parts of a section held in memory (verified at open). */
function memoryPartSource(buf: Buffer, bad: (why: string) => Error): PartSource {
  const bodies: Buffer[] = [];
  const kinds: number[] = [];
  for (let pos = 0; pos < buf.length;) {
    if (buf.length - pos < PART_HEADER) throw bad('truncated part');
    const len = buf.readUInt32LE(pos);
    const end = pos + 4 + len;
    if (len < 1 || end > buf.length) throw bad('part overruns the section');
    kinds.push(buf[pos + 4]!);
    bodies.push(buf.subarray(pos + PART_HEADER, end));
    pos = end;
  }
  const body = (i: number) => Promise.resolve(bodies[i]!);
  return { kinds, peek: body, next: body, close: () => Promise.resolve() };
}

/**
 * The parts of a large section read from the file as they are needed: one reused buffer for the
 * packed blocks (the largest of them), so the section's bytes are never all in memory. The bytes
 * read are checked against the section's checksum (verified at open) in file order; a part read
 * ahead (runs, tables) is kept until its turn.
 */
async function filePartSource(
  file: NonNullable<SnapshotSection['file']>,
  bad: (why: string) => Error
): Promise<PartSource> {
  const fh = await open(file.path, 'r');
  try {
    const kinds: number[] = [];
    const heads: Buffer[] = [];
    const at: number[] = [];
    for (let pos = 0; pos < file.bytes;) {
      if (file.bytes - pos < PART_HEADER) throw bad('truncated part');
      const head = await readAt(fh, file.offset + pos, PART_HEADER);
      const len = head.length === PART_HEADER ? head.readUInt32LE(0) : 0;
      const end = pos + 4 + len;
      if (len < 1 || end > file.bytes) throw bad('part overruns the section');
      kinds.push(head[4]!);
      heads.push(head);
      at.push(file.offset + pos + PART_HEADER);
      pos = end;
    }
    const lengthOf = (i: number) => heads[i]!.readUInt32LE(0) - 1;
    const kept = new Map<number, Buffer>();
    let reused = Buffer.alloc(0);
    let turn = 0;
    let sum = 0;
    const read = async (i: number, into?: Buffer): Promise<Buffer> => {
      const body = await readAt(fh, at[i]!, lengthOf(i), into);
      if (body.length !== lengthOf(i)) throw bad('changed since open');
      return body;
    };
    return {
      kinds,
      peek: async (i) => {
        let body = kept.get(i);
        if (!body) kept.set(i, (body = await read(i)));
        return body;
      },
      next: async (i) => {
        if (i !== turn) throw new Error(`snapshot part ${i} read out of turn (${turn})`);
        let body = kept.get(i);
        kept.delete(i);
        if (!body) {
          const len = lengthOf(i);
          if (kinds[i] !== PART_PACKED) body = await read(i);
          else {
            if (reused.length < len) reused = Buffer.allocUnsafe(len);
            body = await read(i, reused);
          }
        }
        sum = crc32(body, crc32(heads[i]!, sum));
        if (++turn === kinds.length && sum !== file.crc) throw bad('changed since open');
        return body;
      },
      close: () => fh.close(),
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Format 3 and 4: index parts, packed blocks of documents, then runs and key tables. */
async function decodeParts(
  section: SnapshotSection,
  parts: PartSource,
  slice: number,
  sink: SectionSink,
  between: () => Promise<void>,
  bad: (why: string) => Error
): Promise<void> {
  const { kinds } = parts;
  // The runs and table parts follow the documents; read first, they are checked as the
  // documents load.
  const checks: RunCheck[] = [];
  const tables: TableCheck[] = [];
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === PART_RUNS) {
      const runs = decodeRuns(await parts.peek(i));
      if (!runs) throw bad('unreadable runs');
      checks.push(new RunCheck(runs));
    } else if (kinds[i] === PART_TABLE) {
      const table = decodeTable(await parts.peek(i));
      if (!table || tables.some((t) => t.field === table.field)) throw bad('unreadable table');
      tables.push(new TableCheck(table));
    }
  }
  let decoded = 0;
  let total = 0;
  /** The section's documents in order, for the runs and tables. */
  const all: Doc[] = [];
  const keepAll = checks.length > 0 || tables.length > 0;
  let deferred = false;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const body = await parts.next(i);
    if (kind === PART_INDEX) {
      sink.records([deserialize(body)]);
      total++;
      continue;
    }
    if (kind === PART_RUNS || kind === PART_TABLE) continue;
    if (kind !== PART_PACKED) throw bad(`unknown part ${String(kind)}`);
    if (!deferred && tables.length > 0) {
      // After the index parts (which make the tables), before the first document.
      sink.deferTables(tables.map((t) => t.field));
      deferred = true;
    }
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
      if (keepAll) {
        for (const doc of docs) {
          all.push(doc);
          for (const check of checks) check.see(doc);
          for (const table of tables) table.see(doc);
        }
      }
      sink.docs(docs);
    }
  }
  if (total !== section.count) throw bad(`${total} records instead of ${section.count}`);
  if (!deferred && tables.length > 0) sink.deferTables(tables.map((t) => t.field));
  // Each table and each order's runs in a turn of its own (a million documents each).
  for (const table of tables) {
    await between();
    sink.table(table.field, await table.finish(all, between), all.length);
  }
  for (const check of checks) {
    await between();
    const done = check.finish(all);
    if (!done) throw bad('unreadable runs');
    sink.runs(check.field, check.order, done.runs, done.checked ? all.length : undefined);
  }
}

/** A runs part back into the positions of its runs (see encodeRuns). */
function decodeRuns(body: Buffer): RunPositions | undefined {
  const part = readPositionsPart(body);
  if (!part) return undefined;
  const { field, order, keys } = part.head;
  if (typeof field !== 'string' || typeof order !== 'string' || !Array.isArray(keys)) {
    return undefined;
  }
  if (!keys.every((k: unknown) => typeof k === 'string')) return undefined;
  return { field, order, keys: keys as string[], words: part.words };
}
