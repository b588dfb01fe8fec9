/**
 * POST /api/directline/token: what the chat page calls first. Answers `{token, domain}` for the
 * local Direct Line, or, when a Direct Line secret is configured, a token from Azure Direct Line.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { errorSummary } from '../../logging/errorSummary.js';
import { generateAzureDirectLineToken } from './directLine/azureDirectLineToken.js';
import { clientAddress, DIRECT_LINE_PATH, tooManyRequests } from './directLine/directLineRoutes.js';
import type { LocalDirectLine } from './directLine/localDirectLine.js';

export interface DirectLineTokenRouteDeps {
  directLine: LocalDirectLine;
  publicBaseUrl: () => string;
  /** set: use Azure Direct Line at `azureDirectLineBaseUrl` */
  directLineSecret?: string;
  azureDirectLineBaseUrl: string;
  logger: Logger;
}

export function registerDirectLineTokenRoute(server: Server, deps: DirectLineTokenRouteDeps): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    if (!deps.directLineSecret) {
      const waitMs = deps.directLine.admitNewConversation(clientAddress(req));
      if (waitMs > 0) return tooManyRequests(res, waitMs);
      const opened = deps.directLine.openConversation();
      res.send(200, { token: opened.token, domain: `${deps.publicBaseUrl()}${DIRECT_LINE_PATH}` });
      return;
    }
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
  });
}
