/**
 * `npm run bench`: webhook turns of the real server (its own process, signed /api/sms webhooks from
 * distinct numbers) on SQLite and on PostgreSQL, against a bare restify route under the same load;
 * RSS growth over those conversations; NLU load time and classifications per second; and a soak
 * (a steady rate for a while, RSS sampled every few seconds). Prints one table. Options: benchOptions.ts.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureNlu } from '../src/nlu/nluBench.js';
import { parseBenchOptions } from './benchOptions.js';
import { type BenchPostgres, startBenchPostgres } from './benchPostgres.js';
import { formatTable } from './benchTable.js';
import { type ChildServer, startChildServer } from './childServer.js';
import { rssGrowth, runSoak } from './soakLoad.js';
import { type LoadResult, runWebhookLoad } from './webhookLoad.js';

const AUTH_TOKEN = 'bench-auth-token';
const PUBLIC_BASE_URL = 'http://bench.helpline.test';
/** the first requests after a start build the heap, caches and compiled code; they are not measured */
const WARMUP_REQUESTS = 2000;
const SOAK_SAMPLES = 30;

const options = parseBenchOptions(process.argv.slice(2));
const target = (server: ChildServer) => ({
  baseUrl: server.baseUrl,
  publicBaseUrl: PUBLIC_BASE_URL,
  authToken: AUTH_TOKEN,
});

function startHelpline(store: Record<string, string>): Promise<ChildServer> {
  return startChildServer(
    ['src/main.ts'],
    { PORT: '0', HOST: '127.0.0.1', TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, LOG_LEVEL: 'warn', ...store },
    /health\s+http:\/\/\S+:\d+/,
    (line) => Number(/:(\d+)\/healthz/.exec(line)?.[1]),
  );
}

function startBareRestify(): Promise<ChildServer> {
  return startChildServer(['bench/bareRestifyServer.ts', '0'], {}, /^listening \d+/, (line) =>
    Number(line.split(' ')[1]),
  );
}

const sqliteStore = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-bench-')) });

interface Throughput {
  result: LoadResult;
  rssBefore: number;
  rssAfter: number;
}

