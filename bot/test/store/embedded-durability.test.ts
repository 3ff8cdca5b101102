/**
 * Durability of the embedded store: restarts, SIGKILL mid-write, torn journal tails, the
 * single-writer lock, TTL expiry and compaction. Crashes are real: a child process writes and is
 * killed with SIGKILL, so only what reached the disk can survive.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore, JOURNAL_FILE } from '../../src/store/embedded/index.ts';
import { encodeFrame } from '../../src/store/embedded/frames.ts';
import { LOCK_FILE } from '../../src/store/embedded/lock.ts';
import { SNAPSHOT_FILE } from '../../src/store/embedded/snapshot.ts';
import { isDuplicateKeyError, type BaseDoc } from '../../src/store/types.ts';
import { tempDir } from './store-under-test.ts';
import { startWriterProcess, type Writer } from '../support/writer-process.ts';

type Item = BaseDoc & Record<string, unknown>;

/** Typed fields where a test uses $push or $inc (the driver's update typings need them). */
interface User extends BaseDoc {
  upn: string;
  name?: string;
  at?: Date;
  tags?: string[];
}
interface Counted extends BaseDoc {
  k: number;
  pad: string;
  touched?: number;
}

const writerScript = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
const startWriter = (dir: string, mode: string): Writer =>
  startWriterProcess(writerScript, [dir, mode]);

