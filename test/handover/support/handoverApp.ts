/**
 * The app's parts for the handover tests, composed as src/app.ts composes them (real SQLite in a temp
 * dir, the real dialog machine, NLU and SMS channel, the mentor auth routes, a settable clock), plus
 * the helpers the tests share: an SMS user, a logged-in mentor, an SSE reader.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { helplineMachine } from '../../../dialogs/helplineMachine.js';
import { registerSmsRoutes } from '../../../src/channels/sms/smsRoutes.js';
import { createTwilioSmsSender } from '../../../src/channels/sms/twilioSmsSender.js';
import { ConversationEngine } from '../../../src/conversation/conversationEngine.js';
import { createKeywordMatcher } from '../../../src/conversation/keywordMatcher.js';
import { createConversationOutbox } from '../../../src/handover/conversationOutbox.js';
import { createHandoverHooks } from '../../../src/handover/handoverHooks.js';
import { createHandoverService, type HandoverService } from '../../../src/handover/handoverService.js';
import { DEFAULT_HANDOVER_TIMINGS, type HandoverTimings } from '../../../src/handover/handoverTimings.js';
import { createMentorEventBus } from '../../../src/handover/mentorEvents.js';
import { registerMentorHandoverRoutes } from '../../../src/handover/mentorHandoverRoutes.js';
import { isOpen, parseOpeningHours } from '../../../src/handover/openingHours.js';
import { createTimerRunner, type TimerRunner } from '../../../src/handover/timerRunner.js';
import { createTranslations, type Translations } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/createLogger.js';
import { createLoginRateLimiter } from '../../../src/mentor/loginRateLimiter.js';
import { createMentorAccounts } from '../../../src/mentor/mentorAccounts.js';
import { registerMentorAuthRoutes } from '../../../src/mentor/mentorAuthRoutes.js';
import { createMentorSessions } from '../../../src/mentor/mentorSessions.js';
import { createClassifier } from '../../../src/nlu/createClassifier.js';
import { createStore } from '../../../src/storage/createStore.js';
import type { Store } from '../../../src/storage/ports.js';
import { CHEAP_SCRYPT } from '../../mentor/mentorTestKit.js';
import { createTestClock, TEST_TWILIO, type TestClock, tempDataDir } from '../../support/testApp.js';
import { postSmsWebhook, twimlMessages } from '../../support/twilioWebhook.js';

export const PUBLIC_BASE_URL = 'https://helpline.test';
export const MENTOR_PASSWORD = 'correct horse battery';

export interface HandoverTestApp {
  baseUrl: string;
  dataDir: string;
  clock: TestClock;
  store: Store;
  translations: Translations;
  handovers: HandoverService;
  timers: TimerRunner;
  close(): Promise<void>;
}

export async function startHandoverApp(options: {
  twilioApiBaseUrl: string;
  dataDir?: string;
  clock?: TestClock;
  timings?: Partial<HandoverTimings>;
  heartbeatMs?: number;
  retentionDays?: number;
  /** OPENING_HOURS; `always` unless a test needs the helpline closed */
  openingHours?: string;
  /** PostgreSQL instead of SQLite under dataDir */
  databaseUrl?: string;
}): Promise<HandoverTestApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = options.clock ?? createTestClock();
  const timings = { ...DEFAULT_HANDOVER_TIMINGS, ...options.timings };
  const logger = createLogger('silent');
  const openingHours = parseOpeningHours(options.openingHours ?? 'always');
  if (!openingHours.ok) throw new Error(openingHours.error);
  const hours = openingHours.value;
  const translations = await createTranslations('nb');
  const store = await createStore({ dataDir, databaseUrl: options.databaseUrl });
  const events = createMentorEventBus(store);
  const outbox = createConversationOutbox(logger);
  const engine = new ConversationEngine({
    store,
    machine: helplineMachine,
    classify: createClassifier(),
    matchKeyword: createKeywordMatcher(translations),
    translations,
    clock,
    defaultLocale: 'nb',
    mentorsOnDuty: (at) => isOpen(hours, at),
    logger,
    hooks: createHandoverHooks({ store, events, timings, logger }),
    senders: {
      sms: createTwilioSmsSender({
        ...TEST_TWILIO,
        apiBaseUrl: options.twilioApiBaseUrl,
        translations,
        logger,
        retryDelaysMs: [20, 40],
      }),
    },
  });

  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  registerSmsRoutes(server, {
    engine,
    translations,
    logger,
    publicBaseUrl: PUBLIC_BASE_URL,
    twilioAuthToken: TEST_TWILIO.authToken,
  });
  const sessions = createMentorSessions({
    store,
    clock,
    rateLimiter: createLoginRateLimiter(clock),
    scryptParams: CHEAP_SCRYPT,
  });
  const edge = registerMentorAuthRoutes(server, { sessions, publicBaseUrl: PUBLIC_BASE_URL, clock, logger });
  const handovers = await createHandoverService({ store, engine, events, outbox, clock, timings, logger });
  const routes = registerMentorHandoverRoutes(server, {
    edge,
    sessions,
    handovers,
    events,
    logger,
    heartbeatMs: options.heartbeatMs,
  });
  const timers = createTimerRunner({
    store,
    engine,
    events,
    outbox,
    clock,
    timings,
    retentionDays: options.retentionDays ?? 30,
    logger,
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    clock,
    store,
    translations,
    handovers,
    timers,
    async close() {
      routes.close();
      await timers.stop();
      await handovers.idle();
      await handovers.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** A person texting the helpline. */
export function smsUser(app: { baseUrl: string }, from: string) {
  return async (body: string): Promise<string[]> => {
    const response = await postSmsWebhook({
      baseUrl: app.baseUrl,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: TEST_TWILIO.authToken,
      from,
      body,
    });
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    return twimlMessages(response.body);
  };
}

/** the number in front of `label` in an SMS reply ("5. Snakk med en mentor" → "5") */
export function choiceNumber(reply: string[], label: string): string {
  for (const line of reply.join('\n').split('\n')) {
    const match = /^(\d+)\. (.*)$/.exec(line.trim());
    if (match?.[2] === label && match[1]) return match[1];
  }
  throw new Error(`no choice "${label}" in: ${reply.join(' | ')}`);
}

/**
 * Texts the helpline (`first`, "Hei" unless given), picks "talk to a mentor" when the bot offers it,
 * and answers the consent question. Returns the
 * replies to the consent answer and the handover that was created.
 */
export async function requestMentorBySms(
  app: HandoverTestApp,
  from: string,
  options: { consent: boolean; first?: string },
): Promise<{ reply: string[]; handoverId: string }> {
  const send = smsUser(app, from);
  const t = (key: string) => app.translations.t('nb', key);
  const label = options.consent ? t('handover.choice.consentYes') : t('handover.choice.consentNo');
  const first = await send(options.first ?? 'Hei');
  // a crisis goes straight to the consent question; otherwise the menu offers a mentor
  const asksConsent = first.join('\n').includes(`. ${label}`);
  const question = asksConsent ? first : await send(choiceNumber(first, t('dialog.choice.mentor')));
  const reply = await send(choiceNumber(question, label));
  const handoverId = await openHandoverIdOf(app.store, from);
  if (!handoverId) throw new Error(`no handover for ${from} after: ${reply.join(' | ')}`);
  return { reply, handoverId };
}

export async function openHandoverIdOf(store: Store, from: string): Promise<string | undefined> {
  return store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress('sms', from);
    return conversation && (await uow.handovers.findOpenByConversation(conversation.id))?.id;
  });
}

export interface MentorClient {
  username: string;
  cookie: string;
  /** the server it talks to; a test may point it at a restarted app (the session lives in the store) */
  baseUrl: string;
  request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; data: unknown }>;
}

