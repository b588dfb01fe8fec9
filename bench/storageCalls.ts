/**
 * `npx tsx bench/storageCalls.ts [conversations]`: the storage calls of an SMS turn alone, through
 * the Store port, on SQLite: what the engine asks of the store for one message (dedupe lookup, the
 * conversation by address, the opt-out check, the person's message, the dedupe row, the Twilio sid,
 * the open handover, the reply, the snapshot, the hour's counters), three turns per new number. It
 * reports this process's CPU time per turn, one turn at a time and 16 conversations at once (so the
 * SQLite group commit shares transactions as under load). Only the Store port is used, so the same
 * file runs on an older tree for a before/after figure (copy it into that tree's bench/).
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../src/storage/ports.js';
import { AddressSealer } from '../src/storage/sealing/addressSealer.js';
import { createSqliteStore } from '../src/storage/sqlite/createSqliteStore.js';

const conversations = Number(process.argv[2] ?? 1000);
const TURNS_PER_CONVERSATION = 3;
const WARMUP_CONVERSATIONS = 200;
/** a restored dialog snapshot's size and shape, roughly */
const SNAPSHOT = {
  status: 'active',
  value: { browsing: 'topic' },
  context: { locale: 'nb', topic: 'measures.wage_subsidy', turns: 3, recent: ['greeting', 'menu', 'topic'] },
  children: {},
};
const HOUR_MS = 3_600_000;

let messageNumber = 0;

async function turn(store: Store, address: string): Promise<void> {
  const now = new Date();
  messageNumber += 1;
  const messageSid = `SM${messageNumber}`;
  await store.transaction(`sms:${address}`, async (uow) => {
    await uow.processedInbound.find('sms', messageSid);
    const conversation =
      (await uow.conversations.findByAddress('sms', address)) ??
      (await uow.conversations.create({ channel: 'sms', address, locale: 'nb', now }));
    await uow.conversations.update(conversation.id, { reference: null, updatedAt: now });
    await uow.optOuts.isOptedOut('sms', address);
    await uow.transcript.append({
      conversationId: conversation.id,
      direction: 'user',
      text: 'Jeg er sykmeldt og lurer på hva NAV kan hjelpe med',
      at: now,
    });
    await uow.processedInbound.record({
      channel: 'sms',
      externalId: messageSid,
      conversationId: conversation.id,
      reply: '<Response><Message>Hei! Jeg er en bot.</Message></Response>',
      at: now,
    });
    await uow.twilioMessages.record({ conversationId: conversation.id, messageSid, mediaSids: [], at: now });
    await uow.handovers.findOpenByConversation(conversation.id);
    await uow.transcript.append({
      conversationId: conversation.id,
      direction: 'bot',
      text: 'Hei! Jeg er en bot. Dette kan jeg hjelpe med …',
      at: now,
    });
    await uow.conversations.update(conversation.id, { snapshot: SNAPSHOT, updatedAt: now });
    await uow.statistics.increment(new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS), [
      { metric: 'turns', dimension: 'sms' },
      { metric: 'intent', dimension: 'measures.wage_subsidy' },
    ]);
  });
}

/** `count` conversations from new numbers, `atOnce` of them running together */
async function converse(store: Store, firstNumber: number, count: number, atOnce: number): Promise<void> {
  for (let start = 0; start < count; start += atOnce) {
    const batch: Array<Promise<void>> = [];
    for (let offset = 0; offset < atOnce && start + offset < count; offset += 1) {
      const address = `+47${firstNumber + start + offset}`;
      batch.push(
        (async () => {
          for (let index = 0; index < TURNS_PER_CONVERSATION; index += 1) await turn(store, address);
        })(),
      );
    }
    await Promise.all(batch);
  }
}

console.log(`load average before: ${loadavg()[0]?.toFixed(2)}`);
const store = await createSqliteStore({
  dataDir: mkdtempSync(join(tmpdir(), 'helpline-storage-calls-')),
  sealer: new AddressSealer(Buffer.alloc(32, 7)),
});
try {
  await converse(store, 40_000_000, WARMUP_CONVERSATIONS, 1);
  for (const atOnce of [1, 16]) {
    const before = process.cpuUsage();
    await converse(store, 41_000_000 + atOnce * 100_000, conversations, atOnce);
    const used = process.cpuUsage(before);
    const cpuMsPerTurn = (used.user + used.system) / 1000 / (conversations * TURNS_PER_CONVERSATION);
    console.log(`${atOnce} at once: ${cpuMsPerTurn.toFixed(3)} CPU ms per turn's storage calls`);
  }
} finally {
  await store.close();
}
console.log(`load average after: ${loadavg()[0]?.toFixed(2)}`);
