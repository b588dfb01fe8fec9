/**
 * `npm run content:check`: the locale files are complete, consistent and fit for SMS.
 * - every key in every locale, with the same {{placeholders}}; no empty strings
 * - SMS-facing strings (every file except webchat.json, console.json, staff.json and privacy.json) are GSM-7 and each fits in
 *   3 segments; every message the dialogs can send, rendered as an SMS with its choices, fits too
 * - no English left in nb or nn (a heuristic: English function words)
 * - every key a dialog machine can emit exists; no dialog copy that no machine emits
 * - the crisis messages carry every crisis number
 * Prints the problems and exits non-zero when there are any. Optional argument: another locales dir.
 */
import { pathToFileURL } from 'node:url';
import { emittableKeys, emittableMessages } from '../../dialogs/contentCatalogue.js';
import { gsm7Segments, isGsm7 } from '../channels/sms/gsm7.js';
import { renderSms } from '../channels/sms/renderSms.js';
import { DEFAULT_OPENING_HOURS } from '../config.js';
import { LOCALES, type Locale } from '../domain/domain.js';
import { parseOpeningHours } from '../handover/openingHours.js';
import { openingHoursRenderParams } from '../handover/openingHoursText.js';
import { createTranslations, DEFAULT_LOCALES_DIR, type LocaleTree, readLocaleFiles } from './i18n.js';

export const MAX_SMS_SEGMENTS = 3;
/** files whose strings never go out by SMS */
export const NOT_SMS_FILES = ['webchat', 'console', 'staff', 'privacy'] as const;
/** the files the dialog machines own: every key in them must be one a machine emits */
const DIALOG_FILES = ['dialog', 'topics', 'crisis', 'handover'] as const;
/** what the crisis messages must say, exactly as DOMAIN.md writes the numbers */
const CRISIS_NUMBERS = ['113', '116 117', '116 123', '22 40 00 40'] as const;
const CRISIS_KEYS = ['crisis.alert', 'crisis.alertSms'];

/** English words that are not also Norwegian words */
const ENGLISH_WORDS = new Set(
  'the and you your with what this that are will please here about there when where which would should could from they their our we it was were if not yes does how why who sorry thanks of on in is'.split(
    ' ',
  ),
);
/** English that nb and nn say on purpose: the way to switch to English */
const INTENDED_ENGLISH = ['Write ENGLISH for English.'];
/** Christmas Eve, Thursday evening: with the default hours the next opening is the long "på mandag 28. desember kl. 09.00" */
const SAMPLE_AFTER_HOURS = new Date('2026-12-24T17:30:00Z');
/** Wednesday and Thursday after it: coming exceptions with the longest names of the week */
const SAMPLE_EXCEPTION_DATES = ['2026-12-30', '2026-12-31'];
/** a placeholder's stand-in when a single string is measured */
const SAMPLE_PARAM = 'XXXXXXXXXX';

export interface ContentProblem {
  locale?: Locale;
  key: string;
  problem: string;
}

type Value = string | string[];

function flatten(tree: LocaleTree, prefix = ''): Map<string, Value> {
  const result = new Map<string, Value>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string' || Array.isArray(value)) result.set(key, value);
    else for (const [inner, innerValue] of flatten(value, key)) result.set(inner, innerValue);
  }
  return result;
}

function placeholders(value: Value): string {
  const text = Array.isArray(value) ? value.join(' ') : value;
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]))].sort().join(',');
}

const fileOf = (key: string) => key.slice(0, key.indexOf('.'));
const isSmsFacing = (key: string) => !(NOT_SMS_FILES as readonly string[]).includes(fileOf(key));

