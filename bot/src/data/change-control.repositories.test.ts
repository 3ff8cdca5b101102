import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../store/embedded/index.ts';
import type { Store } from '../store/types.ts';
import type { StoredControls } from '../core/change-control/model.ts';
import { StoreChangeControlRepository } from './change-control.repositories.ts';

describe('data/change-control.repositories: the first save of a partner’s controls', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rph-controls-'));
    store = await openEmbeddedStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const controls = (version: number) =>
    ({
      relationshipId: 'rel-1',
      customerTenantId: 'customer-1',
      partnerTenantId: 'partner-1',
      version,
    }) as unknown as StoredControls;

  it('When two first saves race, then the second is told it lost (false), not an error', async () => {
    const repo = new StoreChangeControlRepository(store);
    assert.equal(await repo.saveControls(controls(1), 0), true);
    assert.equal(await repo.saveControls(controls(1), 0), false);
  });

  it('When the store fails on the first save, then the failure is thrown, not taken for a lost race', async () => {
    const failing = new Proxy(store, {
      get: (target, prop, receiver) =>
        prop === 'writeBatch'
          ? () => Promise.reject(new Error('disk full'))
          : (Reflect.get(target, prop, receiver) as unknown),
    });
    const repo = new StoreChangeControlRepository(failing);
    await assert.rejects(repo.saveControls(controls(1), 0), /disk full/);
  });
});
