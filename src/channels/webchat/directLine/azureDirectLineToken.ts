/**
 * Exchanges the Direct Line secret for a conversation token with Azure Direct Line, so that the
 * secret stays on the server. The user id goes into the token, so Azure sends the bot a
 * conversationUpdate with the user at once and the welcome is said before the user writes.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const AZURE_DIRECT_LINE_BASE_URL = 'https://directline.botframework.com/v3/directline';

const generatedTokenSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().optional(),
});

export class DirectLineExchangeError extends Error {
  readonly code = 'directline_exchange_failed';
  constructor(readonly status: number | undefined) {
    super(`Azure Direct Line did not issue a token${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'DirectLineExchangeError';
  }
}

export interface AzureDirectLineOptions {
  secret: string;
  /** e.g. https://europe.directline.botframework.com/v3/directline */
  baseUrl: string;
  timeoutMs?: number;
}

export async function generateAzureDirectLineToken(
  options: AzureDirectLineOptions,
): Promise<{ token: string; conversationId: string }> {
  const userId = `dl_${randomBytes(12).toString('base64url')}`;
  let response: Response;
  try {
    response = await fetch(`${options.baseUrl}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch {
    throw new DirectLineExchangeError(undefined);
  }
  if (!response.ok) throw new DirectLineExchangeError(response.status);
  const parsed = generatedTokenSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new DirectLineExchangeError(response.status);
  return { token: parsed.data.token, conversationId: parsed.data.conversationId };
}
