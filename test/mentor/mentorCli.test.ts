import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorSessions, type LoginResult, type MentorSessions } from '../../src/mentor/mentorSessions.js';
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

async function withSessions<T>(dataDir: string, work: (sessions: MentorSessions) => Promise<T>): Promise<T> {
  const store = await createStore({ dataDir });
  try {
    const clock = () => new Date();
    return await work(createMentorSessions({ store, clock, rateLimiter: createLoginRateLimiter(store, clock) }));
  } finally {
    await store.close();
  }
}

function logIn(dataDir: string, username: string, password: string): Promise<LoginResult> {
  return withSessions(dataDir, (sessions) => sessions.login({ username, password, clientIp: '::1' }));
}

/** what the CLI wrote, the login accepts: the hash format and the line handling agree */
async function canLogIn(dataDir: string, username: string, password: string): Promise<boolean> {
  return (await logIn(dataDir, username, password)).ok;
}

async function stillLoggedIn(dataDir: string, login: LoginResult): Promise<boolean> {
  if (!login.ok) throw new Error('not logged in');
  return (await withSessions(dataDir, (sessions) => sessions.authenticate(login.token))) !== undefined;
}

// each run starts a Node process (about a second, several on a busy machine), so the cases are few,
// the refusals run in parallel and the time limit is generous
describe('npm run mentor', { timeout: 120_000 }, () => {
  it('adds, lists, changes and removes mentors on a fresh DATA_DIR, the password read from stdin', async () => {
    const dataDir = freshDataDir();
    expect(await mentorCli(dataDir, ['add', 'Kari.N'], 'et godt langt passord\n')).toMatchObject({
      code: 0,
      stdout: 'Mentor kari.n added.\n',
    });
    expect(
      await mentorCli(dataDir, ['add', 'ola', '--role', 'coordinator'], 'ola sitt passord\r\nignored second line\n'),
    ).toMatchObject({ code: 0, stdout: 'Coordinator ola added.\n' });
    const listed = await mentorCli(dataDir, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^kari\.n\tmentor\t\d{4}-\d\d-\d\dT[\d:.]+Z\nola\tcoordinator\t\d{4}-\d\d-\d\dT[\d:.]+Z\n$/,
    );
    const oldSession = await logIn(dataDir, 'ola', 'ola sitt passord');
    expect(oldSession).toMatchObject({ ok: true, mentor: { username: 'ola', role: 'coordinator' } });

    expect(await mentorCli(dataDir, ['passwd', 'ola'], 'et nytt langt passord\n')).toMatchObject({
      code: 0,
      stdout: 'The password of ola is changed. Everyone logged in with the account is logged out.\n',
    });
    expect(await canLogIn(dataDir, 'ola', 'ola sitt passord')).toBe(false);
    expect(await stillLoggedIn(dataDir, oldSession)).toBe(false);
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
    const [short, empty, taken, usage, badRole, roleOnRemove] = await Promise.all([
      mentorCli(dataDir, ['add', 'kari'], 'kort\n'),
      mentorCli(dataDir, ['add', 'kari'], ''),
      mentorCli(dataDir, ['remove', 'nobody']),
      mentorCli(dataDir, ['delete', 'kari']),
      mentorCli(dataDir, ['add', 'kari', '--role', 'boss'], 'et godt langt passord\n'),
      mentorCli(dataDir, ['remove', 'kari', '--role=coordinator']),
    ]);
    expect(badRole).toMatchObject({ code: 2, stderr: expect.stringContaining('--role mentor|coordinator') });
    expect(roleOnRemove).toMatchObject({ code: 2 });
    expect(short).toMatchObject({ code: 1, stderr: expect.stringContaining('10–200 characters') });
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringContaining('No password on standard input') });
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining('No mentor has the username nobody') });
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage:') });
  });
});
