/** Dead letters of the outbox, for operators (CLI): what could not be delivered, and why. */
import type { Store } from '../store/types.ts';
import { TeamsCollections, type OutboxDoc } from '../data/teams.collections.ts';

export interface DeadLetter {
  key: string;
  tenantId: string;
  kind: string;
  subjectId: string;
  recipientUserId: string | null;
  attempts: number;
  reason: string;
  deadAt: Date | null;
}

export async function listDeadLetters(store: Store, limit = 100): Promise<DeadLetter[]> {
  const docs = await store
    .collection<OutboxDoc>(TeamsCollections.outbox)
    .find({ status: 'dead' }, { sort: { nextAttemptAt: 1 }, limit })
    .toArray();
  return docs.map((d) => ({
    key: d._id,
    tenantId: d.tenantId,
    kind: d.kind,
    subjectId: d.subjectId,
    recipientUserId: d.recipientUserId,
    attempts: d.attempts + d.throttled,
    reason: d.lastError ?? 'unknown',
    deadAt: d.deadAt ?? null,
  }));
}

/** Gives a dead letter a fresh set of attempts (the running service delivers it); false if none. */
export async function retryDeadLetter(
  store: Store,
  key: string,
  now = new Date()
): Promise<boolean> {
  const r = await store
    .collection<OutboxDoc>(TeamsCollections.outbox)
    .updateOne(
      { _id: key, status: 'dead' },
      { $set: { status: 'due', attempts: 0, throttled: 0, nextAttemptAt: now, updatedAt: now } }
    );
  return r.modifiedCount === 1;
}
