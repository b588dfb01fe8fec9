/**
 * Twilio's Voice webhooks for the helpline's phone number, signed like /api/sms (403, nothing stored):
 * - POST /api/voice: a call comes in. In opening hours with HELPLINE_FORWARD_NUMBER it rings the
 *   mentors; otherwise the greeting with "press 9 for English".
 * - POST /api/voice/dial-status: the <Dial> ended; nobody answered → the greeting and message.
 * - POST /api/voice/message: after the greeting (Digits=9 for English): when the mentors are back,
 *   113 and 116 123, and the follow-up SMS (src/channels/voice/callFollowUp.ts).
 * Each call is counted once by CallSid, with no number; repeated webhooks answer alike and send no
 * second SMS. A store failure answers 503.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { AppConfig } from '../../config.js';
import type { ChannelSender } from '../../domain/channelSender.js';
import type { Locale } from '../../domain/domain.js';
import { isOpen, type OpeningHours } from '../../handover/openingHours.js';
import type { Translations } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import type { Store, UnitOfWork } from '../../storage/ports.js';
import { formParams } from '../sms/smsRoutes.js';
import { verifyTwilioSignature } from '../sms/verifyTwilioSignature.js';
import { decideFollowUp } from './callFollowUp.js';
import { spokenNextOpening } from './spokenNextOpening.js';
import { ENGLISH_DIGIT, forwardTwiml, greetingTwiml, hangUpTwiml, messageTwiml } from './voiceTwiml.js';
import { type VoiceWebhook, voiceWebhookSchema } from './voiceWebhookSchema.js';

export interface VoiceRouteDeps {
  config: Pick<AppConfig, 'publicBaseUrl' | 'voice'> & { twilio: { authToken?: string } };
  store: Store;
  translations: Translations;
  /** the hours now: a coordinator may save new ones at any time */
  openingHours: () => OpeningHours;
  clock: () => Date;
  logger: Logger;
  smsSender?: ChannelSender;
}

const TWIML = 'text/xml; charset=utf-8';
/** Twilio's statuses for a <Dial> a person picked up */
const DIAL_ANSWERED = new Set(['completed', 'answered']);

export const VOICE_PATHS = {
  incoming: '/api/voice',
  dialStatus: '/api/voice/dial-status',
  message: '/api/voice/message',
} as const;

export function registerVoiceRoutes(server: Server, deps: VoiceRouteDeps): void {
  const { config, store, translations, logger } = deps;
  const t = translations.t;
  const settings = config.voice;
  const callLocale: Locale = settings.locale;
  const url = (path: string) => `${config.publicBaseUrl}${path}`;
  const greeting = () => greetingTwiml({ t, locale: callLocale, settings, action: url(VOICE_PATHS.message) });

  route(VOICE_PATHS.incoming, async (call) => {
    const now = deps.clock();
    const inHours = isOpen(deps.openingHours(), now);
    const forwardNumber = inHours ? settings.forwardNumber : undefined;
    await store.transaction(null, (uow) =>
      uow.voiceCalls.record({
        callSid: call.CallSid,
        startedAt: now,
        inHours,
        outcome: forwardNumber ? 'forwarded' : 'message',
      }),
    );
    logger.info({ route: 'voice', inHours, forwarded: Boolean(forwardNumber) }, 'call answered');
    if (!forwardNumber) return greeting();
    return forwardTwiml({ t, locale: callLocale, settings, forwardNumber, action: url(VOICE_PATHS.dialStatus) });
  });

  route(VOICE_PATHS.dialStatus, async (call) => {
    const answered = DIAL_ANSWERED.has(call.DialCallStatus ?? '');
    await store.transaction(null, async (uow) => {
      await ensureRecorded(uow, call.CallSid, true);
      await uow.voiceCalls.setOutcome(call.CallSid, answered ? 'answered' : 'unanswered');
    });
    logger.info({ route: 'voice', answered }, 'forwarded call ended');
    return answered ? hangUpTwiml() : greeting();
  });

  route(VOICE_PATHS.message, async (call, afterReply) => {
    const now = deps.clock();
    const locale: Locale = call.Digits === ENGLISH_DIGIT ? 'en' : callLocale;
    const recorded = await store.transaction(null, (uow) =>
      ensureRecorded(uow, call.CallSid, isOpen(deps.openingHours(), now)),
    );
    const followUp = await decideFollowUp(
      { store, t, logger, smsSender: deps.smsSender },
      { callSid: call.CallSid, from: call.From, locale, now },
    );
    afterReply(followUp.send);
    logger.info({ route: 'voice', locale, followUp: followUp.decision }, 'out-of-hours message played');
    const reason = recorded.inHours
      ? ({ kind: 'unanswered' } as const)
      : ({ kind: 'closed', backAt: spokenNextOpening(deps.openingHours(), now, locale, translations) } as const);
    return messageTwiml({ t, locale, settings, reason, followUp: followUp.decision });
  });

  /** a callback whose first webhook was lost (or a restart in between) is counted all the same */
  async function ensureRecorded(uow: UnitOfWork, callSid: string, inHours: boolean) {
    const found = await uow.voiceCalls.get(callSid);
    if (found) return found;
    const call = { callSid, startedAt: deps.clock(), inHours, outcome: 'message' as const };
    await uow.voiceCalls.record(call);
    return call;
  }

  function route(
    path: string,
    answer: (call: VoiceWebhook, afterReply: (work: () => Promise<void>) => void) => Promise<string>,
  ): void {
    server.post(path, async (req: Request, res: Response) => {
      const params = formParams(req.body);
      if (config.twilio.authToken) {
        const signature = req.header('x-twilio-signature');
        const valid = verifyTwilioSignature({
          authToken: config.twilio.authToken,
          signature: signature === '' ? undefined : signature,
          publicBaseUrl: config.publicBaseUrl,
          requestUrl: req.url ?? path,
          params,
        });
        if (!valid) {
          logger.warn({ route: 'voice' }, 'rejected webhook with a bad or missing signature');
          res.send(403, { error: 'invalid signature' });
          return;
        }
      }
      const parsed = voiceWebhookSchema.safeParse(params);
      if (!parsed.success) {
        res.send(400, {
          error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        });
        return;
      }
      const later: Array<() => Promise<void>> = [];
      try {
        const twiml = await answer(parsed.data, (work) => later.push(work));
        res.sendRaw(200, twiml, { 'content-type': TWIML });
      } catch (error) {
        logger.error({ route: 'voice', err: errorSummary(error) }, 'voice webhook failed; answering 503');
        res.send(503, { error: 'temporarily unavailable' });
        return;
      }
      // the caller hears the message while the SMS goes out
      for (const work of later) await work();
    });
  }
}
