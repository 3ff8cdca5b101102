/**
 * The bot's activity handler: thin, it turns activities into use-case calls. The adapter has
 * authenticated the activity (401 before this runs when an app id is configured); identity comes
 * from it (`from.aadObjectId`, the conversation tenant), Global admins from the directory.
 */
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type SearchInvokeResponse,
  type SearchInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { AppServices } from '../app.ts';
import type { Principal } from '../core/principal.ts';
import type { Caller } from '../core/identity/caller.ts';
import { isDomainError } from '../core/errors.ts';
import { toHttpError } from '../http/error-response.ts';
import type { ConversationKind } from '../data/teams.collections.ts';
import { errorMessage, langOf, strings, type Lang } from './i18n.ts';
import { isVerb, type ActionData } from './verbs.ts';
import { cardMessage } from './cards/card.ts';
import { helpCard } from './cards/help.card.ts';
import { DIRECTORY_DATASET } from './cards/invitation.card.ts';
import { runCommand } from './commands.ts';
import { directoryChoices, runInvitationAction, type ActionResult } from './invitation-actions.ts';
import { refIdOf, type ConversationSighting } from './conversation-refs.ts';
import { isApprovalActionData, type ApprovalActionData } from './approval-verbs.ts';
import { runApprovalAction } from './approval-actions.ts';
import type { SharedConversation } from '../core/alerts/alerts.use-cases.ts';
import { isIncidentActionData, runIncidentAction, runIncidentCommand } from './incident-actions.ts';

/** Principal of the activity's sender, or null when Teams did not supply an Entra identity. */
export function principalFromActivity(context: TurnContext): Principal | null {
  const a = context.activity;
  const channelData = a.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = a.conversation?.tenantId ?? channelData?.tenant?.id;
  const userId = a.from?.aadObjectId;
  if (!tenantId || !userId) return null;
  return {
    tenantId: tenantId.toLowerCase(),
    userId: userId.toLowerCase(),
    name: a.from.name,
    wids: [],
  };
}

/** Where this activity happened, as a conversation reference to keep; null without a tenant. */
export function sightingOf(context: TurnContext): ConversationSighting | null {
  const a = context.activity;
  const channelData = a.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = (a.conversation?.tenantId ?? channelData?.tenant?.id)?.toLowerCase();
  if (!tenantId || !a.serviceUrl || !a.conversation?.id) return null;
  const type = a.conversation.conversationType;
  const kind: ConversationKind =
    type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const userId = kind === 'personal' ? (a.from?.aadObjectId?.toLowerCase() ?? null) : null;
  if (kind === 'personal' && !userId) return null;
  return {
    tenantId,
    kind,
    userId,
    // A channel thread's id carries ";messageid=..."; the reference is the channel itself.
    conversationId: a.conversation.id.split(';')[0]!,
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    bot: { id: a.recipient.id, name: a.recipient.name },
    user: kind === 'personal' ? { id: a.from.id, name: a.from.name } : null,
    locale: a.locale ?? 'en-US',
  };
}

/** The conversation of an activity, as the alert subscriptions name it. */
export function conversationOf(
  context: TurnContext,
  s: ConversationSighting | null
): SharedConversation | null {
  if (!s) return null;
  const channelData = context.activity.channelData as
    { channel?: { name?: string }; team?: { name?: string } } | undefined;
  const name =
    context.activity.conversation?.name ??
    channelData?.channel?.name ??
    channelData?.team?.name ??
    null;
  return { refId: refIdOf(s), tenantId: s.tenantId, kind: s.kind, name };
}

const ERROR_TYPE = 'application/vnd.microsoft.error';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Card action data as the bot's own cards send it: a known verb and an invitation id. */
export const isActionData = (
  d: Record<string, unknown>
): d is ActionData & Record<string, unknown> =>
  isVerb(d.verb) && typeof d.invitationId === 'string' && GUID.test(d.invitationId);

