/**
 * The classifier behind `classify(text, context)`: whole-message keywords first (STOPP, SLETT,
 * ja, nei...), then sentences that plainly ask for no more messages (the only other way to `optout`),
 * then the TF-IDF intent model trained at start from src/nlu/data's examples, with a
 * calibrated threshold below which the answer is `unknown`. Crisis and language are decided
 * beside the intent, on every message. Deterministic, no network, no generative model.
 */
import {
  type Classification,
  type Classifier,
  type ClassifyContext,
  type IntentId,
  isTopicIntent,
  type TopicGuess,
  type TopicIntent,
} from '../domain/domain.js';
import { createCrisisAssessor } from './assessCrisis.js';
import { createCrisisDetector } from './detectCrisis.js';
import { createLanguageDetector } from './detectLanguage.js';
import { createEmojiReader } from './emojiOnly.js';
import type { IntentScore } from './intentIndex.js';
import { createIntentIndex } from './intentIndex.js';
import { createKeywordRules } from './keywordRules.js';
import { createMessageAnalyzer } from './messageAnalyzer.js';
import { loadNluData, type NluData } from './nluData.js';
import { createSentenceReader, splitSentences } from './readSentences.js';

/**
 * The intent and the language are read from the start of a long message, to keep a 20,000-character
 * SMS as cheap as a short one; crisis detection always reads the whole message.
 */
export const INTENT_WINDOW_CHARS = 1000;

/** An emoji that names an intent (👍 affirm) is clear, but not a typed word. */
const EMOJI_CONFIDENCE = 0.9;

/** How many runner-up intents an explanation lists. */
const ALTERNATIVES_SHOWN = 3;
/** How many topic guesses a classification carries (what "Mener du …?" can offer). */
const TOPIC_GUESSES = 3;
/** A sentence's own confidence from which the topic it asks about counts as a second question. */
const SECOND_QUESTION_CONFIDENCE = 0.5;

export interface ExplainedClassification extends Classification {
  /** what decided the intent */
  decidedBy: 'keyword' | 'opt-out sentence' | 'emoji' | 'model' | 'threshold' | 'no words';
  /** the message as the model sees it */
  tokens: string[];
  /** the best intents with their confidence and the example each resembles most */
  alternatives: Array<{ intent: IntentId; confidence: number; nearest: string }>;
  /** the crisis patterns the message matches (src/nlu/data/crisisPatterns.json) */
  crisisPatterns: string[];
  /** the learned crisis score, 0..1 (src/nlu/crisisModel.ts) */
  crisisScore: number;
  /** a message of several sentences: each, whether it asks, and its best intent */
  sentences: Array<{ text: string; asking: boolean; intent: IntentId }>;
}

