/**
 * Live events for mentor consoles, carried by the store's publish/subscribe (PostgreSQL NOTIFY between
 * instances, in-process with SQLite). Events are hints to fetch again, never data: they hold ids and
 * states, no message text, so nothing personal passes through the database's notification queue.
 */
import { z } from 'zod';
import type { Store } from '../storage/ports.js';

export const MENTOR_EVENTS_CHANNEL = 'mentor_events';

export const DELIVERY_STATUSES = ['sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const mentorEventSchema = z.discriminatedUnion('type', [
  /** the queue or one handover changed (created, taken, released, closed, crisis, back in the queue) */
  z.object({
    type: z.literal('handover.changed'),
    handoverId: z.string(),
    status: z.enum(['waiting', 'active', 'closed', 'callback']),
    crisis: z.boolean(),
  }),
  /** a conversation was moved to another mentor (by a coordinator, or a warm transfer) */
  z.object({
    type: z.literal('handover.transferred'),
    handoverId: z.string(),
    /** the username of the mentor who has it now */
    toMentor: z.string(),
  }),
  /** a new message in a handover's conversation */
  z.object({
    type: z.literal('handover.message'),
    handoverId: z.string(),
    direction: z.enum(['user', 'bot', 'mentor']),
  }),
  /** how a mentor's message is getting on its way to the person */
  z.object({
    type: z.literal('message.delivery'),
    handoverId: z.string(),
    messageId: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
  }),
  /** a mentor asked to talk a conversation through: the coordinators' list fetches again */
  z.object({ type: z.literal('support.requested') }),
]);

export type MentorEvent = z.infer<typeof mentorEventSchema>;

export interface MentorEventBus {
  publish(event: MentorEvent): Promise<void>;
  /** returns the unsubscribe */
  subscribe(listener: (event: MentorEvent) => void): Promise<() => Promise<void>>;
}

export function createMentorEventBus(store: Store): MentorEventBus {
  return {
    publish: (event) => store.publish(MENTOR_EVENTS_CHANNEL, JSON.stringify(event)),
    subscribe: (listener) =>
      store.subscribe(MENTOR_EVENTS_CHANNEL, (payload) => {
        const event = parseMentorEvent(payload);
        if (event) listener(event);
      }),
  };
}

/** undefined for anything that is not an event this module wrote (e.g. from a newer version) */
export function parseMentorEvent(payload: string): MentorEvent | undefined {
  try {
    const parsed = mentorEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
