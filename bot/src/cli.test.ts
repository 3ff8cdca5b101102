/** The operator CLI as an operator runs it: a real process on a temp DATA_DIR. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CLI = path.resolve(import.meta.dirname, 'cli.ts');
const A = '11111111-2222-4333-8444-555555555555';
const B = '11111111-2222-4333-8444-666666666666';

/** The CLI on a fresh temp DATA_DIR (removed after the suite): `run(...args)` as an operator would. */
function cliOn(prefix: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
    });
  return { dataDir, run };
}

describe('Operator CLI: partner eligibility', function () {
  this.timeout(60_000);
  const { run: cli } = cliOn('rph-cli-');

  it('When a partner is onboarded, then it is listed with its domains', () => {
    const r = cli(
      'partners',
      'onboard',
      '--tenant-id',
      A,
      '--name',
      'Adatum MSP',
      '--domain',
      'Adatum.example',
      '--domain',
      'adatum2.example'
    );
    assert.equal(r.status, 0, r.stderr);
    const list = cli('partners', 'list', '--json');
    const partners = JSON.parse(list.stdout) as { tenantId: string; domains: string[] }[];
    assert.deepEqual(
      partners.map((p) => [p.tenantId, p.domains.sort()]),
      [[A, ['adatum.example', 'adatum2.example']]]
    );
  });

  it('When another partner claims a taken domain, then it fails and claims nothing', () => {
    const r = cli(
      'partners',
      'onboard',
      '--tenant-id',
      B,
      '--name',
      'Other',
      '--domain',
      'other.example',
      '--domain',
      'adatum.example'
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /adatum\.example already belongs to another partner/);
    const partners = JSON.parse(cli('partners', 'list', '--json').stdout) as { tenantId: string }[];
    assert.deepEqual(
      partners.map((p) => p.tenantId),
      [A]
    );
    // other.example was released with the failed attempt, so B can take it alone.
    assert.equal(
      cli('partners', 'onboard', '--tenant-id', B, '--name', 'Other', '--domain', 'other.example')
        .status,
      0
    );
  });

  it('When arguments are bad, then it exits non-zero with a clear message', () => {
    const r = cli(
      'partners',
      'onboard',
      '--tenant-id',
      'not-a-guid',
      '--name',
      'x',
      '--domain',
      'x.example'
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /must be a tenant id/);
    const d = cli(
      'partners',
      'onboard',
      '--tenant-id',
      B,
      '--name',
      'x',
      '--domain',
      'not a domain'
    );
    assert.match(d.stderr, /is not a domain name/);
  });

  it('When a partner is removed, then it is no longer listed; removing again fails', () => {
    assert.equal(cli('partners', 'remove', '--tenant-id', A).status, 0);
    const partners = JSON.parse(cli('partners', 'list', '--json').stdout) as { tenantId: string }[];
    assert.deepEqual(
      partners.map((p) => p.tenantId),
      [B]
    );
    const again = cli('partners', 'remove', '--tenant-id', A);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /No eligible partner/);
  });
});

describe('Operator CLI: outbox dead letters', function () {
  this.timeout(60_000);
  const { dataDir, run: cli } = cliOn('rph-cli-outbox-');

  it('When a card could not be delivered, then the operator sees it with its reason and can queue it again', async () => {
    const { openEmbeddedStore } = await import('./store/embedded/index.ts');
    const store = await openEmbeddedStore(dataDir, { onWarning: () => undefined });
    const at = new Date('2026-12-04T10:00:00Z');
    await store.collection('outbox').insertOne({
      _id: 'invitation:i-1:card:u-1',
      tenantId: A,
      kind: 'invitation.card',
      subjectId: 'i-1',
      refId: 'r-1',
      recipientUserId: 'u-1',
      targetVersion: 1,
      deliveredVersion: 0,
      activityId: null,
      status: 'dead',
      nextAttemptAt: at,
      attempts: 6,
      throttled: 0,
      leaseOwner: null,
      leaseUntil: null,
      lastError: '502 BadGateway',
      createdAt: at,
      updatedAt: at,
      deadAt: at,
    } as never);
    await store.close();
    const list = cli('outbox', 'dead');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /invitation:i-1:card:u-1 .* after 6 attempts: 502 BadGateway/);
    assert.equal(cli('outbox', 'retry', '--key', 'invitation:i-1:card:u-1').status, 0);
    assert.match(cli('outbox', 'dead').stdout, /No dead letters/);
    const again = cli('outbox', 'retry', '--key', 'invitation:i-1:card:u-1');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /No dead letter/);
  });
});
