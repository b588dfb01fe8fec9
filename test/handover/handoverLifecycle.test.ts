import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { addressHashIn } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { createTestClock, TEST_TWILIO, tempDataDir } from '../support/testApp.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  openEventStream,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from './support/handoverApp.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let twilioApi: FakeTwilioApi;
let phone = 43000000;
function nextPhone(): string {
  phone += 1;
  return `+47${phone}`;
}
const opened: HandoverTestApp[] = [];

async function start(options: Omit<Parameters<typeof startHandoverApp>[0], 'twilioApiBaseUrl'> = {}) {
  const app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, ...options });
  opened.push(app);
  return app;
}

async function stop(app: HandoverTestApp) {
  opened.splice(opened.indexOf(app), 1);
  await app.close();
}

function sentTo(to: string): string[] {
  return twilioApi.sent.filter((message) => message.to === to).map((message) => message.body);
}

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
});

afterAll(async () => {
  for (const app of [...opened]) await app.close();
  await twilioApi?.close();
});

describe('persisted handover timers', () => {
  it('sends a kind update after the wait-update interval, and again after a restart', async () => {
    const dataDir = tempDataDir();
    const clock = createTestClock();
    const first = await start({ dataDir, clock });
    const t = (key: string, params?: Record<string, number>) => first.translations.t('nb', key, params);
    const from = nextPhone();
    await requestMentorBySms(first, from, { consent: true });

    clock.advance(9 * MINUTE);
    await first.timers.runDue();
    await first.handovers.idle();
    expect(sentTo(from)).toEqual([]);

    clock.advance(2 * MINUTE);
    expect(await first.timers.runDue()).toBe(1);
    await first.handovers.idle();
    expect(sentTo(from)).toHaveLength(1);
    expect(sentTo(from)[0]).toContain(t('handover.queue.update', { position: 1 }));
    await stop(first);

    // the next update is a row in the database: a new process finds it
    const second = await start({ dataDir, clock });
    clock.advance(11 * MINUTE);
    expect(await second.timers.runDue()).toBe(1);
    await second.handovers.idle();
    expect(sentTo(from)).toHaveLength(2);
    await stop(second);
  });

  it('puts the person back in the queue when their mentor has been away for the grace period', async () => {
    const clock = createTestClock();
    const app = await start({ clock, timings: { mentorGraceMs: 3 * MINUTE } });
    const t = (key: string) => app.translations.t('nb', key);
    await addMentor(app, 'kari');
    await addMentor(app, 'ola');
    const kari = await loginMentor(app, 'kari');
    const ola = await loginMentor(app, 'ola');
    const from = nextPhone();
    const { handoverId } = await requestMentorBySms(app, from, { consent: true });
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);

    // seen at minute 2 (a request): the grace period runs from there
    clock.advance(2 * MINUTE);
    await kari.request('GET', '/api/mentor/handovers');
    clock.advance(2 * MINUTE + 30_000);
    await app.timers.runDue();
    expect((await ola.request('GET', `/api/mentor/handovers/${handoverId}`)).data).toMatchObject({
      status: 'active',
      mentor: 'kari',
    });

    clock.advance(MINUTE);
    await app.timers.runDue();
    await app.handovers.idle();
    expect((await ola.request('GET', `/api/mentor/handovers/${handoverId}`)).data).toMatchObject({
      status: 'waiting',
      mentor: null,
    });
    expect(sentTo(from).at(-1)).toContain(t('handover.mentorLost'));
    // the person's next message is not lost to a mentor who is gone: the bot is there again meanwhile
    expect((await smsUser(app, from)('Hallo?')).length).toBeGreaterThan(0);
    expect((await ola.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei' })).status).toBe(
      403,
    );
  });

  it('keeps the mentor while their console is connected (the heartbeat counts as being there)', async () => {
    const clock = createTestClock();
    const app = await start({ clock, timings: { mentorGraceMs: 3 * MINUTE }, heartbeatMs: 30 });
    await addMentor(app, 'kari');
    const kari = await loginMentor(app, 'kari');
    const { handoverId } = await requestMentorBySms(app, nextPhone(), { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    const stream = await openEventStream(app.baseUrl, kari.cookie);
    for (let step = 0; step < 10; step += 1) {
      clock.advance(MINUTE);
      // the second heartbeat after the advance is written once the first one's presence is stored
      // (one store queue), so the mentor has been seen at the new time before the timers run
      await stream.waitForHeartbeats(2);
      await app.timers.runDue();
    }
    expect((await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data).toMatchObject({ status: 'active' });

    // logged out: the next heartbeat ends the stream
    await kari.request('POST', '/api/mentor/logout');
    await stream.waitFor((event) => event.type === 'session.ended');
    await stream.ended;
  });
});

describe('restart during an active handover', () => {
  it('loses nothing: transcript, who has the person, and the chat goes on', async () => {
    const dataDir = tempDataDir();
    const clock = createTestClock();
    const first = await start({ dataDir, clock });
    await addMentor(first, 'kari');
    const kari = await loginMentor(first, 'kari');
    const from = nextPhone();
    const send = smsUser(first, from);
    const { handoverId } = await requestMentorBySms(first, from, { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, jeg er Kari.' });
    await send('Hei Kari, takk for at du svarer.');
    await first.handovers.idle();
    const before = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as {
      messages: Array<{ text: string }>;
    };
    await stop(first);

    const second = await start({ dataDir, clock });
    kari.baseUrl = second.baseUrl;
    const after = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as {
      status: string;
      mentor: string;
      messages: Array<{ direction: string; text: string }>;
    };
    expect(after.status).toBe('active');
    expect(after.mentor).toBe('kari');
    expect(after.messages.map((message) => message.text)).toEqual(before.messages.map((message) => message.text));

    expect(await smsUser(second, from)('Er du der fortsatt?')).toEqual([]);
    expect(
      (await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Ja, jeg er her.' })).status,
    ).toBe(201);
    await second.handovers.idle();
    expect(sentTo(from).at(-1)).toBe('Ja, jeg er her.');
    const latest = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as {
      messages: Array<{ direction: string; text: string }>;
    };
    expect(latest.messages.slice(-2)).toMatchObject([
      { direction: 'user', text: 'Er du der fortsatt?' },
      { direction: 'mentor', text: 'Ja, jeg er her.' },
    ]);
    await stop(second);
  });
});

describe('retention', () => {
  it('deletes conversations idle for RETENTION_DAYS with everything about them, and keeps the rest', async () => {
    const dataDir = tempDataDir();
    const clock = createTestClock();
    const app = await start({ dataDir, clock, retentionDays: 30 });
    await addMentor(app, 'kari');
    const kari = await loginMentor(app, 'kari');
    const oldPhone = nextPhone();
    const { handoverId } = await requestMentorBySms(app, oldPhone, { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei fra Kari' });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
    await app.handovers.idle();
    await app.timers.runDue();

    clock.advance(31 * DAY);
    const recentPhone = nextPhone();
    await requestMentorBySms(app, recentPhone, { consent: true });
    await app.timers.runDue();

    const location = { kind: 'sqlite', dataDir } as const;
    const [oldHash, recentHash] = [await addressHashIn(location, oldPhone), await addressHashIn(location, recentPhone)];
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const oldConversation = db.prepare('SELECT id FROM conversations WHERE address_hash = ?').get(oldHash);
      expect(oldConversation).toBeUndefined();
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as Array<{ name: string }>;
      for (const { name } of tables) {
        const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
        const text = JSON.stringify(rows);
        expect(text, `table ${name}`).not.toContain(oldPhone);
        expect(text, `table ${name}`).not.toContain(handoverId);
        expect(text, `table ${name}`).not.toContain('Hei fra Kari');
      }
      expect(db.prepare('SELECT COUNT(*) AS n FROM conversations WHERE address_hash = ?').get(recentHash)).toEqual({
        n: 1,
      });
      // Kari's session expired long ago and went too
      expect(db.prepare('SELECT COUNT(*) AS n FROM mentor_sessions').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
