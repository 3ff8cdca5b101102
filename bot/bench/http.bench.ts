/**
 * HTTP benchmark: the real service in-process (embedded store in a temp directory, demo data,
 * real dev-issuer tokens, info-level logs into a sink), loaded by autocannon from a child process,
 * one route after another, each printed as a ratio to `GET /healthz` measured in the same run.
 * Ratios are what count: the machine is shared, absolute numbers move with its load.
 *
 * Routes: health, who-am-I, the Primary admin's tenants list, the Customer dropdown, the
 * aggregate incidents first page, and the writes (a ticket note, a severity change, record an
 * issue) with the usual durability (acknowledged once the journal is on disk). Each route's ratio
 * is to the /healthz runs just before and after it, and its CPU ratio compares the server's CPU
 * time per request (steadier than requests/s when other work shares the machine); GC/req is the
 * server's GC pause time per request during the run. A request that
 * does not answer 2xx fails the run. No timing thresholds.
 *
 * Run alone with `node --import tsx bot/bench/http.bench.ts [--seconds=N] [--only=incidents,note]`
 * (`--profile=DIR` writes one CPU profile per measured run, `DIR/<route>.cpuprofile`, warm-up
 * and set-up left out; the load generator is another process), or `npm run bench -- http`. About
 * a minute with the default 4 s per route.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { startApp } from '../src/main.ts';
import { createLogger } from '../src/log.ts';
import { ids } from '../src/seed/demo-data.ts';
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID } from '../src/core/principal.ts';

type Log = (line: string) => void;
type Job = Omit<LoadJob, 'url' | 'connections' | 'seconds'>;

/** What the load generator (http-load.mjs, a child process) is given and answers. */
interface LoadJob {
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Paths (and bodies, for writes) used in turn, one per request. */
  paths: string[];
  bodies?: string[];
  token?: string;
  connections: number;
  seconds: number;
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

const CONNECTIONS = 10;
/** Tickets the write routes cycle through (notes and severity changes spread over them). */
const TARGET_TICKETS = 200;

export interface HttpBenchOptions {
  /** Seconds of load per route (default 4). */
  seconds?: number;
  /** Only the routes whose name contains one of these (for profiling one route). */
  only?: string[];
  /** A directory for one CPU profile per measured run (`<route>.cpuprofile`). */
  profileDir?: string;
}

/** Profiles the server's own thread while `run` runs, into `<dir>/<name>.cpuprofile`. */
async function profiled<T>(dir: string | undefined, name: string, run: () => Promise<T>) {
  if (!dir) return run();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    const file = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await writeFile(join(dir, `${file}.cpuprofile`), JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}

function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load.mjs', import.meta.url), [], { execArgv: [] });
    child.once('message', (r: LoadResult) => resolve(r));
    child.once('error', reject);
    child.once(
      'exit',
      (code) => code === 0 || reject(new Error(`http bench: load generator exited ${code}`))
    );
    child.send(job);
  });
}

