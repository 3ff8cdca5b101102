/**
 * Run hints: which sorted runs (an index's first-key field and a sort order) the queries used
 * before the store last closed, so the next start rebuilds them while it loads and the first
 * aggregate incidents page after a restart is as fast as later ones. A hint only saves work: a
 * missing, stale or unreadable file changes no result (runs are then built on first use).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const RUN_HINTS_FILE = 'run-hints.json';

export interface RunHint {
  /** Collection. */
  c: string;
  /** The first-key field of the index the runs belong to. */
  field: string;
  /** The sort order, as the planner keys it (JSON of the sort's [field, direction] pairs). */
  order: string;
}

const isHint = (h: unknown): h is RunHint =>
  typeof h === 'object' &&
  h !== null &&
  typeof (h as RunHint).c === 'string' &&
  typeof (h as RunHint).field === 'string' &&
  typeof (h as RunHint).order === 'string';

export async function readRunHints(dir: string): Promise<RunHint[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, RUN_HINTS_FILE), 'utf8'));
    const runs = (parsed as { runs?: unknown }).runs;
    return Array.isArray(runs) ? runs.filter(isHint) : [];
  } catch {
    return [];
  }
}

/** Replaces the hints (temp file and rename: a reader sees the old or the new list). */
export async function writeRunHints(dir: string, runs: RunHint[]): Promise<void> {
  const path = join(dir, RUN_HINTS_FILE);
  await writeFile(`${path}.tmp`, JSON.stringify({ v: 1, runs }));
  await rename(`${path}.tmp`, path);
}
