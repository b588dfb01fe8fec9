/**
 * Web chat rendering: each outbound message becomes one message activity. The long form follows at
 * once (no MER on web chat), choices become suggested actions whose `value` carries the choice id,
 * phone numbers are `tel:` links, and the crisis message always comes first, marked in
 * `channelData.crisis` so the page shows it as the crisis card.
 */
import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import type { OutboundMessage } from '../../domain/dialogProtocol.js';
import type { Locale } from '../../domain/domain.js';
import type { Translate } from '../../i18n/i18n.js';
import { linkPhoneNumbers } from './phoneLinks.js';
import { tagOfLocale } from './webchatLocale.js';

export function renderActivities(t: Translate, locale: Locale, outbound: OutboundMessage[]): Partial<Activity>[] {
  return crisisFirst(outbound).map((message) => renderActivity(t, locale, message));
}

/** The same turn as one string: what the engine stores for dedupe. */
export function renderReplyText(t: Translate, locale: Locale, outbound: OutboundMessage[]): string {
  return crisisFirst(outbound)
    .map((message) => messageText(t, locale, message))
    .join('\n\n');
}

function messageText(t: Translate, locale: Locale, message: OutboundMessage): string {
  const parts = [t(locale, message.key, message.params)];
  if (message.moreKey) parts.push(t(locale, message.moreKey, message.params));
  return parts.join('\n\n');
}

function renderActivity(t: Translate, locale: Locale, message: OutboundMessage): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: linkPhoneNumbers(messageText(t, locale, message)),
    textFormat: 'markdown',
    locale: tagOfLocale(locale),
  };
  const choices = message.choices ?? [];
  if (choices.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: choices.map((choice): CardAction => {
        const label = t(locale, choice.labelKey);
        // messageBack: the button's label shows as the user's message, the id travels in `value`
        return {
          type: ActionTypes.MessageBack,
          title: label,
          text: label,
          displayText: label,
          value: { choice: choice.id },
        };
      }),
    };
  }
  if (message.crisis) activity.channelData = { crisis: true };
  return activity;
}

function crisisFirst(outbound: OutboundMessage[]): OutboundMessage[] {
  return [...outbound.filter((message) => message.crisis), ...outbound.filter((message) => !message.crisis)];
}
