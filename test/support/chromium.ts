/**
 * Debian's Chromium for browser tests, driven by playwright-core (never a downloaded browser): every
 * browser test is a describeInChromium block. Missing Chromium skips its tests with a reason, except
 * with CI=true, where it is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { describeWith } from './needs.js';

const CHROMIUM_PATH = '/usr/bin/chromium';

/** why a browser test is skipped */
const CHROMIUM_MISSING = `${CHROMIUM_PATH} not found: apt-get install chromium to run the browser tests`;

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');

/** true when the browser tests can run; throws with CI=true when they cannot */
function chromiumAvailable(testName: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `${CHROMIUM_PATH} not found: apt-get install chromium to run ${testName}`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true)`);
  console.warn(`skipping: ${reason}`);
  return false;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ChromiumBlock {
  /** the block's browser: launched before the block's own beforeAll hooks run */
  readonly browser: Browser;
}

/**
 * A block of browser tests sharing one Chromium, launched before its tests and closed after them.
 * Without Chromium, each test is reported as skipped with the reason; with CI=true the block fails.
 */
export function describeInChromium(name: string, body: (chromium: ChromiumBlock) => void): void {
  describeWith(chromiumAvailable(name) ? CHROMIUM_PATH : null, CHROMIUM_MISSING, name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    body({
      get browser() {
        return browser ?? unlaunched();
      },
    });
  });
}

function unlaunched(): Browser {
  throw new Error('Chromium is launched in beforeAll: use chromium.browser in a hook or a test');
}

/** test-artifacts/<subfolder>, made when missing: where a browser test puts its screenshots */
export function screenshotsFolder(subfolder = ''): string {
  const folder = join(ARTIFACTS, subfolder);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/**
 * Collects what goes wrong in a page into `problems`: uncaught errors, and console errors (with
 * 'csp refusals', only the Content Security Policy's: a missing favicon is a console error too).
 */
export function collectPageProblems(
  page: Page,
  problems: string[] = [],
  consoleErrors: 'all' | 'csp refusals' = 'all',
): string[] {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    const counts =
      consoleErrors === 'all' ? message.type() === 'error' : message.text().includes('Content Security Policy');
    if (counts) problems.push(message.text());
  });
  return problems;
}
