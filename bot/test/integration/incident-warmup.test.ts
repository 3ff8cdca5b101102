/**
 * The start-up warm-up of the incident views reads every tenant once; what users see afterwards
 * is exactly what they saw before (it only prepares the store's sorted runs).
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { warmIncidentViews } from '../../src/data/tickets.repositories.ts';

describe('Incident views warm-up', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('When the views are warmed, then every tenant is covered and the aggregate pages do not change', async () => {
    const pradeep = await app.tokenFor('fabrikam', 'pradeep');
    const pages = async () => {
      const first = await app.call('GET', '/api/incidents?limit=3', { token: pradeep });
      const second = await app.call(
        'GET',
        `/api/incidents?limit=3&cursor=${String(first.body.nextCursor)}`,
        { token: pradeep }
      );
      return [first.body.items, second.body.items].map((items) => (items ?? []).map((t) => t.id));
    };
    const before = await pages();
    assert.equal(
      await warmIncidentViews(app.store, app.services.tenants),
      4,
      'the four demo tenants'
    );
    assert.deepEqual(await pages(), before);
    assert.ok(before[0]!.length === 3 && before[1]!.length > 0);
  });
});
