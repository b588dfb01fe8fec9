/** Sends Twilio-style Messaging webhooks to the server under test, signed as Twilio signs them. */
import twilio from 'twilio';

export interface WebhookResponse {
  status: number;
  body: string;
}

let sequence = 0;

export function newMessageSid(): string {
  sequence += 1;
  return `SM${Date.now().toString(16)}${sequence.toString(16).padStart(8, '0')}${Math.random().toString(16).slice(2, 10)}`;
}

export async function postSmsWebhook(options: {
  baseUrl: string;
  /** the PUBLIC_BASE_URL the server validates against */
  publicBaseUrl?: string;
  authToken?: string;
  from: string;
  body: string;
  messageSid?: string;
  extra?: Record<string, string>;
  /** override the signature (wrong or missing) */
  signature?: string | null;
}): Promise<WebhookResponse> {
  const params: Record<string, string> = {
    MessageSid: options.messageSid ?? newMessageSid(),
    AccountSid: 'ACtest',
    From: options.from,
    To: '+4799999999',
    Body: options.body,
    NumMedia: '0',
    ...options.extra,
  };
  const url = `${options.publicBaseUrl ?? options.baseUrl}/api/sms`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.signature !== null) {
    headers['x-twilio-signature'] =
      options.signature ?? (options.authToken ? twilio.getExpectedTwilioSignature(options.authToken, url, params) : '');
  }
  const response = await fetch(`${options.baseUrl}/api/sms`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** The texts of the <Message> elements of a TwiML reply. */
export function twimlMessages(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) =>
    (match[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
}
