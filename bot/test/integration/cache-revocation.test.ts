/**
 * The request caches (verified tokens, callers, grants) never outlive a revocation: each test
 * first makes the same request twice (so every cache holds the caller), revokes, and expects the
 * very next request to be refused or narrowed.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';
import { demoRoleIds } from '../../src/seed/roles.seed.ts';
import {
  Collections,
  type DirectoryGroupDoc,
  type DirectoryUserDoc,
  type TenantDoc,
} from '../../src/data/collections.ts';
import { PartnerCollections } from '../../src/data/partners.collections.ts';

const CONTOSO = ids.tenant('contoso');
const FABRIKAM = ids.tenant('fabrikam');
const PARTNER = `/api/customer/partners/${FABRIKAM}`;
const US_ROOMS = Array.from({ length: 10 }, (_, n) => ids.room('contoso', n));

describe('request caches and revocations', () => {
  let app: TestApp;
  let alex: string;
  let pradeep: string;
  let diego: string;

  beforeEach(async () => {
    app = await startTestApp();
    alex = await app.tokenFor('contoso', 'alex');
    pradeep = await app.tokenFor('fabrikam', 'pradeep');
    diego = await app.tokenFor('fabrikam', 'diego');
  });
  afterEach(async () => {
    await app.close();
  });

  /** The same call twice, so the second one was served from the caches. */
  const twice = async (method: string, path: string, token: string) => {
    await app.call(method, path, { token });
    return app.call(method, path, { token });
  };
  const roomIds = (r: { body: { items?: Record<string, unknown>[] } }) =>
    (r.body.items ?? []).map((i) => String(i.id)).sort();

  it('When the customer narrows the partner scope, then the next request sees only the new scope', async () => {
    const rooms = `/api/customers/${CONTOSO}/rooms`;
    const before = await twice('GET', rooms, pradeep);
    assert.equal(before.status, 200);
    assert.deepEqual(roomIds(before), [...US_ROOMS].sort());
    await twice('GET', '/api/incidents', pradeep);

    const put = await app.call('PUT', `${PARTNER}/scope`, {
      token: alex,
      body: { roomIds: [US_ROOMS[0]] },
    });
    assert.equal(put.status, 200);

    assert.deepEqual(roomIds(await app.call('GET', rooms, { token: pradeep })), [US_ROOMS[0]]);
    const incidents = await app.call('GET', '/api/incidents', { token: pradeep });
    assert.equal(incidents.status, 200);
    for (const t of incidents.body.items ?? []) assert.equal(t.roomId, US_ROOMS[0]);
  });

  it('When the customer deletes an assignment, then its members lose the rights on the next request', async () => {
    const tickets = `/api/customers/${CONTOSO}/tickets`;
    assert.equal((await twice('GET', tickets, diego)).status, 200);

    const del = await app.call(
      'DELETE',
      `${PARTNER}/assignments/${demoRoleIds.helpDeskAssignment}`,
      { token: alex }
    );
    assert.equal(del.status, 204);

    const after = await app.call('GET', tickets, { token: diego });
    assert.equal(after.status, 404);
    assert.equal(after.body.code, 'CUSTOMER.NOT_FOUND');
  });

  it('When the customer removes the partner, then its Primary admin loses the customer on the next request', async () => {
    const rooms = `/api/customers/${CONTOSO}/rooms`;
    assert.equal((await twice('GET', rooms, pradeep)).status, 200);
    const listed = await twice('GET', '/api/partner/customers', pradeep);
    assert.ok((listed.body.items ?? []).some((c) => c.customerTenantId === CONTOSO));
    // The aggregate incidents page too: its filter across customers and the store's plan of it.
    const incidents = await twice('GET', '/api/incidents', pradeep);
    assert.ok((incidents.body.items ?? []).some((t) => t.customerTenantId === CONTOSO));

    const removed = await app.call('POST', `${PARTNER}/remove`, {
      token: alex,
      body: { confirm: true },
    });
    assert.equal(removed.status, 204);

    assert.equal((await app.call('GET', rooms, { token: pradeep })).status, 404);
    const after = await app.call('GET', '/api/partner/customers', { token: pradeep });
    assert.ok(!(after.body.items ?? []).some((c) => c.customerTenantId === CONTOSO));
    const incidentsAfter = await app.call('GET', '/api/incidents', { token: pradeep });
    assert.equal(incidentsAfter.status, 200);
    assert.ok(!(incidentsAfter.body.items ?? []).some((t) => t.customerTenantId === CONTOSO));
  });

  it('When a user leaves the group an assignment names, then the next request no longer has its rights', async () => {
    const tickets = `/api/customers/${CONTOSO}/tickets`;
    assert.equal((await twice('GET', tickets, diego)).status, 200);

    // The directory kept in the store (local mode); Entra would report the same change.
    const groups = app.store.collection<DirectoryGroupDoc>(Collections.groups);
    const r = await groups.updateOne(
      { tenantId: FABRIKAM, _id: ids.group('fabrikam', 'help-desk') },
      { $pull: { memberIds: ids.user('fabrikam', 'diego') } }
    );
    assert.equal(r.modifiedCount, 1);

    assert.equal((await app.call('GET', tickets, { token: diego })).status, 404);
  });

  it('When a Teams Rooms Pro Manager is removed, then the next request no longer has the role', async () => {
    const adele = await app.tokenFor('fabrikam', 'adele');
    const megan = await app.tokenFor('fabrikam', 'megan');
    assert.equal((await twice('GET', '/api/me', adele)).body.isRoomsProManager, true);

    const del = await app.call(
      'DELETE',
      `/api/rooms-pro-managers/${ids.user('fabrikam', 'adele')}`,
      { token: megan }
    );
    assert.equal(del.status, 204);

    assert.equal(
      (await app.call('GET', '/api/me', { token: adele })).body.isRoomsProManager,
      false
    );
  });

  it('When a tenant manager is removed, then the next request no longer handles invitations', async () => {
    const lee = await app.tokenFor('fabrikam', 'lee');
    const megan = await app.tokenFor('fabrikam', 'megan');
    assert.equal((await twice('GET', '/api/me', lee)).body.handlesInvitations, true);

    const del = await app.call(
      'DELETE',
      `/api/partner/tenant-managers/${ids.user('fabrikam', 'lee')}`,
      { token: megan }
    );
    assert.equal(del.status, 204);

    assert.equal((await app.call('GET', '/api/me', { token: lee })).body.handlesInvitations, false);
    assert.equal((await app.call('GET', '/api/partner/invitations', { token: lee })).status, 403);
  });

  it('When a user leaves a group that is a Primary admin, then the next Tenants list no longer shows the customer', async () => {
    const grady = await app.tokenFor('fabrikam', 'grady');
    const helpDesk = ids.group('fabrikam', 'help-desk');
    const add = await app.call('POST', `/api/partner/customers/${CONTOSO}/primary-admins`, {
      token: pradeep,
      body: { member: { type: 'group', id: helpDesk } },
    });
    assert.equal(add.status, 201);
    const listed = (r: { body: { items?: Record<string, unknown>[] } }) =>
      (r.body.items ?? []).map((c) => c.customerTenantId);
    assert.deepEqual(listed(await twice('GET', '/api/partner/customers', grady)), [CONTOSO]);

    const groups = app.store.collection<DirectoryGroupDoc>(Collections.groups);
    const r = await groups.updateOne(
      { tenantId: FABRIKAM, _id: helpDesk },
      { $pull: { memberIds: ids.user('fabrikam', 'grady') } }
    );
    assert.equal(r.modifiedCount, 1);

    const after = await app.call('GET', '/api/partner/customers', { token: grady });
    assert.equal(after.status, 200);
    assert.deepEqual(listed(after), []);
  });

  it('When the customer narrows the partner scope, then the next Tenants list shows the new scope', async () => {
    const scopeOf = (r: { body: { items?: Record<string, unknown>[] } }) =>
      (r.body.items ?? []).find((c) => c.customerTenantId === CONTOSO)?.scope;
    const before = await twice('GET', '/api/partner/customers', pradeep);
    assert.deepEqual(scopeOf(before), { allRooms: false, roomCount: 0, roomGroupCount: 1 });

    const put = await app.call('PUT', `${PARTNER}/scope`, {
      token: alex,
      body: { roomIds: [US_ROOMS[0], US_ROOMS[1]] },
    });
    assert.equal(put.status, 200);

    const after = await app.call('GET', '/api/partner/customers', { token: pradeep });
    assert.deepEqual(scopeOf(after), { allRooms: false, roomCount: 2, roomGroupCount: 0 });
  });

  it('When a Primary admin is removed, then their next Tenants list no longer shows the customer', async () => {
    const grady = await app.tokenFor('fabrikam', 'grady');
    const gradyId = ids.user('fabrikam', 'grady');
    const admins = `/api/partner/customers/${CONTOSO}/primary-admins`;
    const add = await app.call('POST', admins, {
      token: pradeep,
      body: { member: { type: 'user', id: gradyId } },
    });
    assert.equal(add.status, 201);
    const listed = (r: { body: { items?: Record<string, unknown>[] } }) =>
      (r.body.items ?? []).map((c) => [c.customerTenantId, c.isPrimaryAdmin]);
    assert.deepEqual(listed(await twice('GET', '/api/partner/customers', grady)), [
      [CONTOSO, true],
    ]);

    const del = await app.call('DELETE', `${admins}/${gradyId}`, { token: pradeep });
    assert.equal(del.status, 204);

    const after = await app.call('GET', '/api/partner/customers', { token: grady });
    assert.equal(after.status, 200);
    assert.deepEqual(listed(after), []);
  });

  it('When a user or their tenant is renamed in the store, then the next /api/me shows the new names', async () => {
    const before = await twice('GET', '/api/me', pradeep);
    assert.equal(before.body.displayName, 'Pradeep Gupta');
    assert.equal(before.body.tenantName, 'Fabrikam Managed Services');

    const users = app.store.collection<DirectoryUserDoc>(Collections.users);
    const tenants = app.store.collection<TenantDoc>(Collections.tenants);
    await users.updateOne(
      { tenantId: FABRIKAM, _id: ids.user('fabrikam', 'pradeep') },
      { $set: { displayName: 'Pradeep G.' } }
    );
    assert.equal(
      (await app.call('GET', '/api/me', { token: pradeep })).body.displayName,
      'Pradeep G.'
    );
    await tenants.updateOne(
      { tenantId: FABRIKAM, _id: FABRIKAM },
      { $set: { displayName: 'Fabrikam' } }
    );
    assert.equal(
      (await app.call('GET', '/api/me', { token: pradeep })).body.tenantName,
      'Fabrikam'
    );

    // Gone from the directory: the name falls back to the token's, at once.
    await users.deleteOne({ tenantId: FABRIKAM, _id: ids.user('fabrikam', 'pradeep') });
    const gone = await app.call('GET', '/api/me', { token: pradeep });
    assert.equal(gone.body.displayName, 'Pradeep Gupta');
    assert.equal(gone.body.userPrincipalName, '');
  });

  it('When the partner tenant stops being an eligible partner, then the next request is refused as not eligible', async () => {
    assert.equal((await twice('GET', '/api/partner/customers', pradeep)).status, 200);
    assert.equal((await twice('GET', '/api/me', pradeep)).body.isEligiblePartner, true);

    // Offboarding is an operator action on the store (no route); the caches must see it too.
    const r = await app.store
      .collection(PartnerCollections.partners)
      .deleteOne({ _id: FABRIKAM, tenantId: FABRIKAM });
    assert.equal(r.deletedCount, 1);

    assert.equal(
      (await app.call('GET', '/api/me', { token: pradeep })).body.isEligiblePartner,
      false
    );
    const after = await app.call('GET', '/api/partner/customers', { token: pradeep });
    assert.equal(after.status, 403);
  });
});

describe('verified-token cache in the service', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ AUTH_CLOCK_TOLERANCE_SECONDS: '0' });
  });
  after(async () => {
    await app.close();
  });

  it('When a token the service has cached expires, then the next request with it is refused', async () => {
    const token = await app.devIssuer!.mint({
      tenantId: CONTOSO,
      userId: ids.user('contoso', 'alex'),
      expiresInSeconds: 1,
    });
    assert.equal((await app.call('GET', '/api/me', { token })).status, 200);
    assert.equal((await app.call('GET', '/api/me', { token })).status, 200);
    // exp is whole seconds: wait until the second after it has begun.
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      exp: number;
    };
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1100));
    const after = await app.call('GET', '/api/me', { token });
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'AUTH.INVALID_TOKEN');
  });
});
