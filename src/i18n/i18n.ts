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
  const render: Translate = renderParams
    ? (locale, key, params) => copy.t(locale, key, { ...renderParams(locale, copy), ...params })
    : copy.t;
  return {
    instance,
    t: memoiseUnparameterised(render, renderParams ? (locale) => renderParams(locale, copy) : undefined),
    exists: (locale, key) => instance.exists(key, { lng: locale, fallbackLng: false }),
    raw: copy.raw,
  };
}

/** more distinct keys than the locale files hold; a guard, should a caller ever build keys at run time */
const MEMO_LIMIT = 10_000;

/**
 * A turn renders the same messages twice (the SMS and the transcript) and most turns say the same
 * menus and answers, so texts without message params are kept once rendered, per language and key.
 * They still depend on the render params (the opening hours, which change with the clock and with a
 * coordinator's save): `renderParams` returns the same object while they hold (it is computed once a
 * minute per language and set of hours), and a text kept with other render params is rendered afresh.
 * Texts with message params are never kept: their params may hold a person's data.
 */
export function memoiseUnparameterised(
  render: Translate,
  currentRenderParams?: (locale: Locale) => MessageParams,
): Translate {
  const kept = new Map<string, { renderParams: MessageParams | undefined; text: string }>();
  return (locale, key, params) => {
    if (params !== undefined && Object.keys(params).length > 0) return render(locale, key, params);
    const renderParams = currentRenderParams?.(locale);
    const memoKey = `${locale}:${key}`;
    const found = kept.get(memoKey);
    if (found && found.renderParams === renderParams) return found.text;
    const text = render(locale, key, params);
    if (kept.size >= MEMO_LIMIT) kept.clear();
    kept.set(memoKey, { renderParams, text });
    return text;
  };
}
