import { describe, expect, it } from 'vitest';
import { createDeliveryStatusBook } from '../../src/handover/deliveryStatusBook.js';
import { type MentorEvent, type MentorEventBus, parseMentorEvent } from '../../src/handover/mentorEvents.js';

describe('mentor events', () => {
  it('round-trips through JSON and refuses anything else', () => {
    const event: MentorEvent = { type: 'handover.changed', handoverId: 'h1', status: 'waiting', crisis: true };
    expect(parseMentorEvent(JSON.stringify(event))).toEqual(event);
    expect(parseMentorEvent('{"type":"handover.changed"}')).toBeUndefined();
    expect(parseMentorEvent('not json')).toBeUndefined();
  });

  it('keeps the delivery outcome when a late "sending" arrives from the bus', async () => {
    let listener: ((event: MentorEvent) => void) | undefined;
    const bus: MentorEventBus = {
      publish: async (event) => listener?.(event),
      subscribe: async (next) => {
        listener = next;
        return async () => {
          listener = undefined;
        };
      },
    };
    const book = await createDeliveryStatusBook(bus);
    book.record(7, 'sending');
    book.record(7, 'sent');
    await bus.publish({ type: 'message.delivery', handoverId: 'h', messageId: 7, status: 'sending' });
    expect(book.get(7)).toBe('sent');
    await bus.publish({ type: 'message.delivery', handoverId: 'h', messageId: 8, status: 'failed' });
    expect(book.get(8)).toBe('failed');
    await book.close();
    expect(listener).toBeUndefined();
  });
});
