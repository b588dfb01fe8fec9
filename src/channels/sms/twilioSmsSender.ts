/**
 * Outbound SMS outside a webhook reply (mentor messages, timers) through twilio's REST client
 * (pointed at `TWILIO_API_BASE_URL`). The sid of each message sent is handed to `onSent`, so that
 * erasure can delete it at Twilio later.
 */
import type { Logger } from 'pino';
import type { ChannelSender, Delivery } from '../../domain/channelSender.js';
import type { Locale } from '../../domain/domain.js';
import type { Translations } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import type { ConversationRecord } from '../../storage/ports.js';
import { toGsm7 } from './gsm7.js';
import { renderSms } from './renderSms.js';
import { createTwilioClient } from './twilioRestClient.js';

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  fromNumber: string;
  apiBaseUrl: string;
  translations: Translations;
  logger: Logger;
  /** waits between attempts; the first send is immediate */
  retryDelaysMs?: number[];
  /** told of each failed attempt (metrics); `final` when no retry is left */
  onSendFailure?: (final: boolean) => void;
  /** each message Twilio accepted, by its sid (a failure here is logged: the SMS is out already) */
  onSent?: (conversationId: string, messageSid: string) => Promise<void>;
}

export function createTwilioSmsSender(options: TwilioSmsSenderOptions): ChannelSender {
  const client = createTwilioClient(options);
  const retryDelays = options.retryDelaysMs ?? [500, 2000, 5000];

  async function sendOne(to: string, body: string): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return (await client.messages.create({ to, from: options.fromNumber, body })).sid;
      } catch (error) {
        const delay = retryDelays[attempt];
        options.onSendFailure?.(delay === undefined);
        if (delay === undefined) throw error;
        options.logger.warn({ err: errorSummary(error), attempt: attempt + 1 }, 'outbound sms failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    async send(conversation: ConversationRecord, locale: Locale, deliveries: Delivery[]) {
      for (const delivery of deliveries) {
        const body =
          delivery.kind === 'bot' ? renderSms(options.translations.t, locale, delivery.message) : toGsm7(delivery.text);
        if (body === '') continue;
        const sid = await sendOne(conversation.address, body);
        await options.onSent?.(conversation.id, sid).catch((error: unknown) => {
          options.logger.error({ err: errorSummary(error) }, 'the sid of a sent sms could not be stored');
        });
      }
    },
  };
}
