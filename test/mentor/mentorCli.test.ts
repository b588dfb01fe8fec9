import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorSessions } from '../../src/mentor/mentorSessions.js';
import { createStore } from '../../src/storage/createStore.js';

const CLI = join(import.meta.dirname, '../../src/mentor/mentorCli.ts');
const dataDirs: string[] = [];

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** runs the CLI as `npm run mentor` does, with stdin piped (not a terminal) */
function mentorCli(dataDir: string, args: string[], stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function freshDataDir(): string {
  // a directory that does not exist yet: the CLI must create it and the database
  const dir = join(mkdtempSync(join(tmpdir(), 'mentor-cli-')), 'data');
  dataDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** what the CLI wrote, the login accepts: the hash format and the line handling agree */
async function canLogIn(dataDir: string, username: string, password: string): Promise<boolean> {
  const store = await createStore({ dataDir });
  try {
    const clock = () => new Date();
    const sessions = createMentorSessions({ store, clock, rateLimiter: createLoginRateLimiter(store, clock) });
    return (await sessions.login({ username, password, clientIp: '::1' })).ok;
  } finally {
    await store.close();
  }
}

// each run starts a Node process (about a second), so the cases are few and the refusals run in parallel
describe('npm run mentor', () => {
  it('adds, lists, changes and removes mentors on a fresh DATA_DIR, the password read from stdin', async () => {
    const dataDir = freshDataDir();
    expect(await mentorCli(dataDir, ['add', 'Kari.N'], 'et godt langt passord\n')).toMatchObject({
      code: 0,
      stdout: 'Mentor kari.n added.\n',
    });
    expect(await mentorCli(dataDir, ['add', 'ola'], 'ola sitt passord\r\nignored second line\n')).toMatchObject({
      code: 0,
    });
    const listed = await mentorCli(dataDir, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^kari\.n\t\d{4}-\d\d-\d\dT[\d:.]+Z\nola\t\d{4}-\d\d-\d\dT[\d:.]+Z\n$/);
    expect(await canLogIn(dataDir, 'ola', 'ola sitt passord')).toBe(true);

    expect(await mentorCli(dataDir, ['passwd', 'ola'], 'et nytt langt passord\n')).toMatchObject({
      code: 0,
      stdout: 'The password of ola is changed.\n',
    });
    expect(await canLogIn(dataDir, 'ola', 'ola sitt passord')).toBe(false);
    expect(await canLogIn(dataDir, 'ola', 'et nytt langt passord')).toBe(true);

    expect(await mentorCli(dataDir, ['remove', 'kari.n'])).toMatchObject({
      code: 0,
      stdout: 'Mentor kari.n removed.\n',
    });
    expect(await canLogIn(dataDir, 'kari.n', 'et godt langt passord')).toBe(false);
    expect(await canLogIn(dataDir, 'ola', 'et nytt langt passord')).toBe(true);
  });

  it('refuses what it cannot do, with a reason and a non-zero exit', async () => {
    const dataDir = freshDataDir();
    const [short, empty, taken, usage] = await Promise.all([
      mentorCli(dataDir, ['add', 'kari'], 'kort\n'),
      mentorCli(dataDir, ['add', 'kari'], ''),
      mentorCli(dataDir, ['remove', 'nobody']),
      mentorCli(dataDir, ['delete', 'kari']),
    ]);
    expect(short).toMatchObject({ code: 1, stderr: expect.stringContaining('10–200 characters') });
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringContaining('No password on standard input') });
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining('No mentor has the username nobody') });
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage:') });
  });
});
