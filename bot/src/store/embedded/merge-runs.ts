/**
 * The k-way merge behind an index-ordered page (see CollectionData.orderedRuns): a binary heap
 * on the sorted runs' heads, testing each document against the filter as it applies to its run
 * (the plan compiles it when the run's first document comes up, once per frozen filter), until
 * `skip + limit` matches. Equal keys come out in run order.
 *
 * The heap is a class with typed arrays and methods (not closures made per query): one shape,
 * one optimized code, no deoptimization per call (closures recreated per page made V8 drop the
 * optimized merge on every call, measured).
 */
import { docComparator } from './mql.ts';
import type { Doc } from './values.ts';

/** Runs of documents, each sorted in the query's order, to be merged (see `orderedRuns`). */
export interface OrderedPlan {
  /** How many runs. */
  count: number;
  /** Run i (fetched when first read: the merge reads the runs its heads bring up). */
  run(i: number): Doc[];
  /** Each run's first document as a number (see headKey), and 1 where the run has one. */
  heads: Float64Array;
  /**
   * Each run's second document as a number as `heads` has the first's, or NaN when not known (or
   * none, or not a top-level Date): once a run's first document is taken, the run is placed again
   * by this number without reading its second document (most runs of an aggregate page give one
   * document or none, so most second documents are never read).
   */
  nexts: Float64Array;
  filled: Uint8Array;
  /** A document may sit in several runs (multikey first key): the merge must skip repeats. */
  mayRepeat: boolean;
  /**
   * Whether `doc` of run i (the documents of a run all hold its value) matches: tested against the
   * filter with the `$or` branches pinned to other values dropped (made when run i is first
   * tested), so against its own customer's branch, not against a thousand others.
   */
  test(i: number, doc: Doc): boolean;
}

/** `skip + limit` matching documents of the plan's runs, in `sort` order, without the skipped. */
export function mergeRuns(
  plan: OrderedPlan,
  sort: Record<string, 1 | -1>,
  options: { skip?: number; limit?: number }
): Doc[] {
  const skip = Math.max(0, options.skip ?? 0);
  const want = skip + Math.abs(options.limit ?? 0);
  const heap = new RunHeap(plan, sort);
  const seen = plan.mayRepeat ? new Set<string>() : undefined;
  const out: Doc[] = [];
  while (heap.size > 0 && out.length < want) {
    const r = heap.topRun();
    const doc = heap.pop();
    // A document under several values (multikey) is tested in each run against that run's
    // branches, and taken once: from the first run where it matches.
    if (seen?.has(doc._id)) continue;
    if (plan.test(r, doc)) {
      seen?.add(doc._id);
      out.push(doc);
    }
  }
  return skip > 0 ? out.slice(skip) : out;
}

/**
 * A document's first sort key as a number, ordered as the sort orders it (`sign` 1 ascending, -1
 * descending, 0 for a dotted path: always NaN): its time when it is a top-level Date, else NaN
 * (the comparator then decides).
 */
export function headKey(doc: Doc, field: string, sign: number): number {
  if (sign === 0) return NaN;
  const v = doc[field];
  if (!(v instanceof Date)) return NaN;
  return sign > 0 ? v.getTime() : 0 - v.getTime();
}

/**
 * (run, position) pairs in typed arrays, with each entry's first sort key as a number when it is
 * a top-level Date (NaN otherwise): two such keys that differ decide the order as the comparator
 * would (Dates compare by time), without calling it (a thousand runs' heads per aggregate page).
 * Only Dates: numbers and Dates are different BSON types, never compared by value.
 */
class RunHeap {
  size = 0;
  private readonly plan: OrderedPlan;
  private readonly hRun: Int32Array;
  private readonly hPos: Int32Array;
  private readonly hKey: Float64Array;
  private readonly field: string;
  /** 1 ascending, -1 descending; 0: the first key is a path (no numeric keys). */
  private readonly sign: number;
  private readonly compare: (a: Doc, b: Doc) => number;

  constructor(plan: OrderedPlan, sort: Record<string, 1 | -1>) {
    const [first, dir] = Object.entries(sort)[0]!;
    this.plan = plan;
    this.field = first;
    this.sign = first.includes('.') ? 0 : dir;
    this.compare = docComparator(sort);
    const total = plan.count;
    this.hRun = new Int32Array(total);
    this.hPos = new Int32Array(total);
    this.hKey = new Float64Array(total);
    // Every run's head at once (the plan's numbers: no document read), then heapified
    // bottom-up: about 2n comparisons, not n log n.
    const { heads, filled } = plan;
    let n = 0;
    for (let r = 0; r < total; r++) {
      if (filled[r] === 0) continue;
      this.hRun[n] = r;
      this.hPos[n] = 0;
      this.hKey[n] = heads[r]!;
      n++;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  topRun(): number {
    return this.hRun[0]!;
  }

  /** Takes the head; the run's next document replaces it (or the last entry does), then sinks. */
  pop(): Doc {
    const r = this.hRun[0]!;
    const pos = this.hPos[0]!;
    const run = this.plan.run(r);
    const doc = run[pos]!;
    if (pos + 1 < run.length) {
      this.hPos[0] = pos + 1;
      const next = pos === 0 ? this.plan.nexts[r]! : NaN;
      // NaN also when the second key is not a number: keyOf then says so itself.
      this.hKey[0] = next === next ? next : this.keyOf(run[pos + 1]!);
    } else {
      const last = this.size - 1;
      this.size = last;
      this.hRun[0] = this.hRun[last]!;
      this.hPos[0] = this.hPos[last]!;
      this.hKey[0] = this.hKey[last]!;
    }
    if (this.size > 0) this.siftDown(0);
    return doc;
  }

  private keyOf(doc: Doc): number {
    return headKey(doc, this.field, this.sign);
  }

  private less(i: number, j: number): boolean {
    const a = this.hKey[i]!;
    const b = this.hKey[j]!;
    if (a < b) return true;
    if (a > b) return false;
    const ra = this.hRun[i]!;
    const rb = this.hRun[j]!;
    const c = this.compare(this.plan.run(ra)[this.hPos[i]!]!, this.plan.run(rb)[this.hPos[j]!]!);
    return c < 0 || (c === 0 && ra < rb);
  }

  private siftDown(start: number): void {
    const n = this.size;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      const run = this.hRun[i]!;
      const pos = this.hPos[i]!;
      const key = this.hKey[i]!;
      this.hRun[i] = this.hRun[m]!;
      this.hPos[i] = this.hPos[m]!;
      this.hKey[i] = this.hKey[m]!;
      this.hRun[m] = run;
      this.hPos[m] = pos;
      this.hKey[m] = key;
      i = m;
    }
  }
}
