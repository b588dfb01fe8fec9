/**
 * Files the pages load from npm packages (Web Chat's prebuilt bundle, the console's view library,
 * i18next for the browser, chart.js). In a development tree they are read from node_modules; `npm run
 * build` copies each one to dist/browser-libraries/<package>/<file>, so that a production install
 * (`npm ci --omit=dev`) can leave the browser-only packages out. Add a file here, not a path of your own.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BROWSER_LIBRARIES = {
  webchat: { package: 'botframework-webchat', file: 'dist/webchat.js' },
  htmPreact: { package: 'htm', file: 'preact/standalone.mjs' },
  i18next: { package: 'i18next', file: 'dist/esm/i18next.js' },
  chartJs: { package: 'chart.js', file: 'dist/chart.umd.js' },
} as const satisfies Record<string, { package: string; file: string }>;

export type BrowserLibrary = keyof typeof BROWSER_LIBRARIES;

/** the copies beside the compiled server: dist/src/http/ → dist/browser-libraries/ (absent in a source tree) */
export const BUILT_BROWSER_LIBRARIES_DIR = fileURLToPath(new URL('../../browser-libraries/', import.meta.url));

/** The file on disk: the build's copy when there is one, else the installed package's. */
export function browserLibraryPath(name: BrowserLibrary): string {
  const library = BROWSER_LIBRARIES[name];
  const built = join(BUILT_BROWSER_LIBRARIES_DIR, library.package, library.file);
  if (existsSync(built)) return built;
  return installedPackageFile(library.package, library.file);
}

/**
 * Looks along Node's own node_modules search path. Not `require.resolve(file)`: a package's `exports`
 * may hide the file (Web Chat exports only its entry point).
 */
export function installedPackageFile(packageName: string, file: string): string {
  const searchPath = createRequire(import.meta.url).resolve.paths(packageName) ?? [];
  for (const directory of searchPath) {
    const candidate = join(directory, packageName, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${packageName}/${file} not found: install the development dependencies (npm ci) or run npm run build`,
  );
}
