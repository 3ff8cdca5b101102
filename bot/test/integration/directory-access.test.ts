/**
 * Who may search their own tenant's directory: admins, tenant managers, Primary admins, and
 * anyone who may manage role assignments (they pick members). Granting or revoking Role
 * management › Modify changes it on the next request.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';

const CONTOSO = ids.tenant('contoso');

describe('Directory search access', function () {
  let app: TestApp;
  let alex: string;
  let miriam: string;

  before(async () => {
    app = await startTestApp();
    alex = await app.tokenFor('contoso', 'alex'); // customer Global admin
    miriam = await app.tokenFor('contoso', 'miriam'); // employee, no roles
  });
  after(() => app?.close());

  const search = (token: string) => app.call('GET', '/api/directory/search?q=a', { token });

  it('When a user gains and then loses MMR Admin, then directory search follows on the next request', async () => {
    const denied = await search(miriam);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'AUTHZ.FORBIDDEN');

    const created = await app.call('POST', `/api/customers/${CONTOSO}/assignments`, {
      token: alex,
      body: {
        roleId: 'builtin:mmr-admin',
        members: [{ type: 'user', id: ids.user('contoso', 'miriam') }],
        scope: { allRooms: true },
        notify: false,
      },
    });
    assert.equal(created.status, 201, created.text);

    const allowed = await search(miriam);
    assert.equal(allowed.status, 200, allowed.text);
    assert.ok(
      (allowed.body.items ?? []).every((o) => o.tenantId === CONTOSO),
      'own tenant only'
    );

    const removed = await app.call(
      'DELETE',
      `/api/customers/${CONTOSO}/assignments/${String(created.body.id)}`,
      { token: alex }
    );
    assert.equal(removed.status, 204, removed.text);
    assert.equal((await search(miriam)).status, 403);
  });

  it('When a Site Lead (no Role management) searches, then it is refused', async () => {
    const joni = await app.tokenFor('contoso', 'joni');
    assert.equal((await search(joni)).status, 403);
  });
});
