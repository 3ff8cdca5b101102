/**
 * Incidents benchmark (b): the first page (50) of the aggregate incidents view for a partner user
 * holding Primary admins in 1,000 customers, over 1,000,000 tickets in the embedded store, through
 * the real code path (grants → roomFilterAcrossCustomers → StoreTicketRepository.briefs, what
 * `GET /api/incidents` reads: the list's fields and the latest note), side by side with one raw
 * indexed query on the same store (one tenant's newest 50, the same projection): cold (the first
 * page after a restart), warm, and right after a write. Results are checked against a naive
 * computation (decide() on every ticket, sort, slice) for the first pages and a sample of
 * single-customer pages; a mismatch fails the run. No timing thresholds.
 *
 * The store is a copy of the cached million-ticket directory (million-tickets.ts), opened as the
 * service opens it: the tickets load in the background while the service's start-up warm-up
 * (warmIncidentViews) waits for them, then the first aggregate page of a caller seen for the first
 * time, its filter across customers derived by the engine within the timed page. Each cold
 * restart runs in a process of its own, as a restarted service does: nothing compiled yet, no
 * filter derived yet (in one process the second restart would reuse both); the caller's grants
 * are built right before its page, as a request loads them (not timed); and each is run twice,
 * the page first and the raw query first (whichever runs second runs code the first compiled):
 * both ratios are printed, with each process's CPU time.
 *
 * Run alone with `node --import tsx bot/bench/incidents.bench.ts`, or `npm run bench -- incidents`.
 */
import { realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openEmbeddedStore } from '../src/store/embedded/index.ts';
import { RUN_HINTS_FILE } from '../src/store/embedded/run-hints.ts';
import { Collections } from '../src/data/collections.ts';
import { TicketCollections, type TicketDoc } from '../src/data/tickets.collections.ts';
import {
  StoreTicketRepository,
  TICKET_BRIEF_PROJECTION,
  TICKET_SORT,
  warmIncidentViews,
} from '../src/data/tickets.repositories.ts';
import { StoreRoomRepository } from '../src/data/rooms.repository.ts';
import { decide, roomFilter, roomFilterAcrossCustomers } from '../src/core/authz/engine.ts';
import { TICKET_FIELDS } from '../src/core/tickets/tickets.use-cases.ts';
import { seededRandom as prng } from '../test/support/seeded-random.ts';
import {
  CUSTOMERS,
  TICKETS,
  customer,
  fmt,
  group,
  makeTickets,
  median,
  partnerGrants,
  ratio,
  room,
  workingCopy,
} from './million-tickets.ts';

const LIMIT = 50;
const RUNS = 30;

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/** What one restart measured (see coldRestart). */
interface ColdRestart {
  openMs: number;
  answerMs: number;
  loadedMs: number;
  loadedCpu: number;
  /** The service's start-up warm-up (warmIncidentViews) done, from open; its CPU after the load. */
  readyMs: number;
  warmCpu: number;
  /** The new caller's filter across customers (engine), then the store's page: the first page. */
  filterMs: number;
  filterCpu: number;
  coldAgg: number;
  coldAggCpu: number;
  coldRaw: number;
  coldRawCpu: number;
  /** Garbage collection pauses within the page's and the raw query's windows (ms). */
  pageGcMs: number;
  rawGcMs: number;
}

/** Which cold query runs first in the restarted process (the second runs code the first compiled). */
type ColdOrder = 'page-first' | 'raw-first';

/**
 * A restart as the service restarts: a new process (nothing compiled, no filter derived yet)
 * opens the store in `dir`, answers another collection, waits for the tickets and for the start-up
 * warm-up the service runs (warmIncidentViews over the tenants, here the bench's customers: its
 * store has no tenant documents), then serves the first aggregate page of a caller seen for the
 * first time (the engine derives the caller's filter across customers: timed with the page) and
 * the first raw indexed query, in `order`. Without hints, `run-hints.json` is removed first (the
 * first start after an upgrade). Runs in a child process (see runIncidentsBench).
 */
