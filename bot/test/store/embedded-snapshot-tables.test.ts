/**
 * Snapshot format 4: key tables stored with their sections (table-parts.ts). A table is taken
 * back only when it lists every document once, under exactly its value, in section order;
 * otherwise it is built from the documents. Lookups answer what a scan does after a restart,
 * after writes on loaded documents and after a journal replayed on top; a format-3 data directory
 * (no tables) still opens and is rewritten as format 4. A large section is read a part at a time
 * as it loads, checked against its checksum again.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/index.ts';
import { encodeFrame } from '../../src/store/embedded/frames.ts';
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT } from '../../src/store/embedded/snapshot.ts';
import { TableCheck, TableWriter, decodeTable } from '../../src/store/embedded/table-parts.ts';
import { compileFilter } from '../../src/store/embedded/mql.ts';
import { CollectionData } from '../../src/store/embedded/collection-data.ts';
import type { Doc } from '../../src/store/embedded/values.ts';
import type { BaseDoc, DocCollection } from '../../src/store/types.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { freshDirEachTest } from './store-under-test.ts';

const PART_TABLE = 0x54;

interface Part {
  kind: number;
  body: Buffer;
}
interface Section {
  c: string;
  n: number;
  parts: Part[];
}

/** A format-3/4 snapshot file taken apart: its header and each section's parts. */
function parse(buf: Buffer): { header: Document; sections: Section[] } {
  const header = deserialize(buf.subarray(0, buf.readInt32LE(0)));
  const length = buf.readUInt32LE(buf.length - 8);
  const at = buf.length - 8 - length;
  const trailer = deserialize(buf.subarray(at, at + length - 4));
  const sections = (trailer.sections as Document[]).map((s) => {
    const parts: Part[] = [];
    for (let pos = s.offset as number; pos < s.offset + s.bytes;) {
      const len = buf.readUInt32LE(pos);
      parts.push({ kind: buf[pos + 4]!, body: buf.subarray(pos + 5, pos + 4 + len) });
      pos += 4 + len;
    }
    return { c: s.c as string, n: s.n as number, parts };
  });
  return { header, sections };
}

/** The file of `sections` in format `v`, checksums and trailer made anew. */
function build(v: number, header: Document, sections: Section[]): Buffer {
  const head = encodeFrame({ ...header, v });
  const chunks: Buffer[] = [head];
  const table: Document[] = [];
  let offset = head.length;
  for (const s of sections) {
    const body = Buffer.concat(
      s.parts.flatMap((p) => {
        const h = Buffer.alloc(5);
        h.writeUInt32LE(p.body.length + 1, 0);
        h[4] = p.kind;
        return [h, p.body];
      })
    );
    table.push({ c: s.c, n: s.n, offset, bytes: body.length, crc: crc32(body) });
    chunks.push(body);
    offset += body.length;
  }
  const n = sections.reduce((sum, s) => sum + s.n, 0);
  const trailer = encodeFrame({ t: 'e', v, n, sections: table });
  const footer = Buffer.alloc(8);
  footer.writeUInt32LE(trailer.length, 0);
  footer.write('RPHS', 4, 'latin1');
  return Buffer.concat([...chunks, trailer, footer]);
}

type Item = BaseDoc & { roomId: string; at: Date; n: number; tags?: string[] };

const rand = seededRandom(41);
const items = (count: number, from = 0): Item[] =>
  Array.from({ length: count }, (_, i) => ({
    _id: `i${String(from + i).padStart(4, '0')}`,
    tenantId: `t${Math.floor(rand() * 7)}`,
    roomId: `room-with-a-long-id-${Math.floor(rand() * 40)}`,
    at: new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 1000) * 60_000),
    n: i,
  }));

