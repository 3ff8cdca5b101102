/**
 * The start-up warm-up of the incident views reads every tenant once; what users see afterwards
 * is exactly what they saw before (it only prepares the store's sorted runs).
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { exerciseAggregatePages, warmIncidentViews } from '../../src/data/tickets.repositories.ts';
import { StoreTenantRepository } from '../../src/data/foundation.repositories.ts';
import { Collections } from '../../src/data/collections.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';

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

  it('When the aggregate page is exercised at start-up, then it serves pages of new callers and writes nothing', async () => {
    const contents = async () => ({
      tickets: await app.store.collection(TicketCollections.tickets).find({}).toArray(),
      audit: await app.store.collection(Collections.audit).countDocuments({}),
    });
    const before = await contents();
    const tenants = await new StoreTenantRepository(app.store).ids();
    const done = await exerciseAggregatePages(app.store, tenants);
    // Every page (a caller of its own, scopes of every kind) found its tenants' newest tickets.
    assert.ok(done.pages > 0 && done.items >= done.pages, JSON.stringify(done));
    assert.deepEqual(await contents(), before);
  });

  it('When the service stops during the exercise, then no further page is served', async () => {
    const tenants = await new StoreTenantRepository(app.store).ids();
    let asked = 0;
    const done = await exerciseAggregatePages(app.store, tenants, () => ++asked > tenants.length);
    assert.deepEqual(done, { pages: 0, items: 0 });
  });
});
