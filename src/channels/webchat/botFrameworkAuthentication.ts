/**
 * Bot Framework authentication from explicit configuration values (passed in from the zod config, never read from the environment here).
 * No app id: Emulator mode, anonymous requests are accepted and replies go out without a token.
 * With an app id: every request to /api/messages must carry a valid Bot Framework JWT.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

export interface BotFrameworkCredentials {
  appId?: string;
  appPassword?: string;
  /** MultiTenant (default), SingleTenant or UserAssignedMSI */
  appType?: string;
  tenantId?: string;
}

export function createBotFrameworkAuthentication(
  credentials: BotFrameworkCredentials,
): ConfigurationBotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (credentials.appId) options.MicrosoftAppId = credentials.appId;
  if (credentials.appPassword) options.MicrosoftAppPassword = credentials.appPassword;
  if (credentials.appType) options.MicrosoftAppType = credentials.appType;
  if (credentials.tenantId) options.MicrosoftAppTenantId = credentials.tenantId;
  return new ConfigurationBotFrameworkAuthentication(options);
}
