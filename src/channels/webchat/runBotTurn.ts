/**
 * Runs one bot turn for either transport. When it fails (the store does not answer), the user is told
 * so instead of being left in silence, and the caller answers 503: the message was not stored.
 */
import type { ActivityHandler, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Locale } from '../../domain/domain.js';
import type { Translations } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import { localeFromTag } from './webchatLocale.js';

export interface BotTurnDeps {
  bot: ActivityHandler;
  translations: Translations;
  defaultLocale: Locale;
  logger: Logger;
}

export type BotTurnResult = 'ok' | 'failed';

export async function runBotTurn(context: TurnContext, deps: BotTurnDeps): Promise<BotTurnResult> {
  try {
    await deps.bot.run(context);
    return 'ok';
  } catch (error) {
    deps.logger.error({ channel: 'webchat', err: errorSummary(error) }, 'web chat turn failed');
    const locale = localeFromTag(context.activity.locale) ?? deps.defaultLocale;
    try {
      await context.sendActivity(deps.translations.t(locale, 'system.unavailable'));
    } catch (sendError) {
      deps.logger.warn(
        { channel: 'webchat', err: errorSummary(sendError) },
        'could not tell the user about the failure',
      );
    }
    return 'failed';
  }
}
