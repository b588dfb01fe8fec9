/**
 * A Mermaid state diagram of a dialog machine, read from its definition: states with what they say
 * on entry, and every transition that changes state, labelled `event [guard] / actions`.
 * Transitions defined on a parent state work from any of its children: they start at a small
 * "any state" node inside that parent.
 */
import type { AnyStateMachine, StateNode } from 'xstate';

type AnyStateNode = StateNode<never, never>;

const idOf = (node: AnyStateNode) => node.id.replaceAll('.', '_');

function nameOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null && 'type' in item) {
    const { type, params } = item as { type: unknown; params?: unknown };
    if (typeof type !== 'string') return '?';
    if (typeof params !== 'object' || params === null) return type;
    const args = Object.entries(params).map(([name, value]) => `${name}=${String(value)}`);
    return `${type}(${args.join(', ')})`;
  }
  return '?';
}

/** `and`, `or`, `not` and `stateIn` guards are functions carrying their parts */
function describeGuard(guard: unknown): string {
  if (guard === undefined) return '';
  if (typeof guard === 'function') {
    const parts = (guard as { guards?: unknown[] }).guards ?? [];
    const inner = parts.map(describeGuard);
    switch (guard.name) {
      case 'and':
        return inner.map((part) => (part.includes(' ') ? `(${part})` : part)).join(' and ');
      case 'or':
        return inner.map((part) => (part.includes(' ') ? `(${part})` : part)).join(' or ');
      case 'not':
        return `not ${inner[0]?.includes(' ') ? `(${inner[0]})` : inner[0]}`;
      case 'stateIn':
        return `in ${String((guard as { stateValue?: unknown }).stateValue)}`;
      default:
        return guard.name || '?';
    }
  }
  return nameOf(guard);
}

function edgeLabel(eventType: string, guard: unknown, actions: readonly unknown[]): string {
  const condition = describeGuard(guard);
  const doing = actions.map(nameOf).filter((name) => name !== 'rememberFacts');
  return [eventType, condition ? `[${condition}]` : '', doing.length > 0 ? `/ ${doing.join(', ')}` : '']
    .filter(Boolean)
    .join(' ')
    .replaceAll(':', ' ');
}

function describeState(node: AnyStateNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const children = Object.values(node.states) as AnyStateNode[];
  const entry = (node.entry as readonly unknown[]).map(nameOf);
  if (children.length === 0) {
    lines.push(`${pad}state "${node.key}" as ${idOf(node)}`);
    if (entry.length > 0) lines.push(`${pad}${idOf(node)} : entry / ${entry.join(', ')}`);
    return;
  }
  lines.push(`${pad}state "${node.key}" as ${idOf(node)} {`);
  const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
  if (initial) lines.push(`${pad}  [*] --> ${idOf(initial)}`);
  for (const child of children) describeState(child, depth + 1, lines);
  if (hasTargetedTransitions(node)) lines.push(`${pad}  state "any state in ${node.key}" as ${idOf(node)}_any`);
  lines.push(`${pad}}`);
}

function hasTargetedTransitions(node: AnyStateNode): boolean {
  return [...node.transitions.values()].some((list) => list.some((transition) => transition.target?.length));
}

function describeTransitions(node: AnyStateNode, lines: string[]): void {
  const isCompound = Object.keys(node.states).length > 0;
  const source = isCompound ? `${idOf(node)}_any` : idOf(node);
  for (const [eventType, list] of node.transitions) {
    for (const transition of list) {
      for (const target of (transition.target ?? []) as AnyStateNode[]) {
        const label = edgeLabel(eventType, transition.guard, transition.actions);
        lines.push(`  ${source} --> ${idOf(target)} : ${label}`);
      }
    }
  }
  for (const child of Object.values(node.states) as AnyStateNode[]) describeTransitions(child, lines);
}

export function toMermaid(machine: AnyStateMachine): string {
  const root = machine.root as unknown as AnyStateNode;
  const lines = ['stateDiagram-v2'];
  const initial = root.initial?.target?.[0] as AnyStateNode | undefined;
  if (initial) lines.push(`  [*] --> ${idOf(initial)}`);
  for (const child of Object.values(root.states) as AnyStateNode[]) describeState(child, 1, lines);
  if (hasTargetedTransitions(root)) lines.push(`  state "any state" as ${idOf(root)}_any`);
  describeTransitions(root, lines);
  return lines.join('\n');
}
