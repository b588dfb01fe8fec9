/** Shared pieces of the mentor tests: a real SQLite store in a temp dir, a movable clock, cheap hashes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScryptParams } from '../../src/mentor/passwordHash.js';
import { createStore } from '../../src/storage/createStore.js';
import type { Store } from '../../src/storage/ports.js';

/** scrypt at its floor cost: the hash format and logic are the same, the tests stay fast */
export const CHEAP_SCRYPT: ScryptParams = { logN: 10, blockSize: 8, parallelism: 1 };

export interface MovableClock {
  (): Date;
  advance(ms: number): void;
}

export function movableClock(start = '2026-11-24T10:00:00+01:00'): MovableClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as MovableClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TempStore {
  store: Store;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function tempSqliteStore(): Promise<TempStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mentor-test-'));
  const store = await createStore({ dataDir });
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
