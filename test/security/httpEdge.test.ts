/**
 * Hostile HTTP against the real server process: encoded bodies, a gzip bomb, multipart uploads,
 * oversized bodies, bad JSON, upgrade requests with bad targets or on paths nothing serves. Each is
 * refused with the right status, the process lives and serves, nothing is stored, and neither its
 * memory nor its temp folder grows.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTally, requestHead, sendRaw } from './hostileClient.js';
import { type ServerUnderAttack, startServerUnderAttack } from './serverUnderAttack.js';

const tally = createTally('http edge');
let server: ServerUnderAttack;
let rssAtStartMb: number;

/** every route the server has, with a method it answers */
const ROUTES: Array<[string, string]> = [
  ['GET', '/'],
  ['GET', '/healthz'],
  ['GET', '/mentor'],
  ['POST', '/api/sms'],
  ['POST', '/api/messages'],
  ['POST', '/api/directline/token'],
  ['POST', '/v3/directline/tokens/generate'],
  ['POST', '/v3/directline/conversations'],
  ['POST', '/v3/directline/conversations/abc/activities'],
  ['POST', '/api/mentor/login'],
  ['POST', '/api/mentor/logout'],
  ['GET', '/api/mentor/handovers'],
  ['POST', '/api/mentor/handovers/x/messages'],
  ['GET', '/no/such/route'],
];

beforeAll(async () => {
  server = await startServerUnderAttack();
  rssAtStartMb = await server.rssMb();
});

afterAll(async () => {
  console.log(tally.summary());
  await server?.stop();
});

async function gzipOfZeros(megabytes: number): Promise<Buffer> {
  const megabyte = Buffer.alloc(1024 * 1024);
  const source = Readable.from(
    (function* () {
      for (let index = 0; index < megabytes; index += 1) yield megabyte;
    })(),
  );
  return buffer(source.pipe(createGzip({ level: 9 })));
}

describe('request bodies', () => {
  test.each(ROUTES)('a body that claims to be gzip but is not: %s %s answers 415', async (method, path) => {
    const head = requestHead(method, path, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 1);
    const answer = await sendRaw(server.baseUrl, head, 'x', { tally });
    expect(answer.status).toBe(415);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(await server.isServing()).toBe(true);
  });

  test.each(['deflate', 'br', 'gzip, identity', 'x-unknown'])(
    'Content-Encoding %s is refused with 415',
    async (encoding) => {
      const head = requestHead(
        'POST',
        '/api/mentor/login',
        { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
        2,
      );
      const answer = await sendRaw(server.baseUrl, head, '{}', { tally });
      expect(answer.status).toBe(415);
    },
  );

  test('a gzip bomb (250 MB of zeros in about 250 kB) is refused unread and memory stays put', async () => {
    const bomb = await gzipOfZeros(250);
    expect(bomb.length).toBeLessThan(256 * 1024);
    for (const path of ['/api/mentor/login', '/api/messages', '/v3/directline/conversations']) {
      const head = requestHead(
        'POST',
        path,
        { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        bomb.length,
      );
      const answer = await sendRaw(server.baseUrl, head, bomb, { tally });
      expect(answer.status).toBe(415);
    }
    expect(await server.isServing()).toBe(true);
    expect(await server.rssMb()).toBeLessThan(rssAtStartMb + 100);
  });

  test('multipart uploads are refused before anything is read, and nothing lands in the temp folder', async () => {
    const boundary = 'hostileboundary';
    const twentyMb = Buffer.alloc(20 * 1024 * 1024, 'a');
    const upload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`),
      twentyMb,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    for (let index = 0; index < 3; index += 1) {
      const head = requestHead(
        'POST',
        '/api/mentor/login',
        { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        upload.length,
      );
      const answer = await sendRaw(server.baseUrl, head, upload, { tally });
      expect(answer.status).toBe(413);
    }
    const small = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    );
    for (const path of ['/api/mentor/login', '/api/sms', '/api/messages', '/']) {
      const head = requestHead(
        'POST',
        path,
        { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        small.length,
      );
      const answer = await sendRaw(server.baseUrl, head, small, { tally });
      expect(answer.status).toBe(415);
    }
    expect(server.tempFiles()).toEqual([]);
    expect(await server.isServing()).toBe(true);
  });

  test('a body over the limit is refused with 413, whether its length is declared or it is chunked', async () => {
    const declared = requestHead('POST', '/api/messages', { 'Content-Type': 'application/json' }, 10 * 1024 * 1024);
    expect((await sendRaw(server.baseUrl, declared, '{', { tally })).status).toBe(413);

    const chunk = Buffer.alloc(64 * 1024, ' ');
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`).join('');
    const chunked = [
      'POST /api/mentor/login HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      'Connection: close',
    ].join('\r\n');
    expect((await sendRaw(server.baseUrl, chunked, `${chunks}0\r\n\r\n`, { tally })).status).toBe(413);
    expect(await server.isServing()).toBe(true);
  });

  test.each([
    ['/api/sms', 'application/json', '{}'],
    ['/api/messages', 'application/x-www-form-urlencoded', 'a=b'],
    ['/api/mentor/login', 'text/plain', 'username=a'],
    ['/v3/directline/conversations', 'application/xml', '<a/>'],
    ['/', 'text/html', '<a/>'],
  ])('%s does not take %s: 415', async (path, type, body) => {
    const answer = await sendRaw(
      server.baseUrl,
      requestHead('POST', path, { 'Content-Type': type }, body.length),
      body,
      { tally },
    );
    expect(answer.status).toBe(415);
  });

  test('bad JSON is answered 400 with a code, not with the parser message or the input', async () => {
    const body = '{"username": "secret-name-123", ';
    const answer = await sendRaw(
      server.baseUrl,
      requestHead('POST', '/api/mentor/login', { 'Content-Type': 'application/json' }, body.length),
      body,
      { tally },
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: 'invalid_json' });
  });
});

