/**
 * SIGKILL during a burst of signed webhooks (many numbers at once, each texting several messages in a
 * row, some delivered twice), then a restart on the same database: every message that was answered
 * 200 is in the transcript as a whole turn, no message is in it twice, every stored dialog snapshot
 * restores, and each person's next message gets the answer an uninterrupted conversation would give.
 * On SQLite (a DATA_DIR file) and on PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { helplineMachine } from '../../dialogs/helplineMachine.js';
import { startServerProcess } from '../multiInstance/serverProcess.js';
import { numberSeries, onlyWholeTurns, sendSms, storedConversation, twilioEnv } from '../multiInstance/smsClient.js';
import { freshLocation, openStore, type StoreKind, storeEnv } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { newMessageSid } from '../support/twilioWebhook.js';

const PEOPLE = 24;
const SCRIPT = ['Hei', '1', 'hva er IPS', 'sdfkj qwpoeir', 'MENY', '2', 'hva er lønnstilskudd'];
/** the kill comes when this many webhooks have been answered 200, with many more in flight */
const KILL_AFTER_ANSWERED = 60;
const NEXT_MESSAGE = 'hva er jobbmestrende oppfølging';
/** two server starts per test: generous, for a machine busy with the rest of the suite */
const TIMEOUT_MS = 90_000;

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

interface Person {
  from: string;
  /** how many of SCRIPT were answered 200, in order; the person stops at the first that was not */
  answered: number;
  sids: string[];
}

async function killDuringBurst(kind: StoreKind): Promise<void> {
  const location = await freshLocation(kind, postgres);
  const env = { ...twilioEnv(twilioApi.baseUrl), ...storeEnv(location) };
  const first = await startServerProcess(env);
  const nextNumber = numberSeries(kind === 'sqlite' ? '41' : '42');
  const people: Person[] = Array.from({ length: PEOPLE }, () => ({ from: nextNumber(), answered: 0, sids: [] }));
  let answered = 0;
  let killed: Promise<void> | undefined;

  await Promise.all(
    people.map(async (person, index) => {
      for (const text of SCRIPT) {
        const sid = newMessageSid();
        // every third person's messages are delivered twice, the second time at once: a Twilio retry
        const deliveries = index % 3 === 0 ? [sid, sid] : [sid];
        const responses = await Promise.all(
          deliveries.map((messageSid) => sendSms(first.baseUrl, person.from, text, messageSid).catch(() => undefined)),
        );
        if (!responses.some((response) => response?.status === 200)) return;
        person.answered += 1;
        person.sids.push(sid);
        answered += 1;
        if (answered === KILL_AFTER_ANSWERED) killed = first.kill9();
      }
    }),
  );
  expect(killed, 'the burst ended before the kill').toBeDefined();
  await killed;
  expect(people.some((person) => person.answered < SCRIPT.length)).toBe(true);

  const second = await startServerProcess(env);
  const store = await openStore(location);
  try {
    for (const person of people) {
      const stored = await storedConversation(store, person.from);
      if (person.answered === 0 && !stored) continue;
      if (!stored) throw new Error(`${person.from}: answered ${person.answered} times, no conversation stored`);
      const userTexts = stored.transcript.filter((line) => line.direction === 'user').map((line) => line.text);
      // what was answered is there, once; the message in flight at the kill may or may not be
      expect(userTexts.length).toBeGreaterThanOrEqual(person.answered);
      expect(userTexts.length).toBeLessThanOrEqual(person.answered + 1);
      expect(userTexts).toEqual(SCRIPT.slice(0, userTexts.length));
      expect(onlyWholeTurns(stored.transcript), person.from).toBe(true);
      for (const sid of person.sids) {
        expect(await store.transaction(null, (uow) => uow.processedInbound.find('sms', sid))).toBeDefined();
      }

      const machineSnapshot = (stored.snapshot as { machine?: unknown } | null)?.machine;
      expect(machineSnapshot, person.from).toBeDefined();
      const actor = createActor(helplineMachine, { snapshot: machineSnapshot as never });
      actor.start();
      expect(actor.getSnapshot().status).toBe('active');
      actor.stop();
    }

    // the next message after the restart is answered as if nothing had happened
    const restartedAnswers = await Promise.all(
      people.map((person) => sendSms(second.baseUrl, person.from, NEXT_MESSAGE)),
    );
    const uninterruptedAnswers = await Promise.all(
      people.map(async (person) => {
        const stored = await storedConversation(store, person.from);
        const texts = stored?.transcript.filter((line) => line.direction === 'user').map((line) => line.text) ?? [];
        const reference = nextNumber();
        // the person's own message after the restart is in the transcript now: leave it out
        for (const text of texts.slice(0, -1)) await sendSms(second.baseUrl, reference, text);
        return sendSms(second.baseUrl, reference, NEXT_MESSAGE);
      }),
    );
    for (const [index, restarted] of restartedAnswers.entries()) {
      expect(restarted.status).toBe(200);
      expect(restarted.messages.length).toBeGreaterThan(0);
      expect(restarted.messages, people[index]?.from).toEqual(uninterruptedAnswers[index]?.messages);
    }
  } finally {
    await store.close();
    await second.stop();
  }
}

describe('kill -9 during a burst of webhooks', () => {
  it(
    'loses no answered message and corrupts no snapshot on SQLite (DATA_DIR)',
    () => killDuringBurst('sqlite'),
    TIMEOUT_MS,
  );

  it(
    'loses no answered message and corrupts no snapshot on PostgreSQL',
    withResource(postgres, POSTGRES_MISSING, () => killDuringBurst('postgres')),
    TIMEOUT_MS,
  );
});
