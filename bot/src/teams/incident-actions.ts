/**
 * What a click on an incident card does (Action.Execute invokes and Action.Submit messages alike),
 * and the incident chat commands: `tickets`, `ticket <id>`, `alerts on|important|off`,
 * `subscribe` / `unsubscribe` (in a channel or group chat). Every change goes through the same
 * use cases as the REST API, authorized against the clicker's rights at that moment:
 * - refused (no right any more, ticket out of scope): a typed error; the card stays as it was;
 * - conflicting (the card showed an older version, or the change no longer applies): the
 *   current card with a short message;
 * - done: the clicker's current card; the outbox brings every other copy up to date.
 */
import type { AppServices } from '../app.ts';
import type { Caller } from '../core/identity/caller.ts';
import { isDomainError, type DomainError } from '../core/errors.ts';
import { customersWith } from '../core/authz/engine.ts';
import {
  ACTIVE_STATUSES,
  CLOSE_REASONS,
  NOTE_MAX,
  type CloseReason,
  type Ticket,
  type TicketStatus,
} from '../core/tickets/ticket.model.ts';
import {
  addNote,
  assignTicketToMe,
  closeTicket,
  getTicket,
  listAllIncidents,
  updateTicket,
  type ChangeOptions,
} from '../core/tickets/tickets.use-cases.ts';
import {
  ALERT_MODES,
  DEFAULT_SUBSCRIPTION_SEVERITY,
  SUBSCRIPTION_SEVERITIES,
  minSeverityOf,
  type AlertMode,
  type SubscriptionSeverity,
} from '../core/alerts/alerts.model.ts';
import type { ClickedCopy, TicketBrief } from '../core/tickets/tickets.ports.ts';
import {
  conversationSubscriptions,
  getAlertMode,
  setAlertMode,
  subscribableCustomers,
  subscribeConversation,
  unsubscribe,
  type SharedConversation,
} from '../core/alerts/alerts.use-cases.ts';
import { toHttpError } from '../http/error-response.ts';
import type { Lang } from './i18n.ts';
import { incidentErrorMessage, incidentStrings } from './incident-i18n.ts';
import { IncidentVerbs, isIncidentVerb, type IncidentVerb } from './incident-verbs.ts';
import type { Json } from './cards/card.ts';
import {
  customerPickerCard,
  noticeCard,
  ticketsListCard,
  unavailableIncidentCard,
  type TicketRow,
} from './cards/incident.card.ts';
import type { ActionResult } from './invitation-actions.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANGEABLE: readonly TicketStatus[] = ['Open', 'Acknowledged', 'InProgress', 'Resolved'];
const PAGE = 10;

/** Card action data of an incident card or list (the verb is one of ours). */
export const isIncidentActionData = (d: Record<string, unknown>): boolean => isIncidentVerb(d.verb);

export interface IncidentClick {
  /** The action's data with the card's inputs merged in. */
  data: Record<string, unknown>;
  /** The clicker's MRI, for their own view through refresh. */
  userMri?: string;
  /** Where the click happened. */
  conversation: SharedConversation | null;
  /** The message holding the clicked card (the activity's `replyToId`), when Teams names it. */
  cardActivityId?: string;
}

const guidOf = (v: unknown): string | null =>
  typeof v === 'string' && GUID.test(v) ? v.toLowerCase() : null;

const invalidClick = (lang: Lang): ActionResult => ({
  kind: 'error',
  status: 400,
  code: 'REQUEST.INVALID',
  message: incidentErrorMessage(lang, {
    code: 'REQUEST.INVALID',
    message: 'This card action is incomplete; try again from the card.',
  }),
});

function refusal(lang: Lang, e: DomainError): ActionResult {
  const { status, body } = toHttpError(e);
  return { kind: 'error', status, code: body.code, message: incidentErrorMessage(lang, body) };
}

