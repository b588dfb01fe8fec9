/**
 * The small things of issue 12: a CLI whose reader goes away ends quietly, and a server that cannot
 * write its DATA_DIR says so in one line instead of a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { startServerProcess } from '../multiInstance/serverProcess.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('`nlu --jsonl | head -1`: the NLU CLI ends with status 0 and no stack trace when its reader goes away', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/nlu/nluCli.ts', '--jsonl'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // the reader takes the first answer and leaves, as `head -1` does
  child.stdout.once('data', () => child.stdout.destroy());
  child.stdin.on('error', () => {});
  for (let line = 0; line < 2000; line += 1) child.stdin.write('{"text":"hei, jeg lurer på noe om jobb"}\n');
  child.stdin.end();
  expect(await exited).toBe(0);
  expect(stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
});

test('a DATA_DIR that cannot be created stops the server with one clear line, not a stack trace', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'helpline-datadir-'));
  // a file where a directory should be: refused even for root
  writeFileSync(join(parent, 'file'), '');
  const dataDir = join(parent, 'file', 'data');
  const failure = await startServerProcess({ DATA_DIR: dataDir }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  expect(failure).toContain(
    `Cannot start. DATA_DIR: ${dataDir} cannot be opened for writing (ENOTDIR); choose a directory this user can create and write, or set DATABASE_URL\n`,
  );
  expect(failure).not.toMatch(/\n\s+at /);
});
