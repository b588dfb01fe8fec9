/**
 * Taking consent back: the words (in odd encodings too), then through the real app on SMS with a
 * mentor using the real mentor API: while waiting the mentor gets nothing of the bot conversation;
 * once with a mentor, only what was written after they took over; the console's field says so, the
 * person hears it is done, it survives a restart (the column), and a crisis in the same message
 * still gets the crisis answer first.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createTranslations } from '../../src/i18n/i18n.js';
import { createConsentWithdrawalMatcher } from '../../src/privacy/consentWithdrawal.js';
import { choiceNumber, requestMentorBySms, smsUser } from '../handover/support/handoverApp.js';
import { mentorApiSetting } from '../support/mentorApi.js';

describe('the words that take consent back', () => {
  let matches: (text: string) => boolean;
  beforeAll(async () => {
    matches = createConsentWithdrawalMatcher(await createTranslations('nb'));
  });

  test.each([
    'ikke del samtalen',
    'IKKE DEL SAMTALEN!',
    'Ikke del samtalen min, takk',
    'ikkje del samtalen',
    'Jeg ombestemte meg: ikke del samtalen.',
    "don't share the conversation",
    'Don’t share the conversation',
    'dont share the conversation',
    'Do not share my conversation please',
    'ikke\u200b del  samtalen',
    'ikke del sam\u00adtalen',
    'ｉｋｋｅ ｄｅｌ ｓａｍｔａｌｅｎ',
    'ikke\tdel\nsamtalen',
    'ikkje del samtalen'.normalize('NFD'),
  ])('%j takes it back', (text) => {
    expect(matches(text)).toBe(true);
  });

  test.each([
    'del samtalen',
    'ja, del samtalen',
    'Hvem kan lese samtalen?',
    'ikke delt',
    'share the conversation',
    'ikkedel samtalen',
    '',
    '😔',
  ])('%j does not', (text) => {
    expect(matches(text)).toBe(false);
  });

  test('a huge message is read quickly', () => {
    const started = performance.now();
    expect(matches(`${'bla '.repeat(100_000)}ikke del samtalen`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

interface Detail {
  status: string;
  crisis: boolean;
  consent: boolean;
  consentWithdrawnAt: string | null;
  summary: string;
  messages: Array<{ direction: string; text: string }>;
}

describe('through the app, with a mentor', () => {
  const setting = mentorApiSetting({ accounts: [{ username: 'kari' }] });
  const kari = setting.client('kari');
  let phone = 45000000;
  const nextPhone = () => {
    phone += 1;
    return `+47${phone}`;
  };
  const t = (key: string) => setting.app.translations.t('nb', key);

  async function detail(id: string): Promise<Detail> {
    const response = await kari.request('GET', `/api/mentor/handovers/${id}`);
    expect(response.status).toBe(200);
    return response.data as Detail;
  }

  /** the test clock stands still unless moved: each step a second later */
  const later = () => setting.app.clock.advance(1000);

  test('while waiting: nothing of the bot conversation; after accepting, only what came after', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const { handoverId } = await requestMentorBySms(setting.app, from, {
      consent: true,
      first: 'Hva er lønnstilskudd?',
    });
    expect((await detail(handoverId)).messages.map((message) => message.text)).toContain('Hva er lønnstilskudd?');

    later();
    const reply = await send('Ikke del samtalen');
    expect(reply.join('\n')).toContain(t('handover.consent.withdrawnWaiting'));
    const waiting = await detail(handoverId);
    expect(waiting.messages).toEqual([]);
    expect(waiting.consent).toBe(false);
    expect(waiting.consentWithdrawnAt).toBe(setting.app.clock.now.toISOString());
    expect(waiting.summary).toContain('consent=no');

    later();
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await setting.app.handovers.idle();
    later();
    expect(
      (await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Kari her.' })).status,
    ).toBe(201);
    await setting.app.handovers.idle();
    later();
    await send('Hei Kari');
    const active = await detail(handoverId);
    const texts = active.messages.map((message) => message.text);
    expect(texts).toEqual([t('handover.accepted'), 'Hei, Kari her.', 'Hei Kari']);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
    await setting.app.handovers.idle();
  });

  test('withdrawn and taken over in the same millisecond: what came before the take-over stays hidden', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true, first: 'Hva er IPS?' });
    later();
    // the clock stands still from here: the withdrawal, the bot's answer and the accept share one millisecond
    await send('Ikke del samtalen');
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await setting.app.handovers.idle();
    const active = await detail(handoverId);
    const texts = active.messages.map((message) => message.text);
    expect(texts).toEqual([t('handover.accepted')]);
    expect(texts).not.toContain(t('handover.consent.withdrawnWaiting'));
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
    await setting.app.handovers.idle();
  });

  test('with a mentor: the bot part goes, what came after the take-over stays, and the mentor is told', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const { handoverId } = await requestMentorBySms(setting.app, from, {
      consent: true,
      first: 'Hva er arbeidstrening?',
    });
    later();
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await setting.app.handovers.idle();
    later();
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'Hei, jeg leste det du skrev.',
    });
    await setting.app.handovers.idle();
    expect((await detail(handoverId)).messages.map((message) => message.text)).toContain('Hva er arbeidstrening?');

    later();
    const reply = await send("Don't share the conversation");
    // written in English, answered in English
    expect(reply.join('\n')).toContain(setting.app.translations.t('en', 'handover.consent.withdrawnActive'));
    const after = await detail(handoverId);
    const texts = after.messages.map((message) => message.text);
    expect(texts).not.toContain('Hva er arbeidstrening?');
    expect(texts.slice(0, 2)).toEqual([t('handover.accepted'), 'Hei, jeg leste det du skrev.']);
    expect(texts).toContain("Don't share the conversation");
    expect(after.consentWithdrawnAt).not.toBeNull();
    expect(after.status).toBe('active');
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
    await setting.app.handovers.idle();
  });

  test('in the consent question it is a no; with no mentor, the bot says nothing is shared', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    await send('Hei');
    expect((await send('Ikke del samtalen')).join('\n')).toContain(t('handover.consent.nothingShared'));
    const menu = await send('Meny');
    const question = await send(choiceNumber(menu, t('dialog.choice.mentor')));
    expect(question.join('\n')).toContain(t('handover.choice.consentYes'));
    await send('ikkje del samtalen');
    const stored = await setting.app.store.transaction(null, async (uow) => {
      const conversation = await uow.conversations.findByAddress('sms', from);
      return conversation && uow.handovers.findOpenByConversation(conversation.id);
    });
    expect(stored?.consent).toBe(false);
    if (stored) {
      await kari.request('POST', `/api/mentor/handovers/${stored.id}/accept`);
      await kari.request('POST', `/api/mentor/handovers/${stored.id}/close`, { outcome: 'other' });
      await setting.app.handovers.idle();
    }
  });

  test('a crisis in the same message still gets the crisis answer first', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true });
    later();
    const reply = await send('ikke del samtalen, jeg vil ikke leve lenger');
    expect(reply[0]).toContain('113');
    expect((await detail(handoverId)).crisis).toBe(true);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'other' });
    await setting.app.handovers.idle();
  });
});
