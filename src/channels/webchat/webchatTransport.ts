/**
 * The two ways a web chat message travels, built once and shared by the routes and the proactive
 * sender: botbuilder's CloudAdapter (Bot Connector: Emulator, Azure Bot Service, Azure Direct Line)
 * and the in-process local Direct Line.
 */
import { CloudAdapter, type ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { type BotFrameworkCredentials, createBotFrameworkAuthentication } from './botFrameworkAuthentication.js';
import { LocalDirectLine, type LocalDirectLineOptions } from './directLine/localDirectLine.js';

export interface WebchatTransportOptions {
  botFramework: BotFrameworkCredentials;
  localDirectLine?: LocalDirectLineOptions;
}

export interface WebchatTransport {
  authentication: ConfigurationBotFrameworkAuthentication;
  cloudAdapter: CloudAdapter;
  directLine: LocalDirectLine;
  /** the bot's Microsoft app id; '' in Emulator mode */
  botAppId: string;
}

export function createWebchatTransport(options: WebchatTransportOptions): WebchatTransport {
  const authentication = createBotFrameworkAuthentication(options.botFramework);
  return {
    authentication,
    cloudAdapter: new CloudAdapter(authentication),
    directLine: new LocalDirectLine(options.localDirectLine),
    botAppId: options.botFramework.appId ?? '',
  };
}
