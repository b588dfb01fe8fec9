/**
 * Two server processes on one PostgreSQL database, one person's two SMS arriving at the same moment,
 * one at each process. Both must apply, one after the other: the stored transcript reads user, bot…,
 * user, bot…, and replaying its user messages one by one on a fresh number gives the very same bot
 * answers and dialog state. A lost snapshot update would show as a second answer made from stale state
 * (the menu number picked from the old menu, the second misunderstanding not offering a mentor).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/storage/ports.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { type ServerProcess, startServerProcess } from './serverProcess.js';
import { numberSeries, onlyWholeTurns, sendSms, storedConversation, twilioEnv } from './smsClient.js';
import { addressHashIn, allRows, openStore, type StoreLocation, storeEnv } from './storeLocation.js';

/** the main menu as an SMS, written out by hand */
const MAIN_MENU_SMS =
  'Hva vil du vite mer om? Velg et tema, eller skriv spørsmålet ditt med egne ord.\n\n' +
  '1. Åpenhet på jobben\n2. Tiltak og støtte\n3. Mentorene og Arbeidslivstelefonen\n4. Jobb og bedring\n' +
  '5. Snakk med en mentor';

/**
 * what the person wrote before the pair, and the pair sent at once to the two instances; `answers`,
 * when given, is what each of the pair must be answered, written by hand rather than replayed
 */
const ROUNDS: Array<{ before: string[]; pair: [string, string]; why: string; answers?: [string[], string[]] }> = [
  { before: [], pair: ['Hei', 'hva er lønnstilskudd'], why: 'two first messages make one conversation' },
  { before: ['Hei'], pair: ['1', '2'], why: 'the second number picks from what the first answer offered' },
  { before: ['Hei'], pair: ['sdfkj qwpoeir', 'blorp fnarg'], why: 'two misunderstandings in a row offer a mentor' },
  { before: ['Hei'], pair: ['hva er lønnstilskudd', 'hva er IPS'], why: 'two questions, two answers' },
  { before: ['hva er IPS'], pair: ['MER', 'MENY'], why: 'the rest of an answer, then the menu' },
  {
    before: ['Hei'],
    pair: ['MENY', 'MENY'],
    why: 'the menu twice, each answered with exactly the menu',
    answers: [[MAIN_MENU_SMS], [MAIN_MENU_SMS]],
  },
];

const postgres: PostgresServer | null = await startTestPostgres();

describeWith(postgres, POSTGRES_MISSING, 'two server processes on one PostgreSQL', (postgres) => {
  let twilioApi: FakeTwilioApi;
  let location: StoreLocation;
  let a: ServerProcess;
  let b: ServerProcess;
  let store: Store;
  const nextNumber = numberSeries('46');

  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    const database = await postgres.createDatabase();
    location = { kind: 'postgres', url: database.url };
    const env = { ...twilioEnv(twilioApi.baseUrl), ...storeEnv(location) };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    store = await openStore(location);
  });

  afterAll(async () => {
    await store?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await twilioApi?.close();
    await postgres.stop();
  });

  it('applies two webhooks of one conversation that arrive at both instances at once, in order, every time', async () => {
    for (const round of ROUNDS) {
      const from = nextNumber();
      for (const text of round.before) expect((await sendSms(a.baseUrl, from, text)).status).toBe(200);
      const [atA, atB] = await Promise.all([
        sendSms(a.baseUrl, from, round.pair[0]),
        sendSms(b.baseUrl, from, round.pair[1]),
      ]);
      expect([atA.status, atB.status], round.why).toEqual([200, 200]);
      expect(atA.messages.length, round.why).toBeGreaterThan(0);
      expect(atB.messages.length, round.why).toBeGreaterThan(0);
      if (round.answers) expect([atA.messages, atB.messages], round.why).toEqual(round.answers);

      const stored = await storedConversation(store, from);
      if (!stored) throw new Error(`no conversation for ${from}`);
      const conversations = (await allRows(location)).conversations ?? [];
      const hash = await addressHashIn(location, from);
      expect(
        conversations.filter((row) => row.address_hash === hash),
        round.why,
      ).toHaveLength(1);
      expect(onlyWholeTurns(stored.transcript), round.why).toBe(true);
      const userTexts = stored.transcript.filter((line) => line.direction === 'user').map((line) => line.text);
      expect(userTexts.slice(0, round.before.length)).toEqual(round.before);
      expect([...userTexts.slice(round.before.length)].sort(), round.why).toEqual([...round.pair].sort());

      // the same messages one by one, on a fresh number: the same answers and the same state
      const replayFrom = nextNumber();
      for (const text of userTexts) expect((await sendSms(a.baseUrl, replayFrom, text)).status).toBe(200);
      const replayed = await storedConversation(store, replayFrom);
      expect(stored.transcript, round.why).toEqual(replayed?.transcript);
      expect(stored.snapshot, round.why).toEqual(replayed?.snapshot);
    }
  });
});
