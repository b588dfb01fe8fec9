import { describe, expect, it } from 'vitest';
import { CRISIS_PRIORITY, compareQueueOrder, NORMAL_PRIORITY, priorityFor } from '../../src/handover/handoverQueue.js';
import { buildHandoverSummary } from '../../src/handover/handoverSummary.js';
import { estimateWaitMinutes, MIN_MEASURED_WAITS, roundWaitMinutes } from '../../src/handover/waitEstimate.js';
import type { HandoverRecord } from '../../src/storage/ports.js';
import { handoverRecord } from './support/handoverRecord.js';

const handover = (id: string, crisis: boolean, waitingSince: string): HandoverRecord =>
  handoverRecord({ id, crisis, priority: priorityFor(crisis), waitingSince: new Date(waitingSince) });

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

const minutes = (...values: number[]) => values.map((value) => value * 60_000);

describe('wait estimate: only from what the queue has measured', () => {
  it('gives no minutes without measured waits, even with an idle mentor on duty', () => {
    expect(estimateWaitMinutes({ position: 1, crisis: false, freeMentors: 1, recentWaitsMs: [] })).toBeNull();
    expect(
      estimateWaitMinutes({ position: 1, crisis: false, freeMentors: 1, recentWaitsMs: minutes(3, 4) }),
    ).toBeNull();
    expect(MIN_MEASURED_WAITS).toBe(3);
  });

  it('gives no minutes when no mentor is free, or fewer are free than are in line up to this person', () => {
    const measured = minutes(4, 7, 12);
    expect(estimateWaitMinutes({ position: 1, crisis: false, freeMentors: 0, recentWaitsMs: measured })).toBeNull();
    expect(estimateWaitMinutes({ position: 3, crisis: false, freeMentors: 2, recentWaitsMs: measured })).toBeNull();
    expect(estimateWaitMinutes({ position: 2, crisis: false, freeMentors: 2, recentWaitsMs: measured })).toBe(15);
  });

  it('never gives a person in crisis a number', () => {
    expect(
      estimateWaitMinutes({ position: 1, crisis: true, freeMentors: 5, recentWaitsMs: minutes(1, 2, 3, 4) }),
    ).toBeNull();
  });

  it('with measured waits and a free mentor: the 75th percentile, rounded up', () => {
    // nearest rank: the 3rd of 3, the 6th of 8
    expect(estimateWaitMinutes({ position: 1, crisis: false, freeMentors: 1, recentWaitsMs: minutes(4, 12, 7) })).toBe(
      15,
    );
    expect(
      estimateWaitMinutes({
        position: 1,
        crisis: false,
        freeMentors: 1,
        recentWaitsMs: minutes(1, 1, 2, 2, 3, 8, 30, 40),
      }),
    ).toBe(10);
    expect(estimateWaitMinutes({ position: 1, crisis: false, freeMentors: 1, recentWaitsMs: minutes(0.5, 1, 2) })).toBe(
      5,
    );
  });
});

describe('honest rounding', () => {
  it('rounds up to 5 minutes to an hour, to 15 after, never to zero, and gives up beyond two hours', () => {
    expect(roundWaitMinutes(0)).toBe(5);
    expect(roundWaitMinutes(0.2)).toBe(5);
    expect(roundWaitMinutes(5)).toBe(5);
    expect(roundWaitMinutes(5.1)).toBe(10);
    expect(roundWaitMinutes(41)).toBe(45);
    expect(roundWaitMinutes(60)).toBe(60);
    expect(roundWaitMinutes(61)).toBe(75);
    expect(roundWaitMinutes(120)).toBe(120);
    expect(roundWaitMinutes(121)).toBeNull();
    expect(roundWaitMinutes(Number.NaN)).toBeNull();
    for (let value = 0; value < 120; value += 0.7) {
      const rounded = roundWaitMinutes(value);
      expect(rounded).not.toBeNull();
      expect(rounded ?? 0).toBeGreaterThanOrEqual(value);
      expect((rounded ?? 0) % 5).toBe(0);
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