export type ExplainingClassifier = (text: string, context?: ClassifyContext) => ExplainedClassification;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** softmax with a calibrated temperature: a confidence that means about what it says */
function confidences(ranking: readonly IntentScore[], temperature: number): number[] {
  const top = ranking[0]?.score ?? 0;
  const exponentials = ranking.map((entry) => Math.exp((entry.score - top) / temperature));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

/** The classifier built from the given data (the evaluation trains it on parts of the examples). */
export function buildClassifier(data: NluData): ExplainingClassifier {
  const { settings } = data;
  // the crisis examples' words are known words too, so that no typo correction turns "rope" into "nope"
  const { crisis, concern, notCrisis } = data.crisisExamples;
  const intentExamples = [...data.examples, ...data.descriptions];
  const analyzer = createMessageAnalyzer(
    [...intentExamples.map((example) => example.text), ...crisis, ...concern, ...notCrisis],
    data.synonyms,
  );
  const index = createIntentIndex(
    intentExamples.map((example) => ({ ...example, tokens: analyzer.analyze(example.text) })),
    settings,
  );
  const keywordIntent = createKeywordRules(data.keywords);
  const detectLanguage = createLanguageDetector(data.languageMarkers);
  const assessCrisis = createCrisisAssessor(data);
  // the crisis pattern matcher, reused for the sentences that plainly ask for no more messages
  const isPlainOptOut = createCrisisDetector(data.optOutPhrases);

  const readEmoji = createEmojiReader(data.emoji);
  const sentenceReader = createSentenceReader(data.sentenceRoles);

  /** another topic a question of the message asks about, clearly, besides the one answered */
  function secondQuestion(
    sentences: ReadonlyArray<{ asking: boolean; ranking: IntentScore[] }>,
    answered: IntentId,
  ): { alsoAsked?: TopicIntent } {
    for (const sentence of sentences) {
      const [first] = sentence.ranking;
      if (!sentence.asking || first === undefined || first.intent === answered || !isTopicIntent(first.intent))
        continue;
      const [sure = 0] = confidences(sentence.ranking, settings.temperature);
      if (sure >= SECOND_QUESTION_CONFIDENCE) return { alsoAsked: first.intent };
    }
    return {};
  }

  return (text, context) => {
    const intentText = text.slice(0, INTENT_WINDOW_CHARS);
    const language = detectLanguage(intentText, context?.locale ?? 'nb');
    const { crisis, risk, concern, score: crisisScore, patterns: crisisPatterns } = assessCrisis(text);
    const tokens = analyzer.analyze(intentText);
    const decided = (
      intent: IntentId,
      confidence: number,
      decidedBy: ExplainedClassification['decidedBy'],
      alternatives: ExplainedClassification['alternatives'] = [],
      reading: Pick<ExplainedClassification, 'sentences'> & Pick<Classification, 'guesses' | 'alsoAsked'> = {
        sentences: [],
      },
    ): ExplainedClassification => ({
      intent,
      confidence,
      crisis,
      risk,
      concern,
      language,
      decidedBy,
      tokens,
      alternatives,
      crisisPatterns,
      crisisScore,
      ...reading,
    });
    const keyword = keywordIntent(intentText);
    // "unknown" keywords are the dialog's own words (MER, AVBRYT) and number words: the dialog decides
    if (keyword !== undefined) return decided(keyword, keyword === 'unknown' ? 0 : 1, 'keyword');
    // a plain wish for no more messages is honoured as asked: a learned score near the line is no reason
    // to question it (a crisis pattern or a clear crisis score still wins, as everywhere)
    if (isPlainOptOut(intentText)) return { ...decided('optout', 1, 'opt-out sentence'), concern: false };
    const emoji = readEmoji(intentText);
    if (emoji !== undefined) {
      return 'intent' in emoji
        ? decided(emoji.intent, EMOJI_CONFIDENCE, 'emoji')
        : { ...decided('unknown', 0, 'emoji'), emoji: emoji.emoji };
    }
    // stopping must be a clear wish: the model never guesses an opt-out ("melding 1", "kan jeg sende melding til en mentor")
    const withoutOptOut = (ranking: IntentScore[]) => ranking.filter((entry) => entry.intent !== 'optout');
    const parts = splitSentences(intentText);
    // a message of several sentences resembles single descriptions more than an intent's centroid
    const blend = parts.length > 1 ? (data.sentenceRoles.blend ?? settings.blend) : settings.blend;
    const whole = withoutOptOut(index.rank(tokens, blend));
    if (whole.length === 0) return decided('unknown', 0, 'no words');
    // one sentence is the whole message, already ranked: only several are read one by one
    const sentences =
      parts.length > 1
        ? parts.map((sentence) => {
            const sentenceTokens = analyzer.analyze(sentence);
            return {
              text: sentence,
              asking: sentenceReader.isAsking(sentence),
              ranking: withoutOptOut(index.rank(sentenceTokens, blend)),
              information: index.information(sentenceTokens),
            };
          })
        : [];
    const ranking = sentences.length > 1 ? sentenceReader.combine(whole, sentences) : whole;
    const boosted = ranking
      .map((entry) =>
        context?.expectsYesNo && (entry.intent === 'affirm' || entry.intent === 'deny')
          ? { ...entry, score: entry.score + settings.yesNoBoost }
          : entry,
      )
      .sort((a, b) => b.score - a.score);
    // a message of several sentences mixes scores that lie closer together: its own calibrated temperature
    const temperature = sentences.length > 1 ? data.sentenceRoles.temperature : settings.temperature;
    const confidence = confidences(boosted, temperature);
    const alternatives = boosted.slice(0, ALTERNATIVES_SHOWN).map((entry, position) => ({
      intent: entry.intent,
      confidence: round(confidence[position] ?? 0),
      nearest: entry.nearest,
    }));
    const guesses: TopicGuess[] = boosted
      .map((entry, position) => ({ intent: entry.intent, confidence: round(confidence[position] ?? 0) }))
      .filter((entry): entry is TopicGuess => isTopicIntent(entry.intent))
      .slice(0, TOPIC_GUESSES);
    const best = alternatives[0] as ExplainedClassification['alternatives'][number];
    const reading = {
      sentences:
        sentences.length > 1
          ? sentences.map(({ text, asking, ranking: [first] }) => ({
              text,
              asking,
              intent: first?.intent ?? ('unknown' as IntentId),
            }))
          : [],
      guesses,
      ...secondQuestion(sentences.length > 1 ? sentences : [], best.intent),
    };
    if (best.intent !== 'unknown' && best.confidence < settings.unknownThreshold) {
      return decided('unknown', round(1 - best.confidence), 'threshold', alternatives, reading);
    }
    return decided(best.intent, best.confidence, 'model', alternatives, reading);
  };
}

/** The helpline's classifier, trained from src/nlu/data when called (well under 200 ms). */
export function createClassifier(): Classifier {
  const classify = buildClassifier(loadNluData());
  return (text, context) => {
    const { intent, confidence, crisis, risk, concern, language, emoji, guesses, alsoAsked } = classify(text, context);
    return {
      intent,
      confidence,
      crisis,
      risk,
      concern,
      language,
      ...(emoji ? { emoji } : {}),
      ...(guesses ? { guesses } : {}),
      ...(alsoAsked ? { alsoAsked } : {}),
    };
  };
}
