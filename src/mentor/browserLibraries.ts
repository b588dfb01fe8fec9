/**
 * The browser libraries the mentor console and the staff pages load, served from node_modules under
 * `/mentor/vendor/` so the pages need no CDN and keep `script-src 'self'`. Each is one self-contained
 * file (no bare imports a browser could not resolve): htm's build with Preact and its hooks,
 * i18next's ESM build, and Chart.js's UMD build (a classic script that sets `window.Chart`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface BrowserLibrary {
  route: string;
  file: string;
  type: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const require = createRequire(import.meta.url);

/** an installed package's folder, looked up where Node would look (its `exports` may hide package.json) */
function packageDir(name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    const candidate = join(folder, name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`browser library not installed: ${name}`);
}

export function browserLibraries(): BrowserLibrary[] {
  return [
    {
      route: '/mentor/vendor/htm-preact.mjs',
      file: join(packageDir('htm'), 'preact/standalone.mjs'),
      type: JAVASCRIPT,
    },
    { route: '/mentor/vendor/i18next.mjs', file: join(packageDir('i18next'), 'dist/esm/i18next.js'), type: JAVASCRIPT },
    {
      route: '/mentor/vendor/chart.umd.js',
      file: join(packageDir('chart.js'), 'dist/chart.umd.min.js'),
      type: JAVASCRIPT,
    },
  ];
}