/** A pid that belonged to a process which has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('embedded store durability', function () {
  this.timeout(30_000);
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(async () => {
    await remove();
  });

  it('When the store is closed and reopened, then documents, Dates and unique indexes are all back', async () => {
    const at = new Date('2024-02-03T04:05:06.789Z');
    const s1 = await openEmbeddedStore(dir);
    const c1 = s1.collection<User>('users');
    await c1.createIndex({ tenantId: 1, upn: 1 }, { unique: true });
    await c1.createIndex({ tenantId: 1, name: 1 });
    await c1.insertMany([
      { _id: 'u1', tenantId: 't', upn: 'alice', name: 'Alice', at, tags: ['a'] },
      { _id: 'u2', tenantId: 't', upn: 'bob', name: 'Bob', at },
      { _id: 'u3', tenantId: 't', upn: 'carol', name: 'Carol', at },
    ]);
    await c1.updateOne({ _id: 'u1' }, { $push: { tags: 'b' }, $set: { name: 'Alicia' } });
    await c1.deleteOne({ _id: 'u3' });
    await s1.close();

    const s2 = await openEmbeddedStore(dir);
    const c2 = s2.collection<User>('users');
    const docs = await c2.find({}, { sort: { _id: 1 } }).toArray();
    assert.deepEqual(docs, [
      { _id: 'u1', tenantId: 't', upn: 'alice', name: 'Alicia', at, tags: ['a', 'b'] },
      { _id: 'u2', tenantId: 't', upn: 'bob', name: 'Bob', at },
    ]);
    assert.ok(docs[0]!.at instanceof Date);
    const dup = c2.insertOne({ _id: 'u4', tenantId: 't', upn: 'bob' });
    await assert.rejects(dup, isDuplicateKeyError);
    const again = await c2.createIndex({ tenantId: 1, upn: 1 }, { unique: true });
    assert.equal(again, 'tenantId_1_upn_1');
    const bobs = await c2.find({ tenantId: 't', name: 'Bob' }).toArray();
    assert.deepEqual(
      bobs.map((d) => d._id),
      ['u2']
    );
    await s2.close();
  });

  it('When the store reopens without a compaction on close, then the journal alone restores everything', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<Item>('things');
    await c1.createIndex({ k: 1 }, { unique: true });
    await c1.insertMany(
      Array.from({ length: 20 }, (_, i) => ({ _id: `d${i}`, tenantId: 't', k: i }))
    );
    await c1.updateMany({ k: { $lt: 5 } }, { $set: { low: true } });
    await s1.close();
    assert.ok((await stat(join(dir, JOURNAL_FILE))).size > 0);

    const s2 = await openEmbeddedStore(dir);
    const c2 = s2.collection<Item>('things');
    assert.equal(await c2.countDocuments({}), 20);
    assert.equal(await c2.countDocuments({ low: true }), 5);
    await assert.rejects(c2.insertOne({ _id: 'x', tenantId: 't', k: 3 }), isDuplicateKeyError);
    await s2.close();
  });

  it('When a writer process is SIGKILLed mid-write, then every write it saw acknowledged survives, with no gaps', async function () {
    this.timeout(60_000);
    const acked = new Set<string>();
    let maxCounter = 0;
    for (const round of [1, 2]) {
      // Round 2 reopens the directory round 1's crash left behind and carries on writing.
      const tag = `r${round}`;
      const w = startWriter(dir, `loop:${tag}`);
      await w.waitFor((lines) => lines.filter((l) => l.startsWith('ack ')).length >= 300);
      await w.kill();
      for (const line of w.lines) {
        if (line.startsWith('ack ')) acked.add(line.slice(4));
        if (line.startsWith('ctr ')) maxCounter = Math.max(maxCounter, Number(line.slice(4)));
      }
      const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
      const items = store.collection<Item>('items');
      const ids = await items.find({}, { projection: { _id: 1 } }).toArray();
      const present = new Set(ids.map((d) => d._id));
      const lost = [...acked].filter((id) => !present.has(id));
      assert.deepEqual(lost, [], `acknowledged but lost after round ${round}`);
      const ctr = await store.collection<Item>('counters').findOne({ _id: 'ctr' });
      const n = Number(ctr?.n);
      assert.ok(n >= maxCounter, `counter ${n} < acknowledged ${maxCounter}`);
      // Writes are committed in sequence order and the journal is only ever cut at its tail, so
      // what survives is a prefix: no sequence number is missing below the highest one.
      const rows = await items
        .find({ tenantId: tag }, { projection: { seq: 1, _id: 0 } })
        .toArray();
      const seqs = rows.map((d) => Number(d.seq)).sort((a, b) => a - b);
      assert.ok(seqs.length >= 300);
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i)
      );
      const dup = items.insertOne({ _id: 'dup', tenantId: tag, seq: 0 });
      await assert.rejects(dup, isDuplicateKeyError);
      await store.close();
    }
  });

  it('When a process adding notes (journaled as the updates themselves) is SIGKILLed, then every acknowledged note is back exactly once, in step with the version', async function () {
    this.timeout(60_000);
    const acked = new Map<string, Set<string>>();
    for (const round of [1, 2]) {
      // Round 2 carries on from what round 1's crash left (snapshots happen mid-run: a small
      // compaction threshold), so its updates replay on top of replayed ones.
      const w = startWriter(dir, `notes:r${round}`);
      await w.waitFor((lines) => lines.filter((l) => l.startsWith('note ')).length >= 300 * round);
      await w.kill();
      for (const line of w.lines) {
        if (!line.startsWith('note ')) continue;
        const [, ticket, note] = line.split(' ');
        if (!acked.has(ticket!)) acked.set(ticket!, new Set());
        acked.get(ticket!)!.add(note!);
      }
      const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
      const tickets = await store
        .collection<BaseDoc & { version: number; notes: { id: string }[] }>('tickets')
        .find({}, { sort: { _id: 1 } })
        .toArray();
      assert.equal(tickets.length, 5);
      for (const t of tickets) {
        const ids = t.notes.map((n) => n.id);
        assert.equal(new Set(ids).size, ids.length, `a note of ${t._id} was applied twice`);
        assert.equal(t.version, ids.length + 1, `${t._id}: version out of step with its notes`);
        const lost = [...(acked.get(t._id) ?? [])].filter((n) => !ids.includes(n));
        assert.deepEqual(lost, [], `acknowledged notes of ${t._id} lost after round ${round}`);
      }
      await store.close();
    }
  });

  it('When a process is SIGKILLed while it writes a snapshot, then the next open drops the partial file and keeps every acknowledged write', async function () {
    this.timeout(120_000);
    const w = startWriter(dir, 'snapshots:20000');
    try {
      await w.waitFor((lines) => lines.includes('loaded'), 60_000);
      // Kill at a different point of a snapshot each time: as one starts, and part-way through.
      await w.waitFor((lines) => lines.includes('compacting 2'), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 15));
    } finally {
      await w.kill();
    }
    const acked = w.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    const store = await openEmbeddedStore(dir);
    try {
      await assert.rejects(stat(join(dir, `${SNAPSHOT_FILE}.tmp`)), /ENOENT/);
      const items = store.collection<Item>('items');
      assert.equal(await items.countDocuments({ tenantId: 's' }), 20_000);
      const after = new Set((await items.find({ tenantId: 'a' }).toArray()).map((d) => d._id));
      for (const id of acked) assert.ok(after.has(id), `${id} was acknowledged`);
    } finally {
      await store.close();
    }
  });

  it('When the journal ends in a torn record or garbage, then opening cuts it off and keeps all prior data', async () => {
    const w = startWriter(dir, 'fixed:50');
    await w.waitFor((lines) => lines.includes('done'));
    await w.kill();
    const journal = join(dir, JOURNAL_FILE);
    const intact = (await stat(journal)).size;
    assert.ok(intact > 0);

    // Half of a valid record, as a crash in the middle of a write leaves it.
    const frame = encodeFrame({ l: 999, t: 'p', c: 'items', d: { _id: 'torn', tenantId: 't' } });
    await appendFile(journal, frame.subarray(0, Math.floor(frame.length / 2)));
    const warnings: string[] = [];
    const s1 = await openEmbeddedStore(dir, {
      onWarning: (m) => warnings.push(m),
      compactOnClose: false,
    });
    const c1 = s1.collection<Item>('items');
    assert.equal(await c1.countDocuments({}), 50);
    assert.equal(await c1.findOne({ _id: 'torn' }), null);
    assert.equal(warnings.length, 1);
    assert.equal((await stat(journal)).size, intact);
    await c1.insertOne({ _id: 'after-tear', tenantId: 't' });
    await s1.close();

    // A length that runs past the end of the file, then a plausible length with a bad checksum.
    await appendFile(journal, Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8]));
    const quiet = { onWarning: () => undefined };
    const s2 = await openEmbeddedStore(dir, { ...quiet, compactOnClose: false });
    assert.equal(await s2.collection<Item>('items').countDocuments({}), 51);
    await s2.close();
    const bad = Buffer.from(frame);
    bad[bad.length - 1] ^= 0xff;
    await appendFile(journal, bad);
    const s3 = await openEmbeddedStore(dir, quiet);
    const c3 = s3.collection<Item>('items');
    assert.equal(await c3.countDocuments({}), 51);
    assert.ok(await c3.findOne({ _id: 'after-tear' }));
    await s3.close();
  });

  it('When a batch (writeBatch) is journaled, then it is one record: reopened, all its writes are back; torn anywhere, none of them', async () => {
    const quiet = { onWarning: () => undefined, compactOnClose: false };
    const batch = (n: number) => [
      {
        collection: 'tickets',
        updateOne: {
          filter: { _id: 't1' },
          update: { $inc: { version: 1 }, $push: { notes: `note ${n}` } },
          required: true,
        },
      },
      { collection: 'audit', insertOne: { document: { _id: `a${n}`, tenantId: 't' } } },
      { collection: 'audit', insertOne: { document: { _id: `b${n}`, tenantId: 'c' } } },
    ];
    const s1 = await openEmbeddedStore(dir, quiet);
    await s1
      .collection<Item>('tickets')
      .insertOne({ _id: 't1', tenantId: 't', version: 1, notes: [] });
    assert.ok(await s1.writeBatch(batch(1)));
    await s1.close();
    const journal = join(dir, JOURNAL_FILE);
    const before = await readFile(journal);
    const s2 = await openEmbeddedStore(dir, quiet);
    assert.ok(await s2.writeBatch(batch(2)));
    await s2.close();
    const after = await readFile(journal);

    const state = async () => {
      const s = await openEmbeddedStore(dir, quiet);
      const t = await s.collection<Item>('tickets').findOne({ _id: 't1' });
      const audit = (await s.collection<Item>('audit').find({}).toArray()).map((d) => d._id);
      await s.close();
      return { version: t?.version, notes: t?.notes, audit: audit.sort() };
    };
    assert.deepEqual(await state(), {
      version: 3,
      notes: ['note 1', 'note 2'],
      audit: ['a1', 'a2', 'b1', 'b2'],
    });
    for (const cut of [
      before.length + 9,
      Math.floor((before.length + after.length) / 2),
      after.length - 1,
    ]) {
      await writeFile(journal, after.subarray(0, cut));
      assert.deepEqual(
        await state(),
        { version: 2, notes: ['note 1'], audit: ['a1', 'b1'] },
        `cut at ${cut}`
      );
    }
  });

  it('When another live process holds the directory, then opening fails clearly; once it is killed, the lock is taken over', async () => {
    const w = startWriter(dir, 'hold');
    try {
      await w.waitFor((lines) => lines.includes('ready'));
      await assert.rejects(openEmbeddedStore(dir), /locked by a running process \(pid \d+/);
    } finally {
      await w.kill();
    }
    const store = await openEmbeddedStore(dir);
    await store.close();
  });

  it('When the directory is already open in this process, then a second open fails', async () => {
    const store = await openEmbeddedStore(dir);
    try {
      await assert.rejects(openEmbeddedStore(dir), /already open in this process/);
    } finally {
      await store.close();
    }
    const again = await openEmbeddedStore(dir);
    await again.close();
  });

  it('When the lock file names a process that has exited, then the lock is stale and is taken over', async () => {
    const pid = await deadPid();
    const stale = { pid, host: 'elsewhere', token: 'old' };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(stale));
    const store = await openEmbeddedStore(dir);
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(lock.pid, process.pid);
    await store.close();
    await assert.rejects(stat(join(dir, LOCK_FILE)), /ENOENT/);
  });

  it('When TTL documents expire, then the sweeper deletes them durably and leaves the rest', async () => {
    let now = new Date('2024-01-01T00:00:00Z').getTime();
    const clock = (): Date => new Date(now);
    const s1 = await openEmbeddedStore(dir, { now: clock, ttlSweepIntervalMs: 20 });
    const c1 = s1.collection<Item>('audit');
    await c1.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    await c1.insertMany([
      { _id: 'old', tenantId: 't', at: new Date(now - 61_000) },
      { _id: 'fresh', tenantId: 't', at: new Date(now - 10_000) },
      { _id: 'dates', tenantId: 't', at: [new Date(now + 500_000), new Date(now - 120_000)] },
      { _id: 'not-a-date', tenantId: 't', at: '2000-01-01' },
      { _id: 'no-field', tenantId: 't' },
    ]);
    // The background sweep (every 20 ms here) removes the expired ones without being asked.
    for (let i = 0; i < 100 && (await c1.countDocuments({})) > 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const left = (await c1.find({}).toArray()).map((d) => d._id).sort();
    assert.deepEqual(left, ['fresh', 'no-field', 'not-a-date']);
    await s1.close();

    // Time passes while the store is down: the sweep on open catches up.
    now += 3600_000;
    const s2 = await openEmbeddedStore(dir, { now: clock });
    const c2 = s2.collection<Item>('audit');
    const later = (await c2.find({}).toArray()).map((d) => d._id).sort();
    assert.deepEqual(later, ['no-field', 'not-a-date']);
    assert.equal(await s2.sweepExpired(), 0);
    await s2.close();
  });

  it('When the journal passes the compaction threshold, then a snapshot replaces it and reopening keeps everything', async () => {
    const threshold = 16 * 1024;
    const s1 = await openEmbeddedStore(dir, {
      compactThresholdBytes: threshold,
      compactOnClose: false,
    });
    const c1 = s1.collection<Counted>('items');
    await c1.createIndex({ k: 1 }, { unique: true });
    for (let batch = 0; batch < 10; batch++) {
      const docs = Array.from({ length: 50 }, (_, i) => ({
        _id: `d${batch}-${i}`,
        tenantId: 't',
        k: batch * 50 + i,
        pad: 'x'.repeat(100),
      }));
      await c1.insertMany(docs);
      await c1.updateMany({ k: { $lt: batch * 50 } }, { $inc: { touched: 1 } });
    }
    await c1.deleteMany({ k: { $gte: 450 } });
    const snapshotSize = (await stat(join(dir, SNAPSHOT_FILE))).size;
    assert.ok(snapshotSize > 0);
    // Compaction runs after the batch that crossed the threshold, so at most one batch remains.
    assert.ok((await stat(join(dir, JOURNAL_FILE))).size < threshold + 64 * 1024);
    await s1.close();

    const s2 = await openEmbeddedStore(dir);
    const c2 = s2.collection<Counted>('items');
    assert.equal(await c2.countDocuments({}), 450);
    assert.equal((await c2.findOne({ _id: 'd0-0' }))?.touched, 9);
    assert.equal((await c2.findOne({ _id: 'd8-49' }))?.touched, 1);
    const dup = c2.insertOne({ _id: 'x', tenantId: 't', k: 7, pad: '' });
    await assert.rejects(dup, isDuplicateKeyError);
    await s2.compact();
    assert.equal((await stat(join(dir, JOURNAL_FILE))).size, 0);
    await s2.close();
    const s3 = await openEmbeddedStore(dir);
    assert.equal(await s3.collection<Item>('items').countDocuments({}), 450);
    await s3.close();
  });

  it('When a crash leaves an older journal behind a newer snapshot, then replay does not roll the snapshot back', async () => {
    const journal = join(dir, JOURNAL_FILE);
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c1 = s1.collection<Item>('items');
    await c1.insertOne({ _id: 'x', tenantId: 't', v: 1 });
    await c1.insertOne({ _id: 'y', tenantId: 't' });
    const older = await readFile(journal);
    await c1.updateOne({ _id: 'x' }, { $set: { v: 2 } });
    await c1.deleteOne({ _id: 'y' });
    await s1.compact();
    await s1.close();
    // As if the process died after renaming in a snapshot that already held records still queued
    // for the journal, but before truncating the journal: the file holds only older records.
    await writeFile(journal, older);

    const s2 = await openEmbeddedStore(dir, { compactOnClose: false });
    const c2 = s2.collection<Item>('items');
    assert.deepEqual(await c2.find({}).toArray(), [{ _id: 'x', tenantId: 't', v: 2 }]);
    // New records go after the stale ones and are replayed on the next open.
    await c2.updateOne({ _id: 'x' }, { $set: { v: 3 } });
    await s2.close();
    const s3 = await openEmbeddedStore(dir);
    const final = await s3.collection<Item>('items').find({}).toArray();
    assert.deepEqual(final, [{ _id: 'x', tenantId: 't', v: 3 }]);
    await s3.close();
  });

  it('When dropAll runs, then the drop is durable across a restart', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnClose: false });
    await s1.collection<Item>('a').createIndex({ k: 1 }, { unique: true });
    await s1.collection<Item>('a').insertOne({ _id: '1', tenantId: 't', k: 1 });
    await s1.dropAll();
    await s1.collection<Item>('b').insertOne({ _id: '2', tenantId: 't' });
    await s1.close();
    const s2 = await openEmbeddedStore(dir);
    assert.equal(await s2.collection<Item>('a').countDocuments({}), 0);
    assert.equal(await s2.collection<Item>('b').countDocuments({}), 1);
    await s2.collection<Item>('a').insertMany([
      { _id: '1', tenantId: 't', k: 1 },
      { _id: '2', tenantId: 't', k: 1 },
    ]);
    await s2.close();
  });

  it('When a store with a short journal closes, then it keeps the journal (no snapshot rewrite); past the threshold and the size of the snapshot it compacts', async () => {
    const s1 = await openEmbeddedStore(dir, { compactOnCloseBytes: 4096 });
    await s1.collection<Item>('items').insertOne({ _id: 'small', tenantId: 't', k: 1 });
    await s1.close();
    await assert.rejects(stat(join(dir, SNAPSHOT_FILE)), /ENOENT/);
    assert.ok((await stat(join(dir, JOURNAL_FILE))).size > 0);

    const s2 = await openEmbeddedStore(dir, { compactOnCloseBytes: 4096 });
    const c2 = s2.collection<Item>('items');
    assert.equal((await c2.findOne({ _id: 'small' }))?.k, 1);
    await c2.insertMany(
      Array.from({ length: 100 }, (_, i) => ({ _id: `big${i}`, tenantId: 't', k: i }))
    );
    await s2.close();
    assert.ok((await stat(join(dir, SNAPSHOT_FILE))).size > 0);
    assert.equal((await stat(join(dir, JOURNAL_FILE))).size, 0);
    // A journal small next to the snapshot is kept too, whatever its size in bytes.
    const s3 = await openEmbeddedStore(dir, { compactOnCloseBytes: 1 });
    assert.equal(await s3.collection<Item>('items').countDocuments({}), 101);
    await s3.collection<Item>('items').insertOne({ _id: 'late', tenantId: 't', k: 1 });
    await s3.close();
    assert.ok((await stat(join(dir, JOURNAL_FILE))).size > 0);
    const s4 = await openEmbeddedStore(dir);
    assert.equal(await s4.collection<Item>('items').countDocuments({}), 102);
    await s4.close();
  });

  it('When the store is closed, then further calls fail instead of silently writing nothing', async () => {
    const store = await openEmbeddedStore(dir);
    const c = store.collection<Item>('items');
    await store.close();
    await assert.rejects(c.insertOne({ _id: 'late', tenantId: 't' }), /closed/);
    await assert.rejects(c.find({}).toArray(), /closed/);
    await store.close();
  });
});
