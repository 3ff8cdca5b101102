/**
 * Incident alert cards in Teams (PRODUCT.md flow 14). Implements the core's TicketEvents port.
 *
 * - Alerts: a new ticket, an escalation (Warning → Important) and a reopen are posted to every
 *   person who has the app, may see the ticket (the authorization engine decides, at send time,
 *   for each of them: Ticket management › View on its room, partner users through their
 *   assignments in that customer, customer users through their own roles) and asks for alerts of
 *   that severity; and to every conversation subscribed to the customer, as long as its
 *   subscriber may still see the ticket. The fan-out is a stored job (`incidentAlertJobs`), so a
 *   crash between the change and the posts is resumed by the sweep.
 * - One card per ticket per conversation (outbox key `incident:<ticket>:<conversation>`): any
 *   change — card, tab, API, signal — raises the card version and the outbox brings every copy
 *   to it in place, except the personal copy clicked for the change (the click's answer replaced
 *   it). A repeated signal only updates the count and last-seen time.
 * - Each copy is rendered for its reader at delivery time: the actions they may use now, or a
 *   card without details when they may no longer see the ticket.
 */
import type { DocCollection, ObservedBatchWrite, Store } from '../store/types.ts';
import type { Caller } from '../core/identity/caller.ts';
import type { Principal } from '../core/principal.ts';
import { decide, type Grants } from '../core/authz/engine.ts';
import { canTransition, nextStatuses, type Ticket } from '../core/tickets/ticket.model.ts';
import {
  ALERTING_EVENTS,
  type ClickedCopy,
  type TicketEventKind,
  type TicketEvents,
  type TicketHead,
  type TicketStamp,
  type TicketsDeps,
} from '../core/tickets/tickets.ports.ts';
import { DEFAULT_ALERT_MODE, subscriptionWants, wantsAlert } from '../core/alerts/alerts.model.ts';
import type { AlertsDeps } from '../core/alerts/alerts.ports.ts';
import { alertingAssignments, asksForAlerts } from '../core/alerts/alerts.audience.ts';
import type { PartnersDeps } from '../core/partners/partners.ports.ts';
import {
  TeamsCollections,
  type ConversationRefDoc,
  type IncidentAlertJobDoc,
  type OutboxDoc,
} from '../data/teams.collections.ts';
import type { QueueItem } from '../outbox/outbox.ts';
import { langOf, type Lang } from './i18n.ts';
import { SerialRun, runSoon } from './serial-run.ts';
import { storedUser, type CardDeps } from './card-deps.ts';
import { cardMessage, type Json } from './cards/card.ts';
import {
  incidentCard,
  incidentNoticeCard,
  unavailableIncidentCard,
  type IncidentActions,
  type IncidentCardModel,
  type IncidentView,
} from './cards/incident.card.ts';

export const INCIDENT_CARD_KIND = 'incident.card';
/** A short message to those who already hold the card, when the ticket escalates or reopens. */
export const INCIDENT_NOTICE_KIND = 'incident.notice';
const NOTICE_VERSION = { escalated: 1, reopened: 2 } as const;
/** Cards queued per write during a fan-out (the audience is computed in batches, fast). */
const QUEUE_BATCH = 100;

/** Grows with every change of the ticket, a repeated signal included (the outbox's version). */
export const cardVersionOf = (t: Pick<Ticket, 'version' | 'signal'>) =>
  t.version + (t.signal?.count ?? 0);

export const incidentCardKey = (ticketId: string, refId: string) => `incident:${ticketId}:${refId}`;

export interface IncidentCardsDeps extends CardDeps {
  store: Store;
  tickets: TicketsDeps;
  alerts: AlertsDeps;
  partners: PartnersDeps;
  /** "Open in the tab" for a ticket: a Teams deep link, or the tab's address. */
  openUrl(ticket: Pick<Ticket, 'id' | 'tenantId'>): string;
}

/** A reader of a card: who they are and what they may do with the ticket now. */
export interface Viewer {
  visible: boolean;
  actions: IncidentActions | null;
}

export class IncidentCards implements TicketEvents {
  private readonly jobs: DocCollection<IncidentAlertJobDoc>;
  private readonly fanning = new SerialRun();

