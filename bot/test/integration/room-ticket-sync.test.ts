/**
 * Tickets carry their room's groups (so the scope filter can select them without a join). When
 * the customer moves a room out of the partner's scope, its tickets leave the partner's views
 * on the next request: list, detail and the aggregate incidents view.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';

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
  });
});
