/**
 * `npm run simulate`: feeds realistic room health signals for the demo customers' rooms to a
 * running local service (`npm start`), through the real ingestion endpoint and the dev ingest
 * keys (local mode). Loopback only: this tool never talks to another host.
 *
 *   npm run simulate -- --url http://127.0.0.1:3978 --count 40 --rate 5
 */
import { Command, InvalidArgumentError } from 'commander';
import { createHash } from 'node:crypto';
import { devIngestKeys, INGEST_KEY_HEADER } from './auth/ingest-keys.ts';
import { demoTenants, ids } from './seed/demo-data.ts';
import { DEFAULT_SEVERITY, SIGNAL_TYPES, type SignalType } from './core/tickets/ticket.model.ts';
import { seededRandom } from './util/seeded-random.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};

const program = new Command('simulate')
  .description('Post room health signals for the demo customers to a local Rooms Partner Hub')
  .option('--url <url>', 'base URL of the running service (loopback only)', 'http://127.0.0.1:3978')
  .option('--count <n>', 'signals to send', positive, 30)
  .option('--rate <perSecond>', 'signals per second', positive, 5)
  .option('--seed <n>', 'random seed (same seed, same signals)', positive, 1)
  .parse();

const opts = program.opts<{ url: string; count: number; rate: number; seed: number }>();
const base = new URL(opts.url);
if (!LOOPBACK.has(base.hostname)) {
  process.stderr.write(
    `simulate: refusing ${base.hostname}; only a local service (127.0.0.1, localhost, ::1).\n`
  );
  process.exit(2);
}

const rand = seededRandom(opts.seed);
const keys = new Map(devIngestKeys().map((k) => [k.tenantKey, k.secret]));
const rooms = demoTenants
  .filter((t) => t.rooms)
  .flatMap((t) => {
    const count = t.rooms!.sites.reduce((n, s) => n + s.count, 0);
    return Array.from({ length: count }, (_, n) => ({
      tenantKey: t.key,
      tenantName: t.displayName,
      roomId: ids.room(t.key, n),
      n,
    }));
  });

/** Signals currently raised, so the simulator clears what it raised (like a real monitor). */
const raised = new Map<string, { room: (typeof rooms)[number]; type: SignalType }>();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function nextSignal() {
  // A third of the time, clear one of the signals raised earlier.
  if (raised.size > 0 && rand() < 0.33) {
    const [key, s] = pick([...raised.entries()]);
    raised.delete(key);
    return { ...s, state: 'cleared' as const, severity: DEFAULT_SEVERITY[s.type] };
  }
  const room = pick(rooms);
  const type = pick(SIGNAL_TYPES);
  raised.set(`${room.roomId}:${type}`, { room, type });
  // Warnings sometimes come back as Important (escalation).
  const severity =
    DEFAULT_SEVERITY[type] === 'Warning' && rand() < 0.2 ? 'Important' : DEFAULT_SEVERITY[type];
  return { room, type, state: 'raised' as const, severity };
}

const tally = new Map<string, number>();
const delayMs = 1000 / opts.rate;
process.stdout.write(`simulate: ${opts.count} signals to ${base.origin} at ${opts.rate}/s\n`);
for (let i = 0; i < opts.count; i++) {
  const s = nextSignal();
  const key = keys.get(s.room.tenantKey)!;
  const body = {
    tenantId: ids.tenant(s.room.tenantKey),
    roomId: s.room.roomId,
    type: s.type,
    severity: s.severity,
    state: s.state,
    observedAt: new Date().toISOString(),
    detail: `simulated ${s.type} ${s.state} (${createHash('sha1').update(`${opts.seed}:${i}`).digest('hex').slice(0, 6)})`,
  };
  let line: string;
  try {
    const res = await fetch(new URL('/api/signals', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INGEST_KEY_HEADER]: key },
      body: JSON.stringify(body),
    });
    const out = (await res.json()) as { outcome?: string; ticketId?: string; code?: string };
    const outcome = res.ok ? (out.outcome ?? '?') : `HTTP ${res.status} ${out.code ?? ''}`;
    tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    line = `${outcome.padEnd(10)} ${s.room.tenantName} room #${s.room.n} ${s.type} ${s.severity} ${s.state}${out.ticketId ? ` → ticket ${out.ticketId}` : ''}`;
  } catch (e) {
    process.stderr.write(
      `simulate: cannot reach ${base.origin} (${(e as Error).message}). Is \`npm start\` running?\n`
    );
    process.exit(1);
  }
  process.stdout.write(`${line}\n`);
  await new Promise((r) => setTimeout(r, delayMs));
}
process.stdout.write(`simulate: done — ${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