async function coldRestart(dir: string, hints: boolean, order: ColdOrder): Promise<ColdRestart> {
  if (!hints) await rm(join(dir, RUN_HINTS_FILE), { force: true });
  const openStart = performance.now();
  const loadCpu = process.cpuUsage();
  const s = await openEmbeddedStore(dir);
  const openMs = performance.now() - openStart;
  // As the service: its warm-up starts right after open (it waits for the tickets itself).
  const tenantIds = Array.from({ length: CUSTOMERS }, (_, c) => customer(c));
  const warmed = warmIncidentViews(s, { ids: async () => tenantIds });
  await s.collection(Collections.tenants).countDocuments({});
  const answerMs = performance.now() - openStart;
  await s.collection(TicketCollections.tickets).estimatedDocumentCount();
  const loadedMs = performance.now() - openStart;
  const loadedCpu = cpuMs(loadCpu);
  const warmCpuFrom = process.cpuUsage();
  await warmed;
  const readyMs = performance.now() - openStart;
  const warmCpu = cpuMs(warmCpuFrom);
  // Wall time and this process's CPU time (all its threads: the collector's and the compiler's
  // too): on a shared machine one cold call's wall time is mostly waiting for a core. Collector
  // pauses within each window are reported beside them.
  const pauses: { start: number; end: number }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  gc.observe({ entryTypes: ['gc'] });
  const windows = { page: [0, 0], raw: [0, 0] };
  const page = async () => {
    // The caller's grants, built right before its page as a request loads them just before the
    // filter (not timed: the authz bench measures loading them). Built before the store's load,
    // they would sit among a million documents' garbage, read from cold memory by the filter.
    const grants = partnerGrants();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const visible = roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS)!;
    const filterMs = performance.now() - t0;
    const filterCpu = cpuMs(c0);
    await new StoreTicketRepository(s, new StoreRoomRepository(s)).briefs(
      visible,
      {},
      { limit: LIMIT }
    );
    const coldAgg = performance.now() - t0;
    windows.page = [t0, t0 + coldAgg];
    return { filterMs, filterCpu, coldAgg, coldAggCpu: cpuMs(c0) };
  };
  const raw = async () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await s
      .collection<TicketDoc>(TicketCollections.tickets)
      .find({ tenantId: customer(7) }, rawOptions)
      .toArray();
    const coldRaw = performance.now() - t0;
    windows.raw = [t0, t0 + coldRaw];
    return { coldRaw, coldRawCpu: cpuMs(c0) };
  };
  let p: Awaited<ReturnType<typeof page>>;
  let r: Awaited<ReturnType<typeof raw>>;
  if (order === 'page-first') {
    p = await page();
    r = await raw();
  } else {
    r = await raw();
    p = await page();
  }
  // The observer hears of a pause a little after it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc.disconnect();
  const within = ([from, to]: number[]) =>
    pauses.reduce(
      (sum, g) => sum + Math.max(0, Math.min(to!, g.end) - Math.max(from!, g.start)),
      0
    );
  const gcs = { pageGcMs: within(windows.page), rawGcMs: within(windows.raw) };
  await s.close();
  return { openMs, answerMs, loadedMs, loadedCpu, readyMs, warmCpu, ...p, ...r, ...gcs };
}

/** coldRestart in a fresh process (the code compiled and the filters derived by nothing before). */
function coldRestartInChild(dir: string, hints: boolean, order: ColdOrder): Promise<ColdRestart> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [COLD_ARG, dir, hints ? '1' : '0', order], {
      execArgv: process.execArgv,
    });
    let result: ColdRestart | undefined;
    child.on('message', (m) => (result = m as ColdRestart));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`incidents bench: the restart process exited with ${String(code)}`))
    );
  });
}

const COLD_ARG = '--cold-restart';

// The raw query reads what the aggregate page reads of each ticket (fields, latest note).
const rawOptions = {
  sort: Object.fromEntries(TICKET_SORT),
  limit: LIMIT,
  projection: TICKET_BRIEF_PROJECTION,
};

