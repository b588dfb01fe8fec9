/**
 * `npm run mentor -- add USERNAME [--role mentor|coordinator] | list | remove USERNAME | passwd USERNAME`:
 * manage mentor accounts (the first coordinator is made here; the rest can be made in the browser).
 * The password comes from stdin (one line) when stdin is not a terminal, otherwise it is typed twice
 * without echo. Works on a fresh DATA_DIR or an empty database: opening the store applies migrations.
 * Exit codes: 0 done, 1 refused or failed, 2 wrong usage, 130 cancelled at the prompt.
 */
import { parseArgs } from 'node:util';
import '../logging/quietOnClosedPipe.js';
import { loadConfigOrExit } from '../config.js';
import type { MessageParams } from '../domain/dialogProtocol.js';
import { createTranslations } from '../i18n/i18n.js';
import { createStore } from '../storage/createStore.js';
import type { MentorRole } from '../storage/ports.js';
import { systemClock } from './clock.js';
import {
  createMentorAccounts,
  type MentorAccountErrorCode,
  type MentorAccountResult,
  type MentorAccounts,
  mentorRoleSchema,
  mentorUsernameSchema,
} from './mentorAccounts.js';
import { PromptCancelled, promptHidden, readFirstLine } from './readPassword.js';

type Invocation =
  | { command: 'list' }
  | { command: 'add'; username: string; role: MentorRole }
  | { command: 'remove' | 'passwd'; username: string };

function parseArguments(args: string[]): Invocation | undefined {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch {
    return undefined; // an unknown option
  }
  const [command, username, ...rest] = parsed.positionals;
  const role = mentorRoleSchema.safeParse(parsed.values.role ?? 'mentor');
  if (rest.length > 0 || !role.success) return undefined;
  if (command === 'add' && username) return { command, username, role: role.data };
  if (parsed.values.role !== undefined) return undefined; // --role belongs to add only
  if (command === 'list' && username === undefined) return { command };
  if ((command === 'remove' || command === 'passwd') && username) return { command, username };
  return undefined;
}

function parseCommandLine(args: string[]) {
  return parseArgs({ args, options: { role: { type: 'string' } }, allowPositionals: true, strict: true });
}

const config = loadConfigOrExit();
const translations = await createTranslations(config.defaultLocale);
const say = (key: string, params?: MessageParams) => translations.t(config.defaultLocale, `console.cli.${key}`, params);

const ERROR_KEYS: Record<MentorAccountErrorCode, string> = {
  invalid_username: 'invalidUsername',
  invalid_password: 'invalidPassword',
  username_taken: 'usernameTaken',
  not_found: 'notFound',
  last_coordinator: 'lastCoordinator',
  // the CLI never asks for the current password
  wrong_password: 'failed',
};

const DONE_KEYS = { add: 'added', remove: 'removed', passwd: 'passwordChanged' } as const;

async function readNewPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) {
    const line = await readFirstLine(process.stdin);
    if (line === undefined) console.error(say('noPassword'));
    return line;
  }
  const first = await promptHidden(say('passwordPrompt'), process.stdin, process.stderr);
  const second = await promptHidden(say('passwordRepeat'), process.stdin, process.stderr);
  if (first === second) return first;
  console.error(say('passwordMismatch'));
  return undefined;
}

async function withAccounts<T>(work: (accounts: MentorAccounts) => Promise<T>): Promise<T> {
  const store = await createStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    dataEncryptionKey: config.dataEncryptionKey,
  });
  try {
    return await work(createMentorAccounts({ store, clock: systemClock }));
  } finally {
    await store.close();
  }
}

async function run(invocation: Invocation): Promise<number> {
  if (invocation.command === 'list') {
    const mentors = await withAccounts((accounts) => accounts.list());
    if (mentors.length === 0) console.error(say('noMentors'));
    for (const mentor of mentors) {
      console.log(`${mentor.username}\t${mentor.role}\t${mentor.createdAt.toISOString()}`);
    }
    return 0;
  }

  const parsed = mentorUsernameSchema.safeParse(invocation.username);
  const username = parsed.success ? parsed.data : invocation.username;
  let result: MentorAccountResult<unknown>;
  if (invocation.command === 'remove') {
    result = await withAccounts((accounts) => accounts.remove(username));
  } else {
    // a bad name is refused before anyone types a password for it
    if (!parsed.success) {
      console.error(say('invalidUsername'));
      return 1;
    }
    const password = await readNewPassword();
    if (password === undefined) return 1;
    const asked = invocation;
    result = await withAccounts<MentorAccountResult<unknown>>((accounts) =>
      asked.command === 'add' ? accounts.add(username, password, asked.role) : accounts.passwd(username, password),
    );
  }
  if (!result.ok) {
    console.error(say(ERROR_KEYS[result.code], { username }));
    return 1;
  }
  const done =
    invocation.command === 'add' && invocation.role === 'coordinator'
      ? 'addedCoordinator'
      : DONE_KEYS[invocation.command];
  console.log(say(done, { username }));
  return 0;
}

const invocation = parseArguments(process.argv.slice(2));
if (!invocation) {
  console.error(say('usage'));
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await run(invocation);
  } catch (error) {
    if (error instanceof PromptCancelled) process.exitCode = 130;
    else {
      console.error(say('failed', { reason: error instanceof Error ? error.message : String(error) }));
      process.exitCode = 1;
    }
  }
}
