/**
 * An HTTP pass-through in front of a local fake (here: the fake Twilio API) that notes when each
 * request arrived and can hold requests, as a slow or stalled API does, until released.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GateArrival {
  /** performance.now() when the request came in */
  at: number;
  /** the form field `Body` of the request (the SMS text) */
  smsBody: string;
}

export interface HeldHttpGate {
  baseUrl: string;
  arrivals: GateArrival[];
  /** requests waiting for release() */
  heldCount(): number;
  hold(): void;
  /** passes the held requests on, and every later one */
  release(): void;
  close(): Promise<void>;
}

export async function startHeldHttpGate(upstreamBaseUrl: string): Promise<HeldHttpGate> {
  const arrivals: GateArrival[] = [];
  const held: Array<() => void> = [];
  let holding = false;

  async function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers.set(name, value);
    }
    const answer = await fetch(`${upstreamBaseUrl}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: new Uint8Array(body),
    });
    res.statusCode = answer.status;
    res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    arrivals.push({ at: performance.now(), smsBody: new URLSearchParams(body.toString('utf8')).get('Body') ?? '' });
    if (holding) await new Promise<void>((resolve) => held.push(resolve));
    await forward(req, body, res).catch(() => {
      res.statusCode = 502;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    holding = false;
    for (const pass of held.splice(0)) pass();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    arrivals,
    heldCount: () => held.length,
    hold() {
      holding = true;
    },
    release,
    close: () =>
      new Promise((resolve) => {
        release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
