/**
 * Room health follows the room's open tickets: an Important incident or a recorded issue makes
 * it Important (Unhealthy) until it resolves or closes; Warnings alone make it Warning.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { devIngestKey } from '../../src/auth/ingest-keys.ts';

const CONTOSO = ids.tenant('contoso');
const ROOMS = `/api/customers/${CONTOSO}/rooms`;

describe('Room health follows its tickets', function () {
  let app: TestApp;
  let alex: string;

  before(async () => {
    app = await startTestApp();
    alex = await app.tokenFor('contoso', 'alex');
  });
  after(() => app?.close());

  const healthOf = async (roomId: string) => {
    const r = await app.call('GET', `${ROOMS}/${roomId}`, { token: alex });
    assert.equal(r.status, 200, r.text);
    return r.body.health;
  };
  const signal = (roomId: string, body: Record<string, unknown>) =>
    app.call('POST', '/api/signals', {
      headers: { 'x-ingest-key': devIngestKey(CONTOSO) },
      body: {
        tenantId: CONTOSO,
        roomId,
        type: 'network',
        severity: 'Warning',
        state: 'raised',
        observedAt: new Date().toISOString(),
        ...body,
      },
    });

  it('When the demo starts, then every unhealthy room has an open ticket to show for it', async () => {
    const rooms = await app.call('GET', `${ROOMS}?limit=200`, { token: alex });
    const tickets = await app.call('GET', `/api/customers/${CONTOSO}/tickets?limit=200`, {
      token: alex,
    });
    const open = new Set(
      (tickets.body.items ?? [])
        .filter((t) => !['Resolved', 'Closed'].includes(String(t.status)))
        .map((t) => t.roomId)
    );
    for (const room of rooms.body.items ?? []) {
      if (room.health === 'Warning' || room.health === 'Important')
        assert.ok(open.has(room.id), `${String(room.displayName)}`);
    }
  });

  it('When a Warning is raised, escalates and clears, then the room goes Warning, Important, Healthy', async () => {
    const healthy = await app.call('GET', `${ROOMS}?health=Healthy&limit=1`, { token: alex });
    const roomId = String(healthy.body.items?.[0]?.id);
    assert.equal((await signal(roomId, {})).status, 200);
    assert.equal(await healthOf(roomId), 'Warning');
    assert.equal((await signal(roomId, { severity: 'Important' })).status, 200);
    assert.equal(await healthOf(roomId), 'Important');
    assert.equal((await signal(roomId, { state: 'cleared' })).status, 200);
    assert.equal(await healthOf(roomId), 'Healthy');
  });

  it('When an issue is recorded on a room, then the room shows Important until the issue is closed', async () => {
    const healthy = await app.call('GET', `${ROOMS}?health=Healthy&limit=1`, { token: alex });
    const roomId = String(healthy.body.items?.[0]?.id);
    const recorded = await app.call('POST', `/api/customers/${CONTOSO}/tickets`, {
      token: alex,
      body: {
        roomId,
        title: 'Remote does not pair',
        description: 'Pairing fails',
        highImpact: false,
      },
    });
    assert.equal(recorded.status, 201, recorded.text);
    assert.equal(await healthOf(roomId), 'Important');
    const closed = await app.call(
      'POST',
      `/api/customers/${CONTOSO}/tickets/${String(recorded.body.id)}/close`,
      {
        token: alex,
        body: { reason: 'Resolved' },
      }
    );
    assert.equal(closed.status, 200, closed.text);
    assert.equal(await healthOf(roomId), 'Healthy');
  });

  it("When people change severities and statuses of a room's tickets, then the room follows all of its open tickets", async () => {
    const healthy = await app.call('GET', `${ROOMS}?health=Healthy&limit=1`, { token: alex });
    const roomId = String(healthy.body.items?.[0]?.id);
    const ticket = (id: string) => `/api/customers/${CONTOSO}/tickets/${id}`;
    const change = async (id: string, body: Record<string, unknown>) => {
      const r = await app.call('PATCH', ticket(id), { token: alex, body });
      assert.equal(r.status, 200, r.text);
    };
    const important = await signal(roomId, { type: 'display', severity: 'Important' });
    const warning = await signal(roomId, { type: 'speaker' });
    const [a, b] = [String(important.body.ticketId), String(warning.body.ticketId)];
    assert.equal(await healthOf(roomId), 'Important');
    // The only Important one becomes a Warning: Warnings are left.
    await change(a, { severity: 'Warning' });
    assert.equal(await healthOf(roomId), 'Warning');
    const recorded = await app.call('POST', `/api/customers/${CONTOSO}/tickets`, {
      token: alex,
      body: { roomId, title: 'Camera frozen' },
    });
    assert.equal(recorded.status, 201, recorded.text);
    const issue = String(recorded.body.id);
    assert.equal(await healthOf(roomId), 'Important');
    // A recorded issue keeps its room Important whatever its severity.
    await change(issue, { severity: 'Important' });
    await change(issue, { severity: 'Warning' });
    assert.equal(await healthOf(roomId), 'Important');
    await change(a, { severity: 'Important' });
    await change(a, { severity: 'Warning', status: 'Acknowledged' });
    assert.equal(await healthOf(roomId), 'Important');
    await change(issue, { status: 'Resolved' });
    assert.equal(await healthOf(roomId), 'Warning');
    await change(a, { status: 'Resolved' });
    assert.equal(await healthOf(roomId), 'Warning');
    await change(b, { status: 'Resolved' });
    assert.equal(await healthOf(roomId), 'Healthy');
    // Reopened: the room is at least as unhealthy as the ticket again.
    await change(issue, { status: 'Open' });
    assert.equal(await healthOf(roomId), 'Important');
  });
});
