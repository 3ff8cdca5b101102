/**
 * Snapshot format 3 (packed document blocks and persisted sorted runs): every kind of value reads
 * back exactly as BSON gives it, a format-2 data directory still opens and is rewritten as format
 * 3, damage is refused (also a part that passes its checksum but does not decode), and persisted
 * runs are taken back only when they match the documents.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Binary, Decimal128, Long, ObjectId, deserialize, type Document } from 'bson';
import { openEmbeddedStore, JOURNAL_FILE } from '../../src/store/embedded/index.ts';
import { encodeFrame } from '../../src/store/embedded/frames.ts';
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT } from '../../src/store/embedded/snapshot.ts';
import { CollectionData } from '../../src/store/embedded/collection-data.ts';
import { mergeRuns } from '../../src/store/embedded/merge-runs.ts';
import { compileFilter, sortDocs } from '../../src/store/embedded/mql.ts';
import { seededRandom } from '../support/seeded-random.ts';
import type { Doc } from '../../src/store/embedded/values.ts';
import { isDuplicateKeyError, type BaseDoc } from '../../src/store/types.ts';
import { freshDirEachTest } from './store-under-test.ts';

const formatOf = async (dir: string): Promise<unknown> => {
  const buf = await readFile(join(dir, SNAPSHOT_FILE));
  return deserialize(buf.subarray(0, buf.readInt32LE(0))).v;
};

const deepFreeze = <T>(v: T): T => {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

/** The trailer of a format-2/3 snapshot, and where it starts. */
function trailerOf(buf: Buffer): { at: number; trailer: Document } {
  const length = buf.readUInt32LE(buf.length - 8);
  const at = buf.length - 8 - length;
  return { at, trailer: deserialize(buf.subarray(at, at + length - 4)) };
}

/** `buf` with its trailer replaced (sections' checksums recomputed by the caller). */
function withTrailer(buf: Buffer, at: number, trailer: Document): Buffer {
  const frame = encodeFrame(trailer);
  const footer = Buffer.alloc(8);
  footer.writeUInt32LE(frame.length, 0);
  footer.write('RPHS', 4, 'latin1');
  return Buffer.concat([buf.subarray(0, at), frame, footer]);
}

const kinds = (): (BaseDoc & Record<string, unknown>)[] => [
  {
    _id: 'all-kinds',
    tenantId: 't',
    text: 'Sécurité – 会議室 😀',
    empty: '',
    control: '\u0001starts with U+0001',
    ints: [0, 1, -1, 2147483647, -2147483648, 2147483648, -2147483649],
    doubles: [0.1, -0, NaN, Infinity, -Infinity, 2 ** 53, 1e-300],
    flags: [true, false, null],
    at: new Date('2024-02-29T12:34:56.789Z'),
    invalid: new Date(NaN),
    nested: { a: { b: [{ c: 1 }, [], {}], d: null }, e: [] },
    oid: new ObjectId('65a1b2c3d4e5f60718293a4b'),
    bin: new Binary(Buffer.from([1, 2, 3])),
    dec: Decimal128.fromString('12.345'),
    long: Long.fromString('9007199254740993'),
    re: /ro+m/i,
    buf: Buffer.from('bytes'),
  },
  // Keys BSON treats specially, and a shape shared by many documents.
  { _id: 'proto', tenantId: 't', ...JSON.parse('{"__proto__": {"x": 1}, "y": 2}') },
  ...Array.from({ length: 50 }, (_, i) => ({
    _id: `same-shape-${i}`,
    tenantId: `t${i % 3}`,
    n: i,
    at: new Date(Date.UTC(2025, 0, 1, 0, i)),
  })),
];

