/**
 * Store benchmark: the embedded store (durable: every write journaled and fdatasync'ed before it
 * resolves) side by side with a plain in-memory baseline, measured in the same run.
 *
 * (i) inserting 20,000 incident-like documents, 500 in flight at a time (group commit);
 * (ii) an indexed query (`tenantId $in 50 tenants, status open`, newest first, limit 50) over
 *      100,000 documents, against the same filter + sort written by hand over an array.
 * (iii) the same page through the compound index { tenantId, createdAt } (sorted runs merged per
 *      tenant) with a filter mingo evaluates (`status $ne closed`), against the hand-written loop;
 * (iv) compiling a filter with mingo: a Query built from plain options (which copies mingo's whole
 *      operator context each time, the store's path before) against one built from the options
 *      resolved once (the store's path now), in the same run.
 * (v) start and graceful stop of a store holding 1,000,000 tickets (the cached directory of
 *      million-tickets.ts): time to open, to the first answer from another collection, until the
 *      tickets are in memory (they load in the background), and to stop, idle or after writes.
 * Both sides of (ii) and (iii) must return the same ids, else the run fails. No timing thresholds.
 *
 * Run alone with `node --import tsx bot/bench/store.bench.ts`, or through bot/bench/run.ts.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Query } from 'mingo/query';
import { openEmbeddedStore } from '../src/store/embedded/index.ts';
import { mingoOptions, sharedMingoOptions } from '../src/store/embedded/mingo-context.ts';
import type { BaseDoc } from '../src/store/types.ts';
import { Collections } from '../src/data/collections.ts';
import { TicketCollections, type TicketDoc } from '../src/data/tickets.collections.ts';
import { TICKETS, workingCopy } from './million-tickets.ts';
import { seededRandom as prng } from '../test/support/seeded-random.ts';

interface Incident extends BaseDoc {
  status: 'open' | 'acknowledged' | 'closed';
  severity: number;
  createdAt: Date;
  roomId: string;
}

const INSERT_DOCS = 20_000;
const INSERT_IN_FLIGHT = 500;
const SEQUENTIAL_DOCS = 1_000;
const QUERY_DOCS = 100_000;
const TENANTS = 1_000;
const QUERY_SETS = 30;
const TENANTS_PER_QUERY = 50;
const LIMIT = 50;
const STATUSES = ['open', 'acknowledged', 'closed'] as const;

const tenantId = (n: number): string => `tenant-${String(n).padStart(4, '0')}`;

function makeIncidents(count: number, idPrefix: string, seed: number): Incident[] {
  const rand = prng(seed);
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    _id: `${idPrefix}${String(i).padStart(6, '0')}`,
    tenantId: tenantId(Math.floor(rand() * TENANTS)),
    status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
    severity: 1 + Math.floor(rand() * 4),
    // Distinct timestamps make "newest first" a total order, so both sides must agree exactly.
    createdAt: new Date(base + i * 1000),
    roomId: `room-${Math.floor(rand() * 5000)}`,
  }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (ms: number): string => (ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');

/** Runs the store benchmark, printing one line per measurement through `log`. */
export async function runStoreBench(log: (line: string) => void): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'rph-store-bench-'));
  try {
    await benchInsert(join(root, 'insert'), log);
    await benchQuery(join(root, 'query'), log);
    benchCompile(log);
    await benchStartStop(log);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function benchInsert(dir: string, log: (line: string) => void): Promise<void> {
  const docs = makeIncidents(INSERT_DOCS, 'i', 1);
  const store = await openEmbeddedStore(dir);
  try {
    const coll = store.collection<Incident>('incidents');
    await coll.createIndex({ tenantId: 1, createdAt: -1 });
    const storeMs: number[] = [];
    for (let i = 0; i < docs.length; i += INSERT_IN_FLIGHT) {
      const chunk = docs.slice(i, i + INSERT_IN_FLIGHT);
      const t0 = performance.now();
      await Promise.all(chunk.map((d) => coll.insertOne(d)));
      storeMs.push((performance.now() - t0) / chunk.length);
    }

    const map = new Map<string, Incident>();
    const list: Incident[] = [];
    const baseMs: number[] = [];
    for (let i = 0; i < docs.length; i += INSERT_IN_FLIGHT) {
      const chunk = docs.slice(i, i + INSERT_IN_FLIGHT);
      const t0 = performance.now();
      for (const d of chunk) {
        map.set(d._id, d);
        list.push(d);
      }
      baseMs.push((performance.now() - t0) / chunk.length);
    }
    const stored = await coll.countDocuments({});
    if (stored !== docs.length || map.size !== docs.length) {
      throw new Error(
        `insert bench: store holds ${stored}, baseline ${map.size}, expected ${docs.length}`
      );
    }
    const s = median(storeMs);
    const b = median(baseMs);
    log(
      `store insert (${INSERT_DOCS} docs, ${INSERT_IN_FLIGHT} in flight, journaled + fdatasync): ` +
        `${fmt(s)} ms/doc, baseline Map.set+push ${fmt(b)} ms/doc, ratio ${ratio(s, b)}`
    );

    // One write at a time shows the latency floor: each insert waits for its own fdatasync.
    const seqDocs = makeIncidents(SEQUENTIAL_DOCS, 's', 2);
    const seqMs: number[] = [];
    for (const d of seqDocs) {
      const t0 = performance.now();
      await coll.insertOne(d);
      seqMs.push(performance.now() - t0);
    }
    log(`store insert (1 in flight, each awaited): ${fmt(median(seqMs))} ms/op median`);
  } finally {
    await store.close();
  }
}

async function benchQuery(dir: string, log: (line: string) => void): Promise<void> {
  const docs = makeIncidents(QUERY_DOCS, 'q', 3);
  const store = await openEmbeddedStore(dir);
  try {
    const coll = store.collection<Incident>('incidents');
    await coll.createIndex({ tenantId: 1 });
    const loadStart = performance.now();
    for (let i = 0; i < docs.length; i += 5_000) await coll.insertMany(docs.slice(i, i + 5_000));
    const loadMs = performance.now() - loadStart;
    log(`store load: ${QUERY_DOCS} docs via insertMany(5000) in ${fmt(loadMs)} ms`);

    const rand = prng(4);
    const sets = Array.from({ length: QUERY_SETS }, () => {
      const picked = new Set<string>();
      while (picked.size < TENANTS_PER_QUERY) picked.add(tenantId(Math.floor(rand() * TENANTS)));
      return [...picked];
    });

    const viaStore = async (tenants: string[]): Promise<string[]> => {
      const filter = { tenantId: { $in: tenants }, status: 'open' as const };
      const found = await coll.find(filter, { sort: { createdAt: -1 }, limit: LIMIT }).toArray();
      return found.map((d) => d._id);
    };
    const viaArray = (tenants: string[]): string[] => {
      const wanted = new Set(tenants);
      return docs
        .filter((d) => wanted.has(d.tenantId) && d.status === 'open')
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, LIMIT)
        .map((d) => d._id);
    };

    // Warm-up (JIT, caches), then timed runs; results are compared on every set.
    await viaStore(sets[0]!);
    viaArray(sets[0]!);
    const storeMs: number[] = [];
    const baseMs: number[] = [];
    for (const tenants of sets) {
      let t0 = performance.now();
      const a = await viaStore(tenants);
      storeMs.push(performance.now() - t0);
      t0 = performance.now();
      const b = viaArray(tenants);
      baseMs.push(performance.now() - t0);
      if (a.length !== b.length || a.some((id, i) => id !== b[i])) {
        throw new Error(
          `query bench: store and baseline disagree for tenants ${tenants.join(',')}`
        );
      }
    }
    const s = median(storeMs);
    const b = median(baseMs);
    log(
      `store indexed query (${QUERY_DOCS} docs, tenantId $in ${TENANTS_PER_QUERY} + status, ` +
        `sort createdAt desc, limit ${LIMIT}, ${QUERY_SETS} sets): ${fmt(s)} ms/query, ` +
        `baseline filter+sort ${fmt(b)} ms/query, ratio ${ratio(s, b)} (results identical)`
    );

    // (iii) The incidents page's shape: per-tenant sorted runs, a residual filter for mingo.
    await coll.createIndex({ tenantId: 1, createdAt: -1 });
    const viaRuns = async (tenants: string[]): Promise<string[]> => {
      const filter = { tenantId: { $in: tenants }, status: { $ne: 'closed' as const } };
      const found = await coll.find(filter, { sort: { createdAt: -1 }, limit: LIMIT }).toArray();
      return found.map((d) => d._id);
    };
    const viaLoop = (tenants: string[]): string[] => {
      const wanted = new Set(tenants);
      return docs
        .filter((d) => wanted.has(d.tenantId) && d.status !== 'closed')
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, LIMIT)
        .map((d) => d._id);
    };
    await viaRuns(sets[0]!);
    const runsMs: number[] = [];
    const loopMs: number[] = [];
    for (const tenants of sets) {
      let t0 = performance.now();
      const a = await viaRuns(tenants);
      runsMs.push(performance.now() - t0);
      t0 = performance.now();
      const b2 = viaLoop(tenants);
      loopMs.push(performance.now() - t0);
      if (a.length !== b2.length || a.some((id, i) => id !== b2[i])) {
        throw new Error(`runs bench: store and baseline disagree for tenants ${tenants.join(',')}`);
      }
    }
    const r = median(runsMs);
    const l = median(loopMs);
    log(
      `store sorted-runs query (compound index, tenantId $in ${TENANTS_PER_QUERY} + status $ne, ` +
        `limit ${LIMIT}): ${fmt(r)} ms/query, baseline filter+sort ${fmt(l)} ms/query, ` +
        `ratio ${ratio(r, l)} (results identical)`
    );
  } finally {
    await store.close();
  }
}

