/**
 * Every message the dialog machines can send, in every variant (channel, opening hours, crisis),
 * with sample params. `npm run content:check` checks each against the locale files: the keys exist,
 * and the SMS rendering fits the segment budget.
 */
import type { OutboundMessage } from '../src/domain/dialogProtocol.js';
import { CHANNELS, TOPIC_INTENTS, type TopicIntent } from '../src/domain/domain.js';
import { consentWithdrawalMessages } from './consentWithdrawal.js';
import { feedbackCatalogue } from './feedbackQuestion.js';
import { messages, SHORT_WAIT_MINUTES } from './messages.js';
import { suggestionMessages } from './suggestions.js';
import { SUBMENUS } from './topics.js';

/** the longest params the bot realistically fills in, for the length budget */
const SAMPLE_POSITION = 99;
const SAMPLE_LONG_WAIT = 120;
const BOOLEANS = [true, false] as const;

export function emittableMessages(): OutboundMessage[] {
  const list: OutboundMessage[] = [
    messages.welcome(),
    messages.intro(),
    consentWithdrawalMessages.withdrawn('active'),
    consentWithdrawalMessages.withdrawn('queued'),
    consentWithdrawalMessages.nothingShared(),
    messages.mainMenu(),
    ...SUBMENUS.map(messages.submenu),
    ...TOPIC_INTENTS.flatMap((topic) => [
      ...CHANNELS.flatMap((channel) => BOOLEANS.map((onDuty) => messages.answer(topic, channel, onDuty))),
      messages.more(topic),
      messages.clarify(topic),
      ...CHANNELS.flatMap((channel) => [
        ...BOOLEANS.map((onDuty) => messages.answerBeforeOther(topic, channel, onDuty)),
        messages.alsoAsked(topic, channel),
      ]),
    ]),
    // every topic in an offer of three, beside two others
    ...TOPIC_INTENTS.map((topic, index) =>
      suggestionMessages.question([
        topic,
        TOPIC_INTENTS[(index + 1) % TOPIC_INTENTS.length] as TopicIntent,
        TOPIC_INTENTS[(index + 2) % TOPIC_INTENTS.length] as TopicIntent,
      ]),
    ),
    suggestionMessages.other(),
    ...CHANNELS.map(messages.afterAnswer),
    messages.afterMore(),
    messages.noMoreOnTopic(),
    messages.nothingToContinue(),
    messages.notUnderstood(),
    messages.offerMentor(),
    messages.unclearYesNo(),
    messages.empty(),
    messages.picture(),
    messages.emojiOnly(),
    messages.thanks(),
    messages.goodbye(),
    messages.languageChanged(),
    messages.optedOut(),
    messages.askOptOut(),
    messages.welcomeBack(),
    messages.confirmErase(),
    messages.erased(),
    messages.eraseKept(),
    ...CHANNELS.map(messages.crisis),
    messages.crisisWhileOptedOut(),
    messages.crisisAfterHours(),
    messages.crisisReminder(),
    messages.crisisNoteReceived(),
    messages.askAboutSuicide(),
    messages.suicideDenied(),
    messages.concernAgain(),
    ...[1, SAMPLE_POSITION].flatMap((position) => BOOLEANS.map((ask) => messages.crisisQueued(position, ask))),
    ...BOOLEANS.map(messages.crisisConsentGiven),
    ...BOOLEANS.flatMap((crisis) => BOOLEANS.map((onDuty) => messages.askConsent(crisis, onDuty))),
    messages.consentAgain(),
    messages.consentDeclined(),
    ...BOOLEANS.map(messages.handoverRequested),
    messages.queued(SAMPLE_POSITION, SHORT_WAIT_MINUTES),
    messages.queued(SAMPLE_POSITION, SAMPLE_LONG_WAIT),
    messages.queued(SAMPLE_POSITION, null),
    messages.waitUpdate(SAMPLE_POSITION),
    messages.alreadyQueued(),
    messages.stillWaiting(),
    messages.mentorAccepted(),
    messages.withMentor(),
    messages.mentorReleased(),
    messages.handoverClosed(),
    messages.mentorLost(),
    messages.handoverCancelled(),
    messages.leftMentor(),
    ...CHANNELS.map(messages.callback),
    messages.callbackAlreadyRequested(),
    messages.callbackAskPhone(3650),
    messages.callbackPhoneAgain(),
    messages.callbackPhoneInvalid(),
    messages.callbackPhoneSaved(),
    messages.startedByMentor(),
    messages.notePrompt(),
    messages.noteReceived(),
    ...feedbackCatalogue(),
  ];
  const seen = new Set<string>();
  return list.filter((message) => {
    const id = JSON.stringify(message);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** every translation key a machine can emit: message keys, continuations and choice labels */
export function emittableKeys(): string[] {
  const keys = new Set<string>();
  for (const message of emittableMessages()) {
    keys.add(message.key);
    if (message.moreKey) keys.add(message.moreKey);
    for (const choice of message.choices ?? []) keys.add(choice.labelKey);
  }
  return [...keys].sort();
}
