/**
 * The opening hours in force, on every instance: the ones a coordinator saved (the `settings` row
 * `opening_hours`), else OPENING_HOURS. Read synchronously by everything that says or uses the hours
 * (the bot's `{{openingHours}}`/`{{nextOpening}}`, whether mentors are on duty for the queue and
 * callbacks, the phone line). A save applies here at once and tells the other instances through the
 * store's publish/subscribe (PostgreSQL NOTIFY; in-process with SQLite), which reload from the
 * database; a version check every `recheckMs` catches a notice missed while a listener reconnected.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { errorSummary } from '../logging/errorSummary.js';
import type { Store } from '../storage/ports.js';
import type { OpeningHours } from './openingHours.js';
import {
  type OpeningHoursSettings,
  openingHoursSettingsSchema,
  toOpeningHours,
  toSettings,
} from './openingHoursSettings.js';

const SETTING_NAME = 'opening_hours';
/** the setting's value is the settings with the saving coordinator's username beside them */
const savedBySchema = z.object({ savedBy: z.string() });
const CHANGED_CHANNEL = 'opening_hours_changed';

export interface OpeningHoursState {
  /** `default`: OPENING_HOURS; `saved`: a coordinator's */
  source: 'default' | 'saved';
  /** 0 for the default */
  version: number;
  updatedAt: Date | null;
  /** the coordinator who saved them (username); null for the default */
  savedBy: string | null;
  settings: OpeningHoursSettings;
}

export interface LiveOpeningHours {
  /** the hours in force now */
  current(): OpeningHours;
  state(): OpeningHoursState;
  save(settings: OpeningHoursSettings, at: Date, savedBy: string): Promise<OpeningHoursState>;
  close(): Promise<void>;
}

export async function createLiveOpeningHours(deps: {
  store: Store;
  defaultHours: OpeningHours;
  logger: Logger;
  recheckMs?: number;
}): Promise<LiveOpeningHours> {
  const { store, defaultHours, logger } = deps;
  const fallback: OpeningHoursState = {
    source: 'default',
    version: 0,
    updatedAt: null,
    savedBy: null,
    settings: toSettings(defaultHours),
  };
  let state = fallback;
  let hours = defaultHours;

  function apply(next: OpeningHoursState): void {
    // notices may arrive out of order: never go back to an older save
    if (next.version < state.version) return;
    state = next;
    hours = next.source === 'default' ? defaultHours : toOpeningHours(next.settings);
  }

  async function reload(): Promise<void> {
    const stored = await store.transaction(null, (uow) => uow.settings.get(SETTING_NAME));
    if (!stored || stored.version <= state.version) return;
    const value: unknown = JSON.parse(stored.value);
    const parsed = openingHoursSettingsSchema.safeParse(value);
    if (!parsed.success) {
      logger.error({ version: stored.version }, 'saved opening hours do not parse; keeping the ones in force');
      return;
    }
    const savedBy = savedBySchema.safeParse(value);
    apply({
      source: 'saved',
      version: stored.version,
      updatedAt: stored.updatedAt,
      savedBy: savedBy.success ? savedBy.data.savedBy : null,
      settings: parsed.data,
    });
  }

  const reloadQuietly = () =>
    reload().catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'could not reload opening hours'));

  await reload();
  const unsubscribe = await store.subscribe(CHANGED_CHANNEL, () => void reloadQuietly());
  const recheck = setInterval(() => void reloadQuietly(), deps.recheckMs ?? 30_000);
  recheck.unref();

  return {
    current: () => hours,
    state: () => state,
    async save(settings, at, savedBy) {
      const version = await store.transaction(null, (uow) =>
        uow.settings.put(SETTING_NAME, JSON.stringify({ ...settings, savedBy }), at),
      );
      apply({ source: 'saved', version, updatedAt: at, savedBy, settings });
      await store.publish(CHANGED_CHANNEL, String(version));
      return state;
    },
    async close() {
      clearInterval(recheck);
      await unsubscribe();
    },
  };
}
