/** A person texting a server under test: signed webhooks, as Twilio sends them to PUBLIC_BASE_URL. */
import type { Store } from '../../src/storage/ports.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { postSmsWebhook, twimlMessages, type WebhookResponse } from '../support/twilioWebhook.js';

export const PUBLIC_BASE_URL = 'https://helpline.test';

/** What every server process under test needs besides its store. */
export function twilioEnv(twilioApiBaseUrl: string): Record<string, string> {
  return {
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
    TWILIO_API_BASE_URL: twilioApiBaseUrl,
    OPENING_HOURS: 'always',
  };
}

export function sendSms(
  baseUrl: string,
  from: string,
  body: string,
  messageSid?: string,
): Promise<WebhookResponse & { messages: string[] }> {
  return postSmsWebhook({
    baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    from,
    body,
    ...(messageSid ? { messageSid } : {}),
  }).then((response) => ({ ...response, messages: response.status === 200 ? twimlMessages(response.body) : [] }));
}

export interface TranscriptLine {
  direction: string;
  text: string;
}

/** The SMS conversation of one number, as stored: transcript and persisted dialog state. */
export async function storedConversation(
  store: Store,
  from: string,
): Promise<{ id: string; transcript: TranscriptLine[]; snapshot: unknown } | undefined> {
  return store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress('sms', from);
    if (!conversation) return undefined;
    const messages = await uow.transcript.list(conversation.id);
    return {
      id: conversation.id,
      transcript: messages.map(({ direction, text }) => ({ direction, text })),
      snapshot: conversation.snapshot,
    };
  });
}

/** True when every user message is followed by at least one bot message: whole turns only. */
export function onlyWholeTurns(transcript: TranscriptLine[]): boolean {
  return transcript.every((line, index) => line.direction !== 'user' || transcript[index + 1]?.direction === 'bot');
}

/** Norwegian mobile numbers, `+47` + `prefix` + a running count (8 digits in all), one per call. */
export function numberSeries(prefix: string): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `+47${prefix}${String(count).padStart(8 - prefix.length, '0')}`;
  };
}
