/** A handover record as the store gives it, for the tests of pure functions: waiting, with consent, unless told. */
import type { HandoverRecord } from '../../../src/storage/ports.js';

export function handoverRecord(
  changes: Partial<HandoverRecord> & Pick<HandoverRecord, 'id' | 'waitingSince'>,
): HandoverRecord {
  return {
    conversationId: `c-${changes.id}`,
    channel: 'sms',
    status: 'waiting',
    priority: 0,
    crisis: false,
    consent: true,
    topic: null,
    summary: '',
    mentorId: null,
    acceptedAt: null,
    closedAt: null,
    outcome: null,
    visibleFromMessageId: 0,
    handledAt: null,
    contactPhone: null,
    consentWithdrawnAt: null,
    ...changes,
  };
}
