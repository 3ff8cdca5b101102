import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../store/embedded/index.ts';
import type { Store } from '../store/types.ts';
import { trackChanges } from './change-tracking.ts';
import { Collections, type DirectoryGroupDoc } from './collections.ts';
import { LocalDirectory } from './local-directory.ts';

describe('data/local-directory', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-localdir-'));
    store = trackChanges(await openEmbeddedStore(dir));
    await store
      .collection<DirectoryGroupDoc>(Collections.groups)
      .insertOne({ _id: 'g1', tenantId: 't', displayName: 'Room admins', memberIds: ['u1'] });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When a group is renamed or deleted, then the very next lookup sees it (kept groups are dropped by any group write)', async () => {
    const directory = new LocalDirectory(store);
    const groups = store.collection<DirectoryGroupDoc>(Collections.groups);
    assert.equal((await directory.getGroup('t', 'g1'))?.displayName, 'Room admins');
    assert.equal(await directory.getGroup('other', 'g1'), null);
    assert.equal(await directory.getGroup('t', 'missing'), null);
    await groups.updateOne({ _id: 'g1' }, { $set: { displayName: 'Rooms team' } });
    assert.equal((await directory.getGroup('t', 'g1'))?.displayName, 'Rooms team');
    await groups.insertOne({ _id: 'missing', tenantId: 't', displayName: 'New', memberIds: [] });
    assert.equal((await directory.getGroup('t', 'missing'))?.displayName, 'New');
    await groups.deleteOne({ _id: 'g1' });
    assert.equal(await directory.getGroup('t', 'g1'), null);
  });

  it('When a kept group is handed out, then it cannot be changed by the caller', async () => {
    const directory = new LocalDirectory(store);
    const g = await directory.getGroup('t', 'g1');
    assert.ok(g && Object.isFrozen(g));
    assert.deepEqual(await directory.getGroup('t', 'g1'), {
      id: 'g1',
      tenantId: 't',
      displayName: 'Room admins',
    });
  });
});