/** (v) Start and graceful stop with a million tickets. */
async function benchStartStop(log: (line: string) => void): Promise<void> {
  const { dir, remove } = await workingCopy(log);
  try {
    for (const round of [1, 2]) {
      const t0 = performance.now();
      const store = await openEmbeddedStore(dir);
      const openMs = performance.now() - t0;
      await store.collection(Collections.tenants).countDocuments({});
      const answerMs = performance.now() - t0;
      // How long a 10 ms timer waits while the tickets load: the event loop stays free.
      let lag = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        lag = Math.max(lag, now - last - 10);
        last = now;
      }, 10);
      const tickets = store.collection<TicketDoc>(TicketCollections.tickets);
      const count = await tickets.countDocuments({});
      clearInterval(timer);
      const loadedMs = performance.now() - t0;
      if (count !== TICKETS) throw new Error(`start bench: ${count} tickets, expected ${TICKETS}`);
      let writes = 0;
      if (round === 2) {
        // A day's worth of ticket changes in the journal: a stop still only flushes.
        for (let i = 0; i < 20_000; i += 500) {
          await Promise.all(
            Array.from({ length: 500 }, (_, k) =>
              tickets.updateOne(
                { _id: `tk-${String((i + k) * 37).padStart(7, '0')}` },
                { $set: { status: 'Closed' }, $inc: { version: 1 } }
              )
            )
          );
        }
        writes = 20_000;
      }
      const s0 = performance.now();
      await store.close();
      const stopMs = performance.now() - s0;
      log(
        `store start with ${TICKETS} tickets (run ${round}): open ${fmt(openMs)} ms, first answer ${fmt(answerMs)} ms ` +
          `(ratio to the 10,000 ms budget ${ratio(answerMs, 10_000)}), tickets in memory ${fmt(loadedMs)} ms ` +
          `(event loop free meanwhile: longest timer delay ${fmt(lag)} ms); graceful stop after ${writes} writes ` +
          `${fmt(stopMs)} ms (ratio to the 10,000 ms budget ${ratio(stopMs, 10_000)})`
      );
    }
    // A stop while the tickets are still loading (a restart loop, a deploy right after a start).
    const t0 = performance.now();
    const store = await openEmbeddedStore(dir);
    await store.collection(Collections.tenants).countDocuments({});
    const s0 = performance.now();
    await store.close();
    log(
      `store stop while ${TICKETS} tickets load: ${fmt(performance.now() - s0)} ms (opened ${fmt(s0 - t0)} ms before)`
    );
  } finally {
    await remove();
  }
}

