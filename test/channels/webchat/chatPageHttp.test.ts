/**
 * The chat page and its token endpoint over HTTP, served by the real application: strings in the
 * visitor's language, a strict content security policy, the Web Chat bundle from node_modules, and
 * the Azure Direct Line secret kept on the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebchatApp, type WebchatApp } from './webchatAppKit.js';

const SECRET = 'direct-line-secret-never-in-the-browser';

interface FakeAzureDirectLine {
  baseUrl: string;
  requests: Array<{ authorization?: string; body: string }>;
  failWith?: number;
  server: Server;
}

async function startFakeAzureDirectLine(): Promise<FakeAzureDirectLine> {
  const fake: Omit<FakeAzureDirectLine, 'baseUrl'> & { baseUrl: string } = {
    baseUrl: '',
    requests: [],
    server: createServer(async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      fake.requests.push({
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body: Buffer.concat(chunks).toString(),
      });
      const ok =
        req.method === 'POST' &&
        req.url === '/v3/directline/tokens/generate' &&
        req.headers.authorization === `Bearer ${SECRET}`;
      res.statusCode = fake.failWith ?? (ok ? 200 : 403);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          res.statusCode === 200
            ? { conversationId: 'azure-conversation', token: 'azure-token', expires_in: 3600 }
            : { error: { code: 'Forbidden' } },
        ),
      );
    }),
  };
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v3/directline`;
  return fake;
}

describe('GET / (local Direct Line)', () => {
  let server: WebchatApp;
  beforeAll(async () => {
    server = await startWebchatApp();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('serves the page in bokmål by default, every placeholder filled, under a strict CSP', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<title>Chat</title>');
    expect(html).toContain('href="tel:113"');
    expect(html).not.toMatch(/\{\{/u);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:`);
    const config = JSON.parse(
      /<script id="chat-config" type="application\/json">(.*?)<\/script>/su.exec(html)?.[1] ?? '{}',
    );
    expect(config).toMatchObject({
      locale: 'nb',
      webChatLocale: 'nb-NO',
      tokenUrl: 'api/directline/token',
      resumeTokenUrl: 'api/directline/resume-token',
      webChatStrings: { TEXT_INPUT_PLACEHOLDER: 'Skriv meldingen din her' },
    });
    // the choice to remember starts unticked; the page shows it once it can offer it
    expect(html).toMatch(/<input type="checkbox" id="chat-remember" aria-describedby="chat-remember-hint">/u);
  });

  test('?lang=nn and ?lang=en switch the page; anything else is refused', async () => {
    const nn = await (await fetch(`${server.baseUrl}/?lang=nn`)).text();
    expect(nn).toContain('<html lang="nn">');
    expect(nn).toContain('Treng du hjelp no?');
    expect(nn).toMatch(/<a href="\?lang=nn" lang="nn" hreflang="nn" aria-current="page">Nynorsk<\/a>/u);
    const en = await (await fetch(`${server.baseUrl}/?lang=en`)).text();
    expect(en).toContain('Do you need help now?');
    const unknown = await fetch(`${server.baseUrl}/?lang=de`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('lang');
  });

  test('serves the Web Chat bundle from node_modules, compressed when the browser accepts it', async () => {
    const plain = await fetch(`${server.baseUrl}/chat/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('javascript');
    const body = await plain.text();
    expect(body).toContain('window.WebChat');
    const raw = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${server.baseUrl}/chat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.bytes.length).toBeLessThan(Buffer.byteLength(body) / 2);
    expect(gunzipSync(raw.bytes).toString()).toBe(body);
    for (const asset of ['/chat/chat.js', '/chat/chat.css'])
      expect((await fetch(`${server.baseUrl}${asset}`)).status).toBe(200);
  });

  test('POST /api/directline/token gives a local token and domain, never cached', async () => {
    const response = await fetch(`${server.baseUrl}/api/directline/token`, { method: 'POST' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['domain', 'token']);
    expect(body.domain).toBe(`${server.baseUrl}/v3/directline`);
    expect(body.token?.length).toBeGreaterThanOrEqual(40);
  });
});

describe('with DIRECT_LINE_SECRET (Azure Direct Line)', () => {
  let azure: FakeAzureDirectLine;
  let server: WebchatApp;
  beforeAll(async () => {
    azure = await startFakeAzureDirectLine();
    server = await startWebchatApp({ DIRECT_LINE_SECRET: SECRET }, { azureDirectLineBaseUrl: azure.baseUrl });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => azure.server.close(resolve));
  });

  test('the server exchanges the secret for a token; the browser gets the token and Azure domain only', async () => {
    const response = await fetch(`${server.baseUrl}/api/directline/token`, { method: 'POST' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ token: 'azure-token', domain: azure.baseUrl });
    expect(text).not.toContain(SECRET);
    expect(azure.requests.at(-1)?.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(azure.requests.at(-1)?.body ?? '{}')).toMatchObject({
      user: { id: expect.stringMatching(/^dl_/u) },
    });

    const page = await fetch(`${server.baseUrl}/`);
    expect(await page.text()).not.toContain(SECRET);
    expect(page.headers.get('content-security-policy')).toContain(new URL(azure.baseUrl).origin);
  });

  test('the page does not offer to remember the conversation, and there is no resume route', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    const config = JSON.parse(
      /<script id="chat-config" type="application\/json">(.*?)<\/script>/su.exec(html)?.[1] ?? '{}',
    );
    expect(config.resumeTokenUrl).toBeNull();
    const resume = await fetch(`${server.baseUrl}/api/directline/resume-token`, { method: 'POST' });
    expect(resume.status).toBe(404);
  });

  test('when Azure refuses, the page gets 502 and no token', async () => {
    azure.failWith = 403;
    const response = await fetch(`${server.baseUrl}/api/directline/token`, { method: 'POST' });
    azure.failWith = undefined;
    expect(response.status).toBe(502);
    expect(JSON.stringify(await response.json())).not.toContain('token"');
  });
});
