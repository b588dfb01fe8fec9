/**
 * Crisis detection, separate from intents and tuned for recall: suicidal thoughts, self-harm,
 * method and means words and hopelessness, in bokmål, nynorsk and English, with typos. The patterns
 * are data (src/nlu/data/crisisPatterns.json). Negation is deliberately ignored: "har ikke tenkt på
 * selvmord" is flagged too, because a mentor asking once is cheap and a miss is not.
 */
import { type CrisisPattern, compileCrisisPattern } from './crisisPattern.js';
import { crisisTokens } from './crisisText.js';
import { CrisisWords } from './crisisWords.js';
import { type CrisisPatternsData, loadCrisisPatterns } from './nluData.js';

export interface CrisisDetector {
  (text: string): boolean;
  /** the patterns a message matches (for the evaluation and for staff tuning the patterns) */
  matchingPatterns(text: string): string[];
  /** the message's folded words without its harmless idioms ("døde av skam"), joined by spaces */
  withoutHarmless(text: string): string;
  /** each match, its words and the (at most) three words before it, to tell who it is about ("han skulle hoppe") */
  matchesInContext(text: string): Array<{ source: string; words: string[]; before: string[] }>;
}

const CONTEXT_WORDS = 3;

export function createCrisisDetector(data: CrisisPatternsData): CrisisDetector {
  const harmlessWords = new CrisisWords();
  const harmless = data.harmlessPhrases.map((entry) =>
    typeof entry === 'string'
      ? compileCrisisPattern(entry, 0, harmlessWords)
      : compileCrisisPattern(entry.pattern, entry.maxGap, harmlessWords),
  );
  const words = new CrisisWords();
  const patterns: CrisisPattern[] = data.groups.flatMap((group) =>
    group.patterns.map((entry) =>
      typeof entry === 'string'
        ? compileCrisisPattern(entry, group.maxGap, words)
        : compileCrisisPattern(entry.pattern, entry.maxGap, words),
    ),
  );
  /** the message's words, with harmless idioms ("døde av skam") blanked out so that no pattern sees them */
  function blanked(text: string): string[] {
    const tokens = crisisTokens(text);
    const harmlessTable = harmlessWords.match(tokens);
    for (const phrase of harmless) {
      for (const [start, end] of phrase.spans(harmlessTable)) tokens.fill('', start, end);
    }
    return tokens;
  }
  const tableOf = (text: string) => words.match(blanked(text));
  const detector = (text: string) => {
    const table = tableOf(text);
    return patterns.some((pattern) => pattern.matches(table));
  };
  detector.matchingPatterns = (text: string) => {
    const table = tableOf(text);
    return patterns.filter((pattern) => pattern.matches(table)).map((pattern) => pattern.source);
  };
  detector.withoutHarmless = (text: string) => blanked(text).join(' ');
  detector.matchesInContext = (text: string) => {
    const tokens = blanked(text);
    const table = words.match(tokens);
    return patterns.flatMap((pattern) =>
      pattern.spans(table).map(([start, end]) => ({
        source: pattern.source,
        words: tokens.slice(start, end).filter((token) => token !== ''),
        before: tokens
          .slice(0, start)
          .filter((token) => token !== '')
          .slice(-CONTEXT_WORDS),
      })),
    );
  };
  return detector;
}

let shared: CrisisDetector | undefined;

/** Whether a message may signal suicidal thoughts, self-harm or danger to life. */
export function detectCrisis(text: string): boolean {
  shared ??= createCrisisDetector(loadCrisisPatterns());
  return shared(text);
}
