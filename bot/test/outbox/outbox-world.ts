/**
 * The outbox over a real store and the real Bot Connector client, with a test renderer whose
 * subjects live in the store (so a child worker process and the test agree on versions).
 */
import pino from 'pino';
import type { BaseDoc, DocCollection, Store } from '../../src/store/types.ts';
import { ensureIndexes } from '../../src/data/indexes.ts';
import { Outbox, type OutboxOptions } from '../../src/outbox/outbox.ts';
import { BotConnectorClient } from '../../src/teams/connector-client.ts';
import { ConversationRefs } from '../../src/teams/conversation-refs.ts';

export const KIND = 'test.card';
export const TENANT = '11111111-1111-4111-8111-111111111111';

export interface SubjectDoc extends BaseDoc {
  version: number;
}

export async function buildOutbox(
  store: Store,
  now: () => Date,
  options: Partial<OutboxOptions> = {}
) {
  await ensureIndexes(store);
  const refs = new ConversationRefs(store, now);
  const subjects = store.collection<SubjectDoc>('testSubjects');
  const outbox = new Outbox({
    store,
    deliverer: new BotConnectorClient(async () => null, 2_000),
    refs,
    log: pino({ level: 'silent' }),
    now,
    random: () => 0.5,
    ...options,
  });
  outbox.register(KIND, async (item) => {
    const s = await subjects.findOne({ _id: item.subjectId, tenantId: item.tenantId });
    return s
      ? { activity: { type: 'message', text: `${s._id} v${s.version}` }, version: s.version }
      : null;
  });
  return { outbox, refs, subjects };
}

/** Conversation i of the test tenant, reachable at `serviceUrl`. */
export async function addConversations(
  refs: ConversationRefs,
  serviceUrl: string,
  n: number
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await refs.save({
        tenantId: TENANT,
        kind: 'personal',
        userId: `user-${i}`,
        conversationId: `a:conv-${i}`,
        serviceUrl,
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: `29:user-${i}` },
        locale: 'en-US',
      })
    );
  }
  return ids;
}

/** Queue subject `subjectId` (at its current version) to every conversation. */
export async function queueToAll(
  outbox: Outbox,
  subjects: DocCollection<SubjectDoc>,
  refIds: string[],
  subjectId: string
) {
  const s = await subjects.findOne({ _id: subjectId });
  for (const refId of refIds) {
    await outbox.enqueue({
      key: `${subjectId}:${refId}`,
      tenantId: TENANT,
      kind: KIND,
      subjectId,
      refId,
      recipientUserId: refId,
      version: s?.version ?? 1,
    });
  }
}
