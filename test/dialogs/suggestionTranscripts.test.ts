/**
 * "Mener du …?" as transcripts, in bokmål, nynorsk and English, with the real classifier: a long
 * message the bot is unsure of gets its best guesses as choices (and "Noe annet"), a pick answers
 * that topic and labels the message for staff, "Noe annet" asks for other words; a message that asks
 * two things gets the first answered and the second offered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { suggestedTopics } from '../../dialogs/suggestions.js';
import type { DialogEmitted, DialogEvent, OutboundMessage } from '../../src/domain/dialogProtocol.js';
import type { Classifier, Locale } from '../../src/domain/domain.js';
import { createTranslations, type Translations } from '../../src/i18n/i18n.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';
import { ON_DUTY, unsureLongMessage } from './dialogEvents.js';
import { keysOf, runTurn, stateOf, userMessage } from './dialogHarness.js';

let classify: Classifier;
let translations: Translations;
beforeAll(async () => {
  classify = createClassifier();
  translations = await createTranslations('nb');
});

/** what the engine sends the machine for a typed message */
function typed(text: string, locale: Locale): Extract<DialogEvent, { type: 'user.message' }> {
  return { type: 'user.message', nlu: classify(text, { locale }), facts: ON_DUTY };
}

function saidWithChoices(emitted: DialogEmitted[]): OutboundMessage | undefined {
  return emitted.flatMap((item) => (item.type === 'say' && item.message.choices ? [item.message] : [])).at(-1);
}

function labels(message: OutboundMessage | undefined, locale: Locale): string[] {
  return (message?.choices ?? []).map((choice) => translations.t(locale, choice.labelKey));
}

describe('"Mener du …?"', () => {
  it('nb: offers the best guesses and "Noe annet", and a pick answers that topic and labels the message', () => {
    const first = runTurn(
      undefined,
      typed('Jeg har vært syk lenge og en arbeidsgiver vurderer meg. Hva bør jeg tenke på?', 'nb'),
    );
    expect(keysOf(first.emitted)).toEqual(['dialog.intro', 'dialog.suggest.question']);
    expect(stateOf(first.snapshot)).toContain('suggesting');
    const offer = saidWithChoices(first.emitted);
    expect(translations.t('nb', offer?.key ?? '')).toMatch(/^Jeg er ikke helt sikker .* Mener du/);
    expect(labels(offer, 'nb')).toEqual([
      'Åpenhet når jeg søker jobb',
      'Bør jeg være åpen?',
      'Hva må sjefen få vite?',
      'Noe annet',
    ]);
    const pick = runTurn(first.snapshot, userMessage({ choice: 'topic.openness.jobsearch' }));
    expect(keysOf(pick.emitted)).toEqual(['effect:recordExampleCandidate', 'topics.openness.jobsearch.answer']);
    expect(pick.emitted[0]).toEqual({
      type: 'effect',
      effect: { kind: 'recordExampleCandidate', topic: 'openness.jobsearch', dialogState: 'suggesting' },
    });
  });

  it('nn: "Noko anna" asks for other words and shows the menu, and labels nothing', () => {
    const first = runTurn(
      undefined,
      typed('Eg har vore sjuk lenge. Ein arbeidsgivar vurderer meg. Kva bør eg tenkje på?', 'nn'),
    );
    expect(keysOf(first.emitted)).toEqual(['dialog.intro', 'dialog.suggest.question']);
    expect(labels(saidWithChoices(first.emitted), 'nn').at(-1)).toBe('Noko anna');
    const other = runTurn(first.snapshot, userMessage({ choice: 'suggest.other', language: 'nn' }));
    expect(keysOf(other.emitted)).toEqual(['dialog.suggest.other', 'dialog.menu.main']);
  });

  it('en: offers the guesses; a pick answers, and the offer is not kept for a later choice', () => {
    const first = runTurn(
      undefined,
      typed(
        "I've been unwell for a long time and an employer is considering me. What should I keep in mind? Mail me at ola@example.no",
        'en',
      ),
    );
    expect(keysOf(first.emitted)).toEqual(['dialog.intro', 'dialog.suggest.question']);
    const offered = labels(saidWithChoices(first.emitted), 'en');
    expect(offered).toHaveLength(4);
    expect(offered.at(-1)).toBe('Something else');
    const pick = runTurn(first.snapshot, userMessage({ choice: 'topic.openness.how', language: 'en' }));
    expect(keysOf(pick.emitted)).toEqual(['effect:recordExampleCandidate', 'topics.openness.how.answer']);
    // a topic picked from a menu later is an ordinary answer, not a label
    const later = runTurn(pick.snapshot, userMessage({ choice: 'topic.measures.overview', language: 'en' }));
    expect(keysOf(later.emitted)).toEqual(['topics.measures.overview.answer']);
  });

  it('replaces "I did not understand" for an unsure message later in the conversation too', () => {
    const greeting = runTurn(undefined, userMessage({ intent: 'greeting' }));
    const unsure = runTurn(greeting.snapshot, unsureLongMessage());
    expect(keysOf(unsure.emitted)).toEqual(['dialog.suggest.question']);
    expect(unsure.emitted.some((item) => item.type === 'say' && item.message.key === 'dialog.fallback.first')).toBe(
      false,
    );
  });

  it('is not offered for a clear conversation intent, a sure topic, or guesses too unsure together', () => {
    const base = unsureLongMessage() as Extract<DialogEvent, { type: 'user.message' }>;
    expect(suggestedTopics({ ...base, nlu: { ...base.nlu, intent: 'thanks', confidence: 0.8 } })).toBeUndefined();
    expect(
      suggestedTopics({ ...base, nlu: { ...base.nlu, intent: 'measures.wage_subsidy', confidence: 0.7 } }),
    ).toBeUndefined();
    const faint = [
      { intent: 'measures.ips' as const, confidence: 0.12 },
      { intent: 'work.return' as const, confidence: 0.1 },
    ];
    expect(suggestedTopics({ ...base, nlu: { ...base.nlu, guesses: faint } })).toBeUndefined();
    expect(suggestedTopics(base)).toEqual(['measures.wage_subsidy', 'measures.work_training', 'work.return']);
  });
});

describe('a message that asks two things', () => {
  it('nn: answers the first and offers the second as the first choice', () => {
    const first = runTurn(
      undefined,
      typed('Eg har angst og skal byrje i ny jobb. Må eg fortelje sjefen om diagnosen? Og når er de opne?', 'nn'),
    );
    expect(keysOf(first.emitted)).toEqual([
      'dialog.intro',
      'topics.openness.rights.answer',
      'dialog.suggest.alsoAsked',
    ]);
    const offer = saidWithChoices(first.emitted);
    expect(offer?.key).toBe('dialog.suggest.alsoAsked');
    expect(offer?.choices?.[0]?.id).toBe('topic.helpline.hours');
    const second = runTurn(first.snapshot, userMessage({ choice: 'topic.helpline.hours', language: 'nn' }));
    expect(keysOf(second.emitted)[0]).toMatch(/^topics\.helpline\.hours\.answer/);
  });
});
