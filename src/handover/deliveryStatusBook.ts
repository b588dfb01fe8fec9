/**
 * Where each mentor message is on its way to the person (sending, sent, failed), as the console shows
 * it. Every instance keeps the statuses it hears on the event bus, so a console connected anywhere sees
 * them. In memory and bounded: after a restart older messages simply show no status.
 */
import type { DeliveryStatus, MentorEventBus } from './mentorEvents.js';

export interface DeliveryStatusBook {
  get(messageId: number): DeliveryStatus | undefined;
  record(messageId: number, status: DeliveryStatus): void;
  /** stops listening to the bus */
  close(): Promise<void>;
}

const MAX_REMEMBERED = 5000;

export async function createDeliveryStatusBook(events: MentorEventBus): Promise<DeliveryStatusBook> {
  const statuses = new Map<number, DeliveryStatus>();

  function record(messageId: number, status: DeliveryStatus): void {
    // a late "sending" from the bus must not hide the outcome already known
    if (status === 'sending' && statuses.has(messageId)) return;
    statuses.delete(messageId);
    statuses.set(messageId, status);
    if (statuses.size > MAX_REMEMBERED) {
      const oldest = statuses.keys().next();
      if (!oldest.done) statuses.delete(oldest.value);
    }
  }

  const unsubscribe = await events.subscribe((event) => {
    if (event.type === 'message.delivery') record(event.messageId, event.status);
  });

  return { get: (messageId) => statuses.get(messageId), record, close: unsubscribe };
}