function englishWordsIn(text: string): string[] {
  let rest = text;
  for (const phrase of INTENDED_ENGLISH) rest = rest.replaceAll(phrase, ' ');
  const words = rest
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .split(/[^a-zæøåéèòôü']+/u)
    .filter((word) => ENGLISH_WORDS.has(word));
  return [...new Set(words)];
}

/** key parity, placeholders, empty strings, GSM-7, per-string budget, English in nb/nn, crisis numbers */
function checkLocaleTrees(trees: Record<Locale, LocaleTree>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(trees[locale])])) as Record<
    Locale,
    Map<string, Value>
  >;
  const allKeys = new Set(LOCALES.flatMap((locale) => [...flat[locale].keys()]));
  for (const key of [...allKeys].sort()) {
    const reference = LOCALES.map((locale) => flat[locale].get(key)).find((value) => value !== undefined);
    for (const locale of LOCALES) {
      const value = flat[locale].get(key);
      if (value === undefined) {
        problems.push({ locale, key, problem: 'missing' });
        continue;
      }
      const texts = Array.isArray(value) ? value : [value];
      if (texts.length === 0 || texts.some((text) => text.trim() === '')) {
        problems.push({ locale, key, problem: 'empty' });
      }
      if (reference !== undefined && placeholders(value) !== placeholders(reference)) {
        problems.push({
          locale,
          key,
          problem: `placeholders {${placeholders(value)}} differ from {${placeholders(reference)}}`,
        });
      }
      if (isSmsFacing(key)) {
        for (const text of texts) {
          if (!isGsm7(text)) {
            const outside = [...new Set([...text].filter((char) => !isGsm7(char)))].join(' ');
            problems.push({ locale, key, problem: `not GSM-7: ${outside}` });
            continue;
          }
          const segments = gsm7Segments(text.replace(/\{\{[^}]*\}\}/g, SAMPLE_PARAM));
          if (segments > MAX_SMS_SEGMENTS) {
            problems.push({ locale, key, problem: `${segments} SMS segments (at most ${MAX_SMS_SEGMENTS})` });
          }
        }
      }
      if (locale !== 'en') {
        const english = texts.flatMap(englishWordsIn);
        const sameAsEnglish = flat.en.get(key) !== undefined && String(flat.en.get(key)) === String(value);
        if (english.length >= 2 || (english.length >= 1 && sameAsEnglish)) {
          problems.push({ locale, key, problem: `looks untranslated (English: ${english.join(', ')})` });
        }
      }
    }
  }
  for (const locale of LOCALES) {
    for (const key of CRISIS_KEYS) {
      const text = String(flat[locale].get(key) ?? '');
      const absent = CRISIS_NUMBERS.filter((number) => !text.includes(number));
      if (absent.length > 0) problems.push({ locale, key, problem: `crisis numbers missing: ${absent.join(', ')}` });
    }
  }
  return problems;
}

/** every key a machine can emit exists; the dialog files hold nothing no machine emits */
function checkDialogKeys(trees: Record<Locale, LocaleTree>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const emitted = new Set(emittableKeys());
  for (const locale of LOCALES) {
    const flat = flatten(trees[locale]);
    for (const key of emitted) {
      if (typeof flat.get(key) !== 'string')
        problems.push({ locale, key, problem: 'emitted by a dialog, not in locales' });
    }
    for (const key of flat.keys()) {
      if ((DIALOG_FILES as readonly string[]).includes(fileOf(key)) && !emitted.has(key)) {
        problems.push({ locale, key, problem: 'in a dialog file, but no machine emits it' });
      }
    }
  }
  return problems;
}

/** every message a machine can send, rendered exactly as the SMS channel renders it */
async function checkSmsMessages(localesDir = DEFAULT_LOCALES_DIR): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const defaultHours = parseOpeningHours(DEFAULT_OPENING_HOURS);
  if (!defaultHours.ok) throw new Error(defaultHours.error);
  // the hours and the next opening are filled in as the app fills them in, at their longest: with
  // more coming exceptions than are said, each with two spans
  const split = [
    { startMinute: 9 * 60, endMinute: 11 * 60 + 30 },
    { startMinute: 12 * 60, endMinute: 15 * 60 },
  ];
  const sampleHours = {
    ...defaultHours.value,
    exceptions: SAMPLE_EXCEPTION_DATES.map((date) => ({ date, intervals: split })),
  };
  const { t } = await createTranslations('nb', localesDir, {
    renderParams: openingHoursRenderParams(sampleHours, () => SAMPLE_AFTER_HOURS),
  });
  for (const locale of LOCALES) {
    for (const message of emittableMessages()) {
      const segments = gsm7Segments(renderSms(t, locale, message));
      if (segments > MAX_SMS_SEGMENTS) {
        const choices = message.choices?.length ?? 0;
        problems.push({
          locale,
          key: message.key,
          problem: `as an SMS with ${choices} choices: ${segments} segments (at most ${MAX_SMS_SEGMENTS})`,
        });
      }
    }
  }
  return problems;
}

export async function checkContent(localesDir = DEFAULT_LOCALES_DIR): Promise<ContentProblem[]> {
  const trees = readLocaleFiles(localesDir);
  return [...checkLocaleTrees(trees), ...checkDialogKeys(trees), ...(await checkSmsMessages(localesDir))];
}

export function formatProblems(problems: ContentProblem[]): string {
  return problems.map(({ locale, key, problem }) => `${locale ?? '*'}  ${key}: ${problem}`).join('\n');
}

/** `content:check [localesDir]` */
async function main(localesDir = DEFAULT_LOCALES_DIR): Promise<void> {
  const problems = await checkContent(localesDir);
  if (problems.length > 0) {
    console.error(`content check: ${problems.length} problem(s)\n${formatProblems(problems)}`);
    process.exitCode = 1;
    return;
  }
  const keys = flatten(readLocaleFiles(localesDir).nb).size;
  console.log(`content check: ${keys} keys in ${LOCALES.join(', ')}, ${emittableKeys().length} emitted by dialogs: ok`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv[2]);
