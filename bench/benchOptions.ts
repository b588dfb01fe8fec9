/**
 * `npm run bench -- [options]`:
 *   --conversations N   new conversations per server in the throughput runs, each the five messages of
 *                       conversationScript.ts (default 10000: the 10,000 new conversations)
 *   --servers LIST      which throughput rows to run, comma-separated (default all:
 *                       bare,peer,sqlite,postgres); ratios and goals need the rows they compare
 *   --concurrency N     requests in flight in the throughput runs (default 32)
 *   --soak DURATION     how long the soak runs: `20s` (default), `90s`, `10m`, `600`; `0` skips it
 *   --soak-rate N       requests per second during the soak (default 50)
 *   --soak-store KIND   `sqlite` (default) or `postgres`
 */
import { parseArgs } from 'node:util';

export const BENCH_SERVERS = ['bare', 'peer', 'sqlite', 'postgres'] as const;
export type BenchServer = (typeof BENCH_SERVERS)[number];

export interface BenchOptions {
  conversations: number;
  servers: Set<BenchServer>;
  concurrency: number;
  soakSeconds: number;
  soakRate: number;
  soakStore: 'sqlite' | 'postgres';
}

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      conversations: { type: 'string', default: '10000' },
      servers: { type: 'string', default: BENCH_SERVERS.join(',') },
      concurrency: { type: 'string', default: '32' },
      soak: { type: 'string', default: '20s' },
      'soak-rate': { type: 'string', default: '50' },
      'soak-store': { type: 'string', default: 'sqlite' },
    },
  });
  const soakStore = values['soak-store'];
  if (soakStore !== 'sqlite' && soakStore !== 'postgres') throw new Error('--soak-store: sqlite or postgres');
  return {
    conversations: positiveInteger('--conversations', values.conversations),
    servers: serverList(values.servers),
    concurrency: positiveInteger('--concurrency', values.concurrency),
    soakSeconds: durationSeconds(values.soak),
    soakRate: positiveInteger('--soak-rate', values['soak-rate']),
    soakStore,
  };
}

function serverList(text: string): Set<BenchServer> {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_SERVERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--servers: ${BENCH_SERVERS.join(', ')}; not ${unknown.join(', ')}`);
  return new Set(names as BenchServer[]);
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: a whole number above 0, not "${text}"`);
  return value;
}

/** `45`, `45s`, `10m` → seconds */
export function durationSeconds(text: string): number {
  const match = /^(\d+)\s*(s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`--soak: a duration such as 20s, 90s or 10m, not "${text}"`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
