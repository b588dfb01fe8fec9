/**
 * POST /api/sms: Twilio's Messaging webhook. Verify, parse, hand to the engine, answer TwiML.
 * Nothing is stored before the signature is checked; a store failure answers 503, never a 200.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { ConversationEngine } from '../../conversation/conversationEngine.js';
import type { Translations } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import { renderSms } from './renderSms.js';
import { mediaSidsOf, smsWebhookSchema } from './smsWebhookSchema.js';
import { twimlReply } from './twiml.js';
import { verifyTwilioSignature } from './verifyTwilioSignature.js';

export interface SmsRouteDeps {
  engine: ConversationEngine;
  translations: Translations;
  logger: Logger;
  publicBaseUrl: string;
  /** unset only outside production (CONTRACT.md): then unsigned requests are accepted */
  twilioAuthToken?: string;
  /**
   * set when erasure reaches Twilio (credentials configured): each message's sids are stored, and
   * Twilio reports the sids of the TwiML replies here (POST /api/sms/status)
   */
  statusCallbackUrl?: string;
}

const TWIML = 'text/xml; charset=utf-8';

export function registerSmsRoutes(server: Server, deps: SmsRouteDeps): void {
  server.post('/api/sms', async (req: Request, res: Response) => {
    const params = formParams(req.body);
    if (deps.twilioAuthToken) {
      const signature = req.header('x-twilio-signature');
      const valid = verifyTwilioSignature({
        authToken: deps.twilioAuthToken,
        signature: signature === '' ? undefined : signature,
        publicBaseUrl: deps.publicBaseUrl,
        requestUrl: req.url ?? '/api/sms',
        params,
      });
      if (!valid) {
        deps.logger.warn({ route: 'sms' }, 'rejected webhook with a bad or missing signature');
        res.send(403, { error: 'invalid signature' });
        return;
      }
    }
    const parsed = smsWebhookSchema.safeParse(params);
    if (!parsed.success) {
      res.send(400, {
        error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
      return;
    }
    const webhook = parsed.data;
    const statusCallback = deps.statusCallbackUrl
      ? `${deps.statusCallbackUrl}?inReplyTo=${encodeURIComponent(webhook.MessageSid)}`
      : undefined;
    try {
      const outcome = await deps.engine.handleMessage(
        {
          channel: 'sms',
          address: webhook.From,
          text: webhook.Body,
          hasMedia: webhook.NumMedia > 0,
          externalId: webhook.MessageSid,
          ...(deps.statusCallbackUrl
            ? { twilioMessage: { messageSid: webhook.MessageSid, mediaSids: mediaSidsOf(params, webhook.NumMedia) } }
            : {}),
        },
        ({ locale, outbound }) =>
          twimlReply(
            outbound.map((message) => renderSms(deps.translations.t, locale, message)),
            statusCallback,
          ),
      );
      deps.logger.info({ route: 'sms', duplicate: outcome.kind === 'duplicate' }, 'sms webhook answered');
      res.sendRaw(200, outcome.reply, { 'content-type': TWIML });
    } catch (error) {
      deps.logger.error(
        { route: 'sms', err: errorSummary(error) },
        'sms turn failed; answering 503 so Twilio may retry',
      );
      res.send(503, { error: 'temporarily unavailable' });
    }
  });
}

/** Twilio posts form fields; a repeated field counts by its first value. */
export function formParams(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') params[key] = value[0];
  }
  return params;
}
