/**
 * Runs the helpline machine the way the conversation engine does: one actor per turn, restored from
 * the persisted snapshot (after a JSON round trip), stopped after the event.
 */
import { createActor, type Snapshot } from 'xstate';
import { helplineMachine } from '../../dialogs/helplineMachine.js';
import type { DialogEmitted, DialogEvent, DialogFacts, Keyword } from '../../src/domain/dialogProtocol.js';
import type { IntentId, Locale, RiskLevel, TopicGuess, TopicIntent } from '../../src/domain/domain.js';

export type PersistedSnapshot = Snapshot<unknown>;

export interface Turn {
  snapshot: PersistedSnapshot;
  emitted: DialogEmitted[];
}

export const SMS_ON_DUTY: DialogFacts = { mentorsOnDuty: true, channel: 'sms', retentionDays: 30 };

export function runTurn(snapshot: PersistedSnapshot | undefined, event: DialogEvent): Turn {
  const actor = createActor(
    helplineMachine,
    snapshot ? { snapshot: JSON.parse(JSON.stringify(snapshot)) as PersistedSnapshot } : {},
  );
  const emitted: DialogEmitted[] = [];
  actor.on('*', (item) => emitted.push(item));
  actor.start();
  actor.send(event);
  const next = actor.getPersistedSnapshot();
  actor.stop();
  return { snapshot: JSON.parse(JSON.stringify(next)) as PersistedSnapshot, emitted };
}

export function stateOf(snapshot: PersistedSnapshot): string {
  const restored = helplineMachine.resolveState(snapshot as never);
  return restored._nodes
    .filter((node) => node.type === 'atomic')
    .map((node) => node.id)
    .join(',');
}

export interface MessageOptions {
  intent?: IntentId;
  confidence?: number;
  crisis?: boolean;
  risk?: RiskLevel;
  concern?: boolean;
  language?: Locale;
  keyword?: Keyword;
  choice?: string;
  empty?: boolean;
  picture?: boolean;
  emojiOnly?: boolean;
  phone?: string;
  phoneLike?: boolean;
  /** the classifier's topic guesses ("Mener du …?") */
  guesses?: TopicGuess[];
  /** a second question's topic */
  alsoAsked?: TopicIntent;
  facts?: DialogFacts;
}

export function userMessage(options: MessageOptions = {}): DialogEvent {
  return {
    type: 'user.message',
    nlu: {
      intent: options.intent ?? 'unknown',
      confidence: options.confidence ?? (options.intent && options.intent !== 'unknown' ? 0.9 : 0),
      crisis: options.crisis ?? false,
      risk: options.risk ?? (options.crisis ? 'thoughts' : 'none'),
      concern: options.concern ?? false,
      language: options.language ?? 'nb',
      ...(options.guesses ? { guesses: options.guesses } : {}),
      ...(options.alsoAsked ? { alsoAsked: options.alsoAsked } : {}),
    },
    ...(options.keyword ? { keyword: options.keyword } : {}),
    ...(options.choice ? { choice: options.choice } : {}),
    ...(options.empty ? { empty: true } : {}),
    ...(options.picture ? { empty: true, picture: true } : {}),
    ...(options.emojiOnly ? { emojiOnly: true } : {}),
    ...(options.phone ? { phone: options.phone } : {}),
    ...(options.phoneLike ? { phoneLike: true } : {}),
    facts: options.facts ?? SMS_ON_DUTY,
  };
}

/** the keys said in a turn, in order; effects as `effect:<kind>` */
export function keysOf(emitted: DialogEmitted[]): string[] {
  return emitted.map((item) => (item.type === 'say' ? item.message.key : `effect:${item.effect.kind}`));
}
