/**
 * Everything the helpline machine can say, as translation keys with params and choices. The machine
 * only calls these builders, so the content catalogue can list every message the bot can send.
 */
import type { Choice, OutboundMessage } from '../src/domain/dialogProtocol.js';
import type { Channel, TopicIntent } from '../src/domain/domain.js';
import { CHOICE_IDS, choice, submenuChoice, topicChoice } from './choices.js';
import { answerKeyOf, SUBMENUS, type SubmenuId, topicKeys, topicsOf } from './topics.js';

/** a wait this short (minutes) is told as "a few minutes", not as a number */
export const SHORT_WAIT_MINUTES = 5;

const mainMenuChoices = (): Choice[] => [...SUBMENUS.map(submenuChoice), choice(CHOICE_IDS.mentor)];

/** web chat shows an answer's continuation at once, so it offers related topics instead of "more" */
const afterAnswerChoices = (channel: Channel): Choice[] => [
  choice(channel === 'webchat' ? CHOICE_IDS.related : CHOICE_IDS.more),
  choice(CHOICE_IDS.mentor),
  choice(CHOICE_IDS.menu),
];

const afterMoreChoices = (): Choice[] => [
  choice(CHOICE_IDS.related),
  choice(CHOICE_IDS.mentor),
  choice(CHOICE_IDS.menu),
];

const consentChoices = (): Choice[] => [
  choice(CHOICE_IDS.consentYes),
  choice(CHOICE_IDS.consentNo),
  choice(CHOICE_IDS.cancelHandover),
];

const leaveQueueChoices = (): Choice[] => [choice(CHOICE_IDS.cancelHandover)];

