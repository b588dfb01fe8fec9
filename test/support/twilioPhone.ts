/**
 * A phone texting the server under test through Twilio, as far as the server can tell: each SMS is a
 * signed webhook with its own MessageSid (and media sids for an MMS), and each TwiML reply is "sent"
 * by calling its statusCallback with a new sid, as Twilio does. Keeps every sid it made.
 */
import {
  newMessageSid,
  postSmsWebhook,
  postStatusCallback,
  twimlMessages,
  twimlStatusCallbacks,
} from './twilioWebhook.js';

export interface TwilioServer {
  baseUrl: string;
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
}

export interface TwilioPhone {
  number: string;
  /** sends one SMS (an MMS with `mediaCount` pictures) and answers the status callbacks; the reply's texts */
  send(body: string, options?: { mediaCount?: number }): Promise<string[]>;
  inboundSids: string[];
  mediaSids: string[];
  /** the sids Twilio gave the TwiML replies */
  replySids: string[];
}

export function twilioPhone(server: TwilioServer, number: string): TwilioPhone {
  const phone: TwilioPhone = {
    number,
    inboundSids: [],
    mediaSids: [],
    replySids: [],
    async send(body, options = {}) {
      const messageSid = newMessageSid();
      const media: Record<string, string> = { NumMedia: String(options.mediaCount ?? 0) };
      for (let index = 0; index < (options.mediaCount ?? 0); index += 1) {
        const mediaSid = `ME${newMessageSid().slice(2)}`;
        phone.mediaSids.push(mediaSid);
        media[`MediaUrl${index}`] =
          `https://api.twilio.com/2010-04-01/Accounts/${server.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
        media[`MediaContentType${index}`] = 'image/jpeg';
      }
      const response = await postSmsWebhook({ ...server, from: number, body, messageSid, extra: media });
      if (response.status !== 200) throw new Error(`SMS webhook answered ${response.status}: ${response.body}`);
      phone.inboundSids.push(messageSid);
      for (const callbackUrl of twimlStatusCallbacks(response.body)) {
        const replySid = newMessageSid();
        const callback = await postStatusCallback({
          baseUrl: server.baseUrl,
          callbackUrl,
          authToken: server.authToken,
          params: { MessageSid: replySid, SmsSid: replySid, MessageStatus: 'sent', AccountSid: server.accountSid },
        });
        if (callback.status !== 204) throw new Error(`status callback answered ${callback.status}: ${callback.body}`);
        phone.replySids.push(replySid);
      }
      return twimlMessages(response.body);
    },
  };
  return phone;
}
