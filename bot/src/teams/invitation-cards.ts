/**
 * Invitation cards in Teams (PRODUCT.md flow 13). Implements the core's InvitationEvents port:
 * a new invitation is posted (through the outbox) to every partner user allowed to handle it who
 * has the app; any outcome — from a card, the tab, the API or expiry — bumps the card state's
 * version and the outbox brings every copy to it. Who may handle an invitation is decided by the
 * authorization engine (`partner.invitations.decide`), never by rules written here.
 */
import type { DocCollection, Store } from '../store/types.ts';
import type { Caller } from '../core/identity/caller.ts';
import type { Relationship } from '../core/partners/model.ts';
import type {
  InvitationEvents,
  InvitationOutcome,
  PartnersDeps,
} from '../core/partners/partners.ports.ts';
import { holds } from '../core/partners/partner-access.ts';
import { summarizeScope } from '../core/partners/scope.ts';
import {
  TeamsCollections,
  type ConversationRefDoc,
  type InvitationCardDoc,
  type OutboxDoc,
} from '../data/teams.collections.ts';
import { langOf } from './i18n.ts';
import { SerialRun, runSoon } from './serial-run.ts';
import { writeObserved } from '../outbox/outbox.ts';
import { refsOfUsersWho, type CardDeps } from './card-deps.ts';
import { cardMessage } from './cards/card.ts';
import { invitationCard, reminderCard, type InvitationView } from './cards/invitation.card.ts';

export const CARD_KIND = 'invitation.card';
export const REMINDER_KIND = 'invitation.reminder';
const DAY_MS = 86_400_000;
/** Compare-and-set attempts of an outcome on the card state before giving up (and warning). */
const STATE_ATTEMPTS = 5;
/** Reminders go this many days before expiry (one per holder each). */
export const REMINDER_DAYS = [3, 1] as const;

export interface InvitationCardsDeps extends CardDeps {
  store: Store;
  partners: PartnersDeps;
}

export const cardKey = (invitationId: string, userId: string) =>
  `invitation:${invitationId}:card:${userId}`;

export class InvitationCards implements InvitationEvents {
  private readonly coll: DocCollection<InvitationCardDoc>;
  private readonly fanning = new SerialRun();

  constructor(private readonly d: InvitationCardsDeps) {
    this.coll = d.store.collection<InvitationCardDoc>(TeamsCollections.invitationCards);
    d.outbox.register(CARD_KIND, (item, ref) => this.renderCard(item, ref));
    d.outbox.register(REMINDER_KIND, (item, ref) => this.renderReminder(item, ref));
  }

  // ------------------------------------------------------------------ events from the core

  async created(rel: Relationship): Promise<void> {
    try {
      await this.ensureState(rel, false);
      runSoon(() => this.fanOutPending(), this.d.log, 'fan-out failed');
    } catch (err) {
      // The invitation exists; the sweep fans out whatever this missed.
      this.d.log.error({ err, invitationId: rel.id }, 'could not queue invitation cards');
    }
  }

  /**
   * The card state takes the outcome and every copy is bumped to its version, in one write; the
   * copy the decision was clicked on is marked delivered instead (the click's answer replaced
   * it). Computed again if the state moved meanwhile (a sweep's days-left update).
   */
  async decided(rel: Relationship, outcome: InvitationOutcome): Promise<void> {
    try {
      await this.ensureState(rel, true);
      const user = await this.d.partners.directory
        .getUser(outcome.byTenantId, outcome.byUserId)
        .catch(() => null);
      const { fromCard, ...decision } = outcome;
      const byName = user?.displayName ?? outcome.byUserId;
      for (let attempt = 0; attempt < STATE_ATTEMPTS; attempt++) {
        const doc = await this.coll.findOne({ _id: rel.id, tenantId: rel.partnerTenantId });
        if (!doc || doc.outcome) return;
        const version = doc.version + 1;
        const state = {
          collection: this.coll.collectionName,
          updateOne: {
            filter: { _id: doc._id, tenantId: doc.tenantId, outcome: null, version: doc.version },
            update: {
              $set: {
                outcome: { ...decision, byName },
                open: false,
                updatedAt: this.d.now(),
                version,
              },
            },
            required: true,
          },
        };
        const answered = fromCard
          ? [
              this.d.outbox.answeredWrite(
                doc.tenantId,
                cardKey(doc._id, outcome.byUserId),
                fromCard,
                version
              ),
            ]
          : [];
        const bump = this.d.outbox.bumpWrites(doc.tenantId, CARD_KIND, doc._id, version);
        if (await writeObserved(this.d.store, [state, ...answered, ...bump])) return;
      }
      // Every attempt lost to another change of the card state (the sweep's): the decision stands
      // (a click on a copy is still decided by the core, which holds it), but the copies keep
      // offering Accept and Decline until the sweep closes them at expiry.
      this.d.log.warn(
        {
          invitationId: rel.id,
          partnerTenantId: rel.partnerTenantId,
          outcome: outcome.kind,
          attempts: STATE_ATTEMPTS,
        },
        'invitation cards not updated with the outcome: their state kept changing'
      );
    } catch (err) {
      this.d.log.error({ err, invitationId: rel.id }, 'could not update invitation cards');
    }
  }

