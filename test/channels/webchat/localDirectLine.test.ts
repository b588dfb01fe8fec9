/**
 * The local Direct Line 3.0 endpoint over real HTTP and WebSocket, on the real application (engine,
 * dialogs, SQLite): what botframework-directlinejs relies on (the user's activity echoed with an id,
 * growing watermarks, replay on reconnect) and what keeps conversations apart (a token opens only
 * its own conversation).
 */
import { EventEmitter, once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { DirectLineConversations } from '../../../src/channels/webchat/directLine/directLineConversations.js';
import { LOCAL_DIRECT_LINE_SERVICE_URL } from '../../../src/channels/webchat/directLine/localDirectLineAdapter.js';
import { loseStore, startWebchatApp, storedConversation, userMessages, type WebchatApp } from './webchatAppKit.js';

interface WireActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string; name?: string };
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions: Array<{ title: string; value: unknown }> };
  replyToId?: string;
  timestamp?: string;
}
interface ActivitySet {
  activities: WireActivity[];
  watermark: string;
}
interface ConversationInfo {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

let server: WebchatApp;
let clockMs = Date.parse('2026-11-24T10:00:00Z');

beforeAll(async () => {
  server = await startWebchatApp({}, { localDirectLine: { now: () => clockMs } });
});

afterAll(async () => {
  await server?.close();
});

const t = (...args: Parameters<WebchatApp['app']['translations']['t']>) => server.app.translations.t(...args);

/** a new conversation opens with two activities: the welcome, then the main menu */
const OPENING = 2;

async function call<T>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  baseUrl = server.baseUrl,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/v3/directline${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** what the chat page does: a token from the server, then start the conversation */
async function startConversation(baseUrl = server.baseUrl): Promise<ConversationInfo> {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST' });
  const { token, domain } = (await response.json()) as { token: string; domain: string };
  expect(domain).toBe(`${baseUrl}/v3/directline`);
  const started = await call<ConversationInfo>('POST', '/conversations', token, { locale: 'nb-NO' }, baseUrl);
  expect(started.status).toBe(201);
  return started.body;
}

function postActivity(conversation: ConversationInfo, activity: Record<string, unknown>, baseUrl = server.baseUrl) {
  return call<{ id: string }>(
    'POST',
    `/conversations/${conversation.conversationId}/activities`,
    conversation.token,
    { from: { id: 'browser-chosen-id' }, ...activity },
    baseUrl,
  );
}

function getActivities(conversation: ConversationInfo, watermark = '', baseUrl = server.baseUrl) {
  return call<ActivitySet>(
    'GET',
    `/conversations/${conversation.conversationId}/activities?watermark=${watermark}`,
    conversation.token,
    undefined,
    baseUrl,
  );
}

/** a WebSocket on a streamUrl, collecting what it pushes */
class StreamReader {
  readonly sets: ActivitySet[] = [];
  private readonly arrivals = new EventEmitter();
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = String(data);
      if (text) this.sets.push(JSON.parse(text) as ActivitySet);
      this.arrivals.emit('set');
    });
  }

  static open(url: string): Promise<StreamReader> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const reader = new StreamReader(socket);
      socket.once('open', () => resolve(reader));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`stream refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get activities(): WireActivity[] {
    return this.sets.flatMap((set) => set.activities);
  }

  /** resolves once `count` activities have arrived; fails after 5 s */
  async waitFor(count: number): Promise<WireActivity[]> {
    const signal = AbortSignal.timeout(5000);
    while (this.activities.length < count) {
      await once(this.arrivals, 'set', { signal }).catch(() => {
        throw new Error(`stream: expected ${count} activities, got ${this.activities.length}`);
      });
    }
    return this.activities;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe('local Direct Line: conversations and activities', () => {
  test('starting a conversation says the welcome and the menu once, ready at the first watermark', async () => {
    const conversation = await startConversation();
    expect(conversation.streamUrl).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversation.conversationId}/stream\\?watermark=&t=`,
      ),
    );
    const { body } = await getActivities(conversation);
    expect(body.watermark).toBe(String(OPENING));
    expect(body.activities).toHaveLength(OPENING);
    const [welcome, menu] = body.activities;
    expect(welcome).toMatchObject({
      id: `${conversation.conversationId}|0000001`,
      type: 'message',
      text: t('nb', 'dialog.welcome'),
      from: { id: 'helpline-bot', role: 'bot' },
    });
    expect(menu?.text).toBe(t('nb', 'dialog.menu.main'));
    expect(menu?.suggestedActions?.actions.map((action) => action.value)).toEqual([
      { choice: 'menu.openness' },
      { choice: 'menu.measures' },
      { choice: 'menu.helpline' },
      { choice: 'menu.work' },
      { choice: 'followup.mentor' },
    ]);
    const stored = await storedConversation(server.app, conversation.conversationId);
    expect(stored).toMatchObject({ channel: 'webchat', locale: 'nb' });
    expect(stored?.reference).toMatchObject({ serviceUrl: LOCAL_DIRECT_LINE_SERVICE_URL });

    const again = await call<ConversationInfo>('POST', '/conversations', conversation.token, {});
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversation.conversationId);
    // no second welcome
    expect((await getActivities(conversation)).body.activities).toHaveLength(OPENING);
  });

  test("the user's own activity comes back with an id, before the typing indicator and the reply", async () => {
    const conversation = await startConversation();
    const posted = await postActivity(conversation, {
      type: 'message',
      text: 'Hei',
      locale: 'nb-NO',
      channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    const { body } = await getActivities(conversation, String(OPENING));
    const [echo, typing, reply] = body.activities;
    expect(echo).toMatchObject({
      id: posted.body.id,
      type: 'message',
      text: 'Hei',
      channelData: { clientActivityID: 'client-1' },
    });
    // the token decides who speaks, not the browser
    expect(echo?.from).toMatchObject({ role: 'user' });
    expect(echo?.from.id).toMatch(/^dl_/u);
    expect(typing?.type).toBe('typing');
    // "Hei" in a conversation already under way: the main menu again
    expect(reply).toMatchObject({
      type: 'message',
      text: t('nb', 'dialog.menu.main'),
      replyToId: posted.body.id,
    });
    expect(body.activities).toHaveLength(3);
    const last = String(OPENING + 3);
    expect(body.watermark).toBe(last);

    const nothingNew = await getActivities(conversation, last);
    expect(nothingNew.body).toEqual({ activities: [], watermark: last });
  });

  test('a suggested action (messageBack) reaches the engine as the choice', async () => {
    const conversation = await startConversation();
    // the text alone would not pick the openness menu; the value does
    await postActivity(conversation, { type: 'message', text: 'x', value: { choice: 'menu.openness' } });
    const { body } = await getActivities(conversation, String(OPENING));
    expect(body.activities.at(-1)?.text).toBe(t('nb', 'dialog.menu.openness'));
    expect(await userMessages(server.app, conversation.conversationId)).toEqual(['x']);
  });

  test('the stream pushes new activities, and a reconnect with a watermark replays only what was missed', async () => {
    const conversation = await startConversation();
    const first = await StreamReader.open(conversation.streamUrl);
    // the welcome was said before the stream opened: it is replayed from watermark 0
    expect((await first.waitFor(1))[0]?.text).toBe(t('nb', 'dialog.welcome'));
    await postActivity(conversation, { type: 'message', text: 'Hei' });
    const seen = await first.waitFor(OPENING + 3);
    expect(seen.map((activity) => activity.type)).toEqual(['message', 'message', 'message', 'typing', 'message']);
    const watermarks = first.sets.map((set) => Number(set.watermark));
    expect(watermarks).toEqual([...watermarks].sort((a, b) => a - b));
    const lastSeen = first.sets.at(-1)?.watermark ?? '';
    await first.close();

    await postActivity(conversation, { type: 'message', text: 'Hva er arbeidstrening?' });
    const resumed = await call<ConversationInfo>(
      'GET',
      `/conversations/${conversation.conversationId}?watermark=${lastSeen}`,
      conversation.token,
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.streamUrl).toContain(`watermark=${lastSeen}`);
    const second = await StreamReader.open(resumed.body.streamUrl);
    const missed = await second.waitFor(3);
    expect(missed.map((activity) => activity.text ?? activity.type)).toEqual([
      'Hva er arbeidstrening?',
      'typing',
      `${t('nb', 'topics.measures.work_training.answer')}\n\n${t('nb', 'topics.measures.work_training.more')}`,
    ]);
    expect(Number(second.sets[0]?.watermark)).toBeGreaterThan(Number(lastSeen));
    await second.close();
  });

  test('a stream URL opens once', async () => {
    const conversation = await startConversation();
    const reader = await StreamReader.open(conversation.streamUrl);
    await reader.close();
    await expect(StreamReader.open(conversation.streamUrl)).rejects.toThrow('stream refused: 403');
  });

  test('when the turn cannot be stored: 503, and the stream tells the user', async () => {
    const failing = await startWebchatApp();
    try {
      const conversation = await startConversation(failing.baseUrl);
      await loseStore(failing);
      const posted = await postActivity(conversation, { type: 'message', text: 'Hei' }, failing.baseUrl);
      expect(posted.status).toBe(503);
      const { body } = await getActivities(conversation, String(OPENING), failing.baseUrl);
      expect(body.activities.at(-1)?.text).toBe(t('nb', 'system.unavailable'));
    } finally {
      await failing.close();
    }
  });

  test('tokens/generate and tokens/refresh give tokens for one conversation', async () => {
    const generated = await call<{ conversationId: string; token: string; expires_in: number }>(
      'POST',
      '/tokens/generate',
    );
    expect(generated.status).toBe(200);
    expect(generated.body.expires_in).toBe(1800);
    const refreshed = await call<{ conversationId: string; token: string }>(
      'POST',
      '/tokens/refresh',
      generated.body.token,
    );
    expect(refreshed.body.conversationId).toBe(generated.body.conversationId);
    expect(refreshed.body.token).not.toBe(generated.body.token);
    const started = await call<ConversationInfo>('POST', '/conversations', refreshed.body.token, {});
    expect(started.body.conversationId).toBe(generated.body.conversationId);
  });
});

