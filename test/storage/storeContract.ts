/**
 * The storage contract: every adapter of the ports in src/storage/ports.ts must pass this suite, run
 * against a real database (sqliteStore.test.ts, postgresStore.test.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Channel } from '../../src/domain/domain.js';
import type { ConversationRecord, HandoverRecord, Store, TurnOpening, UnitOfWork } from '../../src/storage/ports.js';

export interface StoreUnderTest {
  store: Store;
  /** opens the same database again, as a restarted process would */
  reopen(): Promise<Store>;
  /** every table in the database */
  tableNames(): Promise<string[]>;
  /** every row of one table, as the database returns it */
  rows(table: string): Promise<Record<string, unknown>[]>;
  /** closes every store it opened and removes the database */
  dispose(): Promise<void>;
}

export type StoreUnderTestFactory = () => Promise<StoreUnderTest>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** a conversation's id: UUID version 7, its first 48 bits the time it was made */
const TIME_ORDERED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-24T09:15:30.123Z');

function at(offsetMs: number): Date {
  return new Date(NOW.getTime() + offsetMs);
}

function newConversation(
  uow: UnitOfWork,
  address: string,
  options: { channel?: Channel; now?: Date } = {},
): Promise<ConversationRecord> {
  return uow.conversations.create({
    channel: options.channel ?? 'sms',
    address,
    locale: 'nb',
    now: options.now ?? NOW,
  });
}

type NewHandover = Parameters<UnitOfWork['handovers']['create']>[0];

function waitingHandover(conversation: ConversationRecord, overrides: Partial<NewHandover> = {}): NewHandover {
  return {
    conversationId: conversation.id,
    channel: conversation.channel,
    status: 'waiting',
    priority: 0,
    crisis: false,
    consent: true,
    topic: 'openness.how',
    summary: 'topics=openness.how;questions=2',
    waitingSince: NOW,
    visibleFromMessageId: 0,
    ...overrides,
  };
}

/** resolves with the next payload published on `channel` */
async function nextEvent(
  store: Store,
  channel: string,
): Promise<{ payload: Promise<string>; stop: () => Promise<void> }> {
  let received: (payload: string) => void = () => {};
  const payload = new Promise<string>((resolve) => {
    received = resolve;
  });
  const stop = await store.subscribe(channel, (value) => received(value));
  return { payload, stop };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => {
      throw new Error(`timed out waiting for ${what}`);
    }),
  ]);
}

