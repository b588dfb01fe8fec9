/**
 * Where the mentor console and the staff pages load their browser libraries: under `/mentor/vendor/`,
 * so the pages need no CDN and keep `script-src 'self'`. Each is one self-contained file (no bare imports
 * a browser could not resolve): htm's build with Preact and its hooks, i18next's ESM build, and Chart.js's
 * UMD build (a classic script that sets `window.Chart`). The files come from src/http/browserLibraries.ts.
 */
import { browserLibraryPath } from '../http/browserLibraries.js';

export interface ServedBrowserLibrary {
  route: string;
  file: string;
  type: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';

export function browserLibraries(): ServedBrowserLibrary[] {
  return [
    { route: '/mentor/vendor/htm-preact.mjs', file: browserLibraryPath('htmPreact'), type: JAVASCRIPT },
    { route: '/mentor/vendor/i18next.mjs', file: browserLibraryPath('i18next'), type: JAVASCRIPT },
    { route: '/mentor/vendor/chart.umd.js', file: browserLibraryPath('chartJs'), type: JAVASCRIPT },
  ];
}
