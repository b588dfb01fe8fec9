/**
 * Resume tokens: what the chat page keeps in localStorage when the person asks it to remember the
 * conversation on this device. A token names the conversation and its user and says until when it
 * holds, signed with HMAC-SHA256 under a key the server makes on first use and keeps in the
 * database (so it survives restarts and is the same on every instance). It opens nothing by itself:
 * the conversation must still be in the store (after SLETT or retention it is not).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../../../storage/ports.js';

const KEY_NAME = 'webchat-resume-v1';

const claimsSchema = z.strictObject({
  c: z.string().min(1).max(200),
  u: z.string().min(1).max(200),
  /** expiry, epoch ms */
  e: z.number().int().positive(),
});

export interface ResumeClaims {
  conversationId: string;
  userId: string;
  expiresAt: Date;
}

/** `malformed`: not a token at all (400); `forged`: bad signature or expired (403) */
export type ResumeVerification =
  | { ok: true; claims: ResumeClaims }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface ResumeTokensOptions {
  store: Store;
  /** how long a token holds: the retention period, since the conversation is gone after it anyway */
  ttlMs: number;
  now: () => number;
}

export class ResumeTokens {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly options: ResumeTokensOptions) {}

  async issue(conversationId: string, userId: string): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = this.options.now() + this.options.ttlMs;
    const payload = Buffer.from(JSON.stringify({ c: conversationId, u: userId, e: expiresAt })).toString('base64url');
    return { token: `${payload}.${await this.sign(payload)}`, expiresAt: new Date(expiresAt) };
  }

  async verify(token: string): Promise<ResumeVerification> {
    const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/u.exec(token);
    if (!match?.[1] || !match[2]) return { ok: false, reason: 'malformed' };
    const [, payload, signature] = match;
    const expected = Buffer.from(await this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
    const claims = claimsSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
    // signed by us, so a bad shape means an older format: treat it as forged, never trust it
    if (!claims.success) return { ok: false, reason: 'forged' };
    if (claims.data.e <= this.options.now()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: { conversationId: claims.data.c, userId: claims.data.u, expiresAt: new Date(claims.data.e) },
    };
  }

  private async sign(payload: string): Promise<string> {
    this.key ??= this.loadKey();
    return createHmac('sha256', await this.key)
      .update(payload)
      .digest('base64url');
  }

  private loadKey(): Promise<Buffer> {
    const loading = this.options.store
      .transaction(null, (uow) =>
        uow.serverKeys.getOrCreate(KEY_NAME, randomBytes(32).toString('base64url'), new Date(this.options.now())),
      )
      .then((secret) => Buffer.from(secret, 'base64url'));
    // a store that failed once is asked again next time
    loading.catch(() => {
      this.key = undefined;
    });
    return loading;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
