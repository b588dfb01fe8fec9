/**
 * Builds the application from a validated config: store, language understanding, dialogs, channels,
 * HTTP routes. Tests call it with a temp DATA_DIR, a fake clock and fake outside services (local HTTP
 * servers speaking Twilio's and the Bot Connector's protocols); src/main.ts calls it for real.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type restify from 'restify';
import { helplineMachine } from '../dialogs/helplineMachine.js';
import { createAuditLog } from './audit/auditLog.js';
import { registerSmsRoutes } from './channels/sms/smsRoutes.js';
import { registerSmsStatusRoute, SMS_STATUS_PATH } from './channels/sms/smsStatusRoute.js';
import {
  createTwilioErasureRunner,
  createTwilioMessageDeleter,
  type TwilioErasureRunner,
  type TwilioMessageDeleter,
} from './channels/sms/twilioErasureRunner.js';
import { createTwilioSmsSender } from './channels/sms/twilioSmsSender.js';
import { registerVoiceRoutes } from './channels/voice/voiceRoutes.js';
import { isDirectLineStreamTarget } from './channels/webchat/directLine/directLineStream.js';
import type { LocalDirectLineOptions } from './channels/webchat/directLine/localDirectLine.js';
import { registerWebchatRoutes } from './channels/webchat/registerWebchatRoutes.js';
import { createWebchatSender } from './channels/webchat/webchatSender.js';
import { createWebchatTransport, type WebchatTransport } from './channels/webchat/webchatTransport.js';
import type { AppConfig } from './config.js';
import { composeTurnHooks } from './conversation/composeTurnHooks.js';
import { ConversationEngine } from './conversation/conversationEngine.js';
import { createKeywordMatcher } from './conversation/keywordMatcher.js';
import type { ChannelSender } from './domain/channelSender.js';
import type { Channel } from './domain/domain.js';
import { createConversationOutbox } from './handover/conversationOutbox.js';
import { createHandoverHooks } from './handover/handoverHooks.js';
import { createHandoverService, type HandoverService } from './handover/handoverService.js';
import { DEFAULT_HANDOVER_TIMINGS, type HandoverTimings } from './handover/handoverTimings.js';
import { createLiveOpeningHours } from './handover/liveOpeningHours.js';
import { createMentorEventBus } from './handover/mentorEvents.js';
import { registerMentorHandoverRoutes } from './handover/mentorHandoverRoutes.js';
import { createOnDutyCheck } from './handover/onDutyCheck.js';
import { parseOpeningHours } from './handover/openingHours.js';
import { openingHoursRenderParams } from './handover/openingHoursText.js';
import { createTimerRunner, type TimerRunner } from './handover/timerRunner.js';
import { registerHealthRoutes } from './http/healthRoutes.js';
import { createHttpDrain } from './http/httpDrain.js';
import { createHttpEdge } from './http/httpEdge.js';
import { guardUpgrades } from './http/upgradeGuard.js';
import { createTranslations, type Translations } from './i18n/i18n.js';
import { createLogger } from './logging/createLogger.js';
import { errorSummary } from './logging/errorSummary.js';
import { createLoginRateLimiter } from './mentor/loginRateLimiter.js';
import { createMentorAccounts } from './mentor/mentorAccounts.js';
import { registerMentorAuthRoutes } from './mentor/mentorAuthRoutes.js';
import { registerMentorConsolePage } from './mentor/mentorConsolePage.js';
import { registerMentorPasswordRoute } from './mentor/mentorPasswordRoute.js';
import { createMentorSessions } from './mentor/mentorSessions.js';
import { registerMentorStatusRoutes } from './mentor/mentorStatusRoutes.js';
import { cacheShortClassifications } from './nlu/classificationCache.js';
import { createClassifier } from './nlu/createClassifier.js';
import { countingStoreErrors, createHelplineMetrics } from './observability/helplineMetrics.js';
import { registerMetricsRoute } from './observability/metricsRoute.js';
import { createConsentWithdrawalMatcher } from './privacy/consentWithdrawal.js';
import { registerPrivacyPage } from './privacy/privacyPage.js';
import { privacyFactsOf } from './privacy/privacyStatement.js';
import { registerStaffAccountRoutes } from './staff/staffAccountRoutes.js';
import { registerStaffHoursRoutes } from './staff/staffHoursRoutes.js';
import { registerSupportRequestRoutes } from './staff/supportRequestRoutes.js';
import { registerStaffStatisticsRoutes } from './statistics/staffStatisticsRoutes.js';
import { createStatisticsHooks } from './statistics/statisticsHooks.js';
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
  /** how messages are deleted at Twilio (default: twilio's REST client at TWILIO_API_BASE_URL) */
  twilioMessageDeleter?: TwilioMessageDeleter;
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
  /** erasure at Twilio (persisted jobs); unset without Twilio credentials */
  twilioErasures?: TwilioErasureRunner;
  /** listens on config.port/host (0 = any free port) and returns the base URL */
  listen(): Promise<string>;
  /**
   * Drains and stops (SIGTERM): /readyz says 503, the listener closes, event streams end with a
   * reconnect hint, requests in flight are answered and their turns commit, timers stop (claims
   * not yet run are released), background deliveries finish, the store closes. Connections still
   * open at `cutConnectionsAt` (epoch ms) are cut (and logged); without it, it waits for them.
   */
  close(options?: { cutConnectionsAt?: number }): Promise<void>;
}

