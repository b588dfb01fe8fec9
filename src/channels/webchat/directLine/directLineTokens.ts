/**
 * Tokens of the local Direct Line: random, kept in memory (as SHA-256 hashes), each bound to one
 * conversation and one user, with an expiry. Stream tickets are separate, short-lived and single-use,
 * so the long-lived token never travels in a WebSocket URL.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface DirectLineGrant {
  conversationId: string;
  userId: string;
}

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

export interface DirectLineTokensOptions {
  tokenTtlMs: number;
  streamTicketTtlMs: number;
  now: () => number;
}

const SWEEP_EVERY_MS = 60_000;

export class DirectLineTokens {
  private readonly tokens = new Map<string, DirectLineGrant & { expiresAt: number }>();
  private readonly streamTickets = new Map<string, { conversationId: string; expiresAt: number }>();
  private lastSweepAt: number;

  constructor(private readonly options: DirectLineTokensOptions) {
    this.lastSweepAt = options.now();
  }

  issue(grant: DirectLineGrant): IssuedToken {
    this.sweepExpired();
    const token = randomSecret();
    this.tokens.set(hash(token), { ...grant, expiresAt: this.options.now() + this.options.tokenTtlMs });
    return { token, expiresInSeconds: Math.floor(this.options.tokenTtlMs / 1000) };
  }

  /** the grant of a valid, unexpired token */
  verify(token: string): DirectLineGrant | undefined {
    const found = this.tokens.get(hash(token));
    if (!found || found.expiresAt <= this.options.now()) return undefined;
    return { conversationId: found.conversationId, userId: found.userId };
  }

  /** seconds until a valid token expires */
  expiresInSeconds(token: string): number {
    const found = this.tokens.get(hash(token));
    return found ? Math.max(0, Math.floor((found.expiresAt - this.options.now()) / 1000)) : 0;
  }

  issueStreamTicket(conversationId: string): string {
    this.sweepExpired();
    const ticket = randomSecret();
    this.streamTickets.set(hash(ticket), {
      conversationId,
      expiresAt: this.options.now() + this.options.streamTicketTtlMs,
    });
    return ticket;
  }

  /** true once for a valid ticket of this conversation; the ticket is spent either way */
  redeemStreamTicket(ticket: string, conversationId: string): boolean {
    const key = hash(ticket);
    const found = this.streamTickets.get(key);
    this.streamTickets.delete(key);
    return found !== undefined && found.conversationId === conversationId && found.expiresAt > this.options.now();
  }

  private sweepExpired(): void {
    const now = this.options.now();
    if (now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = now;
    for (const [key, value] of this.tokens) if (value.expiresAt <= now) this.tokens.delete(key);
    for (const [key, value] of this.streamTickets) if (value.expiresAt <= now) this.streamTickets.delete(key);
  }
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
