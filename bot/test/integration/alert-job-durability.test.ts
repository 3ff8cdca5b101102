/**
 * An alerting change and its alert job reach the disk together. The real service records issues
 * and escalates them in a child process that is SIGKILLed mid-run; after a restart every stored
 * ticket has its `created` job, every stored escalation its `escalated` job, no job names a
 * change that is not stored, and every acknowledged change is there.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc } from '../../src/store/types.ts';
import { TeamsCollections } from '../../src/data/teams.collections.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';
import { tempDir } from '../store/store-under-test.ts';
import { writeUntilKilled } from '../support/writer-process.ts';

const script = fileURLToPath(new URL('./fixtures/alert-writer.ts', import.meta.url));

interface StoredTicket extends BaseDoc {
  title: string;
  version: number;
  history: { action: string; to?: string }[];
}

describe('Alert job durability (SIGKILL)', function () {
  this.timeout(120_000);

  it('When the service is SIGKILLed while recording and escalating issues, then after a restart each stored change has its alert job, no job outlives its change, and every acknowledged change is there', async () => {
    const { dir, remove } = await tempDir();
    try {
      const lines = await writeUntilKilled(script, dir, 'changed', 120);
      const acked = lines.map((l) => l.split(' '));

      const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
      try {
        const tickets = (
          await store.collection<StoredTicket>(TicketCollections.tickets).find({}).toArray()
        ).filter((t) => t.title.startsWith('crash '));
        const jobs = new Set(
          (await store.collection(TeamsCollections.incidentAlertJobs).find({}).toArray()).map(
            (j) => j._id
          )
        );
        assert.ok(tickets.length >= 20, `only ${tickets.length} tickets recorded`);
        // What each stored ticket's changes must have left: one job per alerting change.
        const expected = new Set<string>();
        for (const t of tickets) {
          assert.equal(t.history.length, t.version, `${t._id}: history out of step`);
          t.history.forEach((h, i) => {
            if (h.action === 'created') expected.add(`${t._id}:created:${i + 1}`);
            if (h.action === 'severity' && h.to === 'Important')
              expected.add(`${t._id}:escalated:${i + 1}`);
          });
        }
        const missing = [...expected].filter((j) => !jobs.has(j));
        assert.deepEqual(missing, [], 'changes stored without their alert job');
        const byId = new Map(tickets.map((t) => [t._id, t]));
        const orphans = [...jobs].filter((j) => {
          const [id] = j.split(':');
          return byId.has(id!) && !expected.has(j);
        });
        assert.deepEqual(orphans, [], 'alert jobs whose change is not stored');
        for (const [what, id, version] of acked) {
          if (what === 'created') assert.ok(byId.has(id!), `acknowledged ticket ${id} lost`);
          if (what === 'changed')
            assert.ok(byId.get(id!)!.version >= Number(version), `acknowledged change lost`);
        }
      } finally {
        await store.close();
      }
    } finally {
      await remove();
    }
  });
});
