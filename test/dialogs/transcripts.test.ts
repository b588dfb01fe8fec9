/**
 * Representative conversations as tables: what the user does, and the keys (and effects) the bot
 * answers with. Each conversation runs turn by turn as the engine runs it (snapshot persisted as JSON
 * in between), and every message is rendered in the conversation's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DialogEffect, DialogEvent, DialogFacts } from '../../src/domain/dialogProtocol.js';
import type { Locale } from '../../src/domain/domain.js';
import { parseOpeningHours } from '../../src/handover/openingHours.js';
import { openingHoursRenderParams } from '../../src/handover/openingHoursText.js';
import { createTranslations, type Translations } from '../../src/i18n/i18n.js';
import { OFF_DUTY, ON_DUTY } from './dialogEvents.js';
import { keysOf, type PersistedSnapshot, runTurn, userMessage } from './dialogHarness.js';

type Row = [user: string, event: DialogEvent, expected: string[]];

const WEB_OFF_DUTY: DialogFacts = { mentorsOnDuty: false, channel: 'webchat', retentionDays: 30 };
const MAIN_MENU = 'dialog.menu.main';

let translations: Translations;
beforeAll(async () => {
  // copy may name the opening hours; the app fills them in from the clock, so here from a fixed one
  const hours = parseOpeningHours('mon-fri 09:00-15:00');
  if (!hours.ok) throw new Error(hours.error);
  translations = await createTranslations('nb', undefined, {
    renderParams: openingHoursRenderParams(hours.value, () => new Date('2026-12-01T20:00:00+01:00')),
  });
});

/** plays the rows; returns every effect, for the tests that check their payload */
function play(rows: Row[], locale: Locale): DialogEffect[] {
  let snapshot: PersistedSnapshot | undefined;
  const effects: DialogEffect[] = [];
  for (const [user, event, expected] of rows) {
    const turn = runTurn(snapshot, event);
    snapshot = turn.snapshot;
    expect(keysOf(turn.emitted), `after "${user}"`).toEqual(expected);
    for (const item of turn.emitted) {
      if (item.type === 'effect') {
        effects.push(item.effect);
        continue;
      }
      const { key, params, choices } = item.message;
      expect(translations.exists(locale, key), `${locale} ${key}`).toBe(true);
      expect(translations.t(locale, key, params)).not.toMatch(/\{\{/);
      for (const choice of choices ?? []) expect(translations.exists(locale, choice.labelKey)).toBe(true);
    }
  }
  return effects;
}

const say = (text: string, language: Locale = 'nb') => ({ language, text });
const msg = (text: ReturnType<typeof say>, options: Parameters<typeof userMessage>[0] = {}): [string, DialogEvent] => [
  text.text,
  userMessage({ language: text.language, ...options }),
];

describe('transcripts in bokmål', () => {
  it('browses the menus by numbers, reads more, goes back, says thanks and goodbye', () => {
    play(
      [
        [...msg(say('Hei'), { intent: 'greeting' }), ['dialog.welcome', MAIN_MENU]],
        [...msg(say('1'), { choice: 'menu.openness' }), ['dialog.menu.openness']],
        [...msg(say('2'), { choice: 'topic.openness.how' }), ['topics.openness.how.answer']],
        [...msg(say('MER'), { keyword: 'more' }), ['topics.openness.how.more']],
        [...msg(say('MER'), { keyword: 'more' }), ['dialog.more.none']],
        [...msg(say('TILBAKE'), { keyword: 'back' }), ['dialog.menu.openness']],
        [...msg(say('MENY'), { keyword: 'menu' }), [MAIN_MENU]],
        [...msg(say('2'), { choice: 'menu.measures' }), ['dialog.menu.measures']],
        [...msg(say('9'), { choice: 'topic.measures.sick_leave' }), ['topics.measures.sick_leave.answer']],
        [...msg(say('3'), { choice: 'followup.menu' }), [MAIN_MENU]],
        [...msg(say('takk!'), { intent: 'thanks' }), ['dialog.thanks']],
        [...msg(say('ha det'), { intent: 'goodbye' }), ['dialog.goodbye']],
      ],
      'nb',
    );
  });

  it('answers a first question at once (saying it is a bot), then hands over to a mentor', () => {
    const effects = play(
      [
        [
          ...msg(say('hva er lønnstilskudd?'), { intent: 'measures.wage_subsidy' }),
          ['dialog.intro', 'topics.measures.wage_subsidy.answer'],
        ],
        [...msg(say('1'), { choice: 'followup.more' }), ['topics.measures.wage_subsidy.more']],
        [...msg(say('kan jeg snakke med et menneske'), { intent: 'human' }), ['handover.consent.question']],
        [...msg(say('ja'), { intent: 'affirm' }), ['effect:requestHandover', 'handover.requested.shared']],
        ['(queue)', { type: 'handover.queued', position: 2, waitMinutes: 15, facts: ON_DUTY }, ['handover.queue.long']],
        [...msg(say('hallo?')), ['handover.stillWaiting']],
        [...msg(say('snakk med mentor'), { intent: 'human' }), ['handover.alreadyQueued']],
        [
          '(update)',
          { type: 'handover.waitUpdate', position: 1, waitMinutes: 5, facts: ON_DUTY },
          ['handover.queue.update'],
        ],
        ['(mentor accepts)', { type: 'handover.accepted', facts: ON_DUTY }, ['handover.accepted']],
        [...msg(say('hei, takk for at du tar deg tid'), { intent: 'thanks' }), ['effect:relayToMentor']],
        [...msg(say('MENY'), { keyword: 'menu' }), ['effect:relayToMentor']],
        ['(mentor lost)', { type: 'handover.mentorLost', facts: ON_DUTY }, ['handover.mentorLost']],
        ['(mentor accepts)', { type: 'handover.accepted', facts: ON_DUTY }, ['handover.accepted']],
        ['(mentor closes)', { type: 'handover.closed', facts: ON_DUTY }, ['handover.closed', 'feedback.question.sms']],
      ],
      'nb',
    );
    expect(effects).toContainEqual({
      kind: 'requestHandover',
      consent: true,
      crisis: false,
      topic: 'measures.wage_subsidy',
      callback: false,
    });
  });

  it('puts crisis first, on SMS says to call, and still lets the user leave the queue', () => {
    const effects = play(
      [
        [
          ...msg(say('jeg orker ikke mer, vil ikke leve'), { crisis: true }),
          ['crisis.alertSms', 'effect:flagCrisis', 'effect:requestHandover'],
        ],
        [
          '(queue)',
          { type: 'handover.queued', position: 1, waitMinutes: 2, facts: ON_DUTY },
          ['handover.queue.crisisFirstConsent'],
        ],
        [...msg(say('nei'), { intent: 'deny' }), ['handover.consent.crisisTopicOnly']],
        [...msg(say('har piller her'), { crisis: true }), ['crisis.alertSms', 'effect:flagCrisis']],
        [
          '(flagCrisis: new place)',
          { type: 'handover.queued', position: 1, waitMinutes: 2, facts: ON_DUTY },
          ['handover.queue.crisisFirst'],
        ],
        [
          '(update)',
          { type: 'handover.waitUpdate', position: 1, waitMinutes: 5, facts: ON_DUTY },
          ['handover.queue.crisisFirst'],
        ],
        [...msg(say('AVBRYT'), { keyword: 'cancel' }), ['effect:cancelHandover', 'handover.cancelled', MAIN_MENU]],
      ],
      'nb',
    );
    expect(effects).toContainEqual({ kind: 'requestHandover', consent: false, crisis: true, callback: false });
  });

  it('keeps crisis safety while a mentor has the conversation', () => {
    play(
      [
        [...msg(say('snakke med noen'), { intent: 'human' }), ['dialog.intro', 'handover.consent.question']],
        [...msg(say('1'), { choice: 'consent.yes' }), ['effect:requestHandover', 'handover.requested.shared']],
        ['(mentor accepts)', { type: 'handover.accepted', facts: ON_DUTY }, ['handover.accepted']],
        [...msg(say('vil dø'), { crisis: true }), ['crisis.alertSms', 'effect:flagCrisis', 'effect:relayToMentor']],
        [...msg(say('SLETT'), { keyword: 'erase' }), ['dialog.erase.confirm']],
        [...msg(say('nei'), { intent: 'deny' }), ['dialog.erase.kept']],
        ['(mentor releases)', { type: 'handover.released', facts: ON_DUTY }, ['handover.released', MAIN_MENU]],
      ],
      'nb',
    );
  });

  it('outside opening hours on web chat: callback with a note, and the hours answer says so', () => {
    const effects = play(
      [
        ['(opens the page)', { type: 'session.start', facts: WEB_OFF_DUTY }, ['dialog.welcome', MAIN_MENU]],
        [...msg(say('5'), { choice: 'followup.mentor', facts: WEB_OFF_DUTY }), ['handover.consent.afterHoursQuestion']],
        [
          ...msg(say('Ja'), { choice: 'consent.yes', facts: WEB_OFF_DUTY }),
          ['effect:requestHandover', 'handover.callback.askPhone'],
        ],
        [...msg(say('nei, ikke SMS'), { intent: 'deny', facts: WEB_OFF_DUTY }), ['handover.callback.chat']],
        [
          ...msg(say('Jeg vil gjerne snakke om å komme tilbake i jobb'), { facts: WEB_OFF_DUTY }),
          ['effect:relayToMentor', 'handover.callback.noted'],
        ],
        [
          ...msg(say('når er dere åpne?'), { intent: 'helpline.hours', facts: WEB_OFF_DUTY }),
          ['topics.helpline.hours.answerClosed'],
        ],
        [
          ...msg(say('Avbryt'), { choice: 'handover.cancel', facts: WEB_OFF_DUTY }),
          ['effect:cancelHandover', 'handover.cancelled', MAIN_MENU],
        ],
      ],
      'nb',
    );
    expect(effects).toContainEqual({ kind: 'requestHandover', consent: true, crisis: false, callback: true });
  });

  it('a callback request waits for opening hours, then becomes a place in the queue', () => {
    const effects = play(
      [
        [
          ...msg(say('kan noen ringe meg?'), { intent: 'human', facts: OFF_DUTY }),
          ['dialog.intro', 'handover.consent.afterHoursQuestion'],
        ],
        [...msg(say('ja'), { intent: 'affirm', facts: OFF_DUTY }), ['effect:requestHandover', 'handover.callback.sms']],
        [...msg(say('MENY'), { keyword: 'menu', facts: OFF_DUTY }), [MAIN_MENU]],
        [
          ...msg(say('snakke med mentor'), { intent: 'human', facts: OFF_DUTY }),
          ['handover.callback.alreadyRequested'],
        ],
        [
          ...msg(say('vil ikke leve'), { crisis: true, facts: OFF_DUTY }),
          ['crisis.alertSms', 'effect:flagCrisis', 'crisis.reminder'],
        ],
        [...msg(say('snakke med mentor'), { intent: 'human', facts: ON_DUTY }), ['handover.consent.crisisQuestion']],
        [
          ...msg(say('ja'), { intent: 'affirm', facts: ON_DUTY }),
          ['effect:requestHandover', 'handover.requested.shared'],
        ],
      ],
      'nb',
    );
    expect(effects.filter((effect) => effect.kind === 'requestHandover')).toEqual([
      { kind: 'requestHandover', consent: true, crisis: false, callback: true },
      { kind: 'requestHandover', consent: true, crisis: true, callback: false },
    ]);
  });

  it('after two messages it cannot understand it offers a mentor; unsure topics get a question', () => {
    play(
      [
        [...msg(say('asdf'), {}), ['dialog.welcome', MAIN_MENU]],
        [...msg(say('blåbærsyltetøy')), ['dialog.fallback.first']],
        [...msg(say('hmm ja nei')), ['dialog.fallback.offerMentor']],
        [...msg(say('ja'), { intent: 'affirm' }), ['handover.consent.question']],
        [...msg(say('AVBRYT'), { keyword: 'cancel' }), ['handover.consent.declined', MAIN_MENU]],
        [...msg(say(''), { empty: true }), ['dialog.empty']],
        [
          ...msg(say('jobbe litt mens jeg er syk?'), { intent: 'measures.sick_leave', confidence: 0.4 }),
          ['dialog.clarify'],
        ],
        [...msg(say('1'), { choice: 'topic.measures.sick_leave' }), ['topics.measures.sick_leave.answer']],
        [...msg(say('ja'), { intent: 'affirm' }), ['topics.measures.sick_leave.more']],
      ],
      'nb',
    );
  });

  it('STOPP silences until START; SLETT asks once, erases, and the next message starts afresh', () => {
    play(
      [
        [...msg(say('STOPP'), { keyword: 'stop' }), ['effect:optOut', 'dialog.optout.confirmed']],
        [...msg(say('hei'), { intent: 'greeting' }), []],
        [...msg(say('STOPP'), { keyword: 'stop' }), []],
        [...msg(say('START'), { keyword: 'start' }), ['effect:optIn', 'dialog.optout.welcomeBack', MAIN_MENU]],
        [...msg(say('SLETT'), { keyword: 'erase' }), ['dialog.erase.confirm']],
        [...msg(say('1'), { choice: 'erase.yes' }), ['effect:erase', 'dialog.erase.done']],
        [...msg(say('hei'), { intent: 'greeting' }), ['dialog.welcome', MAIN_MENU]],
      ],
      'nb',
    );
  });
});

describe('transcripts in nynorsk', () => {
  it('switches to nynorsk and browses by numbers and free text', () => {
    const effects = play(
      [
        [
          ...msg(say('nynorsk', 'nn'), { keyword: 'lang.nn' }),
          ['effect:setLocale', 'dialog.language.changed', 'dialog.welcome', MAIN_MENU],
        ],
        [...msg(say('4', 'nn'), { choice: 'menu.work' }), ['dialog.menu.work']],
        [
          ...msg(say('korleis kjem eg tilbake etter mange år heime?', 'nn'), { intent: 'work.return' }),
          ['topics.work.return.answer'],
        ],
        [...msg(say('meir', 'nn'), { keyword: 'more' }), ['topics.work.return.more']],
        [...msg(say('1', 'nn'), { choice: 'followup.related' }), ['dialog.menu.work']],
        [
          ...msg(say('må sjefen vite diagnosen min?', 'nn'), { intent: 'openness.rights' }),
          ['topics.openness.rights.answer'],
        ],
        [...msg(say('takk skal du ha', 'nn'), { intent: 'thanks' }), ['dialog.thanks']],
      ],
      'nn',
    );
    expect(effects).toEqual([{ kind: 'setLocale', locale: 'nn' }]);
  });

  it('hands over with consent and comes back to the bot', () => {
    play(
      [
        [...msg(say('hei', 'nn'), { intent: 'greeting' }), ['dialog.welcome', MAIN_MENU]],
        [...msg(say('eg vil snakke med ein mentor', 'nn'), { intent: 'human' }), ['handover.consent.question']],
        [
          ...msg(say('ja, det er greitt', 'nn'), { intent: 'affirm' }),
          ['effect:requestHandover', 'handover.requested.shared'],
        ],
        ['(queue)', { type: 'handover.queued', position: 4, waitMinutes: 20, facts: ON_DUTY }, ['handover.queue.long']],
        ['(mentor accepts)', { type: 'handover.accepted', facts: ON_DUTY }, ['handover.accepted']],
        [...msg(say('takk for praten', 'nn'), { intent: 'thanks' }), ['effect:relayToMentor']],
        [
          ...msg(say('AVBRYT', 'nn'), { keyword: 'cancel' }),
          ['effect:cancelHandover', 'handover.leftMentor', MAIN_MENU],
        ],
      ],
      'nn',
    );
  });

  it('renders nynorsk, not bokmål, for what it says', () => {
    expect(translations.t('nn', 'dialog.welcome')).toContain('Eg er ein chatbot');
    expect(translations.t('nn', 'handover.queue.long', { position: 2, minutes: 10 })).toBe(
      'Du er nummer 2 i køen. Ventetida er omtrent 10 minutt. Eg seier frå når ein mentor er klar. Vil du ut av køen, skriv AVBRYT.',
    );
  });

  it('a crisis outside opening hours gets the numbers and the callback offer', () => {
    const effects = play(
      [
        [
          ...msg(say('eg vil ikkje leve lenger', 'nn'), { crisis: true, facts: OFF_DUTY }),
          ['crisis.alertSms', 'effect:flagCrisis', 'crisis.afterHours'],
        ],
        [...msg(say('hallo? er det nokon der', 'nn'), { facts: OFF_DUTY }), ['crisis.reminder']],
        [...msg(say('ja', 'nn'), { intent: 'affirm', facts: OFF_DUTY }), ['handover.consent.afterHoursQuestion']],
        [
          ...msg(say('ja', 'nn'), { intent: 'affirm', facts: OFF_DUTY }),
          ['effect:requestHandover', 'handover.callback.sms'],
        ],
        [
          ...msg(say('hallo? er det nokon der', 'nn'), { facts: OFF_DUTY }),
          ['effect:relayToMentor', 'crisis.noteReceived'],
        ],
        [...msg(say('hallo??', 'nn'), { facts: OFF_DUTY }), ['crisis.reminder']],
        [...msg(say('😔', 'nn'), { emojiOnly: true, facts: OFF_DUTY }), ['crisis.reminder']],
      ],
      'nn',
    );
    expect(effects).toContainEqual({ kind: 'requestHandover', consent: true, crisis: true, callback: true });
  });
});

describe('the hardest moments (issue 11), in bokmål, nynorsk and English', () => {
  it('nb: a warning sign gets the direct question; a clear no is remembered, a later crisis still wins', () => {
    play(
      [
        [
          ...msg(say('jeg orker ikke mer'), { intent: 'work.struggling', concern: true }),
          ['dialog.intro', 'crisis.askDirectly'],
        ],
        [...msg(say('nei, ikke sånn'), { intent: 'deny' }), ['crisis.answeredNo', 'dialog.welcome', MAIN_MENU]],
        [...msg(say('alt er så tungt'), { concern: true }), ['crisis.concernAgain', MAIN_MENU]],
        [...msg(say('jeg sliter på jobben'), { intent: 'work.struggling' }), ['topics.work.struggling.answer']],
        [
          ...msg(say('jeg vil ikke leve mer'), { crisis: true }),
          ['crisis.alertSms', 'effect:flagCrisis', 'effect:requestHandover'],
        ],
      ],
      'nb',
    );
  });

  it('nb: a yes to the direct question is a crisis, and so is a warning sign again', () => {
    play(
      [
        [...msg(say('ser ingen vei ut'), { concern: true }), ['dialog.intro', 'crisis.askDirectly']],
        [...msg(say('ja'), { intent: 'affirm' }), ['crisis.alertSms', 'effect:flagCrisis', 'effect:requestHandover']],
      ],
      'nb',
    );
    const again = play(
      [
        [...msg(say('hei'), { intent: 'greeting' }), ['dialog.welcome', MAIN_MENU]],
        [...msg(say('ingen vil savne meg'), { concern: true }), ['crisis.askDirectly']],
        [
          ...msg(say('vet ikke, er bare en byrde'), { concern: true, facts: OFF_DUTY }),
          ['crisis.alertSms', 'effect:flagCrisis', 'crisis.afterHours'],
        ],
      ],
      'nb',
    );
    expect(again).not.toContainEqual(expect.objectContaining({ kind: 'requestHandover' }));
  });

  it('nb: the question is asked while waiting, never in the middle of a mentor chat; both marked for the mentor', () => {
    play(
      [
        [...msg(say('snakke med en mentor'), { intent: 'human' }), ['dialog.intro', 'handover.consent.question']],
        [...msg(say('ja'), { intent: 'affirm' }), ['effect:requestHandover', 'handover.requested.shared']],
        [...msg(say('orker ikke mer'), { concern: true }), ['crisis.askDirectly', 'effect:flagConcern']],
        [...msg(say('nei'), { intent: 'deny' }), ['crisis.answeredNo', 'handover.stillWaiting']],
        ['(mentor accepts)', { type: 'handover.accepted', facts: ON_DUTY }, ['handover.accepted']],
        [...msg(say('ser ikke noe poeng'), { concern: true }), ['effect:flagConcern', 'effect:relayToMentor']],
        [...msg(say('hva skjer nå'), { intent: 'unknown' }), ['effect:relayToMentor']],
      ],
      'nb',
    );
  });

  it('nb: the crisis turn on web chat with mentors on duty: the answer alone, then first in the queue and consent', () => {
    const web = { mentorsOnDuty: true, channel: 'webchat', retentionDays: 30 } as const;
    const effects = play(
      [
        [
          ...msg(say('hva er arbeidstrening?'), { intent: 'measures.work_training', facts: web }),
          ['dialog.intro', 'topics.measures.work_training.answer'],
        ],
        [
          ...msg(say('jeg har tenkt å ta livet mitt i kveld'), { crisis: true, risk: 'imminent', facts: web }),
          ['crisis.alert', 'effect:flagCrisis', 'effect:requestHandover'],
        ],
        [
          '(queue)',
          { type: 'handover.queued', position: 1, waitMinutes: 40, facts: web },
          ['handover.queue.crisisFirstConsent'],
        ],
        [
          ...msg(say('Ja, mentoren kan lese det'), { choice: 'consent.yes', facts: web }),
          ['effect:shareTranscript', 'handover.consent.crisisShared'],
        ],
        [...msg(say('hallo?'), { facts: web }), ['handover.stillWaiting']],
      ],
      'nb',
    );
    // the handover is about the crisis, not the topic browsed before it
    expect(effects).toContainEqual({ kind: 'requestHandover', consent: false, crisis: true, callback: false });
  });

  it('nb: maybe a wish to stop gets a question; STOPP as the first message gets only the confirmation', () => {
    play(
      [
        [
          ...msg(say('slutt å mase'), { intent: 'optout', confidence: 0.5 }),
          ['dialog.intro', 'dialog.optout.question'],
        ],
        [...msg(say('STOPP'), { keyword: 'stop' }), ['effect:optOut', 'dialog.optout.confirmed']],
      ],
      'nb',
    );
    play([[...msg(say('stopp.'), { keyword: 'stop' }), ['effect:optOut', 'dialog.optout.confirmed']]], 'nb');
    play(
      [
        [
          ...msg(say('ikke send meg flere meldinger'), { intent: 'optout', confidence: 0.95 }),
          ['effect:optOut', 'dialog.optout.confirmed'],
        ],
      ],
      'nb',
    );
  });

  it('nn: an empty SMS, a picture, emoji alone, thanks and goodbye get fitting answers', () => {
    play(
      [
        [...msg(say('hei', 'nn'), { intent: 'greeting' }), ['dialog.welcome', MAIN_MENU]],
        [...msg(say('', 'nn'), { empty: true }), ['dialog.empty']],
        [...msg(say('[bilete]', 'nn'), { picture: true }), ['dialog.picture']],
        [...msg(say('😔', 'nn'), { emojiOnly: true }), ['dialog.emojiOnly']],
        [...msg(say('takk', 'nn'), { intent: 'thanks' }), ['dialog.thanks']],
        [...msg(say('snakkast', 'nn'), { intent: 'goodbye' }), ['dialog.goodbye']],
      ],
      'nn',
    );
    expect(translations.t('nn', 'dialog.thanks')).not.toContain('Så fint');
  });

  it('nn: the direct question, and a no that is not asked again (the door stays open)', () => {
    play(
      [
        [...msg(say('eg orkar ikkje meir', 'nn'), { concern: true }), ['dialog.intro', 'crisis.askDirectly']],
        [...msg(say('nei', 'nn'), { intent: 'deny' }), ['crisis.answeredNo', 'dialog.welcome', MAIN_MENU]],
        [...msg(say('eg orkar ikkje meir', 'nn'), { concern: true }), ['crisis.concernAgain', MAIN_MENU]],
      ],
      'nn',
    );
  });

  it('en: crisis after hours says so plainly, repeats the numbers, and offers a callback', () => {
    const effects = play(
      [
        [
          ...msg(say('I want to end my life', 'en'), { crisis: true, facts: OFF_DUTY }),
          ['crisis.alertSms', 'effect:flagCrisis', 'crisis.afterHours'],
        ],
        [...msg(say('hello? is anyone there', 'en'), { facts: OFF_DUTY }), ['crisis.reminder']],
        [...msg(say('no', 'en'), { intent: 'deny', facts: OFF_DUTY }), ['crisis.reminder']],
        [...msg(say('anyone?', 'en'), { facts: OFF_DUTY }), ['crisis.reminder']],
      ],
      'en',
    );
    expect(effects.filter((effect) => effect.kind === 'requestHandover')).toEqual([]);
  });

  it('en: the direct question with the numbers; yes is a crisis with mentors on duty', () => {
    play(
      [
        [...msg(say("what's the point anymore", 'en'), { concern: true }), ['dialog.intro', 'crisis.askDirectly']],
        [
          ...msg(say('yes', 'en'), { intent: 'affirm' }),
          ['crisis.alertSms', 'effect:flagCrisis', 'effect:requestHandover'],
        ],
        [
          '(queue)',
          { type: 'handover.queued', position: 2, waitMinutes: 30, facts: ON_DUTY },
          ['handover.queue.crisisFrontConsent'],
        ],
        [...msg(say('no', 'en'), { intent: 'deny' }), ['handover.consent.crisisTopicOnly']],
      ],
      'en',
    );
    expect(translations.t('en', 'crisis.askDirectly')).toMatch(/113.*116 123/s);
  });
});

describe('a web chat callback someone can answer (issue 11), in bokmål, nynorsk and English', () => {
  const callbackRows = (locale: Locale, texts: { ask: string; yes: string; bad: string; good: string }): Row[] => [
    [
      ...msg(say(texts.ask, locale), { intent: 'human', facts: WEB_OFF_DUTY }),
      ['dialog.intro', 'handover.consent.afterHoursQuestion'],
    ],
    [
      ...msg(say(texts.yes, locale), { intent: 'affirm', facts: WEB_OFF_DUTY }),
      ['effect:requestHandover', 'handover.callback.askPhone'],
    ],
    [...msg(say(texts.bad, locale), { phoneLike: true, facts: WEB_OFF_DUTY }), ['handover.callback.phoneInvalid']],
    [
      ...msg(say(texts.good, locale), { phone: '+4791234567', facts: WEB_OFF_DUTY }),
      ['effect:saveCallbackContact', 'handover.callback.phoneSaved'],
    ],
    [...msg(say('...', locale), { facts: WEB_OFF_DUTY }), ['effect:relayToMentor', 'handover.callback.noted']],
  ];

  it('nb: asks for a mobile number, says why and how long, checks it, and stores it with the callback', () => {
    const effects = play(
      callbackRows('nb', { ask: 'kan noen sende meg en sms?', yes: 'ja', bad: '22 40 00 40', good: '+47 912 34 567' }),
      'nb',
    );
    expect(effects).toContainEqual({ kind: 'saveCallbackContact', phone: '+4791234567' });
    expect(translations.t('nb', 'handover.callback.askPhone', { retentionDays: 30 })).toMatch(/30 dager/);
  });

  it('nn: the same, in nynorsk', () => {
    play(callbackRows('nn', { ask: 'kan nokon ringje meg', yes: 'ja', bad: '1234567', good: '912 34 567' }), 'nn');
  });

  it('en: the same, in English; and a number is never required', () => {
    play(
      callbackRows('en', { ask: 'can someone text me', yes: 'yes', bad: '+46 70 123 45 67', good: '0047 41234567' }),
      'en',
    );
    play(
      [
        [
          ...msg(say('talk to a mentor', 'en'), { intent: 'human', facts: WEB_OFF_DUTY }),
          ['dialog.intro', 'handover.consent.afterHoursQuestion'],
        ],
        [
          ...msg(say('no', 'en'), { intent: 'deny', facts: WEB_OFF_DUTY }),
          ['effect:requestHandover', 'handover.callback.askPhone'],
        ],
        [
          ...msg(say('No thanks, no text', 'en'), { choice: 'callback.noPhone', facts: WEB_OFF_DUTY }),
          ['handover.callback.chat'],
        ],
        [
          ...msg(say('91234567', 'en'), { phone: '+4791234567', facts: WEB_OFF_DUTY }),
          ['effect:saveCallbackContact', 'handover.callback.phoneSaved'],
        ],
      ],
      'en',
    );
  });

  it('on SMS the number is already there: no question, and a mentor texting first starts a mentor chat', () => {
    play(
      [
        ['(mentor texts first)', { type: 'handover.startedByMentor', facts: OFF_DUTY }, ['handover.startedByMentor']],
        [
          ...msg(say('hei, takk for at du tar kontakt'), { intent: 'thanks', facts: OFF_DUTY }),
          ['effect:relayToMentor'],
        ],
      ],
      'nb',
    );
  });
});

/** a person who asked for a mentor and now has one, on the given facts' channel */
const withMentor = (facts: DialogFacts, language: Locale, first = true): Row[] => [
  [
    ...msg(say('kan jeg snakke med et menneske', language), { intent: 'human', language, facts }),
    first ? ['dialog.intro', 'handover.consent.question'] : ['handover.consent.question'],
  ],
  [
    ...msg(say('ja', language), { intent: 'affirm', language, facts }),
    ['effect:requestHandover', 'handover.requested.shared'],
  ],
  ['(mentor accepts)', { type: 'handover.accepted', facts }, ['handover.accepted']],
];
const WEB_ON_DUTY: DialogFacts = { mentorsOnDuty: true, channel: 'webchat', retentionDays: 30 };

describe('the feedback question after a mentor closes', () => {
  it('bokmål, SMS: asks once, a number answers it and is counted, and then the bot rests', () => {
    const effects = play(
      [
        ...withMentor(ON_DUTY, 'nb'),
        ['(mentor closes)', { type: 'handover.closed', facts: ON_DUTY }, ['handover.closed', 'feedback.question.sms']],
        [...msg(say('4'), { choice: 'feedback.4' }), ['effect:recordFeedback', 'feedback.thanks']],
        [...msg(say('takk!'), { intent: 'thanks' }), ['dialog.thanks']],
      ],
      'nb',
    );
    expect(effects).toContainEqual({ kind: 'recordFeedback', rating: 4 });
  });

  it('nynorsk: skipping it with a question is an ordinary turn, and a later number is not a rating', () => {
    const effects = play(
      [
        ...withMentor(ON_DUTY, 'nn'),
        ['(mentor closes)', { type: 'handover.closed', facts: ON_DUTY }, ['handover.closed', 'feedback.question.sms']],
        [
          ...msg(say('kva er lønnstilskot?', 'nn'), { intent: 'measures.wage_subsidy', language: 'nn' }),
          ['topics.measures.wage_subsidy.answer'],
        ],
        [...msg(say('MENY', 'nn'), { keyword: 'menu', language: 'nn' }), [MAIN_MENU]],
      ],
      'nn',
    );
    expect(effects.some((effect) => effect.kind === 'recordFeedback')).toBe(false);
  });

  it('English, web chat: buttons; not asked when the mentor only hands back, nor after a crisis', () => {
    play(
      [
        ...withMentor(WEB_ON_DUTY, 'en'),
        [
          '(mentor closes)',
          { type: 'handover.closed', facts: WEB_ON_DUTY },
          ['handover.closed', 'feedback.question.chat'],
        ],
        [
          ...msg(say('Very helpful', 'en'), { choice: 'feedback.5', language: 'en', facts: WEB_ON_DUTY }),
          ['effect:recordFeedback', 'feedback.thanks'],
        ],
        ...withMentor(WEB_ON_DUTY, 'en', false),
        ['(mentor releases)', { type: 'handover.released', facts: WEB_ON_DUTY }, ['handover.released', MAIN_MENU]],
      ],
      'en',
    );
    play(
      [
        [
          ...msg(say("I don't want to live anymore", 'en'), { crisis: true, language: 'en', facts: WEB_ON_DUTY }),
          ['crisis.alert', 'effect:flagCrisis', 'effect:requestHandover'],
        ],
        ['(mentor accepts)', { type: 'handover.accepted', facts: WEB_ON_DUTY }, ['handover.accepted']],
        ['(mentor closes)', { type: 'handover.closed', facts: WEB_ON_DUTY }, ['handover.closed', MAIN_MENU]],
      ],
      'en',
    );
  });

  it('is not asked when a mentor closes a conversation still waiting in the queue', () => {
    play(
      [
        ...withMentor(ON_DUTY, 'nb').slice(0, 2),
        ['(mentor closes)', { type: 'handover.closed', facts: ON_DUTY }, ['handover.closed', MAIN_MENU]],
      ],
      'nb',
    );
  });
});
