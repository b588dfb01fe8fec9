import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/auditLog.js';
import { createLogger } from '../../src/logging/createLogger.js';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { registerMentorAuthRoutes } from '../../src/mentor/mentorAuthRoutes.js';
import { registerMentorConsolePage } from '../../src/mentor/mentorConsolePage.js';
import { isOwnOrigin } from '../../src/mentor/mentorHttp.js';
import { createMentorSessions } from '../../src/mentor/mentorSessions.js';
import { parseCookieHeader } from '../../src/mentor/sessionCookie.js';
import { CHEAP_SCRYPT, movableClock, type TempStore, tempSqliteStore } from './mentorTestKit.js';

const PASSWORD = 'et godt langt passord';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

interface Running {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** a server built the way the app builds it: query and body parsers, then the mentor routes */
async function startServer(temp: TempStore, publicBaseUrl: (port: number) => string): Promise<Running> {
  const clock = movableClock();
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const sessions = createMentorSessions({
    store: temp.store,
    clock,
    rateLimiter: createLoginRateLimiter(temp.store, clock),
    scryptParams: CHEAP_SCRYPT,
  });
  registerMentorAuthRoutes(server, {
    sessions,
    publicBaseUrl: publicBaseUrl(port),
    clock,
    logger: createLogger('silent'),
    audit: createAuditLog({ store: temp.store, clock, logger: createLogger('silent') }),
  });
  registerMentorConsolePage(server, { defaultLocale: 'nb' });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function call(
  running: Running,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${running.baseUrl}${path}`, { method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function login(running: Running, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(running, 'POST', '/api/mentor/login', {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function sessionCookie(reply: Reply): string {
  const header = reply.headers['set-cookie']?.[0] ?? '';
  return header.split(';')[0] ?? '';
}

let temp: TempStore;
let plain: Running;
let secure: Running;

beforeAll(async () => {
  temp = await tempSqliteStore();
  const accounts = createMentorAccounts({ store: temp.store, clock: () => new Date(), scryptParams: CHEAP_SCRYPT });
  expect((await accounts.add('kari', PASSWORD)).ok).toBe(true);
  expect((await accounts.add('ola', PASSWORD)).ok).toBe(true);
  plain = await startServer(temp, (port) => `http://localhost:${port}`);
  secure = await startServer(temp, () => 'https://hjelp.example.no');
});

afterAll(async () => {
  await plain.close();
  await secure.close();
  await temp.dispose();
});

describe('POST /api/mentor/login', () => {
  it('answers 200 with an HttpOnly, SameSite=Strict session cookie on http', async () => {
    const reply = await login(plain, { username: 'kari', password: PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      mentor: { id: expect.any(String), username: 'kari', role: 'mentor', mustChangePassword: false },
    });
    const cookies = reply.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const attributes = (cookies[0] ?? '').split('; ');
    expect(attributes[0]).toMatch(/^mentor_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict']);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('adds Secure and the __Host- prefix when PUBLIC_BASE_URL is https', async () => {
    const reply = await login(secure, { username: 'kari', password: PASSWORD });
    expect(reply.status).toBe(200);
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^__Host-mentor_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie.split('; ')).toContain('Secure');
    const me = await call(secure, 'GET', '/api/mentor/me', { headers: { cookie: sessionCookie(reply) } });
    expect(me.status).toBe(200);
  });

  it('answers 401 for a wrong password or an unknown name, and sets no cookie', async () => {
    for (const body of [
      { username: 'kari', password: 'feil passord' },
      { username: 'ingen', password: PASSWORD },
    ]) {
      const reply = await login(plain, body);
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ error: 'invalid_credentials' });
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('wants JSON: 415 for a form, 400 with the reason for a bad shape', async () => {
    const form = await call(plain, 'POST', '/api/mentor/login', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=kari&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(415);
    expect(form.json).toEqual({ error: 'unsupported_media_type' });
    const missing = await login(plain, { username: 'kari' });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: 'invalid_body', reason: expect.stringContaining('password') });
  });

  it('answers 429 with Retry-After after 5 failures for one name', async () => {
    for (let failure = 0; failure < 5; failure += 1) {
      expect((await login(plain, { username: 'ola', password: `feil ${failure}` })).status).toBe(401);
    }
    const blocked = await login(plain, { username: 'ola', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.json).toEqual({ error: 'rate_limited', retryAfterSeconds: 900 });
  });
});

describe('Origin check', () => {
  it('refuses another site with 403, on login and on session routes', async () => {
    const evil = await login(plain, { username: 'kari', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json).toEqual({ error: 'forbidden_origin' });
    expect(evil.headers['set-cookie']).toBeUndefined();

    const cookie = sessionCookie(await login(plain, { username: 'kari', password: PASSWORD }));
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${plain.port + 1}`]) {
      const me = await call(plain, 'GET', '/api/mentor/me', { headers: { cookie, origin } });
      expect(me.status, origin).toBe(403);
    }
    const logout = await call(plain, 'POST', '/api/mentor/logout', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(logout.status).toBe(403);
    expect((await call(plain, 'GET', '/api/mentor/me', { headers: { cookie } })).status).toBe(200);
  });

  it('accepts the origin of PUBLIC_BASE_URL and of the Host the request was sent to', async () => {
    const viaPublic = await login(
      plain,
      { username: 'kari', password: PASSWORD },
      { origin: `http://localhost:${plain.port}` },
    );
    expect(viaPublic.status).toBe(200);
    const viaHost = await login(plain, { username: 'kari', password: PASSWORD }, { origin: plain.baseUrl });
    expect(viaHost.status).toBe(200);
    const proxied = await login(
      plain,
      { username: 'kari', password: PASSWORD },
      { origin: 'https://konsoll.example.no', host: 'konsoll.example.no' },
    );
    expect(proxied.status).toBe(200);
  });

  it('is a pure rule that tests can pin down', () => {
    expect(isOwnOrigin(undefined, 'a.example', 'https://b.example')).toBe(true);
    expect(isOwnOrigin('https://b.example', 'a.example', 'https://b.example')).toBe(true);
    expect(isOwnOrigin('https://a.example', 'a.example', 'https://b.example')).toBe(true);
    expect(isOwnOrigin('https://a.example.evil', 'a.example', 'https://b.example')).toBe(false);
    expect(isOwnOrigin('https://a.example', undefined, 'https://b.example')).toBe(false);
  });
});

describe('session routes', () => {
  it('answers 401 without a cookie or with a made-up one', async () => {
    expect((await call(plain, 'GET', '/api/mentor/me')).status).toBe(401);
    const madeUp = await call(plain, 'GET', '/api/mentor/me', {
      headers: { cookie: `mentor_session=${'a'.repeat(43)}` },
    });
    expect(madeUp.status).toBe(401);
    expect(madeUp.json).toEqual({ error: 'unauthorized' });
    expect((await call(plain, 'POST', '/api/mentor/logout')).status).toBe(401);
  });

  it('tells who is logged in, and logout ends the session and clears the cookie', async () => {
    const cookie = sessionCookie(await login(plain, { username: 'kari', password: PASSWORD }));
    const me = await call(plain, 'GET', '/api/mentor/me', { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ username: 'kari', role: 'mentor', mustChangePassword: false });

    const logout = await call(plain, 'POST', '/api/mentor/logout', { headers: { cookie } });
    expect(logout.status).toBe(204);
    const cleared = logout.headers['set-cookie']?.[0] ?? '';
    expect(cleared).toMatch(/^mentor_session=; /);
    expect(cleared).toContain('Max-Age=0');
    expect((await call(plain, 'GET', '/api/mentor/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('the console page', () => {
  it('serves the page, its script and style with a strict Content-Security-Policy', async () => {
    const page = await call(plain, 'GET', '/mentor');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.text).toContain('<script type="module" src="/mentor/app.js"></script>');
    // no inline script: the page is only a mount point for the module
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = await call(plain, 'GET', '/mentor/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain('/api/mentor/events');
    const view = await call(plain, 'GET', '/mentor/views/handover.js');
    expect(view.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const library = await call(plain, 'GET', '/mentor/vendor/htm-preact.mjs');
    expect(library.status).toBe(200);
    const style = await call(plain, 'GET', '/mentor/console.css');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const slash = await call(plain, 'GET', '/mentor/');
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe('/mentor');
  });

  it('serves the staff pages from the same head, with their own style sheet and Chart.js before the module', async () => {
    const page = await call(plain, 'GET', '/mentor/staff');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const head = page.text.slice(page.text.indexOf('<head>'), page.text.indexOf('</head>'));
    const consolePage = await call(plain, 'GET', '/mentor');
    expect(consolePage.text).toContain('<meta name="referrer" content="no-referrer" />');
    expect(head).toContain('<meta name="referrer" content="no-referrer" />');
    expect(head).toContain('<link rel="stylesheet" href="/mentor/console.css" />');
    expect(head).toContain('<link rel="stylesheet" href="/mentor/staff/staff.css" />');
    expect(head.indexOf('<script src="/mentor/vendor/chart.umd.js" defer></script>')).toBeGreaterThan(-1);
    expect(head.indexOf('<script src="/mentor/vendor/chart.umd.js" defer></script>')).toBeLessThan(
      head.indexOf('<script type="module" src="/mentor/staff/app.js"></script>'),
    );
    expect(consolePage.text).not.toContain('staff');
    expect(page.text).not.toContain('{{');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves the console texts per language, bokmål for anything else', async () => {
    const english = await call(plain, 'GET', '/mentor/strings.json?lng=en');
    expect(english.json).toMatchObject({ login: { heading: 'Log in' } });
    const nynorsk = await call(plain, 'GET', '/mentor/strings.json?lng=nn');
    expect(nynorsk.json).toMatchObject({ login: { username: 'Brukarnamn' } });
    const unknown = await call(plain, 'GET', '/mentor/strings.json?lng=de');
    expect(unknown.json).toMatchObject({ login: { username: 'Brukernavn' } });
  });
});

describe('cookie header parsing', () => {
  it('reads names and values, ignores junk, keeps the first of a repeated name', () => {
    const cookies = parseCookieHeader('a=1; junk; mentor_session="abc"; a=2; =x');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['mentor_session', 'abc'],
    ]);
    expect(parseCookieHeader(undefined).size).toBe(0);
  });
});