export class RoomsPartnerBot extends TeamsActivityHandler {
  constructor(private readonly services: AppServices) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const s = sightingOf(context);
      if (s) await this.services.teams.refs.deactivate(refIdOf(s), 'uninstalled');
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.conversationUpdated(context);
      await next();
    });
  }

  private async installed(context: TurnContext): Promise<void> {
    const s = sightingOf(context);
    if (!s) return;
    const refId = await this.services.teams.refs.save(s);
    const principal = principalFromActivity(context);
    if (s.kind !== 'personal' || !principal) return;
    const ref = await this.services.teams.refs.get(refId);
    if (ref)
      await this.services.teams.invitationCards.offerPending(
        await this.services.callerFor(principal),
        ref
      );
  }

  private async conversationUpdated(context: TurnContext): Promise<void> {
    const s = sightingOf(context);
    if (s) await this.services.teams.refs.save(s);
    const botId = context.activity.recipient.id;
    const added = context.activity.membersAdded ?? [];
    if (s?.kind === 'personal' && added.some((m) => m.id !== botId)) {
      await context.sendActivity(
        cardMessage(helpCard({ lang: langOf(context.activity.locale), welcome: true }))
      );
    }
  }

  private message(context: TurnContext): Promise<void> {
    const refuse = async (lang: Lang) => {
      await context.sendActivity(strings(lang).errors['AUTH.UNKNOWN_USER']!);
    };
    return fromIdentified(context, refuse, (principal, lang) =>
      this.identifiedMessage(context, principal, lang)
    );
  }

  private async identifiedMessage(
    context: TurnContext,
    principal: Principal,
    lang: Lang
  ): Promise<void> {
    const s = sightingOf(context);
    if (s?.kind === 'personal') await this.services.teams.refs.touch(s);
    const caller = await this.services.callerFor(principal);
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (value && isApprovalActionData(value)) {
      // Action.Submit fallback of an approval card (issue #15): the same code as Action.Execute.
      await answerClick(context, await this.approvalAction(context, caller, value, lang));
      return;
    }
    if (value && isIncidentActionData(value)) {
      if (s) await this.services.teams.refs.touch(s);
      const click = {
        data: value,
        userMri: context.activity.from?.id,
        conversation: conversationOf(context, s),
        cardActivityId: context.activity.replyToId,
      };
      await answerClick(context, await runIncidentAction(caller, click, lang, this.services));
      return;
    }
    if (value && isActionData(value)) {
      // Action.Submit fallback of a card action: the same code as Action.Execute.
      await answerClick(context, await this.action(context, caller, value, lang));
      return;
    }
    const text = context.activity.text ?? '';
    // Commands work in channels and group chats too (subscribe needs the conversation's reference).
    if (s && s.kind !== 'personal') await this.services.teams.refs.touch(s);
    const incident = await runIncidentCommand(
      text,
      caller,
      lang,
      this.services,
      conversationOf(context, s),
      context.activity.from?.id
    );
    if (incident) {
      await context.sendActivity(cardMessage(incident));
      return;
    }
    await context.sendActivity(cardMessage(await runCommand(text, caller, lang, this.services)));
  }

  private action(
    context: TurnContext,
    caller: Caller,
    data: ActionData & Record<string, unknown>,
    lang: Lang
  ): Promise<ActionResult> {
    return runInvitationAction(
      caller,
      {
        verb: data.verb,
        invitationId: data.invitationId.toLowerCase(),
        primaryAdmins: data.primaryAdmins,
        userMri: context.activity.from?.id,
        cardActivityId: context.activity.replyToId,
      },
      lang,
      this.services,
      this.services.teams.invitationCards
    );
  }

  private approvalAction(
    context: TurnContext,
    caller: Caller,
    data: ApprovalActionData & Record<string, unknown>,
    lang: Lang
  ): Promise<ActionResult> {
    const tenants = this.services.tenants;
    return runApprovalAction(
      caller,
      {
        verb: data.verb,
        subjectId: data.subjectId,
        customerTenantId: data.customerTenantId,
        reason: data.reason,
        userMri: context.activity.from?.id,
      },
      lang,
      this.services,
      async (id) => (await tenants.get(id))?.displayName ?? id
    );
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue
  ): Promise<AdaptiveCardInvokeResponse> {
    return fromIdentified(context, unknownUser, async (principal, lang) => {
      const data = { ...((invokeValue.action.data ?? {}) as Record<string, unknown>) };
      data.verb = invokeValue.action.verb ?? data.verb;
      const approval = isApprovalActionData(data);
      const incident = !approval && isIncidentActionData(data);
      if (!approval && !incident && !isActionData(data))
        return errorResponse(400, 'REQUEST.INVALID', 'Unknown card action.');
      const s = sightingOf(context);
      if (s?.kind === 'personal' || (incident && s)) await this.services.teams.refs.touch(s!);
      const caller = await this.services.callerFor(principal);
      const result = approval
        ? await this.approvalAction(context, caller, data, lang)
        : incident
          ? await runIncidentAction(
              caller,
              {
                data,
                userMri: context.activity.from?.id,
                conversation: conversationOf(context, s),
                cardActivityId: context.activity.replyToId,
              },
              lang,
              this.services
            )
          : await this.action(context, caller, data as ActionData & Record<string, unknown>, lang);
      if (result.kind === 'error') return errorResponse(result.status, result.code, result.message);
      return {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: result.card as never,
      };
    });
  }

  /** Data.Query typeahead over the caller's own directory (the Primary admins picker). */
  protected override onSearchInvoke(
    context: TurnContext,
    value: SearchInvokeValue
  ): Promise<SearchInvokeResponse> {
    return fromIdentified(context, unknownUser, async (principal, lang) => {
      if (value.dataset !== DIRECTORY_DATASET)
        return errorResponse(400, 'REQUEST.INVALID', 'Unknown dataset.');
      try {
        const caller = await this.services.callerFor(principal);
        const top = Number(value.queryOptions?.top ?? 15);
        const query = String(value.queryText ?? '');
        const choices = await directoryChoices(
          caller,
          this.services,
          query,
          lang,
          top > 0 ? top : 15
        );
        return {
          statusCode: 200,
          type: 'application/vnd.microsoft.search.searchResponse',
          value: { results: choices } as never,
        };
      } catch (e) {
        if (!isDomainError(e)) throw e;
        const { status, body } = toHttpError(e);
        return errorResponse(status, body.code, errorMessage(lang, body));
      }
    });
  }
}

