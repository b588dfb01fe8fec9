/** Starts the helpline server. Configuration comes from the environment through src/config.ts. */
import { createApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logging/createLogger.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
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
