/**
 * `npm run bench`: webhook turns on the real server against a bare restify route, same load, same
 * run; RSS growth over 10,000 distinct conversations; NLU load time and classifications per second.
 * Options: --requests N (default 10000), --concurrency N (default 32).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureNlu } from '../src/nlu/nluBench.js';
import { startChildServer } from './childServer.js';
import { type LoadResult, runWebhookLoad } from './webhookLoad.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const AUTH_TOKEN = 'bench-auth-token';
const PUBLIC_BASE_URL = 'http://bench.helpline.test';
const WARMUP = 500;

async function benchServer(label: string, start: () => ReturnType<typeof startChildServer>, firstNumber: number) {
  const server = await start();
  try {
    const load = (count: number, from: number) =>
      runWebhookLoad({ baseUrl: server.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN, requests: count, concurrency, firstNumber: from });
    await load(WARMUP, firstNumber);
    const rssBefore = server.rssMb();
    const result = await load(requests, firstNumber + WARMUP);
    const rssAfter = server.rssMb();
    return { label, result, rssBefore, rssAfter };
  } finally {
    await server.stop();
  }
}

function row(cells: Array<string | number>): string {
  return cells.map((cell, index) => String(cell).padEnd(index === 0 ? 28 : 12)).join(' ');
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

console.log(`bench: ${requests} signed /api/sms webhooks from distinct numbers, concurrency ${concurrency}, Node ${process.version}`);
const helpline = await benchServer(
  'helpline /api/sms (SQLite)',
  () =>
    startChildServer(
      ['src/main.ts'],
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-bench-')),
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        PUBLIC_BASE_URL,
        LOG_LEVEL: 'warn',
      },
      /health\s+http:\/\/\S+:\d+/,
      (line) => Number(/:(\d+)\/healthz/.exec(line)?.[1]),
    ),
  47_000_000,
);
const bare = await benchServer(
  'bare restify, constant TwiML',
  () => startChildServer(['bench/bareRestifyServer.ts', '0'], {}, /^listening \d+/, (line) => Number(line.split(' ')[1])),
  48_000_000,
);

const results: Array<{ label: string; result: LoadResult; rssBefore: number; rssAfter: number }> = [helpline, bare];
console.log(row(['server', 'req/s', 'p50 ms', 'p99 ms', 'failures', 'RSS MB', 'RSS growth']));
for (const { label, result, rssBefore, rssAfter } of results) {
  console.log(
    row([label, fixed(result.requestsPerSecond, 0), fixed(result.p50Ms, 2), fixed(result.p99Ms, 2), result.failures, fixed(rssAfter), `+${fixed(rssAfter - rssBefore)}`]),
  );
}
console.log(`throughput ratio helpline/bare: ${fixed(helpline.result.requestsPerSecond / bare.result.requestsPerSecond, 2)}`);
console.log(`RSS growth over ${requests} distinct conversations: ${fixed(helpline.rssAfter - helpline.rssBefore)} MB`);

const nlu = await measureNlu();
console.log(row(['NLU', 'load ms', 'classif./s']));
console.log(row(['classifier', fixed(nlu.loadMs), fixed(nlu.classificationsPerSecond, 0)]));
