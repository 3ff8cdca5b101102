/**
 * Change-request and elevation cards (issue #15): pure functions of the request and the viewer's
 * mode. Approvers get Approve / Reject (with a reason) while it is pending; everyone else, and
 * every copy once decided, gets the outcome. `refresh.userIds` names the holder, so a forwarded
 * card is re-rendered per viewer.
 */
import type { ChangeRequest, Elevation } from '../../core/change-control/model.ts';
import { elevationStatusAt } from '../../core/change-control/model.ts';
import { formatWhen, type Lang } from '../i18n.ts';
import { approvalStrings } from '../approval-i18n.ts';
import { ApprovalVerbs, type ApprovalActionData } from '../approval-verbs.ts';
import { card, executeOf, facts, text, title, type Json } from './card.ts';

const execute = executeOf<ApprovalActionData>();

export type ApprovalCardMode = 'actionable' | 'readOnly';

/** A pending request's decision inputs: the optional reason, Approve and Reject. */
function decisionInputs(
  body: Json[],
  actions: Json[],
  s: ReturnType<typeof approvalStrings>,
  base: Omit<ApprovalActionData, 'verb'>,
  approve: ApprovalActionData['verb'],
  reject: ApprovalActionData['verb']
): void {
  body.push({
    type: 'Input.Text',
    id: 'reason',
    label: s.reason,
    isMultiline: true,
    maxLength: 500,
  });
  actions.push(
    execute(s.approve, { ...base, verb: approve }, { style: 'positive' }),
    execute(s.reject, { ...base, verb: reject }, { style: 'destructive' })
  );
}

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const refresh = (data: ApprovalActionData, userIds: string[] = []): Json =>
  userIds.length
    ? { refresh: { action: { type: 'Action.Execute', verb: data.verb, data }, userIds } }
    : {};

/** What both approval cards are drawn for: the viewer's side of the request. */
export interface ApprovalCardInput {
  partnerName: string;
  mode: ApprovalCardMode;
  lang: Lang;
  now: Date;
  refreshUserIds?: string[];
}

/**
 * The request's state in bold: `decided` (its outcome once decided: good news green, anything
 * else in attention), else that it expired unanswered (attention) or that it waits (plain).
 */
function stateLine(
  s: ReturnType<typeof approvalStrings>,
  input: ApprovalCardInput,
  status: string,
  expiresAt: Date,
  decided?: { outcome: string; color: 'Good' | 'Default' | 'Attention' }
): Json {
  const [outcome, color] = decided
    ? [decided.outcome, decided.color]
    : status === 'expired'
      ? [s.expired(formatWhen(expiresAt, input.lang)), 'Attention']
      : [input.mode === 'actionable' ? s.pending : `${s.pending} ${s.readOnly}`, 'Default'];
  return text(outcome, { weight: 'Bolder', color });
}

