/**
 * A rolling restart of two instances on one PostgreSQL, under a steady stream of signed SMS: each
 * instance in turn gets SIGTERM, must exit 0 within SHUTDOWN_TIMEOUT_MS, and is started again on
 * its port before the other one goes. The client behaves like a load balancer: a refused or broken
 * connection (or a 503) is tried on the other instance, with the same MessageSid, as Twilio's retry
 * would be. Every message is answered 200 and is stored once, as a whole turn. A mentor's console
 * event stream (Server-Sent Events) is closed cleanly with a reconnect hint, and the client, doing
 * what a browser's EventSource does (wait `retry` ms, connect again), gets events again.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTranslations } from '../../src/i18n/i18n.js';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { CHEAP_SCRYPT } from '../mentor/mentorTestKit.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { newMessageSid, postSmsWebhook, twimlMessages } from '../support/twilioWebhook.js';
import { type ServerProcess, startServerProcess } from './serverProcess.js';
import { numberSeries, onlyWholeTurns, PUBLIC_BASE_URL, storedConversation, twilioEnv } from './smsClient.js';
import { freshLocation, openStore, storeEnv } from './storeLocation.js';

const PEOPLE = 4;
const SCRIPT = ['Hei', '1', 'hva er IPS', 'MENY', '2', 'hva er lønnstilskudd', 'takk'];
/** messages answered between the steps of the restart, so that each step happens under load */
const ANSWERED_BETWEEN_STEPS = 12;
/** how long one message may take to find an instance that answers */
const DELIVERY_DEADLINE_MS = 30_000;
const MENTOR_PASSWORD = 'correct horse battery';
const TIMEOUT_MS = 400_000;

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Two fixed addresses, as a load balancer's configuration has them; the next request starts at the other. */
function roundRobin(urls: string[]) {
  let next = 0;
  return (): string[] => {
    next = (next + 1) % urls.length;
    return [...urls.slice(next), ...urls.slice(0, next)];
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One SMS, tried on each instance in turn until one answers 200 (same MessageSid every time). */
async function deliver(order: () => string[], from: string, body: string, messageSid: string) {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  let attempts = 0;
  for (;;) {
    for (const baseUrl of order()) {
      attempts += 1;
      const response = await postSmsWebhook({
        baseUrl,
        publicBaseUrl: PUBLIC_BASE_URL,
        authToken: TEST_TWILIO.authToken,
        from,
        body,
        messageSid,
      }).catch(() => undefined);
      if (response?.status === 200) return { messages: twimlMessages(response.body), attempts };
      if (response && response.status !== 503) throw new Error(`${body}: answered ${response.status}`);
    }
    if (Date.now() > deadline) throw new Error(`${body}: no instance answered within ${DELIVERY_DEADLINE_MS} ms`);
    await pause(100);
  }
}

interface StreamConnection {
  baseUrl: string;
  /** the `retry:` hint the server gave on this connection */
  retryMs?: number;
  /** the stream ended because the server closed it (not a network error) */
  endedCleanly?: boolean;
  events: Array<{ type?: string }>;
}

/**
 * The console's live events as a browser's EventSource gets them: on a clean end it waits the
 * server's `retry` and connects again, to whichever instance takes the connection.
 */
function followEventStream(order: () => string[], cookie: string) {
  const connections: StreamConnection[] = [];
  const abort = new AbortController();
  let stopped = false;

  async function connect(): Promise<{ body: ReadableStream<Uint8Array>; baseUrl: string }> {
    for (;;) {
      for (const baseUrl of order()) {
        const response = await fetch(`${baseUrl}/api/mentor/events`, {
          headers: { cookie, accept: 'text/event-stream' },
          signal: abort.signal,
        }).catch(() => undefined);
        if (response?.status === 200 && response.body) return { body: response.body, baseUrl };
      }
      if (stopped) throw new Error('stopped');
      await pause(200);
    }
  }

  const running = (async () => {
    let retryMs = 3000;
    while (!stopped) {
      const { body, baseUrl } = await connect();
      const connection: StreamConnection = { baseUrl, events: [] };
      connections.push(connection);
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const retry = /^retry: (\d+)$/m.exec(block)?.[1];
            if (retry) connection.retryMs = Number(retry);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice('data: '.length))
              .join('\n');
            if (data) connection.events.push(JSON.parse(data) as { type?: string });
          }
        }
        connection.endedCleanly = true;
      } catch {
        connection.endedCleanly = false;
        if (stopped) return;
      }
      retryMs = connection.retryMs ?? retryMs;
      if (!stopped) await pause(retryMs);
    }
  })().catch(() => undefined);

  return {
    connections,
    async stop() {
      stopped = true;
      abort.abort();
      await running;
    },
  };
}

