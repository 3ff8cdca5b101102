/**
 * An incident's card: a pure function of a view model. Every viewer sees the same facts; the
 * actions are the ones this viewer may use now (computed by the caller through the authorization
 * engine and the ticket's state machine). A resolved or closed ticket's card says so and keeps
 * only "Open in the tab". Actions are Action.Execute with an Action.Submit fallback.
 */
import type {
  Severity,
  TicketStatus,
  TicketType,
  TicketSource,
  CloseReason,
} from '../../core/tickets/ticket.model.ts';
import { CLOSE_REASONS, NOTE_MAX } from '../../core/tickets/ticket.model.ts';
import { formatWhen, type Lang } from '../i18n.ts';
import { incidentStrings } from '../incident-i18n.ts';
import { IncidentVerbs, type IncidentActionData, type IncidentVerb } from '../incident-verbs.ts';
import { MAX_REFRESH_USERS, card, executeOf, facts, text, type Json } from './card.ts';

const execute = executeOf<IncidentActionData>();

export interface IncidentView {
  id: string;
  customerTenantId: string;
  customerName: string;
  roomName: string;
  site: string | null;
  severity: Severity;
  type: TicketType;
  status: TicketStatus;
  source: TicketSource;
  title: string;
  assigneeName: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Raised signals counted (signal tickets). */
  signalCount: number | null;
  latestNote: { author: string; text: string; at: Date } | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  closeReason: CloseReason | null;
  version: number;
  /** "Open in the tab": a Teams deep link, or the tab's address in a browser. */
  openUrl: string;
}

/** What this viewer may do now; null = read-only. */
export interface IncidentActions {
  assign: boolean;
  acknowledge: boolean;
  /** Status changes offered (the state machine's, Closed excepted). */
  statuses: readonly TicketStatus[];
  note: boolean;
  close: boolean;
}

export interface IncidentCardModel {
  incident: IncidentView;
  actions: IncidentActions | null;
  lang: Lang;
  /** Universal Actions refresh: null = none; [] = every viewer (channels); else these MRIs (≤ 60). */
  refreshUserIds: readonly string[] | null;
  /** A message shown above the facts (e.g. why a click was not applied). */
  notice?: { text: string; kind: 'good' | 'attention' };
}

/** Buttons a card may show (the Adaptive Cards host default, `maxActions`). */
export const MAX_ACTIONS = 5;
/** Notes are shown up to this length on the card (the tab shows them whole). */
export const NOTE_PREVIEW = 600;

const isFinished = (s: TicketStatus) => s === 'Resolved' || s === 'Closed';

