/**
 * Sends hostile requests over raw TCP (so that nothing in a client library tidies them up) and keeps
 * a tally of what was sent and how the server answered; each suite prints its tally at the end.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface RawAnswer {
  /** the status of the first response line; undefined when the server answered nothing */
  status: number | undefined;
  /** headers of the first response, lower-cased names */
  headers: Record<string, string>;
  body: string;
  /** true when the server closed the connection before the timeout */
  closedByServer: boolean;
}

export interface HostileTally {
  record(outcome: string): void;
  /** e.g. "hostile requests: 42 (415: 30, 400: 12)" */
  summary(): string;
  total(): number;
}

export function createTally(name: string): HostileTally {
  const outcomes = new Map<string, number>();
  return {
    record(outcome) {
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    },
    total: () => [...outcomes.values()].reduce((sum, count) => sum + count, 0),
    summary() {
      const parts = [...outcomes.entries()].sort().map(([outcome, count]) => `${outcome}: ${count}`);
      return `${name}: ${[...outcomes.values()].reduce((sum, count) => sum + count, 0)} hostile requests (${parts.join(', ')})`;
    },
  };
}

/**
 * Writes `head` (the request line and headers, without the blank line) and `body` on a fresh
 * connection and reads until the server closes it or `timeoutMs` passes. Stops writing when the
 * server closes early (a refused upload).
 */
export function sendRaw(
  baseUrl: string,
  head: string,
  body: Buffer | string = '',
  options: {
    timeoutMs?: number;
    tally?: HostileTally /** another loopback address, e.g. 127.0.0.2 */;
    localAddress?: string;
  } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: hostname,
      port: Number(port),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseAnswer(Buffer.concat(chunks).toString('latin1'), closedByServer);
      options.tally?.record(
        answer.status === undefined ? (closedByServer ? 'closed' : 'no answer') : String(answer.status),
      );
      resolve(answer);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // the server may reset a connection whose upload it refused; what it answered first counts
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish(true);
      else if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('connect', () => {
      socket.write(`${head}\r\n\r\n`);
      void writeUntilAnswered(Buffer.from(body));
    });
    // in slices, stopping once the server has answered: what it refused need not be sent whole
    const writeUntilAnswered = async (rest: Buffer) => {
      // a large upload waits a moment for an early refusal, as a client sending `Expect: 100-continue`
      // would; otherwise the server's close resets the connection and its answer is lost
      if (rest.length > EARLY_ANSWER_BYTES) {
        await Promise.race([once(socket, 'data'), delay(EARLY_ANSWER_WAIT_MS)]);
      }
      for (let offset = 0; offset < rest.length && chunks.length === 0 && !settled; offset += SLICE_BYTES) {
        const drained = socket.write(rest.subarray(offset, offset + SLICE_BYTES));
        if (!drained) await new Promise((resume) => socket.once('drain', resume));
      }
    };
  });
}

const SLICE_BYTES = 64 * 1024;
const EARLY_ANSWER_BYTES = SLICE_BYTES;
const EARLY_ANSWER_WAIT_MS = 1000;

function parseAnswer(raw: string, closedByServer: boolean): RawAnswer {
  const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headerLines = (headerEnd === -1 ? raw : raw.slice(0, headerEnd)).split('\r\n').slice(1);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: statusMatch?.[1] ? Number(statusMatch[1]) : undefined,
    headers,
    body: headerEnd === -1 ? '' : raw.slice(headerEnd + 4),
    closedByServer,
  };
}

/** a request head with Host and Content-Length filled in */
export function requestHead(method: string, target: string, headers: Record<string, string>, bodyLength = 0): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (bodyLength > 0 || method === 'POST') lines.push(`Content-Length: ${bodyLength}`);
  lines.push('Connection: close');
  return lines.join('\r\n');
}
