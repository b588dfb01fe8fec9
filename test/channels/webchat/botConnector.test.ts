/**
 * POST /api/messages in Emulator mode (no app id), on the real application (engine, dialogs,
 * language understanding, SQLite): activities in, replies out to a local fake Bot Connector named as
 * the activity's serviceUrl. Expectations are the locale copy for the state the dialog is in; what
 * the engine received is read back from the store.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, type RecordedActivity, startFakeBotConnector } from '../../support/fakeBotConnector.js';
import { loseStore, startWebchatApp, storedConversation, userMessages, type WebchatApp } from './webchatAppKit.js';

let connector: FakeBotConnector;
let server: WebchatApp;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startWebchatApp();
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
});

const t = (...args: Parameters<WebchatApp['app']['translations']['t']>) => server.app.translations.t(...args);

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

async function post(body: unknown, baseUrl = server.baseUrl): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const inConversation = (conversationId: string) => (recorded: RecordedActivity) =>
  recorded.conversationId === conversationId;
const messagesIn = (conversationId: string) => (recorded: RecordedActivity) =>
  recorded.conversationId === conversationId && recorded.activity.type === 'message';

const MAIN_MENU_CHOICES = [
  ['dialog.choice.openness', 'menu.openness'],
  ['dialog.choice.measures', 'menu.measures'],
  ['dialog.choice.helpline', 'menu.helpline'],
  ['dialog.choice.work', 'menu.work'],
  ['dialog.choice.mentor', 'followup.mentor'],
] as const;

describe('POST /api/messages through a Bot Connector', () => {
  test('a new visitor (conversationUpdate) gets the welcome, then the menu with its choices as suggested actions', async () => {
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
    const [welcome, menu] = await connector.waitFor(2, messagesIn(conversationId));
    expect(welcome?.activity.text).toBe(t('nb', 'dialog.welcome'));
    expect(menu?.activity.text).toBe(t('nb', 'dialog.menu.main'));
    expect(menu?.activity.suggestedActions?.actions).toEqual(
      MAIN_MENU_CHOICES.map(([labelKey, choice]) => {
        const label = t('nb', labelKey);
        return { type: 'messageBack', title: label, text: label, displayText: label, value: { choice } };
      }),
    );
    const stored = await storedConversation(server.app, conversationId);
    expect(stored).toMatchObject({ channel: 'webchat', locale: 'nb' });
    expect(stored?.reference).toMatchObject({ serviceUrl: connector.serviceUrl, conversation: { id: conversationId } });
  });

  test('the bot joining alone says nothing and starts no conversation', async () => {
    const conversationId = `bot-only-${randomUUID()}`;
    const response = await post(
      activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Bot' }] }),
    );
    expect(response.status).toBe(200);
    // the turn is over when the POST is answered: anything it sent has reached the connector
    expect(connector.received.filter(inConversation(conversationId))).toEqual([]);
    expect(await storedConversation(server.app, conversationId)).toBeUndefined();
  });

  test('"Hei" as the first message: a typing indicator first, then the introduction and the menu', async () => {
    const conversationId = `hei-${randomUUID()}`;
    const hei = activity(conversationId, { text: 'Hei' });
    expect((await post(hei)).status).toBe(200);
    const [typing, welcome, menu] = await connector.waitFor(3, inConversation(conversationId));
    expect(typing?.activity.type).toBe('typing');
    expect(welcome?.activity).toMatchObject({
      type: 'message',
      text: t('nb', 'dialog.welcome'),
      locale: 'nb-NO',
      replyToId: hei.id,
    });
    expect(welcome?.replyToId).toBe(hei.id);
    expect(menu?.activity.text).toBe(t('nb', 'dialog.menu.main'));
    expect(menu?.activity.suggestedActions?.actions.map((action) => action.title)).toEqual(
      MAIN_MENU_CHOICES.map(([labelKey]) => t('nb', labelKey)),
    );
    expect(await userMessages(server.app, conversationId)).toEqual(['Hei']);
    const stored = await storedConversation(server.app, conversationId);
    expect(stored?.reference).toMatchObject({
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversationId },
      bot: { id: 'bot-1' },
    });
  });

  test('a suggested action comes back as the choice: the openness menu follows, whatever the text says', async () => {
    const conversationId = `choice-${randomUUID()}`;
    await post(activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
    const welcomed = (await connector.waitFor(2, messagesIn(conversationId))).length;
    // the text alone would not pick the openness menu; the value does
    const response = await post(activity(conversationId, { text: 'x', value: { choice: 'menu.openness' } }));
    expect(response.status).toBe(200);
    const answers = await connector.waitFor(welcomed + 1, messagesIn(conversationId));
    const menu = answers.at(-1)?.activity;
    expect(menu?.text).toBe(t('nb', 'dialog.menu.openness'));
    expect(menu?.suggestedActions?.actions[0]).toMatchObject({
      title: t('nb', 'topics.openness.whether.label'),
      value: { choice: 'topic.openness.whether' },
    });
  });

  test('typed text is answered as typed; a value that is not ours is ignored', async () => {
    const conversationId = `typed-${randomUUID()}`;
    const response = await post(
      activity(conversationId, { text: 'Hva er lønnstilskudd?', value: { something: 'else' } }),
    );
    expect(response.status).toBe(200);
    const answers = await connector.waitFor(1, messagesIn(conversationId));
    // the long form follows at once on web chat
    expect(answers.at(-1)?.activity.text).toBe(
      `${t('nb', 'topics.measures.wage_subsidy.answer')}\n\n${t('nb', 'topics.measures.wage_subsidy.more')}`,
    );
    expect(await userMessages(server.app, conversationId)).toEqual(['Hva er lønnstilskudd?']);
  });

  test('crisis through the real engine: the crisis message is sent first, flagged, with 113', async () => {
    const conversationId = `crisis-${randomUUID()}`;
    expect((await post(activity(conversationId, { text: 'Jeg orker ikke mer, vil ikke leve lenger' }))).status).toBe(
      200,
    );
    const messages = await connector.waitFor(1, messagesIn(conversationId));
    const [first, ...rest] = messages.map((recorded) => recorded.activity);
    expect(first?.channelData).toEqual({ crisis: true });
    expect(first?.text).toContain('[113](tel:113)');
    // the crisis message is the only flagged one
    expect(rest.filter((sent) => sent.channelData?.crisis)).toEqual([]);
  });

  test('nynorsk and English activities are answered in that language', async () => {
    const nn = `nn-${randomUUID()}`;
    const en = `en-${randomUUID()}`;
    await post(activity(nn, { text: 'Hei', locale: 'nn-NO' }));
    await post(activity(en, { text: 'Hei', locale: 'en-US' }));
    const [nnWelcome] = await connector.waitFor(1, messagesIn(nn));
    const [enWelcome] = await connector.waitFor(1, messagesIn(en));
    expect(nnWelcome?.activity).toMatchObject({ text: t('nn', 'dialog.welcome'), locale: 'nn-NO' });
    expect(enWelcome?.activity.text).toBe(t('en', 'dialog.welcome'));
    expect((await storedConversation(server.app, nn))?.locale).toBe('nn');
    expect((await storedConversation(server.app, en))?.locale).toBe('en');
  });

  test('a redelivered activity is not answered or stored twice', async () => {
    const conversationId = `dupe-${randomUUID()}`;
    const hei = activity(conversationId, { text: 'Hei' });
    expect((await post(hei)).status).toBe(200);
    const firstTime = (await connector.waitFor(1, messagesIn(conversationId))).length;
    expect((await post(hei)).status).toBe(200);
    // the second POST is answered after its turn: a second reply would already be at the connector
    expect(connector.received.filter(messagesIn(conversationId))).toHaveLength(firstTime);
    expect(await userMessages(server.app, conversationId)).toEqual(['Hei']);
  });

  test('when the turn cannot be stored: 503, and the user is told instead of left in silence', async () => {
    const withoutStore = await startWebchatApp();
    await loseStore(withoutStore);
    try {
      const conversationId = `down-${randomUUID()}`;
      const response = await post(activity(conversationId, { text: 'Hei' }), withoutStore.baseUrl);
      expect(response.status).toBe(503);
      const [apology] = await connector.waitFor(1, messagesIn(conversationId));
      expect(apology?.activity.text).toBe(t('nb', 'system.unavailable'));
    } finally {
      await withoutStore.close();
    }
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
    const replies = await connector.waitFor(1, messagesIn(conversationId));
    const logs = server.app.logLines.join('\n');
    expect(logs).not.toContain('Kari');
    expect(logs).not.toContain('diagnosen');
    for (const reply of replies) expect(logs).not.toContain(reply.activity.text?.slice(0, 40));
  });
});
