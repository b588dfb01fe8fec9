/**
 * The topic tree: four submenus, each with its topic intents, and the translation keys of every
 * topic (label in menus, answer, continuation). The copy itself lives in locales/<lng>/topics.json.
 */
import { TOPIC_INTENTS, type TopicIntent } from '../src/domain/domain.js';

export const SUBMENUS = ['openness', 'measures', 'helpline', 'work'] as const;
export type SubmenuId = (typeof SUBMENUS)[number];

export function isSubmenuId(value: string): value is SubmenuId {
  return (SUBMENUS as readonly string[]).includes(value);
}

/** A topic intent's first part names its submenu (`measures.ips` → `measures`). */
export function submenuOf(topic: TopicIntent): SubmenuId {
  const prefix = topic.slice(0, topic.indexOf('.'));
  if (!isSubmenuId(prefix)) throw new Error(`topic ${topic} has no submenu`);
  return prefix;
}

/** Topics in the order their submenu lists them (the order of the contract). */
export function topicsOf(submenu: SubmenuId): TopicIntent[] {
  return TOPIC_INTENTS.filter((topic) => submenuOf(topic) === submenu);
}

export interface TopicKeys {
  label: string;
  answer: string;
  more: string;
}

export function topicKeys(topic: TopicIntent): TopicKeys {
  return {
    label: `topics.${topic}.label`,
    answer: `topics.${topic}.answer`,
    more: `topics.${topic}.more`,
  };
}

/** `helpline.hours` also says whether mentors answer right now: one answer key for each case. */
export function answerKeyOf(topic: TopicIntent, mentorsOnDuty: boolean): string {
  if (topic === 'helpline.hours') return `topics.helpline.hours.${mentorsOnDuty ? 'answerOpen' : 'answerClosed'}`;
  return topicKeys(topic).answer;
}
