/**
 * Coming back to a web chat conversation on the same device, over real HTTP on the real application
 * (SQLite file): a resume token opens the same stored conversation again, also on a new app instance
 * whose local Direct Line never held it, with its history and without a second welcome. A token that
 * is forged, tampered with or expired opens nothing; one whose conversation is gone starts afresh.
 */
import { afterAll, afterEach, expect, test } from 'vitest';
import { withResource } from '../../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../../support/postgresServer.js';
import { startTestApp, type TestApp, tempDataDir } from '../../support/testApp.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../../support/testSealer.js';
import { storedConversation, storedTranscript, userMessages } from './webchatAppKit.js';

interface WireActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; value?: unknown }> };
  from: { id: string; role?: string };
  channelData?: Record<string, unknown>;
}
interface Opened {
  conversationId: string;
  token: string;
}

const postgres = await startTestPostgres();
afterAll(async () => {
  await postgres?.stop();
});

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(dataDir = tempDataDir(), newConversationsPerAddress?: number): Promise<TestApp> {
  const app = await startTestApp({
    dataDir,
    ...(newConversationsPerAddress
      ? { overrides: { localDirectLine: { limits: { newConversationsPerAddress } } } }
      : {}),
  });
  apps.push(app);
  return app;
}

async function post<T>(
  app: TestApp,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function activities(app: TestApp, opened: Opened): Promise<WireActivity[]> {
  const response = await fetch(
    `${app.baseUrl}/v3/directline/conversations/${encodeURIComponent(opened.conversationId)}/activities`,
    { headers: { authorization: `Bearer ${opened.token}` } },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: WireActivity[] }).activities;
}

/** the page's steps: a token (new or resumed), then start the Direct Line conversation */
async function openConversation(app: TestApp, body?: unknown): Promise<Opened & { status: number }> {
  const token = await post<{ token: string }>(app, '/api/directline/token', body === undefined ? {} : { body });
  expect(token.status).toBe(200);
  const started = await post<Opened>(app, '/v3/directline/conversations', {
    token: token.body.token,
    body: { locale: 'nb-NO' },
  });
  return { ...started.body, status: started.status };
}

async function say(app: TestApp, opened: Opened, text: string): Promise<void> {
  const sent = await post(app, `/v3/directline/conversations/${encodeURIComponent(opened.conversationId)}/activities`, {
    token: opened.token,
    body: { type: 'message', text, from: { id: 'ignored' } },
  });
  expect(sent.status).toBe(200);
}

async function resumeTokenFor(app: TestApp, opened: Opened): Promise<string> {
  const issued = await post<{ resume: string }>(app, '/api/directline/resume-token', { token: opened.token });
  expect(issued.status).toBe(200);
  return issued.body.resume;
}

function webchatConversationCount(app: TestApp): number {
  return app.webchatTransport.directLine.conversations.count();
}

test('a new instance on the same database opens the same conversation again, with its history and no second welcome', async () => {
  const dataDir = tempDataDir();
  const first = await start(dataDir);
  const welcome = first.translations.t('nb', 'dialog.welcome');
  const opened = await openConversation(first);
  expect(opened.status).toBe(201);
  await say(first, opened, 'Hva er lønnstilskudd?');
  const resume = await resumeTokenFor(first, opened);
  const stored = await storedConversation(first, opened.conversationId);
  await first.close();
  apps.splice(0);

  const second = await start(dataDir);
  const token = await post<{ token: string; resumed: boolean }>(second, '/api/directline/token', { body: { resume } });
  expect(token.status).toBe(200);
  expect(token.body.resumed).toBe(true);
  const started = await post<Opened>(second, '/v3/directline/conversations', {
    token: token.body.token,
    body: { locale: 'nb-NO' },
  });
  // already started: no conversationUpdate, so no welcome turn
  expect(started.status).toBe(200);
  expect(started.body.conversationId).toBe(opened.conversationId);

  const replayed = await activities(second, started.body);
  const texts = replayed.map((activity) => activity.text ?? '');
  expect(texts.filter((text) => text === welcome)).toHaveLength(1);
  const question = replayed.find((activity) => activity.text === 'Hva er lønnstilskudd?');
  expect(question?.from.role).toBe('user');
  const answer = second.translations.t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 60);
  expect(texts.some((text) => text.startsWith(answer))).toBe(true);

  await say(second, started.body, 'takk');
  const again = await storedConversation(second, opened.conversationId);
  expect(again?.id).toBe(stored?.id);
  expect(await userMessages(second, opened.conversationId)).toEqual(['Hva er lønnstilskudd?', 'takk']);
  const welcomes = (await activities(second, started.body)).filter((activity) => activity.text === welcome);
  expect(welcomes).toHaveLength(1);
});

