/**
 * `npx tsx bench/turnParts.ts`: the CPU each kept change to the turn saves, measured in this process
 * on what one turn of the bench's conversations does, the library way beside the kept way:
 *   - TwiML: twilio's MessagingResponse vs src/channels/sms/twiml.ts, for a two-message reply;
 *   - mentors on duty: luxon's isOpen every turn vs once a minute (src/handover/onDutyCheck.ts);
 *   - translations: i18next for each of a turn's renders (SMS + transcript) vs kept texts (src/i18n/i18n.ts);
 *   - NLU: classifying each message vs keeping short messages' results (src/nlu/classificationCache.ts).
 * Prints microseconds per turn (process CPU time, median of several rounds) and the load average.
 */
import { loadavg } from 'node:os';
import twilio from 'twilio';
import { renderSms } from '../src/channels/sms/renderSms.js';
import { twimlReply } from '../src/channels/sms/twiml.js';
import { renderPlainText } from '../src/conversation/renderPlainText.js';
import type { OutboundMessage } from '../src/domain/dialogProtocol.js';
import { createOnDutyCheck } from '../src/handover/onDutyCheck.js';
import { isOpen, parseOpeningHours } from '../src/handover/openingHours.js';
import { openingHoursRenderParams } from '../src/handover/openingHoursText.js';
import { createTranslations, type Translate } from '../src/i18n/i18n.js';
import { cacheShortClassifications } from '../src/nlu/classificationCache.js';
import { createClassifier } from '../src/nlu/createClassifier.js';
import { formatTable } from './benchTable.js';
import { CONVERSATION_STEPS, messageAt } from './conversationScript.js';

const TURNS = 4000;
const ROUNDS = 7;

/** CPU microseconds per turn of `turn`, the median of ROUNDS rounds of TURNS turns */
function microsecondsPerTurn(turn: (index: number) => void): number {
  for (let index = 0; index < TURNS; index += 1) turn(index); // warm up
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const before = process.cpuUsage();
    for (let index = 0; index < TURNS; index += 1) turn(index);
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / TURNS);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
}

const hours = parseOpeningHours('mon-wed,fri 09:00-15:00; thu 09:00-18:00');
if (!hours.ok) throw new Error(hours.error);
const openingHours = hours.value;
const clock = () => new Date();
const renderParams = openingHoursRenderParams(openingHours, clock);
const translations = await createTranslations('nb', undefined, { renderParams });
const i18next: Translate = (locale, key, params) =>
  translations.instance.t(key, { lng: locale, ...renderParams(locale, translations), ...params });

// a turn's reply: an answer with its follow-up choices, as the bench's conversations get
const replies: OutboundMessage[][] = [
  [
    {
      key: 'dialog.welcome',
      choices: ['ips', 'wage_subsidy', 'work_training', 'adaptation'].map((topic) => ({
        id: topic,
        labelKey: `topics.measures.${topic}.label`,
      })),
    },
  ],
  [{ key: 'topics.measures.ips.answer', moreKey: 'topics.measures.ips.more' }],
  [{ key: 'topics.helpline.hours.answerClosed' }],
];
const replyOf = (index: number) => replies[index % replies.length] ?? [];
const renderTurn = (t: Translate, index: number) => {
  const reply = replyOf(index);
  return {
    sms: reply.map((message) => renderSms(t, 'nb', message)),
    transcript: reply.map((message) => renderPlainText(t, 'nb', message)),
  };
};

const smsTexts = renderTurn(translations.t, 0).sms.concat(renderTurn(translations.t, 1).sms);
const callback = 'https://helpline.example/api/sms/status?inReplyTo=SM0123456789abcdef0123456789abcdef';
const messagingResponse = (messages: string[]) => {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message({ statusCallback: callback }, message);
  return response.toString();
};

const classify = createClassifier();
const cachedClassify = cacheShortClassifications(classify);
const messageOf = (index: number) =>
  messageAt(index % CONVERSATION_STEPS.length, Math.floor(index / CONVERSATION_STEPS.length));
const onDuty = createOnDutyCheck(() => openingHours);

const rows = [
  [
    'TwiML reply (2 messages)',
    microsecondsPerTurn(() => messagingResponse(smsTexts)),
    microsecondsPerTurn(() => twimlReply(smsTexts, callback)),
  ],
  [
    'mentors on duty',
    microsecondsPerTurn(() => isOpen(openingHours, clock())),
    microsecondsPerTurn(() => onDuty(clock())),
  ],
  [
    'translations (SMS + transcript)',
    microsecondsPerTurn((index) => renderTurn(i18next, index)),
    microsecondsPerTurn((index) => renderTurn(translations.t, index)),
  ],
  [
    'NLU (the bench conversations)',
    microsecondsPerTurn((index) => classify(messageOf(index), { locale: 'nb' })),
    microsecondsPerTurn((index) => cachedClassify(messageOf(index), { locale: 'nb' })),
  ],
] as const;

console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
console.log(
  formatTable(
    ['per turn', 'library way µs', 'kept way µs', 'saved µs'],
    rows.map(([name, before, after]) => [name, before.toFixed(1), after.toFixed(1), (before - after).toFixed(1)]),
  ),
);
