/**
 * PostgreSQL goes away under a running instance, two ways: the network to it is cut (connections
 * reset, new ones refused), or the server throws every session out and refuses new ones (what a
 * shutdown or a failover does). Meanwhile `/healthz` answers 503 and a webhook 503, so Twilio retries
 * it; never a 200 for a message that was not stored. When the database is back, the same MessageSid
 * retried is processed, once.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import type { Store } from '../../src/storage/ports.js';
import { numberSeries, PUBLIC_BASE_URL, sendSms, storedConversation } from '../multiInstance/smsClient.js';
import { openStore } from '../multiInstance/storeLocation.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../support/testSealer.js';
import { newMessageSid } from '../support/twilioWebhook.js';
import { type CuttableTcpLink, startCuttableTcpLink } from './cuttableTcpLink.js';

const BACK_WITHIN_MS = 15_000;

const postgres = await startTestPostgres();

afterAll(async () => {
  await postgres?.stop();
});

/** One way of losing the database, and of getting it back. */
interface Outage {
  /** the URL the app uses */
  appUrl: string;
  begin(): Promise<void>;
  end(): Promise<void>;
  dispose(): Promise<void>;
}

async function networkOutage(databaseUrl: string): Promise<Outage> {
  const target = new URL(databaseUrl);
  const link: CuttableTcpLink = await startCuttableTcpLink({ host: target.hostname, port: Number(target.port) });
  const appUrl = new URL(databaseUrl);
  appUrl.port = String(link.port);
  return { appUrl: appUrl.toString(), begin: link.cut, end: link.restore, dispose: link.close };
}

async function serverRefusesOutage(server: PostgresServer, databaseUrl: string): Promise<Outage> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const asAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  return {
    appUrl: databaseUrl,
    async begin() {
      await asAdmin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    },
    end: () => asAdmin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`),
    dispose: async () => undefined,
  };
}

async function healthStatus(app: TestApp): Promise<number> {
  return (await fetch(`${app.baseUrl}/healthz`)).status;
}

async function waitUntilHealthy(app: TestApp): Promise<void> {
  const deadline = Date.now() + BACK_WITHIN_MS;
  while ((await healthStatus(app)) !== 200) {
    if (Date.now() > deadline) throw new Error(`/healthz not 200 within ${BACK_WITHIN_MS} ms of the database's return`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function answersWhileDown(makeOutage: (databaseUrl: string) => Promise<Outage>, prefix: string) {
  if (!postgres) throw new Error('PostgreSQL is not running');
  const database = await postgres.createDatabase();
  const outage = await makeOutage(database.url);
  const app = await startTestApp({
    env: {
      DATABASE_URL: outage.appUrl,
      DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
      PUBLIC_BASE_URL,
      TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    },
  });
  const store: Store = await openStore({ kind: 'postgres', url: database.url });
  const nextNumber = numberSeries(prefix);
  try {
    const known = nextNumber();
    const newcomer = nextNumber();
    expect((await sendSms(app.baseUrl, known, 'Hei')).status).toBe(200);

    await outage.begin();
    const question = newMessageSid();
    const greeting = newMessageSid();
    expect(await healthStatus(app)).toBe(503);
    const whileDown = await Promise.all([
      sendSms(app.baseUrl, known, 'hva er IPS', question),
      sendSms(app.baseUrl, newcomer, 'Hei', greeting),
    ]);
    expect(whileDown.map((response) => response.status)).toEqual([503, 503]);
    expect(await healthStatus(app)).toBe(503);

    await outage.end();
    await waitUntilHealthy(app);
    // nothing of the refused webhooks was stored
    expect((await storedConversation(store, known))?.transcript.map((line) => line.text)).not.toContain('hva er IPS');
    expect(await storedConversation(store, newcomer)).toBeUndefined();

    // Twilio retries: processed now, and once however often it comes
    const retried = await sendSms(app.baseUrl, known, 'hva er IPS', question);
    expect(retried.status).toBe(200);
    expect(retried.messages.length).toBeGreaterThan(0);
    const again = await sendSms(app.baseUrl, known, 'hva er IPS', question);
    expect(again).toEqual(retried);
    expect((await sendSms(app.baseUrl, newcomer, 'Hei', greeting)).status).toBe(200);

    const stored = await storedConversation(store, known);
    expect(stored?.transcript.filter((line) => line.direction === 'user').map((line) => line.text)).toEqual([
      'Hei',
      'hva er IPS',
    ]);
    expect((await storedConversation(store, newcomer))?.transcript.filter((line) => line.direction === 'user')).toEqual(
      [{ direction: 'user', text: 'Hei' }],
    );
    // the store errors were logged without what was written or who wrote it
    const log = app.logLines.join('');
    expect(log).toContain('503');
    for (const secret of [known, newcomer, 'hva er IPS']) expect(log).not.toContain(secret);
  } finally {
    await store.close();
    await app.close();
    await outage.dispose();
    await database.drop();
  }
}

describeWith(postgres, POSTGRES_MISSING, 'the database goes away under a running instance', (postgres) => {
  it('answers 503 while the network to PostgreSQL is cut, and processes the retry once when it is back', () =>
    answersWhileDown(networkOutage, '43'));

  it('answers 503 while PostgreSQL throws out every session and refuses new ones, then processes the retry once', () =>
    answersWhileDown((url) => serverRefusesOutage(postgres, url), '44'));
});
