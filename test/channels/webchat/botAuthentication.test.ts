/**
 * With Azure Bot Service credentials configured, /api/messages accepts only requests that carry a
 * valid Bot Framework token: anything else is 401 and never reaches the engine or the store. Runs on
 * the real application; the channel's signing key is made here and published from a local OpenID
 * metadata endpoint (botbuilder's ToBotFromChannelOpenIdMetadataUrl), so the tokens are correctly
 * signed and only the claim under test is wrong.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import {
  type ChannelTokenClaims,
  type FakeBotFrameworkKeys,
  newSigningKey,
  startFakeBotFrameworkKeys,
} from '../../support/fakeBotFrameworkKeys.js';
import { startWebchatApp, storedConversation, type WebchatApp } from './webchatAppKit.js';

const APP_ID = '6d4c2f0e-3b1a-4c55-9a7e-2f1d0c9b8a71';
const OTHER_BOTS_APP_ID = 'a1b2c3d4-0000-4000-8000-0123456789ab';

let connector: FakeBotConnector;
let keys: FakeBotFrameworkKeys;
let server: WebchatApp;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  keys = await startFakeBotFrameworkKeys({ endorsements: ['webchat'] });
  server = await startWebchatApp(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-password',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
      // the fake connector listens on loopback: allowed by name, as an operator would list a host
      BOT_SERVICE_URL_HOSTS: new URL(connector.serviceUrl).hostname,
    },
    { botFrameworkOpenIdMetadataUrl: keys.openIdMetadataUrl },
  );
});

afterAll(async () => {
  await server?.close();
  await keys?.close();
  await connector?.close();
});

function message(text: string): Record<string, unknown> & { conversation: { id: string } } {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'webchat',
    serviceUrl: connector.serviceUrl,
    conversation: { id: `auth-${randomUUID()}` },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: APP_ID, role: 'bot' },
    text,
  };
}

async function post(body: unknown, authorization?: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const claimsFor = (overrides: Partial<ChannelTokenClaims> = {}): ChannelTokenClaims => ({
  aud: APP_ID,
  serviceUrl: connector.serviceUrl,
  ...overrides,
});

/** posts `Hei` with this authorization; expects 401 and that nothing was stored or sent */
async function expectRefused(authorization: string | undefined): Promise<void> {
  const activity = message('Hei');
  const response = await post(activity, authorization);
  expect(response.status).toBe(401);
  expect(await storedConversation(server.app, activity.conversation.id)).toBeUndefined();
  expect(connector.received.filter((recorded) => recorded.conversationId === activity.conversation.id)).toEqual([]);
}

describe('POST /api/messages with an app id configured', () => {
  test('a request without a token gets 401 and stores nothing', async () => {
    await expectRefused(undefined);
  });

  test('a token that is not a Bot Framework JWT gets 401', async () => {
    await expectRefused('Bearer not.a.jwt');
  });

  test('a correctly signed token for the right audience is accepted', async () => {
    // the control for the refusals below: key, issuer, audience, endorsement and serviceUrl are all
    // right. The bot joining alone needs no reply (a reply would need a token from Azure AD, which
    // this test cannot stand in for: MSAL only talks to an https authority).
    const joined = {
      ...message(''),
      type: 'conversationUpdate',
      membersAdded: [{ id: APP_ID }],
    };
    const response = await post(joined, `Bearer ${keys.sign(claimsFor())}`);
    expect(response.status).toBe(200);
  });

  test('a correctly signed token for another bot (wrong audience) gets 401', async () => {
    await expectRefused(`Bearer ${keys.sign(claimsFor({ aud: OTHER_BOTS_APP_ID }))}`);
  });

  test('a correctly signed token for another serviceUrl gets 401', async () => {
    await expectRefused(`Bearer ${keys.sign(claimsFor({ serviceUrl: 'https://somewhere-else.example/' }))}`);
  });

  test('a correctly signed token from another issuer gets 401', async () => {
    await expectRefused(`Bearer ${keys.sign(claimsFor({ iss: 'https://sts.windows.net/someone-else/' }))}`);
  });

  test('an expired token gets 401', async () => {
    const longAgo = Math.floor(Date.now() / 1000) - 24 * 3600;
    await expectRefused(`Bearer ${keys.sign(claimsFor({ nbf: longAgo - 3600, exp: longAgo }))}`);
  });

  test('a token signed with a key that is not published (same key id) gets 401', async () => {
    await expectRefused(`Bearer ${keys.sign(claimsFor(), { privateKey: newSigningKey() })}`);
  });

  test('a token whose key is not endorsed for the activity channel gets 401', async () => {
    const activity = { ...message('Hei'), channelId: 'msteams' };
    const response = await post(activity, `Bearer ${keys.sign(claimsFor())}`);
    expect(response.status).toBe(401);
    expect(await storedConversation(server.app, activity.conversation.id)).toBeUndefined();
  });
});
