/**
 * The store the contract suite runs against: MongoDB through the driver when MONGODB_URI is set
 * (in a throwaway database), otherwise the embedded store in a fresh temporary directory.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { JOURNAL_FILE, openEmbeddedStore } from '../../src/store/embedded/index.ts';
import { MongoClient } from 'mongodb';
import { openMongoStore } from '../../src/store/mongo-store.ts';
import type { Store } from '../../src/store/types.ts';

export interface StoreUnderTest {
  store: Store;
  /** Drops the test data and closes the store. */
  dispose(): Promise<void>;
}

export async function openStoreUnderTest(): Promise<StoreUnderTest> {
  const uri = process.env.MONGODB_URI;
  if (uri) {
    const store = await openMongoStore(uri, `rph_test_${randomUUID().slice(0, 8)}`);
    return {
      store,
      dispose: async () => {
        await store.dropAll();
        await store.close();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'rph-store-'));
  const store = await openEmbeddedStore(dir);
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A temporary directory for embedded-store tests, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rph-store-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh temporary directory for each test of the calling suite (removed after it): call in a
 * describe body, read `.dir` inside tests.
 */
export function freshDirEachTest(): { readonly dir: string } {
  const current = { dir: '' };
  let remove = async (): Promise<void> => undefined;
  beforeEach(async () => {
    ({ dir: current.dir, remove } = await tempDir());
  });
  afterEach(() => remove());
  return current;
}

/**
 * Whether a failure part-way through a `writeBatch` undoes its earlier writes: always on the
 * embedded store, and on MongoDB where it has transactions (replica sets and sharded clusters);
 * a standalone server keeps them (Store.writeBatch).
 */
export async function writeBatchIsAtomic(store: Store): Promise<boolean> {
  if (store.kind !== 'mongodb') return true;
  const client = await new MongoClient(process.env.MONGODB_URI!).connect();
  try {
    const hello = await client.db('admin').command({ hello: 1 });
    return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  } finally {
    await client.close();
  }
}

/**
 * A batch written through the embedded store in `dir` (seeded, closed, reopened; `act` writes it
 * and asserts its result), then the journal torn inside that batch's record (just after the
 * record's start, in its middle, one byte short of its end), as a crash mid-write leaves it. The
 * state read back after each reopen goes to `whole` (the whole record) and `torn` (every cut).
 */
export async function afterTornBatch<S>(
  dir: string,
  steps: {
    seed: (store: Store) => Promise<void>;
    act: (store: Store) => Promise<void>;
    state: (store: Store) => Promise<S>;
    whole: (state: S) => void;
    torn: (state: S, cut: number) => void;
  }
): Promise<void> {
  const quiet = { onWarning: () => undefined, compactOnClose: false };
  const s1 = await openEmbeddedStore(dir, quiet);
  await steps.seed(s1);
  await s1.close();
  const journal = join(dir, JOURNAL_FILE);
  const before = await readFile(journal);
  const s2 = await openEmbeddedStore(dir, quiet);
  await steps.act(s2);
  await s2.close();
  const after = await readFile(journal);
  if (after.length <= before.length) throw new Error('the batch wrote nothing to the journal');
  const reopened = async () => {
    const s = await openEmbeddedStore(dir, quiet);
    try {
      return await steps.state(s);
    } finally {
      await s.close();
    }
  };
  steps.whole(await reopened());
  const cuts = [
    before.length + 1,
    Math.floor((before.length + after.length) / 2),
    after.length - 1,
  ];
  for (const cut of cuts) {
    await writeFile(journal, after.subarray(0, cut));
    steps.torn(await reopened(), cut);
  }
}
