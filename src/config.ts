/**
 * The one place that turns environment variables into typed configuration (CONTRACT.md, Environment).
 * Fails fast and lists every bad key at once.
 */
import { z } from 'zod';
import { DEFAULT_BOT_SERVICE_URL_HOSTS } from './channels/webchat/serviceUrlPolicy.js';
import { LOCALES } from './domain/domain.js';
import { parseOpeningHours } from './handover/openingHours.js';
import { parseDataEncryptionKey } from './storage/sealing/dataEncryptionKey.js';

export const DEFAULT_OPENING_HOURS = 'mon-wed,fri 09:00-15:00; thu 09:00-18:00';
/** where the chat page's quick exit goes: a weather site, as neutral as a page on a screen can be */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.yr.no/';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
  ),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM_NUMBER: optionalText,
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppTenantId: optionalText,
  DIRECT_LINE_SECRET: optionalText,
  BOT_SERVICE_URL_HOSTS: optionalText,
  DEFAULT_LOCALE: z.enum(LOCALES).default('nb'),
  OPENING_HOURS: z
    .string()
    .trim()
    .min(1)
    .default(DEFAULT_OPENING_HOURS)
    .superRefine((text, context) => {
      const parsed = parseOpeningHours(text);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
    }),
  HELPLINE_FORWARD_NUMBER: optionalText.pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number, e.g. +4722566700')
      .optional(),
  ),
  VOICE_LOCALE: z.enum(['nb', 'nn']).default('nb'),
  VOICE_NAME: z.string().trim().min(1).default('Polly.Liv'),
  VOICE_NAME_EN: z.string().trim().min(1).default('Polly.Amy'),
  VOICE_DIAL_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(25),
  DATA_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .transform((text, context) => {
        const key = parseDataEncryptionKey(text);
        if (!key) {
          context.addIssue({ code: 'custom', message: 'must be 32 bytes, base64 (openssl rand -base64 32)' });
          return z.NEVER;
        }
        return key;
      })
      .optional(),
  ),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  KEEP_UNANSWERED_SAMPLES: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  MENTOR_MAX_CONVERSATIONS: z.coerce.number().int().min(1).max(50).default(3),
  QUICK_EXIT_URL: optionalText.pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional()),
  PRIVACY_CONTROLLER_NAME: optionalText.pipe(z.string().max(200).optional()),
  PRIVACY_CONTACT: optionalText.pipe(z.string().max(200).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  NODE_ENV: optionalText,
});

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicBaseUrl: string;
  twilio: {
    accountSid?: string;
    authToken?: string;
    fromNumber?: string;
    apiBaseUrl: string;
  };
  botFramework: {
    appId?: string;
    appPassword?: string;
    appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
  };
  directLineSecret?: string;
  /** hosts (and their subdomains) replies to Bot Connector activities may go to, with credentials */
  botServiceUrlHosts: string[];
  defaultLocale: (typeof LOCALES)[number];
  openingHours: string;
  voice: {
    /** the mentors' phone, E.164; unset: every call gets the out-of-hours answer */
    forwardNumber?: string;
    /** the language a call starts in (English is a key press away) */
    locale: 'nb' | 'nn';
    /** Twilio <Say> voices: Norwegian (nb and nn) and English */
    voiceName: string;
    voiceNameEn: string;
    dialTimeoutSeconds: number;
  };
  /** seals phone numbers at rest; unset: a key file generated in dataDir */
  dataEncryptionKey?: Buffer;
  retentionDays: number;
  /** KEEP_UNANSWERED_SAMPLES: keep masked texts the bot did not understand or was unsure of (at most retentionDays) */
  keepUnansweredSamples: boolean;
  /** AUDIT_RETENTION_DAYS: how long the audit log keeps what staff did */
  auditRetentionDays: number;
  /** MENTOR_MAX_CONVERSATIONS: simultaneous conversations per mentor */
  mentorMaxConversations: number;
  /** QUICK_EXIT_URL: the neutral page the chat's quick exit replaces it with */
  quickExitUrl: string;
  /** shown on /personvern; unset: the page says plainly that it is not configured */
  privacy: { controllerName?: string; contact?: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** how long SIGTERM waits for work in flight before the process exits anyway */
  shutdownTimeoutMs: number;
  /** a bearer token that lets a scraper read /metrics from another host; unset: loopback only */
  metricsToken?: string;
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment (process.env, or a test's own). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const config: AppConfig = {
    port: values.PORT,
    host: values.HOST,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL,
    publicBaseUrl: (values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    twilio: {
      accountSid: values.TWILIO_ACCOUNT_SID,
      authToken: values.TWILIO_AUTH_TOKEN,
      fromNumber: values.TWILIO_FROM_NUMBER,
      apiBaseUrl: values.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
    },
    botFramework: {
      appId: values.MicrosoftAppId,
      appPassword: values.MicrosoftAppPassword,
      appType: values.MicrosoftAppType,
      tenantId: values.MicrosoftAppTenantId,
    },
    directLineSecret: values.DIRECT_LINE_SECRET,
    botServiceUrlHosts:
      values.BOT_SERVICE_URL_HOSTS?.split(',')
        .map((host) => host.trim())
        .filter(Boolean) ?? DEFAULT_BOT_SERVICE_URL_HOSTS,
    defaultLocale: values.DEFAULT_LOCALE,
    openingHours: values.OPENING_HOURS,
    voice: {
      forwardNumber: values.HELPLINE_FORWARD_NUMBER,
      locale: values.VOICE_LOCALE,
      voiceName: values.VOICE_NAME,
      voiceNameEn: values.VOICE_NAME_EN,
      dialTimeoutSeconds: values.VOICE_DIAL_TIMEOUT_SECONDS,
    },
    dataEncryptionKey: values.DATA_ENCRYPTION_KEY,
    retentionDays: values.RETENTION_DAYS,
    keepUnansweredSamples: values.KEEP_UNANSWERED_SAMPLES,
    auditRetentionDays: values.AUDIT_RETENTION_DAYS,
    mentorMaxConversations: values.MENTOR_MAX_CONVERSATIONS,
    quickExitUrl: values.QUICK_EXIT_URL ?? DEFAULT_QUICK_EXIT_URL,
    privacy: { controllerName: values.PRIVACY_CONTROLLER_NAME, contact: values.PRIVACY_CONTACT },
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    metricsToken: values.METRICS_TOKEN,
    production: values.NODE_ENV === 'production',
  };
  const problems: string[] = [];
  if (config.production && !config.twilio.authToken) {
    problems.push('TWILIO_AUTH_TOKEN: required when NODE_ENV=production (webhooks must be signed)');
  }
  if (config.production && config.databaseUrl && !config.dataEncryptionKey) {
    problems.push(
      'DATA_ENCRYPTION_KEY: required when NODE_ENV=production with DATABASE_URL (every instance must seal numbers with the same key, kept outside the database)',
    );
  }
  const { appId, appPassword, appType } = config.botFramework;
  // a user-assigned managed identity has no password
  if (config.production && !(appId && (appPassword || appType === 'UserAssignedMSI'))) {
    problems.push(
      'MicrosoftAppId, MicrosoftAppPassword: required when NODE_ENV=production (without them /api/messages takes anonymous activities: Emulator mode)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * For entry points (server, terminal chat, mentor CLI): the process environment, checked; on bad
 * configuration prints every problem and exits.
 */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
