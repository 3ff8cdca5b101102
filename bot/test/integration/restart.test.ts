/** The service keeps its data across restarts and runs side by side with another instance. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from '../support/harness.ts';
import { ids } from '../../src/seed/demo-data.ts';

describe('Service restart and side-by-side instances', function () {
  this.timeout(60_000);
  // The embedded store is what keeps data here; against MongoDB the server does.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rph-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('When the service restarts on the same DATA_DIR, then data written before is still there and seeding does not duplicate', async () => {
    const member = { type: 'user', id: ids.user('fabrikam', 'nestor') };
    const first = await startTestApp({}, { dataDir, keepData: true });
    const token = await first.tokenFor('fabrikam', 'megan');
    const created = await first.call('POST', '/api/rooms-pro-managers', {
      token,
      body: { member },
    });
    assert.equal(created.status, 201);
    const usersBefore = await first.store.collection('directoryUsers').countDocuments({});
    await first.close();

    const second = await startTestApp({}, { dataDir, keepData: true });
    try {
      const token2 = await second.tokenFor('fabrikam', 'megan');
      const list = await second.call('GET', '/api/rooms-pro-managers', { token: token2 });
      assert.ok(
        list.body.items!.some((m) => m.id === member.id),
        'the assignment survived the restart'
      );
      assert.equal(await second.store.collection('directoryUsers').countDocuments({}), usersBefore);
      // The dev issuer key persists in DATA_DIR, so a token minted before the restart still works.
      const me = await second.call('GET', '/api/me', { token });
      assert.equal(me.status, 200);
    } finally {
      await second.close();
    }
  });

  it('When two instances run with their own PORT and DATA_DIR, then both serve independently', async () => {
    const [a, b] = await Promise.all([startTestApp(), startTestApp()]);
    try {
      assert.notEqual(a.port, b.port);
      const [ha, hb] = await Promise.all([a.call('GET', '/healthz'), b.call('GET', '/healthz')]);
      assert.equal(ha.status, 200);
      assert.equal(hb.status, 200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
