/**
 * The embedded store's snapshot format and start-up: one verified section per collection,
 * format 1 data directories still opening (and rewritten in the current format), large
 * collections loading in the background while the rest of the store works, a stop during that
 * load, and the run hints that rebuild sorted runs at start.
 */
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openEmbeddedStore, JOURNAL_FILE } from '../../src/store/embedded/index.ts';
import { decodeFrames, encodeFrame } from '../../src/store/embedded/frames.ts';
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT } from '../../src/store/embedded/snapshot.ts';
import { RUN_HINTS_FILE } from '../../src/store/embedded/run-hints.ts';
import { isDuplicateKeyError, type BaseDoc } from '../../src/store/types.ts';
import { freshDirEachTest } from './store-under-test.ts';

interface Item extends BaseDoc {
  k: number;
  at: Date;
  group: string;
  note?: string;
}

const item = (i: number): Item => ({
  _id: `d${String(i).padStart(5, '0')}`,
  tenantId: `t${i % 7}`,
  k: i,
  at: new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 1000) * 1000),
  group: `g${i % 3}`,
});

/** What a sorted, limited query must return, computed by hand. */
function newest(docs: Item[], tenants: string[], limit: number): string[] {
  return docs
    .filter((d) => tenants.includes(d.tenantId))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a._id < b._id ? 1 : -1))
    .slice(0, limit)
    .map((d) => d._id);
}

const formatOf = async (dir: string): Promise<unknown> => {
  const buf = await readFile(join(dir, SNAPSHOT_FILE));
  return decodeFrames(buf.subarray(0, buf.readInt32LE(0) + 4)).records[0]?.v;
};