describe('rolling restart of two instances on PostgreSQL', () => {
  it(
    'loses and doubles no message, each instance exits 0 on SIGTERM, and the console stream reconnects',
    withResource(postgres, POSTGRES_MISSING, async (server) => {
      const location = await freshLocation('postgres', server);
      const ports = [await freePort(), await freePort()];
      const envOf = (port: number | undefined) => ({
        ...twilioEnv(twilioApi.baseUrl),
        ...storeEnv(location),
        PORT: String(port),
      });
      const instances: ServerProcess[] = await Promise.all(ports.map((port) => startServerProcess(envOf(port))));
      const urls = instances.map((instance) => instance.baseUrl);
      const order = roundRobin(urls);

      const store = await openStore(location);
      const accounts = createMentorAccounts({ store, clock: () => new Date(), scryptParams: CHEAP_SCRYPT });
      expect((await accounts.add('kari', MENTOR_PASSWORD)).ok).toBe(true);
      const login = await fetch(`${urls[0]}/api/mentor/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kari', password: MENTOR_PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      expect(login.status).toBe(200);
      // the console opens its stream on the first instance, the one that goes first
      const stream = followEventStream(() => urls, cookie);

      const nextNumber = numberSeries('43');
      const people = Array.from({ length: PEOPLE }, () => ({ from: nextNumber(), sent: [] as string[] }));
      let answered = 0;
      let retried = 0;
      let loadRunning = true;
      let loadFailure: unknown;
      const answeredAtLeast = async (count: number) => {
        while (answered < count) {
          if (loadFailure) throw loadFailure;
          await pause(20);
        }
      };
      const load = Promise.all(
        people.map(async (person) => {
          for (let index = 0; loadRunning; index += 1) {
            const text = SCRIPT[index % SCRIPT.length] ?? 'Hei';
            const result = await deliver(order, person.from, text, newMessageSid());
            expect(result.messages.length, text).toBeGreaterThan(0);
            person.sent.push(text);
            answered += 1;
            if (result.attempts > 1) retried += 1;
          }
        }),
      ).catch((error: unknown) => {
        loadFailure = error;
        throw error;
      });

      const ends = [];
      for (const [index, port] of ports.entries()) {
        await answeredAtLeast(answered + ANSWERED_BETWEEN_STEPS);
        const end = await instances[index]?.stop();
        expect(end, instances[index]?.output()).toMatchObject({ code: 0, signal: null });
        ends.push(end);
        instances[index] = await startServerProcess(envOf(port));
        expect(instances[index]?.baseUrl).toBe(urls[index]);
      }
      await answeredAtLeast(answered + ANSWERED_BETWEEN_STEPS);
      loadRunning = false;
      await load;

      // an event after the restarts reaches the stream the console has now
      const asking = nextNumber();
      const hello = await deliver(order, asking, 'Hei', newMessageSid());
      const t = (await createTranslations('nb')).t;
      const mentorChoice = hello.messages
        .join('\n')
        .split('\n')
        .find((line) => line.endsWith(`. ${t('nb', 'dialog.choice.mentor')}`));
      const consent = await deliver(order, asking, mentorChoice?.split('.')[0] ?? '', newMessageSid());
      const consentYes = consent.messages
        .join('\n')
        .split('\n')
        .find((line) => line.endsWith(`. ${t('nb', 'handover.choice.consentYes')}`));
      await deliver(order, asking, consentYes?.split('.')[0] ?? '', newMessageSid());
      await expect
        .poll(() => stream.connections.at(-1)?.events.some((event) => event.type === 'handover.changed'), {
          timeout: 10_000,
        })
        .toBe(true);
      await stream.stop();

      try {
        console.log(
          `rolling restart: ${answered} messages answered, ${retried} after a retry on the other instance; ` +
            `drains took ${ends.map((end) => `${end?.ms} ms`).join(' and ')}; ` +
            `console stream connections: ${stream.connections.map((connection) => connection.baseUrl).join(', ')}`,
        );
        for (const end of ends) expect(end?.ms).toBeLessThan(10_000);
        // the first connection was on the instance that went first; it ended cleanly, with a hint
        expect(stream.connections.length).toBeGreaterThanOrEqual(2);
        const [first] = stream.connections;
        expect(first?.baseUrl).toBe(urls[0]);
        for (const closed of stream.connections.slice(0, -1)) {
          expect(closed).toMatchObject({ endedCleanly: true, retryMs: 3000 });
        }

        for (const person of people) {
          const stored = await storedConversation(store, person.from);
          const userTexts = stored?.transcript.filter((line) => line.direction === 'user').map((line) => line.text);
          expect(userTexts, person.from).toEqual(person.sent);
          expect(onlyWholeTurns(stored?.transcript ?? []), person.from).toBe(true);
        }
      } finally {
        await store.close();
        await Promise.all(instances.map((instance) => instance.stop()));
      }
    }),
    TIMEOUT_MS,
  );
});
