import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

describe('Configuration', () => {
  it('When the README is read, then its configuration table names every variable of the schema', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('## Architecture')
    );
    const missing = CONFIG_VARIABLES.filter((v) => !table.includes(`\`${v}\``));
    assert.deepEqual(missing, []);
  });

  it('When nothing is set, then local defaults apply (port 3978, embedded store, dev issuer, demo data)', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.DATA_DIR, '.data');
    assert.equal(c.MONGODB_URI, undefined);
    assert.equal(c.AUTH_MODE, 'local');
    assert.equal(c.SEED_DEMO_DATA, true);
    assert.equal(c.AUTH_ISSUER_TEMPLATE, 'http://localhost:3978/dev-issuer/{tenantid}/v2.0');
  });

  it('When PORT and DATA_DIR are set, then they are honoured (instances side by side)', () => {
    const c = loadConfig({ PORT: '4100', DATA_DIR: '/tmp/other' });
    assert.equal(c.PORT, 4100);
    assert.equal(c.DATA_DIR, '/tmp/other');
    assert.equal(c.PUBLIC_URL, 'http://localhost:4100');
  });

  it('When AUTH_MODE is entra, then Entra issuer and JWKS defaults apply and no demo data is seeded', () => {
    const c = loadConfig({ AUTH_MODE: 'entra', AUTH_AUDIENCE: 'a, b' });
    assert.equal(c.AUTH_ISSUER_TEMPLATE, 'https://login.microsoftonline.com/{tenantid}/v2.0');
    assert.match(c.AUTH_JWKS_URL ?? '', /discovery\/v2.0\/keys$/);
    assert.deepEqual(c.AUTH_AUDIENCE, ['a', 'b']);
    assert.equal(c.SEED_DEMO_DATA, false);
  });

  const bad: [string, Record<string, string>, string][] = [
    ['a non-numeric PORT', { PORT: 'eighty' }, 'PORT'],
    ['a PORT out of range', { PORT: '70000' }, 'PORT'],
    ['a MONGODB_URI that is not a mongodb URL', { MONGODB_URI: 'http://db' }, 'MONGODB_URI'],
    ['an unknown AUTH_MODE', { AUTH_MODE: 'none' }, 'AUTH_MODE'],
    ['local auth in production', { NODE_ENV: 'production', MICROSOFT_APP_ID: 'x' }, 'AUTH_MODE'],
    [
      'production without a bot app id',
      { NODE_ENV: 'production', AUTH_MODE: 'entra' },
      'MICROSOFT_APP_ID',
    ],
    ['graph directory without credentials', { DIRECTORY_PROVIDER: 'graph' }, 'GRAPH_CLIENT_ID'],
    ['a bad boolean', { SEED_DEMO_DATA: 'maybe' }, 'SEED_DEMO_DATA'],
  ];
  for (const [name, env, variable] of bad) {
    it(`When given ${name}, then loading fails naming ${variable}`, () => {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.problems.some((p) => p.variable === variable) &&
          e.message.includes(variable)
      );
    });
  }

  it('When the service starts with a bad value, then it exits non-zero naming the variable', function () {
    this.timeout(30_000);
    const main = path.resolve(import.meta.dirname, 'main.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
      timeout: 25_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /PORT/);
    assert.match(r.stderr, /did not start/);
  });
});
