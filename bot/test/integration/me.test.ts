/**
 * `/api/me` tells the tab what to offer without probing routes: whether the caller's tenant is an
 * eligible partner and whether the caller handles its invitations (GA, TRPM, tenant manager).
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';

describe('/api/me partner standing', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const me = async (tenant: string, user: string) => {
    const r = await app.call('GET', '/api/me', { token: await app.tokenFor(tenant, user) });
    assert.equal(r.status, 200, r.text);
    return [r.body.isEligiblePartner, r.body.handlesInvitations];
  };

  it('When partner and customer users ask, then eligibility and invitation handling match their roles', async () => {
    assert.deepEqual(await me('fabrikam', 'megan'), [true, true]); // Global admin
    assert.deepEqual(await me('fabrikam', 'adele'), [true, true]); // Teams Rooms Pro Manager
    assert.deepEqual(await me('fabrikam', 'lee'), [true, true]); // tenant manager
    assert.deepEqual(await me('fabrikam', 'pradeep'), [true, false]); // Primary admin only
    assert.deepEqual(await me('fabrikam', 'diego'), [true, false]); // technician
    assert.deepEqual(await me('contoso', 'alex'), [false, false]); // customer Global admin
  });

  it('When the tenant managers group is removed, then the next /api/me says its member no longer handles invitations', async () => {
    const megan = await app.tokenFor('fabrikam', 'megan');
    const list = await app.call('GET', '/api/partner/tenant-managers', { token: megan });
    assert.equal(list.status, 200, list.text);
    // Lynne is a tenant manager through the group only (group membership counts).
    const group = (list.body.items ?? []).find((m) => m.displayName === 'MSP Tenant Managers');
    assert.ok(group, 'the seeded tenant managers group');
    assert.deepEqual(await me('fabrikam', 'lynne'), [true, true]);
    const removed = await app.call('DELETE', `/api/partner/tenant-managers/${String(group.id)}`, {
      token: megan,
    });
    assert.equal(removed.status, 204, removed.text);
    assert.deepEqual(await me('fabrikam', 'lynne'), [true, false]);
  });
});