/** warm up, then `options.requests` webhooks from distinct numbers: each one a new conversation */
async function throughput(start: () => Promise<ChildServer>, firstNumber: number): Promise<Throughput> {
  const server = await start();
  try {
    const load = (requests: number, from: number) =>
      runWebhookLoad({ ...target(server), requests, concurrency: options.concurrency, firstNumber: from });
    await load(WARMUP_REQUESTS, firstNumber);
    const rssBefore = server.rssMb();
    const result = await load(options.requests, firstNumber + WARMUP_REQUESTS);
    return { result, rssBefore, rssAfter: server.rssMb() };
  } finally {
    await server.stop();
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

function throughputRow(label: string, measured: Throughput): string[] {
  const { result, rssBefore, rssAfter } = measured;
  return [
    label,
    `${fixed(result.requestsPerSecond, 0)} req/s`,
    fixed(result.p50Ms),
    fixed(result.p99Ms),
    String(result.failures),
    fixed(rssAfter, 0),
    `${signed(rssAfter - rssBefore)} MB over ${result.requests} new conversations after warm-up`,
  ];
}

const machine = cpus();
console.log(
  `bench on ${machine.length} × ${machine[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30, 0)} GiB, ` +
    `Node ${process.version}; ${options.requests} signed /api/sms webhooks per server from distinct numbers, ` +
    `concurrency ${options.concurrency} (the load generator shares the machine); ` +
    `load average at start ${fixed(loadavg()[0] ?? 0, 1)}`,
);

const rows: string[][] = [];
const soakNotes: string[] = [];
let postgres: BenchPostgres | null = null;
try {
  console.log('… helpline on SQLite');
  const sqlite = await throughput(() => startHelpline(sqliteStore()), 47_000_000);
  rows.push(throughputRow('webhook turns, SQLite', sqlite));

  console.log('… helpline on PostgreSQL');
  postgres = await startBenchPostgres();
  let postgresResult: Throughput | undefined;
  if (postgres) {
    const database = postgres;
    postgresResult = await throughput(
      async () => startHelpline({ DATABASE_URL: await database.createDatabase() }),
      46_000_000,
    );
    rows.push(throughputRow('webhook turns, PostgreSQL', postgresResult));
  } else {
    rows.push(['webhook turns, PostgreSQL', 'skipped', '', '', '', '', 'PostgreSQL binaries not found']);
  }

  console.log('… bare restify');
  const bare = await throughput(startBareRestify, 48_000_000);
  rows.push(throughputRow('bare restify, constant TwiML', bare));

  console.log('… NLU');
  const nlu = await measureNlu();
  rows.push([
    'NLU classifications',
    `${fixed(nlu.classificationsPerSecond, 0)} /s`,
    fixed(1000 / nlu.classificationsPerSecond, 2),
    '',
    '',
    '',
    `model built in ${fixed(nlu.loadMs, 0)} ms`,
  ]);

  if (options.soakSeconds > 0) {
    const store = options.soakStore === 'postgres' ? postgres : null;
    if (options.soakStore === 'postgres' && !store)
      throw new Error('--soak-store postgres: PostgreSQL binaries not found');
    console.log(`… soak: ${options.soakSeconds} s at ${options.soakRate} req/s on ${options.soakStore}`);
    const server = await startHelpline(store ? { DATABASE_URL: await store.createDatabase() } : sqliteStore());
    const sampleEverySeconds = Math.max(2, Math.round(options.soakSeconds / SOAK_SAMPLES));
    try {
      await runWebhookLoad({ ...target(server), requests: WARMUP_REQUESTS, concurrency: 8, firstNumber: 45_000_000 });
      const soak = await runSoak({
        ...target(server),
        seconds: options.soakSeconds,
        rate: options.soakRate,
        sampleEverySeconds,
        rssMb: () => server.rssMb(),
        firstNumber: 44_000_000,
      });
      const rss = rssGrowth(soak.samples);
      rows.push([
        `soak ${options.soakSeconds} s, ${options.soakStore}`,
        `${fixed(soak.requestsPerSecond, 0)} req/s`,
        fixed(soak.p50Ms),
        fixed(soak.p99Ms),
        String(soak.failures),
        fixed(rss.lastMb, 0),
        `${signed(rss.lastMb - rss.firstMb)} MB (${fixed(rss.firstMb, 0)}→${fixed(rss.lastMb, 0)}, max ${fixed(rss.maxMb, 0)}; ` +
          `low points ${signed(rss.floorGrowthMb)} MB; ${soak.samples.length} samples)`,
      ]);
      soakNotes.push(
        `soak RSS samples (MB, every ${sampleEverySeconds} s): ${soak.samples.map((sample) => fixed(sample.rssMb, 0)).join(' ')}`,
        `soak slowest request ${fixed(soak.slowestMs, 0)} ms; requests over 1 s sent at ${
          soak.slowAtSeconds.length === 0 ? 'no time' : `${soak.slowAtSeconds.join(', ')} s`
        }`,
      );
    } finally {
      await server.stop();
    }
  }

  console.log('');
  console.log(formatTable(['measure', 'rate', 'p50 ms', 'p99 ms', 'fail', 'RSS MB', 'RSS growth'], rows));
  console.log('');
  console.log(
    `SQLite turns / bare restify: ${fixed(sqlite.result.requestsPerSecond / bare.result.requestsPerSecond, 2)}`,
  );
  if (postgresResult) {
    console.log(
      `PostgreSQL turns / bare restify: ${fixed(postgresResult.result.requestsPerSecond / bare.result.requestsPerSecond, 2)}`,
    );
  }
  for (const note of soakNotes) console.log(note);
} finally {
  await postgres?.stop();
}
