/**
 * The short summary a mentor sees before opening a handover. Built only from keys and counts, never
 * from what the person wrote, and without words, so the console can show it in its own language:
 * `topic=<intent id or none>; consent=<yes|no>; userMessages=<n>`.
 */
import type { TopicIntent } from '../domain/domain.js';

export interface HandoverSummaryFacts {
  topic: TopicIntent | null;
  consent: boolean;
  /** how many messages the person wrote before asking for a mentor */
  userMessages: number;
}

/** the same summary after the person answered the consent question later (a crisis queued them first) */
export function summaryWithConsent(summary: string, consent: boolean): string {
  return summary.replace(/consent=(yes|no)/, `consent=${consent ? 'yes' : 'no'}`);
}

export function buildHandoverSummary(facts: HandoverSummaryFacts): string {
  return [
    `topic=${facts.topic ?? 'none'}`,
    `consent=${facts.consent ? 'yes' : 'no'}`,
    `userMessages=${facts.userMessages}`,
  ].join('; ');
}
