/** Starts the helpline server. Configuration comes from the environment through src/config.ts. */
import { createApp } from './app.js';
import { type AppConfig, loadConfigOrExit } from './config.js';
import { createLogger } from './logging/createLogger.js';
import { errorSummary } from './logging/errorSummary.js';
import { StoreOpenError } from './storage/createStore.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (!config.twilio.authToken) {
    logger.warn('TWILIO_AUTH_TOKEN is not set: /api/sms accepts unsigned requests (development only)');
  }
  const app = await createApp(config, { logger }).catch((error: unknown) => exitWithStartupError(error, config));
  const baseUrl = await app.listen();
  console.log(`Arbeidslivstelefonen's assistant is running:
  web chat        ${baseUrl}/
  mentor console  ${baseUrl}/mentor
  SMS webhook     ${baseUrl}/api/sms  (Twilio calls ${config.publicBaseUrl}/api/sms)
  Bot Framework   ${baseUrl}/api/messages
  health          ${baseUrl}/healthz`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const startedAt = Date.now();
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: draining');
    const giveUp = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    // connections still open near the end are cut, so that the store can still close in time
    const cutConnectionsAt = startedAt + config.shutdownTimeoutMs - Math.min(2000, config.shutdownTimeoutMs / 4);
    try {
      await app.close({ cutConnectionsAt });
    } catch (error) {
      logger.error({ err: errorSummary(error) }, 'shutdown failed');
      process.exit(1);
    }
    clearTimeout(giveUp);
    logger.info({ ms: Date.now() - startedAt }, 'shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * One line that says what to fix, instead of a stack trace, when the store cannot be opened: a
 * DATA_DIR this user cannot write, or a database that cannot be reached. Anything else is a bug.
 */
function exitWithStartupError(error: unknown, config: AppConfig): never {
  if (!(error instanceof StoreOpenError)) throw error;
  const problem = config.databaseUrl
    ? `DATABASE_URL: the database cannot be opened (${error.reason}); check that it is reachable and accepts writes`
    : `DATA_DIR: ${config.dataDir} cannot be opened for writing (${error.reason}); choose a directory this user can create and write, or set DATABASE_URL`;
  console.error(`Cannot start. ${problem}`);
  process.exit(1);
}

await main();
