/**
 * `npm run bench`, in one run on one machine: signed /api/sms webhooks through autocannon (its own
 * process, concurrency 32, whole conversations from new numbers: conversationScript.ts) against
 *   - bare restify answering a constant TwiML (what the HTTP stack alone gives),
 *   - the quickstart peer: restify + twilio.validateRequest + MessagingResponse, no state,
 *   - the helpline on SQLite and on a throwaway PostgreSQL (each server in its own process);
 * then NLU speed and a soak (a steady rate for a while, RSS sampled every few seconds). Reports
 * throughput, latency, failures, the server's CPU per webhook, the load generator's CPU, RSS and its
 * growth over the conversations, the load average, and the goals (issue 15) beside the figures.
 * Options: benchOptions.ts.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureNlu } from '../src/nlu/nluBench.js';
import { parseBenchOptions } from './benchOptions.js';
import { type BenchPostgres, startBenchPostgres } from './benchPostgres.js';
import { formatTable } from './benchTable.js';
import { type ChildServer, startChildServer } from './childServer.js';
import { CONVERSATION_STEPS } from './conversationScript.js';
import { AUTH_TOKEN, PUBLIC_BASE_URL, startHelplineServer, webhookTarget } from './helplineServer.js';
import { gcProbeSetting, memoryAfterGc } from './memoryAfterGc.js';
import { rssGrowth, runSoak } from './soakLoad.js';
import { type LoadResult, runWebhookLoad } from './webhookLoad.js';

/** the first conversations after a start build the heap, caches and compiled code; they are not measured */
const WARMUP_CONVERSATIONS = 400;
const SOAK_SAMPLES = 30;
const GOALS = {
  sqliteToPeer: 0.3,
  sqliteP99Ms: 40,
  postgresToPeer: 0.08,
  postgresP99Ms: 100,
  rssGrowthMb: 50,
};

const options = parseBenchOptions(process.argv.slice(2));
const messagesPerConversation = CONVERSATION_STEPS.length;

/** a bench server with the garbage-collection probe loaded, so its memory can be read after a full collection */
interface ProbedServer {
  server: ChildServer;
  probeFile: string;
}

async function startHelpline(store: Record<string, string>): Promise<ProbedServer> {
  const probe = gcProbeSetting();
  const server = await startHelplineServer({ nodeArgs: probe.nodeArgs, env: { ...store, ...probe.env } });
  return { server, probeFile: probe.env.GC_PROBE_FILE };
}

function startScript(script: string): () => Promise<ProbedServer> {
  return async () => {
    const probe = gcProbeSetting();
    const server = await startChildServer(
      [...probe.nodeArgs, script, '0'],
      { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, ...probe.env },
      /^listening \d+/,
      (line) => Number(line.split(' ')[1]),
    );
    return { server, probeFile: probe.env.GC_PROBE_FILE };
  };
}

const sqliteStore = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-bench-')) });

interface Throughput {
  result: LoadResult;
  /** RSS as read (holding garbage not yet collected) */
  rssBefore: number;
  rssAfter: number;
  /** RSS after a full collection: what the growth goal compares */
  rssBeforeAfterGc: number;
  rssAfterAfterGc: number;
  serverCpuSeconds: number;
  loadAverage: number;
}

let sidRun = 0;

