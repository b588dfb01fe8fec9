/**
 * POST /api/directline/token: what the chat page calls first. Answers `{token, domain}` for the
 * local Direct Line, or, when a Direct Line secret is configured, a token from Azure Direct Line.
 *
 * With the local Direct Line a person may ask the page to remember the conversation on this device:
 * POST /api/directline/resume-token (with the Direct Line token) gives a signed resume token, and
 * POST /api/directline/token `{resume}` opens that same conversation again, with its recent history.
 * A token that is not ours or has expired gets 400/403 and opens nothing; one whose conversation is
 * gone (SLETT, retention) gets a new conversation and `previousGone: true`.
 */
import type { ChannelAccount } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { errorSummary } from '../../logging/errorSummary.js';
import type { Store } from '../../storage/ports.js';
import { generateAzureDirectLineToken } from './directLine/azureDirectLineToken.js';
import { clientAddress, DIRECT_LINE_PATH, tooManyRequests } from './directLine/directLineRoutes.js';
import type { LocalDirectLine } from './directLine/localDirectLine.js';
import { type ReplayedActivity, storedHistory } from './directLine/resumedHistory.js';
import type { ResumeTokens } from './directLine/resumeTokens.js';
import { zodReason } from './zodReason.js';

export interface DirectLineTokenRouteDeps {
  directLine: LocalDirectLine;
  publicBaseUrl: () => string;
  /** set: use Azure Direct Line at `azureDirectLineBaseUrl` (no resume then) */
  directLineSecret?: string;
  azureDirectLineBaseUrl: string;
  resume: { tokens: ResumeTokens; store: Store; botAccount: ChannelAccount };
  logger: Logger;
}

const tokenRequestSchema = z.strictObject({ resume: z.string().min(1).max(2000).optional() }).optional();

export function registerDirectLineTokenRoute(server: Server, deps: DirectLineTokenRouteDeps): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    if (deps.directLineSecret) {
      await azureToken(res, { ...deps, directLineSecret: deps.directLineSecret });
      return;
    }
    const body = tokenRequestSchema.safeParse(req.body ?? undefined);
    if (!body.success) {
      res.send(400, { error: zodReason(body.error) });
      return;
    }
    // a resume holds a conversation in memory as a new one does: the same limits
    const waitMs = deps.directLine.admitNewConversation(clientAddress(req));
    if (waitMs > 0) {
      tooManyRequests(res, waitMs);
      return;
    }
    const domain = `${deps.publicBaseUrl()}${DIRECT_LINE_PATH}`;
    const resume = body.data?.resume;
    if (resume === undefined) {
      res.send(200, { token: deps.directLine.openConversation().token, domain });
      return;
    }
    const found = await remembered(deps, resume);
    if (found.kind === 'unavailable') {
      res.send(503, { error: 'the conversation cannot be looked up right now; try again' });
      return;
    }
    if (found.kind === 'invalid') {
      res.send(found.reason === 'malformed' ? 400 : 403, { error: 'the resume token is not valid' });
      return;
    }
    const { conversationId, userId, history } = found;
    if (!history) {
      res.send(200, { token: deps.directLine.openConversation().token, domain, resumed: false, previousGone: true });
      return;
    }
    const opened = deps.directLine.resumeConversation(conversationId, userId, history);
    deps.logger.info({ channel: 'webchat', transport: 'local-directline' }, 'web chat conversation resumed');
    res.send(200, { token: opened.token, domain, resumed: true });
  });

  if (deps.directLineSecret) return;
  server.post('/api/directline/resume-token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    const match = /^Bearer\s+(\S+)$/iu.exec(req.header('authorization') ?? '');
    const grant = match?.[1] ? deps.directLine.tokens.verify(match[1]) : undefined;
    if (!grant || !deps.directLine.conversations.has(grant.conversationId)) {
      res.send(403, { error: 'a valid Direct Line token is required' });
      return;
    }
    try {
      const issued = await deps.resume.tokens.issue(grant.conversationId, grant.userId);
      res.send(200, { resume: issued.token, expiresAt: issued.expiresAt.toISOString() });
    } catch (error) {
      deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'resume token could not be issued');
      res.send(503, { error: 'the conversation cannot be remembered right now; try again' });
    }
  });
}

type Remembered =
  | { kind: 'invalid'; reason: 'malformed' | 'forged' | 'expired' }
  | { kind: 'unavailable' }
  | { kind: 'valid'; conversationId: string; userId: string; history: ReplayedActivity[] | undefined };

/** the conversation a resume token names, with its stored history (undefined: it is gone) */
async function remembered(deps: DirectLineTokenRouteDeps, resume: string): Promise<Remembered> {
  try {
    const verified = await deps.resume.tokens.verify(resume);
    if (!verified.ok) return { kind: 'invalid', reason: verified.reason };
    const { conversationId, userId } = verified.claims;
    const history = await storedHistory(deps.resume.store, {
      conversationId,
      userId,
      botAccount: deps.resume.botAccount,
    });
    return { kind: 'valid', conversationId, userId, history };
  } catch (error) {
    // the key and the transcript are in the store
    deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'resume could not be looked up');
    return { kind: 'unavailable' };
  }
}

async function azureToken(res: Response, deps: DirectLineTokenRouteDeps & { directLineSecret: string }): Promise<void> {
  try {
    const generated = await generateAzureDirectLineToken({
      secret: deps.directLineSecret,
      baseUrl: deps.azureDirectLineBaseUrl,
    });
    res.send(200, { token: generated.token, domain: deps.azureDirectLineBaseUrl });
  } catch (error) {
    deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'azure direct line token exchange failed');
    res.send(502, { error: 'the chat service is not available right now' });
  }
}
