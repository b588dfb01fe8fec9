/**
 * The words for the ids in the statistics (a channel, a topic, a place in the dialog, an outcome, a
 * handover step, a weekday and hour), for the CSV's `label` column, in the coordinator's language:
 * the same words the statistics page shows (locales/<lng>/staff.json and console.json `topics`).
 * A line whose key is not an id (a total, a date, a week) has no label; an id without words keeps
 * the id.
 */
import type { Locale } from '../domain/domain.js';
import type { Translations } from '../i18n/i18n.js';

export type StatisticsLabel = (section: string, key: string) => string;

/** where each section's key finds its words */
const KEY_WORDS: Record<string, (key: string) => string> = {
  byChannel: (channel) => `staff.stats.channels.${channel}`,
  topics: (topic) => `console.topics.${topic}`,
  handovers: (step) => `staff.stats.${step}`,
  outcomes: (outcome) => `staff.stats.outcomeNames.${outcome}`,
  'notUnderstoodByState.messages': (state) => `staff.stats.states.${state}`,
  'notUnderstoodByState.notUnderstood': (state) => `staff.stats.states.${state}`,
};

export function statisticsLabels(translations: Pick<Translations, 't' | 'exists'>, locale: Locale): StatisticsLabel {
  const words = (key: string, fallback: string) =>
    translations.exists(locale, key) ? translations.t(locale, key) : fallback;
  return (section, key) => {
    const perDayChannel = /^perDay\.(.+)$/.exec(section)?.[1];
    if (perDayChannel !== undefined) return words(`staff.stats.channels.${perDayChannel}`, perDayChannel);
    if (section === 'busiestHours') {
      const [weekday = '', hour = ''] = key.split('-');
      return `${words(`staff.stats.weekdays.${weekday}`, weekday)} ${hour}`;
    }
    const wordsOf = KEY_WORDS[section];
    return wordsOf ? words(wordsOf(key), key) : '';
  };
}
