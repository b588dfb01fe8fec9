/**
 * A fødselsnummer or D-nummer is masked before anything stores or shows it: the detector on its own
 * (checksums from NAV's validator, the ways people type them, the numbers that must stay), then
 * through the real app on SMS: the transcript holds the mask, the bot says once that it is not
 * needed, and the question around it is still answered.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FODSELSNUMMER_MASK, maskFodselsnummer } from '../../src/privacy/fodselsnummer.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { smsReplyText } from '../support/twilioWebhook.js';

/** synthetic numbers that pass the checksums (not real people) */
const FNR = '13097248022';
const DNR = '53097248016';

describe('maskFodselsnummer', () => {
  test.each([
    [FNR, FODSELSNUMMER_MASK],
    [DNR, FODSELSNUMMER_MASK],
    ['130972 48022', FODSELSNUMMER_MASK],
    ['13.09.72 480 22', FODSELSNUMMER_MASK],
    ['130972-48022', FODSELSNUMMER_MASK],
    [`fnr: ${FNR}, hva nå?`, `fnr: ${FODSELSNUMMER_MASK}, hva nå?`],
    [`${FNR} 91234567`, `${FODSELSNUMMER_MASK} 91234567`],
    [`12345 130972 48022`, `12345 ${FODSELSNUMMER_MASK}`],
    [`${FNR}\n${DNR}`, `${FODSELSNUMMER_MASK}\n${FODSELSNUMMER_MASK}`],
  ])('masks %j', (typed, stored) => {
    expect(maskFodselsnummer(typed)).toEqual({ text: stored, masked: true });
  });

  test.each([
    ['a wrong check digit', '13097248023'],
    ['ten digits', '1309724802'],
    ['twelve digits', '130972480221'],
    ['a mobile number', '+47 912 34 567'],
    ['a landline with 0047', '0047 22 56 67 00'],
    ['an e-mail address', 'kari.nordmann@example.no'],
    ['an impossible date', '32137248022'],
    ['a sentence', 'Jeg har jobbet 11 år, og er 45.'],
  ])('leaves %s alone', (_what, typed) => {
    expect(maskFodselsnummer(typed)).toEqual({ text: typed, masked: false });
  });

  test('a long message of digits is handled quickly and without loss', () => {
    const typed = `${'1 '.repeat(5000)}${FNR}`;
    const started = performance.now();
    const { text, masked } = maskFodselsnummer(typed);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(masked).toBe(true);
    expect(text.endsWith(FODSELSNUMMER_MASK)).toBe(true);
  });
});

describe('through the app, on SMS', () => {
  const PUBLIC_BASE_URL = 'https://helpline.test';
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const sms = (from: string, body: string) =>
    smsReplyText(
      { baseUrl: app.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken },
      from,
      body,
    );

  async function transcriptOf(phone: string): Promise<string[]> {
    return app.store.transaction(null, async (uow) => {
      const conversation = await uow.conversations.findByAddress('sms', phone);
      if (!conversation) throw new Error('no conversation');
      return (await uow.transcript.list(conversation.id)).map((message) => message.text);
    });
  }

  test('stored masked, noted once before the answer, and the question still answered', async () => {
    const phone = '+4744000001';
    const note = app.translations.t('nb', 'system.fodselsnummerNote');
    const first = await sms(phone, `Hva er lønnstilskudd? Fødselsnummeret mitt er ${FNR.slice(0, 6)} ${FNR.slice(6)}`);
    expect(first.startsWith(note)).toBe(true);
    expect(first).toContain(app.translations.t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 40));
    const second = await sms(phone, `Og arbeidstrening? ${DNR}`);
    expect(second).not.toContain(note);
    const stored = (await transcriptOf(phone)).join('\n');
    expect(stored).toContain(`Fødselsnummeret mitt er ${FODSELSNUMMER_MASK}`);
    expect(stored).toContain(`Og arbeidstrening? ${FODSELSNUMMER_MASK}`);
    expect(stored).not.toMatch(/\d{6} ?\d{5}/u);
    expect(app.logLines.join('\n')).not.toContain(FNR.slice(6));
  });

  test('a crisis message with a number: the crisis answer first and alone, the number still masked', async () => {
    const phone = '+4744000002';
    const reply = await sms(phone, `Jeg vil ikke leve lenger. ${FNR}`);
    expect(reply.startsWith(app.translations.t('nb', 'crisis.alertSms').slice(0, 30))).toBe(true);
    expect(reply).not.toContain(app.translations.t('nb', 'system.fodselsnummerNote'));
    expect((await transcriptOf(phone)).join('\n')).not.toContain(FNR);
  });
});
