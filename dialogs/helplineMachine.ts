/**
 * The helpline's dialog: welcome, main menu → four submenus → 21 topic answers with follow-ups,
 * fallbacks, and the user's side of the handover to a mentor. Pure: no I/O, no timers, no clock.
 * It answers only by emitting `say` (translation keys) and `effect` events (dialogProtocol.ts).
 *
 * Every `user.message` is first seen at the root, once: crisis, STOPP, SLETT and language switch win
 * there, in any state. Anything else is passed on as an internal `input` event, which the active
 * state handles (and, when it does not, the `conversation` state's shared handlers).
 */
import { and, assign, emit, enqueueActions, not, or, raise, setup, stateIn } from 'xstate';
import type { DialogEffect, DialogEmitted, DialogEvent, OutboundMessage } from '../src/domain/dialogProtocol.js';
import type { Channel, Locale, TopicIntent } from '../src/domain/domain.js';
import { CHOICE_IDS, submenuOfChoice, topicOfChoice } from './choices.js';
import { consentWithdrawalMessages, withdrawConsentEmits, withdrawsConsent } from './consentWithdrawal.js';
import { feedbackMessages, ratingOf } from './feedbackQuestion.js';
import { messages } from './messages.js';
import { pickedSuggestion, suggestedTopics, suggestionMessages } from './suggestions.js';
import { type SubmenuId, submenuOf } from './topics.js';
import {
  confidentTopic,
  guessedTopic,
  hasIntent,
  isAffirm,
  isDeny,
  isEraseRequest,
  isPossibleStopRequest,
  isStopRequest,
  isText,
  isUnderstood,
  type UserMessage,
} from './understanding.js';

/**
 * Where the user stands with a mentor: `requested` until the queue confirms a place, `callback`
 * outside opening hours, `active` while a mentor has the conversation.
 */
export type HandoverStage = 'none' | 'requested' | 'queued' | 'callback' | 'active';

/**
 * The direct question "are you thinking of taking your life?", asked on a warning sign short of a
 * clear crisis: `asked` until the next message answers it, `answeredNo` after a clear no (then it is
 * not asked again in this conversation; a clear crisis still wins).
 */
export type SuicideQuestion = 'none' | 'asked' | 'answeredNo';

export interface HelplineContext {
  /** facts of the latest event */
  channel: Channel;
  mentorsOnDuty: boolean;
  /** the bot has said that it is a bot */
  greeted: boolean;
  lastTopic: TopicIntent | null;
  submenu: SubmenuId | null;
  /** messages in a row the bot could not understand (at most 2: then it offers a mentor) */
  unknownStreak: number;
  /** a crisis was detected in this conversation: the handover gets priority */
  crisis: boolean;
  /** SLETT asked for confirmation; the next message answers it */
  pendingErase: boolean;
  handover: HandoverStage;
  suicideQuestion: SuicideQuestion;
  /** a crisis put the person in the queue before the consent question was answered */
  crisisConsentOpen: boolean;
  /** RETENTION_DAYS, from the facts: what the copy says about keeping data */
  retentionDays: number;
  /** the topics "Mener du …?" offers (state `suggesting`) */
  suggested?: TopicIntent[];
}

/** events the machine raises to itself */
export type InternalEvent = { type: 'input'; message: UserMessage } | { type: 'reprompt' };
export type HelplineEvent = DialogEvent | InternalEvent;

const LOCALE_OF_KEYWORD: Partial<Record<string, Locale>> = { 'lang.nb': 'nb', 'lang.nn': 'nn', 'lang.en': 'en' };
const MISUNDERSTANDINGS_BEFORE_MENTOR = 2;

const initialContext: HelplineContext = {
  channel: 'sms',
  mentorsOnDuty: false,
  greeted: false,
  lastTopic: null,
  submenu: null,
  unknownStreak: 0,
  crisis: false,
  pendingErase: false,
  handover: 'none',
  suicideQuestion: 'none',
  crisisConsentOpen: false,
  retentionDays: 30,
};

/** the user's message behind a root `user.message` or a raised `input` */
function messageOf(event: HelplineEvent): UserMessage | undefined {
  if (event.type === 'user.message') return event;
  if (event.type === 'input') return event.message;
  return undefined;
}

function test(event: HelplineEvent, predicate: (message: UserMessage) => boolean): boolean {
  const message = messageOf(event);
  return message !== undefined && predicate(message);
}

const say = (message: OutboundMessage): DialogEmitted => ({ type: 'say', message });
const effect = (value: DialogEffect): DialogEmitted => ({ type: 'effect', effect: value });
const isPending = (status: HandoverStage) => status === 'requested' || status === 'queued' || status === 'callback';

