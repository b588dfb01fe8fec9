/**
 * Bot Framework authentication from explicit configuration values (passed in from the zod config, never read from the environment here).
 * No app id: Emulator mode, anonymous requests are accepted and replies go out without a token.
 * With an app id: every request to /api/messages must carry a valid Bot Framework JWT.
 */
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

export interface BotFrameworkCredentials {
  appId?: string;
  appPassword?: string;
  /** MultiTenant (default), SingleTenant or UserAssignedMSI */
  appType?: string;
  tenantId?: string;
  /**
   * where the channel's signing keys are published (default Azure's). Tests serve their own key here
   * to send correctly signed tokens; every check on the token still runs.
   */
  openIdMetadataUrl?: string;
}

export function createBotFrameworkAuthentication(
  credentials: BotFrameworkCredentials,
): ConfigurationBotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (credentials.appId) options.MicrosoftAppId = credentials.appId;
  if (credentials.appPassword) options.MicrosoftAppPassword = credentials.appPassword;
  if (credentials.appType) options.MicrosoftAppType = credentials.appType;
  if (credentials.tenantId) options.MicrosoftAppTenantId = credentials.tenantId;
  if (credentials.openIdMetadataUrl) {
    // botbuilder takes any one of these as "all are given": the rest stay the public cloud's
    // (botframework-connector's AuthenticationConstants, which botbuilder does not re-export)
    Object.assign(options, {
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: credentials.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  return new ConfigurationBotFrameworkAuthentication(options);
}
