#!/usr/bin/env node
/**
 * `npm test`: installs what is missing (npm packages, Chromium from Debian), builds the tab, then
 * runs the type check, the linter (`npm run lint`), the format check (Prettier), the dependency rules
 * and every mocha suite.
 * The last line printed is the plain `N passed, N failed` summary that CI reads.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensurePackages, ensureTabBuilt } from './ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensurePackages();
ensureChromium();
ensureTabBuilt();

const step = (name, cmd, args) => {
  process.stdout.write(`\n> ${name}\n`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_NO_WARNINGS: '1', ...process.env },
  });
  return r.status ?? 1;
};
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const checks = [
  ['type check (bot)', bin('tsc'), ['-p', 'bot/tsconfig.json', '--noEmit']],
  ['type check (tab)', bin('tsc'), ['-p', 'tab/tsconfig.json', '--noEmit']],
  ['lint', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'lint']],
  [
    'format (prettier --check; fix with `npm run format`)',
    bin('prettier'),
    ['--check', '--log-level', 'warn', '.'],
  ],
];
let failedChecks = 0;
for (const [name, cmd, args] of checks) if (step(name, cmd, args) !== 0) failedChecks++;

// mocha (with our summary reporter) runs unit, contract, integration, bot and browser suites.
const extra = process.argv.slice(2);
const mochaStatus = step('mocha', bin('mocha'), extra);
if (failedChecks > 0) {
  process.stdout.write(`\n${failedChecks} check(s) before the tests failed (see above).\n`);
  process.stdout.write(`0 passed, ${failedChecks} failed\n`);
}
process.exit(failedChecks > 0 ? 1 : mochaStatus);
