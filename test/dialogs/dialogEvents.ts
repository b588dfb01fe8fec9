/**
 * Events that exercise the helpline machine: every kind of user message (topics, conversation intents,
 * keywords, every choice id, empty, crisis) and every engine event, on and off duty.
 */

import { CHOICE_IDS, submenuChoice, topicChoice } from '../../dialogs/choices.js';
import { SUBMENUS } from '../../dialogs/topics.js';
import { type DialogEvent, type DialogFacts, KEYWORDS, type Keyword } from '../../src/domain/dialogProtocol.js';
import { CONVERSATION_INTENTS, TOPIC_INTENTS, type TopicIntent } from '../../src/domain/domain.js';
import { userMessage } from './dialogHarness.js';

export const ON_DUTY: DialogFacts = { mentorsOnDuty: true, channel: 'sms', retentionDays: 30 };
export const OFF_DUTY: DialogFacts = { mentorsOnDuty: false, channel: 'sms', retentionDays: 30 };
export const WEB_OFF_DUTY: DialogFacts = { mentorsOnDuty: false, channel: 'webchat', retentionDays: 30 };

export const ALL_KEYWORDS: readonly Keyword[] = KEYWORDS;

export const ALL_CHOICE_IDS: string[] = [
  ...SUBMENUS.map((submenu) => submenuChoice(submenu).id),
  ...TOPIC_INTENTS.map((topic) => topicChoice(topic).id),
  ...Object.values(CHOICE_IDS),
];

export function topicQuestion(topic: TopicIntent, facts: DialogFacts = ON_DUTY): DialogEvent {
  return userMessage({ intent: topic, confidence: 0.9, facts });
}

export function engineEvents(facts: DialogFacts): DialogEvent[] {
  return [
    { type: 'session.start', facts },
    { type: 'handover.queued', position: 3, waitMinutes: 12, facts },
    { type: 'handover.queued', position: 1, waitMinutes: 2, facts },
    { type: 'handover.waitUpdate', position: 2, waitMinutes: 8, facts },
    { type: 'handover.accepted', facts },
    { type: 'handover.released', facts },
    { type: 'handover.closed', facts },
    { type: 'handover.mentorLost', facts },
    { type: 'handover.startedByMentor', facts },
  ];
}

/** a long message the classifier is unsure of, with three plausible topics: "Mener du …?" */
export function unsureLongMessage(facts: DialogFacts = ON_DUTY): DialogEvent {
  return userMessage({
    intent: 'unknown',
    confidence: 0.75,
    guesses: [
      { intent: 'measures.wage_subsidy', confidence: 0.28 },
      { intent: 'measures.work_training', confidence: 0.24 },
      { intent: 'work.return', confidence: 0.2 },
    ],
    facts,
  });
}

/** a small set that still reaches every state: used for graph traversal */
export function traversalEvents(): DialogEvent[] {
  return [
    ...SUBMENUS.map((submenu) => userMessage({ choice: submenuChoice(submenu).id })),
    userMessage({ choice: topicChoice('measures.ips').id }),
    topicQuestion('openness.whether'),
    userMessage({ intent: 'work.return', confidence: 0.4 }),
    unsureLongMessage(),
    ...CONVERSATION_INTENTS.map((intent) => userMessage({ intent })),
    userMessage({ intent: 'human', facts: OFF_DUTY }),
    userMessage({ intent: 'affirm', facts: OFF_DUTY }),
    userMessage({ intent: 'human', facts: WEB_OFF_DUTY }),
    userMessage({ intent: 'affirm', facts: WEB_OFF_DUTY }),
    userMessage({ phone: '+4791234567', facts: WEB_OFF_DUTY }),
    userMessage({ concern: true }),
    ...ALL_KEYWORDS.map((keyword) => userMessage({ keyword })),
    ...Object.values(CHOICE_IDS).map((choice) => userMessage({ choice })),
    userMessage({ empty: true }),
    userMessage({ crisis: true }),
    userMessage({ crisis: true, facts: OFF_DUTY }),
    ...engineEvents(ON_DUTY),
  ];
}
