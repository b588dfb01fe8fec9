/**
 * Loads every `locales/<lng>/<file>.json` into i18next. Each file's keys live under its file name,
 * so `locales/nb/system.json` → `system.*`. `nb` is the fallback for anything missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18nInstance, type Resource } from 'i18next';
import type { MessageParams } from '../domain/dialogProtocol.js';
import { LOCALES, type Locale } from '../domain/domain.js';

export const DEFAULT_LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export type Translate = (locale: Locale, key: string, params?: MessageParams) => string;

/**
 * Params every key may use, filled in when a message is rendered rather than by the dialog that
 * emits it (the message's own params win). `copy` translates without these params, so a provider can
 * build its text from the locale files. app.ts installs src/handover/openingHoursText.ts's
 * `{{openingHours}}` and `{{nextOpening}}`.
 */
export type RenderParams = (locale: Locale, copy: Pick<Translations, 't' | 'raw'>) => MessageParams;

export interface Translations {
  t: Translate;
  /** whether `key` exists in `locale` (without falling back) */
  exists(locale: Locale, key: string): boolean;
  /** a raw value (e.g. a list of keywords) */
  raw(locale: Locale, key: string): unknown;
  instance: I18nInstance;
}

export type LocaleTree = { [key: string]: string | string[] | LocaleTree };

export function readLocaleFiles(localesDir = DEFAULT_LOCALES_DIR): Record<Locale, LocaleTree> {
  const result = {} as Record<Locale, LocaleTree>;
  for (const locale of LOCALES) {
    const tree: LocaleTree = {};
    const dir = join(localesDir, locale);
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      tree[basename(file, '.json')] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LocaleTree;
    }
    result[locale] = tree;
  }
  return result;
}

/**
 * Facts from the running configuration that copy may name anywhere without each message passing
 * them: `{{retentionDays}}` (RETENTION_DAYS) and `{{privacyUrl}}` (the /personvern page). The defaults are the configuration's defaults.
 */
export interface ConfigParams {
  retentionDays: number;
  /** the privacy statement's address: PUBLIC_BASE_URL + /personvern */
  privacyUrl: string;
}

const DEFAULT_CONFIG_PARAMS: ConfigParams = { retentionDays: 30, privacyUrl: 'http://localhost:3978/personvern' };

export async function createTranslations(
  defaultLocale: Locale = 'nb',
  localesDir = DEFAULT_LOCALES_DIR,
  options: { renderParams?: RenderParams } & Partial<ConfigParams> = {},
): Promise<Translations> {
  const trees = readLocaleFiles(localesDir);
  const resources: Resource = {};
  for (const locale of LOCALES) resources[locale] = { translation: trees[locale] };
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: defaultLocale,
    fallbackLng: 'nb',
    supportedLngs: [...LOCALES],
    interpolation: {
      escapeValue: false,
      defaultVariables: {
        ...DEFAULT_CONFIG_PARAMS,
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
        ...(options.privacyUrl !== undefined ? { privacyUrl: options.privacyUrl } : {}),
      },
    },
    returnNull: false,
    initAsync: false,
  });
  const copy: Pick<Translations, 't' | 'raw'> = {
    t: (locale, key, params) => instance.t(key, { lng: locale, ...params }),
    raw: (locale, key) => instance.t(key, { lng: locale, returnObjects: true }),
  };
  const { renderParams } = options;
  return {
    instance,
    t: renderParams
      ? (locale, key, params) => copy.t(locale, key, { ...renderParams(locale, copy), ...params })
      : copy.t,
    exists: (locale, key) => instance.exists(key, { lng: locale, fallbackLng: false }),
    raw: copy.raw,
  };
}
