/**
 * What the embedded store cannot honour, it refuses loudly: an option the port does not declare,
 * a stage, operator or projection MongoDB has and the store lacks, a non-string `_id`. Each raises
 * EmbeddedUnsupportedError (code 238 'NotImplemented', storeCode 'store.unsupported') naming the
 * feature, and writes nothing. (Embedded only: MongoDB itself supports all of these.)
 */
import assert from 'node:assert/strict';
import { EmbeddedUnsupportedError, openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { EmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc, DocCollection } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Free = BaseDoc & Record<string, any>;

/** Asserts a typed refusal naming `what`. */
function refused(what: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(
      e instanceof EmbeddedUnsupportedError,
      `expected EmbeddedUnsupportedError, got ${String(e)}`
    );
    assert.equal(e.code, 238);
    assert.equal(e.codeName, 'NotImplemented');
    assert.equal(e.storeCode, 'store.unsupported');
    assert.match(e.unsupported, what);
    assert.match(e.message, what);
    return true;
  };
}

describe('embedded store refusals', function () {
  this.timeout(10_000);
  let store: EmbeddedStore;
  let remove: () => Promise<void>;
  let seq = 0;
  let c: DocCollection<Free>;

  before(async () => {
    const t = await tempDir();
    remove = t.remove;
    store = await openEmbeddedStore(t.dir);
  });
  after(async () => {
    await store.close();
    await remove();
  });
  beforeEach(async () => {
    c = store.collection<Free>(`r${++seq}`);
    await c.insertOne({ _id: 'a', tenantId: 't', v: 1, list: [1, 2] });
  });

  describe('unknown options', () => {
    it('When updateOne gets an option the port does not declare (collation), then it raises the typed error naming it and writes nothing', async () => {
      const options = { collation: { locale: 'fr' } } as never;
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $set: { v: 2 } }, options),
        refused(/option 'collation' of updateOne/)
      );
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 1);
    });

    it('When find, insertOne, deleteMany or bulkWrite get unknown options (hint, session, comment, bypassDocumentValidation), then each is refused', async () => {
      await assert.rejects(
        c.find({}, { hint: { v: 1 } } as never).toArray(),
        refused(/'hint' of find/)
      );
      await assert.rejects(
        c.insertOne({ _id: 'b', tenantId: 't' }, { session: {} } as never),
        refused(/'session' of insertOne/)
      );
      await assert.rejects(
        c.deleteMany({}, { comment: 'x' } as never),
        refused(/'comment' of deleteMany/)
      );
      await assert.rejects(
        c.bulkWrite([{ deleteMany: { filter: {} } }], { bypassDocumentValidation: true } as never),
        refused(/'bypassDocumentValidation' of bulkWrite/)
      );
      await assert.rejects(
        c.bulkWrite([
          { updateOne: { filter: {}, update: { $set: { v: 3 } }, hint: 'v_1' } as never },
        ]),
        refused(/'hint' of bulkWrite updateOne/)
      );
      assert.equal(await c.countDocuments({}), 1);
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 1);
    });

    it('When an option is present but undefined, then it counts as absent (as with the driver)', async () => {
      const r = await c.updateOne(
        { _id: 'a' },
        { $set: { v: 2 } },
        { upsert: undefined, sort: undefined }
      );
      assert.equal(r.modifiedCount, 1);
    });
  });

  describe('unsupported stages, operators and projections', () => {
    it('When a pipeline holds a stage the store lacks ($geoNear, $out, $search), then it raises the typed error naming the stage', async () => {
      await assert.rejects(
        c.aggregate([{ $geoNear: { near: [0, 0], distanceField: 'd' } }]).toArray(),
        refused(/stage \$geoNear/)
      );
      await assert.rejects(
        c.aggregate([{ $match: {} }, { $out: 'copy' }]).toArray(),
        refused(/stage \$out/)
      );
      await assert.rejects(
        c.aggregate([{ $search: { text: {} } }]).toArray(),
        refused(/stage \$search/)
      );
    });

    it("When a stage name is unknown to MongoDB too, then it fails with MongoDB's error (40324), not the typed one", async () => {
      await assert.rejects(c.aggregate([{ $nope: {} }]).toArray(), (e: unknown) => {
        assert.ok(!(e instanceof EmbeddedUnsupportedError));
        assert.equal((e as { code?: unknown }).code, 40324);
        return true;
      });
    });

    it("When a pipeline uses $meta or $function, then it raises the typed error; an unknown expression is MongoDB's 168", async () => {
      await assert.rejects(
        c.aggregate([{ $project: { s: { $meta: 'textScore' } } }]).toArray(),
        refused(/operator \$meta/)
      );
      await assert.rejects(
        c
          .aggregate([
            { $project: { s: { $function: { body: 'function() {}', args: [], lang: 'js' } } } },
          ])
          .toArray(),
        refused(/operator \$function/)
      );
      await assert.rejects(c.aggregate([{ $project: { s: { $nope: 1 } } }]).toArray(), (e) => {
        assert.ok(!(e instanceof EmbeddedUnsupportedError));
        assert.equal((e as { code?: unknown }).code, 168);
        return true;
      });
    });

    it('When a filter uses $text, $where or $near, then it raises the typed error naming the operator', async () => {
      await assert.rejects(
        c.findOne({ $text: { $search: 'x' } }),
        refused(/query operator \$text/)
      );
      await assert.rejects(
        c.findOne({ $where: 'this.v === 1' }),
        refused(/query operator \$where/)
      );
      await assert.rejects(
        c.countDocuments({ loc: { $near: [0, 0] } }),
        refused(/query operator \$near/)
      );
      await assert.rejects(
        c.updateOne({ $text: { $search: 'x' } }, { $set: { v: 9 } }),
        refused(/query operator \$text/)
      );
      assert.equal((await c.findOne({ _id: 'a' }))?.v, 1);
    });

    it('When a projection uses $meta, a positional path or $slice alone, then it raises the typed error', async () => {
      await assert.rejects(
        c.findOne({}, { projection: { s: { $meta: 'textScore' } } as never }),
        refused(/\$meta/)
      );
      await assert.rejects(
        c.findOne({ list: 1 }, { projection: { 'list.$': 1 } }),
        refused(/positional projection/)
      );
      await assert.rejects(
        c.findOne({}, { projection: { list: { $slice: 1 } } as never }),
        refused(/\$slice/)
      );
      await assert.rejects(
        c.findOne({}, { projection: { v: 0, list: { $slice: 1 } } as never }),
        refused(/\$slice/)
      );
    });

    it('When a sort uses $meta or $currentDate asks for a timestamp, then each raises the typed error', async () => {
      await assert.rejects(
        c.findOne({}, { sort: { s: { $meta: 'textScore' } } as never }),
        refused(/\$meta/)
      );
      await assert.rejects(
        c.updateOne({ _id: 'a' }, { $currentDate: { at: { $type: 'timestamp' } } }),
        refused(/timestamp/)
      );
    });
  });

  describe('non-string _id', () => {
    it('When insertOne or insertMany get a numeric _id, then they raise the typed error and insert nothing', async () => {
      await assert.rejects(
        c.insertOne({ _id: 5, tenantId: 't' } as never),
        refused(/_id of type int/)
      );
      await assert.rejects(
        c.insertMany([{ _id: 'ok', tenantId: 't' }, { _id: 6, tenantId: 't' } as never], {
          ordered: false,
        }),
        refused(/_id of type int/)
      );
      await assert.rejects(
        c.bulkWrite([
          { insertOne: { document: { _id: 'ok', tenantId: 't' } } },
          { insertOne: { document: { _id: 7 } as never } },
        ]),
        refused(/_id of type int/)
      );
      assert.deepEqual(await c.distinct('_id'), ['a']);
    });

    it('When an upsert would insert a numeric _id taken from the filter or the replacement, then it raises the typed error', async () => {
      await assert.rejects(
        c.updateOne({ _id: 8 as never }, { $set: { v: 1 } }, { upsert: true }),
        refused(/_id of type int/)
      );
      await assert.rejects(
        c.replaceOne({ v: 99 }, { _id: 9, tenantId: 't' } as never, { upsert: true }),
        refused(/_id of type int/)
      );
      assert.deepEqual(await c.distinct('_id'), ['a']);
    });
  });
});
