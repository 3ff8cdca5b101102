/**
 * Conversation references: where the bot may post proactively. Saved from authenticated
 * activities only (install, conversation updates, the user's own messages), refreshed on
 * re-install, deactivated on uninstall and when the connector answers 403/404.
 */
import type { DocCollection, Store } from '../store/types.ts';
import { TeamsCollections, type ConversationRefDoc } from '../data/teams.collections.ts';

/** What an activity tells of its conversation: the stored reference's own fields. */
export type ConversationSighting = Pick<
  ConversationRefDoc,
  | 'tenantId'
  | 'kind'
  | 'userId'
  | 'conversationId'
  | 'serviceUrl'
  | 'channelId'
  | 'bot'
  | 'user'
  | 'locale'
>;

export const refIdOf = (
  s: Pick<ConversationSighting, 'kind' | 'tenantId' | 'userId' | 'conversationId'>
) =>
  s.kind === 'personal' && s.userId
    ? `personal:${s.tenantId}:${s.userId}`
    : `conversation:${s.conversationId}`;

export class ConversationRefs {
  private readonly coll: DocCollection<ConversationRefDoc>;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date()
  ) {
    this.coll = store.collection<ConversationRefDoc>(TeamsCollections.conversationRefs);
  }

  /** Saves (or refreshes, re-activating) the reference; returns its id. */
  async save(s: ConversationSighting): Promise<string> {
    const _id = refIdOf(s);
    const now = this.now();
    await this.coll.updateOne(
      { _id, tenantId: s.tenantId },
      {
        $set: {
          kind: s.kind,
          userId: s.userId,
          conversationId: s.conversationId,
          serviceUrl: s.serviceUrl,
          channelId: s.channelId,
          bot: s.bot,
          user: s.user,
          locale: s.locale,
          active: true,
          updatedAt: now,
        },
        $unset: { deactivatedAt: '', deactivatedReason: '' },
        $setOnInsert: { installedAt: now },
      },
      { upsert: true }
    );
    return _id;
  }

  /** Saves unless an identical active reference is already there (messages arrive often). */
  async touch(s: ConversationSighting): Promise<string> {
    const _id = refIdOf(s);
    const found = await this.coll.findOne({ _id, tenantId: s.tenantId });
    if (
      found?.active &&
      found.serviceUrl === s.serviceUrl &&
      found.conversationId === s.conversationId &&
      found.locale === s.locale
    ) {
      return _id;
    }
    return this.save(s);
  }

  async get(refId: string): Promise<ConversationRefDoc | null> {
    return this.coll.findOne({ _id: refId });
  }

  async deactivate(refId: string, reason: string): Promise<void> {
    await this.coll.updateOne(
      { _id: refId, active: true },
      {
        $set: {
          active: false,
          deactivatedAt: this.now(),
          deactivatedReason: reason,
          updatedAt: this.now(),
        },
      }
    );
  }

  /** Active personal chats of a tenant: the people who have the app. */
  async activePersonal(tenantId: string): Promise<ConversationRefDoc[]> {
    return this.coll.find({ tenantId, kind: 'personal', active: true }).toArray();
  }

  async forUser(tenantId: string, userId: string): Promise<ConversationRefDoc | null> {
    return this.coll.findOne({ tenantId, userId, kind: 'personal' });
  }
}
