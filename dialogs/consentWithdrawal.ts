/**
 * Taking consent back ("ikke del samtalen", or the chat page's button, which sends the same words):
 * while waiting for or talking with a mentor, the mentor from then on reads only what was written
 * after they took over, and is told so; the person hears that it is done. With no mentor in the
 * picture the person hears that nothing is shared. A crisis still wins: the machine's root checks
 * crisis before this.
 */
import type { DialogEmitted, OutboundMessage } from '../src/domain/dialogProtocol.js';
import type { HandoverStage } from './helplineMachine.js';
import type { UserMessage } from './understanding.js';

export function withdrawsConsent(message: UserMessage): boolean {
  return message.withdrawConsent === true;
}

export const consentWithdrawalMessages = {
  /** with a mentor, or in the queue: done, and what the mentor still sees */
  withdrawn: (stage: HandoverStage): OutboundMessage => ({
    key: stage === 'active' ? 'handover.consent.withdrawnActive' : 'handover.consent.withdrawnWaiting',
  }),
  /** no handover: nothing was shared, and a mentor reads only with a yes */
  nothingShared: (): OutboundMessage => ({ key: 'handover.consent.nothingShared' }),
} as const;

/** what the machine emits when consent is taken back during a handover */
export function withdrawConsentEmits(stage: HandoverStage): DialogEmitted[] {
  return [
    { type: 'effect', effect: { kind: 'withdrawConsent' } },
    { type: 'say', message: consentWithdrawalMessages.withdrawn(stage) },
  ];
}