/** (iv) Compiling one filter: plain options (copies the operator context) vs resolved once. */
function benchCompile(log: (line: string) => void): void {
  const filter = {
    tenantId: { $in: ['tenant-0001', 'tenant-0002', 'tenant-0003'] },
    status: { $ne: 'closed' },
    severity: { $gte: 2 },
  };
  const doc = { tenantId: 'tenant-0002', status: 'open', severity: 3 };
  const time = (options: object): number => {
    const rounds = 5_000;
    let hits = 0;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) if (new Query(filter, options).test(doc)) hits++;
    const ms = performance.now() - t0;
    if (hits !== rounds) throw new Error('compile bench: the filter stopped matching');
    return (ms * 1000) / rounds;
  };
  time(mingoOptions);
  time(sharedMingoOptions);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < 5; i++) {
    before.push(time(mingoOptions));
    after.push(time(sharedMingoOptions));
  }
  const b = median(before);
  const a = median(after);
  log(
    `mingo filter compile + test: ${a.toFixed(1)} µs with options resolved once (now), ` +
      `${b.toFixed(1)} µs with plain options (before: operator context copied per Query), ` +
      `ratio ${ratio(a, b)}`
  );
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(await realpath(entry)).href) {
  await runStoreBench((line) => process.stdout.write(`${line}\n`));
}
