/** The handover fields `HandoverRepo.update` may change, and their column in both dialects. */
import type { HandoverRepo } from './ports.js';
import type { AddressSealer } from './sealing/addressSealer.js';

export type HandoverChanges = Parameters<HandoverRepo['update']>[1];

export const HANDOVER_COLUMNS: { readonly [Field in keyof Required<HandoverChanges>]: string } = {
  status: 'status',
  priority: 'priority',
  crisis: 'crisis',
  consent: 'consent',
  topic: 'topic',
  summary: 'summary',
  mentorId: 'mentor_id',
  waitingSince: 'waiting_since',
  acceptedAt: 'accepted_at',
  closedAt: 'closed_at',
  outcome: 'outcome',
  visibleFromMessageId: 'visible_from_message_id',
  handledAt: 'handled_at',
  contactPhone: 'contact_phone',
  consentWithdrawnAt: 'consent_withdrawn_at',
};

export const HANDOVER_FIELDS = Object.keys(HANDOVER_COLUMNS) as (keyof HandoverChanges)[];

/** a closed handover keeps no way to reach the person: closing erases the callback number */
export function withClosingErasure(changes: HandoverChanges): HandoverChanges {
  return changes.status === 'closed' ? { ...changes, contactPhone: null } : changes;
}

/** the callback number is stored sealed, like every number */
export function sealContactPhone(changes: HandoverChanges, sealer: AddressSealer): HandoverChanges {
  return typeof changes.contactPhone === 'string'
    ? { ...changes, contactPhone: sealer.seal(changes.contactPhone) }
    : changes;
}