export function changeRequestCard(input: ApprovalCardInput & { request: ChangeRequest }): Json {
  const { request: r, lang, now } = input;
  const s = approvalStrings(lang);
  const when = (d: Date) => formatWhen(d, lang);
  const base = { subjectId: r.id, customerTenantId: r.customerTenantId };
  const status =
    r.status === 'pending' && r.expiresAt.getTime() <= now.getTime() ? 'expired' : r.status;
  const body: Json[] = [
    title(s.changeTitle(input.partnerName)),
    facts([
      [s.action, s.actions[r.action] ?? r.action],
      [s.object, `${r.objectType} · ${r.objectName}`],
      [s.requestedBy, r.requestedBy.name],
      [s.requestedAt, when(r.requestedAt)],
      ...(status === 'pending' ? ([[s.expires, when(r.expiresAt)]] as [string, string][]) : []),
      [s.why, r.justification || s.none],
    ]),
    text(s.changes, { weight: 'Bolder', spacing: 'Medium' }),
    facts(r.diff.map((d) => [d.field, `${show(d.from)} → ${show(d.to)}`])),
  ];
  const decidedBy = r.decision?.by.name ?? '';
  const decidedAt = r.decision ? when(r.decision.at) : '';
  const decided =
    status === 'applied'
      ? s.applied(decidedBy, decidedAt)
      : status === 'failed'
        ? s.failed(decidedBy, decidedAt, r.outcome?.message ?? r.outcome?.code ?? '')
        : status === 'applying'
          ? s.applying(decidedBy)
          : status === 'rejected'
            ? s.rejected(decidedBy, decidedAt, r.decision?.reason ?? '')
            : undefined;
  const color = status === 'applied' ? 'Good' : status === 'applying' ? 'Default' : 'Attention';
  body.push(
    stateLine(s, input, status, r.expiresAt, decided ? { outcome: decided, color } : undefined)
  );
  const actions: Json[] = [];
  if (status === 'pending' && input.mode === 'actionable') {
    decisionInputs(body, actions, s, base, ApprovalVerbs.changeApprove, ApprovalVerbs.changeReject);
  }
  return card(
    body,
    actions,
    refresh({ ...base, verb: ApprovalVerbs.changeRefresh }, input.refreshUserIds)
  );
}

/** The requester's notice that their request was decided (one per request). */
export function changeDecidedCard(
  request: ChangeRequest,
  customerName: string,
  lang: Lang,
  now: Date
): Json {
  const inner = changeRequestCard({
    request,
    partnerName: customerName,
    mode: 'readOnly',
    lang,
    now,
  });
  const s = approvalStrings(lang);
  const body = (inner.body as Json[]).slice(1);
  return card([
    title(s.decidedTitle),
    text(customerName, { isSubtle: true, spacing: 'None' }),
    ...body,
  ]);
}

export function elevationCard(input: ApprovalCardInput & { elevation: Elevation }): Json {
  const { elevation: e, lang, now } = input;
  const s = approvalStrings(lang);
  const when = (d: Date) => formatWhen(d, lang);
  const base = { subjectId: e.id, customerTenantId: e.customerTenantId };
  const status = elevationStatusAt(e, now);
  const body: Json[] = [
    title(s.elevationTitle(input.partnerName)),
    facts([
      [s.action, e.actions.map((a) => s.actions[a] ?? a).join(', ')],
      [s.window, s.minutes(e.durationMinutes)],
      [s.requestedBy, e.requestedBy.name],
      [s.requestedAt, when(e.requestedAt)],
      [s.why, e.justification],
    ]),
  ];
  const by = e.decision && e.decision.by !== 'policy' ? e.decision.by.name : '';
  const decided =
    status === 'active'
      ? e.decision?.by === 'policy'
        ? s.activeByPolicy(when(e.endsAt!))
        : s.active(when(e.endsAt!))
      : status === 'ended'
        ? s.ended(when(e.ended?.at ?? e.endsAt!))
        : status === 'rejected'
          ? s.rejected(by, e.decision ? when(e.decision.at) : '', e.decision?.reason ?? '')
          : undefined;
  const color = status === 'active' ? 'Good' : 'Attention';
  body.push(
    stateLine(s, input, status, e.expiresAt, decided ? { outcome: decided, color } : undefined)
  );
  const actions: Json[] = [];
  if (input.mode === 'actionable' && status === 'pending') {
    decisionInputs(
      body,
      actions,
      s,
      base,
      ApprovalVerbs.elevationApprove,
      ApprovalVerbs.elevationReject
    );
  }
  if (input.mode === 'actionable' && status === 'active') {
    actions.push(
      execute(s.end, { ...base, verb: ApprovalVerbs.elevationEnd }, { style: 'destructive' })
    );
  }
  return card(
    body,
    actions,
    refresh({ ...base, verb: ApprovalVerbs.elevationRefresh }, input.refreshUserIds)
  );
}
