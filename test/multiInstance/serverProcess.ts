/**
 * The real server as its own OS process (`node --import tsx src/main.ts`, or another command such
 * as the production start script), as an operator runs it:
 * configured by environment variables only, its port read from the "health" line it prints. Lets a
 * test run two instances on one database, or kill one with SIGKILL mid-burst and start it again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HEALTH_LINE = /health\s+(http:\/\/\S+)\/healthz/;
// generous: a machine busy with the rest of the suite (or with other work) starts tsx slowly
const START_TIMEOUT_MS = 90_000;
// longer than the server's own SHUTDOWN_TIMEOUT_MS (10 s), so that its drain is what ends it
const STOP_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** what the process wrote to stdout and stderr, for failure messages */
  output(): string;
  /** SIGKILL: no shutdown code runs, as when the machine or the container dies */
  kill9(): Promise<void>;
  /** SIGTERM and wait (SIGKILL after a while); how the process ended */
  stop(): Promise<ProcessEnd>;
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** from the signal to the exit */
  ms: number;
}

export interface ServerCommand {
  command: string;
  args: string[];
  cwd: string;
}

const SOURCE_SERVER: ServerCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', 'src/main.ts'],
  cwd: REPO_ROOT,
};

/** Starts src/main.ts with exactly `env` (plus PATH): nothing leaks in from the shell that runs the tests. */
export async function startServerProcess(
  env: Record<string, string>,
  server: ServerCommand = SOURCE_SERVER,
): Promise<ServerProcess> {
  const child = spawn(server.command, server.args, {
    cwd: server.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // a test process that fails before stop() must not leave servers behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = HEALTH_LINE.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (code ${child.exitCode}):\n${output}`));
    });
  });

  const waitForExit = async (signal: NodeJS.Signals, orElse?: NodeJS.Signals): Promise<ProcessEnd> => {
    const signalledAt = Date.now();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = orElse ? setTimeout(() => child.kill(orElse), STOP_TIMEOUT_MS) : undefined;
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    return { code: child.exitCode, signal: child.signalCode, ms: Date.now() - signalledAt };
  };

  return {
    baseUrl,
    pid: pidOf(child),
    output: () => output,
    kill9: async () => {
      await waitForExit('SIGKILL');
    },
    stop: () => waitForExit('SIGTERM', 'SIGKILL'),
  };
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the server process did not start');
  return child.pid;
}
