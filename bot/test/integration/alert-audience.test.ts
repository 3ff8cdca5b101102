/**
 * The alert audience's batch reads answer exactly like the per-request ones: every demo user's
 * caller facts (groups, nested groups, Global admin, Teams Rooms Pro Manager) resolved many at a
 * time equal `resolveCaller`'s, before and after a directory change.
 */
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { resolveCaller } from '../../src/core/identity/caller.ts';
import { StoreRoomsProManagerRepository } from '../../src/data/foundation.repositories.ts';
import {
  Collections,
  type DirectoryUserDoc,
  type DirectoryGroupDoc,
} from '../../src/data/collections.ts';
import { ids } from '../../src/seed/demo-data.ts';

describe('Alert audience: callers resolved in a batch', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  const compare = async () => {
    const users = await app.services.store
      .collection<DirectoryUserDoc>(Collections.users)
      .find({})
      .toArray();
    const tenants = [...new Set(users.map((u) => u.tenantId))];
    const deps = {
      directory: app.services.directory,
      roomsProManagers: new StoreRoomsProManagerRepository(app.services.store),
    };
    for (const tenantId of tenants) {
      const ofTenant = users.filter((u) => u.tenantId === tenantId).map((u) => u._id);
      const many = await app.services.alerts.callersOf(tenantId, ofTenant);
      for (const [i, userId] of ofTenant.entries()) {
        const one = await resolveCaller({ tenantId, userId, wids: [] }, deps);
        assert.deepEqual(many[i], one, `${tenantId} ${userId}`);
      }
    }
    return users.length;
  };

  it('When every demo user is resolved at once, then each equals their own resolution', async () => {
    assert.ok((await compare()) > 10);
  });

  it('When a group gains a nested group, then the next batch sees the new membership', async () => {
    const fabrikam = ids.tenant('fabrikam');
    const groups = app.services.store.collection<DirectoryGroupDoc>(Collections.groups);
    await groups.insertOne({
      _id: 'nested-test-group',
      tenantId: fabrikam,
      displayName: 'Nested',
      memberIds: [ids.group('fabrikam', 'help-desk')],
    });
    const [diego] = await app.services.alerts.callersOf(fabrikam, [ids.user('fabrikam', 'diego')]);
    assert.ok(diego!.groupIds.has('nested-test-group'));
    await compare();
  });
});
