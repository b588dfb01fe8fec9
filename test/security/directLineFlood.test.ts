/**
 * A script floods the local Direct Line: thousands of new conversations, a stream of activities into
 * one. Past the limits (directLineLimits.ts) it gets 429 with Retry-After; what it could create stays
 * within the per-address allowance, in the database and in memory.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_DIRECT_LINE_LIMITS } from '../../src/channels/webchat/directLine/directLineLimits.js';
import { createTally } from './hostileClient.js';
import { type ServerUnderAttack, startServerUnderAttack } from './serverUnderAttack.js';

const tally = createTally('direct line flood');
let server: ServerUnderAttack;

beforeAll(async () => {
  server = await startServerUnderAttack();
});

afterAll(async () => {
  console.log(tally.summary());
  await server?.stop();
});

async function post(path: string, token?: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  tally.record(String(response.status));
  return response;
}

/** `count` requests, `parallel` at a time */
async function flood<T>(count: number, parallel: number, send: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, offset) => send(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe('the local Direct Line under a flood', () => {
  test('100 activities into one conversation: 20 a minute are taken, the rest get 429 and are not stored', async () => {
    const { token } = (await (await post('/api/directline/token')).json()) as { token: string };
    const started = (await (await post('/v3/directline/conversations', token, {})).json()) as {
      conversationId: string;
    };
    const path = `/v3/directline/conversations/${started.conversationId}/activities`;
    const statuses = await flood(100, 10, async (index) => {
      const response = await post(path, token, { type: 'message', text: `melding ${index}` });
      return response.status;
    });
    const perConversation = DEFAULT_DIRECT_LINE_LIMITS.activitiesPerConversation;
    expect(statuses.filter((status) => status === 200)).toHaveLength(perConversation);
    expect(statuses.filter((status) => status === 429)).toHaveLength(100 - perConversation);
    expect(server.countRows('transcript_messages')).toBeLessThan(4 * perConversation);
  });

  test('2,000 more new conversations from the same address: the rest of its 30 a minute are opened, the others get 429 with Retry-After', async () => {
    const rssBefore = await server.rssMb();
    const answers = await flood(2000, 50, async (index) => {
      const path = index % 2 === 0 ? '/api/directline/token' : '/v3/directline/tokens/generate';
      const response = await post(path);
      const body = (await response.json()) as { token?: string };
      if (response.status === 200 && body.token) {
        // start it, as the page does: this is what stores a conversation
        const started = await post('/v3/directline/conversations', body.token, {});
        expect(started.status).toBe(201);
      }
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    });
    const opened = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    // one was opened by the test above
    expect(opened).toHaveLength(DEFAULT_DIRECT_LINE_LIMITS.newConversationsPerAddress - 1);
    expect(refused).toHaveLength(2000 - opened.length);
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
    }
    expect(server.countRows('conversations')).toBe(DEFAULT_DIRECT_LINE_LIMITS.newConversationsPerAddress);
    expect(await server.rssMb()).toBeLessThan(rssBefore + 50);
    expect(await server.isServing()).toBe(true);
  });
});
