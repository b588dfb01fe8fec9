/**
 * Emulator mode (no Bot Framework credentials) cannot be turned into a proxy: an anonymous activity
 * whose serviceUrl is not on loopback is refused with 400 before anything is stored or sent, and
 * NODE_ENV=production without credentials does not start at all.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess } from '../multiInstance/serverProcess.js';
import { type FakeBotConnector, startFakeBotConnector } from '../support/fakeBotConnector.js';
import { createTally } from './hostileClient.js';
import { type ServerUnderAttack, startServerUnderAttack } from './serverUnderAttack.js';

const tally = createTally('emulator proxy');
let server: ServerUnderAttack;
let connector: FakeBotConnector;

beforeAll(async () => {
  [server, connector] = await Promise.all([startServerUnderAttack(), startFakeBotConnector()]);
});

afterAll(async () => {
  console.log(tally.summary());
  await Promise.all([server?.stop(), connector?.close()]);
});

function activity(serviceUrl: string): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: `ssrf-${randomUUID()}` },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot-1', role: 'bot' },
    text: 'Hei',
  };
}

async function postActivity(body: Record<string, unknown>, hostile = true): Promise<Response> {
  const response = await fetch(`${server.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (hostile) tally.record(String(response.status));
  return response;
}

describe('an anonymous activity in Emulator mode', () => {
  test.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5:8080/internal/',
    'https://example.com/',
    // 0.0.0.0 reaches this machine on Linux: the classic way around a loopback check
    'http://0.0.0.0:PORT/',
    'http://[::ffff:127.0.0.1]:PORT/',
    'http://127.0.0.1.nip.io:PORT/',
    'http://user:secret@127.0.0.1:PORT/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:PORT/',
    'not a url',
  ])('with serviceUrl %s is refused with 400, nothing is sent there and nothing is stored', async (template) => {
    const port = new URL(connector.serviceUrl).port;
    const response = await postActivity(activity(template.replace('PORT', port)));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'serviceUrl is not allowed' });
    expect(connector.received).toEqual([]);
    expect(server.countRows('conversations')).toBe(0);
  });

  test('with the Emulator’s loopback serviceUrl is answered, as before', async () => {
    const response = await postActivity(activity(connector.serviceUrl), false);
    expect(response.status).toBe(200);
    await expect.poll(() => connector.received.length).toBeGreaterThan(0);
    expect(server.countRows('conversations')).toBe(1);
  });
});

test('NODE_ENV=production without Bot Framework credentials refuses to start, with the reason on one line', async () => {
  const started = startServerProcess({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x', DATA_DIR: server.dataDir });
  await expect(started).rejects.toThrow(
    /MicrosoftAppId, MicrosoftAppPassword: required when NODE_ENV=production \(without them \/api\/messages takes anonymous activities: Emulator mode\)\n/,
  );
});
