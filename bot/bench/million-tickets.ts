/**
 * The shared data set of the store and incidents benchmarks: 1,000 customers, 1,000,000 tickets,
 * and a partner user who is Primary admin of every customer under mixed relationship scopes.
 * Inserting a million tickets takes minutes on a busy machine, so the data directory is built
 * once and kept under os.tmpdir() (keyed by the snapshot format); each run works on a copy.
 */
import { cp, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'bson';
import { openEmbeddedStore } from '../src/store/embedded/index.ts';
import { SNAPSHOT_FORMAT } from '../src/store/embedded/snapshot.ts';
import { ensureIndexes } from '../src/data/indexes.ts';
import { TicketCollections, type TicketDoc } from '../src/data/tickets.collections.ts';
import { StoreTicketRepository } from '../src/data/tickets.repositories.ts';
import { StoreRoomRepository } from '../src/data/rooms.repository.ts';
import { buildGrants, roomFilterAcrossCustomers } from '../src/core/authz/engine.ts';
import { TICKET_FIELDS } from '../src/core/tickets/tickets.use-cases.ts';
import { SIGNAL_TYPES, TICKET_STATUSES } from '../src/core/tickets/ticket.model.ts';
import { seededRandom as prng } from '../test/support/seeded-random.ts';

export const CUSTOMERS = 1_000;
export const TICKETS = 1_000_000;
const ROOMS_PER_CUSTOMER = 40;
const GROUPS_PER_CUSTOMER = 4;
const PARTNER = 'partner-0000';
const USER = 'user-0000';

export const customer = (n: number) => `cust-${String(n).padStart(4, '0')}`;
export const room = (c: number, r: number) => `${customer(c)}-room-${String(r).padStart(2, '0')}`;
export const group = (c: number, g: number) => `${customer(c)}-group-${g}`;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
export const fmt = (ms: number): string => (ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));
export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');

/** The million tickets, the same on every run (seeded). */
export function makeTickets(): TicketDoc[] {
  const rand = prng(11);
  const base = Date.UTC(2025, 0, 1);
  return Array.from({ length: TICKETS }, (_, i) => {
    const c = Math.floor(rand() * CUSTOMERS);
    const r = Math.floor(rand() * ROOMS_PER_CUSTOMER);
    const at = new Date(base + i * 1000);
    const id = `tk-${String(i).padStart(7, '0')}`;
    return {
      _id: id,
      tenantId: customer(c),
      roomId: room(c, r),
      roomName: `Room ${r}`,
      roomGroupIds: [group(c, r % GROUPS_PER_CUSTOMER)],
      severity: rand() < 0.4 ? 'Important' : 'Warning',
      type: SIGNAL_TYPES[Math.floor(rand() * SIGNAL_TYPES.length)]!,
      status: TICKET_STATUSES[Math.floor(rand() * TICKET_STATUSES.length)]!,
      source: 'signal',
      title: 'bench',
      description: '',
      highImpact: false,
      notes: [],
      history: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
      signalKey: `ticket:${id}`,
    } satisfies TicketDoc;
  });
}

/**
 * The partner user's grants: Primary admin of every customer; relationship scopes vary (all
 * rooms for a third, one room group for a third, a handful of rooms for the rest), so the
 * aggregate filter mixes every shape the engine produces. Built from the relationships as a
 * request's grants are, from the documents the store returns (BSON-decoded: every id a flat
 * string); ids made here by concatenation would be rope strings, which V8 flattens on each first
 * comparison (sorting a scope's rooms, matching them against tickets), a cost no loaded grants
 * pay (measured: sorting a scope's five room ids 350 ns against 120 ns).
 */
