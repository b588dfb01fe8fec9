/** One outbound message as one SMS: the text, numbered choices (`1. Label`), and a `MER` hint. */
import type { OutboundMessage } from '../../domain/dialogProtocol.js';
import type { Locale } from '../../domain/domain.js';
import type { Translate } from '../../i18n/i18n.js';
import { toGsm7 } from './gsm7.js';

export function renderSms(t: Translate, locale: Locale, message: OutboundMessage): string {
  const lines = [t(locale, message.key, message.params)];
  if (message.moreKey) lines.push(t(locale, 'system.sms.moreHint'));
  if (message.choices && message.choices.length > 0) {
    lines.push(message.choices.map((choice, index) => `${index + 1}. ${t(locale, choice.labelKey)}`).join('\n'));
  }
  return toGsm7(lines.join('\n\n'));
}
