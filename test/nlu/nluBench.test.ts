import { describe, expect, it } from 'vitest';
import { measureNlu } from '../../src/nlu/nluBench.js';

describe('measureNlu', () => {
  it('reports the load time and classifications per second for npm run bench', async () => {
    const { loadMs, classificationsPerSecond } = await measureNlu();
    expect(loadMs).toBeGreaterThan(0);
    expect(Number.isFinite(loadMs)).toBe(true);
    expect(classificationsPerSecond).toBeGreaterThan(0);
  });
});