describe('embedded store snapshots and start-up', function () {
  this.timeout(60_000);
  const temp = freshDirEachTest();
  let dir: string;
  beforeEach(() => {
    dir = temp.dir;
  });

  it('When a data directory holds a format-1 snapshot, then it opens with its journal, and the next compaction rewrites it in the current format', async () => {
    const at = new Date('2024-05-06T07:08:09.010Z');
    // A format-1 snapshot as earlier versions wrote it: header, index and document records, trailer.
    const body = [
      {
        t: 'i',
        c: 'users',
        def: { name: 'tenantId_1_upn_1', keys: { tenantId: 1, upn: 1 }, unique: true },
      },
      { t: 'p', c: 'users', d: { _id: 'u1', tenantId: 't', upn: 'alice', at } },
      { t: 'p', c: 'users', d: { _id: 'u2', tenantId: 't', upn: 'bob', at } },
      { t: 'p', c: 'rooms', d: { _id: 'r1', tenantId: 't', name: 'Room 1' } },
    ];
    const frames = [
      encodeFrame({ t: 'h', v: 1, lsn: 10, at: new Date() }),
      ...body.map((r) => encodeFrame(r)),
      encodeFrame({ t: 'e', n: body.length }),
    ];
    await writeFile(join(dir, SNAPSHOT_FILE), Buffer.concat(frames));
    // Journal: one record the snapshot already holds (skipped), one after it (replayed).
    await writeFile(
      join(dir, JOURNAL_FILE),
      Buffer.concat([
        encodeFrame({ l: 9, t: 'x', c: 'users', id: 'u1' }),
        encodeFrame({
          l: 11,
          t: 'p',
          c: 'users',
          d: { _id: 'u3', tenantId: 't', upn: 'carol', at },
        }),
      ])
    );

    const s1 = await openEmbeddedStore(dir);
    const users = s1.collection<BaseDoc & { upn: string; at: Date }>('users');
    assert.deepEqual(
      (await users.find({}, { sort: { _id: 1 } }).toArray()).map((u) => [u._id, u.upn]),
      [
        ['u1', 'alice'],
        ['u2', 'bob'],
        ['u3', 'carol'],
      ]
    );
    assert.ok((await users.findOne({ _id: 'u1' }))?.at instanceof Date);
    await assert.rejects(
      users.insertOne({ _id: 'u4', tenantId: 't', upn: 'bob', at }),
      isDuplicateKeyError
    );
    await s1.compact();
    assert.equal(await formatOf(dir), SNAPSHOT_FORMAT);
    await s1.close();

    const s2 = await openEmbeddedStore(dir);
    assert.equal(await s2.collection('users').countDocuments({}), 3);
    assert.equal(
      (await s2.collection<BaseDoc & { name: string }>('rooms').findOne({ _id: 'r1' }))?.name,
      'Room 1'
    );
    await assert.rejects(
      s2
        .collection<BaseDoc & { upn: string }>('users')
        .insertOne({ _id: 'u5', tenantId: 't', upn: 'alice' }),
      isDuplicateKeyError
    );
    await s2.close();
  });

  it('When a byte of a snapshot is damaged, then opening fails clearly instead of loading part of it', async () => {
    const s1 = await openEmbeddedStore(dir);
    await s1.collection<Item>('items').insertMany(Array.from({ length: 200 }, (_, i) => item(i)));
    await s1.compact();
    await s1.close();
    const path = join(dir, SNAPSHOT_FILE);
    const buf = await readFile(path);
    buf[Math.floor(buf.length / 2)] ^= 0xff;
    await writeFile(path, buf);
    await assert.rejects(openEmbeddedStore(dir), /snapshot .* is damaged/);
    // The failed open released the lock: the same error again, not "locked".
    await assert.rejects(openEmbeddedStore(dir), /is damaged/);
  });

  it('When a journaled batch spans a collection loading in the background and one loaded at once, then each of its writes lands after its own collection, and a new batch waits for the load', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    await s1.collection<Item>('big').insertMany(Array.from({ length: 500 }, (_, i) => item(i)));
    await s1.collection<Item>('small').insertOne(item(1));
    await s1.compact();
    // After the snapshot: one batch updating a document of the large collection (replayable only
    // once its section is in memory) and inserting into the small one.
    const written = await s1.writeBatch([
      {
        collection: 'big',
        updateOne: {
          filter: { _id: 'd00007' },
          update: { $set: { note: 'batched' } },
          required: true,
        },
      },
      { collection: 'small', insertOne: { document: item(2) } },
    ]);
    assert.ok(written);
    await s1.close();

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    try {
      assert.equal(await s2.collection<Item>('small').countDocuments({}), 2);
      const again = await s2.writeBatch([
        {
          collection: 'big',
          updateOne: {
            filter: { _id: 'd00008' },
            update: { $set: { note: 'after open' } },
            required: true,
          },
        },
      ]);
      assert.ok(
        again,
        'a batch on a collection still loading waits for it, then finds the document'
      );
      const big = s2.collection<Item>('big');
      assert.equal((await big.findOne({ _id: 'd00007' }))?.note, 'batched');
      assert.equal((await big.findOne({ _id: 'd00008' }))?.note, 'after open');
      assert.equal(await big.countDocuments({}), 500);
    } finally {
      await s2.close();
    }
  });

  it('When a large collection loads in the background, then the rest of the store works at once and every operation on it sees all of its data', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => item(i));
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const big = s1.collection<Item>('big');
    await big.createIndex({ tenantId: 1, at: -1, _id: -1 });
    await big.createIndex({ k: 1 }, { unique: true });
    await big.insertMany(docs);
    await s1.collection<Item>('small').insertOne(item(1));
    await s1.compact();
    // After the snapshot: journal records the background load must replay after its section.
    await big.updateOne({ _id: 'd00005' }, { $set: { note: 'journaled' } });
    await big.deleteOne({ _id: 'd00006' });
    await s1.close();

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    try {
      const small = s2.collection<Item>('small');
      assert.equal(await small.countDocuments({}), 1);
      const b2 = s2.collection<Item>('big');
      const [count, updated, page] = await Promise.all([
        b2.countDocuments({}),
        b2.findOne({ _id: 'd00005' }),
        b2
          .find({ tenantId: { $in: ['t1', 't4'] } }, { sort: { at: -1, _id: -1 }, limit: 20 })
          .toArray(),
      ]);
      assert.equal(count, 2999);
      assert.equal(updated?.note, 'journaled');
      const left = docs.filter((d) => d._id !== 'd00006');
      assert.deepEqual(
        page.map((d) => d._id),
        newest(left, ['t1', 't4'], 20)
      );
      await assert.rejects(b2.insertOne({ ...item(10), _id: 'dup' }), isDuplicateKeyError);
      await b2.insertOne(item(5000));
      assert.equal(await b2.countDocuments({}), 3000);
    } finally {
      await s2.close();
    }
    const s3 = await openEmbeddedStore(dir);
    assert.equal(await s3.collection('big').countDocuments({}), 3000);
    await s3.close();
  });

  it('When the store stops while a collection is still loading, then the files stay as they were and waiting operations fail as closed', async () => {
    const s1 = await openEmbeddedStore(dir);
    await s1.collection<Item>('big').insertMany(Array.from({ length: 5000 }, (_, i) => item(i)));
    await s1.compact();
    await s1.collection<Item>('big').insertOne(item(9999));
    await s1.close();
    const snapshotBefore = await readFile(join(dir, SNAPSHOT_FILE));
    const journalBefore = await readFile(join(dir, JOURNAL_FILE));

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    const waiting = assert.rejects(s2.collection<Item>('big').countDocuments({}), /closed/);
    await s2.close();
    await waiting;
    assert.deepEqual(await readFile(join(dir, SNAPSHOT_FILE)), snapshotBefore);
    assert.deepEqual(await readFile(join(dir, JOURNAL_FILE)), journalBefore);

    const s3 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    assert.equal(await s3.collection('big').countDocuments({}), 5001);
    await s3.close();
  });

  it('When sorted pages were used before a stop, then the next start rebuilds those runs while loading and pages stay exact, also after writes', async () => {
    const docs = Array.from({ length: 2000 }, (_, i) => item(i));
    const tenants = ['t0', 't2', 't3', 't6'];
    const s1 = await openEmbeddedStore(dir);
    const c1 = s1.collection<Item>('big');
    await c1.createIndex({ tenantId: 1, at: -1, _id: -1 });
    await c1.insertMany(docs);
    const page = () =>
      c1.find({ tenantId: { $in: tenants } }, { sort: { at: -1, _id: -1 }, limit: 25 }).toArray();
    assert.deepEqual(
      (await page()).map((d) => d._id),
      newest(docs, tenants, 25)
    );
    await s1.compact();
    await s1.close();
    const hints = JSON.parse(await readFile(join(dir, RUN_HINTS_FILE), 'utf8')) as {
      runs: { c: string; field: string; order: string }[];
    };
    assert.deepEqual(hints.runs, [
      {
        c: 'big',
        field: 'tenantId',
        order: JSON.stringify([
          ['at', -1],
          ['_id', -1],
        ]),
      },
    ]);

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    const c2 = s2.collection<Item>('big');
    const fresh = { ...item(7000), tenantId: 't2', at: new Date(Date.UTC(2026, 0, 1)) };
    await c2.insertOne(fresh);
    await c2.updateOne({ _id: 'd00003' }, { $set: { note: 'x' } });
    await c2.deleteOne({ _id: newest(docs, tenants, 1)[0]! });
    const now = await c2.find({}).toArray();
    const got = await c2
      .find({ tenantId: { $in: tenants } }, { sort: { at: -1, _id: -1 }, limit: 25 })
      .toArray();
    assert.deepEqual(
      got.map((d) => d._id),
      newest(now, tenants, 25)
    );
    assert.equal(got[0]?._id, fresh._id);
    await s2.close();
    assert.ok((await stat(join(dir, RUN_HINTS_FILE))).size > 0);
  });
});
