/**
 * The local Direct Line's memory: each conversation's activities in order, numbered by a watermark
 * that only grows, and the open streams that want new ones. Only the newest `historyCap` activities
 * are kept (the transcript store keeps the conversation itself), and conversations nobody has touched
 * for `idleMs` are forgotten. A restart clears all of it.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** what GET …/activities answers and the stream sends */
export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** a stored activity always has its id */
export type StoredActivity = Activity & { id: string };

export type ActivityListener = (set: ActivitySet) => void;

interface ConversationLog {
  started: boolean;
  /** activities with their sequence number; `seq` of the last one is the newest watermark */
  entries: Array<{ seq: number; activity: StoredActivity }>;
  lastSeq: number;
  listeners: Set<ActivityListener>;
  lastSeenAt: number;
}

export interface DirectLineConversationsOptions {
  historyCap: number;
  idleMs: number;
  now: () => number;
}

const SWEEP_EVERY_MS = 60_000;

export class UnknownDirectLineConversationError extends Error {
  readonly code = 'directline_unknown_conversation';
  constructor() {
    super('No such local Direct Line conversation (it ended, or the server restarted)');
    this.name = 'UnknownDirectLineConversationError';
  }
}

export class DirectLineConversations {
  private readonly logs = new Map<string, ConversationLog>();
  private lastSweepAt: number;

  constructor(private readonly options: DirectLineConversationsOptions) {
    this.lastSweepAt = options.now();
  }

  create(): string {
    this.sweepIdle();
    const id = randomBytes(16).toString('base64url');
    this.logs.set(id, {
      started: false,
      entries: [],
      lastSeq: 0,
      listeners: new Set(),
      lastSeenAt: this.options.now(),
    });
    return id;
  }

  /**
   * a conversation that was started before (a resume): held under its own id, already started (no
   * second conversationUpdate), showing `history` (the store's) and nothing else. When it is still
   * in memory its activities are replaced, not kept: after SLETT the store has forgotten what was
   * said, and a resumed page must not show it from here. Open streams keep their watermarks (the
   * numbers only grow) and are not sent the history again.
   */
  restore(conversationId: string, history: Array<Partial<Activity> & { timestamp: Date }>): void {
    this.sweepIdle();
    const log = this.logs.get(conversationId) ?? {
      started: true,
      entries: [],
      lastSeq: 0,
      listeners: new Set<ActivityListener>(),
      lastSeenAt: this.options.now(),
    };
    log.started = true;
    log.entries = [];
    log.lastSeenAt = this.options.now();
    this.logs.set(conversationId, log);
    for (const activity of history.slice(-this.options.historyCap)) {
      log.lastSeq += 1;
      log.entries.push({
        seq: log.lastSeq,
        activity: this.stored(conversationId, log.lastSeq, activity, activity.timestamp),
      });
    }
  }

  /** how many conversations are held in memory (idle ones forgotten first) */
  count(): number {
    this.sweepIdle();
    return this.logs.size;
  }

  has(conversationId: string): boolean {
    return this.logs.has(conversationId);
  }

  /** true the first time only: the conversation then gets its conversationUpdate */
  markStarted(conversationId: string): boolean {
    const log = this.log(conversationId);
    if (log.started) return false;
    log.started = true;
    return true;
  }

  /** stores an activity under the next watermark, gives it an id and a timestamp, and streams it */
  append(conversationId: string, activity: Partial<Activity>): StoredActivity {
    const log = this.log(conversationId);
    const seq = log.lastSeq + 1;
    log.lastSeq = seq;
    const stored = this.stored(conversationId, seq, activity, new Date(this.options.now()));
    log.entries.push({ seq, activity: stored });
    if (log.entries.length > this.options.historyCap)
      log.entries.splice(0, log.entries.length - this.options.historyCap);
    log.lastSeenAt = this.options.now();
    for (const listener of log.listeners) listener({ activities: [stored], watermark: String(seq) });
    return stored;
  }

  private stored(conversationId: string, seq: number, activity: Partial<Activity>, at: Date): StoredActivity {
    return {
      ...activity,
      id: `${conversationId}|${String(seq).padStart(7, '0')}`,
      timestamp: at,
      conversation: { ...activity.conversation, id: conversationId },
    } as StoredActivity;
  }

  /** activities after `watermark` (all kept ones when it is undefined) */
  since(conversationId: string, watermark: number | undefined): ActivitySet {
    const log = this.log(conversationId);
    log.lastSeenAt = this.options.now();
    const after = watermark ?? 0;
    const activities = log.entries.filter((entry) => entry.seq > after).map((entry) => entry.activity);
    // a watermark the client sends back never makes ours go down
    return { activities, watermark: String(Math.max(after, log.lastSeq)) };
  }

  subscribe(conversationId: string, listener: ActivityListener): () => void {
    const log = this.log(conversationId);
    log.listeners.add(listener);
    return () => {
      log.listeners.delete(listener);
      log.lastSeenAt = this.options.now();
    };
  }

  touch(conversationId: string): void {
    this.log(conversationId).lastSeenAt = this.options.now();
  }

  private log(conversationId: string): ConversationLog {
    const log = this.logs.get(conversationId);
    if (!log) throw new UnknownDirectLineConversationError();
    return log;
  }

  private sweepIdle(): void {
    const now = this.options.now();
    if (now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = now;
    for (const [id, log] of this.logs) {
      if (log.listeners.size === 0 && now - log.lastSeenAt > this.options.idleMs) this.logs.delete(id);
    }
  }
}