/** A data directory holding `docs` (and the indexes) in a snapshot alone; `before` runs first. */
async function compactedItems(
  dir: string,
  docs: Item[],
  before: (c: DocCollection<Item>) => Promise<void> = async () => {}
): Promise<void> {
  const store = await openEmbeddedStore(dir);
  const c = store.collection<Item>('items');
  await c.createIndex({ tenantId: 1, at: -1, _id: -1 });
  await c.createIndex({ roomId: 1, n: 1 });
  // A Date first key: no table stored (built from the documents as before).
  await c.createIndex({ at: 1 });
  await c.insertMany(docs);
  await before(c);
  await store.compact();
  await store.close();
}

/** Every lookup on the tables' fields answers what a scan of all documents does. */
async function assertLookupsExact(store: EmbeddedStore): Promise<void> {
  const c = store.collection<Item>('items');
  const all = (await c.find({}).toArray()) as unknown as Doc[];
  const filters: Record<string, unknown>[] = [
    ...Array.from({ length: 8 }, (_, t) => ({ tenantId: `t${t}` })),
    ...Array.from({ length: 12 }, (_, r) => ({ roomId: `room-with-a-long-id-${r * 3}` })),
    { tenantId: { $in: ['t1', 't3', 'nope'] }, roomId: { $in: ['room-with-a-long-id-2'] } },
    { at: { $gte: new Date(Date.UTC(2025, 0, 1, 8)) }, tenantId: 't2' },
  ];
  for (const filter of filters) {
    const match = compileFilter(filter);
    const got = (await c.find(filter).toArray()).map((d) => d._id).sort();
    const expected = all
      .filter(match)
      .map((d) => d._id)
      .sort();
    assert.deepEqual(got, expected, JSON.stringify(filter));
  }
}

