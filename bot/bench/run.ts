/**
 * `npm run bench`: every benchmark side by side with its baseline, measured in the same run,
 * printed as ratios. No thresholds: the numbers are for reading, not for failing builds — except
 * that a benchmark whose implementations disagree on results exits non-zero.
 */
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

for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  log(`\n=== ${name} ===`);
  await run(log);
}
