/**
 * POST /api/messages: Bot Framework activities from a Bot Connector (Emulator, Azure Bot Service,
 * Azure Direct Line). The request is authenticated first (401 without a valid JWT when an app id is
 * configured; anonymous is fine in Emulator mode), its serviceUrl checked (loopback only in Emulator
 * mode), then CloudAdapter runs the shared bot. A turn that could not be stored answers 503, never 200.
 */
import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { errorSummary } from '../../logging/errorSummary.js';
import type { BotTurnResult } from './runBotTurn.js';
import type { ServiceUrlPolicy } from './serviceUrlPolicy.js';
import { zodReason } from './zodReason.js';

const MAX_TEXT = 10_000;

/** the least an activity needs before it is worth authenticating; botbuilder checks the rest */
const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().max(500).optional(),
  text: z.string().max(MAX_TEXT).optional(),
  serviceUrl: z.string().min(1).max(2000),
  conversation: z.looseObject({ id: z.string().min(1).max(500) }),
});

export interface MessagesRouteDeps {
  adapter: CloudAdapter;
  authentication: ConfigurationBotFrameworkAuthentication;
  runTurn: (context: TurnContext) => Promise<BotTurnResult>;
  /** where replies may go (src/channels/webchat/serviceUrlPolicy.ts) */
  serviceUrlAllowed: ServiceUrlPolicy;
  /** no app id: requests are anonymous, so the serviceUrl is checked before anything else */
  emulatorMode: boolean;
  logger: Logger;
}

export function registerMessagesRoute(server: Server, deps: MessagesRouteDeps): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = botActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: zodReason(parsed.error) });
      return;
    }
    // what we read is checked above; the Activity's other fields are botbuilder's to check
    const activity = parsed.data as unknown as Activity;
    const refuseServiceUrl = () => {
      deps.logger.warn({ channel: 'webchat', event: 'webchat.service_url_refused' }, 'refused a serviceUrl');
      res.send(400, { error: 'serviceUrl is not allowed' });
    };
    // anonymous in Emulator mode: an outside address would make this server a proxy
    if (deps.emulatorMode && !deps.serviceUrlAllowed(parsed.data.serviceUrl)) return refuseServiceUrl();
    let authenticated: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      authenticated = await deps.authentication.authenticateRequest(activity, req.header('authorization') ?? '');
    } catch (error) {
      if (isUnauthorized(error)) {
        deps.logger.warn({ channel: 'webchat' }, 'rejected a Bot Framework request without a valid token');
        res.send(401, { error: 'unauthorized' });
      } else {
        // e.g. the signing keys could not be fetched: nothing was stored, the connector may retry
        deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'could not check a Bot Framework token');
        res.send(503, { error: 'temporarily unavailable' });
      }
      return;
    }
    if (!deps.serviceUrlAllowed(parsed.data.serviceUrl)) return refuseServiceUrl();
    const turn: { result: BotTurnResult } = { result: 'ok' };
    try {
      await deps.adapter.processActivityDirect(authenticated, activity, async (context) => {
        turn.result = await deps.runTurn(context);
      });
    } catch (error) {
      deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'bot framework activity failed');
      turn.result = 'failed';
    }
    if (turn.result === 'failed') {
      res.send(503, { error: 'temporarily unavailable' });
      return;
    }
    res.send(200);
  });
}

/** errors jsonwebtoken throws for a token that does not verify (botframework-connector passes them on) */
const TOKEN_VERIFY_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botframework-connector's AuthenticationError carries statusCode 401; a token signed with a key that
 * is not the channel's comes through as jsonwebtoken's own error, and is just as unauthorized
 */
function isUnauthorized(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('statusCode' in error && error.statusCode === 401) return true;
  return error instanceof Error && TOKEN_VERIFY_ERRORS.has(error.name);
}