export const messages = {
  welcome: (): OutboundMessage => ({ key: 'dialog.welcome' }),
  intro: (): OutboundMessage => ({ key: 'dialog.intro' }),
  mainMenu: (): OutboundMessage => ({ key: 'dialog.menu.main', choices: mainMenuChoices() }),
  submenu: (submenu: SubmenuId): OutboundMessage => ({
    key: `dialog.menu.${submenu}`,
    choices: [...topicsOf(submenu).map(topicChoice), choice(CHOICE_IDS.menu)],
  }),
  /** SMS and the terminal offer the continuation behind "more"; web chat gets it at once (moreKey) */
  answer: (topic: TopicIntent, channel: Channel, mentorsOnDuty: boolean): OutboundMessage => ({
    key: answerKeyOf(topic, mentorsOnDuty),
    ...(channel === 'webchat' ? { moreKey: topicKeys(topic).more } : {}),
    choices: afterAnswerChoices(channel),
  }),
  /** the answer to one of two questions: its choices go with the offer of the other (alsoAsked) */
  answerBeforeOther: (topic: TopicIntent, channel: Channel, mentorsOnDuty: boolean): OutboundMessage => ({
    key: answerKeyOf(topic, mentorsOnDuty),
    ...(channel === 'webchat' ? { moreKey: topicKeys(topic).more } : {}),
  }),
  /** a message that asked two things: the second, offered after the answer to the first */
  alsoAsked: (other: TopicIntent, channel: Channel): OutboundMessage => ({
    key: 'dialog.suggest.alsoAsked',
    choices: [topicChoice(other), ...afterAnswerChoices(channel)],
  }),
  more: (topic: TopicIntent): OutboundMessage => ({ key: topicKeys(topic).more, choices: afterMoreChoices() }),
  afterAnswer: (channel: Channel): OutboundMessage => ({
    key: 'dialog.followup.afterAnswer',
    choices: afterAnswerChoices(channel),
  }),
  afterMore: (): OutboundMessage => ({ key: 'dialog.followup.afterMore', choices: afterMoreChoices() }),
  noMoreOnTopic: (): OutboundMessage => ({ key: 'dialog.more.none', choices: afterMoreChoices() }),
  nothingToContinue: (): OutboundMessage => ({ key: 'dialog.more.nothing', choices: mainMenuChoices() }),
  clarify: (topic: TopicIntent): OutboundMessage => ({
    key: 'dialog.clarify',
    choices: [topicChoice(topic), choice(CHOICE_IDS.mentor), choice(CHOICE_IDS.menu)],
  }),
  notUnderstood: (): OutboundMessage => ({ key: 'dialog.fallback.first', choices: mainMenuChoices() }),
  offerMentor: (): OutboundMessage => ({
    key: 'dialog.fallback.offerMentor',
    choices: [choice(CHOICE_IDS.mentor), choice(CHOICE_IDS.menu)],
  }),
  unclearYesNo: (): OutboundMessage => ({ key: 'dialog.fallback.yesNo', choices: mainMenuChoices() }),
  /** a picture (MMS) with no text: the bot cannot look at it */
  picture: (): OutboundMessage => ({ key: 'dialog.picture' }),
  /** an SMS or chat message with nothing in it */
  empty: (): OutboundMessage => ({ key: 'dialog.empty' }),
  /** only emoji: a feeling the bot cannot read, met kindly */
  emojiOnly: (): OutboundMessage => ({ key: 'dialog.emojiOnly', choices: mainMenuChoices() }),
  thanks: (): OutboundMessage => ({ key: 'dialog.thanks' }),
  goodbye: (): OutboundMessage => ({ key: 'dialog.goodbye' }),
  languageChanged: (): OutboundMessage => ({ key: 'dialog.language.changed' }),
  optedOut: (): OutboundMessage => ({ key: 'dialog.optout.confirmed' }),
  /** a message that may be a wish to stop, but not a clear one: STOPP stays the person's own word */
  askOptOut: (): OutboundMessage => ({ key: 'dialog.optout.question' }),
  welcomeBack: (): OutboundMessage => ({ key: 'dialog.optout.welcomeBack' }),
  confirmErase: (): OutboundMessage => ({
    key: 'dialog.erase.confirm',
    choices: [choice(CHOICE_IDS.eraseYes), choice(CHOICE_IDS.eraseNo)],
    reachesOptedOut: true,
  }),
  erased: (): OutboundMessage => ({ key: 'dialog.erase.done', reachesOptedOut: true }),
  eraseKept: (): OutboundMessage => ({ key: 'dialog.erase.kept', reachesOptedOut: true }),

  /** SMS cannot reach 113 by text, so the SMS version says to call */
  crisis: (channel: Channel): OutboundMessage => ({
    key: channel === 'sms' ? 'crisis.alertSms' : 'crisis.alert',
    crisis: true,
  }),
  crisisWhileOptedOut: (): OutboundMessage => ({ key: 'crisis.optedOutHint', reachesOptedOut: true }),
  /** no mentor on duty: said plainly, with the services open all day and night */
  crisisAfterHours: (): OutboundMessage => ({ key: 'crisis.afterHours' }),
  /** while a crisis conversation has no mentor on duty: the numbers again, briefly, on each message */
  crisisReminder: (): OutboundMessage => ({ key: 'crisis.reminder' }),
  /** the same, when the message was kept for the mentor who calls back */
  crisisNoteReceived: (): OutboundMessage => ({ key: 'crisis.noteReceived' }),
  /** a warning sign short of a clear crisis: the direct question, with the numbers beside it */
  askAboutSuicide: (): OutboundMessage => ({ key: 'crisis.askDirectly', reachesOptedOut: true }),
  /** a clear no to the direct question */
  suicideDenied: (): OutboundMessage => ({ key: 'crisis.answeredNo', reachesOptedOut: true }),
  /** a warning sign again after a clear no: not the question again, but the door kept open */
  concernAgain: (): OutboundMessage => ({ key: 'crisis.concernAgain', reachesOptedOut: true }),

  askConsent: (crisis: boolean, mentorsOnDuty: boolean): OutboundMessage => ({
    key: !mentorsOnDuty
      ? 'handover.consent.afterHoursQuestion'
      : crisis
        ? 'handover.consent.crisisQuestion'
        : 'handover.consent.question',
    choices: consentChoices(),
  }),
  consentAgain: (): OutboundMessage => ({ key: 'handover.consent.again', choices: consentChoices() }),
  consentDeclined: (): OutboundMessage => ({ key: 'handover.consent.declined' }),
  handoverRequested: (consent: boolean): OutboundMessage => ({
    key: consent ? 'handover.requested.shared' : 'handover.requested.topicOnly',
  }),
  /** never a wait in minutes to a person in crisis: where they stand, and (while it is open) the consent question */
  crisisQueued: (position: number, askConsent: boolean): OutboundMessage => ({
    key: `handover.queue.${position === 1 ? 'crisisFirst' : 'crisisFront'}${askConsent ? 'Consent' : ''}`,
    ...(position === 1 ? {} : { params: { position } }),
    choices: askConsent ? consentChoices() : leaveQueueChoices(),
  }),
  /** the answer to the consent question asked in the crisis queue */
  crisisConsentGiven: (consent: boolean): OutboundMessage => ({
    key: consent ? 'handover.consent.crisisShared' : 'handover.consent.crisisTopicOnly',
    choices: leaveQueueChoices(),
  }),
  /** without an estimate (null), the place in the queue and no minutes */
  queued: (position: number, waitMinutes: number | null): OutboundMessage =>
    waitMinutes === null
      ? { key: 'handover.queue.position', params: { position }, choices: leaveQueueChoices() }
      : waitMinutes <= SHORT_WAIT_MINUTES
        ? { key: 'handover.queue.short', params: { position }, choices: leaveQueueChoices() }
        : {
            key: 'handover.queue.long',
            params: { position, minutes: Math.round(waitMinutes) },
            choices: leaveQueueChoices(),
          },
  waitUpdate: (position: number): OutboundMessage => ({
    key: 'handover.queue.update',
    params: { position },
    choices: leaveQueueChoices(),
  }),
  alreadyQueued: (): OutboundMessage => ({ key: 'handover.alreadyQueued', choices: leaveQueueChoices() }),
  stillWaiting: (): OutboundMessage => ({ key: 'handover.stillWaiting', choices: leaveQueueChoices() }),
  mentorAccepted: (): OutboundMessage => ({ key: 'handover.accepted' }),
  withMentor: (): OutboundMessage => ({ key: 'handover.withMentor' }),
  mentorReleased: (): OutboundMessage => ({ key: 'handover.released' }),
  handoverClosed: (): OutboundMessage => ({ key: 'handover.closed' }),
  mentorLost: (): OutboundMessage => ({ key: 'handover.mentorLost', choices: leaveQueueChoices() }),
  handoverCancelled: (): OutboundMessage => ({ key: 'handover.cancelled' }),
  leftMentor: (): OutboundMessage => ({ key: 'handover.leftMentor' }),
  /** outside opening hours: SMS users are contacted by a mentor; chat users leave a note */
  callback: (channel: Channel): OutboundMessage => ({
    key: channel === 'sms' ? 'handover.callback.sms' : 'handover.callback.chat',
    choices: [choice(CHOICE_IDS.menu)],
  }),
  /** web chat after hours: a number to be texted back, why it is asked and how long it is kept; never required */
  callbackAskPhone: (retentionDays: number): OutboundMessage => ({
    key: 'handover.callback.askPhone',
    params: { retentionDays },
    choices: [choice(CHOICE_IDS.noPhone)],
  }),
  callbackPhoneAgain: (): OutboundMessage => ({
    key: 'handover.callback.phoneAgain',
    choices: [choice(CHOICE_IDS.noPhone)],
  }),
  callbackPhoneInvalid: (): OutboundMessage => ({
    key: 'handover.callback.phoneInvalid',
    choices: [choice(CHOICE_IDS.noPhone)],
  }),
  /** never repeats the number: what the bot says is in the transcript, the number only with the callback */
  callbackPhoneSaved: (): OutboundMessage => ({
    key: 'handover.callback.phoneSaved',
    choices: [choice(CHOICE_IDS.menu)],
  }),
  /** the first SMS when a mentor answers a callback by text: who writes, and why */
  startedByMentor: (): OutboundMessage => ({ key: 'handover.startedByMentor' }),
  callbackAlreadyRequested: (): OutboundMessage => ({
    key: 'handover.callback.alreadyRequested',
    choices: [choice(CHOICE_IDS.cancelHandover), choice(CHOICE_IDS.menu)],
  }),
  notePrompt: (): OutboundMessage => ({ key: 'handover.callback.notePrompt', choices: [choice(CHOICE_IDS.menu)] }),
  noteReceived: (): OutboundMessage => ({ key: 'handover.callback.noted', choices: [choice(CHOICE_IDS.menu)] }),
} as const;