  constructor(private readonly d: IncidentCardsDeps) {
    this.jobs = d.store.collection<IncidentAlertJobDoc>(TeamsCollections.incidentAlertJobs);
    d.outbox.register(INCIDENT_CARD_KIND, (item, ref) => this.render(item, ref));
    d.outbox.register(INCIDENT_NOTICE_KIND, (item, ref) => this.renderNotice(item, ref));
  }

  // ------------------------------------------------------------------ events from the core

  /**
   * Stored in the change's own write, so the change and these reach the disk with one wait and
   * a crash keeps all or none: the bump of the ticket's cards to the version the change leaves
   * (a new ticket has none), and an alerting change's fan-out job.
   */
  writesWith(
    ticket: TicketStamp,
    kind: TicketEventKind,
    clicked?: ClickedCopy
  ): ObservedBatchWrite[] {
    const writes: ObservedBatchWrite[] = [];
    if (kind !== 'created') {
      const version = cardVersionOf(ticket);
      // The clicked copy shows the change through the click's answer: not sent again.
      if (clicked) {
        const key = incidentCardKey(ticket.id, clicked.conversationRefId);
        writes.push(this.d.outbox.answeredWrite(ticket.tenantId, key, clicked.activityId, version));
      }
      writes.push(
        ...this.d.outbox.bumpWrites(ticket.tenantId, INCIDENT_CARD_KIND, ticket.id, version)
      );
    }
    if (ALERTING_EVENTS.includes(kind)) {
      const { filter, update } = this.alertJob(ticket, kind);
      const collection = this.jobs.collectionName;
      writes.push({ collection, updateOne: { filter, update, upsert: true } });
    }
    return writes;
  }

  /** The upsert of an alert job (idempotent: one job per ticket, event and version). */
  private alertJob(ticket: TicketStamp, kind: TicketEventKind) {
    const _id = `${ticket.id}:${kind}:${ticket.version}`;
    const job: IncidentAlertJobDoc = {
      _id,
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      kind,
      done: false,
      createdAt: this.d.now(),
    };
    return { filter: { _id, tenantId: ticket.tenantId }, update: { $setOnInsert: job } };
  }

  async ticketChanged(ticket: TicketHead, kind: TicketEventKind, stored = false): Promise<void> {
    try {
      if (ALERTING_EVENTS.includes(kind)) {
        // A change written without its job (a signal's) stores it now.
        if (!stored) {
          const { filter, update } = this.alertJob(ticket, kind);
          await this.jobs.updateOne(filter, update, { upsert: true });
        }
        runSoon(() => this.fanOutPending(), this.d.log, 'incident fan-out failed');
      }
      // Stored with the change (writesWith), or else (a signal's change) off the response path:
      // the change is committed, and the copies follow it shortly. A bump only ever raises
      // versions, so bumps finishing out of order are harmless.
      if (!stored)
        this.track(
          this.d.outbox.bump(ticket.tenantId, INCIDENT_CARD_KIND, ticket.id, cardVersionOf(ticket))
        );
    } catch (err) {
      // The change is committed; the sweep runs whatever job this missed.
      this.d.log.error({ err, ticketId: ticket.id }, 'could not queue incident cards');
    }
  }

  /** Background bumps still running (`settle` waits for them). */
  private readonly pending = new Set<Promise<void>>();