export async function addMentor(app: HandoverTestApp, username: string): Promise<void> {
  const accounts = createMentorAccounts({ store: app.store, clock: app.clock, scryptParams: CHEAP_SCRYPT });
  const added = await accounts.add(username, MENTOR_PASSWORD);
  if (!added.ok) throw new Error(`could not add mentor ${username}: ${added.code}`);
}

export async function loginMentor(app: { baseUrl: string }, username: string): Promise<MentorClient> {
  const response = await fetch(`${app.baseUrl}/api/mentor/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: MENTOR_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`login of ${username} answered ${response.status}`);
  const client: MentorClient = {
    username,
    cookie,
    baseUrl: app.baseUrl,
    async request(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { cookie, ...headers } };
      if (body !== undefined) {
        init.headers = { ...init.headers, 'content-type': 'application/json' };
        init.body = JSON.stringify(body);
      }
      const answer = await fetch(`${client.baseUrl}${path}`, init);
      const text = await answer.text();
      return { status: answer.status, data: text === '' ? null : JSON.parse(text) };
    },
  };
  return client;
}

/** A console's event stream: the events' data, parsed, as they arrive. */
export interface EventStreamReader {
  status: number;
  events: Array<Record<string, unknown>>;
  waitFor(predicate: (event: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** resolves when the server ends the stream */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(baseUrl: string, cookie: string): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/mentor/events`, { headers: { cookie }, signal: abort.signal });
  const events: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice('data: '.length))
            .join('\n');
          if (data !== '') events.push(JSON.parse(data) as Record<string, unknown>);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    events,
    ended,
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.add(resolve);
          setTimeout(() => {
            waiters.delete(resolve);
            resolve();
          }, 50);
        });
      }
    },
    close: () => abort.abort(),
  };
}