export async function runIncidentsBench(log: (line: string) => void): Promise<void> {
  const { dir, remove } = await workingCopy(log);
  try {
    // Cold: a restart (a new process), then the first aggregate page of a new caller and the
    // first raw query once the tickets are in memory and the start-up warm-up is done; with run
    // hints, then without; each both ways round (the query that runs second runs code the first
    // compiled), each order in a process of its own. Both ratios are printed.
    for (const hints of [true, false]) {
      for (const order of ['page-first', 'raw-first'] as const) {
        const r = await coldRestartInChild(dir, hints, order);
        log(
          `incidents restart ${hints ? 'with run hints (a service that served the page before)' : 'without run hints (first start after an upgrade)'}, ${order}: ` +
            `open ${fmt(r.openMs)} ms, first answer (another collection) ${fmt(r.answerMs)} ms, tickets in memory ${fmt(r.loadedMs)} ms (CPU ${fmt(r.loadedCpu)} ms, that process's threads), ` +
            `start-up warm-up done ${fmt(r.readyMs)} ms (CPU after the load ${fmt(r.warmCpu)} ms); ` +
            `cold first aggregate page of a new caller (its grants built just before, not timed) ${fmt(r.coldAgg)} ms (CPU ${fmt(r.coldAggCpu)} ms; of which the filter across customers ${fmt(r.filterMs)} ms, CPU ${fmt(r.filterCpu)} ms), ` +
            `cold raw indexed query ${fmt(r.coldRaw)} ms (CPU ${fmt(r.coldRawCpu)} ms), ` +
            `ratio ${ratio(r.coldAgg, r.coldRaw)} (CPU ${ratio(r.coldAggCpu, r.coldRawCpu)}); ` +
            `collector pauses within the page ${fmt(r.pageGcMs)} ms, within the raw query ${fmt(r.rawGcMs)} ms`
        );
      }
    }
    const docs = makeTickets();
    const grants = partnerGrants();

    const store = await openEmbeddedStore(dir);
    const coll = store.collection<TicketDoc>(TicketCollections.tickets);
    await coll.estimatedDocumentCount();
    const repo = new StoreTicketRepository(store, new StoreRoomRepository(store));
    const visible = roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS)!;

    // Naive reference: decide() on every ticket, sort, slice.
    const naiveStart = performance.now();
    const visibleDocs = docs
      .filter(
        (d) =>
          decide(grants, 'tickets.view', {
            customerTenantId: d.tenantId,
            room: { id: d.roomId, groupIds: d.roomGroupIds },
          }).allowed
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1));
    const naiveMs = performance.now() - naiveStart;
    const naiveIds = (from: number) => visibleDocs.slice(from, from + LIMIT).map((d) => d._id);

    const first = await repo.briefs(visible, {}, { limit: LIMIT });
    const second = await repo.briefs(visible, {}, { limit: LIMIT, cursor: first.nextCursor });
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    if (
      !same(
        first.items.map((t) => t.id),
        naiveIds(0)
      ) ||
      !same(
        second.items.map((t) => t.id),
        naiveIds(LIMIT)
      )
    ) {
      throw new Error('incidents bench: aggregate pages differ from the naive computation');
    }
    // A sample of single-customer pages (the Customer filter of the same view).
    const rand = prng(13);
    for (let s = 0; s < 10; s++) {
      const c = customer(Math.floor(rand() * CUSTOMERS));
      const page = await repo.briefs(
        roomFilter(grants, 'tickets.view', c, TICKET_FIELDS)!,
        {},
        { limit: LIMIT }
      );
      const expected = visibleDocs
        .filter((d) => d.tenantId === c)
        .slice(0, LIMIT)
        .map((d) => d._id);
      if (
        !same(
          page.items.map((t) => t.id),
          expected
        )
      ) {
        throw new Error(`incidents bench: customer ${c} page differs from the naive computation`);
      }
    }
    log(
      `incidents results: first two aggregate pages and 10 sampled customer pages identical to the naive ` +
        `decide()+sort (${visibleDocs.length} of ${TICKETS} tickets visible to the partner user)`
    );

    const aggMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      const agg = roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS)!;
      await repo.briefs(agg, {}, { limit: LIMIT });
      aggMs.push(performance.now() - t0);
      const tenant = customer(i % CUSTOMERS);
      t0 = performance.now();
      await coll.find({ tenantId: tenant }, rawOptions).toArray();
      rawMs.push(performance.now() - t0);
    }
    // Live traffic: a new ticket in one customer (its run is edited in place), then the page; and
    // the raw query right after a write too (waiting for the disk leaves the caches cold for both).
    const afterWriteMs: number[] = [];
    const rawAfterWriteMs: number[] = [];
    const live = (i: number, c: number) =>
      coll.insertOne({
        ...docs[i]!,
        _id: `tk-live-${i}`,
        signalKey: `ticket:tk-live-${i}`,
        tenantId: customer(c),
        roomId: room(c, 0),
        roomGroupIds: [group(c, 0)],
        createdAt: new Date(),
      });
    for (let i = 0; i < RUNS; i++) {
      const c = Math.floor(rand() * CUSTOMERS);
      await live(2 * i, c);
      let t0 = performance.now();
      await repo.briefs(
        roomFilterAcrossCustomers(grants, 'tickets.view', TICKET_FIELDS)!,
        {},
        { limit: LIMIT }
      );
      afterWriteMs.push(performance.now() - t0);
      await live(2 * i + 1, c);
      t0 = performance.now();
      await coll.find({ tenantId: customer(c) }, rawOptions).toArray();
      rawAfterWriteMs.push(performance.now() - t0);
    }
    const a = median(aggMs);
    const r = median(rawMs);
    const aw = median(afterWriteMs);
    const rw = median(rawAfterWriteMs);
    log(
      `incidents aggregate first page right after a new ticket in one customer ${fmt(aw)} ms/page; ` +
        `the raw indexed query right after a write ${fmt(rw)} ms; ratio ${ratio(aw, rw)} ` +
        `(${ratio(aw, r)} the warm raw query)`
    );
    log(
      `incidents aggregate first page (${CUSTOMERS} customers, $or of per-customer scope filters, newest ${LIMIT}, list fields): ` +
        `${fmt(a)} ms/page, raw indexed query (one tenant's newest ${LIMIT}, same fields) ${fmt(r)} ms/query, ratio ${ratio(a, r)}; ` +
        `naive decide()+sort over all tickets ${fmt(naiveMs)} ms (${ratio(naiveMs, a)} the aggregate page)`
    );
    const closeStart = performance.now();
    await store.close();
    log(
      `incidents store with ${TICKETS} tickets: graceful stop after ${RUNS} live writes ${fmt(performance.now() - closeStart)} ms`
    );
  } finally {
    await remove();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(await realpath(entry)).href) {
  const cold = process.argv.indexOf(COLD_ARG);
  if (cold > 0) {
    const order = process.argv[cold + 3] === 'raw-first' ? 'raw-first' : 'page-first';
    process.send!(
      await coldRestart(process.argv[cold + 1]!, process.argv[cold + 2] === '1', order)
    );
  } else {
    await runIncidentsBench((line) => process.stdout.write(`${line}\n`));
  }
}