export async function runIncidentAction(
  caller: Caller,
  click: IncidentClick,
  lang: Lang,
  services: AppServices
): Promise<ActionResult> {
  const d = click.data;
  const verb = d.verb as IncidentVerb;
  const s = incidentStrings(lang);
  try {
    if (verb === IncidentVerbs.more) {
      const cursor = typeof d.cursor === 'string' && d.cursor.length <= 2000 ? d.cursor : undefined;
      return { kind: 'card', card: await ticketsList(caller, lang, services, cursor) };
    }
    if (verb === IncidentVerbs.subscribe || verb === IncidentVerbs.unsubscribe) {
      const customer = guidOf(d.customerTenantId);
      if (!customer || !click.conversation) return invalidClick(lang);
      const minSeverity = SUBSCRIPTION_SEVERITIES.find((x) => x === d.minSeverity);
      return {
        kind: 'card',
        card: await changeSubscription(
          caller,
          click.conversation,
          verb,
          customer,
          lang,
          services,
          minSeverity
        ),
      };
    }
    const ticketId = guidOf(d.ticketId);
    const customer = guidOf(d.customerTenantId);
    if (!ticketId || !customer) return invalidClick(lang);
    const version =
      typeof d.version === 'number' && Number.isInteger(d.version) ? d.version : undefined;
    // A personal chat's copy is replaced by this click's answer; a shared conversation's is not
    // (the answer is the clicker's own view), so the outbox still brings it up to date.
    const clicked: ClickedCopy | undefined =
      click.conversation?.kind === 'personal' && click.cardActivityId
        ? { conversationRefId: click.conversation.refId, activityId: click.cardActivityId }
        : undefined;
    const from: ChangeOptions = clicked ? { clicked } : {};
    const expect: ChangeOptions =
      version !== undefined ? { ...from, expectedVersion: version } : from;
    const refreshUserIds =
      click.conversation?.kind === 'personal' || !click.conversation
        ? click.userMri
          ? [click.userMri]
          : []
        : [];
    const render = async (
      ticket: Ticket,
      notice?: { text: string; kind: 'good' | 'attention' }
    ) => ({
      kind: 'card' as const,
      card: await services.teams.incidentCards.cardFor(
        ticket,
        caller,
        lang,
        refreshUserIds,
        notice
      ),
    });
    const deps = services.tickets;
    try {
      let changed: Ticket;
      let done: string;
      switch (verb) {
        case IncidentVerbs.refresh:
        case IncidentVerbs.show:
          return render(await getTicket(caller, customer, ticketId, deps));
        case IncidentVerbs.assign:
          changed = await assignTicketToMe(caller, customer, ticketId, deps, expect);
          done = s.done.assign;
          break;
        case IncidentVerbs.acknowledge:
          changed = await updateTicket(
            caller,
            customer,
            ticketId,
            { status: 'Acknowledged' },
            deps,
            expect
          );
          done = s.done.acknowledge;
          break;
        case IncidentVerbs.status: {
          const status = CHANGEABLE.find((x) => x === d.status);
          if (!status) return invalidClick(lang);
          changed = await updateTicket(
            caller,
            customer,
            ticketId,
            { status: status as Exclude<TicketStatus, 'Closed'> },
            deps,
            expect
          );
          done = s.done.status;
          break;
        }
        case IncidentVerbs.note: {
          const text = typeof d.note === 'string' ? d.note.trim() : '';
          if (!text || text.length > NOTE_MAX) return invalidClick(lang);
          // A note adds to whatever the ticket is now: it never conflicts with another change.
          // The card shows the ticket as the note left it, the note its latest (the card shows
          // no other note nor the history).
          const added = await addNote(caller, customer, ticketId, text, deps, from);
          changed = { ...added.ticket, notes: [added.note], history: added.history };
          done = s.done.note;
          break;
        }
        case IncidentVerbs.close: {
          const reason = CLOSE_REASONS.find((r) => r === d.closeReason) as CloseReason | undefined;
          if (!reason) return invalidClick(lang);
          changed = await closeTicket(caller, customer, ticketId, reason, deps, expect);
          done = s.done.close;
          break;
        }
        default:
          return invalidClick(lang);
      }
      return render(changed, { text: done, kind: 'good' });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.kind === 'not_found' && verb === IncidentVerbs.refresh) {
        // The reader may no longer see the ticket: their view keeps no detail of it.
        return { kind: 'card', card: unavailableIncidentCard(lang) };
      }
      if (e.kind !== 'conflict') return refusal(lang, e);
      // Someone else changed it, or the change no longer applies: show what is true now.
      const current = await getTicket(caller, customer, ticketId, deps);
      const stale = e.code === 'TICKET.STALE' || e.code === 'TICKET.CONCURRENT_UPDATE';
      return render(current, {
        text: stale ? s.stale : incidentErrorMessage(lang, e),
        kind: 'attention',
      });
    }
  } catch (e) {
    if (isDomainError(e)) return refusal(lang, e);
    throw e;
  }
}

// ------------------------------------------------------------------ commands