describe('local Direct Line: who may do what', () => {
  test('a token opens only its own conversation', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const path = `/conversations/${theirs.conversationId}`;
    expect((await call('GET', `${path}/activities?watermark=`, mine.token)).status).toBe(403);
    expect((await call('GET', path, mine.token)).status).toBe(403);
    expect((await call('POST', `${path}/activities`, mine.token, { type: 'message', text: 'Hei' })).status).toBe(403);
    expect(await userMessages(server.app, theirs.conversationId)).toEqual([]);
  });

  test('no token is 401, an unknown token 403', async () => {
    const conversation = await startConversation();
    const path = `/conversations/${conversation.conversationId}/activities?watermark=`;
    expect((await call('GET', path)).status).toBe(401);
    expect((await call('GET', path, 'made-up-token')).status).toBe(403);
    expect((await call('POST', '/conversations', 'made-up-token', {})).status).toBe(403);
  });

  test('an expired token is refused; a refreshed one is not', async () => {
    const conversation = await startConversation();
    const refreshed = await call<{ token: string }>('POST', '/tokens/refresh', conversation.token);
    clockMs += 20 * 60_000;
    const later = await call<{ token: string }>('POST', '/tokens/refresh', refreshed.body.token);
    clockMs += 20 * 60_000;
    expect((await getActivities(conversation)).status).toBe(403);
    expect((await getActivities({ ...conversation, token: later.body.token })).status).toBe(200);
  });

  test('input that does not fit is refused with a reason, and nothing is stored', async () => {
    const conversation = await startConversation();
    const invoke = await postActivity(conversation, { type: 'invoke', name: 'x' });
    expect(invoke.status).toBe(400);
    const tooLong = await postActivity(conversation, { type: 'message', text: 'a'.repeat(4001) });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('text');
    const upload = await postActivity(conversation, { type: 'message', attachments: [{ contentType: 'image/png' }] });
    expect(upload.status).toBe(400);
    expect((await getActivities(conversation, 'abc')).status).toBe(400);
    expect((await getActivities(conversation)).body.watermark).toBe(String(OPENING));
    expect(await userMessages(server.app, conversation.conversationId)).toEqual([]);
  });
});

describe('DirectLineConversations', () => {
  test('keeps the newest activities up to its cap, while the watermark keeps growing', () => {
    const conversations = new DirectLineConversations({ historyCap: 3, idleMs: 60_000, now: () => 0 });
    const id = conversations.create();
    for (let n = 1; n <= 5; n++) conversations.append(id, { type: 'message', text: `m${n}` });
    const all = conversations.since(id, undefined);
    expect(all.activities.map((activity) => activity.text)).toEqual(['m3', 'm4', 'm5']);
    expect(all.watermark).toBe('5');
    expect(conversations.since(id, 9).watermark).toBe('9');
  });

  test('forgets conversations nobody touched for a while, but not one with an open stream', () => {
    let now = 0;
    const conversations = new DirectLineConversations({ historyCap: 10, idleMs: 60_000, now: () => now });
    const idle = conversations.create();
    const watched = conversations.create();
    conversations.subscribe(watched, () => {});
    now = 10 * 60_000;
    conversations.create();
    expect(conversations.has(idle)).toBe(false);
    expect(conversations.has(watched)).toBe(true);
  });
});
