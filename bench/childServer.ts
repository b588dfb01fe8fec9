/** Starts a server script in a child process and reports its port and memory (RSS from /proc). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildServer {
  baseUrl: string;
  process: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startChildServer(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  portOf: (line: string) => number,
): Promise<ChildServer> {
  // only what the bench sets: a DATABASE_URL in the shell must not turn the SQLite run into PostgreSQL
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((candidate) => ready.test(candidate));
      if (line) resolve(portOf(line));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
      return kb / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