/** the largest body a route reads: an SMS webhook or a JSON activity is far smaller */
const MAX_BODY_BYTES = 256 * 1024;

export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (() => new Date());
  const openingHours = parseOpeningHours(config.openingHours);
  if (!openingHours.ok) throw new Error(`OPENING_HOURS: ${openingHours.error}`);

  const metrics = createHelplineMetrics({
    openHandovers: (statuses) => store.transaction(null, (uow) => uow.handovers.listByStatus(statuses)),
  });
  const store = countingStoreErrors(
    await createStore({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      dataEncryptionKey: config.dataEncryptionKey,
      onError: (error, context) => {
        metrics.storeError('background');
        logger.error({ err: errorSummary(error), context }, 'storage error');
      },
    }),
    metrics,
  );
  // OPENING_HOURS until a coordinator saves hours; then theirs, on every instance at once
  const hours = await createLiveOpeningHours({ store, defaultHours: openingHours.value, logger });
  // copy says `{{openingHours}}` and `{{nextOpening}}`, filled in from the clock when rendered, and
  // `{{retentionDays}}` from the configuration
  const translations = await createTranslations(config.defaultLocale, undefined, {
    renderParams: openingHoursRenderParams(hours.current, clock),
    retentionDays: config.retentionDays,
    privacyUrl: `${config.publicBaseUrl}/personvern`,
  });
  const { accountSid, authToken, apiBaseUrl } = config.twilio;
  // what Twilio keeps of each SMS is deleted there after SLETT and retention; without credentials
  // nothing is recorded or attempted
  const twilioErasures =
    accountSid && authToken
      ? createTwilioErasureRunner({
          store,
          deleter: overrides.twilioMessageDeleter ?? createTwilioMessageDeleter({ accountSid, authToken, apiBaseUrl }),
          clock,
          logger,
        })
      : undefined;
  const senders: Partial<Record<Channel, ChannelSender>> = {};
  if (accountSid && authToken && config.twilio.fromNumber) {
    senders.sms = createTwilioSmsSender({
      accountSid,
      authToken,
      fromNumber: config.twilio.fromNumber,
      apiBaseUrl,
      translations,
      logger,
      retryDelaysMs: overrides.smsRetryDelaysMs,
      onSendFailure: metrics.twilioSendFailed,
      onSent: (conversationId, messageSid) =>
        store.transaction(null, (uow) =>
          uow.twilioMessages.record({ conversationId, messageSid, mediaSids: [], at: clock() }),
        ),
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
  const timings: HandoverTimings = {
    ...DEFAULT_HANDOVER_TIMINGS,
    maxConversationsPerMentor: config.mentorMaxConversations,
    ...overrides.handoverTimings,
  };
  const events = createMentorEventBus(store);
  const outbox = createConversationOutbox(logger);
  const engine = new ConversationEngine({
    retentionDays: config.retentionDays,
    keepUnansweredSamples: config.keepUnansweredSamples,
    store,
    machine: helplineMachine,
    classify: cacheShortClassifications(createClassifier()),
    matchKeyword: createKeywordMatcher(translations),
    matchConsentWithdrawal: createConsentWithdrawalMatcher(translations),
    translations,
    clock,
    defaultLocale: config.defaultLocale,
    mentorsOnDuty: createOnDutyCheck(hours.current),
    logger,
    senders,
    hooks: composeTurnHooks(
      createHandoverHooks({ events, timings, logger }),
      createStatisticsHooks({ keepUnansweredSamples: config.keepUnansweredSamples }),
    ),
    observeTurn: metrics.turnEnded,
  });

  const server = createHttpEdge({ logger, maxBodyBytes: MAX_BODY_BYTES });
  guardUpgrades(server.server, isDirectLineStreamTarget);
  const httpDrain = createHttpDrain(server.server);

  let shuttingDown = false;
  registerHealthRoutes(server, { store, isShuttingDown: () => shuttingDown });
  registerMetricsRoute(server, { metrics, token: config.metricsToken });
  registerSmsRoutes(server, {
    engine,
    translations,
    logger,
    publicBaseUrl: config.publicBaseUrl,
    twilioAuthToken: config.twilio.authToken,
    ...(twilioErasures ? { statusCallbackUrl: `${config.publicBaseUrl}${SMS_STATUS_PATH}` } : {}),
  });
  if (twilioErasures && authToken) {
    registerSmsStatusRoute(server, {
      store,
      logger,
      clock,
      publicBaseUrl: config.publicBaseUrl,
      twilioAuthToken: authToken,
    });
  }

  const voiceDeps = { config, store, translations, openingHours: hours.current, clock, logger };
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
  const audit = createAuditLog({ store, clock, logger });
  const edge = registerMentorAuthRoutes(server, {
    sessions,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    logger,
    audit,
  });
  registerMentorConsolePage(server, { defaultLocale: config.defaultLocale });
  const accounts = createMentorAccounts({ store, clock });
  registerMentorPasswordRoute(server, { edge, accounts, logger });
  registerStaffAccountRoutes(server, { edge, accounts, audit, logger });
  registerStaffHoursRoutes(server, { edge, hours, clock, audit, logger });
  const handovers = await createHandoverService({
    ...{ store, engine, events, outbox, clock, timings, logger },
    onAccepted: metrics.handoverAccepted,
  });
  const handoverRoutes = registerMentorHandoverRoutes(server, {
    edge,
    sessions,
    handovers,
    events,
    logger,
    audit,
    heartbeatMs: overrides.heartbeatMs,
  });
  registerStaffStatisticsRoutes(server, {
    store,
    clock,
    requireCoordinator: (req, res) => edge.requireCoordinator(req, res),
    keepUnansweredSamples: config.keepUnansweredSamples,
    retentionDays: config.retentionDays,
    translations,
  });
  registerMentorStatusRoutes(server, { edge, store, events, clock, logger });
  registerSupportRequestRoutes(server, { requireCoordinator: edge.requireCoordinator, store, clock, logger });
  const timers = createTimerRunner({
    store,
    engine,
    events,
    outbox,
    clock,
    timings,
    retentionDays: config.retentionDays,
    auditRetentionDays: config.auditRetentionDays,
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
    ...(twilioErasures ? { twilioErasures } : {}),
    listen: () =>
      new Promise((resolve) => {
        timers.start();
        twilioErasures?.start();
        server.listen(config.port, config.host, () => {
          const address = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          listeningUrl = `http://${host}:${address.port}`;
          resolve(listeningUrl);
        });
      }),
    close: async ({ cutConnectionsAt = Number.POSITIVE_INFINITY } = {}) => {
      shuttingDown = true;
      // the listener closes at once; open event streams would keep the drain waiting
      const drained = httpDrain.drain(cutConnectionsAt);
      handoverRoutes.close();
      await webchat.close();
      const [{ cutConnections }] = await Promise.all([drained, timers.stop(), twilioErasures?.stop()]);
      if (cutConnections > 0) logger.warn({ cutConnections }, 'shutdown cut requests that had not been answered');
      await handovers.idle();
      await handovers.stop();
      await hours.close();
      await store.close();
    },
  };
}
