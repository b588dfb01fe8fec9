#!/usr/bin/env node
/**
 * Runs one of the command-line tools (`npm run chat`, `mentor`, `nlu`): `node scripts/runCli.mjs
 * src/nlu/nluCli.ts ARGS...`. Where tsx is installed (a development tree) it runs the TypeScript source,
 * so an edit counts at once; after `npm ci --omit=dev` it runs the build's JavaScript. It prints nothing
 * of its own: `npm run --silent nlu` prints only the tool's JSON.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT } from './buildState.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  console.error('usage: node scripts/runCli.mjs src/<path>.ts [arguments]');
  process.exit(2);
}
let target = join(ROOT, entry);
if (existsSync(join(ROOT, 'node_modules', 'tsx'))) {
  const { register } = await import('tsx/esm/api');
  register();
} else {
  target = join(DIST, entry.replace(/\.ts$/, '.js'));
}
// the tool reads its own arguments from process.argv.slice(2)
process.argv = [process.argv[0] ?? process.execPath, target, ...args];
await import(pathToFileURL(target).href);
