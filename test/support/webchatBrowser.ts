/**
 * The lifecycle the web chat's Chromium tests share, called in describeInChromium's body: the real
 * application (webchatAppKit) started once for the block and closed after it, a phone-sized browser
 * context per test that is closed after each, and, when asked, a mentor logged in to the mentor API.
 */
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startWebchatApp, type WebchatApp } from '../channels/webchat/webchatAppKit.js';
import { addMentor, loginMentor, type MentorClient } from '../handover/support/handoverApp.js';
import type { ChromiumBlock } from './chromium.js';

/** where the chat page keeps the conversation to come back to when "remember" is ticked (public/chat/chat.js) */
export const RESUME_KEY = 'arbeidslivstelefonen.resume';

export interface WebchatInChromium {
  /** the running app (from beforeAll on) */
  readonly real: WebchatApp;
  /** the mentor logged in at the start (only with `mentor`) */
  readonly mentor: MentorClient;
  /** the bot's words in nb */
  t(key: string): string;
  /** a 360 x 740 context in nb-NO unless `options` say otherwise, closed after the test */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

export function webchatInChromium(
  chromium: ChromiumBlock,
  options: { env?: Record<string, string>; mentor?: string } = {},
): WebchatInChromium {
  let real: WebchatApp | undefined;
  let mentor: MentorClient | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    real = await startWebchatApp(options.env);
    if (options.mentor) {
      await addMentor(real.app, options.mentor);
      mentor = await loginMentor(real.app, options.mentor);
    }
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await real?.close();
  });

  const started = (): WebchatApp => {
    if (!real) throw new Error('the web chat app starts in beforeAll: use it in a hook or a test');
    return real;
  };

  return {
    get real() {
      return started();
    },
    get mentor() {
      if (!mentor) throw new Error('no mentor: pass { mentor } to webchatInChromium');
      return mentor;
    },
    t: (key) => started().app.translations.t('nb', key),
    async newContext(contextOptions = {}) {
      const context = await chromium.browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: 'nb-NO',
        ...contextOptions,
      });
      contexts.push(context);
      return context;
    },
  };
}
