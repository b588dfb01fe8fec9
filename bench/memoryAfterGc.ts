/**
 * Asks a bench server started with `--expose-gc --import ./bench/gcProbe.ts` (and $GC_PROBE_FILE) to
 * collect all garbage, and reads back its memory then. RSS read at an arbitrary moment holds garbage
 * the server had not yet needed to collect (tens of MB at this load), so growth is compared after a
 * full collection on both sides.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildServer } from './childServer.js';

/** the node flags and the environment that load the probe into a server */
export function gcProbeSetting(): { nodeArgs: string[]; env: { GC_PROBE_FILE: string } } {
  const file = join(mkdtempSync(join(tmpdir(), 'helpline-gc-probe-')), 'memory.json');
  return { nodeArgs: ['--expose-gc', '--import', './bench/gcProbe.ts'], env: { GC_PROBE_FILE: file } };
}

export interface MemoryAfterGc {
  /** RSS just before the collection */
  rssBeforeMb: number;
  rssAfterMb: number;
  memory: NodeJS.MemoryUsage;
}

export async function memoryAfterGc(server: ChildServer, probeFile: string): Promise<MemoryAfterGc> {
  if (existsSync(probeFile)) rmSync(probeFile);
  const rssBeforeMb = server.rssMb();
  server.process.kill('SIGUSR2');
  while (!existsSync(probeFile)) await new Promise((resolve) => setTimeout(resolve, 50));
  // the probe writes the file in one call, but give it a moment to close it
  await new Promise((resolve) => setTimeout(resolve, 50));
  const memory = JSON.parse(readFileSync(probeFile, 'utf8')) as NodeJS.MemoryUsage;
  return { rssBeforeMb, rssAfterMb: server.rssMb(), memory };
}
