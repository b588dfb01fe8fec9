/** Starts a server script in a child process and reports its port and memory (RSS from /proc). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** USER_HZ: Linux reports process times in hundredths of a second on every common architecture */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ChildServer {
  baseUrl: string;
  process: ChildProcess;
  rssMb(): number;
  /** user + system CPU time the server has used so far, from /proc */
  cpuSeconds(): number;
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
    cpuSeconds() {
      // fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
