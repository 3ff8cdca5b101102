/**
 * The journal's group commit: batches written at their own offsets, several at once, each
 * acknowledged only once it and every earlier batch are on disk. What a crash can leave of that
 * (a later batch on disk before an earlier one: a hole) is cut off when the journal is opened,
 * and appends go on right after the last complete record.
 */
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal } from '../../src/store/embedded/journal.ts';
import { decodeFrames, encodeBatchFrame, encodeFrame } from '../../src/store/embedded/frames.ts';
import { freshDirEachTest } from './store-under-test.ts';

const frame = (n: number, text = 'x') => encodeFrame({ n, text });
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('embedded store: the journal', function () {
  this.timeout(30_000);
  const tmp = freshDirEachTest();

  it('When many writers append across many batches at once, then each is acknowledged in append order, and the file holds every record in that order', async () => {
    const path = join(tmp.dir, 'journal.bson');
    let batchesCut = 0;
    const { journal } = await Journal.open(path, async () => void batchesCut++);
    const acked: number[] = [];
    const waits: Promise<void>[] = [];
    for (let n = 0; n < 400; n++) {
      // Records of different sizes, so batches end at uneven offsets.
      waits.push(journal.append([frame(n, 'y'.repeat(n % 37))]).then(() => void acked.push(n)));
      if (n % 3 === 0) await nextTick();
    }
    await Promise.all(waits);
    assert.deepEqual(
      acked,
      [...acked].sort((a, b) => a - b),
      'acknowledged out of order'
    );
    assert.ok(batchesCut > 1, 'several batches');
    await journal.close();
    const bytes = await readFile(path);
    const decoded = decodeFrames(bytes);
    assert.equal(decoded.problem, undefined);
    assert.equal(decoded.validLength, bytes.length);
    assert.deepEqual(
      decoded.records.map((r) => r.n),
      Array.from({ length: 400 }, (_, n) => n)
    );
    assert.equal(journal.size, bytes.length);
  });

  it('When writers append from separate callbacks of one event-loop turn (as requests do), then their records go to disk in one batch', async () => {
    const path = join(tmp.dir, 'journal.bson');
    let batchesCut = 0;
    const { journal } = await Journal.open(path, async () => void batchesCut++);
    // Ten callbacks queued together run in one turn's check phase, each followed by its own
    // microtasks, as the I/O callbacks of ten requests are.
    const waits = await new Promise<Promise<void>[]>((resolve) => {
      const appended: Promise<void>[] = [];
      for (let n = 0; n < 10; n++) {
        setImmediate(() => {
          appended.push(journal.append([frame(n)]));
          if (appended.length === 10) resolve(appended);
        });
      }
    });
    await Promise.all(waits);
    await journal.close();
    assert.equal(batchesCut, 1, 'one batch for the turn');
    assert.deepEqual(
      decodeFrames(await readFile(path)).records.map((r) => r.n),
      Array.from({ length: 10 }, (_, n) => n)
    );
  });

  it('When a crash left a later batch on disk but not an earlier one (a hole), then opening keeps what precedes the hole and appends after it', async () => {
    const path = join(tmp.dir, 'journal.bson');
    const [a, b, c] = [frame(1), frame(2, 'lost'), frame(3, 'never acknowledged')];
    // What the disk holds after the crash: batch 1, zeros where batch 2 was going, batch 3.
    await writeFile(path, Buffer.concat([a, Buffer.alloc(b.length), c]));
    const opened = await Journal.open(path, async () => undefined);
    assert.deepEqual(
      opened.records.map((r) => r.n),
      [1]
    );
    assert.equal(opened.truncated?.bytes, b.length + c.length);
    assert.equal((await stat(path)).size, a.length);
    await opened.journal.append([frame(4)]);
    await opened.journal.close();
    const decoded = decodeFrames(await readFile(path));
    assert.equal(decoded.problem, undefined);
    assert.deepEqual(
      decoded.records.map((r) => r.n),
      [1, 4]
    );
  });

  it('When a batch record is framed straight from its frames, then it is byte for byte what the BSON serializer writes, whatever its sequence number', () => {
    const inner = [
      frame(1),
      frame(2, 'é'.repeat(300)),
      encodeFrame({ t: 'x', c: 'items', id: 'a' }),
    ];
    for (const lsn of [1, 7_000, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 3]) {
      const direct = encodeBatchFrame(lsn, inner);
      assert.deepEqual(direct, encodeFrame({ l: lsn, t: 'g', f: Buffer.concat(inner) }), `${lsn}`);
      const [record] = decodeFrames(direct).records;
      assert.equal(record!.l, lsn);
    }
  });

  it('When the journal is emptied between batches (compaction), then the next batches start at its beginning', async () => {
    const path = join(tmp.dir, 'journal.bson');
    const { journal } = await Journal.open(path, async () => undefined);
    await Promise.all([journal.append([frame(1)]), journal.append([frame(2)])]);
    await journal.exclusive(() => journal.truncateNow());
    assert.equal(journal.size, 0);
    await journal.append([frame(3)]);
    await journal.close();
    assert.deepEqual(
      decodeFrames(await readFile(path)).records.map((r) => r.n),
      [3]
    );
  });
});
