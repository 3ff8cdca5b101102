/**
 * The dependency rules (dependency-cruiser): bot/src/core imports no framework, driver or SDK; no
 * import cycle, type-only ones included; data/ never imports an edge; http/ never reaches into data/;
 * and the tab has no import cycle either.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const config = require(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function run(baseDir: string, target: string): Promise<ICruiseResult> {
  const result = await cruise([target], {
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    ...config.options,
    baseDir,
  });
  return result.output as ICruiseResult;
}

describe('Architecture: dependency rule', function () {
  this.timeout(120_000);

  it('When the core is cruised, then it imports nothing outside bot/src/core', async () => {
    const out = await run(root, 'bot/src');
    const violations = out.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    assert.deepEqual(violations, []);
    assert.ok(out.summary.totalCruised > 20, 'the cruise actually visited the source tree');
  });

  for (const [rule, what] of [
    ['core-is-framework-free', 'a core module imports a framework'],
    ['no-circular', 'two modules import each other, types only'],
    ['data-does-not-know-its-callers', 'a repository imports a route'],
    ['http-does-not-reach-into-data', 'a route imports a repository'],
  ] as const) {
    it(`When ${what}, then ${rule} reports it`, async () => {
      const out = await run(path.join(root, 'bot/test/architecture/fixture'), 'bot/src');
      const names = out.summary.violations.map((v) => v.rule.name);
      assert.ok(names.includes(rule), `expected ${rule}, got ${names.join(',')}`);
    });
  }

  it('When the tab is cruised, then no module imports itself back, types included', async () => {
    const out = await run(root, 'tab/src');
    const violations = out.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    assert.deepEqual(violations, []);
    assert.ok(out.summary.totalCruised > 20, 'the cruise actually visited the tab');
  });

  it('When two tab modules import each other only for types, then the rule reports the cycle', async () => {
    const out = await run(path.join(root, 'bot/test/architecture/fixture'), 'tab/src');
    const names = out.summary.violations.map((v) => v.rule.name);
    assert.ok(names.includes('tab-no-circular'), `expected a violation, got ${names.join(',')}`);
  });
});
