/**
 * A ticket change and the bump of its Teams cards reach the disk together. The real service
 * changes tickets whose cards someone holds (a copy in the outbox) in a child process that is
 * SIGKILLed mid-run; after a restart every stored change has its copies bumped to the version
 * it left (a crash between the change and the bump, as when the bump was a write of its own,
 * would leave a card behind for good), and every acknowledged change is there.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc } from '../../src/store/types.ts';
import { TeamsCollections, type OutboxDoc } from '../../src/data/teams.collections.ts';
import { TicketCollections } from '../../src/data/tickets.collections.ts';
import { incidentCardKey } from '../../src/teams/incident-cards.ts';
import { tempDir } from '../store/store-under-test.ts';
import { writeUntilKilled } from '../support/writer-process.ts';

const script = fileURLToPath(new URL('./fixtures/card-writer.ts', import.meta.url));

interface StoredTicket extends BaseDoc {
  title: string;
  version: number;
}

describe('Card bump durability (SIGKILL)', function () {
  this.timeout(120_000);

  it('When the service is SIGKILLed while changing tickets whose cards are held, then after a restart every stored change has its cards bumped, and every acknowledged change is there', async () => {
    const { dir, remove } = await tempDir();
    try {
      const lines = await writeUntilKilled(script, dir, 'changed', 120);
      const acked = lines.filter((l) => l.startsWith('changed ')).map((l) => l.split(' '));

      const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
      try {
        const tickets = (
          await store.collection<StoredTicket>(TicketCollections.tickets).find({}).toArray()
        ).filter((t) => t.title.startsWith('crash '));
        const copies = new Map(
          (await store.collection<OutboxDoc>(TeamsCollections.outbox).find({}).toArray()).map(
            (c) => [c._id, c]
          )
        );
        assert.ok(tickets.length >= 20, `only ${tickets.length} tickets recorded`);
        let checked = 0;
        const behind: string[] = [];
        for (const t of tickets) {
          const copy = copies.get(incidentCardKey(t._id, 'reader'));
          // Killed before the copy was queued: no card to keep up to date.
          if (!copy) continue;
          checked++;
          // A recorded issue has no signal: its card version is its version.
          if (copy.targetVersion < t.version)
            behind.push(`${t._id}: card at ${copy.targetVersion}, ticket at ${t.version}`);
          assert.ok(copy.targetVersion <= t.version, `${t._id}: card ahead of its ticket`);
        }
        assert.ok(checked >= 20, `only ${checked} tickets with a card`);
        assert.deepEqual(behind, [], 'changes stored without their card bump');
        const byId = new Map(tickets.map((t) => [t._id, t]));
        for (const [, id, version] of acked)
          assert.ok(byId.get(id!)!.version >= Number(version), `acknowledged change lost`);
      } finally {
        await store.close();
      }
    } finally {
      await remove();
    }
  });
});
