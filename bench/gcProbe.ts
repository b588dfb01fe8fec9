/**
 * Loaded into a bench server (`--expose-gc --import ./bench/gcProbe.ts`): on SIGUSR2 it collects all
 * garbage and writes process.memoryUsage() to $GC_PROBE_FILE, so that what the heap holds can be told
 * apart from garbage not yet collected (heapAfterGc.ts).
 */
import { writeFileSync } from 'node:fs';

const file = process.env.GC_PROBE_FILE;
const collect = (globalThis as { gc?: () => void }).gc;
if (file && collect) {
  process.on('SIGUSR2', () => {
    // twice: the first full collection may leave what only finalizers released
    collect();
    collect();
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}
