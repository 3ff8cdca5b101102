/**
 * The single-writer lock: a LOCK file in the data directory naming the owning process. Two
 * processes appending to one journal would corrupt it, so a live owner makes opening fail; a lock
 * whose owner is gone (crash, kill -9) is taken over.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, realpath, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fsyncDir } from './fs-sync.ts';

export const LOCK_FILE = 'LOCK';

interface LockInfo {
  pid: number;
  host: string;
  /** Linux process start time (clock ticks since boot), to tell a reused pid from the owner. */
  start?: string;
  token: string;
}

/** Directories locked by this process (a second open in-process must fail too). */
const heldHere = new Set<string>();

export interface DirLock {
  release(): Promise<void>;
}

/** Takes the lock on `dir` or throws a clear error naming the process that holds it. */
export async function acquireLock(dir: string): Promise<DirLock> {
  const key = await realpath(dir);
  if (heldHere.has(key)) {
    throw new Error(
      `Embedded store at ${dir} is already open in this process (pid ${process.pid}).`
    );
  }
  const path = join(dir, LOCK_FILE);
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    start: startTime(process.pid),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(JSON.stringify(mine));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsyncDir(dir);
      heldHere.add(key);
      return {
        release: async () => {
          heldHere.delete(key);
          const current = await readLock(path);
          if (current && current !== 'empty' && current.token === mine.token) {
            await rm(path, { force: true });
          }
        },
      };
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EEXIST') throw e;
    }
    let holder = await readLock(path);
    if (holder === 'empty') {
      // The owner may be between creating and writing the file; give it a moment.
      await new Promise((r) => setTimeout(r, 100));
      holder = await readLock(path);
    }
    if (holder && holder !== 'empty' && isAlive(holder)) {
      throw new Error(
        `Embedded store at ${dir} is locked by a running process ` +
          `(pid ${holder.pid} on ${holder.host}); only one process may open it. ` +
          `If that process is gone, delete ${path}.`
      );
    }
    // Stale (owner dead) or unreadable: take it over. The tiny race between two processes doing
    // this at once is accepted; the lock guards against operator mistakes, not adversaries.
    await rm(path, { force: true });
  }
  throw new Error(`Could not take the lock ${path}; another process keeps re-creating it.`);
}

async function readLock(path: string): Promise<LockInfo | 'empty' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
  if (text.trim() === '') return 'empty';
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    if (typeof info.pid !== 'number' || typeof info.token !== 'string') return 'empty';
    return { pid: info.pid, host: String(info.host ?? ''), start: info.start, token: info.token };
  } catch {
    return 'empty';
  }
}

/** Whether the lock's owner still runs (pid exists and, where checkable, is the same process). */
function isAlive(info: LockInfo): boolean {
  // Our own pid can only be a previous incarnation (e.g. pid 1 in a restarted container): a lock
  // this process holds was caught by `heldHere` above.
  if (info.pid === process.pid) return false;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'EPERM') return false;
  }
  const start = startTime(info.pid);
  return !(info.start && start && info.start !== start);
}

function startTime(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) may contain spaces, so split after ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
