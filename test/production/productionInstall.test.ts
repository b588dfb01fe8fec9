/**
 * The container image's steps (scripts/production.sh, which the Dockerfile runs), run in a copy of
 * this tree because base images cannot be pulled here: build, then a production-only install beside
 * dist/, then start with DATABASE_URL to a test PostgreSQL. A signed SMS gets its answer, the pages'
 * browser libraries come from the build, the CLIs run from the build, and SIGTERM ends it with 0.
 *
 * Two stand-ins, both for what this machine cannot do: the build's own `npm ci` (step
 * `dependencies`) is this checkout's node_modules, installed from the same lock (linked, not
 * copied: it is 1 GB); and better-sqlite3's prebuilt binary, which `npm ci --omit=dev` would download
 * from GitHub (unreachable here, so it would compile SQLite for two minutes), is handed over through
 * prebuild-install's own local-prebuilds option, made from the binary this checkout has.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../multiInstance/serverProcess.js';
import { sendSms, twilioEnv } from '../multiInstance/smsClient.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** the whole production install, browser-only packages gone: about 270 MB (it was 790 MB) */
const MAX_PRODUCTION_MODULES_MB = 350;
/** about 90 s on an idle machine (the build's tsc, then unpacking 270 MB); far more when the machine is shared */
const TIMEOUT_MS = 600_000;

const postgres = await startTestPostgres();
const tree = mkdtempSync(join(tmpdir(), 'helpline-production-'));

afterAll(async () => {
  await postgres?.stop();
  await rm(tree, { recursive: true, force: true });
  // a production node_modules is some 20,000 files: slow to delete on a busy machine
}, 180_000);

/** the files git knows in this checkout (committed or not, minus what .gitignore leaves out) */
async function copyTrackedFiles(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(from, join(to, file));
  }
}

async function productionStep(step: string, env: Record<string, string> = {}): Promise<{ stdout: string }> {
  const started = Date.now();
  const result = await run('sh', ['scripts/production.sh', step], {
    cwd: tree,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  console.log(`scripts/production.sh ${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** better-sqlite3's binary as prebuild-install names and packs a release download */
async function localPrebuilds(): Promise<string> {
  const directory = join(tree, '.prebuilds');
  mkdirSync(directory);
  const packageDir = join(REPO_ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['-czf', join(directory, name), '-C', packageDir, 'build/Release/better_sqlite3.node']);
  return directory;
}

function npmRun(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], {
      cwd: tree,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tree, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ code, stdout }) : reject(new Error(`${args}: ${code}\n${stderr}`)),
    );
    child.stdin.end(input ?? '');
  });
}

describe('the production install (the Dockerfile steps in a copy of the tree)', () => {
  it(
    'builds, installs production dependencies only, starts on PostgreSQL and answers a signed SMS',
    withResource(postgres, POSTGRES_MISSING, async (server) => {
      await copyTrackedFiles(tree);
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(tree, 'node_modules'));
      const build = await productionStep('build');
      expect(build.stdout).toMatch(/built dist\/ in/);
      unlinkSync(join(tree, 'node_modules'));

      await productionStep('install', { npm_config_better_sqlite3_local_prebuilds: await localPrebuilds() });
      for (const devOnly of ['botframework-webchat', 'tsx', 'vitest', 'htm', 'chart.js', '@biomejs']) {
        expect(existsSync(join(tree, 'node_modules', devOnly)), devOnly).toBe(false);
      }
      const { stdout: du } = await run('du', ['-sm', join(tree, 'node_modules')]);
      const megabytes = Number(du.split('\t')[0]);
      console.log(`production node_modules: ${megabytes} MB`);
      expect(megabytes).toBeLessThan(MAX_PRODUCTION_MODULES_MB);

      const database = await server.createDatabase();
      const env = { ...twilioEnv('http://127.0.0.1:9'), DATABASE_URL: database.url };
      const app = await startServerProcess(env, { command: 'sh', args: ['scripts/production.sh', 'start'], cwd: tree });
      try {
        // dist/ is current: the start script runs it without building again
        expect(app.output()).not.toMatch(/building/);
        const reply = await sendSms(app.baseUrl, '+4741000001', 'Hei');
        expect(reply.status).toBe(200);
        expect(reply.messages.join('\n')).toMatch(/\bbot\b|chatbot|robot/i);
        expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
        const webchat = await fetch(`${app.baseUrl}/chat/webchat.js`);
        expect(webchat.status).toBe(200);
        expect((await webchat.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
        const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
        expect(metrics).toMatch(/^helpline_turns_total\{channel="sms",outcome="answered"\} 1$/m);
      } finally {
        const end = await app.stop();
        expect(end, app.output()).toMatchObject({ code: 0, signal: null });
      }

      // the command-line tools run from the build (tsx is not installed)
      const nlu = await npmRun(['nlu', '--', 'jeg vil snakke med en mentor'], {});
      expect(JSON.parse(nlu.stdout)).toMatchObject({ intent: 'human', crisis: false });
      await npmRun(['mentor', '--', 'add', 'kari'], { DATABASE_URL: database.url }, 'et langt nok passord\n');
      const list = await npmRun(['mentor', '--', 'list'], { DATABASE_URL: database.url });
      expect(list.stdout).toMatch(/\bkari\b/);
      await database.drop();
    }),
    TIMEOUT_MS,
  );
});
