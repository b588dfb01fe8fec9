/**
 * The HTTP edge: the restify server and everything that happens before a route runs. It refuses
 * what no route serves (encoded bodies, multipart, foreign content types, bodies over the limit),
 * reads JSON and form bodies with restify's own parsers, answers every error with a body that never
 * echoes the request, logs every 5xx with a code (never the request's text), and answers a route
 * that throws with 500 instead of ending the process.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { errorSummary } from '../logging/errorSummary.js';

export interface HttpEdgeOptions {
  logger: Logger;
  /** the largest request body any route reads, in bytes (counted as received: no encodings accepted) */
  maxBodyBytes: number;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
/** Twilio posts forms; every other route that takes a body takes JSON */
const FORM_PATHS = new Set([
  '/api/sms',
  '/api/sms/status',
  '/api/voice',
  '/api/voice/dial-status',
  '/api/voice/message',
]);

/** a slow client may not hold a connection open by sending its headers or body a byte at a time */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function createHttpEdge({ logger, maxBodyBytes }: HttpEdgeOptions): restify.Server {
  const server = restify.createServer({
    name: 'arbeidslivstelefonen',
    // every route is an async function: what it throws or rejects reaches 'restifyError' below and is
    // answered 500. restify's per-request domains (handleUncaughtExceptions) would also catch errors
    // thrown later in callbacks, but they leak into other servers' work in the same process (they
    // broke the chat page test), so errors that can arise outside a handler are handled at their source
    handleUncaughtExceptions: false,
  });
  limitSlowClients(server.server);

  server.pre((req: Request, res: Response, next: restify.Next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    logServerErrors(req, res, logger);
    const refusal = refusalOf(req, maxBodyBytes);
    if (refusal) {
      // the body is not read: close the connection rather than drain it
      res.setHeader('Connection', 'close');
      sendError(res, refusal.status, refusal.code);
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON and forms only: no multipart parser is installed, so no upload is ever written to disk
  server.use(restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
  server.use(restify.plugins.urlEncodedBodyParser({ mapParams: false, bodyReader: true }));

  // 404, 405, bad JSON, too large, a handler that threw: one shape, nothing from the request in it
  server.on('restifyError', (_req: Request, res: Response, error: unknown, done: () => void) => {
    const status = statusOf(error);
    if (status >= 500) errorCodes.set(res, { code: codeOf(status, error), error });
    if (!res.headersSent) sendError(res, status, codeOf(status, error));
    done();
  });
  return server;
}

function limitSlowClients(httpServer: HttpServer): void {
  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = REQUEST_TIMEOUT_MS;
}

interface Refusal {
  status: number;
  code: string;
}

/** what the edge refuses before any route or body parser runs */
function refusalOf(req: IncomingMessage, maxBodyBytes: number): Refusal | undefined {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === 'identity') delete req.headers['content-encoding'];
  else if (encoding !== undefined) return { status: 415, code: 'unsupported_content_encoding' };

  const declaredLength = Number(req.headers['content-length'] ?? 0);
  const hasBody = req.headers['transfer-encoding'] !== undefined || declaredLength > 0;
  if (!hasBody) return undefined;
  if (declaredLength > maxBodyBytes) return { status: 413, code: 'payload_too_large' };
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!acceptedMediaTypes(pathOf(req)).includes(mediaType)) return { status: 415, code: 'unsupported_media_type' };
  return undefined;
}

function acceptedMediaTypes(path: string): readonly string[] {
  return FORM_PATHS.has(path) ? [FORM] : [JSON_TYPE];
}

/** the path without the query; a target that is not a path (`*`, `//[`) matches no route */
function pathOf(req: IncomingMessage): string {
  const target = req.url ?? '';
  const end = target.indexOf('?');
  return end === -1 ? target : target.slice(0, end);
}

const errorCodes = new WeakMap<ServerResponse, { code: string; error?: unknown }>();

/** one warning per 5xx answer, with the route's pattern (never the path itself) and a code */
function logServerErrors(req: Request, res: Response, logger: Logger): void {
  res.once('finish', () => {
    if (res.statusCode < 500) return;
    const known = errorCodes.get(res);
    logger.error(
      {
        event: 'http.server_error',
        status: res.statusCode,
        method: req.method,
        route: req.getRoute()?.path ?? 'unmatched',
        code: known?.code ?? codeOf(res.statusCode, undefined),
        ...(known?.error === undefined ? {} : { err: errorSummary(known.error) }),
      },
      'answered with a server error',
    );
  });
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') {
    return error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500;
  }
  return 500;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

function codeOf(status: number, error: unknown): string {
  if (error instanceof Error && error.name === 'InvalidContentError') return 'invalid_json';
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

function sendError(res: Response, status: number, code: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json(status, { error: code });
}
