/**
 * Twilio may deliver one message twice, and the two deliveries may arrive at the same moment (a retry
 * after a timeout while the first is still running), at two instances behind a load balancer. The
 * message must make one turn, and both deliveries get the same answer. PostgreSQL: two instances on
 * one database; SQLite: one instance, both deliveries at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/ports.js';
import { numberSeries, PUBLIC_BASE_URL, sendSms, storedConversation } from '../multiInstance/smsClient.js';
import {
  addressHashIn,
  allRows,
  freshLocation,
  openStore,
  type StoreKind,
  storeEnv,
} from '../multiInstance/storeLocation.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { newMessageSid } from '../support/twilioWebhook.js';

const ROUNDS = 5;

const postgres = await startTestPostgres();

afterAll(async () => {
  await postgres?.stop();
});

async function duplicatesAtOnce(kind: StoreKind): Promise<void> {
  const location = await freshLocation(kind, postgres);
  const env = { ...storeEnv(location), PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken };
  const first = await startTestApp({ env });
  const instances: [TestApp, TestApp] = [first, kind === 'postgres' ? await startTestApp({ env }) : first];
  const store: Store = await openStore(location);
  const nextNumber = numberSeries(kind === 'sqlite' ? '45' : '47');
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = nextNumber();
      // even rounds: the duplicate is the very first message, so both deliveries race to create the conversation
      const opening = round % 2 === 0 ? [] : ['Hei'];
      for (const text of opening) expect((await sendSms(instances[0].baseUrl, from, text)).status).toBe(200);
      const sid = newMessageSid();
      const [one, other] = await Promise.all(instances.map((app) => sendSms(app.baseUrl, from, 'hva er IPS', sid)));
      expect(one?.status).toBe(200);
      expect(one?.messages.length).toBeGreaterThan(0);
      expect(other).toEqual(one);

      const stored = await storedConversation(store, from);
      expect(stored?.transcript.filter((line) => line.direction === 'user').map((line) => line.text)).toEqual([
        ...opening,
        'hva er IPS',
      ]);
      const rows = await allRows(location);
      const hash = await addressHashIn(location, from);
      expect(rows.conversations?.filter((row) => row.address_hash === hash)).toHaveLength(1);
      expect(rows.processed_inbound?.filter((row) => row.external_id === sid)).toHaveLength(1);
    }
  } finally {
    await store.close();
    for (const app of new Set(instances)) await app.close();
  }
}

describe('one MessageSid delivered twice at the same moment', () => {
  it('makes one turn and gives both deliveries the same answer (SQLite)', () => duplicatesAtOnce('sqlite'));

  it(
    'makes one turn and gives both deliveries the same answer, one at each of two instances (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => duplicatesAtOnce('postgres')),
  );
});
