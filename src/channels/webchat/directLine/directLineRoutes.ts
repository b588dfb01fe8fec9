/**
 * The local Direct Line 3.0 REST endpoint (what botframework-directlinejs calls): tokens, start and
 * resume a conversation, post an activity, get activities after a watermark. The user's own activity
 * is stored first (Web Chat waits for it to come back with an id), then the bot's turn runs; the
 * answer to the POST waits for the turn, as Azure's does.
 */
import type { Activity, ChannelAccount, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { BotTurnResult } from '../runBotTurn.js';
import { zodReason } from '../zodReason.js';
import {
  startConversationSchema,
  type UserActivity,
  userActivitySchema,
  watermarkQuerySchema,
} from './directLineSchemas.js';
import type { DirectLineGrant } from './directLineTokens.js';
import type { LocalDirectLine } from './localDirectLine.js';
import { LOCAL_DIRECT_LINE_SERVICE_URL } from './localDirectLineAdapter.js';

export const DIRECT_LINE_PATH = '/v3/directline';

export interface DirectLineRouteDeps {
  directLine: LocalDirectLine;
  /** the bot logic shared with /api/messages */
  runTurn: (context: TurnContext) => Promise<BotTurnResult>;
  botAccount: ChannelAccount;
  publicBaseUrl: () => string;
  logger: Logger;
}

interface Authorized {
  token: string;
  grant: DirectLineGrant;
}

export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { directLine } = deps;

  server.post(`${DIRECT_LINE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
    const waitMs = directLine.admitNewConversation(clientAddress(req));
    if (waitMs > 0) return tooManyRequests(res, waitMs);
    const opened = directLine.openConversation();
    res.send(200, { conversationId: opened.conversationId, token: opened.token, expires_in: opened.expiresInSeconds });
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps);
    if (!auth) return;
    const issued = directLine.tokens.issue(auth.grant);
    directLine.conversations.touch(auth.grant.conversationId);
    res.send(200, {
      conversationId: auth.grant.conversationId,
      token: issued.token,
      expires_in: issued.expiresInSeconds,
    });
  });

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps);
    if (!auth) return;
    const body = startConversationSchema.safeParse(req.body ?? undefined);
    if (!body.success) return badRequest(res, zodReason(body.error));
    const { conversationId } = auth.grant;
    const isNew = directLine.conversations.markStarted(conversationId);
    if (isNew) {
      const started = await startTurn(deps, auth.grant, body.data?.locale);
      if (started === 'failed') return unavailable(res);
      deps.logger.info({ channel: 'webchat', transport: 'local-directline' }, 'web chat conversation started');
    }
    res.send(isNew ? 201 : 200, conversationBody(deps, auth, conversationId, undefined));
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps, req.params.conversationId);
    if (!auth) return;
    const query = watermarkQuerySchema.safeParse(req.query ?? {});
    if (!query.success) return badRequest(res, zodReason(query.error));
    res.send(200, conversationBody(deps, auth, auth.grant.conversationId, query.data.watermark));
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps, req.params.conversationId);
    if (!auth) return;
    const query = watermarkQuerySchema.safeParse(req.query ?? {});
    if (!query.success) return badRequest(res, zodReason(query.error));
    res.send(200, directLine.conversations.since(auth.grant.conversationId, query.data.watermark));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps, req.params.conversationId);
    if (!auth) return;
    const waitMs = directLine.limits.admitActivity(clientAddress(req), auth.grant.conversationId);
    if (waitMs > 0) return tooManyRequests(res, waitMs);
    const parsed = userActivitySchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodReason(parsed.error));
    const echoed = directLine.conversations.append(
      auth.grant.conversationId,
      userActivity(deps, auth.grant, parsed.data),
    );
    const result = await processTurn(deps, echoed);
    if (result === 'failed') return unavailable(res);
    res.send(200, { id: echoed.id });
  });
}

/** the conversationUpdate Direct Line sends when a conversation starts: the user joined */
async function startTurn(
  deps: DirectLineRouteDeps,
  grant: DirectLineGrant,
  locale: string | undefined,
): Promise<BotTurnResult> {
  const activity: Partial<Activity> = {
    type: 'conversationUpdate',
    channelId: 'directline',
    serviceUrl: LOCAL_DIRECT_LINE_SERVICE_URL,
    conversation: { id: grant.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: grant.userId, name: '', role: 'user' },
    recipient: deps.botAccount,
    membersAdded: [{ id: grant.userId, name: '' }],
    timestamp: new Date(),
    ...(locale ? { locale } : {}),
  };
  return processTurn(deps, activity);
}

async function processTurn(deps: DirectLineRouteDeps, activity: Partial<Activity>): Promise<BotTurnResult> {
  const turn: { result: BotTurnResult } = { result: 'failed' };
  await deps.directLine.adapter.processActivity(activity, async (context) => {
    turn.result = await deps.runTurn(context);
  });
  return turn.result;
}

function userActivity(deps: DirectLineRouteDeps, grant: DirectLineGrant, posted: UserActivity): Partial<Activity> {
  const { from, attachments: _none, ...rest } = posted;
  return {
    ...rest,
    // the token decides who is speaking, not the client
    from: { id: grant.userId, name: from?.name ?? '', role: 'user' },
    recipient: deps.botAccount,
    conversation: { id: grant.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: 'directline',
    serviceUrl: LOCAL_DIRECT_LINE_SERVICE_URL,
  };
}

function conversationBody(
  deps: DirectLineRouteDeps,
  auth: Authorized,
  conversationId: string,
  watermark: number | undefined,
) {
  const ticket = deps.directLine.tokens.issueStreamTicket(conversationId);
  const base = deps.publicBaseUrl().replace(/^http/u, 'ws');
  const query = new URLSearchParams({ watermark: watermark === undefined ? '' : String(watermark), t: ticket });
  return {
    conversationId,
    token: auth.token,
    expires_in: deps.directLine.tokens.expiresInSeconds(auth.token),
    streamUrl: `${base}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`,
  };
}

/** a valid token, for this conversation when the path names one; answers 401/403/404 otherwise */
function authorize(
  req: Request,
  res: Response,
  deps: DirectLineRouteDeps,
  pathConversationId?: string,
): Authorized | undefined {
  const match = /^Bearer\s+(\S+)$/iu.exec(req.header('authorization') ?? '');
  if (!match?.[1]) {
    directLineError(res, 401, 'MissingToken', 'Authorization: Bearer <token> is required');
    return undefined;
  }
  const token = match[1];
  const grant = deps.directLine.tokens.verify(token);
  if (!grant || (pathConversationId !== undefined && pathConversationId !== grant.conversationId)) {
    // directlinejs reads 403 as "token expired" and stops using it
    directLineError(res, 403, 'TokenExpired', 'The token is not valid for this conversation');
    return undefined;
  }
  if (!deps.directLine.conversations.has(grant.conversationId)) {
    directLineError(res, 404, 'ConversationEnded', 'The conversation is no longer available');
    return undefined;
  }
  return { token, grant };
}

function badRequest(res: Response, reason: string): void {
  directLineError(res, 400, 'BadArgument', reason);
}

/** the answer to a client over a limit of directLineLimits.ts */
export function tooManyRequests(res: Response, waitMs: number): void {
  res.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  directLineError(res, 429, 'TooManyRequests', 'Too many requests; try again later');
}

/** the peer address; behind a reverse proxy this is the proxy's */
export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function unavailable(res: Response): void {
  directLineError(res, 503, 'ServiceUnavailable', 'The message could not be stored; try again');
}

/** Direct Line's error shape */
function directLineError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}
