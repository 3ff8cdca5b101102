/**
 * Approval cards in Teams (issue #15). Implements the core's ChangeControlEvents port: a new change
 * request (or elevation request) is posted through the outbox to every user of the customer who
 * may approve it (the engine's `changes.approve`) and has the app; any decision — from a card, the
 * tab, expiry — bumps the request's version and the outbox brings every copy to it; the requester
 * gets one card when their change request is decided. Who may approve is the engine's answer,
 * never a rule written here.
 */
import type {
  ChangeControlDeps,
  ChangeControlEvents,
} from '../core/change-control/change-control.ports.ts';
import type { ChangeRequest, Elevation } from '../core/change-control/model.ts';
import { mayApprove } from '../core/change-control/change-requests.use-cases.ts';
import type { TenantRepository } from '../core/tenancy/tenant.ts';
import type { ConversationRefDoc, OutboxDoc } from '../data/teams.collections.ts';
import { langOf } from './i18n.ts';
import { refsOfUsersWho, type CardDeps } from './card-deps.ts';
import { cardMessage, type Json } from './cards/card.ts';
import {
  changeDecidedCard,
  changeRequestCard,
  elevationCard,
  type ApprovalCardInput,
} from './cards/approval.card.ts';

export const CHANGE_CARD_KIND = 'change.card';
export const CHANGE_DECIDED_KIND = 'change.decided';
export const ELEVATION_CARD_KIND = 'elevation.card';

export const changeCardKey = (requestId: string, userId: string) =>
  `change:${requestId}:card:${userId}`;
export const elevationCardKey = (id: string, userId: string) => `elevation:${id}:card:${userId}`;

const TERMINAL = new Set(['applied', 'rejected', 'failed', 'expired']);

export interface ApprovalCardsDeps extends CardDeps {
  changeControl: ChangeControlDeps;
  tenants: Pick<TenantRepository, 'get'>;
}

export class ApprovalCards implements ChangeControlEvents {
  constructor(private readonly d: ApprovalCardsDeps) {
    d.outbox.register(CHANGE_CARD_KIND, (item, ref) => this.renderChange(item, ref));
    d.outbox.register(CHANGE_DECIDED_KIND, (item, ref) => this.renderDecided(item, ref));
    d.outbox.register(ELEVATION_CARD_KIND, (item, ref) => this.renderElevation(item, ref));
  }

  // ------------------------------------------------------------------ events from the core

  async requestCreated(r: ChangeRequest): Promise<void> {
    await this.toApprovers(r.customerTenantId, CHANGE_CARD_KIND, r, changeCardKey);
  }

  async requestUpdated(r: ChangeRequest): Promise<void> {
    await this.d.outbox.bump(r.customerTenantId, CHANGE_CARD_KIND, r.id, r.version);
    if (!TERMINAL.has(r.status)) return;
    const ref = await this.d.refs.forUser(r.requestedBy.tenantId, r.requestedBy.userId);
    if (!ref || !ref.active) return;
    await this.d.outbox.enqueue({
      key: `change:${r.id}:decided:${r.requestedBy.userId}`,
      tenantId: r.requestedBy.tenantId,
      kind: CHANGE_DECIDED_KIND,
      subjectId: `${r.customerTenantId}/${r.id}`,
      refId: ref._id,
      recipientUserId: r.requestedBy.userId,
      version: 1,
    });
  }

  async elevationCreated(e: Elevation): Promise<void> {
    await this.toApprovers(e.customerTenantId, ELEVATION_CARD_KIND, e, elevationCardKey);
  }

  async elevationUpdated(e: Elevation): Promise<void> {
    await this.d.outbox.bump(e.customerTenantId, ELEVATION_CARD_KIND, e.id, e.version);
  }

  /** Queues a card about `subject` to every approver of the customer (one outbox item each). */
  private async toApprovers(
    customerTenantId: string,
    kind: string,
    subject: { id: string; version: number },
    keyOf: (id: string, recipient: string) => string
  ): Promise<void> {
    for (const ref of await this.approvers(customerTenantId)) {
      await this.d.outbox.enqueue({
        key: keyOf(subject.id, ref.userId ?? ref._id),
        tenantId: customerTenantId,
        kind,
        subjectId: subject.id,
        refId: ref._id,
        recipientUserId: ref.userId,
        version: subject.version,
      });
    }
  }

  /** Personal conversations of the customer's users the engine lets approve. */
  private async approvers(customerTenantId: string): Promise<ConversationRefDoc[]> {
    const refs = await this.d.refs.activePersonal(customerTenantId);
    return refsOfUsersWho(this.d, refs, (caller) =>
      mayApprove(caller, customerTenantId, this.d.changeControl)
    );
  }

  async partnerName(tenantId: string): Promise<string> {
    return (await this.d.tenants.get(tenantId))?.displayName ?? tenantId;
  }

  // ------------------------------------------------------------------ rendering for the outbox

  /**
   * A request's card as the approver behind `ref` gets it: actionable, theirs; none once the
   * request is gone. `summary` is the notification's text.
   */
  private async approverCard<S extends { partnerTenantId: string; version: number }>(
    ref: ConversationRefDoc,
    subject: S | null,
    draw: (subject: S, view: ApprovalCardInput) => Json,
    summary: (subject: S) => string
  ) {
    if (!subject) return null;
    const view: ApprovalCardInput = {
      partnerName: await this.partnerName(subject.partnerTenantId),
      mode: 'actionable',
      lang: langOf(ref.locale),
      now: this.d.now(),
      refreshUserIds: ref.user ? [ref.user.id] : [],
    };
    return {
      activity: cardMessage(draw(subject, view), summary(subject)),
      version: subject.version,
    };
  }

  private async renderChange(item: OutboxDoc, ref: ConversationRefDoc) {
    return this.approverCard(
      ref,
      await this.d.changeControl.repo.requests.get(item.tenantId, item.subjectId),
      (request, view) => changeRequestCard({ request, ...view }),
      (r) => r.objectName
    );
  }

  private async renderDecided(item: OutboxDoc, ref: ConversationRefDoc) {
    const [customerTenantId, id] = item.subjectId.split('/');
    if (!customerTenantId || !id) return null;
    const r = await this.d.changeControl.repo.requests.get(customerTenantId, id);
    if (!r || r.requestedBy.userId !== item.recipientUserId) return null;
    const content = changeDecidedCard(
      r,
      await this.partnerName(customerTenantId),
      langOf(ref.locale),
      this.d.now()
    );
    return { activity: cardMessage(content, r.objectName), version: 1 };
  }

  private async renderElevation(item: OutboxDoc, ref: ConversationRefDoc) {
    return this.approverCard(
      ref,
      await this.d.changeControl.repo.elevations.get(item.tenantId, item.subjectId),
      (elevation, view) => elevationCard({ elevation, ...view }),
      (e) => e.requestedBy.name
    );
  }
}
