/** Renders outbound messages as plain text: the transcript a mentor reads, and the terminal chat. */

import type { OutboundMessage } from '../domain/dialogProtocol.js';
import type { Locale } from '../domain/domain.js';
import type { Translate } from '../i18n/i18n.js';

export function renderPlainText(t: Translate, locale: Locale, message: OutboundMessage, withMore = true): string {
  const parts = [t(locale, message.key, message.params)];
  if (withMore && message.moreKey) parts.push(t(locale, message.moreKey, message.params));
  const choices = (message.choices ?? []).map((choice, index) => `${index + 1}. ${t(locale, choice.labelKey)}`);
  return [...parts, ...(choices.length > 0 ? [choices.join('\n')] : [])].join('\n\n');
}
