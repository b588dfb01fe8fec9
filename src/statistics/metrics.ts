/**
 * The anonymous counters' names and dimensions (statistics_counters). Each is counted at the time of
 * its event, into its UTC hour; the report (statisticsReport.ts) adds them up for a period.
 */
import type { CounterIncrement } from '../storage/ports.js';

export const METRICS = {
  /** a person's first message in a conversation; dimension: channel */
  conversationStarted: 'conversation.started',
  /** a topic answer the bot gave; dimension: topic intent */
  topicAnswered: 'topic.answered',
  /** a message the bot read (not while a mentor has the conversation); dimension: dialog state */
  messageRead: 'message.read',
  /** a message the bot read and did not understand; dimension: dialog state */
  notUnderstood: 'message.notUnderstood',
  /** a place in the live queue; dimension: channel */
  handoverRequested: 'handover.requested',
  /** a mentor accepted from the queue; dimension: channel */
  handoverAccepted: 'handover.accepted',
  /** the person left the queue before a mentor came (AVBRYT, STOPP; not SLETT); dimension: channel */
  handoverAbandoned: 'handover.abandoned',
  /** a callback request outside opening hours; dimension: channel */
  callbackRequested: 'handover.callback',
  /** minutes from the request to a mentor; dimension: the bucket's upper bound (WAIT_BUCKETS) */
  waitMinutes: 'handover.waitMinutes',
  /** a conversation with a crisis answer (counted once per conversation); dimension: channel */
  crisisConversation: 'crisis.conversation',
  /** a handover or callback closed by a mentor; dimension: outcome */
  outcome: 'handover.outcome',
  /** the feedback question was asked; dimension: channel */
  feedbackAsked: 'feedback.asked',
  /** an answer to it; dimension: "1" … "5" */
  feedbackAnswer: 'feedback.answer',
} as const;

export const FEEDBACK_RATINGS = ['1', '2', '3', '4', '5'] as const;

/**
 * Upper bounds (minutes, inclusive) of the wait histogram. A median or 90th percentile read from it
 * is the bound of the bucket it falls in ("at most 10 minutes"), so no single wait is kept.
 */
export const WAIT_BUCKETS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 480] as const;
/** the last bucket: longer than the largest bound */
export const WAIT_OVERFLOW = 'over';

export function waitBucketOf(minutes: number): string {
  const bound = WAIT_BUCKETS.find((limit) => minutes <= limit);
  return bound === undefined ? WAIT_OVERFLOW : String(bound);
}

export function count(metric: string, dimension: string, value = 1): CounterIncrement {
  return { metric, dimension, value };
}

/** the start of the UTC hour `at` falls in: the finest time a counter keeps */
export function hourOf(at: Date): Date {
  const hour = new Date(at.getTime());
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}
