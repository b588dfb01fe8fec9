/**
 * Builds the application from a validated config: store, language understanding, dialogs, channels,
 * HTTP routes. Tests call it with a temp DATA_DIR, a fake clock and fake outside services (local HTTP
 * servers speaking Twilio's and the Bot Connector's protocols); src/main.ts calls it for real.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type restify from 'restify';
import { helplineMachine } from '../dialogs/helplineMachine.js';
import { registerSmsRoutes } from './channels/sms/smsRoutes.js';
import { createTwilioSmsSender } from './channels/sms/twilioSmsSender.js';
import { registerVoiceRoutes } from './channels/voice/voiceRoutes.js';
import { isDirectLineStreamTarget } from './channels/webchat/directLine/directLineStream.js';
import type { LocalDirectLineOptions } from './channels/webchat/directLine/localDirectLine.js';
import { registerWebchatRoutes } from './channels/webchat/registerWebchatRoutes.js';
import { createWebchatSender } from './channels/webchat/webchatSender.js';
import { createWebchatTransport, type WebchatTransport } from './channels/webchat/webchatTransport.js';
import type { AppConfig } from './config.js';
import type { ChannelSender } from './conversation/channelSender.js';
import { ConversationEngine } from './conversation/conversationEngine.js';
import type { Channel } from './conversation/domain.js';
import { createKeywordMatcher } from './conversation/keywordMatcher.js';
import { createConversationOutbox } from './handover/conversationOutbox.js';
import { createHandoverHooks } from './handover/handoverHooks.js';
import { createHandoverService, type HandoverService } from './handover/handoverService.js';
import { DEFAULT_HANDOVER_TIMINGS, type HandoverTimings } from './handover/handoverTimings.js';
import { createMentorEventBus } from './handover/mentorEvents.js';
import { registerMentorHandoverRoutes } from './handover/mentorHandoverRoutes.js';
import { isOpen, parseOpeningHours } from './handover/openingHours.js';
import { openingHoursRenderParams } from './handover/openingHoursText.js';
import { createTimerRunner, type TimerRunner } from './handover/timerRunner.js';
import { registerHealthRoutes } from './http/healthRoutes.js';
import { createHttpEdge } from './http/httpEdge.js';
import { guardUpgrades } from './http/upgradeGuard.js';
import { createTranslations, type Translations } from './i18n/i18n.js';
import { createLogger } from './logging/createLogger.js';
import { errorSummary } from './logging/errorSummary.js';
import { createLoginRateLimiter } from './mentor/loginRateLimiter.js';
import { registerMentorAuthRoutes } from './mentor/mentorAuthRoutes.js';
import { registerMentorConsolePage } from './mentor/mentorConsolePage.js';
import { createMentorSessions } from './mentor/mentorSessions.js';
import { createClassifier } from './nlu/createClassifier.js';
import { createConsentWithdrawalMatcher } from './privacy/consentWithdrawal.js';
import { registerPrivacyPage } from './privacy/privacyPage.js';
import { privacyFactsOf } from './privacy/privacyStatement.js';
import { createStore } from './storage/createStore.js';
import type { Store } from './storage/ports.js';

export interface AppOverrides {
  clock?: () => Date;
  logger?: Logger;
  /** shorter waits and grace periods for tests */
  handoverTimings?: Partial<HandoverTimings>;
  /** how often the mentor event stream sends a heartbeat */
  heartbeatMs?: number;
  /** waits between outbound SMS attempts; tests of a failing Twilio API give up in milliseconds */
  smsRetryDelaysMs?: number[];
  /** outside services of web chat as local fakes: Bot Framework signing keys, Azure Direct Line */
  botFrameworkOpenIdMetadataUrl?: string;
  azureDirectLineBaseUrl?: string;
  /** the local Direct Line's own clock (token expiry) and limits */
  localDirectLine?: LocalDirectLineOptions;
}

export interface App {
  server: restify.Server;
  engine: ConversationEngine;
  store: Store;
  translations: Translations;
  logger: Logger;
  handovers: HandoverService;
  /** web chat's Bot Connector adapter and local Direct Line, as the proactive sender uses them */
  webchatTransport: WebchatTransport;
  /** persisted timers (wait updates, mentor-lost grace, retention); `runDue()` for tests */
  timers: TimerRunner;
  /** listens on config.port/host (0 = any free port) and returns the base URL */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** the largest body a route reads: an SMS webhook or a JSON activity is far smaller */
const MAX_BODY_BYTES = 256 * 1024;

export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const openingHours = parseOpeningHours(config.openingHours);
  if (!openingHours.ok) throw new Error(`OPENING_HOURS: ${openingHours.error}`);

