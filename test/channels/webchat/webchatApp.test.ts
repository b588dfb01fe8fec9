/**
 * Web chat through the whole application (real engine, dialogs, language understanding, SQLite):
 * a visitor from a Bot Connector (the Emulator's protocol) gets the welcome and the menu as
 * suggested actions, and answers to typed questions; with credentials, no token means 401.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, type RecordedActivity, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import { startWebchatApp, type WebchatApp } from './webchatAppKit.js';

let connector: FakeBotConnector;
let emulatorMode: WebchatApp;
let azureMode: WebchatApp;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  emulatorMode = await startWebchatApp();
  azureMode = await startWebchatApp({
    MicrosoftAppId: '6d4c2f0e-3b1a-4c55-9a7e-2f1d0c9b8a71',
    MicrosoftAppPassword: 'not-a-real-password',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
  });
});

afterAll(async () => {
  await emulatorMode?.close();
  await azureMode?.close();
  await connector?.close();
});

function activity(conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    locale: 'nb-NO',
    ...fields,
  };
}

function post(app: WebchatApp, body: unknown): Promise<Response> {
  return fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const messagesIn = (conversationId: string) => (recorded: RecordedActivity) =>
  recorded.conversationId === conversationId && recorded.activity.type === 'message';

describe('web chat in the real application', () => {
  test('welcome with the menu as suggested actions, "Hei" answered, a typed question answered in full', async () => {
    const { t } = emulatorMode.app.translations;
    const conversationId = `e2e-${randomUUID()}`;
    const joined = await post(
      emulatorMode,
      activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] }),
    );
    expect(joined.status).toBe(200);
    const welcome = await connector.waitFor(1, messagesIn(conversationId));
    expect(welcome[0]?.activity.text).toBe(t('nb', 'dialog.welcome'));
    const menu = welcome.map((recorded) => recorded.activity).find((sent) => sent.suggestedActions);
    expect(menu?.suggestedActions?.actions).toContainEqual(
      expect.objectContaining({
        type: 'messageBack',
        title: t('nb', 'dialog.choice.openness'),
        value: { choice: 'menu.openness' },
      }),
    );

    const before = connector.received.filter(messagesIn(conversationId)).length;
    expect((await post(emulatorMode, activity(conversationId, { text: 'Hei' }))).status).toBe(200);
    const afterHei = await connector.waitFor(before + 1, messagesIn(conversationId));
    expect(afterHei.at(-1)?.activity.suggestedActions?.actions.length).toBeGreaterThan(0);

    const count = connector.received.filter(messagesIn(conversationId)).length;
    await post(emulatorMode, activity(conversationId, { text: 'Hva er lønnstilskudd?' }));
    const answered = await connector.waitFor(count + 1, messagesIn(conversationId));
    expect(answered.at(-1)?.activity.text).toBe(
      `${t('nb', 'topics.measures.wage_subsidy.answer')}\n\n${t('nb', 'topics.measures.wage_subsidy.more')}`,
    );

    const stored = await emulatorMode.app.store.transaction(null, (uow) =>
      uow.conversations.findByAddress('webchat', conversationId),
    );
    expect(stored?.reference).toMatchObject({ serviceUrl: connector.serviceUrl, conversation: { id: conversationId } });
  });

  test('with Azure Bot Service credentials, a request without a token gets 401 and stores nothing', async () => {
    const conversationId = `e2e-401-${randomUUID()}`;
    const response = await post(azureMode, activity(conversationId, { text: 'Hei' }));
    expect(response.status).toBe(401);
    const stored = await azureMode.app.store.transaction(null, (uow) =>
      uow.conversations.findByAddress('webchat', conversationId),
    );
    expect(stored).toBeUndefined();
    expect(connector.received.some((recorded) => recorded.conversationId === conversationId)).toBe(false);
  });
});
