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
