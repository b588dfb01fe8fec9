/**
 * `npx tsx bench/profileTurns.ts [--conversations N] [--store sqlite|postgres]`: where a turn's server
 * CPU goes. Runs the helpline on SQLite (or a throwaway PostgreSQL) under `node --cpu-prof`, sends the bench's conversations through autocannon,
 * stops the server (which writes the profile) and prints the sampled CPU time by package, by source
 * file and by function (self time: the time spent in that code itself, not in what it calls).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchPostgres } from './benchPostgres.js';
import { formatTable } from './benchTable.js';
import { CONVERSATION_STEPS } from './conversationScript.js';
import { startHelplineServer, webhookTarget } from './helplineServer.js';
import { runWebhookLoad } from './webhookLoad.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '2000' },
    top: { type: 'string', default: '25' },
    store: { type: 'string', default: 'sqlite' },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store: sqlite or postgres');
const conversations = Number(values.conversations);
const profileDir = mkdtempSync(join(tmpdir(), 'helpline-profile-'));
const postgres = values.store === 'postgres' ? await startBenchPostgres() : null;
if (values.store === 'postgres' && !postgres) throw new Error('--store postgres: PostgreSQL binaries not found');
const store: Record<string, string> = postgres
  ? { DATABASE_URL: await postgres.createDatabase() }
  : { DATA_DIR: mkdtempSync(join(tmpdir(), 'helpline-profile-data-')) };

const server = await startHelplineServer({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], env: store });
const requests = conversations * CONVERSATION_STEPS.length;
const cpuBefore = server.cpuSeconds();
const result = await runWebhookLoad({
  ...webhookTarget(server),
  requests,
  concurrency: 32,
  firstNumber: 43_000_000,
  sidPrefix: 'profile0',
});
const cpuMs = ((server.cpuSeconds() - cpuBefore) * 1000) / result.requests;
await server.stop();
await postgres?.stop();

const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profileDir}`);
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
});

const ROOT = `file://${process.cwd()}/`;
function packageOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1] ?? url;
  if (url.startsWith('node:')) return 'node: core';
  if (url.startsWith(ROOT)) return url.slice(ROOT.length).split('/').slice(0, 2).join('/');
  return url;
}
function fileOf({ url }: ProfileNode['callFrame']): string {
  return url.startsWith(ROOT) ? url.slice(ROOT.length) : url.replace(/^.*node_modules\//, '');
}

const sum = (groups: Map<string, number>, key: string, ms: number) => groups.set(key, (groups.get(key) ?? 0) + ms);
const byPackage = new Map<string, number>();
const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
let busyMs = 0;
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame || frame.functionName === '(idle)') continue;
  busyMs += ms;
  sum(byPackage, packageOf(frame), ms);
  sum(byFile, fileOf(frame) || frame.functionName, ms);
  sum(byFunction, `${frame.functionName || '(anonymous)'} ${fileOf(frame)}:${frame.lineNumber + 1}`, ms);
}

const top = Number(values.top);
const table = (title: string, groups: Map<string, number>) =>
  formatTable(
    [title, 'ms/req', 'share'],
    [...groups]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => [name, (ms / result.requests).toFixed(4), `${((100 * ms) / busyMs).toFixed(1)} %`]),
  );
console.log(
  `${result.requests} webhooks, ${result.requestsPerSecond.toFixed(0)} req/s under the profiler; ` +
    `server CPU ${cpuMs.toFixed(3)} ms per webhook (/proc), sampled busy ${(busyMs / result.requests).toFixed(3)} ms; ` +
    `profile ${join(profileDir, file)}`,
);
console.log('');
console.log(table('package or folder', byPackage));
console.log('');
console.log(table('file', byFile));
console.log('');
console.log(table('function', byFunction));
