/**
 * pino with redaction. Logs carry opaque ids and outcomes only: never message text, phone numbers,
 * names or tokens. The redact paths are a second net for fields that should never be passed anyway.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'text',
  'body',
  'Body',
  'From',
  'To',
  'from',
  'to',
  'address',
  'phone',
  'password',
  'token',
  'cookie',
  'authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.body',
  '*.text',
  '*.Body',
  '*.From',
  '*.To',
  '*.address',
  '*.password',
  '*.token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    destination,
  );
}

export type { Logger };
