/**
 * The platform operator's CLI: make a tenant an eligible partner with its verified domains, list
 * partners, remove one. It opens the configured store directly (same DATA_DIR / MONGODB_URI as the
 * service); the embedded store admits one process at a time, so stop the service first there.
 *
 *   npm run cli -- partners onboard --tenant-id <guid> --name "Fabrikam" --domain fabrikam.example
 *   npm run cli -- partners list
 *   npm run cli -- partners remove --tenant-id <guid>
 *   npm run cli -- outbox dead [--json]
 *   npm run cli -- outbox retry --key <key>
 */
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { openStore } from './store/open-store.ts';
import { trackChanges } from './data/change-tracking.ts';
import { ensureIndexes } from './data/indexes.ts';
import { StorePartnerRegistry } from './data/partners.repositories.ts';
import { StoreAuditLog } from './data/foundation.repositories.ts';
import { isDomainError } from './core/errors.ts';
import { isGuid } from './core/ids.ts';
import type { Store } from './store/types.ts';
import { listDeadLetters, retryDeadLetter } from './outbox/dead-letters.ts';
import './data/teams.collections.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const guidArg = (v: string) => {
  if (!isGuid(v)) throw new InvalidArgumentError('must be a tenant id (GUID).');
  return v.toLowerCase();
};
const domainArg = (v: string, prev: string[] = []) => {
  if (!DOMAIN.test(v)) throw new InvalidArgumentError(`"${v}" is not a domain name.`);
  return [...prev, v.toLowerCase()];
};

/** Who ran it, for the audit record: the operator's OS account on this machine. */
const operator = () => `operator:${os.userInfo().username}@${os.hostname()}`;
/** Audit actor tenant for platform operations (not an Entra tenant). */
const PLATFORM = 'platform';

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  // Tracked, so that on a shared MongoDB the running services' caches see the operator's changes.
  const store = trackChanges(
    await openStore({
      mongodbUri: config.MONGODB_URI,
      mongodbDb: config.MONGODB_DB,
      dataDir: config.DATA_DIR,
    })
  );
  try {
    await ensureIndexes(store);
    return await work(store);
  } finally {
    await store.close();
  }
}

export function buildCli(
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)
): Command {
  const program = new Command('rooms-partner-hub').description(
    'Rooms Partner Hub operator commands'
  );
  const partners = program.command('partners').description('Eligible partner organisations');

  partners
    .command('onboard')
    .description(
      'Make a tenant an eligible partner with its verified domains (re-run to change domains)'
    )
    .requiredOption('--tenant-id <guid>', 'Entra tenant id of the partner', guidArg)
    .requiredOption('--name <name>', 'display name of the partner organisation')
    .requiredOption('--domain <domain>', 'a verified domain (repeat for several)', domainArg)
    .action(async (o: { tenantId: string; name: string; domain: string[] }) => {
      await withStore(async (store) => {
        const registry = new StorePartnerRegistry(store);
        const audit = new StoreAuditLog(store);
        const base = {
          tenantId: o.tenantId,
          category: 'Partner' as const,
          objectType: 'EligiblePartner',
          objectId: o.tenantId,
          operation: 'Create' as const,
          actorId: operator(),
          actorTenantId: PLATFORM,
        };
        try {
          const p = await registry.onboard({
            tenantId: o.tenantId,
            displayName: o.name,
            domains: o.domain,
            onboardedBy: operator(),
          });
          await audit.record({
            ...base,
            result: 'Successful',
            detail: `domains: ${p.domains.join(' ')}`,
          });
          out(`Onboarded ${p.displayName} (${p.tenantId}) with domains ${p.domains.join(', ')}.`);
        } catch (e) {
          await audit.record({
            ...base,
            result: 'Failed',
            detail: isDomainError(e) ? e.code : 'INTERNAL.ERROR',
          });
          throw e;
        }
      });
    });

  partners
    .command('list')
    .description('List eligible partners')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withStore(async (store) => {
        const all = await new StorePartnerRegistry(store).list();
        if (o.json) return out(JSON.stringify(all, null, 2));
        if (all.length === 0) return out('No eligible partners yet.');
        for (const p of all) out(`${p.tenantId}  ${p.displayName}  ${p.domains.join(', ')}`);
      });
    });

  partners
    .command('remove')
    .description('End a partner’s eligibility (existing relationships are not touched)')
    .requiredOption('--tenant-id <guid>', 'Entra tenant id of the partner', guidArg)
    .action(async (o: { tenantId: string }) => {
      await withStore(async (store) => {
        const removed = await new StorePartnerRegistry(store).remove(o.tenantId);
        await new StoreAuditLog(store).record({
          tenantId: o.tenantId,
          category: 'Partner',
          objectType: 'EligiblePartner',
          objectId: o.tenantId,
          operation: 'Delete',
          result: removed ? 'Successful' : 'Failed',
          actorId: operator(),
          actorTenantId: PLATFORM,
          ...(removed ? {} : { detail: 'PARTNER.NOT_FOUND' }),
        });
        if (!removed) throw new CliError(`No eligible partner with tenant id ${o.tenantId}.`);
        out(`Removed partner ${o.tenantId}.`);
      });
    });
  const outbox = program.command('outbox').description('Proactive Teams messages the bot owes');
  outbox
    .command('dead')
    .description(
      'List dead letters: cards that could not be delivered after the last attempt, with the reason'
    )
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withStore(async (store) => {
        const dead = await listDeadLetters(store);
        if (o.json) return out(JSON.stringify(dead, null, 2));
        if (dead.length === 0) return out('No dead letters.');
        for (const d of dead)
          out(
            `${d.key}  tenant ${d.tenantId}  ${d.kind}  after ${d.attempts} attempts: ${d.reason}`
          );
      });
    });
  outbox
    .command('retry')
    .description('Give a dead letter a fresh set of attempts (the running service delivers it)')
    .requiredOption('--key <key>', 'the dead letter key (from `outbox dead`)')
    .action(async (o: { key: string }) => {
      await withStore(async (store) => {
        if (!(await retryDeadLetter(store, o.key)))
          throw new CliError(`No dead letter with key ${o.key}.`);
        out(`Queued ${o.key} again.`);
      });
    });
  return program;
}

class CliError extends Error {}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  buildCli()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const message =
        e instanceof ConfigError || e instanceof CliError || isDomainError(e)
          ? e.message
          : `Failed: ${e instanceof Error ? e.message : String(e)}`;
      process.stderr.write(`${message}\n`);
      process.exit(1);
    });
}
