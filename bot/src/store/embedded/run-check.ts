/**
 * Checking sorted runs read back from a snapshot while its documents load. A run lists document
 * positions in the section; checked run by run after the load (CollectionData.adoptRuns), each
 * member is a document read at random among a million in memory, several cache misses each: a
 * third of a start. Here each document is checked as it is decoded, in the section's order
 * (still in the cache): it holds its run's value, and its first sort key is kept as a number in
 * a typed array, so the order of each run is checked afterwards on those numbers (the
 * comparator reads documents only where two of them tie or have no such number).
 *
 * What this proves, with CollectionData.adoptRuns checking the counts: each run holds distinct
 * positions holding its value, in strictly increasing order. Anything it cannot decide directly
 * (a dotted field, a value that is not a string) leaves the runs to adoptRuns' own full check.
 */
import { headOfOrder, parseOrder } from './collection-data.ts';
import { docComparator } from './mql.ts';
import type { Doc } from './values.ts';

/** Sorted runs as a snapshot section keeps them: per first-key value, document positions. */
export interface RunPositions {
  /** The first-key field of the key table. */
  field: string;
  /** The planner's order key. */
  order: string;
  /** The first-key values (index keys), one run each. */
  keys: string[];
  /** Per key in turn: its run's length, then its documents' positions in the section. */
  words: Uint32Array;
}

/** A RunPositions checked against the documents of its section as they are decoded. */
export class RunCheck {
  readonly field: string;
  readonly order: string;
  private readonly keys: string[];
  private readonly words: Uint32Array;
  /** Position → the number of the run holding it, or -1. */
  private readonly runOf: Int32Array;
  /** Position → its document's first sort key as a number (see headOfOrder), for run members. */
  private readonly heads: Float64Array;
  /** Per run, the string value its members hold in `field`. */
  private readonly values: (string | undefined)[];
  private readonly headOf: ((doc: Doc) => number) | undefined;
  /** False once something was seen that this check cannot vouch for. */
  private direct: boolean;
  private seen = 0;

  constructor(runs: RunPositions) {
    this.field = runs.field;
    this.order = runs.order;
    this.keys = runs.keys;
    this.words = runs.words;
    const sort = parseOrder(runs.order)?.sort;
    this.headOf = sort && headOfOrder(sort);
    this.values = runs.keys.map((k) => (k.startsWith('s') ? k.slice(1) : undefined));
    this.direct =
      sort !== undefined && !runs.field.includes('.') && !this.values.includes(undefined);
    let size = 0;
    const { words } = runs;
    for (let at = 0, k = 0; k < runs.keys.length && at < words.length; k++) {
      const n = words[at++]!;
      for (let i = 0; i < n && at < words.length; i++) size = Math.max(size, words[at++]! + 1);
    }
    this.runOf = new Int32Array(this.direct ? size : 0).fill(-1);
    this.heads = new Float64Array(this.direct ? size : 0);
    if (!this.direct) return;
    for (let at = 0, k = 0; k < runs.keys.length; k++) {
      const n = words[at++] ?? 0;
      for (let i = 0; i < n; i++) {
        const p = words[at++] ?? 0;
        // A position in two runs (or twice in one).
        if (this.runOf[p] !== -1) this.direct = false;
        this.runOf[p] = k;
      }
    }
  }

  /** The section's next document (they come in the section's order). */
  see(doc: Doc): void {
    const p = this.seen++;
    if (!this.direct || p >= this.runOf.length) return;
    const k = this.runOf[p]!;
    if (k < 0) return;
    if (doc[this.field] !== this.values[k]) {
      this.direct = false;
      return;
    }
    this.heads[p] = this.headOf!(doc);
  }

  /**
   * The runs as documents (`all`: the section's documents by position), and whether this check
   * vouches for them (the counts left to adoptRuns); undefined when a position is not a
   * document of the section.
   */
  finish(all: Doc[]): { runs: Map<string, Doc[]>; checked: boolean } | undefined {
    const { words, heads } = this;
    const compare = this.direct ? docComparator(parseOrder(this.order)!.sort) : undefined;
    let checked = this.direct && this.seen === all.length;
    const runs = new Map<string, Doc[]>();
    let at = 0;
    for (const key of this.keys) {
      if (at >= words.length) return undefined;
      const n = words[at++]!;
      if (at + n > words.length) return undefined;
      const run = new Array<Doc>(n);
      for (let i = 0; i < n; i++) {
        const p = words[at + i]!;
        const doc = all[p];
        if (!doc) return undefined;
        run[i] = doc;
        if (!checked || i === 0) continue;
        const q = words[at + i - 1]!;
        const a = heads[q]!;
        const b = heads[p]!;
        if (a < b) continue;
        // Equal first keys, or none as a number: the comparator decides.
        if (a > b || compare!(all[q]!, doc) >= 0) checked = false;
      }
      at += n;
      runs.set(key, run);
    }
    return at === words.length ? { runs, checked } : undefined;
  }
}