export function incidentCard(m: IncidentCardModel): Json {
  const s = incidentStrings(m.lang);
  const inc = m.incident;
  const data = (verb: IncidentVerb): IncidentActionData => ({
    verb,
    ticketId: inc.id,
    customerTenantId: inc.customerTenantId,
    version: inc.version,
  });
  const when = (d: Date) => formatWhen(d, m.lang);
  const body: Json[] = [
    {
      type: 'Container',
      style:
        inc.severity === 'Important' && !isFinished(inc.status)
          ? 'attention'
          : isFinished(inc.status)
            ? 'good'
            : 'warning',
      bleed: true,
      items: [
        text(s.cardTitle(inc.severity, s.types[inc.type]), { weight: 'Bolder', size: 'Medium' }),
        text(inc.title, { spacing: 'Small' }),
      ],
    },
  ];
  if (m.notice)
    body.push(
      text(m.notice.text, {
        color: m.notice.kind === 'good' ? 'Good' : 'Attention',
        weight: 'Bolder',
      })
    );
  const lastSeen =
    inc.signalCount !== null
      ? s.lastSeenCount(when(inc.lastSeenAt), inc.signalCount)
      : when(inc.lastSeenAt);
  body.push(
    facts([
      [s.severity, s.severities[inc.severity]],
      [s.type, s.types[inc.type]],
      [s.room, inc.roomName],
      [s.site, inc.site ?? '—'],
      [s.customer, inc.customerName],
      [s.status, s.statuses[inc.status]],
      [s.assignee, inc.assigneeName ?? s.unassigned],
      [s.firstSeen, when(inc.firstSeenAt)],
      [s.lastSeen, lastSeen],
    ])
  );
  if (!isFinished(inc.status)) {
    body.push(text(s.recommendedAction, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(s.recommended[inc.type], { spacing: 'None' }));
  }
  if (inc.latestNote) {
    const note =
      inc.latestNote.text.length > NOTE_PREVIEW
        ? `${inc.latestNote.text.slice(0, NOTE_PREVIEW)}…`
        : inc.latestNote.text;
    body.push(text(s.latestNote, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(
      text(s.noteBy(inc.latestNote.author, when(inc.latestNote.at)), {
        isSubtle: true,
        spacing: 'None',
        size: 'Small',
      })
    );
    body.push(text(note, { spacing: 'Small' }));
  }
  const open: Json = { type: 'Action.OpenUrl', title: s.openInTab, url: inc.openUrl };
  const actions: Json[] = [];
  if (isFinished(inc.status)) {
    const reason = inc.closeReason ? s.closeReasons[inc.closeReason] : s.statuses.Closed;
    const outcome =
      inc.status === 'Closed'
        ? s.closed(when(inc.closedAt ?? inc.lastSeenAt), reason)
        : s.resolved(when(inc.resolvedAt ?? inc.lastSeenAt));
    body.push(text(outcome, { weight: 'Bolder', color: 'Good', spacing: 'Medium' }));
  } else if (!m.actions) {
    body.push(text(s.readOnly, { isSubtle: true, spacing: 'Medium' }));
  } else {
    const a = m.actions;
    // At most five buttons (the Adaptive Cards host default): with every other action shown,
    // Acknowledge stays among the status choices instead of having its own button.
    const others = [a.assign, a.statuses.length > 0, a.note, a.close, true].filter(Boolean).length;
    const ackButton = a.acknowledge && others < MAX_ACTIONS;
    if (a.assign)
      actions.push(execute(s.assignToMe, data(IncidentVerbs.assign), { style: 'positive' }));
    if (ackButton) actions.push(execute(s.acknowledge, data(IncidentVerbs.acknowledge)));
    const statuses = a.statuses.filter((x) => !(ackButton && x === 'Acknowledged'));
    if (statuses.length) {
      actions.push(
        form(
          s.changeStatus,
          requiredChoice('status', s.newStatus, statuses[0], statuses, s.statuses),
          execute(s.apply, data(IncidentVerbs.status), { associatedInputs: 'auto' })
        )
      );
    }
    if (a.note) {
      actions.push(
        form(
          s.addNote,
          {
            type: 'Input.Text',
            id: 'note',
            label: s.addNote,
            placeholder: s.notePlaceholder,
            isMultiline: true,
            maxLength: NOTE_MAX,
            isRequired: true,
            errorMessage: s.noteRequired,
          },
          execute(s.save, data(IncidentVerbs.note), { associatedInputs: 'auto' })
        )
      );
    }
    if (a.close) {
      actions.push(
        form(
          s.close,
          requiredChoice('closeReason', s.closeReason, 'Resolved', CLOSE_REASONS, s.closeReasons),
          execute(s.closeConfirm, data(IncidentVerbs.close), {
            associatedInputs: 'auto',
            style: 'destructive',
          })
        )
      );
    }
  }
  actions.push(open);
  return card(body, actions, refreshOf(m, data(IncidentVerbs.refresh)));
}

/** A button opening a one-input form, sent by its own button. */
function form(title: string, input: Json, submit: Json): Json {
  return {
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', body: [input], actions: [submit] },
  };
}

/** A required choice among `values`, each shown by its name in `names`; `value` preselected. */
function requiredChoice<V extends string>(
  id: string,
  label: string,
  value: V,
  values: readonly V[],
  names: Record<V, string>
): Json {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    isRequired: true,
    errorMessage: label,
    value,
    choices: values.map((v) => ({ title: names[v], value: v })),
  };
}

function refreshOf(m: IncidentCardModel, data: IncidentActionData): Json {
  if (m.refreshUserIds === null) return {};
  const userIds = m.refreshUserIds.slice(0, MAX_REFRESH_USERS);
  return {
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: data.verb, data },
      ...(userIds.length ? { userIds } : {}),
    },
  };
}

/** The card of a ticket the viewer may no longer see (never shows its details). */
export function unavailableIncidentCard(lang: Lang, notice?: string): Json {
  const s = incidentStrings(lang);
  return card([
    text(s.unavailableTitle, { weight: 'Bolder', size: 'Medium' }),
    text(notice ?? s.unavailable),
  ]);
}

