/**
 * `npx tsx bench/compareTrees.ts --trees DIR,DIR [--rounds 3] [--conversations 1000] [--store
 * sqlite|postgres] [--postgres-rtt-ms 2]`: the server's CPU per webhook (from /proc), its rate and
 * p99 for two or more source trees, interleaved round by round, so that other load on the machine
 * weighs on each alike: the way to measure one change on a shared machine. Each run: a fresh server
 * and data directory (or database), 300 conversations for warm-up, then the measured ones (the
 * bench's conversations, concurrency 32). `--postgres-rtt-ms` puts a delaying proxy
 * (bench/delayingProxy.ts) between the servers and PostgreSQL, for a database across a network.
 * A tree of another commit:
 * `mkdir /tmp/before && git archive REV | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/`.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchPostgres } from './benchPostgres.js';
import { formatTable } from './benchTable.js';
import { startChildServer } from './childServer.js';
import { CONVERSATION_STEPS } from './conversationScript.js';
import { startHelplineServer, webhookTarget } from './helplineServer.js';
import { runWebhookLoad } from './webhookLoad.js';

const { values } = parseArgs({
  options: {
    trees: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '3' },
    conversations: { type: 'string', default: '1000' },
    store: { type: 'string', default: 'sqlite' },
    'postgres-rtt-ms': { type: 'string', default: '0' },
  },
});
const trees = (values.trees ?? '.').split(',');
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store: sqlite or postgres');
const postgres = values.store === 'postgres' ? await startBenchPostgres() : null;
if (values.store === 'postgres' && !postgres) throw new Error('--store postgres: PostgreSQL binaries not found');
const roundTripMs = Number(values['postgres-rtt-ms']);

/** a database URL that goes through a proxy holding each chunk half the round trip each way */
async function startDelayedPath(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const url = new URL(databaseUrl);
  const proxy = await startChildServer(
    ['bench/delayingProxy.ts', '--target', `${url.hostname}:${url.port}`, '--one-way-ms', String(roundTripMs / 2)],
    {},
    /delaying proxy on port \d+/,
    (line) => Number(/port (\d+)/.exec(line)?.[1]),
  );
  url.port = new URL(proxy.baseUrl).port;
  return { url: url.toString(), stop: () => proxy.stop() };
}

interface RunFigures {
  cpuMs: number;
  requestsPerSecond: number;
  p99Ms: number;
}
const WARM_UP_CONVERSATIONS = 300;

let firstNumber = 45_000_000;
async function measureTree(tree: string, sidPrefix: string): Promise<RunFigures> {
  const databaseUrl = postgres ? await postgres.createDatabase() : undefined;
  const delayed = databaseUrl && roundTripMs > 0 ? await startDelayedPath(databaseUrl) : undefined;
  const server = await startHelplineServer({
    tree,
    env: databaseUrl
      ? { DATABASE_URL: delayed?.url ?? databaseUrl }
      : { DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-compare-')) },
  });
  try {
    const load = (conversations: number, prefix: string) => {
      firstNumber += conversations;
      return runWebhookLoad({
        ...webhookTarget(server),
        requests: conversations * CONVERSATION_STEPS.length,
        concurrency: 32,
        firstNumber,
        sidPrefix: prefix,
      });
    };
    await load(WARM_UP_CONVERSATIONS, `${sidPrefix}w`);
    const before = server.cpuSeconds();
    const result = await load(Number(values.conversations), `${sidPrefix}m`);
    const failed = result.errors + result.timeouts + result.non2xx + result.emptyReplies;
    if (failed > 0) throw new Error(`${tree}: ${failed} of ${result.requests} webhooks failed`);
    return {
      cpuMs: ((server.cpuSeconds() - before) * 1000) / result.requests,
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
    };
  } finally {
    await server.stop();
    await delayed?.stop();
  }
}

const figures = new Map<string, RunFigures[]>(trees.map((tree) => [tree, []]));
try {
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const [index, tree] of trees.entries()) {
      const run = await measureTree(tree, `cmp${round}t${index}`);
      figures.get(tree)?.push(run);
      console.log(
        `round ${round + 1}, ${tree}: ${run.cpuMs.toFixed(3)} CPU ms/webhook, ${run.requestsPerSecond.toFixed(0)} req/s, ` +
          `p99 ${run.p99Ms} ms (load ${loadavg()[0]?.toFixed(2)})`,
      );
    }
  }
} finally {
  await postgres?.stop();
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
console.log('');
console.log(
  formatTable(
    ['tree', 'median CPU ms/webhook', 'best', 'median req/s', 'median p99 ms', 'CPU ms per round'],
    [...figures].map(([tree, runs]) => [
      tree,
      median(runs.map((run) => run.cpuMs)).toFixed(3),
      Math.min(...runs.map((run) => run.cpuMs)).toFixed(3),
      median(runs.map((run) => run.requestsPerSecond)).toFixed(0),
      median(runs.map((run) => run.p99Ms)).toFixed(0),
      runs.map((run) => run.cpuMs.toFixed(3)).join(' '),
    ]),
  ),
);
