/**
 * Outbound SMS outside a webhook reply (mentor messages, timers) through twilio's REST client.
 * `TWILIO_API_BASE_URL` is honoured by a request client that rewrites Twilio's API origin, so tests
 * and Twilio-compatible gateways get the exact requests Twilio would.
 */
import type { Logger } from 'pino';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { ChannelSender, Delivery } from '../../conversation/channelSender.js';
import type { Locale } from '../../conversation/domain.js';
import type { Translations } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import type { ConversationRecord } from '../../storage/ports.js';
import { toGsm7 } from './gsm7.js';
import { renderSms } from './renderSms.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(options: RequestOptions<TData>) {
    const uri = options.uri.startsWith(TWILIO_API_ORIGIN)
      ? this.apiBaseUrl + options.uri.slice(TWILIO_API_ORIGIN.length)
      : options.uri;
    return super.request<TData>({ ...options, uri });
  }
}

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
}

export function createTwilioSmsSender(options: TwilioSmsSenderOptions): ChannelSender {
  const client = twilio(options.accountSid, options.authToken, {
    httpClient: new BaseUrlRequestClient(options.apiBaseUrl),
  });
  const retryDelays = options.retryDelaysMs ?? [500, 2000, 5000];

  async function sendOne(to: string, body: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.messages.create({ to, from: options.fromNumber, body });
        return;
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
        await sendOne(conversation.address, body);
      }
    },
  };
}
