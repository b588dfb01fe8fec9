/**
 * The SMS after the spoken message: decided once per call, at most once per number per Oslo day,
 * never to a hidden, foreign or landline number, never to a number that sent STOPP.
 *
 * It goes into the number's ordinary SMS conversation (created when there is none) and into its
 * transcript, so a reply is an ordinary /api/sms turn, a mentor who is let read the conversation sees
 * why it began, and SLETT and retention erase the SMS, the "sent today" mark and the number together.
 * The number is kept nowhere else.
 */
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { lockKeyOf } from '../../conversation/conversationEngine.js';
import { renderPlainText } from '../../conversation/renderPlainText.js';
import type { ChannelSender } from '../../domain/channelSender.js';
import type { OutboundMessage } from '../../domain/dialogProtocol.js';
import type { Locale } from '../../domain/domain.js';
import { OPENING_HOURS_ZONE } from '../../handover/openingHours.js';
import type { Translate } from '../../i18n/i18n.js';
import { errorSummary } from '../../logging/errorSummary.js';
import type { ConversationRecord, FollowUpDecision, Store } from '../../storage/ports.js';
import { classifyCaller } from './callerNumber.js';

export const FOLLOW_UP_SMS: OutboundMessage = { key: 'voice.followUpSms' };

export interface CallFollowUpDeps {
  store: Store;
  t: Translate;
  logger: Logger;
  /** unset when no Twilio REST credentials are configured */
  smsSender?: ChannelSender;
}

export interface FollowUp {
  decision: FollowUpDecision;
  /** sends the SMS when it was decided to; call it after answering Twilio */
  send(): Promise<void>;
}

const NOTHING_TO_SEND = async () => {};

export async function decideFollowUp(
  deps: CallFollowUpDeps,
  input: { callSid: string; from: string; locale: Locale; now: Date },
): Promise<FollowUp> {
  const caller = classifyCaller(input.from);
  // the number's conversation lock: a repeated webhook of the call (on any instance) waits for this
  // one and then finds the decision made; SMS turns of the number wait too
  const lockKey = caller.kind === 'mobile' ? lockKeyOf('sms', caller.number) : null;
  const decided = await deps.store.transaction(lockKey, async (uow) => {
    const call = await uow.voiceCalls.get(input.callSid);
    // a repeated webhook says what was said before and sends nothing again
    if (call?.followUp) return { decision: call.followUp, conversation: undefined };
    let decision: FollowUpDecision;
    let conversation: ConversationRecord | undefined;
    if (caller.kind !== 'mobile') decision = caller.kind;
    else if (!deps.smsSender) decision = 'noSender';
    else if (await uow.optOuts.isOptedOut('sms', caller.number)) decision = 'optedOut';
    else {
      const osloDay = DateTime.fromJSDate(input.now, { zone: OPENING_HOURS_ZONE }).toISODate() ?? '';
      conversation = await uow.conversations.findByAddress('sms', caller.number);
      if (conversation && (await uow.voiceCalls.hasFollowUpOn(conversation.id, osloDay))) {
        decision = 'alreadyToday';
        conversation = undefined;
      } else {
        decision = 'sent';
        conversation ??= await uow.conversations.create({
          channel: 'sms',
          address: caller.number,
          locale: input.locale,
          now: input.now,
        });
        // the language of the call is the language of the SMS and of the bot's answers
        conversation = { ...conversation, locale: input.locale };
        await uow.conversations.update(conversation.id, { locale: input.locale, status: 'open', updatedAt: input.now });
        await uow.transcript.append({
          conversationId: conversation.id,
          direction: 'bot',
          text: renderPlainText(deps.t, input.locale, FOLLOW_UP_SMS),
          at: input.now,
        });
        await uow.voiceCalls.recordFollowUp({ conversationId: conversation.id, osloDay, at: input.now });
      }
    }
    // the route records the call before the message, so the row is there to hold the decision
    await uow.voiceCalls.decideFollowUp(input.callSid, decision);
    return { decision, conversation };
  });
  const { conversation } = decided;
  const sender = deps.smsSender;
  if (!conversation || !sender) return { decision: decided.decision, send: NOTHING_TO_SEND };
  return {
    decision: decided.decision,
    async send() {
      try {
        await sender.send(conversation, conversation.locale, [{ kind: 'bot', message: FOLLOW_UP_SMS }]);
      } catch (error) {
        deps.logger.error({ route: 'voice', err: errorSummary(error) }, 'follow-up sms could not be sent');
      }
    },
  };
}
