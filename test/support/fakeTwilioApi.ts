/**
 * A local stand-in for Twilio's REST Messages API: `POST /2010-04-01/Accounts/:sid/Messages.json`,
 * form-encoded, HTTP basic auth with the account SID and auth token, and the deletions
 * (`DELETE …/Messages/:sid.json`, `DELETE …/Messages/:sid/Media/:sid.json`). It records what it
 * receives and can be told to fail or be slow, to test retries.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  /** the sid this fake gave the message */
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
}

export interface DeleteCall {
  messageSid: string;
  /** set for a media deletion */
  mediaSid?: string;
  /** what this fake answered: 204 deleted, 404 already gone, 500 failed */
  status: number;
}

export interface FakeTwilioApi {
  baseUrl: string;
  sent: SentSms[];
  /** every DELETE, in order, with the answer it got */
  deletes: DeleteCall[];
  /** the sids deleted for good (answered 204 or 404), messages and media */
  deletedSids(): Set<string>;
  /** the next DELETE requests answer these statuses in order (then 204 again); replaces an earlier plan */
  answerDeletes(statuses: number[]): void;
  /** the next `count` requests answer 500 */
  failNext(count: number): void;
  /** resolves when `count` messages have arrived */
  waitForMessages(count: number, timeoutMs?: number): Promise<SentSms[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeTwilioApi(credentials: {
  accountSid: string;
  authToken: string;
}): Promise<FakeTwilioApi> {
  const sent: SentSms[] = [];
  const deletes: DeleteCall[] = [];
  const plannedDeleteAnswers: number[] = [];
  let failures = 0;
  const waiters: Array<() => void> = [];
  // statusCode + end, not writeHead(...).end(): restify patches writeHead process-wide and returns nothing
  const server: Server = createServer(async (req, res) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
    res.setHeader('content-type', 'application/json');
    const deletion =
      /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([A-Za-z0-9]+)(?:\/Media\/([A-Za-z0-9]+))?\.json$/.exec(
        req.url ?? '',
      );
    if (req.method === 'DELETE' && deletion) {
      if (req.headers.authorization !== expectedAuth || deletion[1] !== credentials.accountSid) {
        res.statusCode = 401;
        res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
        return;
      }
      const status = plannedDeleteAnswers.shift() ?? 204;
      deletes.push({
        messageSid: deletion[2] ?? '',
        ...(deletion[3] ? { mediaSid: deletion[3] } : {}),
        status,
      });
      res.statusCode = status;
      if (status === 204) res.removeHeader('content-type');
      res.end(
        status === 204
          ? undefined
          : JSON.stringify({ code: status === 404 ? 20404 : 20500, message: 'fake answer', status }),
      );
      return;
    }
    if (req.method !== 'POST' || !match) {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
      return;
    }
    if (req.headers.authorization !== expectedAuth || match[1] !== credentials.accountSid) {
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    if (failures > 0) {
      failures -= 1;
      res.statusCode = 500;
      res.end(JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }));
      return;
    }
    const message: SentSms = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid: match[1],
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
    };
    sent.push(message);
    for (const wake of waiters.splice(0)) wake();
    const now = new Date().toUTCString();
    res.statusCode = 201;
    res.end(
      JSON.stringify({
        sid: message.sid,
        account_sid: match[1],
        to: message.to,
        from: message.from,
        body: message.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: now,
        date_updated: now,
        uri: `/2010-04-01/Accounts/${match[1]}/Messages.json`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sent,
    deletes,
    deletedSids() {
      return new Set(
        deletes
          .filter((call) => call.status === 204 || call.status === 404)
          .map((call) => call.mediaSid ?? call.messageSid),
      );
    },
    answerDeletes(statuses) {
      plannedDeleteAnswers.splice(0, plannedDeleteAnswers.length, ...statuses);
    },
    failNext(count) {
      failures = count;
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} SMS, got ${sent.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return sent.slice(0, count);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
