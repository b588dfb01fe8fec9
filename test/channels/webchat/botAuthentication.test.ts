/**
 * With Azure Bot Service credentials configured, /api/messages accepts only requests that carry a
 * valid Bot Framework token: anything else is 401 and never reaches the engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import { StubWebchatEngine, startWebchatServer, type WebchatTestServer } from './webchatTestKit.js';

let connector: FakeBotConnector;
let server: WebchatTestServer;
const engine = new StubWebchatEngine();

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startWebchatServer({
    engine,
    botFramework: {
      appId: '6d4c2f0e-3b1a-4c55-9a7e-2f1d0c9b8a71',
      appPassword: 'not-a-real-password',
      appType: 'SingleTenant',
      tenantId: '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
    },
  });
});

afterAll(async () => {
  await server.close();
  await connector.close();
});

function message(text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'webchat',
    serviceUrl: connector.serviceUrl,
    conversation: { id: `auth-${randomUUID()}` },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot-1', role: 'bot' },
    text,
  };
}

async function post(body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST /api/messages with an app id configured', () => {
  test('a request without a token gets 401', async () => {
    const response = await post(message('Hei'), {});
    expect(response.status).toBe(401);
  });

  test('a request with a token that is not a Bot Framework JWT gets 401', async () => {
    const response = await post(message('Hei'), { authorization: 'Bearer not.a.jwt' });
    expect(response.status).toBe(401);
  });

  test('a refused request reaches neither the engine nor the connector', async () => {
    await post(message('Hei'), {});
    expect(engine.inbound).toHaveLength(0);
    expect(engine.sessions).toHaveLength(0);
    expect(connector.received).toHaveLength(0);
  });
});