describe('answers', () => {
  test('404 does not echo the path, and carries nosniff', async () => {
    const answer = await sendRaw(server.baseUrl, requestHead('GET', '/%3Cscript%3Esecret-path-42', {}), '', { tally });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('secret');
    expect(answer.body).not.toContain('script');
    expect(JSON.parse(answer.body)).toEqual({ error: 'not_found' });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a method a route does not serve gets 405 without echoing it', async () => {
    const answer = await sendRaw(server.baseUrl, requestHead('DELETE', '/healthz', {}), '', { tally });
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({ error: 'method_not_allowed' });
  });

  test.each(['/', '/healthz', '/mentor/', '/api/mentor/me'])('%s carries nosniff', async (path) => {
    const response = await fetch(`${server.baseUrl}${path}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('upgrade requests', () => {
  const upgradeHeaders = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
  };

  test.each([
    ['/v3/directline/conversations/%ZZ/stream?t=abc', 400],
    ['//[', 400],
    ['*', 400],
    ['http://evil.example/v3/directline/conversations/a/stream', 400],
    ['/v3/directline/conversations/%E0%A4%A/stream', 400],
    ['/', 404],
    ['/api/mentor/events', 404],
    ['/v3/directline/conversations/a/stream/extra', 404],
    ['/v3/directline/conversations/unknown/stream?t=abc', 403],
    ['/v3/directline/conversations/unknown/stream?t=%ZZ', 403],
  ])('an upgrade to %s is answered %i and closed', async (target, status) => {
    const head = [
      `GET ${target} HTTP/1.1`,
      'Host: 127.0.0.1',
      ...Object.entries(upgradeHeaders).map(([n, v]) => `${n}: ${v}`),
    ].join('\r\n');
    const answer = await sendRaw(server.baseUrl, head, '', { timeoutMs: 3000, tally });
    expect(answer.status).toBe(status);
    expect(answer.closedByServer).toBe(true);
    expect(await server.isServing()).toBe(true);
  });

  test('an upgrade on a path nothing serves is closed even when the client keeps the socket open', async () => {
    const head = ['GET / HTTP/1.1', 'Host: 127.0.0.1', 'Connection: Upgrade', 'Upgrade: websocket'].join('\r\n');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sendRaw(server.baseUrl, head, '', { timeoutMs: 3000, tally })),
    );
    expect(answers.every((answer) => answer.closedByServer && answer.status === 404)).toBe(true);
  });
});

describe('afterwards', () => {
  test('the server is alive and serving, stored nothing, wrote no temp files and holds no extra memory', async () => {
    expect(await server.isServing()).toBe(true);
    expect(server.countRows('conversations')).toBe(0);
    expect(server.countRows('transcript_messages')).toBe(0);
    expect(server.tempFiles()).toEqual([]);
    expect(await server.rssMb()).toBeLessThan(rssAtStartMb + 100);
  });
});
