/**
 * `npx tsx bench/heapAfterGc.ts [--steps 10] [--conversations 1000]`: whether the SQLite server's
 * memory grows with the number of conversations. Sends the bench's conversations (new numbers, five
 * messages each, concurrency 32) in steps, and after each step has the server collect all garbage
 * (gcProbe.ts) and prints its RSS before and after, the heap in use and the memory outside the heap.
 * A leak shows as heap in use that climbs step after step; RSS before the collection also holds
 * garbage the server had not yet needed to collect.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from './benchTable.js';
import { CONVERSATION_STEPS } from './conversationScript.js';
import { startHelplineServer, webhookTarget } from './helplineServer.js';
import { gcProbeSetting, memoryAfterGc } from './memoryAfterGc.js';
import { runWebhookLoad } from './webhookLoad.js';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '10' }, conversations: { type: 'string', default: '1000' } },
});
const WARM_UP_CONVERSATIONS = 300;
const probe = gcProbeSetting();

const server = await startHelplineServer({
  nodeArgs: probe.nodeArgs,
  env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-gc-data-')), ...probe.env },
});

let firstNumber = 44_000_000;
async function converse(conversations: number, sidPrefix: string): Promise<void> {
  const result = await runWebhookLoad({
    ...webhookTarget(server),
    requests: conversations * CONVERSATION_STEPS.length,
    concurrency: 32,
    firstNumber,
    sidPrefix,
  });
  firstNumber += conversations;
  const failed = result.errors + result.timeouts + result.non2xx + result.emptyReplies;
  if (failed > 0) throw new Error(`${failed} of ${result.requests} webhooks failed`);
}

const MB = 1024 * 1024;
async function measure(conversations: number): Promise<string[]> {
  const { rssBeforeMb, rssAfterMb, memory } = await memoryAfterGc(server, probe.env.GC_PROBE_FILE);
  return [
    String(conversations),
    rssBeforeMb.toFixed(1),
    rssAfterMb.toFixed(1),
    (memory.heapUsed / MB).toFixed(1),
    (memory.heapTotal / MB).toFixed(1),
    (memory.external / MB).toFixed(1),
  ];
}

const rows: string[][] = [];
try {
  await converse(WARM_UP_CONVERSATIONS, 'gcwarm');
  rows.push(await measure(0));
  for (let step = 1; step <= Number(values.steps); step += 1) {
    await converse(Number(values.conversations), `gc${step}x`);
    rows.push(await measure(step * Number(values.conversations)));
  }
} finally {
  await server.stop();
}
console.log(`after ${WARM_UP_CONVERSATIONS} conversations for warm-up, then:`);
console.log(
  formatTable(['new conversations', 'RSS MB', 'RSS after GC', 'heap used MB', 'heap total', 'external'], rows),
);