/** The incident command a message asks for, with its argument; null for anything else. */
export function parseIncidentCommand(raw: string): { command: string; arg: string } | null {
  const cleaned = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .trim()
    .replace(/\s*[.!?]+$/g, '')
    .replace(/\s+/g, ' ');
  const [first = '', ...rest] = cleaned.split(' ');
  const word = first.toLowerCase();
  const arg = rest.join(' ').trim();
  const commands: Record<string, string> = {
    tickets: 'tickets',
    incidents: 'tickets',
    ticket: 'ticket',
    incident: 'ticket',
    alerts: 'alerts',
    alertes: 'alerts',
    alert: 'alerts',
    alerte: 'alerts',
    subscribe: 'subscribe',
    abonner: 'subscribe',
    unsubscribe: 'unsubscribe',
    désabonner: 'unsubscribe',
    desabonner: 'unsubscribe',
    subscriptions: 'subscriptions',
    abonnements: 'subscriptions',
  };
  const command = commands[word];
  return command ? { command, arg } : null;
}

const MODE_WORDS: Record<string, AlertMode> = {
  on: 'all',
  all: 'all',
  oui: 'all',
  toutes: 'all',
  important: 'important',
  importants: 'important',
  off: 'off',
  non: 'off',
  aucune: 'off',
};

/** Answers an incident command, or null when the text is not one (the other commands follow). */
export async function runIncidentCommand(
  raw: string,
  caller: Caller,
  lang: Lang,
  services: AppServices,
  conversation: SharedConversation | null,
  userMri?: string
): Promise<Json | null> {
  const parsed = parseIncidentCommand(raw);
  if (!parsed) return null;
  const s = incidentStrings(lang);
  try {
    switch (parsed.command) {
      case 'tickets':
        return await ticketsList(caller, lang, services);
      case 'ticket':
        return await oneTicket(caller, parsed.arg, lang, services, conversation, userMri);
      case 'alerts': {
        const word = parsed.arg.toLowerCase();
        if (!word) {
          const current = await getAlertMode(caller, services.alerts);
          return noticeCard(s.alerts.title, [
            s.alerts.current(s.alerts.modes[current.mode], current.chosen),
            s.alerts.usage,
          ]);
        }
        const mode = MODE_WORDS[word];
        if (!mode || !ALERT_MODES.includes(mode))
          return noticeCard(s.alerts.title, [s.alerts.usage]);
        await setAlertMode(caller, mode, services.alerts);
        return noticeCard(s.alerts.title, [s.alerts.set(s.alerts.modes[mode])]);
      }
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions':
        return await subscriptionCommand(
          caller,
          parsed.command,
          parsed.arg,
          lang,
          services,
          conversation
        );
    }
    return null;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return noticeCard(s.alerts.title, [incidentErrorMessage(lang, e)]);
  }
}

const rowOf = (i: { ticket: TicketBrief; customerName: string }): TicketRow => ({
  id: i.ticket.id,
  customerTenantId: i.ticket.tenantId,
  customerName: i.customerName,
  roomName: i.ticket.roomName,
  title: i.ticket.title,
  severity: i.ticket.severity,
  status: i.ticket.status,
});

/** My open tickets: assigned to me first, then the others I may see, newest first, paged. */
export async function ticketsList(
  caller: Caller,
  lang: Lang,
  services: AppServices,
  cursor?: string
): Promise<Json> {
  const open = { statusIn: ACTIVE_STATUSES };
  const assigned = cursor
    ? { items: [] }
    : await listAllIncidents(
        caller,
        { ...open, assigneeId: caller.userId },
        { limit: PAGE },
        services.tickets
      );
  const others = await listAllIncidents(
    caller,
    { ...open, notAssigneeId: caller.userId },
    { limit: PAGE, ...(cursor ? { cursor } : {}) },
    services.tickets
  );
  return ticketsListCard({
    lang,
    assigned: assigned.items.map(rowOf),
    others: others.items.map(rowOf),
    ...(others.nextCursor ? { nextCursor: others.nextCursor } : {}),
    ...(cursor ? { continued: true } : {}),
  });
}

async function oneTicket(
  caller: Caller,
  arg: string,
  lang: Lang,
  services: AppServices,
  conversation: SharedConversation | null,
  userMri?: string
): Promise<Json> {
  const s = incidentStrings(lang);
  const id = guidOf(arg);
  if (!id) return noticeCard(s.list.title, [s.ticketUsage]);
  // The customers whose tickets the caller may see; the ticket is looked up in those only.
  const grants = await services.grantsFor(caller);
  for (const customer of customersWith(grants, 'tickets.view')) {
    if (!(await services.tickets.tickets.get(customer, id))) continue;
    const ticket = await getTicket(caller, customer, id, services.tickets);
    const refresh = conversation?.kind === 'personal' ? (userMri ? [userMri] : []) : [];
    return services.teams.incidentCards.cardFor(ticket, caller, lang, refresh);
  }
  return noticeCard(s.list.title, [s.ticketNotFound]);
}

