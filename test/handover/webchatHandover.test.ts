/**
 * The mentor round trip on web chat, through the real app: a visitor on the local Direct Line (as the
 * chat page uses it) asks for a mentor and consents; a mentor accepts and writes through the mentor
 * API; the visitor's stream carries the mentor's words, and the visitor's reply reaches the mentor live.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mentorApiSetting } from '../support/mentorApi.js';
import { type DirectLineVisitor, openDirectLineVisitor } from './support/directLineVisitor.js';
import { openEventStream, openHandoverIdOf } from './support/handoverApp.js';

interface Detail {
  status: string;
  channel: string;
  mentor: string | null;
  messages: Array<{ id: number; direction: string; text: string; delivery?: string }>;
}

const setting = mentorApiSetting({ accounts: [{ username: 'kari' }] });
const kari = setting.client('kari');
let visitor: DirectLineVisitor | undefined;
const t = (key: string, params?: Record<string, string | number>) => setting.app.translations.t('nb', key, params);

// before the app closes (after hooks run last registered first)
afterAll(async () => {
  await visitor?.close();
});

describe('web chat round trip with a mentor', () => {
  it('queues the visitor, carries the mentor’s words to their stream and their reply back live', async () => {
    const stream = await openEventStream(setting.app.baseUrl, kari.cookie);
    visitor = await openDirectLineVisitor(setting.app.baseUrl);
    await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));

    await visitor.tap(t('dialog.choice.mentor'));
    await visitor.waitFor((activity) => activity.text === t('handover.consent.question'));
    await visitor.tap(t('handover.choice.consentYes'));
    await visitor.waitFor((activity) => activity.text === t('handover.requested.shared'));
    await visitor.waitFor((activity) => /nummer 1 i køen/.test(activity.text ?? ''));

    const handoverId = await openHandoverIdOf(setting.app.store, visitor.conversationId, 'webchat');
    if (!handoverId) throw new Error('no handover for the visitor');
    await stream.waitFor((event) => event.type === 'handover.changed' && event.handoverId === handoverId);
    const waiting = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
    expect(waiting).toMatchObject({ status: 'waiting', channel: 'webchat', mentor: null });
    // consent: the mentor reads what the visitor wrote to the bot
    expect(waiting.messages).toContainEqual(
      expect.objectContaining({ direction: 'user', text: t('dialog.choice.mentor') }),
    );

    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await visitor.waitFor((activity) => activity.text === t('handover.accepted'));
    const written = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'Hei, jeg heter Kari og er mentor. *Hva* tenker du på?',
    });
    expect(written.status).toBe(201);
    const fromMentor = await visitor.waitFor(
      (activity) => activity.text === 'Hei, jeg heter Kari og er mentor. *Hva* tenker du på?',
    );
    expect(fromMentor).toMatchObject({
      // a person, by name, not the bot
      from: { role: 'bot', name: 'kari' },
      channelData: { sender: 'mentor', mentorName: 'kari' },
    });
    const messageId = (written.data as { id: number }).id;
    await stream.waitFor(
      (event) => event.type === 'message.delivery' && event.messageId === messageId && event.status === 'sent',
    );

    // while the mentor has the conversation the bot says nothing; the reply goes to the mentor, live
    const heardBefore = visitor.received().length;
    const replyAt = Date.now();
    await visitor.say('Jeg sliter med å si til sjefen at jeg er syk');
    await stream.waitFor(
      (event) => event.type === 'handover.message' && event.handoverId === handoverId && event.direction === 'user',
      1000,
    );
    expect(Date.now() - replyAt).toBeLessThan(1000);
    const during = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
    expect(during).toMatchObject({ status: 'active', mentor: 'kari' });
    expect(during.messages.at(-2)).toMatchObject({ direction: 'mentor', delivery: 'sent' });
    expect(during.messages.at(-1)).toMatchObject({
      direction: 'user',
      text: 'Jeg sliter med å si til sjefen at jeg er syk',
    });
    await setting.app.handovers.idle();
    expect(visitor.received()).toHaveLength(heardBefore);

    expect(
      (await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' })).status,
    ).toBe(200);
    await visitor.waitFor((activity) => activity.text === t('handover.closed'));
    // the bot answers the visitor again
    const heardAfterClose = visitor.received().length;
    await visitor.say('Hei');
    await visitor.waitFor((activity) => visitor?.received().indexOf(activity) === heardAfterClose);
    // nothing of this went out by SMS
    expect(setting.twilioApi.sent).toEqual([]);
    await visitor.close();
    visitor = undefined;
    stream.close();
  });
});
