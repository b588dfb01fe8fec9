/**
 * The last line of defence: a route that throws or rejects (every route is an async function) is
 * answered 500 with a code, logged without its text, and the process keeps serving the next one.
 * The routes that misbehave are added to the real app for this test.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { createTally } from './hostileClient.js';

const tally = createTally('top-level guard');
const SECRET = 'secret-words-from-a-user';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  app.server.get('/test/throws', async () => {
    throw new Error(SECRET);
  });
  // fails after an await, as a store call would
  app.server.get('/test/rejects', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    throw new TypeError(SECRET);
  });
});

afterAll(async () => {
  console.log(tally.summary());
  await app?.close();
});

test.each(['/test/throws', '/test/rejects'])(
  '%s is answered 500 with a code, logged without its text, and the server keeps serving',
  async (path) => {
    const response = await fetch(`${app.baseUrl}${path}`);
    tally.record(String(response.status));
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal_error' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const logged = app.logLines.filter((line) => line.includes('"http.server_error"'));
    expect(logged.at(-1)).toContain('"code":"internal_error"');
    expect(app.logLines.join('')).not.toContain(SECRET);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  },
);