export function describeStoreContract(adapterName: string, createStoreUnderTest: StoreUnderTestFactory): void {
  describe(`${adapterName} store contract`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await createStoreUnderTest();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.dispose();
    });

    describe('transactions', () => {
      test('returns what the work returns and keeps what it wrote', async () => {
        const id = await store.transaction(null, async (uow) => (await newConversation(uow, '+4790000001')).id);
        const found = await store.transaction(null, (uow) => uow.conversations.get(id));
        expect(found?.address).toBe('+4790000001');
      });

      test('rolls back everything when the work throws, and rethrows the same error', async () => {
        const failure = new Error('turn failed');
        await expect(
          store.transaction('sms:+4790000002', async (uow) => {
            const conversation = await newConversation(uow, '+4790000002');
            await uow.transcript.append({ conversationId: conversation.id, direction: 'user', text: 'hei', at: NOW });
            await uow.optOuts.optOut('sms', '+4790000002', NOW);
            throw failure;
          }),
        ).rejects.toBe(failure);
        await store.transaction(null, async (uow) => {
          expect(await uow.conversations.findByAddress('sms', '+4790000002')).toBeUndefined();
          expect(await uow.optOuts.isOptedOut('sms', '+4790000002')).toBe(false);
        });
        for (const table of await subject.tableNames()) {
          if (table !== 'schema_migrations') expect(await subject.rows(table), table).toEqual([]);
        }
      });

      test('transactions with the same lockKey run one after another (no lost update)', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000003'));
        const increment = (lockKey: string) =>
          store.transaction(lockKey, async (uow) => {
            const current = await uow.conversations.get(conversation.id);
            const count = (current?.snapshot as { count: number } | null)?.count ?? 0;
            // give a concurrent transaction every chance to read the same count
            await sleep(30);
            await uow.conversations.update(conversation.id, { snapshot: { count: count + 1 }, updatedAt: NOW });
          });
        await Promise.all([1, 2, 3, 4].map(() => increment('sms:+4790000003')));
        const after = await store.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(after?.snapshot).toEqual({ count: 4 });
      });

      test('a failed transaction does not block the next one with the same lockKey', async () => {
        await expect(
          store.transaction('sms:+4790000004', async () => {
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        const created = await withTimeout(
          store.transaction('sms:+4790000004', (uow) => newConversation(uow, '+4790000004')),
          5000,
          'the next transaction',
        );
        expect(created.address).toBe('+4790000004');
      });
    });

    describe('conversations', () => {
      test('create gives a time-ordered UUID, status open and no snapshot yet', async () => {
        const [first, second] = await store.transaction(null, async (uow) => [
          await newConversation(uow, '+4790000010'),
          await newConversation(uow, 'dl-conversation-1', { channel: 'webchat' }),
        ]);
        expect(first?.id).toMatch(TIME_ORDERED_UUID);
        expect(second?.id).toMatch(TIME_ORDERED_UUID);
        expect(first?.id).not.toBe(second?.id);
        // the time part (the first 48 bits) of a later conversation's id never sorts before an earlier one's
        expect((second?.id ?? '').slice(0, 13) >= (first?.id ?? '').slice(0, 13)).toBe(true);
        expect(first).toMatchObject({ channel: 'sms', address: '+4790000010', locale: 'nb', status: 'open' });
        expect(first?.snapshot).toBeNull();
        expect(first?.reference).toBeNull();
        const stored = await store.transaction(null, (uow) => uow.conversations.get(first?.id ?? ''));
        expect(stored).toEqual(first);
      });

      test('findByAddress matches channel and address exactly', async () => {
        const created = await store.transaction(null, (uow) => newConversation(uow, '+4790000011'));
        await store.transaction(null, async (uow) => {
          expect((await uow.conversations.findByAddress('sms', '+4790000011'))?.id).toBe(created.id);
          expect(await uow.conversations.findByAddress('webchat', '+4790000011')).toBeUndefined();
          expect(await uow.conversations.findByAddress('sms', '+479000001')).toBeUndefined();
        });
      });

      test('findByAddress gives the most recently updated conversation of an address', async () => {
        const { newer } = await store.transaction(null, async (uow) => {
          const older = await newConversation(uow, '+4790000012', { now: at(-2 * DAY_MS) });
          await uow.conversations.update(older.id, { status: 'closed', updatedAt: at(-DAY_MS) });
          return { newer: await newConversation(uow, '+4790000012') };
        });
        const found = await store.transaction(null, (uow) => uow.conversations.findByAddress('sms', '+4790000012'));
        expect(found?.id).toBe(newer.id);
      });

      test('a snapshot and a reference survive a JSON round trip', async () => {
        const snapshot = {
          status: 'active',
          value: { menu: { topic: 'openness.how' } },
          context: {
            locale: 'nn',
            asked: ['openness.how', 'measures.ips'],
            count: 3,
            ratio: 0.25,
            crisis: false,
            last: null,
          },
          historyValue: {},
          text: 'Blåbærsyltetøy «sitat» – 😊 "quotes" \\ backslash',
          list: [[1, 2], [], [{ a: [null] }]],
        };
        const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/', user: { id: 'u' } };
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000013'));
        await store.transaction(null, (uow) =>
          uow.conversations.update(conversation.id, { snapshot, reference, updatedAt: at(1000) }),
        );
        const stored = await store.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(stored?.snapshot).toEqual(snapshot);
        expect(stored?.reference).toEqual(reference);
        expect(stored?.updatedAt).toEqual(at(1000));
        expect(stored?.createdAt).toEqual(NOW);
      });

      test('update changes only what it is given; null clears a snapshot', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000014'));
        await store.transaction(null, (uow) =>
          uow.conversations.update(conversation.id, { snapshot: { step: 1 }, reference: ['r'], updatedAt: at(1) }),
        );
        await store.transaction(null, (uow) =>
          uow.conversations.update(conversation.id, { locale: 'en', status: 'closed', updatedAt: at(2) }),
        );
        let stored = await store.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(stored).toMatchObject({ locale: 'en', status: 'closed', snapshot: { step: 1 }, reference: ['r'] });
        expect(stored?.updatedAt).toEqual(at(2));
        await store.transaction(null, (uow) =>
          uow.conversations.update(conversation.id, { snapshot: null, updatedAt: at(3) }),
        );
        stored = await store.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(stored?.snapshot).toBeNull();
        expect(stored?.reference).toEqual(['r']);
      });

      test('get of an unknown or malformed id finds nothing', async () => {
        await store.transaction(null, async (uow) => {
          expect(await uow.conversations.get('7d8f9a5e-1c2b-4a3d-9e8f-000000000000')).toBeUndefined();
          expect(await uow.conversations.get('not-a-uuid')).toBeUndefined();
        });
      });
    });

    describe('transcript', () => {
      test('append gives growing ids; list is in order, per conversation, from sinceId on', async () => {
        const { one, other, ids } = await store.transaction(null, async (uow) => {
          const one = await newConversation(uow, '+4790000020');
          const other = await newConversation(uow, '+4790000021');
          const ids = [
            await uow.transcript.append({ conversationId: one.id, direction: 'user', text: 'Hei', at: at(1) }),
            await uow.transcript.append({ conversationId: other.id, direction: 'user', text: 'Annen', at: at(2) }),
            await uow.transcript.append({
              conversationId: one.id,
              direction: 'bot',
              text: 'Hei! Jeg er en bot.',
              at: at(3),
            }),
            await uow.transcript.append({
              conversationId: one.id,
              direction: 'mentor',
              text: 'Hei, jeg heter Kari',
              at: at(4),
            }),
          ];
          return { one, other, ids };
        });
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        expect(new Set(ids).size).toBe(4);
        const all = await store.transaction(null, (uow) => uow.transcript.list(one.id));
        expect(all).toEqual([
          { id: ids[0], conversationId: one.id, direction: 'user', text: 'Hei', at: at(1), crisis: false },
          {
            id: ids[2],
            conversationId: one.id,
            direction: 'bot',
            text: 'Hei! Jeg er en bot.',
            at: at(3),
            crisis: false,
          },
          {
            id: ids[3],
            conversationId: one.id,
            direction: 'mentor',
            text: 'Hei, jeg heter Kari',
            at: at(4),
            crisis: false,
          },
        ]);
        const since = await store.transaction(null, (uow) => uow.transcript.list(one.id, { sinceId: ids[2] }));
        expect(since.map((message) => message.id)).toEqual([ids[2], ids[3]]);
        const otherMessages = await store.transaction(null, (uow) => uow.transcript.list(other.id));
        expect(otherMessages.map((message) => message.text)).toEqual(['Annen']);
      });

      test('markCrisis marks that one message, and it stays marked', async () => {
        const { conversation, ids } = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000022');
          const ids = [
            await uow.transcript.append({ conversationId: conversation.id, direction: 'user', text: 'Hei', at: at(1) }),
            await uow.transcript.append({
              conversationId: conversation.id,
              direction: 'user',
              text: 'Jeg vil ikke leve mer',
              at: at(2),
            }),
          ];
          await uow.transcript.markCrisis(ids[1] as number);
          return { conversation, ids };
        });
        await store.transaction(null, (uow) => uow.transcript.markCrisis(ids[1] as number));
        const messages = await store.transaction(null, (uow) => uow.transcript.list(conversation.id));
        expect(messages.map((message) => [message.id, message.crisis])).toEqual([
          [ids[0], false],
          [ids[1], true],
        ]);
      });

      test('markConcern marks that one message apart from the crisis mark, and the others carry no concern', async () => {
        const { conversation, ids } = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000023');
          const line = (text: string, minute: number) =>
            uow.transcript.append({ conversationId: conversation.id, direction: 'user', text, at: at(minute) });
          const ids = [await line('Hei', 1), await line('Orker ikke mer', 2), await line('Jeg vil ikke leve mer', 3)];
          await uow.transcript.markConcern(ids[1] as number);
          await uow.transcript.markCrisis(ids[2] as number);
          return { conversation, ids };
        });
        await store.transaction(null, (uow) => uow.transcript.markConcern(ids[1] as number));
        const messages = await store.transaction(null, (uow) => uow.transcript.list(conversation.id));
        expect(messages.map((message) => [message.id, message.crisis, message.concern])).toEqual([
          [ids[0], false, undefined],
          [ids[1], false, true],
          [ids[2], true, undefined],
        ]);
        expect(messages[0]).not.toHaveProperty('concern');
      });

      test("appendAll writes a turn's messages after what came before, in their order, and nothing for none", async () => {
        const { conversation, first } = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000024');
          const first = await uow.transcript.append({
            conversationId: conversation.id,
            direction: 'user',
            text: 'Hei',
            at: at(1),
          });
          await uow.transcript.appendAll(conversation.id, [], at(2));
          await uow.transcript.appendAll(
            conversation.id,
            [
              { direction: 'bot', text: 'Hei! Jeg er en bot.' },
              { direction: 'bot', text: 'Hva lurer du på?' },
              { direction: 'bot', text: '1 Åpenhet 😊' },
            ],
            at(2),
          );
          return { conversation, first };
        });
        await store.transaction(null, (uow) =>
          uow.transcript.appendAll(conversation.id, [{ direction: 'mentor', text: 'Hei, jeg heter Kari' }], at(3)),
        );
        const messages = await store.transaction(null, (uow) => uow.transcript.list(conversation.id));
        expect(
          messages.map(({ direction, text, at: when, crisis }) => ({ direction, text, at: when, crisis })),
        ).toEqual([
          { direction: 'user', text: 'Hei', at: at(1), crisis: false },
          { direction: 'bot', text: 'Hei! Jeg er en bot.', at: at(2), crisis: false },
          { direction: 'bot', text: 'Hva lurer du på?', at: at(2), crisis: false },
          { direction: 'bot', text: '1 Åpenhet 😊', at: at(2), crisis: false },
          { direction: 'mentor', text: 'Hei, jeg heter Kari', at: at(3), crisis: false },
        ]);
        expect(messages[0]?.id).toBe(first);
        const ids = messages.map((message) => message.id);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        await expect(
          store.transaction(null, (uow) => uow.transcript.appendAll('missing', [{ direction: 'bot', text: 'x' }], NOW)),
        ).rejects.toThrow();
      });

      test('a message for a conversation that does not exist is refused', async () => {
        await expect(
          store.transaction(null, (uow) =>
            uow.transcript.append({ conversationId: 'missing', direction: 'user', text: 'x', at: NOW }),
          ),
        ).rejects.toThrow();
      });
    });

    describe('processed inbound (dedupe)', () => {
      test('remembers the first reply per channel and external id', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000030'));
        await store.transaction(null, async (uow) => {
          expect(await uow.processedInbound.find('sms', 'SM001')).toBeUndefined();
          await uow.processedInbound.record({
            channel: 'sms',
            externalId: 'SM001',
            conversationId: conversation.id,
            reply: '<Response><Message>Hei</Message></Response>',
            at: NOW,
          });
        });
        await store.transaction(null, async (uow) => {
          await uow.processedInbound.record({
            channel: 'sms',
            externalId: 'SM001',
            conversationId: conversation.id,
            reply: 'second',
            at: at(1),
          });
          expect(await uow.processedInbound.find('sms', 'SM001')).toEqual({
            reply: '<Response><Message>Hei</Message></Response>',
          });
          expect(await uow.processedInbound.find('webchat', 'SM001')).toBeUndefined();
          expect(await uow.processedInbound.find('sms', 'SM002')).toBeUndefined();
        });
      });
    });

    describe("turn opening (the first read of a message's turn)", () => {
      /** what the opening found; the id it may take for the person's message is checked apart */
      function found(opening: TurnOpening): Omit<TurnOpening, 'transcriptId'> {
        const { transcriptId, ...rest } = opening;
        if (transcriptId !== undefined) {
          expect(Number.isSafeInteger(transcriptId)).toBe(true);
          expect(transcriptId).toBeGreaterThan(0);
        }
        return rest;
      }

      test('for a new address: no conversation, no earlier reply, not opted out, no handover', async () => {
        const opening = await store.transaction(null, (uow) =>
          uow.turnOpening.read({ channel: 'sms', address: '+4790000034', externalId: 'SM100' }),
        );
        expect(found(opening)).toEqual({ optedOut: false, openHandoverId: null });
        const withoutId = await store.transaction(null, (uow) =>
          uow.turnOpening.read({ channel: 'webchat', address: 'conversation-34' }),
        );
        expect(found(withoutId)).toEqual({ optedOut: false, openHandoverId: null });
      });

      test("the id it takes: the person's message gets it, before the answers and what comes later; a rolled-back turn keeps nothing", async () => {
        const address = '+4790000037';
        const conversation = await store.transaction(null, (uow) => newConversation(uow, address));
        await store.transaction(null, (uow) =>
          uow.transcript.append({ conversationId: conversation.id, direction: 'bot', text: 'Hei', at: NOW }),
        );
        const personal = await store.transaction(null, async (uow) => {
          const opening = await uow.turnOpening.read({ channel: 'sms', address, externalId: 'SM110' });
          const id = await uow.transcript.append({
            conversationId: conversation.id,
            direction: 'user',
            text: 'Hva er IPS?',
            at: NOW,
            id: opening.transcriptId,
          });
          if (opening.transcriptId !== undefined) expect(id).toBe(opening.transcriptId);
          await uow.transcript.appendAll(
            conversation.id,
            [
              { direction: 'bot', text: 'IPS er hjelp til å få og beholde en jobb.' },
              { direction: 'bot', text: 'Vil du vite mer?' },
            ],
            NOW,
          );
          return id;
        });
        await store.transaction(null, (uow) =>
          uow.transcript.append({ conversationId: conversation.id, direction: 'mentor', text: 'Hei!', at: NOW }),
        );
        await expect(
          store.transaction(null, async (uow) => {
            const opening = await uow.turnOpening.read({ channel: 'sms', address, externalId: 'SM111' });
            await uow.transcript.append({
              conversationId: conversation.id,
              direction: 'user',
              text: 'Dette skal ikke lagres',
              at: NOW,
              id: opening.transcriptId,
            });
            throw new Error('the turn failed');
          }),
        ).rejects.toThrow('the turn failed');

        const messages = await store.transaction(null, (uow) => uow.transcript.list(conversation.id));
        expect(messages.map((message) => message.text)).toEqual([
          'Hei',
          'Hva er IPS?',
          'IPS er hjelp til å få og beholde en jobb.',
          'Vil du vite mer?',
          'Hei!',
        ]);
        expect(messages[1]?.id).toBe(personal);
        const ids = messages.map((message) => message.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(ids.length);
      });

      test('answers as the separate reads do: latest conversation, dedupe reply, opt-out, open handover', async () => {
        const address = '+4790000035';
        const latest = await store.transaction(null, async (uow) => {
          const older = await newConversation(uow, address, { now: at(-DAY_MS) });
          const latest = await newConversation(uow, address, { now: at(-1000) });
          await uow.conversations.update(latest.id, {
            snapshot: { machine: { value: 'menu' }, offeredChoices: [] },
            reference: { serviceUrl: 'https://example.test', conversationId: 'c-35' },
            locale: 'nn',
            updatedAt: NOW,
          });
          await uow.handovers.create(waitingHandover(older));
          await uow.handovers.create(waitingHandover(latest, { status: 'closed', waitingSince: at(-500) }));
          await uow.processedInbound.record({
            channel: 'sms',
            externalId: 'SM101',
            conversationId: latest.id,
            reply: '<Response><Message>Hei</Message></Response>',
            at: NOW,
          });
          await uow.optOuts.optOut('sms', address, NOW);
          return latest;
        });
        const opening = await store.transaction(null, (uow) =>
          uow.turnOpening.read({ channel: 'sms', address, externalId: 'SM101' }),
        );
        const separately = await store.transaction(null, async (uow) => ({
          conversation: await uow.conversations.findByAddress('sms', address),
          earlier: await uow.processedInbound.find('sms', 'SM101'),
          optedOut: await uow.optOuts.isOptedOut('sms', address),
        }));
        expect(separately.conversation?.id).toBe(latest.id);
        expect(found(opening)).toEqual({
          conversation: separately.conversation,
          earlierReply: separately.earlier?.reply,
          optedOut: true,
          // the latest conversation's only handover is closed; the older one's does not count
          openHandoverId: null,
        });
        expect(opening.conversation).toMatchObject({ locale: 'nn', address, reference: { conversationId: 'c-35' } });

        const open = await store.transaction(null, async (uow) => {
          await uow.handovers.create(waitingHandover(latest, { status: 'active', waitingSince: at(-300) }));
          return uow.handovers.create(waitingHandover(latest, { status: 'callback', waitingSince: at(-100) }));
        });
        const later = await store.transaction(null, async (uow) => ({
          opening: await uow.turnOpening.read({ channel: 'sms', address, externalId: 'SM102' }),
          found: await uow.handovers.findOpenByConversation(latest.id),
        }));
        expect(later.found?.id).toBe(open.id);
        expect(later.opening.openHandoverId).toBe(open.id);
        expect(later.opening).not.toHaveProperty('earlierReply');
        const onOtherChannel = await store.transaction(null, (uow) =>
          uow.turnOpening.read({ channel: 'webchat', address, externalId: 'SM101' }),
        );
        expect(found(onOtherChannel)).toEqual({ optedOut: false, openHandoverId: null });
      });
    });

    describe('Twilio messages', () => {
      test('record keeps a message of a conversation, and schedules at once the erasure of one whose conversation is gone', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000036'));
        await store.transaction(null, async (uow) => {
          await uow.twilioMessages.record({
            conversationId: conversation.id,
            messageSid: 'SM-kept',
            mediaSids: ['ME-kept'],
            at: NOW,
          });
          // delivered twice: still one row, no erasure
          await uow.twilioMessages.record({
            conversationId: conversation.id,
            messageSid: 'SM-kept',
            mediaSids: [],
            at: NOW,
          });
          await uow.twilioMessages.record({
            conversationId: 'erased',
            messageSid: 'SM-late',
            mediaSids: ['ME-late'],
            at: NOW,
          });
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.twilioMessages.conversationOf('SM-kept')).toBe(conversation.id);
          expect(await uow.twilioMessages.conversationOf('SM-late')).toBeUndefined();
          expect(await uow.twilioMessages.claimDueErasures(at(-1), at(60_000), 10)).toEqual([]);
          expect(await uow.twilioMessages.claimDueErasures(NOW, at(60_000), 10)).toEqual([
            { messageSid: 'SM-late', mediaSids: ['ME-late'], attempts: 0 },
          ]);
        });
      });
    });

    describe('server keys', () => {
      test('the first candidate is kept; later calls, also concurrent ones, get it', async () => {
        const first = await store.transaction(null, (uow) => uow.serverKeys.getOrCreate('resume', 'key-one', NOW));
        expect(first).toBe('key-one');
        const racing = await Promise.all(
          ['key-two', 'key-three'].map((candidate) =>
            store.transaction(null, (uow) => uow.serverKeys.getOrCreate('resume', candidate, at(1))),
          ),
        );
        expect(racing).toEqual(['key-one', 'key-one']);
        expect(await store.transaction(null, (uow) => uow.serverKeys.getOrCreate('other', 'key-four', NOW))).toBe(
          'key-four',
        );
      });
    });

    describe('example candidates ("Mener du …?" picks)', () => {
      test('keeps the topic, the state and the hour, and the masked text only when given; lists a period oldest first', async () => {
        const hour = new Date('2026-11-24T09:00:00.000Z');
        const later = new Date('2026-11-24T10:00:00.000Z');
        await store.transaction(null, async (uow) => {
          await uow.exampleCandidates.add({ topic: 'measures.work_training', dialogState: 'suggesting', hour: later });
          await uow.exampleCandidates.add({
            topic: 'measures.wage_subsidy',
            dialogState: 'suggesting',
            hour,
            maskedText: 'Kan NAV betale noe av lønna? Ring [telefon]',
          });
        });
        const listed = await store.transaction(null, (uow) =>
          uow.exampleCandidates.listBetween(hour, new Date('2026-11-24T11:00:00.000Z')),
        );
        expect(listed).toEqual([
          {
            topic: 'measures.wage_subsidy',
            dialogState: 'suggesting',
            hour,
            maskedText: 'Kan NAV betale noe av lønna? Ring [telefon]',
          },
          { topic: 'measures.work_training', dialogState: 'suggesting', hour: later },
        ]);
        expect(await store.transaction(null, (uow) => uow.exampleCandidates.listBetween(later, later))).toEqual([]);
      });

      test('retention deletes candidates from before the cutoff and answers how many', async () => {
        await store.transaction(null, async (uow) => {
          await uow.exampleCandidates.add({ topic: 'helpline.hours', dialogState: 'suggesting', hour: at(-3_600_000) });
          await uow.exampleCandidates.add({ topic: 'helpline.about', dialogState: 'suggesting', hour: at(3_600_000) });
        });
        expect(await store.transaction(null, (uow) => uow.exampleCandidates.deleteBefore(NOW))).toBe(1);
        const left = await store.transaction(null, (uow) =>
          uow.exampleCandidates.listBetween(at(-86_400_000), at(86_400_000)),
        );
        expect(left.map((candidate) => candidate.topic)).toEqual(['helpline.about']);
      });
    });

    describe('opt-outs', () => {
      test('opt out, opt out again, opt in, per channel and address', async () => {
        await store.transaction(null, async (uow) => {
          expect(await uow.optOuts.isOptedOut('sms', '+4790000040')).toBe(false);
          await uow.optOuts.optOut('sms', '+4790000040', NOW);
          await uow.optOuts.optOut('sms', '+4790000040', at(1));
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.optOuts.isOptedOut('sms', '+4790000040')).toBe(true);
          expect(await uow.optOuts.isOptedOut('webchat', '+4790000040')).toBe(false);
          expect(await uow.optOuts.isOptedOut('sms', '+4790000041')).toBe(false);
          await uow.optOuts.optIn('sms', '+4790000040');
          await uow.optOuts.optIn('sms', '+4790000041');
        });
        expect(await store.transaction(null, (uow) => uow.optOuts.isOptedOut('sms', '+4790000040'))).toBe(false);
      });
    });

    describe('voice calls', () => {
      test('a call is recorded once per CallSid, without a number; outcome and follow-up change', async () => {
        const call = { callSid: 'CA0001', startedAt: NOW, inHours: true, outcome: 'forwarded' as const };
        await store.transaction(null, async (uow) => {
          expect(await uow.voiceCalls.record(call)).toBe(true);
          expect(await uow.voiceCalls.record({ ...call, inHours: false, outcome: 'message' })).toBe(false);
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.voiceCalls.get('CA0001')).toEqual({ ...call, followUp: null });
          expect(await uow.voiceCalls.get('CA-unknown')).toBeUndefined();
          await uow.voiceCalls.setOutcome('CA0001', 'unanswered');
          expect(await uow.voiceCalls.decideFollowUp('CA0001', 'sent')).toBe(true);
          expect(await uow.voiceCalls.decideFollowUp('CA0001', 'hidden')).toBe(false);
          expect(await uow.voiceCalls.decideFollowUp('CA-unknown', 'hidden')).toBe(false);
        });
        expect(await store.transaction(null, (uow) => uow.voiceCalls.get('CA0001'))).toEqual({
          ...call,
          outcome: 'unanswered',
          followUp: 'sent',
        });
      });

      test('listStartedBetween gives the calls in [from, to), oldest first', async () => {
        await store.transaction(null, async (uow) => {
          for (const [callSid, offset] of [
            ['CA-b', 1],
            ['CA-a', 0],
            ['CA-late', DAY_MS],
            ['CA-early', -1],
          ] as const) {
            await uow.voiceCalls.record({ callSid, startedAt: at(offset), inHours: false, outcome: 'message' });
          }
        });
        const listed = await store.transaction(null, (uow) => uow.voiceCalls.listStartedBetween(NOW, at(DAY_MS)));
        expect(listed.map((call) => call.callSid)).toEqual(['CA-a', 'CA-b']);
        expect(listed[0]?.startedAt).toEqual(NOW);
      });

      test('a follow-up SMS is remembered per conversation and Oslo day, once', async () => {
        await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000050');
          const other = await newConversation(uow, '+4790000051');
          expect(await uow.voiceCalls.hasFollowUpOn(conversation.id, '2026-11-24')).toBe(false);
          await uow.voiceCalls.recordFollowUp({ conversationId: conversation.id, osloDay: '2026-11-24', at: NOW });
          await uow.voiceCalls.recordFollowUp({ conversationId: conversation.id, osloDay: '2026-11-24', at: at(1) });
          expect(await uow.voiceCalls.hasFollowUpOn(conversation.id, '2026-11-24')).toBe(true);
          expect(await uow.voiceCalls.hasFollowUpOn(conversation.id, '2026-11-25')).toBe(false);
          expect(await uow.voiceCalls.hasFollowUpOn(other.id, '2026-11-24')).toBe(false);
        });
        expect(await subject.rows('voice_follow_ups')).toHaveLength(1);
      });
    });

    describe('handovers', () => {
      test('create, get and update every field', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000050'));
        const created = await store.transaction(null, (uow) =>
          uow.handovers.create(waitingHandover(conversation, { crisis: true, priority: 10, visibleFromMessageId: 7 })),
        );
        expect(created.id).toMatch(UUID);
        expect(created).toMatchObject({
          conversationId: conversation.id,
          channel: 'sms',
          status: 'waiting',
          priority: 10,
          crisis: true,
          consent: true,
          topic: 'openness.how',
          mentorId: null,
          acceptedAt: null,
          closedAt: null,
          outcome: null,
          handledAt: null,
          contactPhone: null,
          consentWithdrawnAt: null,
          visibleFromMessageId: 7,
        });
        expect(await store.transaction(null, (uow) => uow.handovers.get(created.id))).toEqual(created);

        const changes = {
          status: 'closed',
          priority: 3,
          crisis: false,
          consent: false,
          topic: null,
          summary: 'topics=none',
          mentorId: 'mentor-1',
          waitingSince: at(5),
          acceptedAt: at(10),
          closedAt: at(20),
          outcome: 'referred',
          visibleFromMessageId: 42,
          handledAt: at(30),
          consentWithdrawnAt: at(25),
          takenOverFromMessageId: 43,
          closedBeforeMessageId: 58,
        } as const;
        // closing erases the callback number, whatever else the update says
        await store.transaction(null, (uow) => uow.handovers.update(created.id, { contactPhone: '+4791234567' }));
        expect((await store.transaction(null, (uow) => uow.handovers.get(created.id)))?.contactPhone).toBe(
          '+4791234567',
        );
        await store.transaction(null, (uow) => uow.handovers.update(created.id, changes));
        const updated = await store.transaction(null, (uow) => uow.handovers.get(created.id));
        expect(updated).toEqual({ ...created, ...changes, contactPhone: null });

        await store.transaction(null, (uow) => uow.handovers.update(created.id, { outcome: 'answered' }));
        const again = await store.transaction(null, (uow) => uow.handovers.get(created.id));
        expect(again).toEqual({ ...created, ...changes, contactPhone: null, outcome: 'answered' });
        expect(await store.transaction(null, (uow) => uow.handovers.get('not-a-uuid'))).toBeUndefined();
      });

      test('a callback number is kept while the callback is open and erased when it closes or the conversation goes', async () => {
        const { kept, closedOne, erasedOne } = await store.transaction(null, async (uow) => {
          const make = async (address: string) => {
            const conversation = await newConversation(uow, address);
            const handover = await uow.handovers.create(waitingHandover(conversation, { status: 'callback' }));
            await uow.handovers.update(handover.id, { contactPhone: `+47${address.slice(-8)}` });
            return { conversation, handover };
          };
          return {
            kept: await make('+4790000055'),
            closedOne: await make('+4790000056'),
            erasedOne: await make('+4790000057'),
          };
        });
        await store.transaction(null, async (uow) => {
          await uow.handovers.update(closedOne.handover.id, { status: 'closed', closedAt: NOW, outcome: 'answered' });
          await uow.conversations.delete(erasedOne.conversation.id);
        });
        await store.transaction(null, async (uow) => {
          expect((await uow.handovers.get(kept.handover.id))?.contactPhone).toBe('+4790000055');
          expect(await uow.handovers.get(closedOne.handover.id)).toMatchObject({
            status: 'closed',
            contactPhone: null,
          });
          expect(await uow.handovers.get(erasedOne.handover.id)).toBeUndefined();
        });
        const cutoff = new Date(NOW.getTime() + DAY_MS);
        await store.transaction(null, (uow) => uow.conversations.deleteInactiveBefore(cutoff));
        expect(await store.transaction(null, (uow) => uow.handovers.get(kept.handover.id))).toBeUndefined();
      });

      test('findOpenByConversation gives the waiting, active or callback handover only', async () => {
        const { conversation, other, closed, open } = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000051');
          const other = await newConversation(uow, '+4790000052');
          const closed = await uow.handovers.create(
            waitingHandover(conversation, { status: 'closed', waitingSince: at(-DAY_MS) }),
          );
          const open = await uow.handovers.create(waitingHandover(conversation, { status: 'callback' }));
          return { conversation, other, closed, open };
        });
        await store.transaction(null, async (uow) => {
          expect((await uow.handovers.findOpenByConversation(conversation.id))?.id).toBe(open.id);
          expect(await uow.handovers.findOpenByConversation(other.id)).toBeUndefined();
          await uow.handovers.update(open.id, { status: 'closed', closedAt: NOW });
          expect(await uow.handovers.findOpenByConversation(conversation.id)).toBeUndefined();
          expect((await uow.handovers.get(closed.id))?.status).toBe('closed');
        });
      });

      test('listByStatus filters and orders by priority, then waiting time', async () => {
        const ids = await store.transaction(null, async (uow) => {
          const make = async (address: string, overrides: Partial<NewHandover>) =>
            (await uow.handovers.create(waitingHandover(await newConversation(uow, address), overrides))).id;
          return {
            oldLow: await make('+4790000053', { waitingSince: at(-60_000) }),
            newLow: await make('+4790000054', { waitingSince: at(-1000) }),
            crisis: await make('+4790000055', { waitingSince: at(-500), priority: 100, crisis: true }),
            active: await make('+4790000056', { status: 'active', waitingSince: at(-120_000) }),
            closed: await make('+4790000057', { status: 'closed' }),
            callback: await make('+4790000058', { status: 'callback', priority: 1 }),
          };
        });
        const queue = await store.transaction(null, (uow) => uow.handovers.listByStatus(['waiting', 'active']));
        expect(queue.map((handover) => handover.id)).toEqual([ids.crisis, ids.active, ids.oldLow, ids.newLow]);
        const callbacks = await store.transaction(null, (uow) => uow.handovers.listByStatus(['callback']));
        expect(callbacks.map((handover) => handover.id)).toEqual([ids.callback]);
        expect(await store.transaction(null, (uow) => uow.handovers.listByStatus([]))).toEqual([]);
      });

      test("queuePosition counts a waiting handover's place in listByStatus's order, ties included", async () => {
        const ids = await store.transaction(null, async (uow) => {
          const make = async (address: string, overrides: Partial<NewHandover>) =>
            (await uow.handovers.create(waitingHandover(await newConversation(uow, address), overrides))).id;
          return {
            waiting: [
              await make('+4790000060', { waitingSince: at(-60_000) }),
              await make('+4790000061', { waitingSince: at(-1000) }),
              // the same moment twice: the order between them is the id's, as listByStatus sorts
              await make('+4790000062', { waitingSince: at(-2000) }),
              await make('+4790000063', { waitingSince: at(-2000) }),
              await make('+4790000064', { waitingSince: at(-10), priority: 100, crisis: true }),
              await make('+4790000065', { waitingSince: at(-20), priority: 100, crisis: true }),
            ],
            active: await make('+4790000066', { status: 'active', waitingSince: at(-120_000) }),
            callback: await make('+4790000067', { status: 'callback', waitingSince: at(-120_000) }),
          };
        });
        const queue = await store.transaction(null, (uow) => uow.handovers.listByStatus(['waiting']));
        expect(queue).toHaveLength(ids.waiting.length);
        const positions = await store.transaction(null, async (uow) => {
          const found: Array<number | undefined> = [];
          for (const handover of queue) found.push(await uow.handovers.queuePosition(handover.id));
          return found;
        });
        expect(positions).toEqual(queue.map((_, index) => index + 1));
        expect(queue.slice(0, 2).map((handover) => handover.crisis)).toEqual([true, true]);
        await store.transaction(null, async (uow) => {
          expect(await uow.handovers.queuePosition(ids.active)).toBeUndefined();
          expect(await uow.handovers.queuePosition(ids.callback)).toBeUndefined();
          expect(await uow.handovers.queuePosition('missing')).toBeUndefined();
        });
      });

      test('claim succeeds only while the handover is waiting', async () => {
        const { waiting, callback } = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000059');
          return {
            waiting: await uow.handovers.create(waitingHandover(conversation)),
            callback: await uow.handovers.create(waitingHandover(conversation, { status: 'callback' })),
          };
        });
        expect(await store.transaction(null, (uow) => uow.handovers.claim(waiting.id, 'mentor-a', at(1000)))).toBe(
          true,
        );
        expect(await store.transaction(null, (uow) => uow.handovers.claim(waiting.id, 'mentor-b', at(2000)))).toBe(
          false,
        );
        expect(await store.transaction(null, (uow) => uow.handovers.claim(callback.id, 'mentor-b', at(2000)))).toBe(
          false,
        );
        expect(await store.transaction(null, (uow) => uow.handovers.claim('missing', 'mentor-b', at(2000)))).toBe(
          false,
        );
        const claimed = await store.transaction(null, (uow) => uow.handovers.get(waiting.id));
        expect(claimed).toMatchObject({ status: 'active', mentorId: 'mentor-a', acceptedAt: at(1000) });
      });

      test('listAcceptedSince: accepted at or after the time, still active or ended, latest first, limited', async () => {
        // days ahead of every other test's acceptances, which share this store
        const since = at(5 * DAY_MS);
        const ids = await store.transaction(null, async (uow) => {
          const make = async (address: string, acceptedAt: Date | null, status: 'waiting' | 'active' | 'closed') => {
            const handover = await uow.handovers.create(waitingHandover(await newConversation(uow, address)));
            if (acceptedAt) await uow.handovers.claim(handover.id, 'mentor-a', acceptedAt);
            await uow.handovers.update(handover.id, { status });
            return handover.id;
          };
          return {
            before: await make('+4790000081', at(5 * DAY_MS - 1), 'closed'),
            atSince: await make('+4790000082', since, 'closed'),
            active: await make('+4790000083', at(5 * DAY_MS + 60_000), 'active'),
            latest: await make('+4790000084', at(5 * DAY_MS + 120_000), 'closed'),
            never: await make('+4790000085', null, 'waiting'),
          };
        });
        const accepted = await store.transaction(null, (uow) => uow.handovers.listAcceptedSince(since, 10));
        expect(accepted.map((handover) => handover.id)).toEqual([ids.latest, ids.active, ids.atSince]);
        expect(accepted[0]).toMatchObject({ acceptedAt: at(5 * DAY_MS + 120_000), waitingSince: NOW });
        const two = await store.transaction(null, (uow) => uow.handovers.listAcceptedSince(since, 2));
        expect(two.map((handover) => handover.id)).toEqual([ids.latest, ids.active]);
      });

      test('concurrent claims: exactly one mentor wins', async () => {
        const handover = await store.transaction(null, async (uow) =>
          uow.handovers.create(waitingHandover(await newConversation(uow, '+4790000060'))),
        );
        const mentors = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
        const results = await Promise.all(
          mentors.map((mentorId) =>
            store.transaction(null, async (uow) => {
              await sleep(5);
              return uow.handovers.claim(handover.id, mentorId, NOW);
            }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = mentors[results.indexOf(true)];
        const stored: HandoverRecord | undefined = await store.transaction(null, (uow) =>
          uow.handovers.get(handover.id),
        );
        expect(stored?.mentorId).toBe(winner);
      });
    });

    describe('mentors and sessions', () => {
      test('create, find, list, change password, remove', async () => {
        const kari = await store.transaction(null, (uow) =>
          uow.mentors.create({ username: 'kari', passwordHash: 'scrypt$1', now: NOW }),
        );
        const anne = await store.transaction(null, (uow) =>
          uow.mentors.create({ username: 'anne', passwordHash: 'scrypt$2', now: at(1) }),
        );
        expect(kari.id).toMatch(UUID);
        expect(kari).toMatchObject({ role: 'mentor', disabled: false, mustChangePassword: false, lastLoginAt: null });
        await store.transaction(null, async (uow) => {
          expect(await uow.mentors.findByUsername('kari')).toEqual(kari);
          expect(await uow.mentors.findByUsername('Kari')).toBeUndefined();
          expect(await uow.mentors.get(anne.id)).toEqual(anne);
          expect((await uow.mentors.list()).map((mentor) => mentor.username)).toEqual(['anne', 'kari']);
          expect(await uow.mentors.setPassword('kari', 'scrypt$3')).toBe(true);
          expect(await uow.mentors.setPassword('nobody', 'scrypt$3')).toBe(false);
        });
        expect((await store.transaction(null, (uow) => uow.mentors.get(kari.id)))?.passwordHash).toBe('scrypt$3');
        await store.transaction(null, async (uow) => {
          expect(await uow.mentors.setPassword('anne', 'scrypt$4', true)).toBe(true);
          expect(await uow.mentors.setRole('anne', 'coordinator')).toBe(true);
          expect(await uow.mentors.setDisabled('anne', true)).toBe(true);
          await uow.mentors.recordLogin(anne.id, at(5));
          expect(await uow.mentors.setRole('nobody', 'coordinator')).toBe(false);
          expect(await uow.mentors.setDisabled('nobody', true)).toBe(false);
        });
        expect(await store.transaction(null, (uow) => uow.mentors.get(anne.id))).toEqual({
          ...anne,
          passwordHash: 'scrypt$4',
          role: 'coordinator',
          disabled: true,
          mustChangePassword: true,
          lastLoginAt: at(5),
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.mentors.remove('kari')).toBe(true);
          expect(await uow.mentors.remove('kari')).toBe(false);
          expect(await uow.mentors.findByUsername('kari')).toBeUndefined();
        });
      });

      test('a username is unique', async () => {
        await store.transaction(null, (uow) => uow.mentors.create({ username: 'ola', passwordHash: 'h', now: NOW }));
        await expect(
          store.transaction(null, (uow) => uow.mentors.create({ username: 'ola', passwordHash: 'h2', now: NOW })),
        ).rejects.toThrow();
        expect(await store.transaction(null, (uow) => uow.mentors.list())).toHaveLength(1);
      });

      test('sessions: create, get, touch, delete, delete expired; removing a mentor ends them', async () => {
        const mentor = await store.transaction(null, (uow) =>
          uow.mentors.create({ username: 'per', passwordHash: 'h', now: NOW }),
        );
        const session = { tokenHash: 'hash-1', mentorId: mentor.id, expiresAt: at(DAY_MS), lastSeenAt: NOW };
        await store.transaction(null, async (uow) => {
          await uow.mentorSessions.create(session);
          await uow.mentorSessions.create({ ...session, tokenHash: 'hash-2', expiresAt: at(-1) });
          await uow.mentorSessions.create({ ...session, tokenHash: 'hash-3', expiresAt: at(2 * DAY_MS) });
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.mentorSessions.get('hash-1')).toEqual(session);
          await uow.mentorSessions.touch('hash-1', at(60_000), at(DAY_MS + 60_000));
          expect(await uow.mentorSessions.get('hash-1')).toEqual({
            ...session,
            lastSeenAt: at(60_000),
            expiresAt: at(DAY_MS + 60_000),
          });
          // presence: sessions used since a moment, an expired one included
          const seen = await uow.mentorSessions.listSeenSince(at(30_000));
          expect(seen.map((entry) => entry.tokenHash)).toEqual(['hash-1']);
          expect((await uow.mentorSessions.listSeenSince(NOW)).map((entry) => entry.tokenHash).sort()).toEqual([
            'hash-1',
            'hash-2',
            'hash-3',
          ]);
          expect(await uow.mentorSessions.deleteExpired(NOW)).toBe(1);
          expect(await uow.mentorSessions.get('hash-2')).toBeUndefined();
          await uow.mentorSessions.delete('hash-1');
          expect(await uow.mentorSessions.get('hash-1')).toBeUndefined();
          expect(await uow.mentorSessions.get('hash-3')).toBeDefined();
          await uow.mentors.remove('per');
          expect(await uow.mentorSessions.get('hash-3')).toBeUndefined();
        });
      });

      test("deleteByMentor ends one account's sessions and no one else's", async () => {
        const [per, liv] = await store.transaction(null, async (uow) => [
          await uow.mentors.create({ username: 'per', passwordHash: 'h', now: NOW }),
          await uow.mentors.create({ username: 'liv', passwordHash: 'h', role: 'coordinator', now: NOW }),
        ]);
        expect(liv?.role).toBe('coordinator');
        const session = { expiresAt: at(DAY_MS), lastSeenAt: NOW };
        await store.transaction(null, async (uow) => {
          await uow.mentorSessions.create({ ...session, tokenHash: 'per-1', mentorId: per?.id ?? '' });
          await uow.mentorSessions.create({ ...session, tokenHash: 'per-2', mentorId: per?.id ?? '' });
          await uow.mentorSessions.create({ ...session, tokenHash: 'liv-1', mentorId: liv?.id ?? '' });
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.mentorSessions.deleteByMentor(per?.id ?? '')).toBe(2);
          expect(await uow.mentorSessions.get('per-1')).toBeUndefined();
          expect(await uow.mentorSessions.get('liv-1')).toBeDefined();
        });
      });
    });

    describe('mentor pauses and support requests', () => {
      test('a pause lasts until its time, can be moved or ended, and goes with the mentor', async () => {
        const [kari, ola] = await store.transaction(null, async (uow) => [
          await uow.mentors.create({ username: 'kari', passwordHash: 'h', now: NOW }),
          await uow.mentors.create({ username: 'ola', passwordHash: 'h', now: NOW }),
        ]);
        await store.transaction(null, async (uow) => {
          expect(await uow.mentorPauses.pausedUntil(kari.id, NOW)).toBeUndefined();
          await uow.mentorPauses.set(kari.id, at(15 * 60_000), NOW);
          await uow.mentorPauses.set(ola.id, at(5 * 60_000), NOW);
          expect(await uow.mentorPauses.pausedUntil(kari.id, NOW)).toEqual(at(15 * 60_000));
          expect((await uow.mentorPauses.listPaused(NOW)).sort()).toEqual([kari.id, ola.id].sort());
          // ola's pause is over at its time
          expect(await uow.mentorPauses.listPaused(at(5 * 60_000))).toEqual([kari.id]);
          expect(await uow.mentorPauses.pausedUntil(ola.id, at(5 * 60_000))).toBeUndefined();
          await uow.mentorPauses.set(kari.id, at(30 * 60_000), at(60_000));
          expect(await uow.mentorPauses.pausedUntil(kari.id, at(20 * 60_000))).toEqual(at(30 * 60_000));
          await uow.mentorPauses.clear(kari.id);
          expect(await uow.mentorPauses.listPaused(NOW)).toEqual([ola.id]);
          await uow.mentors.remove('ola');
          expect(await uow.mentorPauses.listPaused(NOW)).toEqual([]);
        });
      });

      test('support requests: newest first, open until seen once, with who saw them', async () => {
        const kari = await store.transaction(null, (uow) =>
          uow.mentors.create({ username: 'kari', passwordHash: 'h', now: NOW }),
        );
        const [first, second] = await store.transaction(null, async (uow) => [
          await uow.supportRequests.create({ mentorId: kari.id, afterCrisis: true, at: NOW }),
          await uow.supportRequests.create({ mentorId: kari.id, afterCrisis: false, at: at(60_000) }),
        ]);
        expect(first).toEqual({
          id: expect.stringMatching(UUID),
          mentorId: kari.id,
          mentorUsername: 'kari',
          afterCrisis: true,
          createdAt: NOW,
          seenAt: null,
          seenBy: null,
        });
        await store.transaction(null, async (uow) => {
          expect((await uow.supportRequests.list({ includeSeen: false })).map((r) => r.id)).toEqual([
            second?.id,
            first?.id,
          ]);
          expect(await uow.supportRequests.markSeen(first?.id ?? '', 'anne', at(120_000))).toBe(true);
          expect(await uow.supportRequests.markSeen(first?.id ?? '', 'anne', at(180_000))).toBe(false);
          expect(await uow.supportRequests.markSeen('no-such-id', 'anne', at(180_000))).toBe(false);
          expect((await uow.supportRequests.list({ includeSeen: false })).map((r) => r.id)).toEqual([second?.id]);
          const all = await uow.supportRequests.list({ includeSeen: true });
          expect(all.find((r) => r.id === first?.id)).toMatchObject({ seenAt: at(120_000), seenBy: 'anne' });
          // retention: only a request seen before the cutoff goes; an open one stays however old
          expect(await uow.supportRequests.deleteSeenBefore(at(120_000))).toBe(0);
          expect(await uow.supportRequests.deleteSeenBefore(at(120_001))).toBe(1);
          expect((await uow.supportRequests.list({ includeSeen: true })).map((r) => r.id)).toEqual([second?.id]);
          expect(await uow.supportRequests.deleteSeenBefore(at(DAY_MS))).toBe(0);
          await uow.mentors.remove('kari');
          expect(await uow.supportRequests.list({ includeSeen: true })).toEqual([]);
        });
      });
    });

    describe('login attempts', () => {
      test('add under several keys, count per key after a time, remove one attempt, clear a key, drop old ones', async () => {
        await store.transaction(null, async (uow) => {
          await uow.loginAttempts.add({ attemptId: 'a1', keys: ['user:kari', 'ip:10.0.0.1'], at: at(0) });
          await uow.loginAttempts.add({ attemptId: 'a2', keys: ['user:kari', 'ip:10.0.0.2'], at: at(2000) });
          await uow.loginAttempts.add({ attemptId: 'a3', keys: ['user:ola', 'ip:10.0.0.1'], at: at(1000) });
        });
        await store.transaction(null, async (uow) => {
          expect(await uow.loginAttempts.timesSince('user:kari', at(-1))).toEqual([at(0), at(2000)]);
          // strictly after: an attempt exactly at `since` has left the window
          expect(await uow.loginAttempts.timesSince('user:kari', at(0))).toEqual([at(2000)]);
          expect(await uow.loginAttempts.timesSince('ip:10.0.0.1', at(-1))).toEqual([at(0), at(1000)]);
          expect(await uow.loginAttempts.timesSince('ip:10.0.0.9', at(-1))).toEqual([]);

          await uow.loginAttempts.removeAttempt('a1');
          expect(await uow.loginAttempts.timesSince('user:kari', at(-1))).toEqual([at(2000)]);
          expect(await uow.loginAttempts.timesSince('ip:10.0.0.1', at(-1))).toEqual([at(1000)]);

          await uow.loginAttempts.clearKey('user:kari');
          expect(await uow.loginAttempts.timesSince('user:kari', at(-1))).toEqual([]);
          expect(await uow.loginAttempts.timesSince('ip:10.0.0.2', at(-1))).toEqual([at(2000)]);

          expect(await uow.loginAttempts.deleteBefore(at(1500))).toBe(2);
          expect(await uow.loginAttempts.timesSince('ip:10.0.0.2', at(-1))).toEqual([at(2000)]);
          expect(await uow.loginAttempts.timesSince('user:ola', at(-1))).toEqual([]);
        });
      });
    });

    describe('timers', () => {
      test('claimDue takes due timers once, earliest first, up to the limit', async () => {
        const conversation = await store.transaction(null, (uow) => newConversation(uow, '+4790000070'));
        const scheduled = await store.transaction(null, async (uow) => ({
          late: await uow.timers.schedule({
            kind: 'handover.waitUpdate',
            conversationId: conversation.id,
            dueAt: at(-1000),
            payload: { n: 2 },
          }),
          early: await uow.timers.schedule({
            kind: 'handover.mentorLost',
            conversationId: conversation.id,
            dueAt: at(-5000),
            payload: [1, 'to'],
          }),
          exactlyNow: await uow.timers.schedule({ kind: 'retention', conversationId: null, dueAt: NOW, payload: null }),
          future: await uow.timers.schedule({
            kind: 'handover.waitUpdate',
            conversationId: null,
            dueAt: at(1),
            payload: 'x',
          }),
        }));
        expect(scheduled.early.id).toMatch(UUID);
        const firstTwo = await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 2));
        expect(firstTwo).toEqual([scheduled.early, scheduled.late]);
        const rest = await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 10));
        expect(rest).toEqual([scheduled.exactlyNow]);
        expect(await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 10))).toEqual([]);
        expect(await store.transaction(null, (uow) => uow.timers.claimDue(at(1), 10))).toEqual([scheduled.future]);
      });

      test('a claim rolled back leaves the timer for the next poll', async () => {
        const timer = await store.transaction(null, (uow) =>
          uow.timers.schedule({ kind: 'retention', conversationId: null, dueAt: NOW, payload: { a: 1 } }),
        );
        await expect(
          store.transaction(null, async (uow) => {
            expect(await uow.timers.claimDue(NOW, 10)).toHaveLength(1);
            throw new Error('handler failed');
          }),
        ).rejects.toThrow('handler failed');
        expect(await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 10))).toEqual([timer]);
      });

      test('cancel by conversation, optionally by kind', async () => {
        const { one, two } = await store.transaction(null, async (uow) => {
          const one = await newConversation(uow, '+4790000071');
          const two = await newConversation(uow, '+4790000072');
          for (const kind of ['a', 'a', 'b']) {
            await uow.timers.schedule({ kind, conversationId: one.id, dueAt: NOW, payload: null });
          }
          await uow.timers.schedule({ kind: 'a', conversationId: two.id, dueAt: NOW, payload: null });
          return { one, two };
        });
        expect(await store.transaction(null, (uow) => uow.timers.cancel(one.id, 'a'))).toBe(2);
        expect(await store.transaction(null, (uow) => uow.timers.cancel(one.id))).toBe(1);
        expect(await store.transaction(null, (uow) => uow.timers.cancel(one.id))).toBe(0);
        const left = await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 10));
        expect(left.map((timer) => timer.conversationId)).toEqual([two.id]);
      });

      test('concurrent pollers claim every due timer exactly once', async () => {
        const ids = await store.transaction(null, async (uow) => {
          const created: string[] = [];
          for (let index = 0; index < 20; index += 1) {
            created.push(
              (await uow.timers.schedule({ kind: 'k', conversationId: null, dueAt: at(-index), payload: index })).id,
            );
          }
          return created;
        });
        const claims = await Promise.all(
          [1, 2, 3, 4, 5].map(() =>
            store.transaction(null, async (uow) => {
              const claimed = await uow.timers.claimDue(NOW, 6);
              await sleep(10);
              return claimed.map((timer) => timer.id);
            }),
          ),
        );
        const leftover = await store.transaction(null, (uow) => uow.timers.claimDue(NOW, 100));
        const all = [...claims.flat(), ...leftover.map((timer) => timer.id)];
        expect(all).toHaveLength(20);
        expect(new Set(all)).toEqual(new Set(ids));
      });
    });

    describe('publish and subscribe', () => {
      test('a subscriber receives what is published on its channel, until it unsubscribes', async () => {
        const handovers = await nextEvent(store, 'handovers');
        const received: string[] = [];
        const stopOther = await store.subscribe('other', (payload) => received.push(payload));
        await store.publish('handovers', '{"id":"h1","status":"waiting"}');
        expect(await withTimeout(handovers.payload, 5000, 'the event')).toBe('{"id":"h1","status":"waiting"}');

        await handovers.stop();
        const sentinel = await nextEvent(store, 'sentinel');
        await store.publish('handovers', 'after unsubscribe');
        await store.publish('sentinel', 'done');
        // events arrive in the order they were published, so the first would be here by now
        await withTimeout(sentinel.payload, 5000, 'the sentinel');
        expect(received).toEqual([]);
        await sentinel.stop();
        await stopOther();
      });

      test('several subscribers of one channel all receive; a throwing one does not stop the others', async () => {
        const first: string[] = [];
        const stopThrowing = await store.subscribe('events', () => {
          throw new Error('subscriber bug');
        });
        const stopFirst = await store.subscribe('events', (payload) => first.push(payload));
        const second = await nextEvent(store, 'events');
        await store.publish('events', 'ping');
        expect(await withTimeout(second.payload, 5000, 'the event')).toBe('ping');
        expect(first).toEqual(['ping']);
        await Promise.all([stopThrowing(), stopFirst(), second.stop()]);
      });
    });

    describe('erasure and retention', () => {
      async function conversationWithEverything(address: string, updatedAt: Date): Promise<ConversationRecord> {
        return store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, address, { now: at(-40 * DAY_MS) });
          await uow.transcript.append({
            conversationId: conversation.id,
            direction: 'user',
            text: `jeg er ${address}`,
            at: updatedAt,
          });
          await uow.transcript.append({
            conversationId: conversation.id,
            direction: 'bot',
            text: 'svar',
            at: updatedAt,
          });
          await uow.processedInbound.record({
            channel: 'sms',
            externalId: `SM-${address}`,
            conversationId: conversation.id,
            reply: 'svar',
            at: updatedAt,
          });
          const handover = await uow.handovers.create(waitingHandover(conversation, { waitingSince: updatedAt }));
          await uow.handovers.claim(handover.id, 'mentor-1', updatedAt);
          await uow.timers.schedule({
            kind: 'handover.waitUpdate',
            conversationId: conversation.id,
            dueAt: at(DAY_MS),
            payload: { address },
          });
          await uow.voiceCalls.recordFollowUp({
            conversationId: conversation.id,
            osloDay: '2026-11-24',
            at: updatedAt,
          });
          await uow.conversations.update(conversation.id, { snapshot: { address }, reference: { address }, updatedAt });
          return conversation;
        });
      }

      async function rowsMentioning(needles: string[]): Promise<string[]> {
        const found: string[] = [];
        for (const table of await subject.tableNames()) {
          for (const row of await subject.rows(table)) {
            const text = JSON.stringify(row);
            if (needles.some((needle) => text.includes(needle))) found.push(`${table}: ${text}`);
          }
        }
        return found;
      }

      test('deleting a conversation leaves nothing of it in any table, and nothing else goes', async () => {
        await store.transaction(null, (uow) => uow.mentors.create({ username: 'kari', passwordHash: 'h', now: NOW }));
        const erased = await conversationWithEverything('+4790000080', NOW);
        const kept = await conversationWithEverything('+4790000081', NOW);
        const tables = await subject.tableNames();
        expect(tables).toEqual(
          expect.arrayContaining([
            'conversations',
            'transcript_messages',
            'processed_inbound',
            'opt_outs',
            'handovers',
            'mentors',
            'mentor_sessions',
            'timers',
            'voice_calls',
            'voice_follow_ups',
            'schema_migrations',
          ]),
        );
        expect((await rowsMentioning([erased.id, '+4790000080'])).length).toBeGreaterThan(5);

        await store.transaction('sms:+4790000080', (uow) => uow.conversations.delete(erased.id));

        expect(await rowsMentioning([erased.id, '+4790000080'])).toEqual([]);
        const keptRows = await rowsMentioning([kept.id]);
        for (const table of [
          'conversations',
          'transcript_messages',
          'processed_inbound',
          'handovers',
          'timers',
          'voice_follow_ups',
        ]) {
          expect(
            keptRows.some((row) => row.startsWith(`${table}:`)),
            table,
          ).toBe(true);
        }
        expect(await subject.rows('mentors')).toHaveLength(1);
      });

      test("an address's opt-out outlives the deletion of its conversation", async () => {
        const conversation = await conversationWithEverything('+4790000082', NOW);
        await store.transaction(null, async (uow) => {
          await uow.optOuts.optOut('sms', '+4790000082', NOW);
          await uow.conversations.delete(conversation.id);
        });
        expect(await store.transaction(null, (uow) => uow.optOuts.isOptedOut('sms', '+4790000082'))).toBe(true);
      });

      test('deleteInactiveBefore removes conversations last updated before the cutoff, with all their rows', async () => {
        const cutoff = at(-30 * DAY_MS);
        const oldClosed = await conversationWithEverything('+4790000083', at(-31 * DAY_MS));
        await store.transaction(null, (uow) =>
          uow.conversations.update(oldClosed.id, { status: 'closed', updatedAt: at(-31 * DAY_MS) }),
        );
        const oldIdle = await conversationWithEverything('+4790000084', at(-30 * DAY_MS - 1));
        const recent = await conversationWithEverything('+4790000085', at(-30 * DAY_MS + 1));
        // an old crisis still in the queue is never ended by retention
        const oldCrisis = await store.transaction(null, async (uow) => {
          const conversation = await newConversation(uow, '+4790000086');
          await uow.handovers.create(waitingHandover(conversation, { crisis: true }));
          await uow.conversations.update(conversation.id, { updatedAt: at(-60 * DAY_MS) });
          return conversation;
        });
        const unrelatedTimer = await store.transaction(null, (uow) =>
          uow.timers.schedule({ kind: 'retention', conversationId: null, dueAt: at(DAY_MS), payload: null }),
        );

        expect(await store.transaction(null, (uow) => uow.conversations.deleteInactiveBefore(cutoff))).toBe(2);

        expect(await rowsMentioning([oldClosed.id, oldIdle.id, '+4790000083', '+4790000084'])).toEqual([]);
        await store.transaction(null, async (uow) => {
          expect(await uow.conversations.get(recent.id)).toBeDefined();
          expect(await uow.transcript.list(recent.id)).toHaveLength(2);
          expect(await uow.processedInbound.find('sms', 'SM-+4790000085')).toEqual({ reply: 'svar' });
          expect(await uow.handovers.findOpenByConversation(recent.id)).toBeDefined();
          expect(await uow.voiceCalls.hasFollowUpOn(recent.id, '2026-11-24')).toBe(true);
          expect(await uow.handovers.findOpenByConversation(oldCrisis.id)).toMatchObject({ crisis: true });
        });
        const timers = await store.transaction(null, (uow) => uow.timers.claimDue(at(DAY_MS), 10));
        expect(timers.map((timer) => timer.conversationId ?? timer.id).sort()).toEqual(
          [recent.id, unrelatedTimer.id].sort(),
        );
        expect(await store.transaction(null, (uow) => uow.conversations.deleteInactiveBefore(cutoff))).toBe(0);
      });
    });

    describe('lifecycle', () => {
      test('what was committed is there after a restart, and migrations run once', async () => {
        const conversation = await store.transaction(null, async (uow) => {
          const created = await newConversation(uow, '+4790000090');
          await uow.conversations.update(created.id, { snapshot: { value: 'menu' }, updatedAt: at(1) });
          return created;
        });
        const migrationsBefore = await subject.rows('schema_migrations');
        await store.close();
        const reopened = await subject.reopen();
        const stored = await reopened.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(stored?.snapshot).toEqual({ value: 'menu' });
        const migrationsAfter = await subject.rows('schema_migrations');
        expect(migrationsAfter).toEqual(migrationsBefore);
        expect(migrationsAfter.length).toBeGreaterThan(0);
      });

      test('isHealthy is true while open and false, without throwing, after close', async () => {
        expect(await store.isHealthy()).toBe(true);
        // it proves a write: the heartbeat row was committed
        expect(await subject.rows('health_checks')).toHaveLength(1);
        await store.close();
        expect(await store.isHealthy()).toBe(false);
        await expect(store.transaction(null, async () => 1)).rejects.toThrow();
        await store.close();
      });
    });
  });
}
