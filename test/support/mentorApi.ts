/**
 * What the tests of the mentor and staff API share: the real application (handoverApp.ts) with a fake
 * Twilio API and its accounts, logged in through the real login route, started before the block and
 * closed after it; and the check that every route wants a real session.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from './fakeTwilioApi.js';
import { TEST_TWILIO } from './testApp.js';

export interface AccountSpec {
  username: string;
  role?: 'mentor' | 'coordinator';
  /** logged in through the login route (true unless said) */
  login?: boolean;
  /** disabled once made */
  disabled?: boolean;
}

/**
 * The colleagues of the transfer and assign tests: kari and per (mentors) and liv (coordinator) at the
 * console; nina never logged in, so not at the console; ola's account disabled.
 */
export const COLLEAGUE_ACCOUNTS: readonly AccountSpec[] = [
  { username: 'kari' },
  { username: 'per' },
  { username: 'liv', role: 'coordinator' },
  { username: 'nina', login: false },
  { username: 'ola', login: false, disabled: true },
];

type AppOptions = Omit<Parameters<typeof startHandoverApp>[0], 'twilioApiBaseUrl' | 'databaseUrl'>;

export interface MentorApiSetting {
  /** from beforeAll on */
  readonly app: HandoverTestApp;
  readonly twilioApi: FakeTwilioApi;
  /**
   * the client of an account made with `login` (the default); may be taken while the block is
   * described, and talks once beforeAll has logged it in
   */
  client(username: string): MentorClient;
  /** closes the app and starts it again on the same data; the clients (their sessions are stored) follow */
  restart(): Promise<void>;
}

export function mentorApiSetting(options: {
  accounts: readonly AccountSpec[];
  app?: AppOptions;
  /** PostgreSQL's URL, or undefined for SQLite */
  databaseUrl?: () => Promise<string | undefined>;
}): MentorApiSetting {
  let twilioApi: FakeTwilioApi | undefined;
  let app: HandoverTestApp | undefined;
  const clients = new Map<string, MentorClient>();

  let databaseUrl: string | undefined;
  const start = (fake: FakeTwilioApi, dataDir?: string) =>
    startHandoverApp({
      ...options.app,
      twilioApiBaseUrl: fake.baseUrl,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(dataDir ? { dataDir } : {}),
    });

  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    databaseUrl = await options.databaseUrl?.();
    app = await start(twilioApi);
    for (const account of options.accounts) {
      await addMentor(app, account.username, account.role);
      if (account.disabled) await app.store.transaction(null, (uow) => uow.mentors.setDisabled(account.username, true));
    }
    for (const account of options.accounts) {
      if (account.login !== false) clients.set(account.username, await loginMentor(app, account.username));
    }
  });

  afterAll(async () => {
    await app?.close();
    await twilioApi?.close();
  });

  return {
    get app() {
      if (!app) throw new Error('the app starts in beforeAll: use it in a hook or a test');
      return app;
    },
    get twilioApi() {
      if (!twilioApi) throw new Error('the fake Twilio API starts in beforeAll: use it in a hook or a test');
      return twilioApi;
    },
    client(username) {
      if (!options.accounts.some((account) => account.username === username && account.login !== false)) {
        throw new Error(`${username} is not logged in in this setting`);
      }
      const loggedIn = () => {
        const client = clients.get(username);
        if (!client) throw new Error(`${username} logs in in beforeAll: use the client in a hook or a test`);
        return client;
      };
      return {
        username,
        get cookie() {
          return loggedIn().cookie;
        },
        get baseUrl() {
          return loggedIn().baseUrl;
        },
        set baseUrl(url) {
          loggedIn().baseUrl = url;
        },
        request: (...args) => loggedIn().request(...args),
      };
    },
    async restart() {
      if (!app || !twilioApi) throw new Error('the app starts in beforeAll: restart it in a test');
      const { dataDir } = app;
      await app.close();
      app = undefined;
      app = await start(twilioApi, dataDir);
      for (const client of clients.values()) client.baseUrl = app.baseUrl;
    },
  };
}

/** every route answers 401 without a session cookie and with a made-up one */
export async function expectSessionRequired(
  baseUrl: string,
  routes: ReadonlyArray<readonly [method: string, path: string]>,
): Promise<void> {
  for (const [method, path] of routes) {
    const bare = await fetch(`${baseUrl}${path}`, { method });
    expect(bare.status, `${method} ${path}`).toBe(401);
    expect(await bare.json()).toEqual({ error: 'unauthorized' });
    const forged = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie: `mentor_session=${'A'.repeat(43)}` },
    });
    expect(forged.status, `${method} ${path} with a forged cookie`).toBe(401);
  }
}