  // ------------------------------------------------------------------ state and views

  private async ensureState(rel: Relationship, fannedOut: boolean): Promise<void> {
    const now = this.d.now();
    await this.coll.updateOne(
      { _id: rel.id, tenantId: rel.partnerTenantId },
      {
        $setOnInsert: {
          _id: rel.id,
          tenantId: rel.partnerTenantId,
          customerTenantId: rel.customerTenantId,
          customerName: rel.customerName,
          customerDomain: rel.customerDomain,
          scope: summarizeScope(rel.scope),
          changeControl: rel.changeControl,
          createdByName: rel.createdByName,
          createdAt: rel.createdAt,
          expiresAt: rel.expiresAt,
          version: 1,
          open: rel.state === 'pending',
          outcome: null,
          fannedOut,
          reminders: [],
          shownDaysLeft: daysLeft(rel.expiresAt, now),
          updatedAt: now,
        },
      },
      { upsert: true }
    );
  }

  /**
   * The view of invitation `id` for a member of `partnerTenantId`; null when there is none in that
   * tenant (never another partner's). An invitation without cards yet gets its state now.
   */
  async viewFor(partnerTenantId: string, id: string): Promise<InvitationView | null> {
    let doc = await this.coll.findOne({ _id: id, tenantId: partnerTenantId });
    if (!doc) {
      const rel = await this.d.partners.relationships.findForPartner(id, partnerTenantId);
      if (!rel || rel.state !== 'pending') return null;
      await this.ensureState(rel, true);
      doc = await this.coll.findOne({ _id: id, tenantId: partnerTenantId });
      if (!doc) return null;
    }
    return toView(doc, this.d.now());
  }

