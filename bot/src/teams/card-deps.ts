/**
 * What every card feature of the Teams edge (invitation, incident and approval cards) is given by
 * the composition root, and how they find the people a card may go to.
 */
import type { Logger } from 'pino';
import type { Caller } from '../core/identity/caller.ts';
import type { Principal } from '../core/principal.ts';
import type { ConversationRefDoc } from '../data/teams.collections.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { ConversationRefs } from './conversation-refs.ts';

export interface CardDeps {
  refs: ConversationRefs;
  outbox: Outbox;
  callerFor(principal: Principal): Promise<Caller>;
  log: Logger;
  now: () => Date;
}

/**
 * A user known from a stored conversation or subscription, not from a token: no directory-role
 * claims (`wids`), so resolving the caller reads them from the directory.
 */
export const storedUser = (tenantId: string, userId: string): Principal => ({
  tenantId,
  userId,
  wids: [],
});

/** The personal conversations among `refs` whose user `may` act now (as the engine decides). */
export async function refsOfUsersWho(
  d: Pick<CardDeps, 'callerFor'>,
  refs: readonly ConversationRefDoc[],
  may: (caller: Caller) => Promise<boolean>
): Promise<ConversationRefDoc[]> {
  const out: ConversationRefDoc[] = [];
  for (const ref of refs) {
    if (!ref.userId) continue;
    if (await may(await d.callerFor(storedUser(ref.tenantId, ref.userId)))) out.push(ref);
  }
  return out;
}
