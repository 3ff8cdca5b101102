/**
 * Document shapes, collection names and indexes of the Teams edge: conversation references (where
 * the bot may post), the state behind each invitation's cards, the durable outbox and the incident
 * alert fan-out jobs.
 */
import type { BaseDoc } from '../store/types.ts';
import type { ScopeSummary } from '../core/partners/scope.ts';
import type { ChangeControlMode } from '../core/partners/model.ts';
import type { TicketEventKind } from '../core/tickets/tickets.ports.ts';
import { declareCollections } from './index-plan.ts';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * Where the bot can reach someone: one per user (personal chat, `_id` personal:<tenant>:<user>)
 * and one per channel or group chat (`_id` conversation:<id>). `tenantId` is the conversation's
 * tenant; only activities the adapter authenticated ever write one.
 */
export interface ConversationRefDoc extends BaseDoc {
  kind: ConversationKind;
  /** Entra object id of the user (personal chats only). */
  userId: string | null;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string };
  /** The user's channel account (MRI, `29:...`) in personal chats. */
  user: { id: string; name?: string } | null;
  locale: string;
  active: boolean;
  installedAt: Date;
  updatedAt: Date;
  deactivatedAt?: Date;
  deactivatedReason?: string;
}

export type InvitationCardOutcome =
  | {
      kind: 'accepted' | 'declined' | 'withdrawn';
      byUserId: string;
      byTenantId: string;
      byName: string;
      at: Date;
    }
  | { kind: 'expired'; at: Date };

/**
 * What every card of one invitation shows (`_id` = invitation id, `tenantId` = the partner). It
 * outlives the invitation document (a decline deletes that), so stale cards still say what happened.
 * `version` grows with every change; the outbox brings every copy to it.
 */
export interface InvitationCardDoc extends BaseDoc {
  customerTenantId: string;
  customerName: string;
  customerDomain: string;
  scope: ScopeSummary;
  changeControl: ChangeControlMode;
  createdByName: string;
  createdAt: Date;
  expiresAt: Date;
  version: number;
  /** Pending and not expired: reminders and expiry still apply. */
  open: boolean;
  outcome: InvitationCardOutcome | null;
  /** Recipients were computed and their cards queued (re-run after a crash until true). */
  fannedOut: boolean;
  /** Reminder thresholds (days before expiry) already sent. */
  reminders: number[];
  /** Whole days left when the copies were last brought up to date. */
  shownDaysLeft: number;
  updatedAt: Date;
}

export type OutboxStatus = 'due' | 'done' | 'dead';

/**
 * One message the bot owes one conversation. `_id` is the idempotency key (event, recipient), so
 * the same card is never queued twice; a card copy is re-opened when its subject's version grows
 * and is then updated in place (`activityId`), never re-posted.
 */
export interface OutboxDoc extends BaseDoc {
  /** The receiving conversation's tenant (its Teams rate limit); older items lack it. */
  recipientTenantId?: string;
  kind: string;
  subjectId: string;
  refId: string;
  recipientUserId: string | null;
  targetVersion: number;
  /** 0 until posted. */
  deliveredVersion: number;
  activityId: string | null;
  status: OutboxStatus;
  nextAttemptAt: Date;
  /** Failed attempts since the last success (429s are counted apart). */
  attempts: number;
  throttled: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deadAt?: Date;
}

/** A pending alert fan-out: who gets ticket `ticketId`'s card after an alerting event. */
export interface IncidentAlertJobDoc extends BaseDoc {
  ticketId: string;
  kind: TicketEventKind;
  done: boolean;
  createdAt: Date;
}

export const { names: TeamsCollections, indexes: teamsIndexes } = declareCollections({
  conversationRefs: {
    name: 'conversationRefs',
    indexes: [{ keys: { tenantId: 1, kind: 1, active: 1 } }, { keys: { tenantId: 1, userId: 1 } }],
  },
  invitationCards: {
    name: 'invitationCards',
    indexes: [{ keys: { tenantId: 1, open: 1, expiresAt: 1 } }],
  },
  outbox: {
    name: 'outbox',
    indexes: [
      { keys: { tenantId: 1, kind: 1, subjectId: 1 } },
      // The exception to "indexes start with tenantId": the delivery workers serve every tenant
      // and claim whatever is due first, across partitions.
      { keys: { status: 1, nextAttemptAt: 1 } },
    ],
  },
  // The sweep looks for unfinished jobs of every tenant (like the outbox's due index, an
  // exception to tenantId-first: it serves all partitions).
  incidentAlertJobs: { name: 'incidentAlertJobs', indexes: [{ keys: { done: 1, createdAt: 1 } }] },
});