describe('embedded store snapshot format 3', function () {
  this.timeout(60_000);
  const temp = freshDirEachTest();

  it('When documents hold every kind of value, then a format-3 snapshot reads them back exactly as the journal (BSON) does', async () => {
    const dir = temp.dir;
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    await s1.collection('things').insertMany(kinds());
    await s1.close();
    // Read back from the journal alone (BSON records), then from a format-3 snapshot alone.
    const s2 = await openEmbeddedStore(dir);
    const fromJournal = await s2.collection('things').find({}).toArray();
    await s2.compact();
    await s2.close();
    assert.equal(await formatOf(dir), SNAPSHOT_FORMAT);
    assert.equal((await readFile(join(dir, JOURNAL_FILE))).length, 0);
    const s3 = await openEmbeddedStore(dir);
    const fromSnapshot = await s3
      .collection<BaseDoc & Record<string, unknown>>('things')
      .find({})
      .toArray();
    await s3.close();
    assert.equal(fromSnapshot.length, kinds().length);
    assert.deepStrictEqual(fromSnapshot, fromJournal);
    const all = fromSnapshot[0]!;
    assert.ok(Object.is((all.doubles as number[])[1], -0));
    assert.ok(all.oid instanceof ObjectId);
    assert.equal(Object.getPrototypeOf(fromSnapshot[1]), Object.prototype);
  });

  it('When a unique compound index holds strings, dates and numbers, then duplicates are refused the same before and after a restart', async () => {
    const dir = temp.dir;
    const values: unknown[] = ['x', '\u0001x', '', 5, '5', new Date(5), 'sx'];
    const s1 = await openEmbeddedStore(dir);
    const c1 = s1.collection<BaseDoc & { k: unknown }>('u');
    await c1.createIndex({ tenantId: 1, k: 1 }, { unique: true });
    await c1.insertMany(values.map((k, i) => ({ _id: `d${i}`, tenantId: 't', k })));
    await s1.compact();
    await s1.close();
    const s2 = await openEmbeddedStore(dir);
    const c2 = s2.collection<BaseDoc & { k: unknown }>('u');
    for (const [i, k] of values.entries()) {
      await assert.rejects(
        c2.insertOne({ _id: `again${i}`, tenantId: 't', k }),
        isDuplicateKeyError
      );
      // The same value under another tenant is not a duplicate.
      await c2.insertOne({ _id: `other${i}`, tenantId: 'o', k });
    }
    // A change of key frees the old one.
    await c2.updateOne({ _id: 'd0' }, { $set: { k: 'y' } });
    await c2.insertOne({ _id: 'reuse', tenantId: 't', k: 'x' });
    await s2.close();
  });

  it('When a data directory holds a format-2 snapshot, then it opens (its large collection in the background) and is rewritten as format 3 once loaded', async () => {
    const dir = temp.dir;
    const at = new Date('2024-05-06T07:08:09.010Z');
    const sections = [
      {
        c: 'big',
        records: [
          { t: 'i', c: 'big', def: { name: 'k_1', keys: { k: 1 }, unique: true } },
          ...Array.from({ length: 300 }, (_, i) => ({
            t: 'p',
            c: 'big',
            d: { _id: `b${i}`, tenantId: 't', k: i, at },
          })),
        ],
      },
      { c: 'small', records: [{ t: 'p', c: 'small', d: { _id: 's1', tenantId: 't', name: 'S' } }] },
    ];
    const header = encodeFrame({ t: 'h', v: 2, lsn: 5, at: new Date() });
    const parts: Buffer[] = [header];
    const table: Document[] = [];
    let offset = header.length;
    for (const s of sections) {
      const body = Buffer.concat(s.records.map((r) => encodeFrame(r)));
      table.push({ c: s.c, n: s.records.length, offset, bytes: body.length, crc: crc32(body) });
      parts.push(body);
      offset += body.length;
    }
    const file = withTrailer(Buffer.concat(parts), offset, {
      t: 'e',
      v: 2,
      n: 302,
      sections: table,
    });
    await writeFile(join(dir, SNAPSHOT_FILE), file);
    await writeFile(
      join(dir, JOURNAL_FILE),
      encodeFrame({ l: 6, t: 'p', c: 'big', d: { _id: 'b300', tenantId: 't', k: 300, at } })
    );

    const s1 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    assert.equal(await s1.collection('small').countDocuments({}), 1);
    const big = s1.collection<BaseDoc & { k: number; at: Date }>('big');
    assert.equal(await big.countDocuments({}), 301);
    assert.deepEqual(await big.findOne({ _id: 'b7' }), { _id: 'b7', tenantId: 't', k: 7, at });
    await assert.rejects(
      big.insertOne({ _id: 'dup', tenantId: 't', k: 7, at }),
      isDuplicateKeyError
    );
    // The rewrite runs in the background once everything is in memory.
    for (let i = 0; i < 200 && (await formatOf(dir)) !== SNAPSHOT_FORMAT; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await formatOf(dir), SNAPSHOT_FORMAT);
    await s1.close();

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    const big2 = s2.collection<BaseDoc & { k: number; at: Date }>('big');
    assert.equal(await big2.countDocuments({}), 301);
    assert.deepEqual(await big2.findOne({ _id: 'b300' }), {
      _id: 'b300',
      tenantId: 't',
      k: 300,
      at,
    });
    await assert.rejects(
      big2.insertOne({ _id: 'dup', tenantId: 't', k: 3, at }),
      isDuplicateKeyError
    );
    await s2.close();
  });

  it('When a format-3 snapshot is cut short or a part is altered behind a matching checksum, then opening fails clearly', async () => {
    const dir = temp.dir;
    const s1 = await openEmbeddedStore(dir);
    await s1.collection('items').insertMany(kinds());
    await s1.compact();
    await s1.close();
    const path = join(dir, SNAPSHOT_FILE);
    const good = await readFile(path);

    await writeFile(path, good.subarray(0, good.length - 100));
    await assert.rejects(openEmbeddedStore(dir), /snapshot .* is damaged/);

    // The first part of the section gets an unknown kind, and the section table its new checksum.
    const altered = Buffer.from(good);
    const { at, trailer } = trailerOf(altered);
    const section = (trailer.sections as Document[]).find((s) => s.c === 'items')!;
    altered[section.offset + 4] = 0x58;
    section.crc = crc32(altered.subarray(section.offset, section.offset + section.bytes));
    await writeFile(path, withTrailer(altered, at, trailer));
    await assert.rejects(openEmbeddedStore(dir), /section items is damaged/);

    await writeFile(path, good);
    const s2 = await openEmbeddedStore(dir);
    assert.equal(await s2.collection('items').countDocuments({}), kinds().length);
    await s2.close();
  });

  it('When persisted sorted runs do not match the documents, then they are not taken (built on first use instead)', () => {
    const data = new CollectionData('c');
    data.addIndex({
      name: 'tenantId_1_at_-1__id_-1',
      keys: { tenantId: 1, at: -1, _id: -1 },
      unique: false,
    });
    const docs: Doc[] = Array.from({ length: 6 }, (_, i) => ({
      _id: `d${i}`,
      tenantId: `t${i % 2}`,
      at: new Date(Date.UTC(2025, 0, 1, i)),
    }));
    for (const d of docs) data.put(d);
    const order = JSON.stringify([
      ['at', -1],
      ['_id', -1],
    ]);
    const newestFirst = (t: string) => docs.filter((d) => d.tenantId === t).reverse();
    // Out of order, a document missing, a document under another value: all refused.
    assert.equal(
      data.adoptRuns('tenantId', order, new Map([['st0', newestFirst('t0').reverse()]])),
      false
    );
    assert.equal(
      data.adoptRuns('tenantId', order, new Map([['st0', newestFirst('t0').slice(1)]])),
      false
    );
    assert.equal(
      data.adoptRuns('tenantId', order, new Map([['st0', [docs[5]!, docs[2]!, docs[0]!]]])),
      false
    );
    // Not a total order (no _id last): refused too.
    assert.equal(
      data.adoptRuns(
        'tenantId',
        JSON.stringify([['at', -1]]),
        new Map([['st0', newestFirst('t0')]])
      ),
      false
    );
    assert.deepEqual(data.runOrders(), []);
    // Matching runs are taken, and kept up to date by later writes.
    assert.equal(
      data.adoptRuns(
        'tenantId',
        order,
        new Map([
          ['st0', newestFirst('t0')],
          ['st1', newestFirst('t1')],
        ])
      ),
      true
    );
    assert.deepEqual(data.runOrders(), [['tenantId', order]]);
    const added: Doc = { _id: 'd9', tenantId: 't0', at: new Date(Date.UTC(2026, 0, 1)) };
    data.put(added);
    const plan = data.orderedRuns({ tenantId: 't0' }, { at: -1, _id: -1 }, (d) => d);
    assert.deepEqual(
      plan?.run(0).map((d) => d._id),
      ['d9', 'd4', 'd2', 'd0']
    );
  });

  it('When the load warms runs read back from the snapshot, then it keeps them, exercises the page code over a bounded sample and changes no result', async () => {
    const rand = seededRandom(7);
    const keys = { tenantId: 1, at: -1, _id: -1 } as const;
    const sort = { at: -1, _id: -1 } as const;
    const order = JSON.stringify(Object.entries(sort));
    const make = () => {
      const data = new CollectionData('c');
      data.addIndex({ name: 'tenantId_1_at_-1__id_-1', keys, unique: false });
      // Another index on the same first key: the warm-up adds `$in` branches on its second field.
      data.addIndex({
        name: 'tenantId_1_roomId_1',
        keys: { tenantId: 1, roomId: 1 },
        unique: false,
      });
      return data;
    };
    // More values than the warm-up samples (EXERCISE_KEYS): it reads only some of them.
    const docs: Doc[] = Array.from({ length: 1500 }, (_, i) => ({
      _id: `d${String(i).padStart(4, '0')}`,
      tenantId: `t${Math.floor(rand() * 300)}`,
      roomId: `r${Math.floor(rand() * 4)}`,
      groups: [`g${Math.floor(rand() * 3)}`],
      at: new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 500) * 60_000),
    }));
    const built = make();
    for (const d of docs) built.put(d);
    await built.warmRuns('tenantId', order, async () => {});
    const [captured] = built.captureRuns();
    assert.equal(captured?.runs.size, new Set(docs.map((d) => d.tenantId)).size);

    // Read back: the snapshot's runs are taken and kept as they are (nothing rebuilt).
    const adopted = make();
    for (const d of docs) adopted.put(d);
    assert.equal(adopted.adoptRuns('tenantId', order, captured!.runs), true);
    const runOf = (data: CollectionData, tenant: string) =>
      data.orderedRuns({ tenantId: tenant }, sort, () => assert.fail('a run was rebuilt'))?.run(0);
    const before = runOf(adopted, 't1');
    let yields = 0;
    await adopted.warmRuns('tenantId', order, async () => void yields++);
    assert.equal(runOf(adopted, 't1'), before);
    assert.ok(yields > 0 && yields <= 20, `${yields} yields: a fixed number of warm-up pages`);
    assert.equal(adopted.docs.size, docs.length);
    assert.deepEqual(adopted.runOrders(), [['tenantId', order]]);

    // Pages after the warm-up: what a full scan, sort and slice give.
    const tenants = Array.from({ length: 300 }, (_, i) => `t${i}`);
    for (let n = 0; n < 20; n++) {
      const branches = tenants
        .filter(() => rand() < 0.5)
        .map((t) =>
          rand() < 0.5
            ? { tenantId: t }
            : { tenantId: t, roomId: { $in: [`r${Math.floor(rand() * 4)}`] } }
        );
      const filter = deepFreeze({ $or: branches });
      const plan = adopted.orderedRuns(filter, sort, (d) => sortDocs(d, sort));
      const page = mergeRuns(plan!, sort, { limit: 1 + Math.floor(rand() * 60) });
      const match = compileFilter(filter);
      const expected = sortDocs(docs.filter(match), sort).slice(0, page.length);
      assert.deepEqual(
        page.map((d) => d._id),
        expected.map((d) => d._id)
      );
    }

    // Without runs read back, warming builds them (as the first page would).
    const fresh = make();
    for (const d of docs) fresh.put(d);
    await fresh.warmRuns('tenantId', order, async () => {});
    assert.deepEqual(fresh.runOrders(), [['tenantId', order]]);
    assert.deepEqual(
      fresh
        .captureRuns()[0]!
        .runs.get('st7')
        ?.map((d) => d._id),
      captured!.runs.get('st7')?.map((d) => d._id)
    );
  });
});
