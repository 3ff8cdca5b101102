/**
 * The REST side of incident alerts: "Assign to me" (the assignee in the API and the OpenAPI
 * document, a stale version refused), the caller's alert preference, and the list of conversations
 * subscribed to customers' alerts (only one's own organisation's, only for customers whose tickets
 * one may see).
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { subscriptionId } from '../../src/core/alerts/alerts.model.ts';

const CONTOSO = ids.tenant('contoso');
const FABRIKAM = ids.tenant('fabrikam');

describe('Incident alerts through the API', () => {
  let app: TestApp;
  let ticketId: string;
  const base = `/api/customers/${CONTOSO}/tickets`;
  before(async () => {
    app = await startTestApp();
    const list = await app.call('GET', `${base}?roomId=${ids.room('contoso', 0)}`, {
      token: await app.tokenFor('fabrikam', 'diego'),
    });
    ticketId = String(list.body.items![0]!.id);
  });
  after(() => app.close());

  it('When a technician assigns a ticket to himself, then the API shows the assignee; a stale version is refused with 409', async () => {
    const diego = await app.tokenFor('fabrikam', 'diego');
    const before = await app.call('GET', `${base}/${ticketId}`, { token: diego });
    assert.equal(before.body.assignee, undefined);
    const stale = await app.call('POST', `${base}/${ticketId}/assign-to-me`, {
      token: diego,
      body: { version: Number(before.body.version) - 1 },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'TICKET.STALE');
    const done = await app.call('POST', `${base}/${ticketId}/assign-to-me`, {
      token: diego,
      body: { version: before.body.version },
    });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.assignee, {
      id: ids.user('fabrikam', 'diego'),
      tenantId: FABRIKAM,
      name: 'Diego Siciliani',
    });
    const again = await app.call('POST', `${base}/${ticketId}/assign-to-me`, {
      token: diego,
      body: {},
    });
    assert.equal(again.body.code, 'TICKET.ALREADY_ASSIGNED');
    const history = (done.body.history as { action: string; to?: string }[]).at(-1)!;
    assert.deepEqual([history.action, history.to], ['assigned', 'Diego Siciliani']);
    const nestor = await app.call('POST', `${base}/${ticketId}/assign-to-me`, {
      token: await app.tokenFor('fabrikam', 'nestor'),
      body: {},
    });
    assert.equal(nestor.status, 404);
    const doc = await app.call('GET', '/api/openapi.json');
    const schema = (
      doc.body.components as { schemas: Record<string, { properties: Record<string, unknown> }> }
    ).schemas.Ticket!;
    assert.ok(schema.properties.assignee, 'the OpenAPI Ticket has an assignee');
    assert.ok(
      (doc.body.paths as Record<string, unknown>)[
        `/api/customers/{customerTenantId}/tickets/{ticketId}/assign-to-me`
      ]
    );
  });

  it('When a user sets their alert preference, then it is theirs only, Important by default, and audited', async () => {
    const grady = await app.tokenFor('fabrikam', 'grady');
    assert.deepEqual((await app.call('GET', '/api/me/alerts', { token: grady })).body, {
      mode: 'important',
      chosen: false,
    });
    const put = await app.call('PUT', '/api/me/alerts', { token: grady, body: { mode: 'off' } });
    assert.deepEqual(put.body, { mode: 'off', chosen: true });
    assert.deepEqual((await app.call('GET', '/api/me/alerts', { token: grady })).body, {
      mode: 'off',
      chosen: true,
    });
    assert.deepEqual(
      (await app.call('GET', '/api/me/alerts', { token: await app.tokenFor('fabrikam', 'diego') }))
        .body.mode,
      'important'
    );
    const bad = await app.call('PUT', '/api/me/alerts', { token: grady, body: { mode: 'loud' } });
    assert.equal(bad.status, 400);
    const audit = await app.store
      .collection('auditLog')
      .find({ tenantId: FABRIKAM, objectType: 'AlertPreference' })
      .toArray();
    assert.equal(audit.length, 1);
  });

  it('When a channel is subscribed, then the tab lists it to its organisation’s people who may see that customer’s tickets, and they can end it', async () => {
    const refId = 'conversation:19:ops@thread.tacv2';
    await app.services.alerts.subscriptions.add({
      id: subscriptionId(refId, CONTOSO),
      tenantId: FABRIKAM,
      conversationRefId: refId,
      conversationKind: 'channel',
      conversationName: 'Operations',
      customerTenantId: CONTOSO,
      subscribedBy: {
        id: ids.user('fabrikam', 'diego'),
        tenantId: FABRIKAM,
        name: 'Diego Siciliani',
      },
      createdAt: new Date(),
    });
    const list = (who: [string, string]) =>
      app.tokenFor(...who).then((token) => app.call('GET', '/api/alert-subscriptions', { token }));
    const grady = await list(['fabrikam', 'grady']);
    assert.deepEqual(
      grady.body.items!.map((s) => [s.customerName, s.conversationName]),
      [['Contoso Ltd', 'Operations']]
    );
    assert.deepEqual((await list(['fabrikam', 'nestor'])).body.items, [], 'no tickets, no list');
    assert.deepEqual(
      (await list(['contoso', 'alex'])).body.items,
      [],
      'another organisation’s channels stay private'
    );
    // The minimum severity: Important by default (a subscription older than the setting too),
    // Warning to receive every incident; only people who may see the customer's tickets set it.
    const id = encodeURIComponent(String(grady.body.items![0]!.id));
    assert.equal(grady.body.items![0]!.minSeverity, 'Important');
    const setBy = async (who: [string, string], body: unknown) =>
      app.call('PUT', `/api/alert-subscriptions/${id}`, {
        token: await app.tokenFor(...who),
        body,
      });
    const warning = await setBy(['fabrikam', 'grady'], { minSeverity: 'Warning' });
    assert.equal(warning.status, 200, warning.text);
    assert.equal(warning.body.minSeverity, 'Warning');
    assert.equal(warning.body.customerName, 'Contoso Ltd');
    assert.equal((await list(['fabrikam', 'grady'])).body.items![0]!.minSeverity, 'Warning');
    assert.equal((await setBy(['fabrikam', 'nestor'], { minSeverity: 'Important' })).status, 404);
    assert.equal((await setBy(['fabrikam', 'grady'], { minSeverity: 'Low' })).status, 400);
    const updates = await app.store
      .collection('auditLog')
      .find({ tenantId: CONTOSO, objectType: 'AlertSubscription', operation: 'Update' })
      .toArray();
    assert.equal(updates.length, 1, 'the change is in the customer’s audit log');
    const nestor = await app.call(
      'DELETE',
      `/api/alert-subscriptions/${encodeURIComponent(String(grady.body.items![0]!.id))}`,
      {
        token: await app.tokenFor('fabrikam', 'nestor'),
      }
    );
    assert.equal(nestor.status, 404);
    const ended = await app.call(
      'DELETE',
      `/api/alert-subscriptions/${encodeURIComponent(String(grady.body.items![0]!.id))}`,
      {
        token: await app.tokenFor('fabrikam', 'grady'),
      }
    );
    assert.equal(ended.status, 204, ended.text);
    assert.deepEqual((await list(['fabrikam', 'grady'])).body.items, []);
  });
});
