/**
 * The drain under SIGTERM, on a real HTTP server on loopback: a request in flight is answered (with
 * `Connection: close`), an idle keep-alive connection does not hold the drain for its timeout, a new
 * connection is refused, and a request that never completes is cut at the deadline.
 */
import { Agent, createServer, get, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpDrain } from '../../src/http/httpDrain.js';

let server: Server | undefined;

afterEach(() => {
  server?.closeAllConnections();
});

/** a server whose responses wait until the test releases them */
async function heldServer(): Promise<{ port: number; release: () => void; received: Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let received = () => {};
  const receivedPromise = new Promise<void>((resolve) => {
    received = resolve;
  });
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      received();
      void released.then(() => res.end('answered'));
    } else res.end('quick');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, release, received: receivedPromise };
}

function fetchText(port: number, path: string, agent: Agent): Promise<{ body: string; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ body, response }));
    }).on('error', reject);
  });
}

describe('createHttpDrain', () => {
  it('answers the request in flight, closes keep-alive connections, refuses new ones, and ends promptly', async () => {
    const { port, release, received } = await heldServer();
    const drain = createHttpDrain(server as Server);
    const idleAgent = new Agent({ keepAlive: true });
    const busyAgent = new Agent({ keepAlive: true });
    // an idle keep-alive connection: Node's own close() would wait for its 5 s timeout
    expect((await fetchText(port, '/quick', idleAgent)).body).toBe('quick');
    const inFlight = fetchText(port, '/slow', busyAgent);
    await received;

    const startedAt = Date.now();
    const drained = drain.drain(Date.now() + 20_000);
    const refused = await fetchText(port, '/quick', new Agent()).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    release();
    const answered = await inFlight;
    expect(answered.body).toBe('answered');
    expect(answered.response.headers.connection).toBe('close');
    expect(await drained).toEqual({ cutConnections: 0 });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    idleAgent.destroy();
    busyAgent.destroy();
  });

  it('cuts a request that is still open at the deadline', async () => {
    const { port, received } = await heldServer();
    const drain = createHttpDrain(server as Server);
    const never = new Promise<string>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/slow', agent: new Agent() })
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
        .end();
    });
    await received;
    const startedAt = Date.now();
    expect(await drain.drain(Date.now() + 300)).toEqual({ cutConnections: 1 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(await never).toBe('ECONNRESET');
  });
});
