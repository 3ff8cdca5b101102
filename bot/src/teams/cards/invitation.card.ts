/**
 * An invitation's card: pure functions of a view model. The same view renders the actionable card
 * (Accept / Decline), the read-only card (for a viewer who may not decide), the Primary admins
 * step, the decline confirmation and the outcome (accepted / declined / withdrawn / expired).
 */
import type { InboxItemView } from '../../core/partners/partners.views.ts';
import { formatWhen, strings, type Lang } from '../i18n.ts';
import { Verbs } from '../verbs.ts';
import { MAX_REFRESH_USERS, card, execute, facts, text, title, type Json } from './card.ts';

export type InvitationOutcomeView =
  | { kind: 'accepted' | 'declined' | 'withdrawn'; byName: string; at: Date }
  | { kind: 'expired'; at: Date };

/** The invitation as the partner's inbox shows it, and what became of it (null while pending). */
export interface InvitationView extends Omit<InboxItemView, 'expired'> {
  outcome: InvitationOutcomeView | null;
}

export type InvitationCardMode = 'actionable' | 'readOnly' | 'accept' | 'decline';

export interface Choice {
  title: string;
  value: string;
}

export interface InvitationCardModel {
  invitation: InvitationView;
  mode: InvitationCardMode;
  lang: Lang;
  now: Date;
  /** Teams user MRIs who get their own view through refresh (≤ 60). */
  refreshUserIds?: readonly string[];
  /** Accept step: the static choice list (where typeahead is unavailable). */
  choices?: readonly Choice[];
  /** A message shown above the card (e.g. why a click was not applied). */
  notice?: string;
}

/** The Data.Query dataset answered by the bot's `application/search` handler. */
export const DIRECTORY_DATASET = 'partner.directory';

export function invitationCard(m: InvitationCardModel): Json {
  const s = strings(m.lang).invitations;
  const inv = m.invitation;
  const data = (verb: (typeof Verbs)[keyof typeof Verbs]) => ({ verb, invitationId: inv.id });
  const scope = inv.scope.allRooms
    ? s.allRooms
    : s.scopeCounts(inv.scope.roomCount, inv.scope.roomGroupCount);
  const expiresAt = formatWhen(inv.expiresAt, m.lang);
  const left = inv.expiresAt.getTime() - m.now.getTime();
  const decided = inv.outcome !== null || left <= 0;
  const body: Json[] = [title(s.cardTitle(inv.customerName))];
  if (m.notice) body.push(text(m.notice, { color: 'Attention' }));
  body.push(
    facts([
      [s.customer, inv.customerName],
      [s.domain, inv.customerDomain || '—'],
      [s.tenantId, inv.customerTenantId],
      [s.scope, scope],
      [s.changeControl, inv.changeControl === 'auto' ? s.auto : s.manual],
      [s.invitedBy, s.invitedOn(inv.createdByName, formatWhen(inv.createdAt, m.lang))],
      [s.expires, decided ? expiresAt : s.timeLeft(left, expiresAt)],
    ])
  );
  if (decided) {
    const color = inv.outcome?.kind === 'accepted' ? 'Good' : 'Default';
    body.push(text(outcomeText(inv, m.lang), { weight: 'Bolder', color }));
    return card(body, [], refreshOf(m, data));
  }
  const actions: Json[] = [];
  if (m.mode === 'actionable') {
    body.push(text(s.pending, { isSubtle: true }));
    actions.push(execute(s.accept, data(Verbs.acceptStart), { style: 'positive' }));
    actions.push(execute(s.decline, data(Verbs.declineStart)));
  } else if (m.mode === 'readOnly') {
    body.push(text(`${s.pending}. ${s.readOnly}`, { isSubtle: true }));
  } else if (m.mode === 'accept') {
    body.push(text(s.acceptIntro));
    body.push({
      type: 'Input.ChoiceSet',
      id: 'primaryAdmins',
      label: s.primaryAdmins,
      isRequired: true,
      errorMessage: s.choosePrimaryAdmin,
      isMultiSelect: true,
      style: 'filtered',
      placeholder: s.primaryAdminsPlaceholder,
      choices: (m.choices ?? []).map((c) => ({ title: c.title, value: c.value })),
      'choices.data': { type: 'Data.Query', dataset: DIRECTORY_DATASET },
    });
    actions.push(
      execute(s.accept, data(Verbs.accept), { style: 'positive', associatedInputs: 'auto' })
    );
    actions.push(execute(s.back, data(Verbs.back), { associatedInputs: 'none' }));
  } else {
    body.push(text(s.declineTitle(inv.customerName), { weight: 'Bolder' }));
    body.push(text(s.declineBody(inv.customerName)));
    actions.push(execute(s.decline, data(Verbs.decline), { style: 'destructive' }));
    actions.push(execute(s.back, data(Verbs.back)));
  }
  return card(body, actions, refreshOf(m, data));
}

/** Universal Actions refresh: each listed user gets their own view (read-only if they may not decide). */
function refreshOf(m: InvitationCardModel, data: (v: typeof Verbs.refresh) => Json): Json {
  const userIds = (m.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  if (userIds.length === 0) return {};
  return {
    refresh: {
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: Verbs.refresh,
        data: data(Verbs.refresh),
      },
      userIds,
    },
  };
}

export function outcomeText(inv: InvitationView, lang: Lang): string {
  const s = strings(lang).invitations;
  const o = inv.outcome ?? { kind: 'expired' as const, at: inv.expiresAt };
  const when = formatWhen(o.at, lang);
  switch (o.kind) {
    case 'accepted':
      return s.accepted(o.byName, when);
    case 'declined':
      return s.declined(o.byName, when);
    case 'withdrawn':
      return s.withdrawn(when);
    default:
      return s.expired(when);
  }
}

/** The card for an invitation that no longer exists and left no trace the viewer may see. */
export function unavailableInvitationCard(lang: Lang): Json {
  const s = strings(lang).invitations;
  return card([title(s.title), text(s.notAvailable)]);
}

/** A reminder (one per holder) a few days before expiry; the card itself is updated separately. */
export function reminderCard(inv: InvitationView, days: number, lang: Lang): Json {
  const s = strings(lang).invitations;
  return card(
    [
      text(s.reminder(inv.customerName, days), { weight: 'Bolder' }),
      facts([
        [s.domain, inv.customerDomain || '—'],
        [s.expires, formatWhen(inv.expiresAt, lang)],
      ]),
    ],
    [execute(s.review, { verb: Verbs.review, invitationId: inv.id })]
  );
}
