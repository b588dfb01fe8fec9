/**
 * Proactive delivery (mentor replies, queue updates) with the reference stored at the start of the
 * conversation: on the local Direct Line stream, and through a Bot Connector.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linkPhoneNumbers } from '../../../src/channels/webchat/phoneLinks.js';
import { createWebchatSender, WebchatUnreachableError } from '../../../src/channels/webchat/webchatSender.js';
import type { ChannelSender, Delivery } from '../../../src/domain/channelSender.js';
import type { ConversationRecord } from '../../../src/storage/ports.js';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import { startWebchatApp, storedConversation, type WebchatApp } from './webchatAppKit.js';

let connector: FakeBotConnector;
let server: WebchatApp;
let sender: ChannelSender;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startWebchatApp();
  sender = createWebchatSender({ transport: server.app.webchatTransport, translations: server.app.translations });
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

const t = (...args: Parameters<WebchatApp['app']['translations']['t']>) => server.app.translations.t(...args);

const deliveries: Delivery[] = [
  { kind: 'bot', message: { key: 'dialog.menu.main' } },
  { kind: 'mentor', text: 'Hei, jeg heter Ola og er mentor. *Hva* tenker du på?', mentorName: 'Ola' },
  { kind: 'bot', message: { key: 'crisis.alert', crisis: true } },
];

function record(address: string, reference: unknown): ConversationRecord {
  const now = new Date();
  return {
    id: `c-${address}`,
    channel: 'webchat',
    address,
    locale: 'nb',
    status: 'open',
    snapshot: null,
    reference,
    createdAt: now,
    updatedAt: now,
  };
}

/** the reference the application stored when the conversation started */
async function referenceOf(address: string): Promise<unknown> {
  const stored = await storedConversation(server.app, address);
  if (!stored?.reference) throw new Error(`no stored reference for ${address}`);
  return stored.reference;
}

describe('createWebchatSender', () => {
  test('reaches a local Direct Line user on their stream: crisis first with numbers to tap, the mentor by name in plain text', async () => {
    const tokenResponse = await fetch(`${server.baseUrl}/api/directline/token`, { method: 'POST' });
    const { token } = (await tokenResponse.json()) as { token: string };
    const startResponse = await fetch(`${server.baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { conversationId } = (await startResponse.json()) as { conversationId: string };
    const activitiesUrl = `${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`;
    const welcome = await fetch(`${activitiesUrl}?watermark=`, { headers: { authorization: `Bearer ${token}` } });
    const { watermark } = (await welcome.json()) as { watermark: string };

    await sender.send(record(conversationId, await referenceOf(conversationId)), 'nb', deliveries);

    const activitiesResponse = await fetch(`${activitiesUrl}?watermark=${watermark}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { activities } = (await activitiesResponse.json()) as {
      activities: Array<{
        text: string;
        textFormat?: string;
        from: { name?: string; role?: string };
        channelData?: unknown;
      }>;
    };
    expect(activities.map((activity) => activity.text)).toEqual([
      linkPhoneNumbers(t('nb', 'crisis.alert')),
      t('nb', 'dialog.menu.main'),
      'Hei, jeg heter Ola og er mentor. *Hva* tenker du på?',
    ]);
    expect(activities[0]?.text).toContain('[113](tel:113)');
    expect(activities[2]).toMatchObject({
      textFormat: 'plain',
      from: { name: 'Ola', role: 'bot' },
      channelData: { sender: 'mentor', mentorName: 'Ola' },
    });
    expect(activities[0]?.channelData).toEqual({ crisis: true });
    expect(activities[1]?.from.name).toBe('Arbeidslivstelefonen');
  });

  test('reaches a Bot Connector user through the stored reference', async () => {
    const conversationId = `proactive-${randomUUID()}`;
    await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'conversationUpdate',
        id: randomUUID(),
        channelId: 'emulator',
        serviceUrl: connector.serviceUrl,
        conversation: { id: conversationId },
        from: { id: 'user-1', role: 'user' },
        recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
        membersAdded: [{ id: 'user-1' }],
      }),
    });
    const inConversation = (recorded: { conversationId: string }) => recorded.conversationId === conversationId;
    // the welcome and the menu
    const welcomed = (await connector.waitFor(2, inConversation)).length;

    await sender.send(record(conversationId, await referenceOf(conversationId)), 'en', deliveries);

    const received = await connector.waitFor(welcomed + 3, inConversation);
    const proactive = received.slice(welcomed).map((recorded) => recorded.activity);
    expect(proactive.map((activity) => activity.text)).toEqual([
      linkPhoneNumbers(t('en', 'crisis.alert')),
      t('en', 'dialog.menu.main'),
      'Hei, jeg heter Ola og er mentor. *Hva* tenker du på?',
    ]);
    expect(proactive[2]?.from).toMatchObject({ id: 'bot-1', name: 'Ola' });
    expect(proactive[1]?.from?.name).toBe('Bot');
  });

  test('without a stored reference, or after the local conversation is gone, it says so', async () => {
    await expect(sender.send(record('no-reference', null), 'nb', deliveries)).rejects.toBeInstanceOf(
      WebchatUnreachableError,
    );
    const gone = {
      serviceUrl: 'urn:helpline:local-directline',
      channelId: 'directline',
      conversation: { id: 'restarted' },
    };
    await expect(sender.send(record('restarted', gone), 'nb', deliveries)).rejects.toThrow('conversation is gone');
  });
});
