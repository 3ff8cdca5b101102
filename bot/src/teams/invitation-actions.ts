/**
 * What a click on an invitation card does, for Action.Execute invokes and Action.Submit messages
 * alike. Decisions go through the core use cases (acceptInvitation / declineInvitation), so the
 * card is authorized exactly like the REST API. A click the core refuses (no right) is answered
 * with a typed error and the card stays as it was; a click on a card that is no longer current
 * (decided elsewhere, expired, gone) is answered with the current state, never an error.
 */
import type { AppServices } from '../app.ts';
import type { Caller } from '../core/identity/caller.ts';
import type { MemberRef } from '../core/directory/directory.port.ts';
import { isDomainError } from '../core/errors.ts';
import { searchDirectory } from '../core/identity/identity.use-cases.ts';
import { acceptInvitation, declineInvitation } from '../core/partners/invitations.use-cases.ts';
import { toHttpError } from '../http/error-response.ts';
import { errorMessage, strings, type Lang } from './i18n.ts';
import { Verbs, type Verb } from './verbs.ts';
import type { Json } from './cards/card.ts';
import {
  invitationCard,
  unavailableInvitationCard,
  type Choice,
  type InvitationCardMode,
} from './cards/invitation.card.ts';
import type { InvitationCards } from './invitation-cards.ts';

export type ActionResult =
  { kind: 'card'; card: Json } | { kind: 'error'; status: number; code: string; message: string };

export interface ActionInput {
  verb: Verb;
  invitationId: string;
  /** The Input.ChoiceSet value: comma-separated `user:<id>` / `group:<id>`. */
  primaryAdmins?: unknown;
  /** The clicking user's MRI, for the refreshed card's user-specific view. */
  userMri?: string;
  /** The message holding the clicked card (the activity's `replyToId`), when Teams names it. */
  cardActivityId?: string;
}

const MAX_CHOICES = 25;

export async function runInvitationAction(
  caller: Caller,
  input: ActionInput,
  lang: Lang,
  services: AppServices,
  cards: InvitationCards
): Promise<ActionResult> {
  const id = input.invitationId;
  const render = async (
    mode: InvitationCardMode,
    extra: { choices?: Choice[]; notice?: string } = {},
    decidedElsewhere = false
  ) => {
    const view = decidedElsewhere
      ? await cards.decidedViewFor(caller.tenantId, id)
      : await cards.viewFor(caller.tenantId, id);
    if (!view) return { kind: 'card' as const, card: unavailableInvitationCard(lang) };
    return {
      kind: 'card' as const,
      card: invitationCard({
        invitation: view,
        mode,
        lang,
        now: services.partners.now(),
        refreshUserIds: input.userMri ? [input.userMri] : [],
        ...extra,
      }),
    };
  };
  try {
    switch (input.verb) {
      case Verbs.refresh:
      case Verbs.review:
      case Verbs.back:
        return render((await cards.mayDecide(caller)) ? 'actionable' : 'readOnly');
      case Verbs.acceptStart:
      case Verbs.declineStart: {
        if (!(await cards.mayDecide(caller))) return denied(lang);
        if (input.verb === Verbs.declineStart) return render('decline');
        return render('accept', { choices: await directoryChoices(caller, services, '', lang) });
      }
      case Verbs.accept: {
        const primaryAdmins = parseMembers(input.primaryAdmins);
        const fromCard = input.cardActivityId;
        await acceptInvitation(
          caller,
          id,
          { primaryAdmins, ...(fromCard ? { fromCard } : {}) },
          services.partners
        );
        return render('actionable');
      }
      case Verbs.decline:
        await declineInvitation(caller, id, services.partners, input.cardActivityId);
        return render('actionable');
    }
  } catch (e) {
    if (
      isDomainError(e) &&
      e.code.startsWith('INVITATION.') &&
      ['conflict', 'gone', 'not_found'].includes(e.kind)
    ) {
      // Decided elsewhere, expired or gone: show what is true now.
      if (e.kind === 'gone') await cards.expireNow(caller.tenantId, id);
      return render('actionable', {}, e.kind === 'conflict');
    }
    if (isDomainError(e)) {
      const { status, body } = toHttpError(e);
      return { kind: 'error', status, code: body.code, message: errorMessage(lang, body) };
    }
    throw e;
  }
}

const denied = (lang: Lang): ActionResult => ({
  kind: 'error',
  status: 403,
  code: 'AUTHZ.FORBIDDEN',
  message: strings(lang).invitations.readOnly,
});

/** `user:<id>,group:<id>` (what the ChoiceSet sends) as member references; junk is dropped. */
export function parseMembers(value: unknown): MemberRef[] {
  if (typeof value !== 'string') return [];
  const out: MemberRef[] = [];
  for (const part of value.split(',').slice(0, 50)) {
    const m = /^(user|group):([0-9a-fA-F-]{1,64})$/.exec(part.trim());
    if (m) out.push({ type: m[1] as MemberRef['type'], id: m[2]!.toLowerCase() });
  }
  return out;
}

/** People and groups of the caller's own directory, through the same use case as the tab's search. */
export async function directoryChoices(
  caller: Caller,
  services: AppServices,
  query: string,
  lang: Lang,
  limit = MAX_CHOICES
): Promise<Choice[]> {
  const found = await searchDirectory(
    caller,
    { query, kinds: ['user', 'group'], limit: Math.min(limit, MAX_CHOICES) },
    services,
    services.mayBrowseDirectory
  );
  return found.map((o) => ({
    title:
      o.kind === 'group' ? `${o.displayName} (${strings(lang).invitations.group})` : o.displayName,
    value: `${o.kind}:${o.id}`,
  }));
}