  private track(work: Promise<void>): void {
    const p = work
      .catch((err: unknown) => this.d.log.error({ err }, 'could not update incident cards'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves once every background bump started so far is written. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  // ------------------------------------------------------------------ fan-out

  /** Runs every unfinished alert job (in order); safe to call often, and after a crash. */
  fanOutPending(): Promise<void> {
    return this.fanning.run(async () => {
      for (;;) {
        const jobs = await this.jobs
          .find({ done: false }, { sort: { createdAt: 1 }, limit: 50 })
          .toArray();
        if (jobs.length === 0) return;
        for (const job of jobs) {
          const ticket = await this.d.tickets.tickets.get(job.tenantId, job.ticketId);
          if (ticket) {
            // Those who already have the card see it change in place; an escalation or a reopen
            // also gets them a short notice (an updated card makes no sound in Teams).
            const holders =
              job.kind === 'created'
                ? new Set<string>()
                : new Set(
                    (
                      await this.d.outbox.itemsOf(ticket.tenantId, INCIDENT_CARD_KIND, ticket.id)
                    ).map((i) => i.refId)
                  );
            // The audience first (one batch per tenant, fast), then its cards in a few writes,
            // taking the receiving tenants in turn: each tenant's rate window opens at once.
            const audience = interleaveByTenant(await this.recipients(ticket));
            for (let i = 0; i < audience.length; i += QUEUE_BATCH) {
              await this.d.outbox.enqueueMany(
                audience
                  .slice(i, i + QUEUE_BATCH)
                  .flatMap((ref) =>
                    holders.has(ref._id)
                      ? [this.itemOf(ticket, ref), this.noticeOf(ticket, ref, job)]
                      : [this.itemOf(ticket, ref)]
                  )
              );
            }
          }
          await this.jobs.deleteOne({ _id: job._id, tenantId: job.tenantId });
        }
      }
    });
  }

  /**
   * The conversations that get this ticket's alert now: people of the customer and of its active
   * partners who have the app, are named by one of the customer's notifying assignments covering
   * the room, want alerts of its severity and may see the ticket (the engine's decision); and the
   * conversations subscribed to the customer whose subscriber may see it. Computed once per
   * incident: each tenant's candidates are resolved and their grants read in one batch (cached
   * under the change stamps, so the send-time check of each card is a cache hit unless a right
   * changed meanwhile, and then it is decided again from the store).
   */
  async recipients(ticket: Ticket): Promise<ConversationRefDoc[]> {
    const room = { id: ticket.roomId, groupIds: ticket.roomGroupIds };
    const [partners, notifying] = await Promise.all([
      this.partnerTenants(ticket.tenantId),
      this.d.alerts.notifying.forCustomer(ticket.tenantId),
    ]);
    const tenants = [ticket.tenantId, ...partners];
    const alerting = alertingAssignments(notifying, room);
    const out: ConversationRefDoc[] = [];
    for (const tenantId of tenants) {
      const assignments = alerting.get(tenantId);
      // Nobody of this tenant asks for alerts about the room: nobody of it is even looked at.
      if (!assignments) continue;
      const refs = (await this.d.refs.activePersonal(tenantId)).filter((r) => r.userId);
      const modes = await this.d.alerts.preferences.modes(
        tenantId,
        refs.map((r) => r.userId!)
      );
      const wanting = refs.filter((r) =>
        wantsAlert(modes.get(r.userId!) ?? DEFAULT_ALERT_MODE, ticket.severity)
      );
      const callers = await this.d.alerts.callersOf(
        tenantId,
        wanting.map((r) => r.userId!)
      );
      const asking = callers.flatMap((c, i) =>
        asksForAlerts(c, assignments) ? [{ caller: c, ref: wanting[i]! }] : []
      );
      const grants = await this.d.alerts.grantsOfMany(
        asking.map((a) => a.caller),
        ticket.tenantId
      );
      for (const [i, { caller, ref }] of asking.entries()) {
        if (viewerOf(grants[i]!, caller, ticket).visible) out.push(ref);
      }
    }
    for (const sub of await this.d.alerts.subscriptions.forCustomer(tenants, ticket.tenantId)) {
      if (!subscriptionWants(sub, ticket.severity)) continue;
      const ref = await this.d.refs.get(sub.conversationRefId);
      if (!ref?.active) continue;
      const subscriber = storedUser(sub.subscribedBy.tenantId, sub.subscribedBy.id);
      if (await this.mayView(subscriber, ticket)) out.push(ref);
    }
    return out;
  }

  private async partnerTenants(customerTenantId: string): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.d.partners.relationships.listActiveForCustomer(customerTenantId, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.map((r) => r.partnerTenantId));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  private async mayView(principal: Principal, ticket: Ticket): Promise<boolean> {
    return (await this.viewer(principal, ticket)).visible;
  }

  private itemOf(ticket: Ticket, ref: ConversationRefDoc): QueueItem {
    return {
      key: incidentCardKey(ticket.id, ref._id),
      tenantId: ticket.tenantId,
      recipientTenantId: ref.tenantId,
      kind: INCIDENT_CARD_KIND,
      subjectId: ticket.id,
      refId: ref._id,
      recipientUserId: ref.userId,
      version: cardVersionOf(ticket),
    };
  }

  private noticeOf(ticket: Ticket, ref: ConversationRefDoc, job: IncidentAlertJobDoc): QueueItem {
    return {
      key: `incident:${ticket.id}:notice:${job._id}:${ref._id}`,
      tenantId: ticket.tenantId,
      recipientTenantId: ref.tenantId,
      kind: INCIDENT_NOTICE_KIND,
      subjectId: ticket.id,
      refId: ref._id,
      recipientUserId: ref.userId,
      // A notice is sent once (its version never grows); the version names which notice it is.
      version: NOTICE_VERSION[job.kind === 'escalated' ? 'escalated' : 'reopened'],
    };
  }

  // ------------------------------------------------------------------ views

  /** What `principal` may see and do with `ticket` now (the engine's decisions). */
  async viewer(principal: Principal, ticket: Ticket): Promise<Viewer> {
    return this.viewerAs(await this.d.callerFor(principal), ticket);
  }

  private async viewerAs(caller: Caller, ticket: Ticket): Promise<Viewer> {
    const grants = await this.d.tickets.grantsFor(caller, { customerTenantId: ticket.tenantId });
    return viewerOf(grants, caller, ticket);
  }

  async view(ticket: Ticket): Promise<IncidentView> {
    const [names, room] = await Promise.all([
      this.d.tickets.tenants.names([ticket.tenantId]),
      this.d.tickets.rooms.get(ticket.tenantId, ticket.roomId),
    ]);
    return toIncidentView(
      ticket,
      names.get(ticket.tenantId) ?? ticket.tenantId,
      room?.site ?? null,
      this.d.openUrl(ticket)
    );
  }

  /** The card of `ticket` for a reader: their actions, or no details when they may not see it. */
  async cardFor(
    ticket: Ticket,
    caller: Caller,
    lang: Lang,
    refreshUserIds: IncidentCardModel['refreshUserIds'],
    notice?: IncidentCardModel['notice']
  ): Promise<Json> {
    const [viewer, incident] = await Promise.all([
      this.viewerAs(caller, ticket),
      this.view(ticket),
    ]);
    if (!viewer.visible) return unavailableIncidentCard(lang);
    return incidentCard({
      incident,
      actions: viewer.actions,
      lang,
      refreshUserIds,
      ...(notice ? { notice } : {}),
    });
  }

  // ------------------------------------------------------------------ rendering for the outbox

  private async renderNotice(item: OutboxDoc, ref: ConversationRefDoc) {
    const ticket = await this.d.tickets.tickets.get(item.tenantId, item.subjectId);
    if (!ticket) return null;
    const reader = await this.readerOf(ref, ticket);
    // Sent only to someone who may still see the ticket; nothing otherwise.
    if (!reader || !(await this.mayView(reader, ticket))) return null;
    const lang = langOf(ref.locale);
    const content = incidentNoticeCard({
      lang,
      kind: item.targetVersion === NOTICE_VERSION.escalated ? 'escalated' : 'reopened',
      title: ticket.title,
      ticketId: ticket.id,
      customerTenantId: ticket.tenantId,
      openUrl: this.d.openUrl(ticket),
    });
    return { activity: cardMessage(content, ticket.title), version: item.targetVersion };
  }

  /**
   * Whose view a copy in conversation `ref` shows: a personal chat's own user; a channel's or
   * group chat's, its subscriber to the ticket's customer (null: no longer subscribed).
   */
  private async readerOf(ref: ConversationRefDoc, ticket: Ticket): Promise<Principal | null> {
    if (ref.kind === 'personal' && ref.userId) return storedUser(ref.tenantId, ref.userId);
    const sub = (await this.d.alerts.subscriptions.forConversation(ref.tenantId, ref._id)).find(
      (s) => s.customerTenantId === ticket.tenantId
    );
    return sub ? storedUser(sub.subscribedBy.tenantId, sub.subscribedBy.id) : null;
  }

  private async render(item: OutboxDoc, ref: ConversationRefDoc) {
    const ticket = await this.d.tickets.tickets.get(item.tenantId, item.subjectId);
    if (!ticket) return null;
    const lang = langOf(ref.locale);
    const version = cardVersionOf(ticket);
    // Personal chat: the reader's own view. A channel or group chat shows what its subscriber may
    // see, without actions; each reader gets their own view through refresh (Teams refreshes for
    // every member of small ones).
    const personal = ref.kind === 'personal' && ref.userId;
    const reader = await this.readerOf(ref, ticket);
    if (!reader) return null;
    // The engine decides at send time: someone who lost the right before their card went out
    // gets nothing; a copy they already hold loses its details.
    const viewer = await this.viewer(reader, ticket);
    if (!viewer.visible) {
      if (!item.activityId) return null;
      return { activity: cardMessage(unavailableIncidentCard(lang), ticket.title), version };
    }
    const content = incidentCard({
      incident: await this.view(ticket),
      actions: personal ? viewer.actions : null,
      lang,
      refreshUserIds: personal && ref.user ? [ref.user.id] : [],
    });
    return { activity: cardMessage(content, ticket.title), version };
  }
}

/** The conversations taken one per tenant in turn (a, b, a, b, …), each tenant's in order. */
export function interleaveByTenant(refs: readonly ConversationRefDoc[]): ConversationRefDoc[] {
  const queues = new Map<string, ConversationRefDoc[]>();
  for (const r of refs) {
    const q = queues.get(r.tenantId);
    if (q) q.push(r);
    else queues.set(r.tenantId, [r]);
  }
  const out: ConversationRefDoc[] = [];
  for (let i = 0; out.length < refs.length; i++)
    for (const q of queues.values()) if (i < q.length) out.push(q[i]!);
  return out;
}

/** The reader's view: visible with Ticket management › View; actions with › Update, by state. */
export function viewerOf(
  grants: Grants,
  caller: Pick<Caller, 'tenantId' | 'userId'>,
  ticket: Ticket
): Viewer {
  const resource = {
    customerTenantId: ticket.tenantId,
    room: { id: ticket.roomId, groupIds: ticket.roomGroupIds },
  };
  if (!decide(grants, 'tickets.view', resource).allowed) return { visible: false, actions: null };
  if (!decide(grants, 'tickets.update', resource).allowed) return { visible: true, actions: null };
  const open = ticket.status !== 'Closed';
  const mine =
    ticket.assignee?.id === caller.userId && ticket.assignee.tenantId === caller.tenantId;
  return {
    visible: true,
    actions: {
      assign: open && !mine,
      acknowledge: canTransition(ticket.status, 'Acknowledged'),
      statuses: nextStatuses(ticket.status).filter((s) => s !== 'Closed'),
      note: open,
      close: ticket.source === 'customer' && canTransition(ticket.status, 'Closed'),
    },
  };
}

export function toIncidentView(
  ticket: Ticket,
  customerName: string,
  site: string | null,
  openUrl: string
): IncidentView {
  const latest = ticket.notes.at(-1);
  return {
    id: ticket.id,
    customerTenantId: ticket.tenantId,
    customerName,
    roomName: ticket.roomName,
    site,
    severity: ticket.severity,
    type: ticket.type,
    status: ticket.status,
    source: ticket.source,
    title: ticket.title,
    assigneeName: ticket.assignee?.name ?? null,
    firstSeenAt: ticket.signal?.firstSeenAt ?? ticket.createdAt,
    lastSeenAt: ticket.signal?.lastSeenAt ?? ticket.updatedAt,
    signalCount: ticket.signal?.count ?? null,
    latestNote: latest ? { author: latest.author.name, text: latest.text, at: latest.at } : null,
    resolvedAt: ticket.resolvedAt ?? null,
    closedAt: ticket.closedAt ?? null,
    closeReason: ticket.closeReason ?? null,
    version: ticket.version,
    openUrl,
  };
}

/**
 * "Open in the tab": with the Teams app id, a Teams deep link to the Partner Hub tab whose
 * `subEntityId` is the tab's own route to the ticket; without it (local runs), the tab's address.
 */
export function ticketLink(
  publicUrl: string,
  teamsAppId: string | undefined,
  t: Pick<Ticket, 'id' | 'tenantId'>
): string {
  const route = `incidents?customer=${t.tenantId}&ticket=${t.id}`;
  if (!teamsAppId) return `${publicUrl.replace(/\/$/, '')}/#/${route}`;
  const context = encodeURIComponent(JSON.stringify({ subEntityId: route }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/partnerHub?context=${context}`;
}
