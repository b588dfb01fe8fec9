/**
 * POST /api/sms/status: Twilio's status callback for the TwiML replies (`<Message statusCallback>`),
 * the only way to learn a reply's sid. Signed like /api/sms. `inReplyTo` (in the URL, so covered by
 * the signature) names the message it answered: while that conversation exists, the reply is
 * remembered with it; when it was erased (the SLETT confirmation), the reply is deleted at Twilio
 * too, once Twilio reports it delivered, or after a short wait.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { errorSummary } from '../../logging/errorSummary.js';
import type { Store } from '../../storage/ports.js';
import { formParams } from './smsRoutes.js';
import { TWILIO_SID } from './smsWebhookSchema.js';
import { verifyTwilioSignature } from './verifyTwilioSignature.js';

export const SMS_STATUS_PATH = '/api/sms/status';

/** how long an erased conversation's last reply may wait for its delivery report before it goes */
export const CONFIRMATION_WAIT_MS = 2 * 60_000;

/** Twilio is done with the message: it can be deleted now */
const FINAL_STATUSES = new Set(['delivered', 'undelivered', 'failed', 'read', 'canceled']);

const statusCallbackSchema = z.object({
  inReplyTo: z.string().regex(TWILIO_SID, 'inReplyTo must be a message sid'),
  MessageSid: z.string().regex(TWILIO_SID, 'MessageSid must be an id'),
  MessageStatus: z.string().regex(/^[a-z_-]{1,32}$/, 'MessageStatus must be a status'),
});

export interface SmsStatusRouteDeps {
  store: Store;
  logger: Logger;
  clock: () => Date;
  publicBaseUrl: string;
  twilioAuthToken: string;
}

export function registerSmsStatusRoute(server: Server, deps: SmsStatusRouteDeps): void {
  server.post(SMS_STATUS_PATH, async (req: Request, res: Response) => {
    const params = formParams(req.body);
    const signature = req.header('x-twilio-signature');
    const valid = verifyTwilioSignature({
      authToken: deps.twilioAuthToken,
      signature: signature === '' ? undefined : signature,
      publicBaseUrl: deps.publicBaseUrl,
      requestUrl: req.url ?? SMS_STATUS_PATH,
      params,
    });
    if (!valid) {
      deps.logger.warn({ route: 'sms-status' }, 'rejected status callback with a bad or missing signature');
      res.send(403, { error: 'invalid signature' });
      return;
    }
    const inReplyTo = new URL(req.url ?? '', 'http://status.invalid').searchParams.get('inReplyTo') ?? undefined;
    const parsed = statusCallbackSchema.safeParse({ ...params, inReplyTo });
    if (!parsed.success) {
      res.send(400, {
        error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
      return;
    }
    const callback = parsed.data;
    try {
      const now = deps.clock();
      await deps.store.transaction(null, async (uow) => {
        const conversationId = await uow.twilioMessages.conversationOf(callback.inReplyTo);
        const reply = { messageSid: callback.MessageSid, mediaSids: [] };
        if (conversationId) return uow.twilioMessages.record({ conversationId, ...reply, at: now });
        const dueAt = FINAL_STATUSES.has(callback.MessageStatus) ? now : new Date(now.getTime() + CONFIRMATION_WAIT_MS);
        await uow.twilioMessages.scheduleErasure({ ...reply, dueAt });
      });
      res.send(204);
    } catch (error) {
      deps.logger.error({ route: 'sms-status', err: errorSummary(error) }, 'status callback not stored; answering 503');
      res.send(503, { error: 'temporarily unavailable' });
    }
  });
}
