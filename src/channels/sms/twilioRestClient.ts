/**
 * twilio's own REST client, pointed at `TWILIO_API_BASE_URL`: a request client that rewrites Twilio's
 * API origin, so tests and Twilio-compatible gateways get the exact requests Twilio would.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

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

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(credentials: TwilioCredentials): TwilioClient {
  return twilio(credentials.accountSid, credentials.authToken, {
    httpClient: new BaseUrlRequestClient(credentials.apiBaseUrl),
  });
}