async function subscriptionCommand(
  caller: Caller,
  command: string,
  arg: string,
  lang: Lang,
  services: AppServices,
  conversation: SharedConversation | null
): Promise<Json> {
  const s = incidentStrings(lang).subscriptions;
  if (!conversation || conversation.kind === 'personal') return noticeCard(s.title, [s.onlyShared]);
  const current = await conversationSubscriptions(caller, conversation, services.alerts);
  const customers = await subscribableCustomers(caller, services.alerts);
  const names = new Map(customers.map((c) => [c.customerTenantId, c.name]));
  if (command === 'subscriptions') {
    if (current.length === 0) return noticeCard(s.title, [s.none]);
    return noticeCard(s.title, [
      s.list(
        current.map((c) =>
          s.entry(names.get(c.customerTenantId) ?? c.customerTenantId, s.levels[minSeverityOf(c)])
        )
      ),
    ]);
  }
  const { name: nameArg, minSeverity } = severityArg(arg);
  const byName = (list: { customerTenantId: string; name: string }[]) =>
    nameArg ? list.filter((c) => c.name.toLowerCase().startsWith(nameArg.toLowerCase())) : list;
  const verb = command === 'subscribe' ? IncidentVerbs.subscribe : IncidentVerbs.unsubscribe;
  // subscribe: the customers the caller may subscribe to; unsubscribe: the subscribed ones.
  const candidates =
    verb === IncidentVerbs.subscribe
      ? customers
      : current.map((c) => ({
          customerTenantId: c.customerTenantId,
          name: names.get(c.customerTenantId) ?? c.customerTenantId,
        }));
  if (candidates.length === 0)
    return noticeCard(s.title, [verb === IncidentVerbs.subscribe ? s.noCustomer : s.none]);
  const choices = byName(candidates);
  if (choices.length !== 1) {
    return customerPickerCard({
      lang,
      verb,
      customers: choices.length ? choices : candidates,
      ...(verb === IncidentVerbs.subscribe ? { minSeverity } : {}),
    });
  }
  return changeSubscription(
    caller,
    conversation,
    verb,
    choices[0]!.customerTenantId,
    lang,
    services,
    minSeverity
  );
}

/** Words naming a subscription's minimum severity, at the end of `subscribe [customer] [word]`. */
const SEVERITY_WORDS: Record<string, SubscriptionSeverity> = {
  important: 'Important',
  importants: 'Important',
  warning: 'Warning',
  warnings: 'Warning',
  avertissement: 'Warning',
  avertissements: 'Warning',
};

/** Splits `subscribe`'s argument into a customer name and a minimum severity (default Important). */
export function severityArg(arg: string): { name: string; minSeverity: SubscriptionSeverity } {
  const words = arg.split(' ').filter(Boolean);
  const last = SEVERITY_WORDS[(words.at(-1) ?? '').toLowerCase()];
  return last
    ? { name: words.slice(0, -1).join(' '), minSeverity: last }
    : { name: arg, minSeverity: DEFAULT_SUBSCRIPTION_SEVERITY };
}

async function changeSubscription(
  caller: Caller,
  conversation: SharedConversation,
  verb: typeof IncidentVerbs.subscribe | typeof IncidentVerbs.unsubscribe,
  customerTenantId: string,
  lang: Lang,
  services: AppServices,
  minSeverity: SubscriptionSeverity = DEFAULT_SUBSCRIPTION_SEVERITY
): Promise<Json> {
  const s = incidentStrings(lang).subscriptions;
  const name =
    (await services.tickets.tenants.names([customerTenantId])).get(customerTenantId) ??
    customerTenantId;
  if (verb === IncidentVerbs.subscribe) {
    const outcome = await subscribeConversation(
      caller,
      conversation,
      customerTenantId,
      services.alerts,
      minSeverity
    );
    const answer = { subscribed: s.subscribed, updated: s.updated, unchanged: s.already }[outcome];
    return noticeCard(s.title, [answer(name, s.severities[minSeverity])]);
  }
  const sub = (await conversationSubscriptions(caller, conversation, services.alerts)).find(
    (c) => c.customerTenantId === customerTenantId
  );
  if (!sub) return noticeCard(s.title, [s.none]);
  await unsubscribe(caller, sub.id, services.alerts);
  return noticeCard(s.title, [s.unsubscribed(name)]);
}
