/**
 * `npx tsx bench/compareTrees.ts --trees DIR,DIR [--rounds 3] [--conversations 1000]`: the SQLite
 * server's CPU per webhook (from /proc) for two or more source trees, interleaved round by round, so
 * that other load on the machine weighs on each alike: the way to measure one change on a shared
 * machine. Each run: a fresh server and data directory, 300 conversations for warm-up, then the
 * measured ones (the bench's conversations, concurrency 32). A tree of another commit:
 * `mkdir /tmp/before && git archive REV | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/`.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from './benchTable.js';
import { CONVERSATION_STEPS } from './conversationScript.js';
import { startHelplineServer, webhookTarget } from './helplineServer.js';
import { runWebhookLoad } from './webhookLoad.js';

const { values } = parseArgs({
  options: {
    trees: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '3' },
    conversations: { type: 'string', default: '1000' },
  },
});
const trees = (values.trees ?? '.').split(',');
const WARM_UP_CONVERSATIONS = 300;

let firstNumber = 45_000_000;
async function cpuMsPerWebhook(tree: string, sidPrefix: string): Promise<number> {
  const server = await startHelplineServer({
    tree,
    env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-compare-')) },
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
    return ((server.cpuSeconds() - before) * 1000) / result.requests;
  } finally {
    await server.stop();
  }
}

const figures = new Map<string, number[]>(trees.map((tree) => [tree, []]));
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const [index, tree] of trees.entries()) {
    const ms = await cpuMsPerWebhook(tree, `cmp${round}t${index}`);
    figures.get(tree)?.push(ms);
    console.log(`round ${round + 1}, ${tree}: ${ms.toFixed(3)} CPU ms/webhook (load ${loadavg()[0]?.toFixed(2)})`);
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
console.log('');
console.log(
  formatTable(
    ['tree', 'median CPU ms/webhook', 'best', 'rounds'],
    [...figures].map(([tree, list]) => [
      tree,
      median(list).toFixed(3),
      Math.min(...list).toFixed(3),
      list.map((ms) => ms.toFixed(3)).join(' '),
    ]),
  ),
);