test('a resume while the local Direct Line still holds the conversation shows what the store has, once', async () => {
  const app = await start();
  const opened = await openConversation(app);
  await say(app, opened, 'hei');
  const resumed = await openConversation(app, { resume: await resumeTokenFor(app, opened) });
  expect(resumed.status).toBe(200);
  expect(resumed.conversationId).toBe(opened.conversationId);
  const shown = (await activities(app, resumed)).filter((activity) => activity.type === 'message');
  const stored = await storedTranscript(app, opened.conversationId);
  expect(shown.map((activity) => activity.text)).toEqual(stored.map((message) => message.text));
  expect(shown.filter((activity) => activity.text === 'hei')).toHaveLength(1);
});

test('after SLETT, a resume shows nothing of what was erased, even from the memory of the same instance', async () => {
  const app = await start();
  const opened = await openConversation(app);
  await say(app, opened, 'Jeg sliter med sjefen min');
  const resume = await resumeTokenFor(app, opened);
  await say(app, opened, 'SLETT');
  const question = (await activities(app, opened)).filter((activity) => activity.suggestedActions).at(-1);
  const yes = question?.suggestedActions?.actions.find(
    (action) => action.title === app.translations.t('nb', 'dialog.choice.eraseYes'),
  );
  if (!yes) throw new Error('SLETT asks before it erases');
  const erased = await post(
    app,
    `/v3/directline/conversations/${encodeURIComponent(opened.conversationId)}/activities`,
    {
      token: opened.token,
      body: { type: 'message', text: yes.title, value: yes.value, from: { id: 'ignored' } },
    },
  );
  expect(erased.status).toBe(200);
  expect(await userMessages(app, opened.conversationId)).not.toContain('Jeg sliter med sjefen min');
  // writing on afterwards starts a new stored conversation at the same address
  await say(app, opened, 'hei igjen');

  const resumed = await openConversation(app, { resume });
  const texts = (await activities(app, resumed)).map((activity) => activity.text ?? '');
  expect(texts.join('\n')).not.toContain('Jeg sliter med sjefen min');
});

test('a crisis answer comes back as the crisis card, and only that answer', async () => {
  const app = await start();
  const opened = await openConversation(app);
  await say(app, opened, 'jeg vil ikke leve mer');
  const resumed = await openConversation(app, { resume: await resumeTokenFor(app, opened) });
  const shown = (await activities(app, resumed)).filter((activity) => activity.type === 'message');
  const cards = shown.filter((activity) => activity.channelData?.crisis === true);
  expect(cards.map((activity) => activity.text)).toEqual([app.translations.t('nb', 'crisis.alert')]);
  const person = shown.findIndex((activity) => activity.text === 'jeg vil ikke leve mer');
  expect(shown[person + 1]?.channelData?.crisis).toBe(true);
});

