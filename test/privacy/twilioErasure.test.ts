/**
 * Erasure reaches Twilio, and numbers are sealed at rest, through the real application on SQLite and
 * PostgreSQL. The fake Twilio API records every DELETE; some answer 500 (tried again later) and some
 * 404 (already gone: done). The test plays Twilio for the TwiML replies too: it calls each reply's
 * signed status callback with the sid Twilio would have given it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIRMATION_WAIT_MS } from '../../src/channels/sms/smsStatusRoute.js';
import { ERASURE_LEASE_MS } from '../../src/channels/sms/twilioErasureRunner.js';
import { SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { addMentor, choiceNumber, loginMentor, openHandoverIdOf } from '../handover/support/handoverApp.js';
import { PUBLIC_BASE_URL, twilioEnv } from '../multiInstance/smsClient.js';
import {
  allRows,
  freshLocation,
  openStore,
  rowsMentioning,
  type StoreKind,
  type StoreLocation,
  storeEnv,
} from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { createTestClock, startTestApp, TEST_TWILIO, type TestApp, type TestClock } from '../support/testApp.js';
import { type TwilioPhone, twilioPhone } from '../support/twilioPhone.js';
import { newMessageSid, postStatusCallback } from '../support/twilioWebhook.js';

const DAY_MS = 24 * 3_600_000;

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

let numberSequence = 0;
function nextNumber(kind: StoreKind): string {
  numberSequence += 1;
  return `+47${kind === 'sqlite' ? '56' : '57'}${String(numberSequence).padStart(6, '0')}`;
}

async function startApp(location: StoreLocation, clock: TestClock = createTestClock()): Promise<TestApp> {
  return startTestApp({ env: { ...twilioEnv(twilioApi.baseUrl), ...storeEnv(location), RETENTION_DAYS: '30' }, clock });
}

function phoneOf(app: TestApp, number: string): TwilioPhone {
  return twilioPhone(
    {
      baseUrl: app.baseUrl,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: TEST_TWILIO.authToken,
      accountSid: TEST_TWILIO.accountSid,
    },
    number,
  );
}

/** the sids the fake gave the SMS sent to `number` through the REST API (mentor messages) */
function restSidsTo(number: string): string[] {
  return twilioApi.sent.filter((sms) => sms.to === number).map((sms) => sms.sid);
}

/** every sid Twilio holds of this phone's messages */
function allSidsOf(phone: TwilioPhone): string[] {
  return [...phone.inboundSids, ...phone.replySids, ...phone.mediaSids, ...restSidsTo(phone.number)];
}

/** works off the erasure jobs, moving the clock past every retry, until none is left (or it gives up) */
async function eraseAtTwilio(app: TestApp, location: StoreLocation): Promise<void> {
  const erasures = app.twilioErasures;
  if (!erasures) throw new Error('erasure at Twilio is not configured');
  for (let round = 0; round < 10; round += 1) {
    await erasures.runDue();
    if ((await allRows(location)).twilio_erasures?.length === 0) return;
    app.clock.advance(5 * 60_000);
  }
  throw new Error('erasure jobs left after ten rounds');
}

/** neither the rows as the database gives them nor the SQLite file and its WAL hold the numbers */
async function expectNoClearNumber(location: StoreLocation, numbers: string[]): Promise<void> {
  expect(rowsMentioning(await allRows(location), numbers)).toEqual([]);
  if (location.kind !== 'sqlite') return;
  for (const file of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]) {
    const bytes = readFileSync(join(location.dataDir, file));
    for (const number of numbers) {
      expect(bytes.includes(Buffer.from(number)), `${file} holds ${number}`).toBe(false);
      expect(bytes.includes(Buffer.from(number.slice(1))), `${file} holds ${number.slice(1)}`).toBe(false);
    }
  }
}

