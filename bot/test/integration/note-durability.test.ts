/**
 * A note is one durable write: the ticket's note, its history entry and its audit records (the
 * partner's log and the customer's) reach the disk together. The real service adds notes in a
 * child process that is SIGKILLed mid-run; after a restart every note must have its history
 * entry and both audit records, and every acknowledged note must be there.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../../src/store/embedded/index.ts';
import type { BaseDoc } from '../../src/store/types.ts';
import { tempDir } from '../store/store-under-test.ts';
import { startWriterProcess } from '../support/writer-process.ts';

const script = fileURLToPath(new URL('./fixtures/note-writer.ts', import.meta.url));

interface StoredTicket extends BaseDoc {
  version: number;
  notes: { id: string; text: string }[];
  history: { action: string; detail?: string }[];
}

interface StoredAudit extends BaseDoc {
  objectId: string;
  operation: string;
  result: string;
}

describe('Note durability (SIGKILL)', function () {
  this.timeout(120_000);

  it('When the service is SIGKILLed while adding notes, then after a restart each note has its history entry and both audit records, and every acknowledged note is there', async () => {
    const { dir, remove } = await tempDir();
    try {
      const w = startWriterProcess(script, [dir]);
      await w.waitFor((lines) => lines.includes('ready'), 60_000);
      await w.waitFor((lines) => lines.filter((l) => l.startsWith('note ')).length >= 150, 60_000);
      await w.kill();
      const ticketIds = w.lines.filter((l) => l.startsWith('ticket ')).map((l) => l.slice(7));
      const acked = w.lines.filter((l) => l.startsWith('note ')).map((l) => l.split(' '));

      const store = await openEmbeddedStore(dir, { onWarning: () => undefined });
      try {
        const tickets = await store
          .collection<StoredTicket>('tickets')
          .find({ _id: { $in: ticketIds } })
          .toArray();
        assert.equal(tickets.length, 5);
        const audit = await store
          .collection<StoredAudit>('auditLog')
          .find({ objectId: { $in: ticketIds }, operation: 'Update', result: 'Successful' })
          .toArray();
        for (const t of tickets) {
          const noteIds = t.notes.map((n) => n.id);
          const history = t.history.filter((h) => h.action === 'note').map((h) => h.detail);
          assert.deepEqual(history, noteIds, `${t._id}: notes and their history entries differ`);
          assert.equal(t.version, 1 + noteIds.length, `${t._id}: version out of step`);
          const records = audit.filter((a) => a.objectId === t._id).length;
          assert.equal(records, 2 * noteIds.length, `${t._id}: notes and audit records differ`);
          const texts = new Set(t.notes.map((n) => n.text));
          const lost = acked.filter(([, id, text]) => id === t._id && !texts.has(text!));
          assert.deepEqual(lost, [], `${t._id}: acknowledged notes lost`);
        }
      } finally {
        await store.close();
      }
    } finally {
      await remove();
    }
  });
});
