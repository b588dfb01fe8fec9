/**
 * The local Direct Line 3.0 endpoint's state, in one object: conversations (activities and
 * watermarks), tokens, and the adapter that runs the bot for them. One process only: several
 * instances behind a load balancer need Azure Direct Line (DIRECT_LINE_SECRET) instead.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { DirectLineConversations } from './directLineConversations.js';
import { DEFAULT_DIRECT_LINE_LIMITS, type DirectLineLimitSettings, DirectLineLimits } from './directLineLimits.js';
import { DirectLineTokens } from './directLineTokens.js';
import { LocalDirectLineAdapter } from './localDirectLineAdapter.js';

export interface LocalDirectLineOptions {
  /** activities kept per conversation for replay (default 500) */
  historyCap?: number;
  /** a conversation nobody touched for this long is forgotten (default 24 h) */
  idleMs?: number;
  /** token lifetime; Web Chat refreshes every 15 minutes (default 30 min) */
  tokenTtlMs?: number;
  /** how long a stream URL may wait before it is opened (default 2 min) */
  streamTicketTtlMs?: number;
  /** rate limits and ceilings on what clients create (default DEFAULT_DIRECT_LINE_LIMITS) */
  limits?: Partial<DirectLineLimitSettings>;
  now?: () => number;
}

export interface OpenedConversation {
  conversationId: string;
  userId: string;
  token: string;
  expiresInSeconds: number;
}

export class LocalDirectLine {
  readonly conversations: DirectLineConversations;
  readonly tokens: DirectLineTokens;
  readonly adapter: LocalDirectLineAdapter;
  readonly limits: DirectLineLimits;

  constructor(options: LocalDirectLineOptions = {}) {
    const now = options.now ?? Date.now;
    this.conversations = new DirectLineConversations({
      historyCap: options.historyCap ?? 500,
      idleMs: options.idleMs ?? 24 * 60 * 60_000,
      now,
    });
    this.tokens = new DirectLineTokens({
      tokenTtlMs: options.tokenTtlMs ?? 30 * 60_000,
      streamTicketTtlMs: options.streamTicketTtlMs ?? 2 * 60_000,
      now,
    });
    this.adapter = new LocalDirectLineAdapter(this.conversations);
    this.limits = new DirectLineLimits({ ...DEFAULT_DIRECT_LINE_LIMITS, ...options.limits }, now);
  }

  /** 0 when `address` may open a new conversation now; otherwise how many ms to wait */
  admitNewConversation(address: string): number {
    return this.limits.admitNewConversation(address, this.conversations.count());
  }

  /**
   * a conversation the person asked this device to remember, opened again under its own id and
   * user (so the engine finds its dialog, handover and mentor), with `history` replayed when the
   * local Direct Line had forgotten it (idle, or a restart)
   */
  resumeConversation(
    conversationId: string,
    userId: string,
    history: Array<Partial<Activity> & { timestamp: Date }>,
  ): OpenedConversation {
    this.conversations.restore(conversationId, history);
    const issued = this.tokens.issue({ conversationId, userId });
    return { conversationId, userId, token: issued.token, expiresInSeconds: issued.expiresInSeconds };
  }

  /** a new conversation, its (server-chosen) user and a token that opens only it */
  openConversation(): OpenedConversation {
    const conversationId = this.conversations.create();
    // Direct Line's convention for user ids issued with a token
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    const issued = this.tokens.issue({ conversationId, userId });
    return { conversationId, userId, token: issued.token, expiresInSeconds: issued.expiresInSeconds };
  }
}
