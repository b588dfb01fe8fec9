/**
 * Whether dist/ holds a build of the sources in this tree: `npm start` builds first when it does not.
 * The build writes dist/BUILD.json last, so a build that stopped half-way counts as missing. A tree
 * without the sources (the container image) is up to date by definition.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const BUILD_STAMP = join(DIST, 'BUILD.json');

/** what the build is made from: a change to any of these makes dist/ stale */
const SOURCES = [
  'src',
  'dialogs',
  'locales',
  'public',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'scripts/build.mjs',
];

/** undefined when dist/ is current, else why not ("missing", "older than the sources") */
export function buildStaleReason() {
  if (!existsSync(BUILD_STAMP)) return 'missing';
  const builtAt = statSync(BUILD_STAMP).mtimeMs;
  const newest = Math.max(0, ...SOURCES.map((source) => newestModification(join(ROOT, source))));
  return newest > builtAt ? 'older than the sources' : undefined;
}

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/**
 * The development dependencies are installed. Not typescript alone: i18next brings it as a peer
 * into a production install too, but without the type packages the build needs.
 */
export function canBuild() {
  return ['typescript/bin/tsc', '@types/node/package.json'].every((file) =>
    existsSync(join(ROOT, 'node_modules', file)),
  );
}