export function partnerGrants() {
  const rand = prng(12);
  const relationships = Array.from({ length: CUSTOMERS }, (_, c) => {
    const kind = c % 3;
    const scope =
      kind === 0
        ? { allRooms: true, roomIds: [], roomGroupIds: [] }
        : kind === 1
          ? {
              allRooms: false,
              roomIds: [],
              roomGroupIds: [group(c, Math.floor(rand() * GROUPS_PER_CUSTOMER))],
            }
          : {
              allRooms: false,
              roomIds: Array.from({ length: 5 }, () =>
                room(c, Math.floor(rand() * ROOMS_PER_CUSTOMER))
              ),
              roomGroupIds: [],
            };
    return {
      id: `rel-${c}`,
      customerTenantId: customer(c),
      partnerTenantId: PARTNER,
      state: 'active' as const,
      scope,
      primaryAdmins: [{ type: 'user' as const, id: USER }],
      primaryAdminsRoleDeleted: false,
    };
  });
  const stored = deserialize(serialize({ relationships })) as {
    relationships: typeof relationships;
  };
  return buildGrants(
    {
      tenantId: PARTNER,
      userId: USER,
      groupIds: new Set(),
      isGlobalAdmin: false,
      isRoomsProManager: false,
    },
    { relationships: stored.relationships, roles: [], assignments: [] }
  );
}

const READY_MARK = 'BENCH-READY';

/**
 * The cached data directory (built on first use): the tickets inserted, the app's indexes, one
 * aggregate page served (so the store's run hints name the incident view's order, as after any
 * service that served the Incidents page), compacted and closed.
 */
export async function cachedTicketsDir(log: (line: string) => void): Promise<string> {
  const dir = ticketsDirFor(SNAPSHOT_FORMAT);
  if (await exists(join(dir, READY_MARK))) return dir;
  const building = `${dir}.building`;
  await rm(building, { recursive: true, force: true });
  // A directory built for an older snapshot format is converted (loaded and compacted: the same
  // data, no minutes of inserts); it is kept as it is.
  for (let format = SNAPSHOT_FORMAT - 1; format >= 2; format--) {
    const older = ticketsDirFor(format);
    if (!(await exists(join(older, READY_MARK)))) continue;
    log(`converting the ${TICKETS}-ticket data directory from ${older}`);
    await cp(older, building, { recursive: true });
    await rm(join(building, READY_MARK), { force: true });
    const store = await openEmbeddedStore(building);
    try {
      await store.collection(TicketCollections.tickets).estimatedDocumentCount();
      await store.compact();
    } finally {
      await store.close();
    }
    return markReady(building, dir);
  }
  log(`building the ${TICKETS}-ticket data directory once (kept in ${dir}); this takes minutes`);
  const started = performance.now();
  const store = await openEmbeddedStore(building);
  try {
    const coll = store.collection<TicketDoc>(TicketCollections.tickets);
    const docs = makeTickets();
    for (let i = 0; i < docs.length; i += 10_000) await coll.insertMany(docs.slice(i, i + 10_000));
    // The app's ticket indexes, built once over the loaded data (faster than maintaining them on
    // every insert; the query path is the same).
    await ensureIndexes(store);
    const visible = roomFilterAcrossCustomers(partnerGrants(), 'tickets.view', TICKET_FIELDS)!;
    await new StoreTicketRepository(store, new StoreRoomRepository(store)).page(
      visible,
      {},
      { limit: 50 }
    );
    await store.compact();
  } finally {
    await store.close();
  }
  await markReady(building, dir);
  log(`built in ${fmt(performance.now() - started)} ms`);
  return dir;
}

const ticketsDirFor = (format: number): string => join(tmpdir(), `rph-bench-1m-tickets-f${format}`);

async function markReady(building: string, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  await writeFile(join(dir, READY_MARK), new Date().toISOString());
  return dir;
}

/** A fresh copy of the cached directory to run against; remove it with the returned function. */
export async function workingCopy(
  log: (line: string) => void
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const source = await cachedTicketsDir(log);
  const root = await mkdtemp(join(tmpdir(), 'rph-bench-run-'));
  const dir = join(root, 'data');
  await cp(source, dir, { recursive: true });
  await rm(join(dir, READY_MARK), { force: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  );
}
