/**
 * `npm run bench`: every benchmark side by side with its baseline, measured in the same run,
 * printed as ratios. No thresholds: the numbers are for reading, not for failing builds — except
 * that a benchmark whose implementations disagree on results exits non-zero.
 *
 * The suites that time the running service (teams, http) run it compiled to JavaScript, as
 * `npm start` does: this file, run through tsx, builds bot/dist when missing or stale
 * (scripts/build-service.mjs) and runs those suites from there, in a process of their own.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runStoreBench } from './store.bench.ts';
import { runAuthzBench } from './authz.bench.ts';
import { runIncidentsBench } from './incidents.bench.ts';
import { runTeamsBench } from './teams.bench.ts';
import { runHttpBench } from './http.bench.ts';
import { runTabBench } from './tab.bench.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const only = process.argv.slice(2);
const suites: [string, (log: (line: string) => void) => Promise<void>][] = [
  ['store', runStoreBench],
  ['authz', runAuthzBench],
  ['incidents', runIncidentsBench],
  ['teams', runTeamsBench],
  ['http', runHttpBench],
  ['tab', runTabBench],
];

/** Suites run compiled (when this file itself is not: then it is bot/dist/bench/run.js). */
const COMPILED = new Set(['teams', 'http']);
const compiled = import.meta.url.endsWith('.js');
const root = fileURLToPath(new URL(compiled ? '../../../' : '../../', import.meta.url));

for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  if (!compiled || !process.env.RPH_BENCH_CHILD) log(`\n=== ${name} ===`);
  if (compiled || !COMPILED.has(name)) {
    await run(log);
    continue;
  }
  const node = (args: string[]) =>
    execFileSync(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, RPH_BENCH_CHILD: '1' },
    });
  node(['scripts/build-service.mjs']);
  node(['bot/dist/bench/run.js', name]);
}
