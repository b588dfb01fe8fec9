import { describe, expect, it } from 'vitest';
import {
  CRISIS_PRIORITY,
  compareQueueOrder,
  NORMAL_PRIORITY,
  priorityFor,
  roughWaitMinutes,
} from '../../src/handover/handoverQueue.js';
import { buildHandoverSummary } from '../../src/handover/handoverSummary.js';
import type { HandoverRecord } from '../../src/storage/ports.js';

function handover(id: string, crisis: boolean, waitingSince: string): HandoverRecord {
  return {
    id,
    conversationId: `c-${id}`,
    channel: 'sms',
    status: 'waiting',
    priority: priorityFor(crisis),
    crisis,
    consent: true,
    topic: null,
    summary: '',
    mentorId: null,
    waitingSince: new Date(waitingSince),
    acceptedAt: null,
    closedAt: null,
    outcome: null,
    visibleFromMessageId: 0,
    handledAt: null,
    contactPhone: null,
  };
}

describe('queue order', () => {
  it('puts crisis first, then whoever has waited longest', () => {
    const queue = [
      handover('late', false, '2026-11-24T10:05:00Z'),
      handover('crisis-late', true, '2026-11-24T10:10:00Z'),
      handover('early', false, '2026-11-24T10:00:00Z'),
      handover('crisis-early', true, '2026-11-24T10:08:00Z'),
    ];
    expect(queue.sort(compareQueueOrder).map((entry) => entry.id)).toEqual([
      'crisis-early',
      'crisis-late',
      'early',
      'late',
    ]);
    expect(CRISIS_PRIORITY).toBeGreaterThan(NORMAL_PRIORITY);
  });
});

describe('rough wait', () => {
  it('grows with the place in the queue and is a round number of minutes', () => {
    expect(roughWaitMinutes(1, 10)).toBe(10);
    expect(roughWaitMinutes(3, 10)).toBe(30);
    expect(roughWaitMinutes(1, 7)).toBe(10);
    expect(roughWaitMinutes(1, 1)).toBe(5);
    for (let position = 1; position < 20; position += 1) {
      expect(roughWaitMinutes(position, 7) % 5).toBe(0);
      expect(roughWaitMinutes(position + 1, 7)).toBeGreaterThanOrEqual(roughWaitMinutes(position, 7));
    }
  });
});

describe('handover summary', () => {
  it('is made of keys and counts only', () => {
    expect(buildHandoverSummary({ topic: 'measures.ips', consent: false, userMessages: 4 })).toBe(
      'topic=measures.ips; consent=no; userMessages=4',
    );
    expect(buildHandoverSummary({ topic: null, consent: true, userMessages: 0 })).toBe(
      'topic=none; consent=yes; userMessages=0',
    );
  });
});
