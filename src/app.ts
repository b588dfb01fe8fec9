/**
 * Builds the application from a validated config: store, language understanding, dialogs, channels,
 * HTTP routes. Tests call it with a temp DATA_DIR, a fake clock and fake outside services (local HTTP
 * servers speaking Twilio's and the Bot Connector's protocols); src/main.ts calls it for real.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import restify from 'restify';
import { helplineMachine } from '../dialogs/helplineMachine.js';
import { registerSmsRoutes } from './channels/sms/smsRoutes.js';
import { createTwilioSmsSender } from './channels/sms/twilioSmsSender.js';
import type { AppConfig } from './config.js';
import type { ChannelSender } from './conversation/channelSender.js';
import { ConversationEngine } from './conversation/conversationEngine.js';
import type { Channel } from './conversation/domain.js';
import { createKeywordMatcher } from './conversation/keywordMatcher.js';
import { isOpen, parseOpeningHours } from './handover/openingHours.js';
import { createTranslations, type Translations } from './i18n/i18n.js';
import { createLogger } from './logging/createLogger.js';
import { errorSummary } from './logging/errorSummary.js';
import { createClassifier } from './nlu/createClassifier.js';
import { createStore } from './storage/createStore.js';
import type { Store } from './storage/ports.js';

export interface AppOverrides {
  clock?: () => Date;
  logger?: Logger;
}

export interface App {
  server: restify.Server;
  engine: ConversationEngine;
  store: Store;
  translations: Translations;
  logger: Logger;
  /** listens on config.port/host (0 = any free port) and returns the base URL */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const openingHours = parseOpeningHours(config.openingHours);
  if (!openingHours.ok) throw new Error(`OPENING_HOURS: ${openingHours.error}`);

  const translations = await createTranslations(config.defaultLocale);
  const store = await createStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onError: (error, context) => logger.error({ err: errorSummary(error), context }, 'storage error'),
  });
  const senders: Partial<Record<Channel, ChannelSender>> = {};
  if (config.twilio.accountSid && config.twilio.authToken && config.twilio.fromNumber) {
    senders.sms = createTwilioSmsSender({
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      fromNumber: config.twilio.fromNumber,
      apiBaseUrl: config.twilio.apiBaseUrl,
      translations,
      logger,
    });
  }
  const engine = new ConversationEngine({
    store,
    machine: helplineMachine,
    classify: createClassifier(),
    matchKeyword: createKeywordMatcher(translations),
    translations,
    clock,
    defaultLocale: config.defaultLocale,
    mentorsOnDuty: (at) => isOpen(openingHours.value, at),
    logger,
    senders,
  });

  const server = restify.createServer({ name: 'arbeidslivstelefonen', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.get('/healthz', async (_req, res) => {
    const healthy = await store.isHealthy();
    res.send(healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
  });
  registerSmsRoutes(server, {
    engine,
    translations,
    logger,
    publicBaseUrl: config.publicBaseUrl,
    twilioAuthToken: config.twilio.authToken,
  });

  return {
    server,
    engine,
    store,
    translations,
    logger,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          const address = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve(`http://${host}:${address.port}`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
