// How the console says the server's facts in words: topics, channels, statuses, the summary, times.
import { currentLanguage, LANGUAGE_TAGS, LANGUAGES, t } from './strings.js';

const ZONE = 'Europe/Oslo';

/** the topic the person asked about; a crisis with none is "Krise", not "no topic" */
export function topicLabel(handover) {
  const key = `topics.${handover.topic}`;
  const label = handover.topic ? t(key) : undefined;
  if (typeof label === 'string' && label !== key) return label;
  return handover.crisis ? t('topics.crisis') : t('topics.none');
}

/** the server's summary is facts without words (`topic=…; consent=yes|no; userMessages=n`): say them */
export function summaryText(summary) {
  const facts = new Map(
    (summary ?? '')
      .split(';')
      .map((part) => part.split('=').map((side) => side.trim()))
      .filter((pair) => pair.length === 2),
  );
  const sentences = [];
  if (facts.get('consent') === 'yes') sentences.push(t('handover.summaryConsentYes'));
  if (facts.get('consent') === 'no') sentences.push(t('handover.summaryConsentNo'));
  if (/^\d+$/.test(facts.get('userMessages') ?? '')) {
    sentences.push(t('handover.summaryUserMessages', { count: facts.get('userMessages') }));
  }
  if (sentences.length > 0) return sentences.join('\n');
  return summary || t('handover.noSummary');
}

export const channelLabel = (channel) => t(`channel.${channel}`);

function statusText(handover) {
  if (handover.status === 'active' && handover.mentor) return t('status.activeWith', { mentor: handover.mentor });
  return t(`status.${handover.status}`);
}

/** how a callback can be answered: by SMS to a number, or not at all until the person comes back */
export function reachLabel(callback) {
  if (callback.phone) return t('callbacks.reachSms', { phone: callback.phone });
  return t('callbacks.reachNone');
}

/** canned replies are in the person's language, whatever the console speaks */
export function cannedLanguage(handover) {
  return LANGUAGES.includes(handover.locale) ? handover.locale : currentLanguage();
}

export function waited(iso) {
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return t('time.underAMinute');
  if (minutes < 60) return t('time.minutes', { minutes });
  return t('time.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

const languageTag = () => LANGUAGE_TAGS[currentLanguage()] ?? LANGUAGE_TAGS.nb;

export function clock(iso) {
  return new Intl.DateTimeFormat(languageTag(), { timeZone: ZONE, timeStyle: 'short' }).format(new Date(iso));
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(languageTag(), { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** one line of facts about a handover: channel · waited · status */
export function handoverMeta(handover) {
  return [
    channelLabel(handover.channel),
    t('queue.waited', { time: waited(handover.waitingSince) }),
    statusText(handover),
  ].join(' · ');
}
