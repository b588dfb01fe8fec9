/**
 * `npx tsx bench/storeTurns.ts [conversations]`: SMS turns through the engine on the real store, in
 * process (no HTTP), one after another, on SQLite and on PostgreSQL: the time per turn and the SQL
 * statements each turn sends (BEGIN and COMMIT included). Each conversation is three messages from a
 * new number, with a MessageSid as Twilio sends them. For comparing storage changes, not for capacity.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { helplineMachine } from '../dialogs/helplineMachine.js';
import { composeTurnHooks } from '../src/conversation/composeTurnHooks.js';
import { ConversationEngine } from '../src/conversation/conversationEngine.js';
import { createKeywordMatcher } from '../src/conversation/keywordMatcher.js';
import { createHandoverHooks } from '../src/handover/handoverHooks.js';
import { DEFAULT_HANDOVER_TIMINGS } from '../src/handover/handoverTimings.js';
import { createMentorEventBus } from '../src/handover/mentorEvents.js';
import { createTranslations } from '../src/i18n/i18n.js';
import { createClassifier } from '../src/nlu/createClassifier.js';
import { createConsentWithdrawalMatcher } from '../src/privacy/consentWithdrawal.js';
import { createStatisticsHooks } from '../src/statistics/statisticsHooks.js';
import type { Store } from '../src/storage/ports.js';
import { createPostgresStore } from '../src/storage/postgres/createPostgresStore.js';
import { AddressSealer } from '../src/storage/sealing/addressSealer.js';
import { createSqliteStore } from '../src/storage/sqlite/createSqliteStore.js';
import { startBenchPostgres } from './benchPostgres.js';

const conversations = Number(process.argv[2] ?? 300);
const MESSAGES = ['Hei', 'Jeg er sykmeldt og lurer på hva NAV kan hjelpe med', 'Takk for hjelpen'];
const WARMUP_CONVERSATIONS = 30;

/** statements sent to the database, counted by wrapping the drivers' entry points */
let statements = 0;
function countSqliteStatements(): void {
  const probe = new Database(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statementPrototype[method];
    statementPrototype[method] = function (this: unknown, ...args: unknown[]) {
      statements += 1;
      return original.apply(this, args);
    };
  }
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (this: Database.Database, source: string) {
    statements += 1;
    return exec.call(this, source);
  };
}
function countPostgresStatements(): void {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

interface TurnFigures {
  msPerTurn: number;
  /** this process's CPU time (user + system): less swayed than wall time by other load on the machine */
  cpuMsPerTurn: number;
  statementsPerTurn: number;
}

async function runTurns(store: Store, firstNumber: number): Promise<TurnFigures> {
  const translations = await createTranslations('nb');
  const logger = pino({ level: 'silent' });
  const engine = new ConversationEngine({
    retentionDays: 30,
    store,
    machine: helplineMachine,
    classify: createClassifier(),
    matchKeyword: createKeywordMatcher(translations),
    matchConsentWithdrawal: createConsentWithdrawalMatcher(translations),
    translations,
    clock: () => new Date(),
    defaultLocale: 'nb',
    mentorsOnDuty: () => true,
    logger,
    hooks: composeTurnHooks(
      createHandoverHooks({ events: createMentorEventBus(store), timings: DEFAULT_HANDOVER_TIMINGS, logger }),
      createStatisticsHooks({ keepUnansweredSamples: false }),
    ),
  });
  const converse = async (number: number) => {
    for (const [index, text] of MESSAGES.entries()) {
      const sid = `SM${number}x${index}`;
      await engine.handleMessage(
        {
          channel: 'sms',
          address: `+47${number}`,
          text,
          externalId: sid,
          twilioMessage: { messageSid: sid, mediaSids: [] },
        },
        ({ outbound }) => outbound.map((message) => message.key).join(' '),
      );
    }
  };
  for (let i = 0; i < WARMUP_CONVERSATIONS; i += 1) await converse(firstNumber + i);
  statements = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < conversations; i += 1) await converse(firstNumber + WARMUP_CONVERSATIONS + i);
  const cpu = process.cpuUsage(cpuBefore);
  const turns = conversations * MESSAGES.length;
  return {
    msPerTurn: (performance.now() - started) / turns,
    cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / turns,
    statementsPerTurn: statements / turns,
  };
}

const sealer = new AddressSealer(Buffer.alloc(32, 7));
const print = (name: string, result: TurnFigures) =>
  console.log(
    `${name}: ${result.msPerTurn.toFixed(3)} ms/turn, ${result.cpuMsPerTurn.toFixed(3)} CPU ms/turn, ` +
      `${result.statementsPerTurn.toFixed(2)} statements/turn (${conversations * MESSAGES.length} turns)`,
  );

console.log(
  `load average before: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
countSqliteStatements();
countPostgresStatements();
const sqlite = await createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'helpline-turns-')), sealer });
try {
  print('SQLite', await runTurns(sqlite, 90_000_000));
} finally {
  await sqlite.close();
}
const postgres = await startBenchPostgres();
if (postgres) {
  const store = await createPostgresStore({ connectionString: await postgres.createDatabase(), sealer });
  try {
    print('PostgreSQL', await runTurns(store, 91_000_000));
  } finally {
    await store.close();
    await postgres.stop();
  }
} else {
  console.log('PostgreSQL: not installed, skipped');
}
console.log(
  `load average after: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