/**
 * The answer to an activity (a message, a card click, a typeahead query) from the user Teams
 * identified, in their language; anyone else (no Entra ids on the activity) gets `refuse` (to an
 * invoke: a 401) and nothing runs.
 */
async function fromIdentified<R>(
  context: TurnContext,
  refuse: (lang: Lang) => R | Promise<R>,
  answer: (principal: Principal, lang: Lang) => Promise<R>
): Promise<R> {
  const lang = langOf(context.activity.locale);
  const principal = principalFromActivity(context);
  return principal ? answer(principal, lang) : refuse(lang);
}

/**
 * A card click sent as a message (the Action.Submit fallback): a refusal as text, else the new
 * card in place of the clicked one (or as a new message when the click names none).
 */
async function answerClick(context: TurnContext, result: ActionResult): Promise<void> {
  if (result.kind === 'error') await context.sendActivity(result.message);
  else if (context.activity.replyToId)
    await context.updateActivity({ ...cardMessage(result.card), id: context.activity.replyToId });
  else await context.sendActivity(cardMessage(result.card));
}

/** The answer to an invoke from someone Teams did not identify (no Entra ids on the activity). */
const unknownUser = (lang: Lang) =>
  errorResponse(401, 'AUTH.UNKNOWN_USER', strings(lang).errors['AUTH.UNKNOWN_USER']!);

function errorResponse(
  statusCode: number,
  code: string,
  message: string
): AdaptiveCardInvokeResponse {
  return { statusCode, type: ERROR_TYPE, value: { code, message } as never };
}
