/**
 * Roles (issue 13, point 1): a session carries its account's role, read afresh on every request;
 * `requireCoordinator` is the one guard of coordinator routes (Origin, then session, then role).
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/createLogger.js';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { registerMentorAuthRoutes } from '../../src/mentor/mentorAuthRoutes.js';
import type { MentorEdge } from '../../src/mentor/mentorHttp.js';
import { createMentorSessions } from '../../src/mentor/mentorSessions.js';
import { CHEAP_SCRYPT, movableClock, type TempStore, tempSqliteStore } from './mentorTestKit.js';

const PASSWORD = 'et godt langt passord';

let temp: TempStore;
let server: restify.Server;
let baseUrl: string;

/** a route that only coordinators may call, guarded as the staff routes are */
function registerProbe(edge: MentorEdge): void {
  server.get('/api/staff/probe', async (req, res) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    res.json(200, { username: coordinator.username });
  });
}

beforeAll(async () => {
  temp = await tempSqliteStore();
  const clock = movableClock();
  const accounts = createMentorAccounts({ store: temp.store, clock, scryptParams: CHEAP_SCRYPT });
  expect((await accounts.add('kari', PASSWORD)).ok).toBe(true);
  expect((await accounts.add('liv', PASSWORD, 'coordinator')).ok).toBe(true);
  server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions = createMentorSessions({
    store: temp.store,
    clock,
    rateLimiter: createLoginRateLimiter(temp.store, clock),
    scryptParams: CHEAP_SCRYPT,
  });
  registerProbe(
    registerMentorAuthRoutes(server, { sessions, publicBaseUrl: baseUrl, clock, logger: createLogger('silent') }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await temp.dispose();
});

async function login(username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/mentor/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; data: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { status: response.status, data: await response.json() };
}

describe('roles', () => {
  it('GET /api/mentor/me answers {username, role} for either role', async () => {
    expect(await get('/api/mentor/me', { cookie: await login('kari') })).toMatchObject({
      status: 200,
      data: { username: 'kari', role: 'mentor' },
    });
    expect(await get('/api/mentor/me', { cookie: await login('liv') })).toMatchObject({
      status: 200,
      data: { username: 'liv', role: 'coordinator' },
    });
  });

  it('the coordinator guard: 401 without a session, 403 for a mentor or another site, through for a coordinator', async () => {
    expect(await get('/api/staff/probe')).toEqual({ status: 401, data: { error: 'unauthorized' } });
    const mentor = await login('kari');
    expect(await get('/api/staff/probe', { cookie: mentor })).toEqual({
      status: 403,
      data: { error: 'forbidden_role' },
    });
    const coordinator = await login('liv');
    expect(await get('/api/staff/probe', { cookie: coordinator, origin: 'https://evil.example' })).toEqual({
      status: 403,
      data: { error: 'forbidden_origin' },
    });
    expect(await get('/api/staff/probe', { cookie: coordinator, origin: baseUrl })).toEqual({
      status: 200,
      data: { username: 'liv' },
    });
  });

  it('a changed role counts on the next request of an open session', async () => {
    const cookie = await login('kari');
    await temp.store.transaction(null, (uow) => uow.mentors.setRole('kari', 'coordinator'));
    expect((await get('/api/staff/probe', { cookie })).status).toBe(200);
    await temp.store.transaction(null, (uow) => uow.mentors.setRole('kari', 'mentor'));
    expect((await get('/api/staff/probe', { cookie })).status).toBe(403);
  });
});
