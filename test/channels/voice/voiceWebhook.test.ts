/**
 * The phone line through the real app: signed Voice webhooks on loopback, TwiML read back, the
 * follow-up SMS through the fake Twilio REST API, and the reply through /api/sms.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMentor, loginMentor } from '../../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../../support/fakeTwilioApi.js';
import { createTestClock, startTestApp, TEST_TWILIO, type TestApp } from '../../support/testApp.js';
import { newCallSid, postSmsWebhook, postVoiceWebhook, twimlMessages, twimlSays } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
const FORWARD_NUMBER = '+4722566700';
const CONTRACT_DEFAULT_HOURS = 'mon-wed,fri 09:00-15:00; thu 09:00-18:00';
/** Tuesday 24 November 2026 */
const TUESDAY_MORNING = '2026-11-24T10:00:00+01:00';
const TUESDAY_EVENING = '2026-11-24T16:00:00+01:00';
const FOLLOW_UP_NB =
  'Du ringte Arbeidslivstelefonen. Jeg er en chatbot. Skriv spørsmålet ditt her, så svarer jeg. Vil du at en mentor tar kontakt, skriv MENTOR.';

const clock = createTestClock(TUESDAY_EVENING);
let app: TestApp;
let twilioApi: FakeTwilioApi;
let phone = 41000000;

function nextMobile(): string {
  phone += 1;
  return `+47${phone}`;
}

function twilioEnv(extra: Record<string, string> = {}) {
  return {
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
    TWILIO_API_BASE_URL: twilioApi.baseUrl,
    OPENING_HOURS: CONTRACT_DEFAULT_HOURS,
    ...extra,
  };
}

function voice(
  target: TestApp,
  path: '/api/voice' | '/api/voice/dial-status' | '/api/voice/message',
  callSid: string,
  from: string,
  extra: Partial<Parameters<typeof postVoiceWebhook>[0]> = {},
) {
  return postVoiceWebhook({
    baseUrl: target.baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    path,
    callSid,
    from,
    ...extra,
  });
}

/** a whole out-of-hours call: the call, then the message after the greeting (Digits, if pressed) */
async function callOutOfHours(from: string, options: { digits?: string; target?: TestApp } = {}) {
  const target = options.target ?? app;
  const callSid = newCallSid();
  const greeting = await voice(target, '/api/voice', callSid, from);
  const message = await voice(target, '/api/voice/message', callSid, from, {
    extra: options.digits ? { Digits: options.digits } : {},
  });
  return {
    callSid,
    greeting,
    message,
    spoken: twimlSays(message.body)
      .map((say) => say.text)
      .join(' '),
  };
}

function sms(from: string, body: string) {
  return postSmsWebhook({
    baseUrl: app.baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    from,
    body,
  });
}

function callRecord(callSid: string) {
  return app.store.transaction(null, (uow) => uow.voiceCalls.get(callSid));
}

function conversationOf(address: string) {
  return app.store.transaction(null, (uow) => uow.conversations.findByAddress('sms', address));
}

/** the follow-up SMS to `to` has gone out (the webhook answers first, the SMS follows) */
async function smsTo(to: string) {
  await expect.poll(() => twilioApi.sent.filter((sent) => sent.to === to).length).toBeGreaterThan(0);
  return twilioApi.sent.filter((sent) => sent.to === to);
}

/**
 * How many SMS went to `to`, once any still on their way have arrived: the decision is stored before
 * the TwiML goes out, and a later call from another number takes the same path, so its SMS comes last.
 */
async function settledSmsCount(to: string): Promise<number> {
  const marker = nextMobile();
  await callOutOfHours(marker);
  await smsTo(marker);
  return twilioApi.sent.filter((sent) => sent.to === to).length;
}

/** the call decided against an SMS, and none beyond the `earlier` ones went to `to` */
async function noSmsTo(to: string, callSid: string, earlier = 0) {
  expect((await callRecord(callSid))?.followUp).not.toBe('sent');
  expect(await settledSmsCount(to)).toBe(earlier);
}

/** the number of the choice labelled `label` in an SMS reply ("2. Ja, slett alt" → "2") */
function choiceNumber(replyTwiml: string, label: string): string {
  const line = twimlMessages(replyTwiml)
    .join('\n')
    .split('\n')
    .find((candidate) => candidate.endsWith(`. ${label}`));
  if (!line) throw new Error(`no choice "${label}" in ${replyTwiml}`);
  return line.slice(0, line.indexOf('.'));
}

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  app = await startTestApp({ clock, env: twilioEnv({ HELPLINE_FORWARD_NUMBER: FORWARD_NUMBER }) });
});