  /**
   * The card of an invitation someone else just decided: the losing click learns of the decision
   * from the relationship at once, but the winner's card state (who decided, when) is written by
   * the winner a moment later. Waits briefly for it (at most about two seconds), so the loser's
   * answer names the winner instead of showing a stale, still-open card.
   */
  async decidedViewFor(partnerTenantId: string, id: string): Promise<InvitationView | null> {
    for (let attempt = 0; ; attempt++) {
      const doc = await this.coll.findOne({ _id: id, tenantId: partnerTenantId });
      if (!doc || !doc.open || attempt >= 40) return this.viewFor(partnerTenantId, id);
      const rel = await this.d.partners.relationships.findForPartner(id, partnerTenantId);
      if (!rel || rel.state === 'pending') return this.viewFor(partnerTenantId, id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Marks an invitation the core found expired (a click on it), so every copy says so. */
  async expireNow(partnerTenantId: string, id: string): Promise<void> {
    const doc = await this.coll.findOne({ _id: id, tenantId: partnerTenantId });
    if (doc && doc.open && doc.expiresAt.getTime() <= this.d.now().getTime())
      await this.expire(doc);
  }

  /** Whether the caller may decide invitations (the core's rule). */
  async mayDecide(caller: Caller): Promise<boolean> {
    const grants = await this.d.partners.organisationGrantsFor(caller);
    return holds(grants, caller, 'partner.invitations.decide');
  }

  // ------------------------------------------------------------------ fan-out

  /** Queues a card for every allowed holder of every invitation not yet fanned out. */
  fanOutPending(): Promise<void> {
    return this.fanning.run(async () => {
      const partners = await this.d.partners.registry.list();
      for (const p of partners) {
        const docs = await this.coll
          .find({ tenantId: p.tenantId, open: true, fannedOut: false })
          .toArray();
        if (docs.length === 0) continue;
        const refs = await this.d.refs.activePersonal(p.tenantId);
        const holders = await refsOfUsersWho(this.d, refs, (caller) => this.mayDecide(caller));
        for (const doc of docs) {
          for (const ref of holders) await this.queueCard(doc, ref);
          await this.coll.updateOne(
            { _id: doc._id, tenantId: doc.tenantId },
            { $set: { fannedOut: true } }
          );
        }
      }
    });
  }

  private queueCard(doc: InvitationCardDoc, ref: ConversationRefDoc): Promise<boolean> {
    return this.d.outbox.enqueue({
      key: cardKey(doc._id, ref.userId ?? ref._id),
      tenantId: doc.tenantId,
      kind: CARD_KIND,
      subjectId: doc._id,
      refId: ref._id,
      recipientUserId: ref.userId,
      version: doc.version,
    });
  }

  /**
   * A user who just installed the app gets the cards of the pending invitations they may decide
   * (the ones created before they had the app).
   */
  async offerPending(caller: Caller, ref: ConversationRefDoc): Promise<void> {
    if (!(await this.mayDecide(caller))) return;
    const page = await this.d.partners.relationships.listPendingForPartner(caller.tenantId, {
      limit: 20,
    });
    for (const rel of page.items) {
      if (rel.expiresAt.getTime() <= this.d.now().getTime()) continue;
      await this.ensureState(rel, true);
      const doc = await this.coll.findOne({ _id: rel.id, tenantId: caller.tenantId });
      if (doc?.open) await this.queueCard(doc, ref);
    }
  }

  // ------------------------------------------------------------------ deadline sweep

  /**
   * Expires invitations past their deadline, updates every open copy when the days left change,
   * and sends the 3-day and 1-day reminders (one per holder).
   */
  async sweep(): Promise<void> {
    const now = this.d.now();
    for (const p of await this.d.partners.registry.list()) {
      const docs = await this.coll.find({ tenantId: p.tenantId, open: true }).toArray();
      for (const doc of docs) {
        if (doc.expiresAt.getTime() <= now.getTime()) {
          await this.expire(doc);
          continue;
        }
        const left = daysLeft(doc.expiresAt, now);
        const due = REMINDER_DAYS.filter((d) => left <= d && !doc.reminders.includes(d));
        if (left === doc.shownDaysLeft && due.length === 0) continue;
        const updated = await this.coll.findOneAndUpdate(
          { _id: doc._id, tenantId: doc.tenantId, open: true, version: doc.version },
          {
            $set: { shownDaysLeft: left, reminders: [...doc.reminders, ...due], updatedAt: now },
            $inc: { version: 1 },
          },
          { returnDocument: 'after' }
        );
        if (!updated) continue; // another instance did it
        await this.d.outbox.bump(updated.tenantId, CARD_KIND, updated._id, updated.version);
        if (due.length) await this.remind(updated, Math.min(...due));
      }
    }
  }

  private async expire(doc: InvitationCardDoc): Promise<void> {
    const updated = await this.coll.findOneAndUpdate(
      { _id: doc._id, tenantId: doc.tenantId, open: true, outcome: null },
      {
        $set: {
          open: false,
          outcome: { kind: 'expired', at: doc.expiresAt },
          updatedAt: this.d.now(),
        },
        $inc: { version: 1 },
      },
      { returnDocument: 'after' }
    );
    if (updated)
      await this.d.outbox.bump(updated.tenantId, CARD_KIND, updated._id, updated.version);
  }

  private async remind(doc: InvitationCardDoc, days: number): Promise<void> {
    const copies = await this.d.outbox.itemsOf(doc.tenantId, CARD_KIND, doc._id);
    const seen = new Set<string>();
    for (const copy of copies) {
      const who = copy.recipientUserId ?? copy.refId;
      if (copy.status === 'dead' || seen.has(who)) continue;
      seen.add(who);
      await this.d.outbox.enqueue({
        key: `invitation:${doc._id}:reminder:${days}:${who}`,
        tenantId: doc.tenantId,
        kind: REMINDER_KIND,
        subjectId: doc._id,
        refId: copy.refId,
        recipientUserId: copy.recipientUserId,
        version: 1,
      });
    }
  }

  // ------------------------------------------------------------------ rendering for the outbox

  private async renderCard(item: OutboxDoc, ref: ConversationRefDoc) {
    const doc = await this.coll.findOne({ _id: item.subjectId, tenantId: item.tenantId });
    if (!doc) return null;
    const lang = langOf(ref.locale);
    const view = toView(doc, this.d.now());
    const content = invitationCard({
      invitation: view,
      mode: 'actionable',
      lang,
      now: this.d.now(),
      refreshUserIds: ref.user ? [ref.user.id] : [],
    });
    return { activity: cardMessage(content, view.customerName), version: doc.version };
  }

  private async renderReminder(item: OutboxDoc, ref: ConversationRefDoc) {
    const doc = await this.coll.findOne({ _id: item.subjectId, tenantId: item.tenantId });
    if (!doc || !doc.open) return null;
    const days = Math.max(1, daysLeft(doc.expiresAt, this.d.now()));
    const content = reminderCard(toView(doc, this.d.now()), days, langOf(ref.locale));
    return { activity: cardMessage(content), version: 1 };
  }
}

const daysLeft = (expiresAt: Date, now: Date) =>
  Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));

function toView(doc: InvitationCardDoc, now: Date): InvitationView {
  const expired = doc.outcome === null && doc.expiresAt.getTime() <= now.getTime();
  return {
    id: doc._id,
    customerTenantId: doc.customerTenantId,
    customerName: doc.customerName,
    customerDomain: doc.customerDomain,
    scope: doc.scope,
    changeControl: doc.changeControl,
    createdByName: doc.createdByName,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    outcome: doc.outcome
      ? doc.outcome.kind === 'expired'
        ? { kind: 'expired', at: doc.outcome.at }
        : { kind: doc.outcome.kind, byName: doc.outcome.byName, at: doc.outcome.at }
      : expired
        ? { kind: 'expired', at: doc.expiresAt }
        : null,
  };
}
