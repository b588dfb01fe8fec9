#!/usr/bin/env node
/**
 * `npm run build`: compiles the server to dist/ (tsc, with source maps) and copies what it reads at
 * run time beside the compiled code, at the same relative paths: the SQL migrations and NLU data
 * (every non-TypeScript file under src/ and dialogs/), locales/, public/, and the browser libraries
 * the pages load (src/http/browserLibraries.ts). dist/ then runs with production dependencies only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_STAMP, DIST, ROOT } from './buildState.mjs';

const started = Date.now();
rmSync(DIST, { recursive: true, force: true });

const tsc = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) {
  console.error('build failed: tsc reported errors');
  process.exit(1);
}

for (const tree of ['src', 'dialogs']) {
  for (const file of filesUnder(join(ROOT, tree)).filter((path) => !path.endsWith('.ts'))) {
    copy(file, join(DIST, relative(ROOT, file)));
  }
}
for (const tree of ['locales', 'public']) cpSync(join(ROOT, tree), join(DIST, tree), { recursive: true });

const { BROWSER_LIBRARIES, BUILT_BROWSER_LIBRARIES_DIR, installedPackageFile } = await import(
  pathToFileURL(join(DIST, 'src', 'http', 'browserLibraries.js')).href
);
for (const library of Object.values(BROWSER_LIBRARIES)) {
  const target = join(BUILT_BROWSER_LIBRARIES_DIR, library.package);
  copy(installedPackageFile(library.package, library.file), join(target, library.file));
  // the licence travels with the code it covers
  const licence = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].find((name) => {
    try {
      installedPackageFile(library.package, name);
      return true;
    } catch {
      return false;
    }
  });
  if (licence) copy(installedPackageFile(library.package, licence), join(target, licence));
}

writeFileSync(BUILD_STAMP, `${JSON.stringify({ builtAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function filesUnder(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}
