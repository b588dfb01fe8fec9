/**
 * Model-based tests: the machine's reachable states, explored with @xstate/graph from a fresh
 * conversation with every kind of event.
 */
import { type AdjacencyMap, adjacencyMapToArray, getAdjacencyMap, getStateNodes } from '@xstate/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyActorLogic, SnapshotFrom, StateValue } from 'xstate';
import { type HelplineEvent, helplineMachine } from '../../dialogs/helplineMachine.js';
import { answerKeyOf } from '../../dialogs/topics.js';
import { TOPIC_INTENTS } from '../../src/domain/domain.js';
import { topicQuestion, traversalEvents } from './dialogEvents.js';
import { keysOf, type PersistedSnapshot, runTurn, stateOf } from './dialogHarness.js';

type HelplineSnapshot = SnapshotFrom<typeof helplineMachine>;

/** what makes two states different for the dialog (the last topic only matters as set or not) */
function abstractState(snapshot: HelplineSnapshot): string {
  const { context } = snapshot;
  return JSON.stringify([
    snapshot.value,
    context.handover,
    context.pendingErase,
    context.lastTopic !== null,
    context.crisis,
    context.unknownStreak,
    context.greeted,
    context.mentorsOnDuty,
  ]);
}

function pathOf(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, inner] = Object.entries(value)[0] ?? [];
  return key === undefined || inner === undefined ? '' : `${key}.${pathOf(inner)}`;
}

interface Graph {
  snapshots: Map<string, HelplineSnapshot>;
  edges: Map<string, Set<string>>;
}

function explore(): Graph {
  // @xstate/graph's ActorLogic type does not carry the machine's emitted events: widen it
  const logic: AnyActorLogic = helplineMachine;
  const adjacency: AdjacencyMap<HelplineSnapshot, HelplineEvent> = getAdjacencyMap(logic, {
    events: traversalEvents(),
    serializeState: (snapshot) => abstractState(snapshot as HelplineSnapshot),
  });
  const snapshots = new Map<string, HelplineSnapshot>();
  const edges = new Map<string, Set<string>>();
  for (const { state, nextState } of adjacencyMapToArray(adjacency)) {
    const from = abstractState(state);
    snapshots.set(from, state);
    edges.set(from, (edges.get(from) ?? new Set()).add(abstractState(nextState)));
  }
  return { snapshots, edges };
}

/** the states from which some state matching `goal` can be reached */
function canReach(graph: Graph, goal: (path: string) => boolean): Set<string> {
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of graph.edges) {
    for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
  }
  const queue = [...graph.snapshots].filter(([, snapshot]) => goal(pathOf(snapshot.value))).map(([key]) => key);
  const reached = new Set(queue);
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const from of reverse.get(key) ?? []) {
      if (!reached.has(from)) {
        reached.add(from);
        queue.push(from);
      }
    }
  }
  return reached;
}

const isMainMenu = (path: string) => path === 'conversation.mainMenu';
const isWithMentorOrOnTheWay = (path: string) => path.startsWith('conversation.handover.');
/** states where the bot answers questions (not while a mentor has the conversation or after STOPP) */
const isStable = (path: string) => path !== 'conversation.handover.withMentor' && path !== 'optedOut';

describe('helpline machine, explored as a graph', () => {
  let graph: Graph;
  beforeAll(() => {
    graph = explore();
  });

  it('reaches every state it defines', () => {
    const defined = getStateNodes(helplineMachine.root)
      .filter((node) => node.type === 'atomic')
      .map((node) => node.path.join('.'));
    const reached = new Set([...graph.snapshots.values()].map((snapshot) => pathOf(snapshot.value)));
    expect(defined.length).toBeGreaterThanOrEqual(12);
    expect([...defined].filter((path) => !reached.has(path))).toEqual([]);
  });

  it('can get back to the main menu from every reachable state', () => {
    const reaching = canReach(graph, isMainMenu);
    const stuck = [...graph.snapshots.keys()].filter((key) => !reaching.has(key));
    expect(stuck).toEqual([]);
  });

  it('can get to a mentor from every reachable state', () => {
    const reaching = canReach(graph, isWithMentorOrOnTheWay);
    const stuck = [...graph.snapshots.keys()].filter((key) => !reaching.has(key));
    expect(stuck).toEqual([]);
  });

  it('answers every topic question from every stable state', () => {
    const representatives = new Map<string, PersistedSnapshot>();
    for (const snapshot of graph.snapshots.values()) {
      if (!isStable(pathOf(snapshot.value))) continue;
      const { context } = snapshot;
      const key = JSON.stringify([snapshot.value, context.handover, context.pendingErase, context.greeted]);
      representatives.set(key, helplineMachine.getPersistedSnapshot(snapshot) as PersistedSnapshot);
    }
    expect(representatives.size).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const [from, snapshot] of representatives) {
      for (const topic of TOPIC_INTENTS) {
        const turn = runTurn(snapshot, topicQuestion(topic));
        const said = keysOf(turn.emitted);
        if (!said.includes(answerKeyOf(topic, true)) || stateOf(turn.snapshot) !== 'helpline.conversation.answer') {
          failures.push(`${topic} from ${from}: ${said.join(' ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