async function slettAfterMentorConversation(kind: StoreKind): Promise<void> {
  const location = await freshLocation(kind, postgres);
  const app = await startApp(location);
  const t = (key: string) => app.translations.t('nb', key);
  try {
    await addMentor(app, 'kari');
    const kari = await loginMentor(app, 'kari');
    const kept = phoneOf(app, nextNumber(kind));
    await kept.send('Hei');
    await kept.send('hva er IPS');

    const person = phoneOf(app, nextNumber(kind));
    const menu = await person.send('Hei');
    const consent = await person.send(choiceNumber(menu, t('dialog.choice.mentor')));
    await person.send(choiceNumber(consent, t('handover.choice.consentYes')));
    const handoverId = await openHandoverIdOf(app.store, person.number);
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Kari her.' });
    await person.send('Jeg er redd for å miste jobben', { mediaCount: 1 });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Det skjønner jeg.' });
    await app.handovers.idle();
    await twilioApi.waitForMessages(restSidsTo(person.number).length >= 2 ? 0 : twilioApi.sent.length + 1);
    expect(restSidsTo(person.number).length).toBeGreaterThanOrEqual(2);
    await expectNoClearNumber(location, [person.number, kept.number]);

    // one message fails twice at Twilio, one is already gone there
    const callsBefore = twilioApi.deletes.length;
    twilioApi.answerDeletes([500, 404, 500]);
    const question = await person.send('SLETT');
    expect(await person.send(choiceNumber(question, t('dialog.choice.eraseYes')))).toEqual([t('dialog.erase.done')]);
    await app.handovers.idle();
    const confirmationSid = person.replySids.at(-1) as string;

    await app.twilioErasures?.runDue();
    // the confirmation waits for its delivery report (or a short while) before it goes
    expect(twilioApi.deletes.map((call) => call.messageSid)).not.toContain(confirmationSid);
    app.clock.advance(CONFIRMATION_WAIT_MS);
    await eraseAtTwilio(app, location);

    const deleted = twilioApi.deletedSids();
    const expected = allSidsOf(person);
    expect(expected.length).toBeGreaterThanOrEqual(13);
    expect(expected.filter((sid) => !deleted.has(sid))).toEqual([]);
    expect(person.mediaSids).toHaveLength(1);
    // the media went before its message; a 500 was tried again until Twilio confirmed
    const calls = twilioApi.deletes.slice(callsBefore);
    const mediaCall = calls.findIndex((call) => call.mediaSid === person.mediaSids[0] && call.status === 204);
    const messageCall = calls.findIndex((call) => call.messageSid === person.inboundSids[3] && !call.mediaSid);
    expect(mediaCall).toBeGreaterThanOrEqual(0);
    expect(mediaCall).toBeLessThan(messageCall);
    expect(calls.filter((call) => call.status === 500)).toHaveLength(2);
    // nothing of the other person went
    expect(allSidsOf(kept).filter((sid) => deleted.has(sid))).toEqual([]);

    const rows = await allRows(location);
    expect(rows.twilio_erasures).toEqual([]);
    expect(rowsMentioning(rows, expected)).toEqual([]);
    await expectNoClearNumber(location, [person.number, kept.number]);
    // the kept number's conversation still works from its sealed row
    expect((await kept.send('MENY')).length).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
}

async function retentionErasesAtTwilio(kind: StoreKind): Promise<void> {
  const location = await freshLocation(kind, postgres);
  const app = await startApp(location);
  try {
    await app.timers.runDue();
    const old = phoneOf(app, nextNumber(kind));
    await old.send('Hei');
    await old.send('hva er lønnstilskudd');
    app.clock.advance(31 * DAY_MS);
    const recent = phoneOf(app, nextNumber(kind));
    await recent.send('Hei');
    twilioApi.answerDeletes([500]);
    await app.timers.runDue();
    await eraseAtTwilio(app, location);

    const deleted = twilioApi.deletedSids();
    // two messages, each answered (a welcome may be two)
    expect(allSidsOf(old).length).toBeGreaterThanOrEqual(4);
    expect(allSidsOf(old).filter((sid) => !deleted.has(sid))).toEqual([]);
    expect(allSidsOf(recent).filter((sid) => deleted.has(sid))).toEqual([]);
    const rows = await allRows(location);
    expect(rows.twilio_messages?.length).toBe(allSidsOf(recent).length);
    await expectNoClearNumber(location, [old.number, recent.number]);
  } finally {
    await app.close();
  }
}

async function restartCompletesErasure(kind: StoreKind): Promise<void> {
  const location = await freshLocation(kind, postgres);
  const clock = createTestClock();
  const first = await startApp(location, clock);
  const person = phoneOf(first, nextNumber(kind));
  const other = phoneOf(first, nextNumber(kind));
  try {
    for (const phone of [person, other]) {
      const question = await phone.send('SLETT');
      await phone.send(choiceNumber(question, first.translations.t('nb', 'dialog.choice.eraseYes')));
    }
    // every attempt of the first instance fails
    twilioApi.answerDeletes(Array.from({ length: 100 }, () => 500));
    await first.twilioErasures?.runDue();
    twilioApi.answerDeletes([]);
  } finally {
    await first.close();
  }
  // a crashed instance's lease, once every job is due: held until the lease runs out, then taken up again
  const allDueAt = clock.now.getTime() + CONFIRMATION_WAIT_MS + 60_000;
  const crashed = await openStore(location);
  const leased = await crashed.transaction(null, (uow) =>
    uow.twilioMessages.claimDueErasures(new Date(allDueAt), new Date(allDueAt + ERASURE_LEASE_MS), 1),
  );
  await crashed.close();
  expect(leased).toHaveLength(1);
  const pendingBefore = (await allRows(location)).twilio_erasures?.length ?? 0;
  expect(pendingBefore).toBeGreaterThan(4);

  const second = await startApp(location, clock);
  try {
    clock.set(new Date(allDueAt));
    await second.twilioErasures?.runDue();
    expect((await allRows(location)).twilio_erasures?.map((row) => row.message_sid)).toEqual([leased[0]?.messageSid]);
    clock.advance(ERASURE_LEASE_MS);
    await eraseAtTwilio(second, location);
    const deleted = twilioApi.deletedSids();
    for (const phone of [person, other]) expect(allSidsOf(phone).filter((sid) => !deleted.has(sid))).toEqual([]);
  } finally {
    await second.close();
  }
}

describe('erasure reaches Twilio', () => {
  it('SLETT after a mentor conversation deletes every message and picture at Twilio (SQLite)', () =>
    slettAfterMentorConversation('sqlite'));
  it('retention deletes an old conversation at Twilio too (SQLite)', () => retentionErasesAtTwilio('sqlite'));
  it('a restart in the middle of the deletion jobs completes them (SQLite)', () => restartCompletesErasure('sqlite'));
  it(
    'SLETT after a mentor conversation deletes every message and picture at Twilio (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => slettAfterMentorConversation('postgres')),
  );
  it(
    'retention deletes an old conversation at Twilio too (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => retentionErasesAtTwilio('postgres')),
  );
  it(
    'a restart in the middle of the deletion jobs completes them (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => restartCompletesErasure('postgres')),
  );
});

describe('the status callback is a guarded input', () => {
  it('answers 403 to a bad signature and 400 to a malformed callback, and stores nothing', async () => {
    const location = await freshLocation('sqlite', postgres);
    const app = await startApp(location);
    try {
      const phone = phoneOf(app, nextNumber('sqlite'));
      await phone.send('Hei');
      const before = await allRows(location);
      const callbackUrl = `${PUBLIC_BASE_URL}/api/sms/status?inReplyTo=${phone.inboundSids[0]}`;
      const params = { MessageSid: newMessageSid(), MessageStatus: 'delivered', AccountSid: TEST_TWILIO.accountSid };
      const post = (options: Partial<Parameters<typeof postStatusCallback>[0]>) =>
        postStatusCallback({ baseUrl: app.baseUrl, callbackUrl, authToken: TEST_TWILIO.authToken, params, ...options });
      expect((await post({ signature: 'forged' })).status).toBe(403);
      expect((await post({ signature: null })).status).toBe(403);
      expect((await post({ authToken: 'another-token' })).status).toBe(403);
      // signed for another inReplyTo than the one called: the query is part of what is signed
      const elsewhere = `${PUBLIC_BASE_URL}/api/sms/status?inReplyTo=${newMessageSid()}`;
      const forgedQuery = await fetch(`${app.baseUrl}/api/sms/status?inReplyTo=${phone.inboundSids[0]}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': (await import('twilio')).default.getExpectedTwilioSignature(
            TEST_TWILIO.authToken,
            elsewhere,
            params,
          ),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(forgedQuery.status).toBe(403);
      expect((await post({ params: { MessageStatus: 'sent' } })).status).toBe(400);
      expect((await post({ params: { ...params, MessageSid: "SM'; DROP TABLE x;--" } })).status).toBe(400);
      expect((await post({ params: { ...params, MessageStatus: 'x'.repeat(500) } })).status).toBe(400);
      expect((await post({ callbackUrl: `${PUBLIC_BASE_URL}/api/sms/status` })).status).toBe(400);
      expect((await post({ callbackUrl: `${PUBLIC_BASE_URL}/api/sms/status?inReplyTo=../../etc` })).status).toBe(400);
      expect(await allRows(location)).toEqual(before);
    } finally {
      await app.close();
    }
  });
});

describe('without Twilio credentials', () => {
  it('records no sid, offers no status callback and attempts no deletion, and SMS still work', async () => {
    const location = await freshLocation('sqlite', postgres);
    const app = await startTestApp({ env: { ...storeEnv(location), PUBLIC_BASE_URL } });
    try {
      const response = await fetch(`${app.baseUrl}/api/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          MessageSid: newMessageSid(),
          From: nextNumber('sqlite'),
          Body: 'SLETT',
        }).toString(),
      });
      expect(response.status).toBe(200);
      const twiml = await response.text();
      expect(twiml).toContain('<Message>');
      expect(twiml).not.toContain('statusCallback');
      expect(app.twilioErasures).toBeUndefined();
      const rows = await allRows(location);
      expect(rows.twilio_messages).toEqual([]);
      expect(rows.twilio_erasures).toEqual([]);
      expect((await fetch(`${app.baseUrl}/api/sms/status`, { method: 'POST' })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
