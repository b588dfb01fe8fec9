/**
 * The real application (startTestApp: src/app.ts's composition, real SQLite in a temp dir or
 * PostgreSQL, a settable clock) set up as the handover tests need it: Twilio credentials pointing at a
 * fake Twilio API, a fixed PUBLIC_BASE_URL for webhook signatures, opening hours `always` unless a
 * test closes the helpline. Plus the helpers the tests share: an SMS user, a logged-in mentor, an SSE
 * reader.
 */
import type { Channel } from '../../../src/domain/domain.js';
import type { HandoverTimings } from '../../../src/handover/handoverTimings.js';
import { createMentorAccounts } from '../../../src/mentor/mentorAccounts.js';
import type { Store } from '../../../src/storage/ports.js';
import { CHEAP_SCRYPT } from '../../mentor/mentorTestKit.js';
import { startTestApp, TEST_TWILIO, type TestApp, type TestClock } from '../../support/testApp.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../../support/testSealer.js';
import { postSmsWebhook, twimlMessages } from '../../support/twilioWebhook.js';

export const PUBLIC_BASE_URL = 'https://helpline.test';
export const MENTOR_PASSWORD = 'correct horse battery';

export type HandoverTestApp = TestApp;

export function startHandoverApp(options: {
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
  return startTestApp({
    env: {
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
      TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
      TWILIO_API_BASE_URL: options.twilioApiBaseUrl,
      OPENING_HOURS: options.openingHours ?? 'always',
      RETENTION_DAYS: String(options.retentionDays ?? 30),
      ...(options.databaseUrl
        ? { DATABASE_URL: options.databaseUrl, DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY }
        : {}),
    },
    dataDir: options.dataDir,
    clock: options.clock,
    overrides: {
      handoverTimings: options.timings,
      heartbeatMs: options.heartbeatMs,
      // a failing Twilio API gives up in milliseconds, not seconds
      smsRetryDelaysMs: [20, 40],
    },
  });
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

export async function openHandoverIdOf(
  store: Store,
  address: string,
  channel: Channel = 'sms',
): Promise<string | undefined> {
  return store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress(channel, address);
    return conversation && (await uow.handovers.findOpenByConversation(conversation.id))?.id;
  });
}

export interface MentorClient {
  username: string;
  cookie: string;
  /** the server it talks to; a test may point it at a restarted app (the session lives in the store) */
  baseUrl: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; data: unknown }>;
}

export async function addMentor(
  app: HandoverTestApp,
  username: string,
  role: 'mentor' | 'coordinator' = 'mentor',
): Promise<void> {
  const accounts = createMentorAccounts({ store: app.store, clock: app.clock, scryptParams: CHEAP_SCRYPT });
  const added = await accounts.add(username, MENTOR_PASSWORD, role);
  if (!added.ok) throw new Error(`could not add mentor ${username}: ${added.code}`);
}

export async function loginMentor(
  app: { baseUrl: string },
  username: string,
  password = MENTOR_PASSWORD,
): Promise<MentorClient> {
  const response = await fetch(`${app.baseUrl}/api/mentor/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
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
  /** resolves once `count` more heartbeat comments have arrived */
  waitForHeartbeats(count: number, timeoutMs?: number): Promise<void>;
  /** resolves when the server ends the stream */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(baseUrl: string, cookie: string): Promise<EventStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/mentor/events`, { headers: { cookie }, signal: abort.signal });
  const events: Array<Record<string, unknown>> = [];
  let heartbeats = 0;
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
          if (block.startsWith(': heartbeat')) heartbeats += 1;
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
  /** the next block on the stream, or 50 ms, whichever is first (the callers check their deadline) */
  const nextArrival = () =>
    new Promise<void>((resolve) => {
      waiters.add(resolve);
      setTimeout(() => {
        waiters.delete(resolve);
        resolve();
      }, 50);
    });
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
        await nextArrival();
      }
    },
    async waitForHeartbeats(count, timeoutMs = 3000) {
      const target = heartbeats + count;
      const deadline = Date.now() + timeoutMs;
      while (heartbeats < target) {
        if (Date.now() > deadline) throw new Error(`expected ${count} heartbeats within ${timeoutMs} ms`);
        await nextArrival();
      }
    },
    close: () => abort.abort(),
  };
}