/** warm up, then `options.conversations` new conversations, each from its own number */
async function throughput(start: () => Promise<ProbedServer>, firstNumber: number): Promise<Throughput> {
  const { server, probeFile } = await start();
  try {
    const load = (conversations: number, from: number) =>
      runWebhookLoad({
        ...webhookTarget(server),
        requests: conversations * messagesPerConversation,
        concurrency: options.concurrency,
        firstNumber: from,
        sidPrefix: (sidRun++).toString(16).padStart(8, '0'),
      });
    await load(WARMUP_CONVERSATIONS, firstNumber);
    const loadAverage = loadavg()[0] ?? 0;
    const before = await memoryAfterGc(server, probeFile);
    const cpuBefore = server.cpuSeconds();
    const result = await load(options.conversations, firstNumber + WARMUP_CONVERSATIONS);
    console.log(
      `  ${fixed(result.requestsPerSecond, 0)} req/s, p99 ${fixed(result.p99Ms)} ms, ${failuresOf(result)} failures`,
    );
    const serverCpuSeconds = server.cpuSeconds() - cpuBefore;
    const after = await memoryAfterGc(server, probeFile);
    return {
      result,
      rssBefore: before.rssBeforeMb,
      rssAfter: after.rssBeforeMb,
      rssBeforeAfterGc: before.rssAfterMb,
      rssAfterAfterGc: after.rssAfterMb,
      serverCpuSeconds,
      loadAverage,
    };
  } finally {
    await server.stop();
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
const failuresOf = ({ errors, timeouts, non2xx, emptyReplies }: LoadResult) =>
  errors + timeouts + non2xx + emptyReplies;

function throughputRow(label: string, measured: Throughput): string[] {
  const { result, rssBefore, rssAfter, rssBeforeAfterGc, rssAfterAfterGc, serverCpuSeconds, loadAverage } = measured;
  return [
    label,
    `${fixed(result.requestsPerSecond, 0)} req/s`,
    fixed(result.p50Ms),
    fixed(result.p99Ms),
    String(failuresOf(result)),
    fixed((serverCpuSeconds * 1000) / result.requests, 3),
    `${fixed((100 * result.loadGeneratorCpuSeconds) / result.seconds, 0)} %`,
    fixed(rssAfter, 0),
    `${signed(rssAfter - rssBefore)} MB`,
    `${signed(rssAfterAfterGc - rssBeforeAfterGc)} MB / ${result.conversations} conv.`,
    fixed(loadAverage, 2),
  ];
}

function failureNote(label: string, { result }: Throughput): string | undefined {
  if (failuresOf(result) === 0) return undefined;
  return `${label}: ${result.errors} connection errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.emptyReplies} replies without a message`;
}

const goal = (met: boolean, text: string) => `${met ? 'met   ' : 'MISSED'}  ${text}`;

const machine = cpus();
console.log(
  `bench on ${machine.length} × ${machine[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30, 0)} GiB, ` +
    `Node ${process.version}; per server ${options.conversations} new conversations of ${messagesPerConversation} ` +
    `signed /api/sms webhooks (autocannon, concurrency ${options.concurrency}; load generator, servers and ` +
    `PostgreSQL share the machine); load average at start ${loadavg()
      .map((value) => fixed(value, 2))
      .join(' ')}`,
);

const rows: string[][] = [];
const notes: string[] = [];
let postgres: BenchPostgres | null = null;
const runs = options.servers;
try {
  const measured: Partial<Record<'bare' | 'peer' | 'sqlite' | 'postgres', Throughput>> = {};
  if (runs.has('bare')) {
    console.log('… bare restify');
    measured.bare = await throughput(startScript('bench/bareRestifyServer.ts'), 48_000_000);
    rows.push(throughputRow('bare restify, constant TwiML', measured.bare));
  }
  if (runs.has('peer')) {
    console.log('… quickstart peer');
    measured.peer = await throughput(startScript('bench/quickstartPeerServer.ts'), 49_000_000);
    rows.push(throughputRow('quickstart peer (validate + TwiML)', measured.peer));
  }
  if (runs.has('sqlite')) {
    console.log('… helpline on SQLite');
    measured.sqlite = await throughput(() => startHelpline(sqliteStore()), 47_000_000);
    rows.push(throughputRow('helpline turns, SQLite', measured.sqlite));
  }
  if (runs.has('postgres') || options.soakStore === 'postgres') postgres = await startBenchPostgres();
  if (runs.has('postgres')) {
    console.log('… helpline on PostgreSQL');
    const database = postgres;
    if (!database) throw new Error('PostgreSQL binaries not found (leave postgres out of --servers)');
    measured.postgres = await throughput(
      async () => startHelpline({ DATABASE_URL: await database.createDatabase() }),
      46_000_000,
    );
    rows.push(throughputRow('helpline turns, PostgreSQL', measured.postgres));
  }

  console.log('… NLU');
  const nlu = await measureNlu();
  rows.push([
    'NLU classifications',
    `${fixed(nlu.classificationsPerSecond, 0)} /s`,
    fixed(1000 / nlu.classificationsPerSecond, 2),
    '',
    '',
    '',
    '',
    '',
    `model built in ${fixed(nlu.loadMs, 0)} ms`,
    fixed(loadavg()[0] ?? 0, 2),
  ]);

  if (options.soakSeconds > 0) {
    const store = options.soakStore === 'postgres' ? postgres : null;
    if (options.soakStore === 'postgres' && !store)
      throw new Error('--soak-store postgres: PostgreSQL binaries not found');
    console.log(`… soak: ${options.soakSeconds} s at ${options.soakRate} req/s on ${options.soakStore}`);
    const { server } = await startHelpline(store ? { DATABASE_URL: await store.createDatabase() } : sqliteStore());
    const sampleEverySeconds = Math.max(2, Math.round(options.soakSeconds / SOAK_SAMPLES));
    try {
      await runWebhookLoad({
        ...webhookTarget(server),
        requests: WARMUP_CONVERSATIONS * messagesPerConversation,
        concurrency: 8,
        firstNumber: 45_000_000,
        sidPrefix: 'soakwarm',
      });
      const loadAverage = loadavg()[0] ?? 0;
      const soak = await runSoak({
        ...webhookTarget(server),
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
        '',
        '',
        fixed(rss.lastMb, 0),
        `${signed(rss.lastMb - rss.firstMb)} MB (max ${fixed(rss.maxMb, 0)}; low points ${signed(rss.floorGrowthMb)})`,
        '',
        fixed(loadAverage, 2),
      ]);
      notes.push(
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
  console.log(
    formatTable(
      [
        'measure',
        'rate',
        'p50 ms',
        'p99 ms',
        'fail',
        'CPU ms/req',
        'loadgen CPU',
        'RSS MB',
        'RSS growth',
        'after full GC',
        'load',
      ],
      rows,
    ),
  );
  console.log('');
  const { bare, peer, sqlite, postgres: onPostgres } = measured;
  const ratio = (of: Throughput, to: Throughput) => of.result.requestsPerSecond / to.result.requestsPerSecond;
  const growth = (of: Throughput) => of.rssAfterAfterGc - of.rssBeforeAfterGc;
  if (peer && bare) console.log(`quickstart peer / bare restify: ${fixed(ratio(peer, bare), 2)}`);
  for (const [label, turns] of [
    ['SQLite', sqlite],
    ['PostgreSQL', onPostgres],
  ] as const) {
    if (!turns) continue;
    const against = [
      ...(peer ? [`${fixed(ratio(turns, peer), 3)} × the quickstart peer`] : []),
      ...(bare ? [`${fixed(ratio(turns, bare), 3)} × bare restify`] : []),
    ];
    if (against.length > 0) console.log(`${label} turns: ${against.join(', ')}`);
  }
  console.log('');
  console.log('goals (issue 15):');
  const goalsOf = (label: string, turns: Throughput | undefined, toPeer: number, p99Ms: number) => {
    if (!turns) return;
    if (peer) {
      const measuredRatio = ratio(turns, peer);
      console.log(goal(measuredRatio >= toPeer, `${label} ≥ ${toPeer} × peer: ${fixed(measuredRatio, 3)}`));
    }
    console.log(goal(turns.result.p99Ms < p99Ms, `${label} p99 < ${p99Ms} ms: ${fixed(turns.result.p99Ms)} ms`));
    console.log(
      goal(
        growth(turns) < GOALS.rssGrowthMb,
        `${label} RSS growth < ${GOALS.rssGrowthMb} MB (after a full GC): ${signed(growth(turns))} MB over ${turns.result.conversations} conversations`,
      ),
    );
  };
  goalsOf('SQLite', sqlite, GOALS.sqliteToPeer, GOALS.sqliteP99Ms);
  goalsOf('PostgreSQL', onPostgres, GOALS.postgresToPeer, GOALS.postgresP99Ms);
  const all = [
    ['bare restify', bare],
    ['quickstart peer', peer],
    ['SQLite', sqlite],
    ['PostgreSQL', onPostgres],
  ] as const;
  const failures = all.reduce((sum, [, each]) => sum + (each ? failuresOf(each.result) : 0), 0);
  console.log(goal(failures === 0, `no errors: ${failures}`));
  for (const [label, each] of all) {
    const note = each && failureNote(label, each);
    if (note) notes.push(note);
  }
  for (const note of notes) console.log(note);
} finally {
  await postgres?.stop();
}
