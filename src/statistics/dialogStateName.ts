/** The dialog state a persisted XState snapshot is in, as a dotted path (`conversation.handover.consent`). */

/** where a conversation stands before its first turn */
export const NEW_CONVERSATION_STATE = 'conversation.start';

export function dialogStateName(snapshot: unknown): string {
  if (typeof snapshot !== 'object' || snapshot === null || !('value' in snapshot)) return NEW_CONVERSATION_STATE;
  return flatten(snapshot.value) ?? NEW_CONVERSATION_STATE;
}

function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const [entry] = Object.entries(value);
  if (!entry) return undefined;
  const rest = flatten(entry[1]);
  return rest === undefined ? entry[0] : `${entry[0]}.${rest}`;
}

/** a flag of the snapshot's context (e.g. `crisis`), false when it is not there */
export function contextFlag(snapshot: unknown, name: string): boolean {
  if (typeof snapshot !== 'object' || snapshot === null || !('context' in snapshot)) return false;
  const context = snapshot.context;
  return typeof context === 'object' && context !== null && name in context && Reflect.get(context, name) === true;
}
