/**
 * A real application for tests: real SQLite in a temp dir (or PostgreSQL), real HTTP on loopback,
 * a settable clock. Configuration goes through the same zod schema as production.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, type AppOverrides, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/createLogger.js';

export const TEST_TWILIO = {
  accountSid: 'ACtest0000000000000000000000000000',
  authToken: 'test-auth-token',
  fromNumber: '+4791000000',
};

export interface TestClock {
  now: Date;
  (): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function createTestClock(start: Date | string = '2026-11-24T10:00:00+01:00'): TestClock {
  let current = new Date(start);
  const clock = (() => current) as TestClock;
  Object.defineProperty(clock, 'now', { get: () => current });
  clock.set = (at) => {
    current = new Date(at);
  };
  clock.advance = (ms) => {
    current = new Date(current.getTime() + ms);
  };
  return clock;
}

export interface TestApp extends App {
  baseUrl: string;
  dataDir: string;
  clock: TestClock;
  /** every log line the app wrote */
  logLines: string[];
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'helpline-test-'));
}

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    clock?: TestClock;
    overrides?: Omit<AppOverrides, 'clock' | 'logger'>;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const logLines: string[] = [];
  const logSink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    OPENING_HOURS: 'always',
    ...options.env,
  });
  const clock = options.clock ?? createTestClock();
  const app = await createApp(config, { ...options.overrides, clock, logger: createLogger('debug', logSink) });
  const baseUrl = await app.listen();
  return { ...app, baseUrl, dataDir, clock, logLines };
}
