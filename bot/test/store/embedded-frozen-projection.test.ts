/**
 * A projection frozen all the way down is checked once and its shape kept; anything else is
 * checked on every read, so a projection changed after a read is judged as it is now.
 */
import assert from 'node:assert/strict';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.ts';
import { EmbeddedUnsupportedError } from '../../src/store/embedded/errors.ts';
import type { BaseDoc, DocCollection, Projection } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';

interface Item extends BaseDoc {
  tenantId: string;
  title: string;
  notes: string[];
}

describe('embedded store: frozen projections', () => {
  let store: EmbeddedStore;
  let items: DocCollection<Item>;
  let remove: () => Promise<void>;
  before(async () => {
    const t = await tempDir();
    remove = t.remove;
    store = await openEmbeddedStore(t.dir);
    items = store.collection<Item>('items');
    await items.insertOne({ _id: 'a', tenantId: 't', title: 'x', notes: ['n1', 'n2', 'n3'] });
  });
  after(async () => {
    await store.close();
    await remove();
  });

  it('When a projection frozen through is used again, then each read answers as the first did', async () => {
    const projection: Projection = Object.freeze({
      title: 1,
      notes: Object.freeze({ $slice: Object.freeze([1, 1]) as [number, number] }),
    });
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await items.findOne({ tenantId: 't', _id: 'a' }, { projection }), {
        _id: 'a',
        title: 'x',
        notes: ['n2'],
      });
    }
  });

  it('When a projection frozen only at the top is changed inside after a read, then the next read judges it as it is now', async () => {
    const inner: Record<string, unknown> = { $slice: 1 };
    const projection = Object.freeze({ title: 1, notes: inner }) as unknown as Projection;
    assert.deepEqual(await items.findOne({ _id: 'a' }, { projection }), {
      _id: 'a',
      title: 'x',
      notes: ['n1'],
    });
    delete inner.$slice;
    inner.$meta = 'textScore';
    await assert.rejects(
      items.findOne({ _id: 'a' }, { projection }),
      (e: unknown) => e instanceof EmbeddedUnsupportedError
    );
  });

  it('When a frozen projection is refused, then it is refused on every read', async () => {
    const projection = Object.freeze({ title: 1, notes: 0 }) as Projection;
    for (let i = 0; i < 2; i++) {
      await assert.rejects(items.findOne({ _id: 'a' }, { projection }), { code: 31254 });
    }
  });
});