export interface TicketRow {
  id: string;
  customerTenantId: string;
  customerName: string;
  roomName: string;
  title: string;
  severity: Severity;
  status: TicketStatus;
}

/** The `tickets` command: assigned to the reader first, then the others, newest first, with "More". */
export function ticketsListCard(m: {
  lang: Lang;
  assigned: readonly TicketRow[];
  others: readonly TicketRow[];
  /** Cursor of the next page of "others"; absent on the last page. */
  nextCursor?: string;
  /** A later page: only "others" are listed. */
  continued?: boolean;
}): Json {
  const s = incidentStrings(m.lang);
  const body: Json[] = [text(s.list.title, { size: 'Medium', weight: 'Bolder' })];
  const section = (title: string, rows: readonly TicketRow[]) => {
    if (!rows.length) return;
    body.push(text(title, { weight: 'Bolder', spacing: 'Medium' }));
    for (const r of rows) {
      body.push({
        type: 'Container',
        separator: true,
        selectAction: execute(s.list.open, {
          verb: IncidentVerbs.show,
          ticketId: r.id,
          customerTenantId: r.customerTenantId,
        }),
        items: [
          text(`**${r.title}**`),
          text(
            s.list.row(s.severities[r.severity], s.statuses[r.status], r.roomName, r.customerName),
            { isSubtle: true, spacing: 'None', size: 'Small' }
          ),
        ],
      });
    }
  };
  if (!m.continued) section(s.list.assignedToMe, m.assigned);
  section(s.list.others, m.others);
  if (!m.assigned.length && !m.others.length) body.push(text(s.list.empty));
  const actions = m.nextCursor
    ? [execute(s.list.more, { verb: IncidentVerbs.more, cursor: m.nextCursor })]
    : [];
  return card(body, actions);
}

/** `subscribe` / `unsubscribe` with several customers: the reader picks one. */
export function customerPickerCard(m: {
  lang: Lang;
  verb: typeof IncidentVerbs.subscribe | typeof IncidentVerbs.unsubscribe;
  customers: readonly { customerTenantId: string; name: string }[];
  /** `subscribe`'s minimum severity, carried to the choice. */
  minSeverity?: string;
}): Json {
  const extra = m.minSeverity ? { minSeverity: m.minSeverity } : {};
  const s = incidentStrings(m.lang);
  const head = [
    text(s.subscriptions.title, { size: 'Medium', weight: 'Bolder' }),
    text(s.subscriptions.pick),
  ];
  // Teams shows at most six buttons; more customers get a list to choose from.
  if (m.customers.length <= 5) {
    return card(
      head,
      m.customers.map((c) =>
        execute(c.name, { verb: m.verb, customerTenantId: c.customerTenantId, ...extra })
      )
    );
  }
  return card(
    [
      ...head,
      {
        type: 'Input.ChoiceSet',
        id: 'customerTenantId',
        label: s.customer,
        isRequired: true,
        errorMessage: s.subscriptions.pick,
        style: 'filtered',
        choices: m.customers
          .slice(0, 100)
          .map((c) => ({ title: c.name, value: c.customerTenantId })),
      },
    ],
    [execute(s.apply, { verb: m.verb, ...extra }, { associatedInputs: 'auto' })]
  );
}

/** A short answer card (alerts, subscriptions, errors). */
export function noticeCard(title: string, lines: readonly string[]): Json {
  return card([text(title, { size: 'Medium', weight: 'Bolder' }), ...lines.map((l) => text(l))]);
}

/** To someone who already holds the card: the ticket escalated or reopened (the card above is current). */
export function incidentNoticeCard(m: {
  lang: Lang;
  kind: 'escalated' | 'reopened';
  title: string;
  ticketId: string;
  customerTenantId: string;
  openUrl: string;
}): Json {
  const s = incidentStrings(m.lang);
  return card(
    [
      text(m.kind === 'escalated' ? s.notice.escalated : s.notice.reopened, {
        weight: 'Bolder',
        color: 'Attention',
      }),
      text(m.title),
    ],
    [
      execute(s.list.open, {
        verb: IncidentVerbs.show,
        ticketId: m.ticketId,
        customerTenantId: m.customerTenantId,
      }),
      { type: 'Action.OpenUrl', title: s.openInTab, url: m.openUrl },
    ]
  );
}
