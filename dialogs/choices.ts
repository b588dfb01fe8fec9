/**
 * Every choice the bot offers, with its stable id and label key. Ids say what they pick, so a choice
 * means the same in every state: `menu.<submenu>`, `topic.<intent>`, `followup.*`, `consent.*`,
 * `handover.cancel`, `erase.*`.
 */
import type { Choice } from '../src/domain/dialogProtocol.js';
import { isTopicIntent, type TopicIntent } from '../src/domain/domain.js';
import { isSubmenuId, type SubmenuId, topicKeys } from './topics.js';

export const CHOICE_IDS = {
  more: 'followup.more',
  related: 'followup.related',
  mentor: 'followup.mentor',
  menu: 'followup.menu',
  consentYes: 'consent.yes',
  consentNo: 'consent.no',
  cancelHandover: 'handover.cancel',
  eraseYes: 'erase.yes',
  eraseNo: 'erase.no',
  noPhone: 'callback.noPhone',
  somethingElse: 'suggest.other',
} as const;

const LABEL_KEYS: Record<(typeof CHOICE_IDS)[keyof typeof CHOICE_IDS], string> = {
  'followup.more': 'dialog.choice.more',
  'followup.related': 'dialog.choice.related',
  'followup.mentor': 'dialog.choice.mentor',
  'followup.menu': 'dialog.choice.menu',
  'consent.yes': 'handover.choice.consentYes',
  'consent.no': 'handover.choice.consentNo',
  'handover.cancel': 'handover.choice.cancel',
  'erase.yes': 'dialog.choice.eraseYes',
  'erase.no': 'dialog.choice.eraseNo',
  'callback.noPhone': 'handover.choice.noPhone',
  'suggest.other': 'dialog.choice.somethingElse',
};

export type FixedChoiceId = keyof typeof LABEL_KEYS;

export function choice(id: FixedChoiceId): Choice {
  return { id, labelKey: LABEL_KEYS[id] };
}

export function submenuChoice(submenu: SubmenuId): Choice {
  return { id: `menu.${submenu}`, labelKey: `dialog.choice.${submenu}` };
}

export function topicChoice(topic: TopicIntent): Choice {
  return { id: `topic.${topic}`, labelKey: topicKeys(topic).label };
}

/** `menu.measures` → `measures`; undefined for any other id */
export function submenuOfChoice(id: string | undefined): SubmenuId | undefined {
  if (!id?.startsWith('menu.')) return undefined;
  const submenu = id.slice('menu.'.length);
  return isSubmenuId(submenu) ? submenu : undefined;
}

/** `topic.measures.ips` → `measures.ips`; undefined for any other id */
export function topicOfChoice(id: string | undefined): TopicIntent | undefined {
  if (!id?.startsWith('topic.')) return undefined;
  const topic = id.slice('topic.'.length);
  return isTopicIntent(topic) ? topic : undefined;
}
