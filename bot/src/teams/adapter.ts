/**
 * The only module that knows botbuilder's adapter and authentication types: botbuilder is being
 * retired upstream in favour of the Microsoft 365 Agents SDK, so a swap touches this file.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

const credentialsOf = (config: Config) => ({
  MicrosoftAppId: config.MICROSOFT_APP_ID,
  MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
  MicrosoftAppType: config.MICROSOFT_APP_TYPE,
  MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
});

/**
 * Bearer tokens for the bot's own calls to the Bot Connector (proactive sends), from the same
 * credentials the adapter uses; null for the anonymous local bot.
 */
export function createConnectorTokenProvider(config: Config): () => Promise<string | null> {
  if (!config.MICROSOFT_APP_ID) return async () => null;
  const credentials = credentialsOf(config);
  const factory = new ConfigurationServiceClientCredentialFactory(credentials);
  const authority = `https://login.microsoftonline.com/${config.MICROSOFT_APP_TENANT_ID || 'botframework.com'}`;
  const pending = factory.createCredentials(
    config.MICROSOFT_APP_ID,
    'https://api.botframework.com',
    authority,
    true
  );
  return async () => {
    const creds = (await pending) as unknown as { getToken(force?: boolean): Promise<string> };
    return creds.getToken();
  };
}

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const credentials = credentialsOf(config);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      credentials,
      new ConfigurationServiceClientCredentialFactory(credentials)
    )
  );
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // Log the detail; tell the user only that it failed (never echo error.message).
    log.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
    }
  };
  return adapter;
}
