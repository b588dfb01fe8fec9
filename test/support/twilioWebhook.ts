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

/** One signed SMS from `from`; the reply's messages as one text (fails on anything but 200). */
export async function smsReplyText(
  server: { baseUrl: string; publicBaseUrl: string; authToken: string },
  from: string,
  body: string,
): Promise<string> {
  const response = await postSmsWebhook({ ...server, from, body });
  if (response.status !== 200) throw new Error(`SMS webhook answered ${response.status}: ${response.body}`);
  return twimlMessages(response.body).join('\n');
}

/** The texts of the <Message> elements of a TwiML reply. */
export function twimlMessages(twiml: string): string[] {
  // with Twilio credentials a <Message> carries a statusCallback attribute
  return [...twiml.matchAll(/<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g)].map((match) =>
    (match[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
}

export function newCallSid(): string {
  return `CA${newMessageSid().slice(2)}`;
}

/** Sends a Twilio-style Voice webhook (the call, a <Dial> action or a <Gather> action), signed. */
export async function postVoiceWebhook(options: {
  baseUrl: string;
  publicBaseUrl?: string;
  authToken?: string;
  /** /api/voice, /api/voice/dial-status or /api/voice/message */
  path?: string;
  callSid: string;
  from: string;
  extra?: Record<string, string>;
  signature?: string | null;
}): Promise<WebhookResponse> {
  const path = options.path ?? '/api/voice';
  const params: Record<string, string> = {
    CallSid: options.callSid,
    AccountSid: 'ACtest',
    From: options.from,
    To: '+4722566700',
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ...options.extra,
  };
  const url = `${options.publicBaseUrl ?? options.baseUrl}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.signature !== null) {
    headers['x-twilio-signature'] =
      options.signature ?? (options.authToken ? twilio.getExpectedTwilioSignature(options.authToken, url, params) : '');
  }
  const response = await fetch(`${options.baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** The texts of the <Say> elements of a TwiML reply, with their attributes. */
export function twimlSays(twiml: string): Array<{ attributes: string; text: string }> {
  return [...twiml.matchAll(/<Say([^>]*)>([\s\S]*?)<\/Say>/g)].map((match) => ({
    attributes: (match[1] ?? '').trim(),
    text: (match[2] ?? '').replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  }));
}

/** The statusCallback URLs of a TwiML reply's <Message> elements, as Twilio would call them. */
export function twimlStatusCallbacks(twiml: string): string[] {
  return [...twiml.matchAll(/<Message statusCallback="([^"]*)"/g)].map((match) =>
    (match[1] ?? '').replaceAll('&amp;', '&'),
  );
}

/** Sends a Twilio-style status callback to `callbackUrl` (a public URL), signed as Twilio signs it. */
export async function postStatusCallback(options: {
  baseUrl: string;
  /** the public URL Twilio was told (statusCallback), query included */
  callbackUrl: string;
  authToken: string;
  params: Record<string, string>;
  signature?: string | null;
}): Promise<WebhookResponse> {
  const { pathname, search } = new URL(options.callbackUrl);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.signature !== null) {
    headers['x-twilio-signature'] =
      options.signature ?? twilio.getExpectedTwilioSignature(options.authToken, options.callbackUrl, options.params);
  }
  const response = await fetch(`${options.baseUrl}${pathname}${search}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(options.params).toString(),
  });
  return { status: response.status, body: await response.text() };
}