afterAll(async () => {
  await app?.close();
  await twilioApi?.close();
});

afterEach(() => {
  clock.set(TUESDAY_EVENING);
});

describe('POST /api/voice: signatures and duplicates', () => {
  it('rejects an unsigned, wrongly signed or other-URL webhook with 403 on every voice path, and stores nothing', async () => {
    const from = nextMobile();
    const callSid = newCallSid();
    for (const path of ['/api/voice', '/api/voice/dial-status', '/api/voice/message'] as const) {
      const unsigned = await voice(app, path, callSid, from, { signature: null });
      const wrong = await voice(app, path, callSid, from, { signature: 'bm90IGEgc2lnbmF0dXJl' });
      const otherUrl = await voice(app, path, callSid, from, { publicBaseUrl: 'https://attacker.test' });
      expect([unsigned.status, wrong.status, otherUrl.status], path).toEqual([403, 403, 403]);
    }
    expect(await callRecord(callSid)).toBeUndefined();
    expect(await conversationOf(from)).toBeUndefined();
    expect(twilioApi.sent.filter((sent) => sent.to === from)).toEqual([]);
  });

  it('answers 400 to a signed webhook without a CallSid', async () => {
    const response = await voice(app, '/api/voice', '', nextMobile());
    expect(response.status).toBe(400);
    expect(response.body).toContain('CallSid');
  });

  it('a repeated CallSid is counted once, answered alike, and sends one SMS', async () => {
    const from = nextMobile();
    const callSid = newCallSid();
    const first = await voice(app, '/api/voice', callSid, from);
    const again = await voice(app, '/api/voice', callSid, from);
    expect(again.body).toBe(first.body);
    const message = await voice(app, '/api/voice/message', callSid, from);
    const messageAgain = await voice(app, '/api/voice/message', callSid, from);
    expect(messageAgain.body).toBe(message.body);
    expect(await smsTo(from)).toHaveLength(1);
    const calls = await app.store.transaction(null, (uow) =>
      uow.voiceCalls.listStartedBetween(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z')),
    );
    expect(calls.filter((call) => call.callSid === callSid)).toHaveLength(1);
    expect(await settledSmsCount(from)).toBe(1);
  });
});

describe('in opening hours', () => {
  it('puts the call through to the mentors with a timeout and a signed fallback action', async () => {
    clock.set(TUESDAY_MORNING);
    const callSid = newCallSid();
    const response = await voice(app, '/api/voice', callSid, nextMobile());
    expect(response.status).toBe(200);
    expect(response.body).toContain(
      `<Dial timeout="25" action="${PUBLIC_BASE_URL}/api/voice/dial-status" method="POST">${FORWARD_NUMBER}</Dial>`,
    );
    expect(twimlSays(response.body)).toEqual([
      {
        attributes: 'language="nb-NO" voice="Polly.Liv"',
        text: 'Hei, du har ringt Arbeidslivstelefonen. Vent litt, du blir satt over til en mentor.',
      },
    ]);
    expect(await callRecord(callSid)).toMatchObject({ inHours: true, outcome: 'forwarded', followUp: null });
  });

  it('a mentor answered: hang up afterwards, counted as answered, no SMS', async () => {
    clock.set(TUESDAY_MORNING);
    const from = nextMobile();
    const callSid = newCallSid();
    await voice(app, '/api/voice', callSid, from);
    const ended = await voice(app, '/api/voice/dial-status', callSid, from, { extra: { DialCallStatus: 'completed' } });
    expect(ended.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
    expect(await callRecord(callSid)).toMatchObject({ outcome: 'answered', followUp: null });
  });

  for (const status of ['no-answer', 'busy', 'failed']) {
    it(`nobody answered (${status}): the greeting, then "nobody can take it", the crisis numbers and the SMS`, async () => {
      clock.set(TUESDAY_MORNING);
      const from = nextMobile();
      const callSid = newCallSid();
      await voice(app, '/api/voice', callSid, from);
      const fallback = await voice(app, '/api/voice/dial-status', callSid, from, { extra: { DialCallStatus: status } });
      expect(fallback.body).toContain(
        `<Gather numDigits="1" timeout="3" action="${PUBLIC_BASE_URL}/api/voice/message" method="POST">`,
      );
      const message = await voice(app, '/api/voice/message', callSid, from);
      const spoken = twimlSays(message.body)[0]?.text ?? '';
      expect(spoken).toContain('Ingen av mentorene kan ta telefonen akkurat nå.');
      expect(spoken).not.toContain('tilbake');
      expect(spoken).toContain('ring 1 1 3');
      expect(spoken).toContain('1 1 6, 1 2 3');
      expect(spoken).toContain('Vi sender deg en SMS nå.');
      expect((await smsTo(from)).map((sent) => sent.body)).toEqual([FOLLOW_UP_NB]);
      expect(await callRecord(callSid)).toMatchObject({ inHours: true, outcome: 'unanswered', followUp: 'sent' });
    });
  }

  it("MENTOR in reply to the SMS puts the person in the mentors' queue", async () => {
    clock.set(TUESDAY_MORNING);
    const from = nextMobile();
    const callSid = newCallSid();
    await voice(app, '/api/voice', callSid, from);
    await voice(app, '/api/voice/dial-status', callSid, from, { extra: { DialCallStatus: 'no-answer' } });
    await voice(app, '/api/voice/message', callSid, from);
    await smsTo(from);
    const consentQuestion = twimlMessages((await sms(from, 'MENTOR')).body).join('\n');
    expect(consentQuestion).toContain('Kan mentoren lese det du har skrevet til meg?');
    expect((await sms(from, 'ja')).status).toBe(200);
    const conversation = await conversationOf(from);
    const handover = await app.store.transaction(null, (uow) =>
      uow.handovers.findOpenByConversation(conversation?.id ?? ''),
    );
    expect(handover?.status).toBe('waiting');
  });
});

describe('out of hours', () => {
  it('greets, offers English on 9, then says when the mentors are back, 113 and 116 123, and sends the SMS', async () => {
    const from = nextMobile();
    const { callSid, greeting, message, spoken } = await callOutOfHours(from);
    expect(greeting.body).toContain(
      `<Gather numDigits="1" timeout="3" action="${PUBLIC_BASE_URL}/api/voice/message" method="POST">`,
    );
    expect(twimlSays(greeting.body)).toEqual([
      {
        attributes: 'language="nb-NO" voice="Polly.Liv"',
        text: 'Hei, du har ringt Arbeidslivstelefonen i Mental Helse.',
      },
      { attributes: 'language="en-GB" voice="Polly.Amy"', text: 'For English, press 9.' },
    ]);
    expect(greeting.body).toContain(`<Redirect method="POST">${PUBLIC_BASE_URL}/api/voice/message</Redirect>`);
    expect(greeting.body).not.toContain('<Dial');
    expect(spoken).toBe(
      'Mentorene er ikke på vakt nå. De er tilbake i morgen, onsdag, klokka 9. Er livet i fare, ring 1 1 3. ' +
        'Trenger du noen å snakke med nå, kan du ringe Mental Helses hjelpetelefon på 1 1 6, 1 2 3. ' +
        'Hjelpetelefonen er åpen hele døgnet. Vi sender deg en SMS nå. Svar på meldingen, så svarer chatboten vår deg. ' +
        'Takk for at du ringte. Ha det bra.',
    );
    expect(message.body).toMatch(/<\/Say><Hangup\/><\/Response>$/);
    const [sent] = await smsTo(from);
    expect(sent).toMatchObject({ from: TEST_TWILIO.fromNumber, body: FOLLOW_UP_NB });
    expect(await callRecord(callSid)).toMatchObject({ inHours: false, outcome: 'message', followUp: 'sent' });
    // the SMS is the first line of the number's ordinary SMS conversation
    const conversation = await conversationOf(from);
    const transcript = await app.store.transaction(null, (uow) => uow.transcript.list(conversation?.id ?? ''));
    expect(transcript.map(({ direction, text }) => ({ direction, text }))).toEqual([
      { direction: 'bot', text: FOLLOW_UP_NB },
    ]);
  });

  it('a reply to the SMS is an ordinary SMS turn; MENTOR asks for a mentor to get in touch', async () => {
    const from = nextMobile();
    await callOutOfHours(from);
    await smsTo(from);
    const reply = twimlMessages((await sms(from, 'MENTOR')).body).join('\n');
    expect(reply).toContain('Mentorene er ikke på jobb akkurat nå. De er tilbake i morgen, onsdag, kl. 09.00');
    expect(reply).toContain('be om at en mentor tar kontakt med deg');
    expect(reply).not.toMatch(/mentortilskudd/i);
  });

  it('a number that has texted before gets the SMS in its own conversation, after what was said there', async () => {
    const from = nextMobile();
    await sms(from, 'Hei');
    const before = await conversationOf(from);
    await callOutOfHours(from);
    await smsTo(from);
    const after = await conversationOf(from);
    expect(after?.id).toBe(before?.id);
    const transcript = await app.store.transaction(null, (uow) => uow.transcript.list(after?.id ?? ''));
    expect(transcript[0]).toMatchObject({ direction: 'user', text: 'Hei' });
    expect(transcript.at(-1)).toMatchObject({ direction: 'bot', text: FOLLOW_UP_NB });
  });

  it('callers who press 9 hear English and get the SMS in English', async () => {
    const from = nextMobile();
    const { message, spoken } = await callOutOfHours(from, { digits: '9' });
    expect(twimlSays(message.body)[0]?.attributes).toBe('language="en-GB" voice="Polly.Amy"');
    expect(spoken).toContain("The mentors are not on duty right now. They are back tomorrow, Wednesday, at 9 o'clock.");
    expect(spoken).toContain('call 1 1 3');
    const [sent] = await smsTo(from);
    expect(sent?.body).toBe(
      'You called Arbeidslivstelefonen. I am a chatbot. Write your question here and I will answer. If you would like a mentor to contact you, write MENTOR.',
    );
    expect((await conversationOf(from))?.locale).toBe('en');
  });

  it('on a public holiday the next working day is said, with its date (Christmas Day 2026)', async () => {
    clock.set('2026-12-25T10:00:00+01:00');
    const { greeting, spoken } = await callOutOfHours(nextMobile());
    expect(greeting.body).not.toContain('<Dial');
    expect(spoken).toContain('De er tilbake på mandag den 28. desember, klokka 9.');
  });

  it('across the change to winter time the spoken hour is Oslo time (Friday 23 October 2026, evening)', async () => {
    clock.set('2026-10-23T16:00:00+02:00');
    const { spoken } = await callOutOfHours(nextMobile());
    expect(spoken).toContain('De er tilbake på mandag den 26. oktober, klokka 9.');
  });
});

describe('the follow-up SMS: who gets it', () => {
  it('at most once per number per Oslo day: the second call that day is told of the earlier SMS', async () => {
    const from = nextMobile();
    await callOutOfHours(from);
    await smsTo(from);
    clock.set('2026-11-24T23:30:00+01:00');
    const second = await callOutOfHours(from);
    expect(second.spoken).toContain('Du har fått en SMS fra oss i dag.');
    expect(second.spoken).not.toContain('Vi sender deg en SMS nå.');
    expect((await callRecord(second.callSid))?.followUp).toBe('alreadyToday');
    await noSmsTo(from, second.callSid, 1);
    // just after midnight in Oslo (still the 24th in UTC) it is a new day
    clock.set('2026-11-25T00:05:00+01:00');
    const nextDay = await callOutOfHours(from);
    expect(nextDay.spoken).toContain('Vi sender deg en SMS nå.');
    await expect.poll(() => twilioApi.sent.filter((sent) => sent.to === from).length).toBe(2);
  });

  for (const hidden of ['anonymous', '', '+266696687', 'restricted']) {
    it(`never to a hidden number (From=${JSON.stringify(hidden)}); the call is still counted`, async () => {
      const { callSid, spoken } = await callOutOfHours(hidden);
      expect(spoken).toContain('ring 1 1 3');
      expect(spoken).not.toContain('SMS');
      expect(await callRecord(callSid)).toMatchObject({ outcome: 'message', followUp: 'hidden' });
      await noSmsTo(hidden, callSid);
    });
  }

  for (const [label, number] of [
    ['a Swedish mobile', '+46701234567'],
    ['a Norwegian landline', '+4722334455'],
  ] as const) {
    it(`never to ${label}`, async () => {
      const { callSid, spoken } = await callOutOfHours(number);
      expect(spoken).not.toContain('SMS');
      expect((await callRecord(callSid))?.followUp).toBe('notMobile');
      await noSmsTo(number, callSid);
      expect(await conversationOf(number)).toBeUndefined();
    });
  }

  it('never to a number that sent STOPP; START lets it come again', async () => {
    const from = nextMobile();
    expect((await sms(from, 'STOPP')).status).toBe(200);
    const stopped = await callOutOfHours(from);
    expect(stopped.spoken).not.toContain('SMS');
    expect((await callRecord(stopped.callSid))?.followUp).toBe('optedOut');
    await noSmsTo(from, stopped.callSid);
    await sms(from, 'START');
    twilioApi.sent.length = 0;
    await callOutOfHours(from);
    expect((await smsTo(from)).map((sent) => sent.body)).toEqual([FOLLOW_UP_NB]);
  });

  it('SLETT erases the SMS and the "sent today" mark with the conversation; the call stays counted, without a number', async () => {
    const from = nextMobile();
    const { callSid } = await callOutOfHours(from);
    await smsTo(from);
    const question = await sms(from, 'SLETT');
    await sms(from, choiceNumber(question.body, 'Ja, slett alt'));
    expect(await conversationOf(from)).toBeUndefined();
    const call = await callRecord(callSid);
    expect(call).toMatchObject({ outcome: 'message', followUp: 'sent' });
    expect(JSON.stringify(call)).not.toContain(from.slice(3));
  });
});

describe('VOICE_LOCALE=nn, no forward number', () => {
  it('speaks nynorsk, sends the SMS in nynorsk, and in hours rings nobody', async () => {
    const nynorsk = await startTestApp({ clock, env: twilioEnv({ VOICE_LOCALE: 'nn' }) });
    try {
      const from = nextMobile();
      const { spoken } = await callOutOfHours(from, { target: nynorsk });
      expect(spoken).toContain('Mentorane er ikkje på vakt no. Dei er tilbake i morgon, onsdag, klokka 9.');
      expect(spoken).toContain('Vi sender deg ein SMS no.');
      const [sent] = await smsTo(from);
      expect(sent?.body).toContain('Du ringde Arbeidslivstelefonen. Eg er ein chatbot.');

      // in opening hours, with no HELPLINE_FORWARD_NUMBER, nobody is rung: the "cannot take it" answer
      clock.set(TUESDAY_MORNING);
      const inHours = await callOutOfHours(nextMobile(), { target: nynorsk });
      expect(inHours.greeting.body).not.toContain('<Dial');
      expect(inHours.spoken).toContain('Ingen av mentorane kan ta telefonen akkurat no.');
      const call = await nynorsk.store.transaction(null, (uow) => uow.voiceCalls.get(inHours.callSid));
      expect(call).toMatchObject({ inHours: true, outcome: 'message', followUp: 'sent' });
    } finally {
      await nynorsk.close();
    }
  });
});

describe('hours a coordinator saved', () => {
  it('a closed day: in what would be opening hours nobody is rung, and the line says the next opening after it', async () => {
    const saved = await startTestApp({ clock, env: twilioEnv({ HELPLINE_FORWARD_NUMBER: FORWARD_NUMBER }) });
    try {
      await addMentor(saved, 'liv', 'coordinator');
      const liv = await loginMentor(saved, 'liv');
      const nineToThree = [{ from: '09:00', to: '15:00' }];
      const put = await liv.request('PUT', '/api/staff/hours', {
        always: false,
        weekly: {
          mon: nineToThree,
          tue: nineToThree,
          wed: nineToThree,
          thu: nineToThree,
          fri: nineToThree,
          sat: [],
          sun: [],
        },
        exceptions: [{ date: '2026-11-24', open: [], note: 'Fagdag' }],
      });
      expect(put.status).toBe(200);
      clock.set(TUESDAY_MORNING);
      const call = await callOutOfHours(nextMobile(), { target: saved });
      expect(call.greeting.body).not.toContain('<Dial');
      expect(call.spoken).toContain('De er tilbake i morgen, onsdag, klokka 9.');
      expect(call.spoken).not.toContain('Fagdag');
      const record = await saved.store.transaction(null, (uow) => uow.voiceCalls.get(call.callSid));
      expect(record).toMatchObject({ inHours: false });
    } finally {
      await saved.close();
    }
  });
});
