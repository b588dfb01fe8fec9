/**
 * Counts what a turn did, anonymously, into the hour it happened (metrics.ts): a conversation
 * started, a topic answered, a message read and whether it was understood (by dialog state), a
 * conversation's first crisis answer, the feedback question and its answer. All of one turn go in
 * one upsert at the end of the turn's transaction, so the counter rows are locked only briefly.
 * With KEEP_UNANSWERED_SAMPLES the words of a message the bot did not understand are kept, masked.
 */
import { FEEDBACK_QUESTION_KEY_LIST } from '../../dialogs/feedbackQuestion.js';
import { isUnderstood } from '../../dialogs/understanding.js';
import type { TurnHooks, TurnSummary } from '../conversation/turnHooks.js';
import { isTopicIntent } from '../domain/domain.js';
import { maskContactDetails } from '../privacy/maskPersonalData.js';
import type { CounterIncrement } from '../storage/ports.js';
import { contextFlag, dialogStateName } from './dialogStateName.js';
import { count, hourOf, METRICS } from './metrics.js';

export interface StatisticsHooksDeps {
  /** KEEP_UNANSWERED_SAMPLES */
  keepUnansweredSamples: boolean;
}

/** where the bot does not read what the person writes: a mentor does, or nobody (after STOPP) */
const NOT_READ_BY_THE_BOT = ['conversation.handover.withMentor', 'optedOut'];
/** a sample longer than this is cut: an NLU example is a sentence or two */
const MAX_SAMPLE_CHARS = 500;
const ANSWER_KEY = /^topics\.(.+)\.(?:answer|answerOpen|answerClosed)$/;

export function createStatisticsHooks(deps: StatisticsHooksDeps): TurnHooks {
  return {
    async onEffect(effect, { uow, now }) {
      if (effect.kind !== 'recordFeedback') return undefined;
      await uow.statistics.increment(hourOf(now), [count(METRICS.feedbackAnswer, String(effect.rating))]);
      return undefined;
    },

    async onTurnEnd(summary) {
      const { uow, conversation, now } = summary;
      const increments = turnCounts(summary);
      const unanswered = unansweredText(summary);
      if (unanswered) {
        increments.push(count(METRICS.notUnderstood, unanswered.state));
        if (deps.keepUnansweredSamples && unanswered.text !== '') {
          await uow.unansweredSamples.add({
            receivedHour: hourOf(now),
            locale: conversation.locale,
            dialogState: unanswered.state,
            text: maskContactDetails(unanswered.text).slice(0, MAX_SAMPLE_CHARS),
          });
        }
      }
      await uow.statistics.increment(hourOf(now), increments);
    },
  };
}

function turnCounts({ conversation, firstUserMessage, before, after, outbound, event }: TurnSummary) {
  const increments: CounterIncrement[] = [];
  const { channel } = conversation;
  if (firstUserMessage) increments.push(count(METRICS.conversationStarted, channel));
  for (const message of outbound) {
    const topic = ANSWER_KEY.exec(message.key)?.[1];
    if (topic !== undefined && isTopicIntent(topic)) increments.push(count(METRICS.topicAnswered, topic));
    if (FEEDBACK_QUESTION_KEY_LIST.includes(message.key)) increments.push(count(METRICS.feedbackAsked, channel));
  }
  if (!contextFlag(before, 'crisis') && contextFlag(after, 'crisis')) {
    increments.push(count(METRICS.crisisConversation, channel));
  }
  if (event.type === 'user.message' && !event.nlu.crisis) {
    const state = dialogStateName(before);
    if (!NOT_READ_BY_THE_BOT.includes(state)) increments.push(count(METRICS.messageRead, state));
  }
  return increments;
}

/** the state and words of a message the bot read and could not understand */
function unansweredText({ event, before, userText }: TurnSummary): { state: string; text: string } | undefined {
  if (event.type !== 'user.message' || event.nlu.crisis || isUnderstood({ ...event, facts: PLACEHOLDER_FACTS })) {
    return undefined;
  }
  const state = dialogStateName(before);
  if (NOT_READ_BY_THE_BOT.includes(state)) return undefined;
  return { state, text: (userText ?? '').trim() };
}

/** isUnderstood reads only the message; the facts a dialog event carries do not matter to it */
const PLACEHOLDER_FACTS = { mentorsOnDuty: false, channel: 'sms', retentionDays: 0 } as const;
