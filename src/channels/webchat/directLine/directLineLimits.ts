/**
 * What strangers may create on the local Direct Line: new conversations and posted activities are
 * counted per client address, per conversation and for the whole server, in fixed windows; over a
 * limit the route answers 429 with Retry-After. The number of conversations held in memory has a
 * ceiling too. Counters live in memory (the local Direct Line is one process anyway) and are bounded:
 * expired windows are swept, and a flood of new addresses cannot grow them past `maxTrackedKeys`.
 */

export interface DirectLineLimitSettings {
  windowMs: number;
  newConversationsPerAddress: number;
  newConversationsOverall: number;
  /** conversations held in memory at once */
  liveConversations: number;
  activitiesPerAddress: number;
  activitiesPerConversation: number;
  activitiesOverall: number;
  maxTrackedKeys: number;
}

/**
 * A page load opens one conversation and a person types a message every few seconds at most;
 * these leave room for an office behind one address and stop a script within a second.
 */
export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimitSettings = {
  windowMs: 60_000,
  newConversationsPerAddress: 30,
  newConversationsOverall: 300,
  liveConversations: 5000,
  activitiesPerAddress: 120,
  activitiesPerConversation: 20,
  activitiesOverall: 2400,
  maxTrackedKeys: 20_000,
};

interface Window {
  startedAt: number;
  count: number;
}

export class DirectLineLimits {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly settings: DirectLineLimitSettings,
    private readonly now: () => number,
  ) {}

  /** 0 when a new conversation may be opened for this address now; otherwise ms to wait */
  admitNewConversation(address: string, liveConversations: number): number {
    if (liveConversations >= this.settings.liveConversations) return this.settings.windowMs;
    return this.take([
      [`conversation-overall`, this.settings.newConversationsOverall],
      [`conversation-address:${address}`, this.settings.newConversationsPerAddress],
    ]);
  }

  /** 0 when this address may post an activity to this conversation now; otherwise ms to wait */
  admitActivity(address: string, conversationId: string): number {
    return this.take([
      ['activity-overall', this.settings.activitiesOverall],
      [`activity-address:${address}`, this.settings.activitiesPerAddress],
      [`activity-conversation:${conversationId}`, this.settings.activitiesPerConversation],
    ]);
  }

  /** counts one against every limit, or none when any is spent */
  private take(limits: Array<[key: string, max: number]>): number {
    const now = this.now();
    this.sweepIfFull(now);
    const windows = limits.map(([key, max]) => ({ window: this.current(key, now), max }));
    const wait = Math.max(
      0,
      ...windows.map(({ window, max }) =>
        window && window.count >= max ? window.startedAt + this.settings.windowMs - now : 0,
      ),
    );
    if (wait > 0) return wait;
    // every tracked key is in use: refuse rather than grow
    if (windows.some(({ window }) => window === undefined) && this.windows.size >= this.settings.maxTrackedKeys) {
      return this.settings.windowMs;
    }
    for (const [key] of limits) {
      const window = this.current(key, now) ?? { startedAt: now, count: 0 };
      window.count += 1;
      this.windows.set(key, window);
    }
    return 0;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.startedAt < this.settings.windowMs) return window;
    if (window) this.windows.delete(key);
    return undefined;
  }

  private sweepIfFull(now: number): void {
    if (this.windows.size < this.settings.maxTrackedKeys) return;
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.settings.windowMs) this.windows.delete(key);
    }
  }
}
