/**
 * The helpline as every bench script runs it: a tree's src/main.ts in a child process on loopback,
 * with the bench's Twilio auth token and public URL (the load generator signs with the same two),
 * warnings-only logs, and the store the caller gives (`DATA_DIR` for SQLite or `DATABASE_URL`).
 */
import { join } from 'node:path';
import { type ChildServer, startChildServer } from './childServer.js';

export const AUTH_TOKEN = 'bench-auth-token';
export const PUBLIC_BASE_URL = 'http://bench.helpline.test';

export interface HelplineServerOptions {
  /** `DATA_DIR` or `DATABASE_URL`, and anything else the server should see */
  env: Record<string, string>;
  /** node flags before the script (a profiler, the GC probe) */
  nodeArgs?: string[];
  /** another source tree to run (bench/compareTrees.ts); this one by default */
  tree?: string;
}

export function startHelplineServer({ env, nodeArgs = [], tree = '.' }: HelplineServerOptions): Promise<ChildServer> {
  return startChildServer(
    [...nodeArgs, join(tree, 'src/main.ts')],
    { PORT: '0', HOST: '127.0.0.1', TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, LOG_LEVEL: 'warn', ...env },
    /health\s+http:\/\/\S+:\d+/,
    (line) => Number(/:(\d+)\/healthz/.exec(line)?.[1]),
  );
}

/** what the load generator needs to send signed webhooks to `server` */
export function webhookTarget(server: ChildServer): { baseUrl: string; publicBaseUrl: string; authToken: string } {
  return { baseUrl: server.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN };
}
