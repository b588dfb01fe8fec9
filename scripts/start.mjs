#!/usr/bin/env node
/**
 * `npm start`: runs the compiled server (dist/src/main.js), building it first when dist/ is missing or
 * older than the sources, so that `npm ci && npm start` on a fresh clone works. It says so on one line.
 * In-process, so that SIGTERM reaches the server's own handler.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStaleReason, canBuild, DIST, ROOT } from './buildState.mjs';

const stale = buildStaleReason();
if (stale && canBuild()) {
  console.log(`dist/ is ${stale}: building it first (npm run build)`);
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
} else if (stale === 'missing') {
  console.error('dist/ is missing and the build tools are not installed: run npm ci && npm run build first');
  process.exit(1);
} else if (stale) {
  console.warn('dist/ is older than the sources, and the build tools are not installed: starting the old build');
}

await import(pathToFileURL(join(DIST, 'src', 'main.js')).href);
