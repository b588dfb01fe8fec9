/**
 * POST /api/messages in Emulator mode (no app id): activities in, replies out to a local fake Bot
 * Connector named as the activity's serviceUrl.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, type RecordedActivity, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import { StubWebchatEngine, startWebchatServer, type WebchatTestServer } from './webchatTestKit.js';

let connector: FakeBotConnector;
let server: WebchatTestServer;
const engine = new StubWebchatEngine();

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startWebchatServer({ engine });
});

afterAll(async () => {
  await server.close();
  await connector.close();
});

function activity(conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1', name: 'Besøkende', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    locale: 'nb-NO',
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const inConversation = (conversationId: string) => (recorded: RecordedActivity) =>
  recorded.conversationId === conversationId;
const messagesIn = (conversationId: string) => (recorded: RecordedActivity) =>
  recorded.conversationId === conversationId && recorded.activity.type === 'message';

describe('POST /api/messages through a Bot Connector', () => {
  test('a new visitor (conversationUpdate) gets the welcome, with the choices as suggested actions', async () => {
    const conversationId = `welcome-${randomUUID()}`;
    const response = await post(
      activity(conversationId, {
        type: 'conversationUpdate',
        membersAdded: [
          { id: 'bot-1', name: 'Bot' },
          { id: 'user-1', name: 'Besøkende' },
        ],
      }),
    );
    expect(response.status).toBe(200);
    const [welcome] = await connector.waitFor(1, messagesIn(conversationId));
    expect(welcome?.activity.text).toBe('Hei! Jeg er en chatbot. Hva lurer du på?');
    expect(welcome?.activity.suggestedActions?.actions).toEqual([
      {
        type: 'messageBack',
        title: 'Åpenhet på jobben',
        text: 'Åpenhet på jobben',
        displayText: 'Åpenhet på jobben',
        value: { choice: 'openness' },
      },
      {
        type: 'messageBack',
        title: 'Snakk med en mentor',
        text: 'Snakk med en mentor',
        displayText: 'Snakk med en mentor',
        value: { choice: 'mentor' },
      },
    ]);
    const session = engine.sessions.find((started) => started.address === conversationId);
    expect(session).toMatchObject({
      channel: 'webchat',
      localeHint: 'nb',
      reference: { serviceUrl: connector.serviceUrl },
    });
  });

  test('the bot joining alone says nothing', async () => {
    const conversationId = `bot-only-${randomUUID()}`;
    const response = await post(
      activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Bot' }] }),
    );
    expect(response.status).toBe(200);
    expect(engine.sessions.some((started) => started.address === conversationId)).toBe(false);
  });

  test('"Hei" in: a typing indicator first, then the reply with suggested actions', async () => {
    const conversationId = `hei-${randomUUID()}`;
    const hei = activity(conversationId, { text: 'Hei' });
    const response = await post(hei);
    expect(response.status).toBe(200);
    const [typing, reply] = await connector.waitFor(2, inConversation(conversationId));
    expect(typing?.activity.type).toBe('typing');
    expect(reply?.activity).toMatchObject({
      type: 'message',
      text: 'Hei igjen! Velg et tema, eller skriv med egne ord.',
      locale: 'nb-NO',
      replyToId: hei.id,
    });
    expect(reply?.replyToId).toBe(hei.id);
    expect(reply?.activity.suggestedActions?.actions.map((action) => action.title)).toEqual([
      'Åpenhet på jobben',
      'Snakk med en mentor',
    ]);
    const inbound = engine.inbound.find((message) => message.address === conversationId);
    expect(inbound).toMatchObject({
      channel: 'webchat',
      text: 'Hei',
      externalId: `${conversationId}|${String(hei.id)}`,
      localeHint: 'nb',
      reference: { serviceUrl: connector.serviceUrl, conversation: { id: conversationId }, bot: { id: 'bot-1' } },
    });
  });

  test('a suggested action comes back as the choice, and the answer has its long form', async () => {
    const conversationId = `choice-${randomUUID()}`;
    const response = await post(activity(conversationId, { text: 'Åpenhet på jobben', value: { choice: 'openness' } }));
    expect(response.status).toBe(200);
    const [answer] = await connector.waitFor(1, messagesIn(conversationId));
    expect(engine.inbound.find((message) => message.address === conversationId)?.choice).toBe('openness');
    expect(answer?.activity.text).toBe(
      'Det er ditt valg om du vil være åpen.\n\nDu kan også være åpen med bare noen få.',
    );
  });

  test('typed text is passed on without a choice; a value that is not ours is ignored', async () => {
    const conversationId = `typed-${randomUUID()}`;
    await post(activity(conversationId, { text: 'Hva er lønnstilskudd?', value: { something: 'else' } }));
    const inbound = engine.inbound.find((message) => message.address === conversationId);
    expect(inbound?.text).toBe('Hva er lønnstilskudd?');
    expect(inbound).not.toHaveProperty('choice');
  });

  test('the crisis message is sent first', async () => {
    const conversationId = `crisis-${randomUUID()}`;
    await post(activity(conversationId, { text: 'Jeg orker ikke mer' }));
    const [first, second] = await connector.waitFor(2, messagesIn(conversationId));
    expect(first?.activity.text).toBe('Det du skriver er viktig. Ring [113](tel:113) hvis livet er i fare.');
    expect(first?.activity.channelData).toEqual({ crisis: true });
    expect(second?.activity.text).toBe('Her er et svar om jobb.');
  });

  test('nynorsk and English activities give the engine that language', async () => {
    const nn = `nn-${randomUUID()}`;
    const en = `en-${randomUUID()}`;
    await post(activity(nn, { text: 'Hei', locale: 'nn-NO' }));
    await post(activity(en, { text: 'Hei', locale: 'en-US' }));
    const [nnReply] = await connector.waitFor(1, messagesIn(nn));
    const [enReply] = await connector.waitFor(1, messagesIn(en));
    expect(nnReply?.activity).toMatchObject({
      text: 'Hei igjen! Vel eit tema, eller skriv med eigne ord.',
      locale: 'nn-NO',
    });
    expect(enReply?.activity.text).toBe('Hi again! Pick a topic, or write in your own words.');
  });

  test('a redelivered activity is not answered twice', async () => {
    const conversationId = `dupe-${randomUUID()}`;
    const hei = activity(conversationId, { text: 'Hei' });
    expect((await post(hei)).status).toBe(200);
    expect((await post(hei)).status).toBe(200);
    await connector.waitFor(1, messagesIn(conversationId));
    // let a second answer, if there were one, arrive
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.received.filter(messagesIn(conversationId))).toHaveLength(1);
    expect(engine.inbound.filter((message) => message.address === conversationId)).toHaveLength(1);
  });

  test('when the turn cannot be stored: 503, and the user is told instead of left in silence', async () => {
    const conversationId = `down-${randomUUID()}`;
    engine.failNextTurn = true;
    const response = await post(activity(conversationId, { text: 'Hei' }));
    expect(response.status).toBe(503);
    const [apology] = await connector.waitFor(1, messagesIn(conversationId));
    expect(apology?.activity.text).toBe(server.translations.t('nb', 'system.unavailable'));
  });

  test('an activity without type or conversation is refused with a reason', async () => {
    const response = await post({ text: 'Hei', serviceUrl: connector.serviceUrl });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain('type');
    expect(body.error).toContain('conversation');
  });

  test('logs carry no message text', async () => {
    const conversationId = `logs-${randomUUID()}`;
    await post(activity(conversationId, { text: 'Sjefen min Kari vet ikke om diagnosen' }));
    await connector.waitFor(1, messagesIn(conversationId));
    const logs = server.logLines.join('\n');
    expect(logs).not.toContain('Kari');
    expect(logs).not.toContain('Her er et svar');
  });
});