export async function runHttpBench(log: Log, options: HttpBenchOptions = {}): Promise<void> {
  const seconds = options.seconds ?? 4;
  const dir = await mkdtemp(join(tmpdir(), 'rph-http-bench-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    AUTH_MODE: 'local',
    PUBLIC_URL: 'http://localhost:3978',
  });
  // The product's logger and level; lines go to /dev/null instead of a terminal.
  const logger = createLogger('info', '/dev/null');
  const app = await startApp(config, { logger });
  try {
    const token = async (tenant: string, user: string, ga = false) =>
      app.devIssuer!.mint({
        tenantId: ids.tenant(tenant),
        userId: ids.user(tenant, user),
        name: user,
        upn: `${user}@${tenant}.example`,
        wids: ga ? [GLOBAL_ADMIN_ROLE_TEMPLATE_ID] : [],
        expiresInSeconds: 3600,
      });
    const pradeep = await token('fabrikam', 'pradeep');
    const contoso = ids.tenant('contoso');
    const usRooms = Array.from({ length: 10 }, (_, n) => ids.room('contoso', n));

    // Tickets for the note and severity routes, recorded through the API before any timing.
    const tickets: string[] = [];
    for (let i = 0; i < TARGET_TICKETS; i++) {
      const res = await fetch(`${app.url}/api/customers/${contoso}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pradeep}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roomId: usRooms[i % usRooms.length], title: `bench ${i}` }),
      });
      if (res.status !== 201)
        throw new Error(`http bench: could not record a ticket (${res.status})`);
      tickets.push(((await res.json()) as { id: string }).id);
    }
    const ticketPath = (id: string) => `/api/customers/${contoso}/tickets/${id}`;
    // The warm-up runs on the first half of the tickets, the measured run on the other half, so
    // requests cut off at the end of a run never upset the next run's sequence.
    const half = TARGET_TICKETS / 2;
    const warmTickets = tickets.slice(0, half);
    const runTickets = tickets.slice(half);
    // Severity flips on each pass over the tickets (Warning at creation, then Important, ...).
    const severities = Array.from({ length: half * 2 }, (_, i) =>
      JSON.stringify({ severity: Math.floor(i / half) % 2 === 0 ? 'Important' : 'Warning' })
    );

    const routes: { name: string; job: Job; warm?: Partial<Job> }[] = [
      { name: 'GET /api/me', job: { method: 'GET', paths: ['/api/me'], token: pradeep } },
      {
        name: 'GET /api/partner/customers (Primary admin)',
        job: { method: 'GET', paths: ['/api/partner/customers'], token: pradeep },
      },
      {
        name: 'GET /api/customers (Customer dropdown)',
        job: { method: 'GET', paths: ['/api/customers'], token: pradeep },
      },
      {
        name: 'GET /api/incidents (aggregate, first page)',
        job: { method: 'GET', paths: ['/api/incidents'], token: pradeep },
      },
      {
        name: 'POST a ticket note',
        warm: { paths: warmTickets.map((t) => `${ticketPath(t)}/notes`) },
        job: {
          method: 'POST',
          paths: runTickets.map((t) => `${ticketPath(t)}/notes`),
          bodies: [
            JSON.stringify({ text: 'Checked the cabling on site; the device is back online.' }),
          ],
          token: pradeep,
        },
      },
      {
        name: 'PATCH a ticket (severity)',
        warm: { paths: warmTickets.map(ticketPath) },
        job: {
          method: 'PATCH',
          paths: runTickets.map(ticketPath),
          bodies: severities,
          token: pradeep,
        },
      },
      {
        name: 'POST record an issue',
        job: {
          method: 'POST',
          paths: [`/api/customers/${contoso}/tickets`],
          bodies: usRooms.map((roomId, i) =>
            JSON.stringify({ roomId, title: `Recorded in the bench ${i}` })
          ),
          token: pradeep,
        },
      },
    ];

    log(
      `http: ${CONNECTIONS} connections, ${seconds} s per route, embedded store, demo data, info logs to a sink; ` +
        `ratio = req/s over the /healthz runs just before and after (the machine is shared), ` +
        `cpu ratio = server CPU per /healthz request / server CPU per request of the route`
    );
    let runs = 0;
    const measure = async (name: string, job: Job, warm?: Partial<Job>) => {
      // A short warm-up (JIT, caches) before each measured run.
      await runLoad({ ...job, ...warm, url: app.url, connections: CONNECTIONS, seconds: 1 });
      // The server's GC pauses during the run: young-generation ones (scavenges) and the rest.
      const gc = { scavengeMs: 0, otherMs: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const kind = (e as { detail?: { kind?: number } }).detail?.kind;
          if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gc.scavengeMs += e.duration;
          else gc.otherMs += e.duration;
        }
      });
      observer.observe({ entryTypes: ['gc'] });
      const cpu = process.cpuUsage();
      const r = await profiled(options.profileDir, `${++runs} ${name}`, () =>
        runLoad({ ...job, url: app.url, connections: CONNECTIONS, seconds })
      );
      const used = process.cpuUsage(cpu);
      observer.disconnect();
      const perRequest = (total: number) => total / Math.max(1, r.total);
      return {
        ...r,
        cpuUsPerRequest: perRequest(used.user + used.system),
        gcUsPerRequest: perRequest((gc.scavengeMs + gc.otherMs) * 1000),
      };
    };
    const fmtRow = (
      name: string,
      r: LoadResult & { cpuUsPerRequest: number; gcUsPerRequest: number },
      rps: number,
      cpu: number
    ) =>
      `${name.padEnd(44)} ${Math.round(r.requestsPerSecond).toString().padStart(6)} req/s  ` +
      `p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  ` +
      `${Math.round(r.cpuUsPerRequest).toString().padStart(5)} µs CPU/req  ` +
      `${Math.round(r.gcUsPerRequest).toString().padStart(4)} µs GC/req  ` +
      `ratio ${(r.requestsPerSecond / rps).toFixed(3)}  cpu ratio ${(cpu / r.cpuUsPerRequest).toFixed(3)}`;
    const healthJob: Job = { method: 'GET', paths: ['/healthz'] };
    let before = await measure('GET /healthz', healthJob);
    log(fmtRow('GET /healthz', before, before.requestsPerSecond, before.cpuUsPerRequest));
    let failures = 0;
    for (const route of routes) {
      if (options.only?.length && !options.only.some((o) => route.name.includes(o))) continue;
      const r = await measure(route.name, route.job, route.warm);
      const after = await measure('GET /healthz', healthJob);
      const rps = (before.requestsPerSecond + after.requestsPerSecond) / 2;
      const cpu = (before.cpuUsPerRequest + after.cpuUsPerRequest) / 2;
      const bad = r.non2xx + r.errors;
      failures += bad;
      log(fmtRow(route.name, r, rps, cpu) + (bad > 0 ? `  (${bad} not 2xx!)` : ''));
      before = after;
    }
    if (failures > 0) {
      log(`FAIL: ${failures} requests did not answer 2xx`);
      process.exitCode = 1;
    }
  } finally {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(await realpath(entry)).href) {
  const flag = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const seconds = flag('seconds');
  await runHttpBench((line) => process.stdout.write(`${line}\n`), {
    seconds: seconds === undefined ? undefined : Number(seconds),
    only: flag('only')?.split(','),
    profileDir: flag('profile'),
  });
}
