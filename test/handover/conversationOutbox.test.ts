import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConversationOutbox } from '../../src/handover/conversationOutbox.js';

const silent = pino({ level: 'silent' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('conversation outbox', () => {
  it('runs one conversation in order, others beside it, and goes on after a failure', async () => {
    const outbox = createConversationOutbox(silent);
    const done: string[] = [];
    outbox.enqueue('a', async () => {
      await pause(30);
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
    });
    await outbox.idle();
    expect(done).toEqual(['b1', 'a1', 'a3']);
  });
});
