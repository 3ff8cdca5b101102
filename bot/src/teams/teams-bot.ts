/**
 * The bot's activity handler: thin, it turns activities into use-case calls. Identity comes
 * from the activity as validated by the adapter (`from.aadObjectId`, the conversation tenant).
 */
import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { AppServices } from '../app.ts';
import type { Principal } from '../core/principal.ts';

/** Principal of the activity's sender, or null when Teams did not supply an Entra identity. */
export function principalFromActivity(context: TurnContext): Principal | null {
  const a = context.activity;
  const channelData = a.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = a.conversation?.tenantId ?? channelData?.tenant?.id;
  const userId = a.from?.aadObjectId;
  if (!tenantId || !userId) return null;
  return { tenantId: tenantId.toLowerCase(), userId: userId.toLowerCase(), name: a.from.name, wids: [] };
}

export class RoomsPartnerBot extends TeamsActivityHandler {
  constructor(private readonly services: AppServices) {
    super();
    this.onMessage(async (context, next) => {
      await this.reply(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id !== botId)) {
        await context.sendActivity(WELCOME);
      }
      await next();
    });
  }

  private async reply(context: TurnContext): Promise<void> {
    const principal = principalFromActivity(context);
    if (!principal) {
      await context.sendActivity('I could not tell who you are. Please use me from Microsoft Teams.');
      return;
    }
    const tenant = await this.services.tenants.get(principal.tenantId);
    const user = await this.services.directory.getUser(principal.tenantId, principal.userId);
    await context.sendActivity(
      `${WELCOME}\n\nSigned in as ${user?.displayName ?? principal.name ?? 'an unknown user'}` +
        ` of ${tenant?.displayName ?? 'a tenant not yet known to Rooms Partner Hub'}.`
    );
  }
}

const WELCOME =
  'Hi, I am Rooms Partner Hub. I bring partner invitations and Teams Rooms incident alerts to you ' +
  'here, as cards you can act on. Open the Partner Hub tab to manage tenants, roles and incidents.';