export const helplineMachine = setup({
  types: {
    context: {} as HelplineContext,
    events: {} as HelplineEvent,
    emitted: {} as DialogEmitted,
  },
  guards: {
    /** a clear crisis, or a yes (or a warning sign again) in answer to the direct question */
    isCrisis: ({ context, event }) =>
      test(
        event,
        (message) =>
          message.nlu.crisis || (context.suicideQuestion === 'asked' && (message.nlu.concern || isAffirm(message))),
      ),
    deniesSuicide: ({ context, event }) => context.suicideQuestion === 'asked' && test(event, isDeny),
    /** a warning sign, and the person has not already said a clear no to the question */
    isConcern: ({ context, event }) =>
      context.suicideQuestion !== 'answeredNo' && test(event, (message) => message.nlu.concern),
    /** a warning sign after the person said a clear no: they are not asked again and again */
    isConcernAgain: ({ context, event }) =>
      context.suicideQuestion === 'answeredNo' && test(event, (message) => message.nlu.concern),
    /** a warning sign, whatever was answered before: what the mentor is shown */
    isWarningSign: ({ event }) => test(event, (message) => message.nlu.concern),
    isMaybeStop: ({ event }) => test(event, isPossibleStopRequest),
    /** a crisis in this conversation, and nobody on duty to take it */
    inCrisisAfterHours: ({ context }) => context.crisis && !context.mentorsOnDuty,
    crisisConsentOpen: ({ context }) => context.crisisConsentOpen,
    isPicture: ({ event }) => test(event, (message) => message.empty === true && message.picture === true),
    isEmojiOnly: ({ event }) => test(event, (message) => message.emojiOnly === true),
    hasPhone: ({ event }) => test(event, (message) => message.phone !== undefined),
    isPhoneLike: ({ event }) => test(event, (message) => message.phoneLike === true),
    declinesPhone: ({ event }) => test(event, (message) => message.choice === CHOICE_IDS.noPhone || isDeny(message)),
    isWebchat: ({ context }) => context.channel === 'webchat',
    isOptedOut: stateIn('#helpline.optedOut'),
    isWithMentor: stateIn('#helpline.conversation.handover.withMentor'),
    isStop: ({ event }) => test(event, isStopRequest),
    isStartWord: ({ event }) => test(event, (message) => message.keyword === 'start'),
    isEraseRequest: ({ event }) => test(event, isEraseRequest),
    confirmsErase: ({ context, event }) =>
      context.pendingErase &&
      test(
        event,
        (message) => message.choice === CHOICE_IDS.eraseYes || message.keyword === 'erase' || isAffirm(message),
      ),
    declinesErase: ({ context, event }) =>
      context.pendingErase && test(event, (message) => message.choice === CHOICE_IDS.eraseNo || isDeny(message)),
    isLanguageSwitch: ({ event }) =>
      test(event, (message) => message.keyword !== undefined && LOCALE_OF_KEYWORD[message.keyword] !== undefined),
    isCancel: ({ event }) =>
      test(event, (message) => message.keyword === 'cancel' || message.choice === CHOICE_IDS.cancelHandover),
    isMenuRequest: ({ event }) =>
      test(
        event,
        (message) =>
          message.keyword === 'menu' ||
          message.keyword === 'start' ||
          message.choice === CHOICE_IDS.menu ||
          message.choice === CHOICE_IDS.eraseYes ||
          message.choice === CHOICE_IDS.eraseNo ||
          hasIntent(message, 'menu'),
      ),
    isBack: ({ event }) => test(event, (message) => message.keyword === 'back'),
    isGreeting: ({ event }) => test(event, (message) => hasIntent(message, 'greeting')),
    wantsMore: ({ event }) =>
      test(event, (message) => message.keyword === 'more' || message.choice === CHOICE_IDS.more),
    wantsRelated: ({ event }) => test(event, (message) => message.choice === CHOICE_IDS.related),
    choseSubmenu: ({ event }) => test(event, (message) => submenuOfChoice(message.choice) !== undefined),
    choseTopic: ({ event }) => test(event, (message) => topicOfChoice(message.choice) !== undefined),
    isConfidentTopic: ({ event }) => test(event, (message) => confidentTopic(message) !== undefined),
    isUnsureTopic: ({ event }) => test(event, (message) => guessedTopic(message) !== undefined),
    hasSuggestions: ({ event }) => test(event, (message) => suggestedTopics(message) !== undefined),
    pickedSuggestion: ({ context, event }) =>
      test(event, (message) => pickedSuggestion(message, context.suggested ?? []) !== undefined),
    choseSomethingElse: ({ event }) => test(event, (message) => message.choice === CHOICE_IDS.somethingElse),
    /** asked for a person, picked "talk to a mentor", or an old consent button */
    wantsMentor: ({ event }) =>
      test(
        event,
        (message) =>
          hasIntent(message, 'human') ||
          message.choice === CHOICE_IDS.mentor ||
          message.choice === CHOICE_IDS.consentYes ||
          message.choice === CHOICE_IDS.consentNo,
      ),
    givesConsent: ({ event }) =>
      test(event, (message) => message.choice === CHOICE_IDS.consentYes || isAffirm(message)),
    refusesConsent: ({ event }) =>
      test(event, (message) => message.choice === CHOICE_IDS.consentNo || isDeny(message) || withdrawsConsent(message)),
    withdrawsConsent: ({ event }) => test(event, withdrawsConsent),
    isThanks: ({ event }) => test(event, (message) => hasIntent(message, 'thanks')),
    isGoodbye: ({ event }) => test(event, (message) => hasIntent(message, 'goodbye')),
    isEmpty: ({ event }) => test(event, (message) => message.empty === true),
    isAffirm: ({ event }) => test(event, isAffirm),
    isDeny: ({ event }) => test(event, isDeny),
    isYesOrNo: ({ event }) => test(event, (message) => isAffirm(message) || isDeny(message)),
    isMisunderstood: ({ event }) => test(event, (message) => !isUnderstood(message)),
    isText: ({ event }) => test(event, isText),
    keepsMisunderstanding: ({ context }) => context.unknownStreak >= MISUNDERSTANDINGS_BEFORE_MENTOR,
    hasLastTopic: ({ context }) => context.lastTopic !== null,
    mentorsOnDuty: ({ context }) => context.mentorsOnDuty,
    /** at the root, guards run before `rememberFacts`: read the facts of the event itself */
    mentorsOnDutyNow: ({ event }) => ('facts' in event ? event.facts.mentorsOnDuty : false),
    handoverOpen: ({ context }) => context.handover !== 'none',
    handoverPending: ({ context }) => isPending(context.handover),
    handoverAwaitingQueue: ({ context }) => context.handover === 'requested' || context.handover === 'queued',
    handoverIsCallback: ({ context }) => context.handover === 'callback',
    handoverActive: ({ context }) => context.handover === 'active',
    /** after a conversation with a mentor, not after a crisis: "was it helpful?" */
    asksFeedback: ({ context }) => context.handover === 'active' && !context.crisis,
    isFeedbackRating: ({ event }) => test(event, (message) => ratingOf(message) !== undefined),
  },
  actions: {
    /** also closes the direct question: only the message right after it answers it */
    rememberFacts: assign(({ context, event }) => ({
      ...('facts' in event ? { ...event.facts } : {}),
      suicideQuestion: context.suicideQuestion === 'asked' ? 'none' : context.suicideQuestion,
    })),
    /** hands a user message that no global rule took to the active state */
    forward: raise(({ event }) => {
      const message = messageOf(event);
      if (!message) throw new Error(`forward needs a user message, got ${event.type}`);
      return { type: 'input' as const, message };
    }),
    reprompt: raise({ type: 'reprompt' as const }),
    countUnknown: assign({
      unknownStreak: ({ context, event }) =>
        test(event, isUnderstood) ? 0 : Math.min(context.unknownStreak + 1, MISUNDERSTANDINGS_BEFORE_MENTOR),
    }),
    resetStreak: assign({ unknownStreak: 0 }),
    clearPendingErase: assign({ pendingErase: false }),
    introIfNew: enqueueActions(({ context, enqueue }) => {
      if (context.greeted) return;
      enqueue.emit(say(messages.intro()));
      enqueue.assign({ greeted: true });
    }),
    sayWelcome: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.welcome()));
      enqueue.assign({ greeted: true });
    }),

    /** the crisis answer, alone in its message; whatever else the turn says comes after it */
    sayCrisis: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(say(messages.crisis(context.channel)));
      enqueue.emit(effect({ kind: 'flagCrisis' }));
      enqueue.assign({ crisis: true, pendingErase: false, suicideQuestion: 'none' });
    }),
    sayCrisisWhileOptedOut: emit(say(messages.crisisWhileOptedOut())),
    sayCrisisAfterHours: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.crisisAfterHours()));
      enqueue.assign({ greeted: true });
    }),
    sayCrisisReminder: emit(say(messages.crisisReminder())),
    /**
     * Mentors on duty: straight into the queue, first, before any question. The consent question
     * comes with the place in the queue (handover.queued), as a message of its own after the crisis
     * answer. The topic is left out: the last topic browsed is not what this handover is about.
     */
    queueCrisis: enqueueActions(({ enqueue }) => {
      enqueue.emit(effect({ kind: 'requestHandover', consent: false, crisis: true, callback: false }));
      enqueue.assign({ handover: 'requested', crisisConsentOpen: true, greeted: true });
    }),
    answerCrisisConsent: enqueueActions(({ event, enqueue }) => {
      const message = messageOf(event);
      const consent = message?.choice === CHOICE_IDS.consentYes || (message !== undefined && isAffirm(message));
      if (consent) enqueue.emit(effect({ kind: 'shareTranscript' }));
      enqueue.emit(say(messages.crisisConsentGiven(consent)));
      enqueue.assign({ crisisConsentOpen: false });
    }),
    sayConcernAgain: emit(say(messages.concernAgain())),
    /** while waiting, on the callback list or with a mentor: the mentor sees the message marked */
    flagConcern: enqueueActions(({ context, enqueue }) => {
      if (context.handover !== 'none') enqueue.emit(effect({ kind: 'flagConcern' }));
    }),
    askAboutSuicide: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.askAboutSuicide()));
      enqueue.assign({ suicideQuestion: 'asked', pendingErase: false });
    }),
    saySuicideDenied: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.suicideDenied()));
      enqueue.assign({ suicideQuestion: 'answeredNo' });
    }),
    askOptOut: emit(say(messages.askOptOut())),

    optOut: enqueueActions(({ context, enqueue }) => {
      if (context.handover !== 'none') enqueue.emit(effect({ kind: 'cancelHandover' }));
      enqueue.emit(effect({ kind: 'optOut' }));
      enqueue.emit(say(messages.optedOut()));
      enqueue.assign({ handover: 'none', pendingErase: false });
    }),
    optIn: enqueueActions(({ enqueue }) => {
      enqueue.emit(effect({ kind: 'optIn' }));
      enqueue.emit(say(messages.welcomeBack()));
      enqueue.assign({ greeted: true });
    }),
    askEraseConfirmation: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.confirmErase()));
      enqueue.assign({ pendingErase: true });
    }),
    /** erases, then starts afresh: the next message is a first contact again */
    erase: enqueueActions(({ context, enqueue }) => {
      if (context.handover !== 'none') enqueue.emit(effect({ kind: 'cancelHandover', erasing: true }));
      enqueue.emit(effect({ kind: 'erase' }));
      enqueue.emit(say(messages.erased()));
      enqueue.assign({ ...initialContext, channel: context.channel, mentorsOnDuty: context.mentorsOnDuty });
    }),
    sayEraseKept: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.eraseKept()));
      enqueue.assign({ pendingErase: false });
    }),
    switchLanguage: enqueueActions(({ event, enqueue }) => {
      const keyword = messageOf(event)?.keyword;
      const locale = keyword === undefined ? undefined : LOCALE_OF_KEYWORD[keyword];
      if (!locale) return;
      enqueue.emit(effect({ kind: 'setLocale', locale }));
      enqueue.emit(say(messages.languageChanged()));
    }),

    sayMainMenu: emit(say(messages.mainMenu())),
    saySubmenu: emit(({ context }) => say(context.submenu ? messages.submenu(context.submenu) : messages.mainMenu())),
    openChosenSubmenu: assign({ submenu: ({ event }) => submenuOfChoice(messageOf(event)?.choice) ?? null }),
    openSubmenuOfLastTopic: assign({
      submenu: ({ context }) => (context.lastTopic ? submenuOf(context.lastTopic) : null),
    }),
    rememberTopic: assign(({ event }) => {
      const message = messageOf(event);
      const topic = topicOfChoice(message?.choice) ?? (message ? confidentTopic(message) : undefined);
      return topic ? { lastTopic: topic, submenu: submenuOf(topic) } : {};
    }),
    /** a message that asked two things: the answer to the first, then the second offered */
    sayAnswer: enqueueActions(({ context, event, enqueue }) => {
      const { lastTopic, channel, mentorsOnDuty } = context;
      if (!lastTopic) return enqueue.emit(say(messages.nothingToContinue()));
      const other = messageOf(event)?.nlu.alsoAsked;
      if (other === undefined || other === lastTopic || messageOf(event)?.choice !== undefined) {
        return enqueue.emit(say(messages.answer(lastTopic, channel, mentorsOnDuty)));
      }
      enqueue.emit(say(messages.answerBeforeOther(lastTopic, channel, mentorsOnDuty)));
      enqueue.emit(say(messages.alsoAsked(other, channel)));
    }),
    rememberSuggestions: assign({
      suggested: ({ event }) => {
        const message = messageOf(event);
        return (message && suggestedTopics(message)) ?? [];
      },
    }),
    saySuggestions: emit(({ context }) =>
      say(
        (context.suggested ?? []).length > 0
          ? suggestionMessages.question(context.suggested ?? [])
          : messages.notUnderstood(),
      ),
    ),
    saySomethingElse: emit(say(suggestionMessages.other())),
    /** the pick labels the message before it: an example candidate for staff */
    recordPick: emit(({ event }) => {
      const topic = topicOfChoice(messageOf(event)?.choice);
      if (!topic) throw new Error('recordPick needs a picked topic');
      return effect({ kind: 'recordExampleCandidate', topic, dialogState: 'suggesting' });
    }),
    sayMore: emit(({ context }) =>
      say(context.lastTopic ? messages.more(context.lastTopic) : messages.nothingToContinue()),
    ),
    sayAfterAnswer: emit(({ context }) => say(messages.afterAnswer(context.channel))),
    sayAfterMore: emit(say(messages.afterMore())),
    sayNoMoreOnTopic: emit(say(messages.noMoreOnTopic())),
    sayNothingToContinue: emit(say(messages.nothingToContinue())),
    sayClarify: emit(({ event }) => {
      const message = messageOf(event);
      const topic = message ? guessedTopic(message) : undefined;
      return say(topic ? messages.clarify(topic) : messages.notUnderstood());
    }),
    sayNotUnderstood: emit(say(messages.notUnderstood())),
    sayOfferMentor: emit(say(messages.offerMentor())),
    sayUnclearYesNo: emit(say(messages.unclearYesNo())),
    sayEmpty: emit(say(messages.empty())),
    sayPicture: emit(say(messages.picture())),
    sayEmojiOnly: emit(say(messages.emojiOnly())),
    sayThanks: emit(say(messages.thanks())),
    sayGoodbye: emit(say(messages.goodbye())),

    askConsent: emit(({ context }) => say(messages.askConsent(context.crisis, context.mentorsOnDuty))),
    sayConsentAgain: emit(say(messages.consentAgain())),
    sayConsentDeclined: emit(say(messages.consentDeclined())),
    /** live queue within opening hours, a callback request outside them */
    requestHandover: enqueueActions(({ context, enqueue }, params: { consent: boolean }) => {
      const callback = !context.mentorsOnDuty;
      enqueue.emit(
        effect({
          kind: 'requestHandover',
          consent: params.consent,
          crisis: context.crisis,
          // a crisis is the topic: the last one browsed would mislead the mentor
          ...(context.lastTopic && !context.crisis ? { topic: context.lastTopic } : {}),
          callback,
        }),
      );
      if (callback && context.channel === 'webchat') {
        enqueue.emit(say(messages.callbackAskPhone(context.retentionDays)));
      } else if (callback) {
        enqueue.emit(say(messages.callback(context.channel)));
      } else {
        enqueue.emit(say(messages.handoverRequested(params.consent)));
      }
      enqueue.assign({ handover: callback ? 'callback' : 'requested' });
    }),
    sayQueued: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'handover.queued') return;
      enqueue.emit(
        say(
          context.crisis
            ? messages.crisisQueued(event.position, context.crisisConsentOpen)
            : messages.queued(event.position, event.waitMinutes),
        ),
      );
      enqueue.assign({ handover: 'queued' });
    }),
    sayWaitUpdate: emit(({ context, event }) => {
      if (event.type !== 'handover.waitUpdate') return say(messages.stillWaiting());
      return say(context.crisis ? messages.crisisQueued(event.position, false) : messages.waitUpdate(event.position));
    }),
    sayAlreadyQueued: emit(say(messages.alreadyQueued())),
    sayCallbackAlreadyRequested: emit(say(messages.callbackAlreadyRequested())),
    sayStillWaiting: emit(say(messages.stillWaiting())),
    mentorAccepted: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.mentorAccepted()));
      enqueue.assign({ handover: 'active', crisisConsentOpen: false });
    }),
    sayWithMentor: emit(say(messages.withMentor())),
    mentorReleased: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.mentorReleased()));
      enqueue.assign({ handover: 'none' });
    }),
    handoverClosed: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.handoverClosed()));
      enqueue.assign({ handover: 'none' });
    }),
    forgetHandover: assign({ handover: 'none' }),
    askFeedback: emit(({ context }) => say(feedbackMessages.question(context.channel))),
    recordFeedback: enqueueActions(({ event, enqueue }) => {
      const message = messageOf(event);
      const rating = message ? ratingOf(message) : undefined;
      if (rating === undefined) return;
      enqueue.emit(effect({ kind: 'recordFeedback', rating }));
      enqueue.emit(say(feedbackMessages.thanks()));
    }),
    mentorLost: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.mentorLost()));
      enqueue.assign({ handover: 'queued' });
    }),
    cancelHandover: enqueueActions(({ enqueue }) => {
      enqueue.emit(effect({ kind: 'cancelHandover' }));
      enqueue.emit(say(messages.handoverCancelled()));
      enqueue.assign({ handover: 'none' });
    }),
    leaveMentor: enqueueActions(({ enqueue }) => {
      enqueue.emit(effect({ kind: 'cancelHandover' }));
      enqueue.emit(say(messages.leftMentor()));
      enqueue.assign({ handover: 'none' });
    }),
    relayToMentor: emit(effect({ kind: 'relayToMentor' })),
    /** outside opening hours the note goes with the callback request */
    relayNote: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(effect({ kind: 'relayToMentor' }));
      enqueue.emit(say(context.crisis ? messages.crisisNoteReceived() : messages.noteReceived()));
    }),
    sayNotePrompt: emit(say(messages.notePrompt())),
    withdrawConsent: enqueueActions(({ context, enqueue }) => {
      for (const item of withdrawConsentEmits(context.handover)) enqueue.emit(item);
      // the crisis consent question is answered too: no
      enqueue.assign({ crisisConsentOpen: false });
    }),
    sayNothingShared: emit(say(consentWithdrawalMessages.nothingShared())),
    saveCallbackPhone: enqueueActions(({ event, enqueue }) => {
      const phone = messageOf(event)?.phone;
      if (!phone) return;
      enqueue.emit(effect({ kind: 'saveCallbackContact', phone }));
      enqueue.emit(say(messages.callbackPhoneSaved()));
    }),
    sayCallbackWithoutPhone: emit(({ context }) => say(messages.callback(context.channel))),
    sayPhoneAgain: emit(say(messages.callbackPhoneAgain())),
    sayPhoneInvalid: emit(say(messages.callbackPhoneInvalid())),
    mentorTextsFirst: enqueueActions(({ enqueue }) => {
      enqueue.emit(say(messages.startedByMentor()));
      enqueue.assign({ handover: 'active', greeted: true });
    }),
  },
}).createMachine({
  id: 'helpline',
  context: initialContext,
  initial: 'conversation',
  on: {
    'user.message': [
      {
        guard: and(['isCrisis', 'isOptedOut']),
        actions: ['rememberFacts', 'sayCrisis', 'sayCrisisWhileOptedOut'],
      },
      { guard: and(['isCrisis', 'handoverActive']), actions: ['rememberFacts', 'sayCrisis', 'relayToMentor'] },
      // already in the queue: flagCrisis moves them first, and the new place is told (handover.queued)
      { guard: and(['isCrisis', 'handoverAwaitingQueue']), actions: ['rememberFacts', 'sayCrisis'] },
      {
        guard: and(['isCrisis', 'handoverIsCallback', not('mentorsOnDutyNow')]),
        actions: ['rememberFacts', 'sayCrisis', 'sayCrisisReminder'],
      },
      {
        guard: and(['isCrisis', not('mentorsOnDutyNow')]),
        target: '.conversation.handover.crisisAfterHours',
        reenter: true,
        actions: ['rememberFacts', 'sayCrisis', 'sayCrisisAfterHours'],
      },
      {
        guard: 'isCrisis',
        target: '.conversation.handover.waiting',
        reenter: true,
        actions: ['rememberFacts', 'sayCrisis', 'queueCrisis'],
      },
      { guard: 'deniesSuicide', actions: ['rememberFacts', 'saySuicideDenied', 'reprompt'] },
      // with a mentor, the mentor asks: the message reaches them (and the console marks it), no bot question
      {
        guard: and(['isConcern', not('isWithMentor')]),
        actions: ['rememberFacts', 'introIfNew', 'askAboutSuicide', 'flagConcern'],
      },
      {
        guard: and(['isConcernAgain', not('isWithMentor')]),
        actions: ['rememberFacts', 'sayConcernAgain', 'flagConcern', 'reprompt'],
      },
      // before SLETT: the words read as erasing to the classifier. In the consent question itself it is a no (refusesConsent); before any handover, nothing is shared
      {
        guard: and(['withdrawsConsent', 'handoverOpen']),
        actions: ['rememberFacts', 'clearPendingErase', 'withdrawConsent'],
      },
      {
        guard: and(['withdrawsConsent', stateIn('#helpline.conversation.handover.consent')]),
        actions: ['rememberFacts', 'clearPendingErase', 'forward'],
      },
      { guard: 'withdrawsConsent', actions: ['rememberFacts', 'clearPendingErase', 'sayNothingShared'] },
      // SLETT works in every state, also after STOPP: erasing is the person's right
      { guard: 'confirmsErase', target: '.conversation.start', reenter: true, actions: ['rememberFacts', 'erase'] },
      { guard: 'declinesErase', actions: ['rememberFacts', 'sayEraseKept', 'reprompt'] },
      { guard: 'isEraseRequest', actions: ['rememberFacts', 'introIfNew', 'askEraseConfirmation'] },
      { guard: 'isOptedOut', actions: ['rememberFacts', 'forward'] },
      { guard: 'isStop', target: '.optedOut', actions: ['rememberFacts', 'optOut'] },
      { guard: and(['isMaybeStop', not('isWithMentor')]), actions: ['rememberFacts', 'introIfNew', 'askOptOut'] },
      {
        guard: and(['isLanguageSwitch', not('isWithMentor')]),
        actions: ['rememberFacts', 'clearPendingErase', 'switchLanguage', 'reprompt'],
      },
      { actions: ['rememberFacts', 'clearPendingErase', 'countUnknown', 'forward'] },
    ],
  },
  states: {
    conversation: {
      initial: 'start',
      on: {
        input: [
          {
            guard: and(['isCancel', 'handoverPending']),
            target: '.mainMenu',
            actions: 'cancelHandover',
          },
          /** a crisis with nobody on duty: every unclear message gets the numbers again, not a menu */
          {
            guard: and([
              'inCrisisAfterHours',
              or(['isEmpty', 'isMisunderstood', 'isGreeting', 'isYesOrNo', 'isEmojiOnly']),
            ]),
            actions: 'sayCrisisReminder',
          },
          { guard: or(['isCancel', 'isMenuRequest', 'isBack', 'isGreeting']), target: '.mainMenu' },
          { guard: and(['wantsMore', 'hasLastTopic']), target: '.more' },
          { guard: 'wantsMore', actions: 'sayNothingToContinue' },
          {
            guard: and(['wantsRelated', 'hasLastTopic']),
            target: '.submenu',
            actions: 'openSubmenuOfLastTopic',
          },
          { guard: 'wantsRelated', target: '.mainMenu' },
          { guard: 'choseSubmenu', target: '.submenu', actions: 'openChosenSubmenu' },
          {
            guard: or(['choseTopic', 'isConfidentTopic']),
            target: '.answer',
            actions: ['introIfNew', 'rememberTopic'],
          },
          { guard: 'hasSuggestions', target: '.suggesting', actions: ['introIfNew', 'rememberSuggestions'] },
          { guard: 'isUnsureTopic', actions: 'sayClarify' },
          /** a number left later, while a web chat callback is open */
          {
            guard: and(['hasPhone', 'handoverIsCallback', 'isWebchat']),
            target: '.handover.callbackNote',
            actions: 'saveCallbackPhone',
          },
          /** a callback request from outside opening hours becomes a place in the live queue */
          { guard: and(['wantsMentor', 'handoverIsCallback', 'mentorsOnDuty']), target: '.handover.consent' },
          { guard: and(['wantsMentor', 'handoverIsCallback']), actions: 'sayCallbackAlreadyRequested' },
          { guard: and(['wantsMentor', 'handoverPending']), actions: 'sayAlreadyQueued' },
          { guard: 'wantsMentor', target: '.handover.consent', actions: 'introIfNew' },
          { guard: 'isThanks', target: '.idle', actions: 'sayThanks' },
          { guard: 'isGoodbye', target: '.idle', actions: 'sayGoodbye' },
          { guard: 'isPicture', actions: 'sayPicture' },
          { guard: 'isEmpty', actions: 'sayEmpty' },
          { guard: 'isEmojiOnly', actions: 'sayEmojiOnly' },
          { guard: 'isYesOrNo', actions: 'sayUnclearYesNo' },
          { guard: 'keepsMisunderstanding', target: '.mentorOffer' },
          { actions: 'sayNotUnderstood' },
        ],
        'session.start': { target: '.mainMenu', actions: ['rememberFacts', 'sayWelcome'] },
        'handover.queued': { guard: 'handoverAwaitingQueue', actions: ['rememberFacts', 'sayQueued'] },
        'handover.waitUpdate': { guard: 'handoverAwaitingQueue', actions: ['rememberFacts', 'sayWaitUpdate'] },
        'handover.accepted': {
          guard: not('handoverActive'),
          target: '.handover.withMentor',
          actions: ['rememberFacts', 'mentorAccepted'],
        },
        'handover.released': {
          guard: 'handoverOpen',
          target: '.mainMenu',
          actions: ['rememberFacts', 'mentorReleased'],
        },
        'handover.closed': [
          { guard: 'asksFeedback', target: '.feedback', actions: ['rememberFacts', 'handoverClosed'] },
          { guard: 'handoverOpen', target: '.mainMenu', actions: ['rememberFacts', 'handoverClosed'] },
        ],
        'handover.startedByMentor': {
          target: '.handover.withMentor',
          actions: ['rememberFacts', 'mentorTextsFirst'],
        },
        'handover.mentorLost': {
          guard: 'handoverActive',
          target: '.handover.waiting',
          actions: ['rememberFacts', 'mentorLost'],
        },
      },
      states: {
        /** a new conversation: nothing said yet */
        start: {
          on: {
            input: {
              guard: not(or(['isConfidentTopic', 'choseTopic', 'wantsMentor', 'hasSuggestions'])),
              target: 'mainMenu',
              actions: 'sayWelcome',
            },
            reprompt: { target: 'mainMenu', actions: 'sayWelcome' },
          },
        },
        mainMenu: {
          entry: ['resetStreak', 'sayMainMenu'],
          on: { reprompt: { target: 'mainMenu', reenter: true } },
        },
        submenu: {
          entry: 'saySubmenu',
          on: { reprompt: { target: 'submenu', reenter: true } },
        },
        answer: {
          entry: 'sayAnswer',
          on: {
            input: [
              { guard: and(['isBack', 'hasLastTopic']), target: 'submenu', actions: 'openSubmenuOfLastTopic' },
              { guard: 'isAffirm', target: 'more' },
              { guard: 'isDeny', target: 'mainMenu' },
            ],
            reprompt: { actions: 'sayAfterAnswer' },
          },
        },
        more: {
          entry: 'sayMore',
          on: {
            input: [
              {
                guard: and([or(['isBack', 'isAffirm']), 'hasLastTopic']),
                target: 'submenu',
                actions: 'openSubmenuOfLastTopic',
              },
              { guard: 'wantsMore', actions: 'sayNoMoreOnTopic' },
              { guard: 'isDeny', target: 'mainMenu' },
            ],
            reprompt: { actions: 'sayAfterMore' },
          },
        },
        /** "Mener du …?": the best guesses offered; a pick answers that topic and labels the message */
        suggesting: {
          entry: 'saySuggestions',
          on: {
            input: [
              { guard: 'pickedSuggestion', target: 'answer', actions: ['rememberTopic', 'recordPick'] },
              { guard: 'choseSomethingElse', target: 'mainMenu', actions: 'saySomethingElse' },
            ],
            reprompt: { target: 'suggesting', reenter: true },
          },
        },
        /** after thanks or goodbye: nothing asked, the conversation rests until the user writes */
        idle: {
          on: {
            input: [
              { guard: 'isAffirm', target: 'mainMenu' },
              { guard: 'isDeny', actions: 'sayGoodbye' },
            ],
            reprompt: { actions: 'sayMainMenu' },
          },
        },
        /** the feedback question (feedbackQuestion.ts): a rating is counted; anything else is an ordinary turn */
        feedback: {
          entry: 'askFeedback',
          on: {
            input: { guard: 'isFeedbackRating', target: 'idle', actions: 'recordFeedback' },
            reprompt: { target: 'mainMenu' },
          },
        },
        /** after two messages in a row the bot could not understand */
        mentorOffer: {
          entry: 'sayOfferMentor',
          on: {
            input: [
              { guard: 'isAffirm', target: 'handover.consent' },
              { guard: 'isDeny', target: 'mainMenu' },
            ],
            reprompt: { target: 'mentorOffer', reenter: true },
          },
        },
        handover: {
          initial: 'consent',
          states: {
            /** "May the mentor read what you wrote to me?" */
            consent: {
              entry: 'askConsent',
              on: {
                input: [
                  {
                    guard: and(['givesConsent', 'mentorsOnDuty']),
                    target: 'waiting',
                    actions: { type: 'requestHandover', params: { consent: true } },
                  },
                  {
                    guard: and(['givesConsent', 'isWebchat']),
                    target: 'callbackPhone',
                    actions: { type: 'requestHandover', params: { consent: true } },
                  },
                  {
                    guard: 'givesConsent',
                    target: 'callbackNote',
                    actions: { type: 'requestHandover', params: { consent: true } },
                  },
                  {
                    guard: and(['refusesConsent', 'mentorsOnDuty']),
                    target: 'waiting',
                    actions: { type: 'requestHandover', params: { consent: false } },
                  },
                  {
                    guard: and(['refusesConsent', 'isWebchat']),
                    target: 'callbackPhone',
                    actions: { type: 'requestHandover', params: { consent: false } },
                  },
                  {
                    guard: 'refusesConsent',
                    target: 'callbackNote',
                    actions: { type: 'requestHandover', params: { consent: false } },
                  },
                  { guard: 'isCancel', target: '#helpline.conversation.mainMenu', actions: 'sayConsentDeclined' },
                  {
                    guard: or(['wantsMentor', 'isEmpty', 'isMisunderstood', 'isGreeting', 'isEmojiOnly']),
                    actions: 'sayConsentAgain',
                  },
                ],
                reprompt: { target: 'consent', reenter: true },
                'session.start': { target: 'consent', reenter: true, actions: 'rememberFacts' },
              },
            },
            /** in the queue (or about to be): the user may still ask the bot while waiting */
            waiting: {
              on: {
                input: [
                  /** the consent question that came with a crisis place in the queue */
                  {
                    guard: and(['crisisConsentOpen', or(['givesConsent', 'refusesConsent'])]),
                    actions: 'answerCrisisConsent',
                  },
                  { guard: 'wantsMentor', actions: 'sayAlreadyQueued' },
                  {
                    guard: or(['isEmpty', 'isMisunderstood', 'isGreeting', 'isYesOrNo', 'isEmojiOnly']),
                    actions: 'sayStillWaiting',
                  },
                ],
                reprompt: { actions: 'sayStillWaiting' },
                'session.start': { actions: ['rememberFacts', 'sayStillWaiting'] },
              },
            },
            /**
             * A crisis with no mentor on duty: the numbers were given, and a callback offered. Yes
             * asks the consent question for it; anything unclear gets the numbers again.
             */
            crisisAfterHours: {
              on: {
                input: [
                  { guard: or(['isAffirm', 'wantsMentor']), target: 'consent' },
                  { guard: 'isDeny', target: '#helpline.conversation.idle', actions: 'sayCrisisReminder' },
                ],
                reprompt: { actions: 'sayCrisisReminder' },
                'session.start': { actions: ['rememberFacts', 'sayCrisisReminder'] },
              },
            },
            /** web chat, outside opening hours: a mobile number to be texted back, or no */
            callbackPhone: {
              on: {
                input: [
                  { guard: 'hasPhone', target: 'callbackNote', actions: 'saveCallbackPhone' },
                  { guard: 'isPhoneLike', actions: 'sayPhoneInvalid' },
                  { guard: 'declinesPhone', target: 'callbackNote', actions: 'sayCallbackWithoutPhone' },
                  { guard: 'isAffirm', actions: 'sayPhoneAgain' },
                ],
                reprompt: { actions: 'sayPhoneAgain' },
                'session.start': { actions: ['rememberFacts', 'sayPhoneAgain'] },
              },
            },
            /** outside opening hours: the next text is a note for the mentor who calls back */
            callbackNote: {
              on: {
                input: [
                  /** a question as the note: the mentor gets it, and the bot answers it at once */
                  {
                    guard: 'isConfidentTopic',
                    target: '#helpline.conversation.answer',
                    actions: ['relayNote', 'rememberTopic'],
                  },
                  { guard: 'isText', target: '#helpline.conversation.idle', actions: 'relayNote' },
                ],
                reprompt: { actions: 'sayNotePrompt' },
                'session.start': { actions: ['rememberFacts', 'sayNotePrompt'] },
              },
            },
            /** a mentor has the conversation: the bot is silent and passes messages on */
            withMentor: {
              on: {
                input: [
                  { guard: 'isCancel', target: '#helpline.conversation.mainMenu', actions: 'leaveMentor' },
                  // the mentor asks, not the bot: the console marks the message
                  { guard: 'isWarningSign', actions: ['flagConcern', 'relayToMentor'] },
                  { actions: 'relayToMentor' },
                ],
                reprompt: {},
                'session.start': { actions: ['rememberFacts', 'sayWithMentor'] },
              },
            },
          },
        },
      },
    },
    /** after STOPP: silence until START (a crisis still gets the crisis numbers) */
    optedOut: {
      on: {
        input: { guard: 'isStartWord', target: '#helpline.conversation.mainMenu', actions: 'optIn' },
        'handover.released': { actions: 'forgetHandover' },
        'handover.closed': { actions: 'forgetHandover' },
      },
    },
  },
});