test('a forged, tampered, malformed or expired resume token opens nothing', async () => {
  const app = await start();
  const opened = await openConversation(app);
  const resume = await resumeTokenFor(app, opened);
  const [payload = '', signature = ''] = resume.split('.');
  const otherConversation = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), c: 'someone-else' }),
  ).toString('base64url');
  const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
  const held = webchatConversationCount(app);

  const cases: Array<[unknown, number]> = [
    [{ resume: `${otherConversation}.${signature}` }, 403],
    [{ resume: `${payload}.${flipped}` }, 403],
    [{ resume: `${payload}.${'x'.repeat(43)}` }, 403],
    [{ resume: 'not-a-token' }, 400],
    [{ resume: '' }, 400],
    [{ resume: 42 }, 400],
    [{ resume, extra: true }, 400],
  ];
  for (const [body, status] of cases) {
    const answer = await post<{ token?: string }>(app, '/api/directline/token', { body });
    expect({ body, status: answer.status }).toEqual({ body, status });
    expect(answer.body.token).toBeUndefined();
  }
  expect(webchatConversationCount(app)).toBe(held);

  app.clock.advance((30 + 1) * 24 * 60 * 60_000);
  const expired = await post<{ token?: string }>(app, '/api/directline/token', { body: { resume } });
  expect(expired.status).toBe(403);
  expect(expired.body.token).toBeUndefined();
  expect(webchatConversationCount(app)).toBe(held);
});

test('after the conversation is deleted (SLETT, retention) a resume starts a new conversation and says so', async () => {
  const app = await start();
  const opened = await openConversation(app);
  const resume = await resumeTokenFor(app, opened);
  const stored = await storedConversation(app, opened.conversationId);
  if (!stored) throw new Error('the welcome stores the conversation');
  await app.store.transaction(null, (uow) => uow.conversations.delete(stored.id));

  const answer = await post<{ token: string; resumed: boolean; previousGone: boolean }>(app, '/api/directline/token', {
    body: { resume },
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ resumed: false, previousGone: true });
  const started = await post<Opened>(app, '/v3/directline/conversations', {
    token: answer.body.token,
    body: { locale: 'nb-NO' },
  });
  expect(started.status).toBe(201);
  expect(started.body.conversationId).not.toBe(opened.conversationId);
});

test('a resume token is given only for a valid Direct Line token', async () => {
  const app = await start();
  expect((await post(app, '/api/directline/resume-token')).status).toBe(403);
  expect((await post(app, '/api/directline/resume-token', { token: 'made-up' })).status).toBe(403);
});

test('a resume counts against the new-conversation limit of its address', async () => {
  const app = await start(tempDataDir(), 2);
  const opened = await openConversation(app);
  const resume = await resumeTokenFor(app, opened);
  expect((await post(app, '/api/directline/token', { body: { resume } })).status).toBe(200);
  const over = await fetch(`${app.baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resume }),
  });
  expect(over.status).toBe(429);
  expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
});

test(
  'with PostgreSQL, two instances share the key: a token one gave opens the conversation on the other',
  withResource(postgres, POSTGRES_MISSING, async (server) => {
    const database = await server.createDatabase();
    try {
      const env = { DATABASE_URL: database.url, DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY };
      const [one, two] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
      apps.push(one, two);
      const opened = await openConversation(one);
      await say(one, opened, 'Hva er lønnstilskudd?');
      const resume = await resumeTokenFor(one, opened);
      const resumed = await openConversation(two, { resume });
      expect(resumed.status).toBe(200);
      expect(resumed.conversationId).toBe(opened.conversationId);
      expect((await activities(two, resumed)).some((activity) => activity.text === 'Hva er lønnstilskudd?')).toBe(true);
      // and the other way round, with a key neither made twice
      expect((await openConversation(one, { resume: await resumeTokenFor(two, resumed) })).status).toBe(200);
    } finally {
      for (const app of apps.splice(0)) await app.close();
      await database.drop();
    }
  }),
);

test('when the store does not answer, a resume is 503 and the token is kept for later', async () => {
  const app = await start();
  const opened = await openConversation(app);
  const resume = await resumeTokenFor(app, opened);
  const held = webchatConversationCount(app);
  await app.store.close();
  const answer = await post<{ token?: string }>(app, '/api/directline/token', { body: { resume } });
  expect(answer.status).toBe(503);
  expect(answer.body.token).toBeUndefined();
  expect(webchatConversationCount(app)).toBe(held);
});