describe('embedded store snapshot format 4 (key tables)', function () {
  this.timeout(60_000);
  const temp = freshDirEachTest();

  it('When key tables are checked as their section loads, then only tables listing every document once, under its own value and in order, are taken', async () => {
    const docs: Doc[] = [0, 1, 2, 3, 4, 5].map((i) => ({ _id: `d${i}`, tenantId: `t${i % 2}` }));
    const words = (...lists: number[][]) =>
      Uint32Array.from(lists.flatMap((l) => [l.length, ...l]));
    const check = (values: string[], w: Uint32Array, all = docs) => {
      const c = new TableCheck({ field: 'tenantId', values, words: w });
      for (const d of all) c.see(d);
      return c.finish(all, async () => {});
    };
    const good = await check(['t0', 't1'], words([0, 2, 4], [1, 3, 5]));
    assert.deepEqual(
      [...(good ?? [])],
      [
        ['st0', ['d0', 'd2', 'd4']],
        ['st1', ['d1', 'd3', 'd5']],
      ]
    );
    // A document under another value, a position twice, one missing, out of section order.
    assert.equal(await check(['t0', 't1'], words([0, 2, 3], [1, 4, 5])), undefined);
    assert.equal(await check(['t0', 't1'], words([0, 2, 4], [1, 3, 3])), undefined);
    assert.equal(await check(['t0', 't1'], words([0, 2, 4], [1, 3])), undefined);
    assert.equal(await check(['t0', 't1'], words([0, 4, 2], [1, 3, 5])), undefined);
    // A position past the section, a part that ends early, more documents than listed.
    assert.equal(await check(['t0', 't1'], words([0, 2, 9], [1, 3, 5])), undefined);
    assert.equal(await check(['t0', 't1'], words([0, 2, 4])), undefined);
    assert.equal(
      await check(['t0', 't1'], words([0, 2, 4], [1, 3, 5]), [...docs, docs[0]!]),
      undefined
    );
    // A document whose value is not that string (a number, an array holding it).
    const odd = docs.map((d, i) => (i === 3 ? { ...d, tenantId: ['t1'] } : d));
    assert.equal(await check(['t0', 't1'], words([0, 2, 4], [1, 3, 5]), odd), undefined);

    // Vouched for by its section, but the section held an id twice (the later version stored):
    // the table is built from the documents held instead.
    const data = new CollectionData('c');
    data.addIndex({ name: 't', keys: { tenantId: 1 }, unique: false });
    data.deferTables(['tenantId']);
    const twice = [...docs, { _id: 'd0', tenantId: 't1' }];
    data.loadDocs(twice);
    const vouched = await check(['t0', 't1'], words([0, 2, 4], [1, 3, 5, 6]), twice);
    assert.ok(vouched);
    data.adoptTable('tenantId', vouched, twice.length);
    const idx = data.indexes.get('t')!;
    assert.deepEqual([...idx.idsFor(['st0'])], ['d2', 'd4']);
    assert.deepEqual([...idx.idsFor(['st1'])].sort(), ['d0', 'd1', 'd3', 'd5']);

    // The writer stores only a field every document holds as a plain string.
    const writer = new TableWriter('tenantId');
    for (const d of docs) writer.add(d);
    assert.deepEqual(decodeTable(writer.encode()!), {
      field: 'tenantId',
      values: ['t0', 't1'],
      words: words([0, 2, 4], [1, 3, 5]),
    });
    const mixed = new TableWriter('tenantId');
    for (const d of odd) mixed.add(d);
    assert.equal(mixed.encode(), undefined);
  });

  it('When a snapshot stores key tables, then lookups after a restart, after writes and after a replayed journal answer what a scan does', async () => {
    const dir = temp.dir;
    await compactedItems(dir, items(400));
    const file = parse(await readFile(join(dir, SNAPSHOT_FILE)));
    assert.equal(file.header.v, SNAPSHOT_FORMAT);
    const stored = file.sections
      .find((s) => s.c === 'items')!
      .parts.filter((p) => p.kind === PART_TABLE)
      .map((p) => decodeTable(p.body)?.field);
    assert.deepEqual(stored.sort(), ['roomId', 'tenantId']);

    // In the background (as a large collection), then written to: moves, deletes, inserts.
    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100, compactOnClose: false });
    await assertLookupsExact(s2);
    const c2 = s2.collection<Item>('items');
    await c2.updateMany({ tenantId: 't1' }, { $set: { tenantId: 't7' } });
    await c2.updateOne({ _id: 'i0003' }, { $set: { roomId: 'room-with-a-long-id-0' } });
    await c2.deleteMany({ roomId: 'room-with-a-long-id-5' });
    await c2.insertMany(items(50, 400));
    await assertLookupsExact(s2);
    const moved = await c2.countDocuments({ tenantId: 't7' });
    await s2.close();

    // The journal replayed on top of the tables read back.
    const s3 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    await assertLookupsExact(s3);
    assert.equal(await s3.collection('items').countDocuments({ tenantId: 't7' }), moved);
    await s3.close();
  });

  it('When a stored key table does not match its documents behind a matching checksum, then it is built from the documents and lookups stay exact', async () => {
    const dir = temp.dir;
    await compactedItems(dir, items(300));
    const path = join(dir, SNAPSHOT_FILE);
    const file = parse(await readFile(path));
    const section = file.sections.find((s) => s.c === 'items')!;
    // The tenant table's first two values swapped: every document is listed under another value.
    section.parts = section.parts.map((p) => {
      const t = p.kind === PART_TABLE ? decodeTable(p.body) : undefined;
      if (t?.field !== 'tenantId') return p;
      const values = [t.values[1]!, t.values[0]!, ...t.values.slice(2)];
      const head = serialize({ field: t.field, values });
      const body = Buffer.alloc(4 + head.length + t.words.byteLength);
      body.writeUInt32LE(head.length, 0);
      body.set(head, 4);
      Buffer.from(t.words.buffer, t.words.byteOffset, t.words.byteLength).copy(
        body,
        4 + head.length
      );
      return { kind: p.kind, body };
    });
    await writeFile(path, build(SNAPSHOT_FORMAT, file.header, file.sections));
    for (const backgroundLoadRecords of [100, Infinity]) {
      const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords });
      await assertLookupsExact(s2);
      await s2.close();
    }
  });

  it('When a data directory holds a format-3 snapshot (no key tables), then it opens with exact lookups and is rewritten as format 4 once loaded', async () => {
    const dir = temp.dir;
    await compactedItems(dir, items(300));
    const path = join(dir, SNAPSHOT_FILE);
    const file = parse(await readFile(path));
    for (const s of file.sections) s.parts = s.parts.filter((p) => p.kind !== PART_TABLE);
    await writeFile(path, build(3, file.header, file.sections));

    const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    await assertLookupsExact(s2);
    for (let i = 0; i < 200 && parse(await readFile(path)).header.v !== SNAPSHOT_FORMAT; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(parse(await readFile(path)).header.v, SNAPSHOT_FORMAT);
    await s2.close();
    const s3 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100 });
    await assertLookupsExact(s3);
    await s3.close();
  });
  it('When a large section is read a part at a time as it loads, then it loads as from memory, and a file changed after open fails the load clearly', async () => {
    const dir = temp.dir;
    // A sorted page before the compaction, so the snapshot also stores runs.
    const sort = { at: -1 as const, _id: -1 as const };
    let page: Item[] = [];
    await compactedItems(
      dir,
      [...items(300), { ...items(1, 300)[0]!, tags: ['a', 'b'] }],
      async (c) => {
        page = await c.find({ tenantId: 't2' }, { sort, limit: 20 }).toArray();
      }
    );

    for (const streamSectionsOver of [0, Infinity]) {
      const s2 = await openEmbeddedStore(dir, { backgroundLoadRecords: 100, streamSectionsOver });
      await assertLookupsExact(s2);
      const c2 = s2.collection<Item>('items');
      assert.deepEqual(await c2.find({ tenantId: 't2' }, { sort, limit: 20 }).toArray(), page);
      assert.deepEqual((await c2.findOne({ _id: 'i0300' }))?.tags, ['a', 'b']);
      assert.equal(await c2.countDocuments({}), 301);
      await s2.close();
    }

    // A byte of a document block changed after open verified the file: the load fails.
    const path = join(dir, SNAPSHOT_FILE);
    const good = await readFile(path);
    const section = parse(good).sections.find((s) => s.c === 'items')!;
    const block = section.parts.find((p) => p.kind === 0x50)!;
    const altered = Buffer.from(good);
    altered[block.body.byteOffset - good.byteOffset + 20] ^= 0xff;
    const s3 = await openEmbeddedStore(dir, {
      backgroundLoadRecords: 100,
      streamSectionsOver: 0,
      onWarning: () => {},
    });
    writeFileSync(path, altered);
    await assert.rejects(s3.collection('items').countDocuments({}), /damaged|changed since open/);
    await s3.close();
    writeFileSync(path, good);
  });
  it('When a large collection loads in the background, then creating an index its snapshot holds answers before the load ends, and a new one once it is in', async () => {
    const dir = temp.dir;
    await compactedItems(dir, items(5000));
    for (const streamSectionsOver of [0, Infinity]) {
      const store = await openEmbeddedStore(dir, {
        backgroundLoadRecords: 100,
        streamSectionsOver,
      });
      const c = store.collection<Item>('items');
      const order: string[] = [];
      const loaded = c.countDocuments({}).then((n) => order.push(`loaded ${n}`));
      const existing = c
        .createIndex({ roomId: 1, n: 1 })
        .then((name) => order.push(`index ${name}`));
      await Promise.all([loaded, existing]);
      assert.deepEqual(order, ['index roomId_1_n_1', 'loaded 5000']);
      assert.equal(await c.createIndex({ n: 1 }), 'n_1');
      assert.deepEqual(
        (await c.find({ n: { $in: [3, 4] } }).toArray()).map((d) => d._id),
        ['i0003', 'i0004']
      );
      await assertLookupsExact(store);
      await store.close();
    }
  });
});
