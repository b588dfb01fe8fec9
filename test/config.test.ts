import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs with no environment at all, on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: '0.0.0.0',
      dataDir: './data',
      databaseUrl: undefined,
      publicBaseUrl: 'http://localhost:3978',
      defaultLocale: 'nb',
      openingHours: 'mon-wed,fri 09:00-15:00; thu 09:00-18:00',
      retentionDays: 30,
      logLevel: 'info',
      production: false,
    });
    expect(config.twilio.apiBaseUrl).toBe('https://api.twilio.com');
  });

  it('lists every bad key at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        DEFAULT_LOCALE: 'sv',
        OPENING_HOURS: 'weekdays 9-5',
        RETENTION_DAYS: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'DEFAULT_LOCALE', 'OPENING_HOURS', 'PORT', 'RETENTION_DAYS']);
  });

  const BOT_CREDENTIALS = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'app-password' };

  it('requires a Twilio auth token in production, so webhooks are always signed there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...BOT_CREDENTIALS })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(loadConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x', ...BOT_CREDENTIALS }).production).toBe(true);
  });

  it('refuses Emulator mode in production: Bot Framework credentials are required there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x' })).toThrow(
      /MicrosoftAppId, MicrosoftAppPassword: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x', MicrosoftAppId: 'app-id' })).toThrow(
      /MicrosoftAppPassword/,
    );
  });

  it('reads the hosts Bot Connector replies may go to, with Azure Bot Service hosts by default', () => {
    expect(loadConfig({}).botServiceUrlHosts).toEqual([
      'botframework.com',
      'trafficmanager.net',
      'botframework.azure.us',
    ]);
    expect(
      loadConfig({ BOT_SERVICE_URL_HOSTS: ' connector.example.no, bots.example.com ' }).botServiceUrlHosts,
    ).toEqual(['connector.example.no', 'bots.example.com']);
  });

  it('voice: defaults, an E.164 forward number, nynorsk by choice; a local or foreign-format number is refused', () => {
    expect(loadConfig({}).voice).toEqual({
      forwardNumber: undefined,
      locale: 'nb',
      voiceName: 'Polly.Liv',
      voiceNameEn: 'Polly.Amy',
      dialTimeoutSeconds: 25,
    });
    const config = loadConfig({ HELPLINE_FORWARD_NUMBER: '+4722566700', VOICE_LOCALE: 'nn', VOICE_NAME: 'alice' });
    expect(config.voice).toMatchObject({ forwardNumber: '+4722566700', locale: 'nn', voiceName: 'alice' });
    expect(() => loadConfig({ HELPLINE_FORWARD_NUMBER: '22566700' })).toThrow(/HELPLINE_FORWARD_NUMBER.*E\.164/);
    expect(() => loadConfig({ VOICE_LOCALE: 'en' })).toThrow(/VOICE_LOCALE/);
  });

  it('treats empty values as unset and trims the public URL', () => {
    const config = loadConfig({ DATABASE_URL: '', PUBLIC_BASE_URL: 'https://helpline.example.no/' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicBaseUrl).toBe('https://helpline.example.no');
  });
});