  // copy says `{{openingHours}}` and `{{nextOpening}}`, filled in from the clock when rendered, and
  // `{{retentionDays}}` from the configuration
  const translations = await createTranslations(config.defaultLocale, undefined, {
    renderParams: openingHoursRenderParams(openingHours.value, clock),
    retentionDays: config.retentionDays,
    privacyUrl: `${config.publicBaseUrl}/personvern`,
  });
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
      retryDelaysMs: overrides.smsRetryDelaysMs,
    });
  }
  const webchatTransport = createWebchatTransport({
    botFramework: {
      ...config.botFramework,
      ...(overrides.botFrameworkOpenIdMetadataUrl
        ? { openIdMetadataUrl: overrides.botFrameworkOpenIdMetadataUrl }
        : {}),
    },
    ...(overrides.localDirectLine ? { localDirectLine: overrides.localDirectLine } : {}),
  });
  senders.webchat = createWebchatSender({ transport: webchatTransport, translations });
  const timings = { ...DEFAULT_HANDOVER_TIMINGS, ...overrides.handoverTimings };
  const events = createMentorEventBus(store);
  const outbox = createConversationOutbox(logger);
  const engine = new ConversationEngine({
    retentionDays: config.retentionDays,
    store,
    machine: helplineMachine,
    classify: createClassifier(),
    matchKeyword: createKeywordMatcher(translations),
    matchConsentWithdrawal: createConsentWithdrawalMatcher(translations),
    translations,
    clock,
    defaultLocale: config.defaultLocale,
    mentorsOnDuty: (at) => isOpen(openingHours.value, at),
    logger,
    senders,
    hooks: createHandoverHooks({ events, timings, logger }),
  });

  const server = createHttpEdge({ logger, maxBodyBytes: MAX_BODY_BYTES });
  guardUpgrades(server.server, isDirectLineStreamTarget);

  let shuttingDown = false;
  registerHealthRoutes(server, { store, isShuttingDown: () => shuttingDown });
  registerSmsRoutes(server, {
    engine,
    translations,
    logger,
    publicBaseUrl: config.publicBaseUrl,
    twilioAuthToken: config.twilio.authToken,
  });

  const voiceDeps = { config, store, translations, openingHours: openingHours.value, clock, logger };
  registerVoiceRoutes(server, { ...voiceDeps, smsSender: senders.sms });

  // with PORT=0 (tests) the public URL is only known once listening
  let listeningUrl = config.publicBaseUrl;
  const webchat = registerWebchatRoutes(server, {
    engine,
    translations,
    transport: webchatTransport,
    config: {
      defaultLocale: config.defaultLocale,
      directLineSecret: config.directLineSecret,
      botServiceUrlHosts: config.botServiceUrlHosts,
      quickExitUrl: config.quickExitUrl,
      azureDirectLineBaseUrl: overrides.azureDirectLineBaseUrl,
    },
    logger,
    publicBaseUrl: () => (config.port === 0 ? listeningUrl : config.publicBaseUrl),
    // a remembered conversation is gone after retention anyway
    resume: { store, ttlMs: config.retentionDays * 24 * 60 * 60_000, now: () => clock().getTime() },
  });

  registerPrivacyPage(server, { translations, facts: privacyFactsOf(config) });

  const sessions = createMentorSessions({ store, clock, rateLimiter: createLoginRateLimiter(store, clock) });
  const edge = registerMentorAuthRoutes(server, { sessions, publicBaseUrl: config.publicBaseUrl, clock, logger });
  registerMentorConsolePage(server, { defaultLocale: config.defaultLocale });
  const handovers = await createHandoverService({ store, engine, events, outbox, clock, timings, logger });
  const handoverRoutes = registerMentorHandoverRoutes(server, {
    edge,
    sessions,
    handovers,
    events,
    logger,
    heartbeatMs: overrides.heartbeatMs,
  });
  const timers = createTimerRunner({
    store,
    engine,
    events,
    outbox,
    clock,
    timings,
    retentionDays: config.retentionDays,
    logger,
  });

  return {
    server,
    engine,
    store,
    translations,
    logger,
    handovers,
    webchatTransport,
    timers,
    listen: () =>
      new Promise((resolve) => {
        timers.start();
        server.listen(config.port, config.host, () => {
          const address = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          listeningUrl = `http://${host}:${address.port}`;
          resolve(listeningUrl);
        });
      }),
    close: async () => {
      shuttingDown = true;
      // open event streams would keep server.close waiting
      handoverRoutes.close();
      await webchat.close();
      await timers.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handovers.idle();
      await handovers.stop();
      await store.close();
    },
  };
}
