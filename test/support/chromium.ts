/**
 * Debian's Chromium for browser tests, driven by playwright-core (never a downloaded browser).
 * Missing Chromium skips the test with a reason, except with CI=true, where it is a failure.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** why a browser test is skipped */
export const CHROMIUM_MISSING = `${CHROMIUM_PATH} not found: apt-get install chromium to run the browser tests`;

/** true when the browser tests can run; throws with CI=true when they cannot */
export function chromiumAvailable(testName: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `${CHROMIUM_PATH} not found: apt-get install chromium to run ${testName}`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true)`);
  console.warn(`skipping: ${reason}`);
  return false;
}

export function launchChromium(): Promise<Browser> {
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
