/**
 * Everything web chat adds to the HTTP server: POST /api/messages (Bot Connector), the local Direct
 * Line (/v3/directline REST + WebSocket stream), POST /api/directline/token and the chat page at /.
 * Both transports run the same HelplineBot through `runBotTurn`.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { DEFAULT_QUICK_EXIT_URL } from '../../config.js';
import type { Locale } from '../../domain/domain.js';
import type { Translations } from '../../i18n/i18n.js';
import { registerChatPage } from './chatPage.js';
import { AZURE_DIRECT_LINE_BASE_URL } from './directLine/azureDirectLineToken.js';
import { registerDirectLineRoutes } from './directLine/directLineRoutes.js';
import { attachDirectLineStream } from './directLine/directLineStream.js';
import { ResumeTokens, type ResumeTokensOptions } from './directLine/resumeTokens.js';
import { registerDirectLineTokenRoute } from './directLineTokenRoute.js';
import { HelplineBot, type WebchatEngine } from './helplineBot.js';
import { registerMessagesRoute } from './messagesRoute.js';
import { runBotTurn } from './runBotTurn.js';
import { createServiceUrlPolicy, DEFAULT_BOT_SERVICE_URL_HOSTS } from './serviceUrlPolicy.js';
import type { WebchatTransport } from './webchatTransport.js';

export interface WebchatConfig {
  defaultLocale: Locale;
  /** DIRECT_LINE_SECRET: the page then uses Azure Direct Line */
  directLineSecret?: string;
  /** Azure Direct Line's base URL (default the global one; tests point it at a fake) */
  azureDirectLineBaseUrl?: string;
  /** BOT_SERVICE_URL_HOSTS: where replies to Bot Connector activities may go (with credentials) */
  botServiceUrlHosts?: string[];
  /** QUICK_EXIT_URL: where the page's quick exit goes */
  quickExitUrl?: string;
}

export interface WebchatDeps {
  engine: WebchatEngine;
  translations: Translations;
  /** from createWebchatTransport; shared with createWebchatSender */
  transport: WebchatTransport;
  config: WebchatConfig;
  logger: Logger;
  /**
   * PUBLIC_BASE_URL without a trailing slash: the page's Direct Line domain and stream URLs. A
   * function when it is known only after listen() (port 0 in tests).
   */
  publicBaseUrl: string | (() => string);
  /** resume tokens (local Direct Line only): where the key and the transcripts are, how long a token holds */
  resume: ResumeTokensOptions;
}

export interface WebchatRoutes {
  /** closes the open Direct Line streams and stops taking WebSocket upgrades */
  close(): Promise<void>;
}

export const BOT_ACCOUNT_ID = 'helpline-bot';

export function registerWebchatRoutes(server: Server, deps: WebchatDeps): WebchatRoutes {
  const { translations, transport, config, logger } = deps;
  const publicBaseUrl = typeof deps.publicBaseUrl === 'string' ? constant(deps.publicBaseUrl) : deps.publicBaseUrl;
  const bot = new HelplineBot(deps.engine, translations);
  const runTurn = (context: TurnContext) =>
    runBotTurn(context, { bot, translations, defaultLocale: config.defaultLocale, logger });
  const azureDirectLineBaseUrl = (config.azureDirectLineBaseUrl ?? AZURE_DIRECT_LINE_BASE_URL).replace(/\/+$/u, '');

  registerMessagesRoute(server, {
    adapter: transport.cloudAdapter,
    authentication: transport.authentication,
    runTurn,
    emulatorMode: !transport.botAppId,
    serviceUrlAllowed: createServiceUrlPolicy({
      emulatorMode: !transport.botAppId,
      allowedHosts: config.botServiceUrlHosts ?? DEFAULT_BOT_SERVICE_URL_HOSTS,
    }),
    logger,
  });
  const botAccount = { id: BOT_ACCOUNT_ID, name: translations.t(config.defaultLocale, 'webchat.botName'), role: 'bot' };
  registerDirectLineRoutes(server, {
    directLine: transport.directLine,
    runTurn,
    botAccount,
    publicBaseUrl,
    logger,
  });
  registerDirectLineTokenRoute(server, {
    directLine: transport.directLine,
    publicBaseUrl,
    ...(config.directLineSecret ? { directLineSecret: config.directLineSecret } : {}),
    azureDirectLineBaseUrl,
    resume: { tokens: new ResumeTokens(deps.resume), store: deps.resume.store, botAccount },
    logger,
  });
  registerChatPage(server, {
    translations,
    defaultLocale: config.defaultLocale,
    quickExitUrl: config.quickExitUrl ?? DEFAULT_QUICK_EXIT_URL,
    // Azure Direct Line keeps its conversations itself; resuming one is not built
    resumeAvailable: !config.directLineSecret,
    connectOrigins: () => [
      webSocketOrigin(publicBaseUrl()),
      ...(config.directLineSecret
        ? [new URL(azureDirectLineBaseUrl).origin, webSocketOrigin(azureDirectLineBaseUrl)]
        : []),
    ],
  });
  if (!transport.botAppId) {
    logger.info(
      { channel: 'webchat' },
      'Bot Framework: no app id, /api/messages accepts unauthenticated requests (Emulator mode)',
    );
  }
  const closeStream = attachDirectLineStream(server.server, { directLine: transport.directLine, logger });
  return { close: closeStream };
}

function constant(value: string): () => string {
  return () => value;
}

function webSocketOrigin(httpUrl: string): string {
  const url = new URL(httpUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}
