/**
 * Key tables in a snapshot (format 4): each first-key field's hash lookup (value → ids, see
 * KeyTable) stored as its values and, per value, the positions of its documents in the section.
 * Building the lookup from the documents at load hashes each document's value (a million map
 * reads, most of them on strings no other block shares: room ids); read back, only the distinct
 * values are hashed and each document's id is read by position.
 *
 * Only a field every document holds as a plain string is stored (an undotted field: the usual
 * tenant and room ids); others are built from the documents as before. A table read back is
 * checked as the section's documents decode, in order (see TableCheck): each position in one
 * value's list only, each document holding exactly its value, every document listed, positions
 * increasing in each list (the order a load in section order gives); otherwise the table is built
 * from the documents instead.
 */
import { serialize, deserialize, type Document } from 'bson';
import { endianness } from 'node:os';
import type { Doc } from './values.ts';

/** Ids read by TableCheck.finish between two turns of the event loop. */
const FINISH_SLICE = 100_000;

/** A table as its snapshot part holds it: values, then per value its length and positions. */
export interface TablePositions {
  field: string;
  values: string[];
  /** Per value in turn: its list's length, then its documents' positions in the section. */
  words: Uint32Array;
}

/**
 * Collects the table of `field` while a snapshot writer walks a section's documents in order;
 * `encode` gives the part, or undefined when some document does not hold a plain string there.
 */
export class TableWriter {
  private readonly index = new Map<string, number>();
  private readonly lists: number[][] = [];
  private seen = 0;
  private simple = true;

  constructor(readonly field: string) {}

  add(doc: Doc): void {
    const p = this.seen++;
    if (!this.simple) return;
    const v = doc[this.field];
    if (typeof v !== 'string') {
      this.simple = false;
      return;
    }
    let k = this.index.get(v);
    if (k === undefined) {
      this.index.set(v, (k = this.lists.length));
      this.lists.push([]);
    }
    this.lists[k]!.push(p);
  }

  /** A uint32 length and the BSON of `{ field, values }`, then the lists (uint32 each). */
  encode(): Buffer | undefined {
    if (!this.simple || this.seen === 0) return undefined;
    const head = serialize({ field: this.field, values: [...this.index.keys()] });
    const body = Buffer.allocUnsafe(4 + head.length + 4 * (this.lists.length + this.seen));
    body.writeUInt32LE(head.length, 0);
    body.set(head, 4);
    let at = 4 + head.length;
    for (const list of this.lists) {
      body.writeUInt32LE(list.length, at);
      at += 4;
      for (const p of list) {
        body.writeUInt32LE(p, at);
        at += 4;
      }
    }
    return body;
  }
}

/** A table part back into its positions; undefined when it does not read as one. */
export function decodeTable(body: Buffer): TablePositions | undefined {
  const part = readPositionsPart(body);
  if (!part) return undefined;
  const { field, values } = part.head;
  if (typeof field !== 'string' || field.includes('.') || !Array.isArray(values)) return undefined;
  if (!values.every((v: unknown) => typeof v === 'string')) return undefined;
  return { field, values: values as string[], words: part.words };
}

/**
 * A part laid out as a uint32 length and a BSON head, then uint32 words (a table's, or a runs
 * part's: see snapshot.ts): the head, and the words as one aligned copy read without per-value
 * bounds checks. Undefined when the lengths do not add up.
 */
export function readPositionsPart(
  body: Buffer
): { head: Document; words: Uint32Array } | undefined {
  if (body.length < 4) return undefined;
  const headLength = body.readUInt32LE(0);
  if (4 + headLength > body.length) return undefined;
  const head = deserialize(body.subarray(4, 4 + headLength));
  const start = 4 + headLength;
  if ((body.length - start) % 4 !== 0) return undefined;
  const words = new Uint32Array((body.length - start) / 4);
  if (endianness() === 'LE') new Uint8Array(words.buffer).set(body.subarray(start));
  else for (let i = 0; i < words.length; i++) words[i] = body.readUInt32LE(start + 4 * i);
  return { head, words };
}

/** A TablePositions checked against its section's documents as they decode (see the top). */
export class TableCheck {
  readonly field: string;
  private readonly values: string[];
  private readonly words: Uint32Array;
  /** Position → the number of the value listing it, or -1. */
  private readonly valueOf: Int32Array;
  private good: boolean;
  private seen = 0;

  constructor(table: TablePositions) {
    this.field = table.field;
    this.values = table.values;
    this.words = table.words;
    const { words } = table;
    // Lengths and positions together: the list lengths sum to the number of documents.
    const size = words.length - table.values.length;
    this.valueOf = new Int32Array(Math.max(0, size)).fill(-1);
    this.good = size >= 0;
    let at = 0;
    for (let k = 0; this.good && k < table.values.length; k++) {
      const n = words[at++]!;
      if (n === 0 || at + n > words.length) this.good = false;
      let previous = -1;
      for (let i = 0; this.good && i < n; i++) {
        const p = words[at++]!;
        if (p >= size || p <= previous || this.valueOf[p] !== -1) this.good = false;
        else this.valueOf[p] = k;
        previous = p;
      }
    }
    if (at !== words.length) this.good = false;
  }

  /** The section's next document (they come in the section's order). */
  see(doc: Doc): void {
    const p = this.seen++;
    if (!this.good) return;
    const k = p < this.valueOf.length ? this.valueOf[p]! : -1;
    if (k < 0 || doc[this.field] !== this.values[k]) this.good = false;
  }

  /**
   * The lookup (index key → ids, in section order), once every document was seen and matched;
   * `all`: the section's documents by position. Undefined otherwise (built from the documents).
   * `between` is awaited every FINISH_SLICE ids.
   */
  async finish(
    all: Doc[],
    between: () => Promise<void>
  ): Promise<Map<string, string[]> | undefined> {
    if (!this.good || this.seen !== this.valueOf.length || all.length !== this.seen) {
      return undefined;
    }
    const { words, values } = this;
    const byKey = new Map<string, string[]>();
    let at = 0;
    let read = 0;
    for (const value of values) {
      const n = words[at++]!;
      const ids = new Array<string>(n);
      for (let i = 0; i < n; i++) ids[i] = all[words[at++]!]!._id;
      byKey.set(`s${value}`, ids);
      // A million ids read where their documents are: the event loop turns in between.
      if ((read += n) >= FINISH_SLICE) {
        read = 0;
        await between();
      }
    }
    return byKey;
  }
}
