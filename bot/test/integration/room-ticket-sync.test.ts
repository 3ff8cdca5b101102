/**
 * Tickets carry their room's groups (so the scope filter can select them without a join). When
 * the customer moves a room out of the partner's scope, its tickets leave the partner's views
 * on the next request: list, detail and the aggregate incidents view.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { ResourceCollections, type RoomDoc } from '../../src/data/collections.ts';
import { StoreTicketRepository } from '../../src/data/tickets.repositories.ts';
import { StoreRoomRepository } from '../../src/data/rooms.repository.ts';
import { demoId } from '../../src/seed/demo-id.ts';
import { crashingStore, SimulatedCrash } from '../support/crashing-store.ts';
import { openStoreUnderTest, type StoreUnderTest } from '../store/store-under-test.ts';
import { TicketCollections, type TicketDoc } from '../../src/data/tickets.collections.ts';
import type { Ticket } from '../../src/core/tickets/ticket.model.ts';

type MarkedRoom = RoomDoc & { ticketSyncPending?: boolean };

const CONTOSO = ids.tenant('contoso');
const EMEA = ids.roomGroup('contoso', 'EMEA rooms');

describe('Room group changes reach its tickets', function () {
  let app: TestApp;
  let alex: string;
  let pradeep: string;

  before(async () => {
    app = await startTestApp();
    alex = await app.tokenFor('contoso', 'alex');
    pradeep = await app.tokenFor('fabrikam', 'pradeep');
  });
  after(() => app?.close());

  it('When the customer moves a room out of the US rooms scope, then the partner loses its tickets at once', async () => {
    const tickets = `/api/customers/${CONTOSO}/tickets`;
    const before = await app.call('GET', `${tickets}?limit=100`, { token: pradeep });
    assert.equal(before.status, 200, before.text);
    const ticket = before.body.items?.[0];
    assert.ok(ticket, 'the demo data gives Contoso tickets in the partner scope');
    const roomId = String(ticket.roomId);

    const moved = await app.call('PATCH', `/api/customers/${CONTOSO}/rooms/${roomId}`, {
      token: alex,
      body: { groupIds: [EMEA] },
    });
    assert.equal(moved.status, 200, moved.text);

    const list = await app.call('GET', `${tickets}?limit=100`, { token: pradeep });
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes(roomId), 'no ticket of the moved room in the list');
    const detail = await app.call('GET', `${tickets}/${String(ticket.id)}`, { token: pradeep });
    assert.equal(detail.status, 404);
    const all = await app.call('GET', '/api/incidents?limit=100', { token: pradeep });
    assert.equal(all.status, 200);
    assert.ok(!all.text.includes(roomId), 'nor in the aggregate view');

    // The customer still sees it, now under the new group.
    const own = await app.call('GET', `${tickets}/${String(ticket.id)}`, { token: alex });
    assert.equal(own.status, 200, own.text);
    const room = await app.store
      .collection<MarkedRoom>(ResourceCollections.rooms)
      .findOne({ _id: roomId });
    assert.equal(room?.ticketSyncPending, undefined, 'the sync finished and cleared its mark');
  });

  it("When a ticket is written with groups its room has just left, then it adopts the room's current groups", async () => {
    // A ticket created from a room read before a concurrent group change (whose own sync ran
    // before this insert) must not stay visible to the old scope.
    const repo = new StoreTicketRepository(app.store, new StoreRoomRepository(app.store));
    const seeded = (await repo.get(CONTOSO, demoId('ticket:contoso:2')))!;
    const rooms = app.store.collection<RoomDoc>(ResourceCollections.rooms);
    const room = (await rooms.findOne({ _id: seeded.roomId }))!;
    await rooms.updateOne({ _id: room._id }, { $set: { groupIds: [EMEA] } });
    const id = crypto.randomUUID();
    assert.ok(await repo.insert({ ...seeded, id, roomGroupIds: room.groupIds }, `own:${id}`));
    assert.deepEqual((await repo.get(CONTOSO, id))!.roomGroupIds, [EMEA]);
  });

  it('When a crash stopped a sync between the room and its tickets, then the next start finishes it', async () => {
    const dataApp = await startTestApp({}, { keepData: true });
    const tickets = `/api/customers/${CONTOSO}/tickets`;
    let token = await dataApp.tokenFor('fabrikam', 'pradeep');
    const seen = await dataApp.call('GET', `${tickets}?limit=100`, { token });
    const roomId = String(seen.body.items?.[0]?.roomId);
    // What a crash right after the room write leaves behind: the room moved and marked, its
    // tickets not yet.
    await dataApp.store
      .collection<MarkedRoom>(ResourceCollections.rooms)
      .updateOne({ _id: roomId }, { $set: { groupIds: [EMEA], ticketSyncPending: true } });
    assert.ok(
      (await dataApp.call('GET', `${tickets}?limit=100`, { token })).text.includes(roomId),
      'stale before restart'
    );
    await dataApp.stop();

    const restarted = await startTestApp({}, { dataDir: dataApp.dataDir });
    try {
      token = await restarted.tokenFor('fabrikam', 'pradeep');
      const after = await restarted.call('GET', `${tickets}?limit=100`, { token });
      assert.equal(after.status, 200);
      assert.ok(!after.text.includes(roomId), 'the restart finished the sync');
      const room = await restarted.store
        .collection<MarkedRoom>(ResourceCollections.rooms)
        .findOne({ _id: roomId });
      assert.equal(room?.ticketSyncPending, undefined);
    } finally {
      await restarted.close();
    }
  });
});

describe('Room group sync of tickets: crash-safe and idempotent', () => {
  const TENANT = '00000000-0000-4000-8000-000000000001';
  const [US, UK] = ['group-us', 'group-uk'];
  const NOW = new Date('2026-06-01T00:00:00Z');
  let sut: StoreUnderTest;
  beforeEach(async () => {
    sut = await openStoreUnderTest();
  });
  afterEach(() => sut.dispose());

  const roomDoc = (id: string, groupIds: string[]): MarkedRoom => ({
    _id: id,
    tenantId: TENANT,
    displayName: `Room ${id}`,
    site: 'Site',
    country: 'US',
    health: 'Healthy',
    groupIds,
    ringId: 'ring',
    enrollment: { status: 'Enrolled', keyVersion: 1 },
    createdAt: NOW,
    updatedAt: NOW,
  });
  const ticket = (id: string, roomId: string, roomGroupIds: string[]): Ticket => ({
    id,
    tenantId: TENANT,
    roomId,
    roomName: `Room ${roomId}`,
    roomGroupIds,
    severity: 'Warning',
    type: 'customerReported',
    status: 'Open',
    source: 'customer',
    title: 'Issue',
    description: '',
    highImpact: false,
    notes: [],
    history: [],
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  });

  /** Each room's groups, its mark, and the groups each of its tickets carries. */
  async function state() {
    const rooms = await sut.store
      .collection<MarkedRoom>(ResourceCollections.rooms)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    const tickets = await sut.store
      .collection<TicketDoc>(TicketCollections.tickets)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    return {
      rooms: rooms.map((r) => `${r._id} ${r.groupIds.join('+')} ${r.ticketSyncPending === true}`),
      tickets: tickets.map((t) => `${t._id} ${t.roomId} ${t.roomGroupIds.join('+')}`),
    };
  }

  /** What a restart runs before the first request (main.ts: resumeInterrupted). */
  const resume = () =>
    new StoreTicketRepository(sut.store, new StoreRoomRepository(sut.store)).resumeRoomGroupSyncs();

  it('When a ticket copied groups its room has since left and the process dies after any of its writes, then the next start leaves it with the room’s groups; a second start changes nothing', async () => {
    const rooms = sut.store.collection<MarkedRoom>(ResourceCollections.rooms);
    await rooms.insertOne(roomDoc('r1', [US]));
    // The ticket's room was read under US; the room moved to UK (its tickets with it) before
    // the ticket was written.
    const moved = await new StoreRoomRepository(sut.store).update(
      TENANT,
      'r1',
      [US],
      { groupIds: [UK] },
      NOW
    );
    assert.deepEqual(moved?.groupIds, [UK]);
    const crashing = crashingStore(sut.store);
    const repo = new StoreTicketRepository(crashing, new StoreRoomRepository(crashing));
    assert.ok(await repo.insert(ticket('t0', 'r1', [US]), 'ticket:t0'));
    const writes = crashing.attempted;
    assert.equal(writes, 2, 'the ticket, then its catch-up');
    const done = await state();
    assert.deepEqual(done, { rooms: ['r1 group-uk false'], tickets: ['t0 r1 group-uk'] });
    for (let n = 0; n < writes; n++) {
      await sut.store.collection(TicketCollections.tickets).deleteMany({});
      crashing.crashAfter(n);
      await assert.rejects(repo.insert(ticket('t0', 'r1', [US]), 'ticket:t0'), SimulatedCrash);
      crashing.recover();
      const left = await state();
      if (n === 0) assert.deepEqual(left, { rooms: done.rooms, tickets: [] });
      else assert.deepEqual(left.rooms, ['r1 group-uk true'], 'the ticket’s write marked its room');
      assert.equal(await resume(), n === 0 ? 0 : 1);
      assert.deepEqual(await state(), n === 0 ? left : done, `dead after ${n} of ${writes}`);
      assert.equal(await resume(), 0, 'nothing left to resume');
      assert.deepEqual(await state(), n === 0 ? left : done);
    }
  });

  it('When the process dies part-way through the resume, then the next start finishes the rest', async () => {
    const rooms = sut.store.collection<MarkedRoom>(ResourceCollections.rooms);
    const tickets = sut.store.collection<TicketDoc>(TicketCollections.tickets);
    // What crashes left (a store without transactions, or tickets written with old groups):
    // three rooms marked, their tickets behind.
    for (const id of ['r1', 'r2', 'r3']) {
      await rooms.insertOne({ ...roomDoc(id, [UK]), ticketSyncPending: true });
      await tickets.insertOne({
        ...ticket(`t-${id}`, id, [US]),
        _id: `t-${id}`,
        signalKey: `ticket:t-${id}`,
      } as unknown as TicketDoc);
    }
    const synced = {
      rooms: ['r1 group-uk false', 'r2 group-uk false', 'r3 group-uk false'],
      tickets: ['t-r1 r1 group-uk', 't-r2 r2 group-uk', 't-r3 r3 group-uk'],
    };
    const crashing = crashingStore(sut.store);
    const resumeOn = () =>
      new StoreTicketRepository(crashing, new StoreRoomRepository(crashing)).resumeRoomGroupSyncs();
    crashing.crashAfter(1);
    await assert.rejects(resumeOn(), SimulatedCrash);
    crashing.recover();
    const partway = await state();
    assert.deepEqual(
      partway.rooms.filter((r) => r.endsWith('true')).length,
      2,
      'one room synced and unmarked in one write, the others still marked'
    );
    for (const r of ['r1', 'r2', 'r3']) {
      const marked = partway.rooms.includes(`${r} group-uk true`);
      assert.equal(partway.tickets.includes(`t-${r} ${r} group-uk`), !marked, `room ${r}`);
    }
    assert.equal(await resumeOn(), 2);
    assert.deepEqual(await state(), synced);
    assert.equal(await resumeOn(), 0);
    assert.deepEqual(await state(), synced);
  });
});
