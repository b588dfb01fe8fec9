/** What the mentor API answers (CONTRACT.md, Mentor API): records turned into JSON shapes. */
import type { Channel, TopicIntent } from '../domain/domain.js';
import type {
  ConversationRecord,
  HandoverNote,
  HandoverOutcome,
  HandoverRecord,
  HandoverStatus,
  MessageDirection,
  TranscriptMessage,
} from '../storage/ports.js';
import type { DeliveryStatus } from './mentorEvents.js';

export interface MentorRef {
  id: string;
  username: string;
}

export interface HandoverView {
  id: string;
  channel: Channel;
  status: HandoverStatus;
  priority: number;
  crisis: boolean;
  /** ISO 8601 */
  waitingSince: string;
  topic: TopicIntent | null;
  summary: string;
  /** the username of the mentor who has it (or handled the callback); null while waiting */
  mentor: string | null;
}

export interface MessageView {
  id: number;
  direction: MessageDirection;
  text: string;
  /** ISO 8601 */
  at: string;
  /** mentor messages only: where the message is on its way to the person, when this server knows */
  delivery?: DeliveryStatus;
  /** present (true) on the person's message that set off the crisis answer */
  crisis?: true;
  /** present (true) on a worrying message (a warning sign, no clear crisis) written while a handover was open */
  concern?: true;
}

export interface HandoverDetailView extends HandoverView {
  consent: boolean;
  /** ISO 8601: when the person took their consent back; `messages` then start when the mentor took over */
  consentWithdrawnAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  outcome: HandoverOutcome | null;
  /** the transcript the person agreed to share, and everything since they asked for a mentor */
  messages: MessageView[];
  /** open callbacks on SMS: the number to call or text back */
  phone?: string;
  /** warm transfers' notes, mentor to mentor; never shown to the person */
  notes: NoteView[];
}

export interface NoteView {
  from: string;
  to: string;
  text: string;
  /** ISO 8601 */
  at: string;
}

export function toNoteView(note: HandoverNote): NoteView {
  return { from: note.fromMentor, to: note.toMentor, text: note.text, at: note.at.toISOString() };
}

export interface CallbackView extends HandoverView {
  /** the number to text back: the SMS sender's, or the one a web chat visitor left; null when none was left */
  phone: string | null;
  handledAt: string | null;
}

export function toHandoverView(handover: HandoverRecord, mentors: ReadonlyMap<string, MentorRef>): HandoverView {
  return {
    id: handover.id,
    channel: handover.channel,
    status: handover.status,
    priority: handover.priority,
    crisis: handover.crisis,
    waitingSince: handover.waitingSince.toISOString(),
    topic: handover.topic,
    summary: handover.summary,
    mentor: handover.mentorId === null ? null : (mentors.get(handover.mentorId)?.username ?? null),
  };
}

export function toCallbackView(
  handover: HandoverRecord,
  conversation: ConversationRecord | undefined,
  mentors: ReadonlyMap<string, MentorRef>,
): CallbackView {
  return {
    ...toHandoverView(handover, mentors),
    phone: callbackPhone(handover, conversation) ?? null,
    handledAt: handover.handledAt?.toISOString() ?? null,
  };
}

export function toMessageView(message: TranscriptMessage, delivery: DeliveryStatus | undefined): MessageView {
  return {
    id: message.id,
    direction: message.direction,
    text: message.text,
    at: message.at.toISOString(),
    ...(message.direction === 'mentor' && delivery ? { delivery } : {}),
    ...(message.crisis ? { crisis: true as const } : {}),
    // a crisis mark says more: never both
    ...(message.concern && !message.crisis ? { concern: true as const } : {}),
  };
}

/**
 * Messages from `visibleFromMessageId` on, and none written after the handover was closed: below
 * `closedBeforeMessageId`. Once the person took their consent back, only what was written from the
 * moment a mentor took over (nothing while it still waits): from `takenOverFromMessageId` on. Both
 * by id, since a row written in the same millisecond as the take-over or the close may stand on
 * either side of it.
 */
export function visibleMessages(handover: HandoverRecord, transcript: TranscriptMessage[]): TranscriptMessage[] {
  const closedAt = handover.closedAt?.getTime();
  const beforeClose = (message: TranscriptMessage) =>
    handover.closedBeforeMessageId !== undefined
      ? message.id < handover.closedBeforeMessageId
      : // open, or closed before schema 017 recorded the id: the time is all there is
        closedAt === undefined || message.at.getTime() <= closedAt;
  const withdrawn = handover.consentWithdrawnAt !== null;
  if (withdrawn && handover.acceptedAt === null) return [];
  const takenOver = (message: TranscriptMessage) =>
    handover.takenOverFromMessageId !== undefined
      ? message.id >= handover.takenOverFromMessageId
      : // accepted before schema 015 recorded the id: the time is all there is
        message.at.getTime() >= (handover.acceptedAt?.getTime() ?? 0);
  return transcript.filter(
    (message) =>
      message.id >= handover.visibleFromMessageId && beforeClose(message) && (!withdrawn || takenOver(message)),
  );
}

/**
 * Only while a callback is open: the SMS sender's number, or the mobile number a web chat visitor
 * left. The one place the console shows a number.
 */
export function callbackPhone(
  handover: HandoverRecord,
  conversation: ConversationRecord | undefined,
): string | undefined {
  if (handover.status !== 'callback') return undefined;
  if (conversation?.channel === 'sms') return conversation.address;
  return handover.contactPhone ?? undefined;
}
