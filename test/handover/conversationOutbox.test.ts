import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConversationOutbox } from '../../src/handover/conversationOutbox.js';

const silent = pino({ level: 'silent' });

describe('conversation outbox', () => {
  it('runs one conversation in order, others beside it, and goes on after a failure', async () => {
    const outbox = createConversationOutbox(silent);
    const done: string[] = [];
    // a1 finishes only once b1 has run: were conversations not beside each other, idle() would never resolve
    const b1Ran = { signal: () => {} };
    const afterB1 = new Promise<void>((resolve) => {
      b1Ran.signal = resolve;
    });
    outbox.enqueue('a', async () => {
      await afterB1;
      done.push('a1');
    });
    outbox.enqueue('a', async () => {
      throw new Error('twilio down');
    });
    outbox.enqueue('a', async () => {
      done.push('a3');
    });
    outbox.enqueue('b', async () => {
      done.push('b1');
      b1Ran.signal();
    });
    await outbox.idle();
    expect(done).toEqual(['b1', 'a1', 'a3']);
  });
});
