/** Starts the helpline server. The only place that reads process.env. */
import { createApp } from './app.js';
import { type AppConfig, ConfigError, loadConfig } from './config.js';
import { parseOpeningHours } from './handover/openingHours.js';
import { createLogger } from './logging/createLogger.js';

function openingHoursCheck(config: { openingHours: string }): string[] {
  const parsed = parseOpeningHours(config.openingHours);
  return parsed.ok ? [] : [`OPENING_HOURS: ${parsed.error}`];
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env, [openingHoursCheck]);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (!config.twilio.authToken) {
    logger.warn('TWILIO_AUTH_TOKEN is not set: /api/sms accepts unsigned requests (development only)');
  }
  const app = await createApp(config, { logger });
  const baseUrl = await app.listen();
  console.log(`Arbeidslivstelefonen's assistant is running:
  web chat        ${baseUrl}/
  mentor console  ${baseUrl}/mentor
  SMS webhook     ${baseUrl}/api/sms  (Twilio calls ${config.publicBaseUrl}/api/sms)
  Bot Framework   ${baseUrl}/api/messages
  health          ${baseUrl}/healthz`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
