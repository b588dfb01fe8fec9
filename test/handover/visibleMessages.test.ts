/**
 * Which transcript rows the mentor reads (visibleMessages): by id wherever the handover recorded the
 * boundary, so that a row written in the same millisecond as the take-over or the close falls on the
 * right side of it; by time only for a handover that closed before schema 017 recorded the id.
 */
import { describe, expect, test } from 'vitest';
import { visibleMessages } from '../../src/handover/handoverView.js';
import type { HandoverRecord, TranscriptMessage } from '../../src/storage/ports.js';
import { handoverRecord } from './support/handoverRecord.js';

const at = new Date('2026-03-02T10:00:00.000Z');
const later = new Date(at.getTime() + 1000);

const row = (id: number, text: string, when = at): TranscriptMessage => ({
  id,
  conversationId: 'c1',
  direction: 'bot',
  text,
  at: when,
  crisis: false,
});

const active = handoverRecord({
  id: 'h1',
  conversationId: 'c1',
  status: 'active',
  mentorId: 'm1',
  waitingSince: at,
  acceptedAt: at,
  takenOverFromMessageId: 8,
});

const ids = (handover: HandoverRecord, transcript: TranscriptMessage[]) =>
  visibleMessages(handover, transcript).map((message) => message.id);

describe('which rows a withdrawn consent leaves visible', () => {
  const withdrawn: HandoverRecord = { ...active, consent: false, consentWithdrawnAt: at };

  test('two rows in the same millisecond as the take-over: the one before it stays hidden, by id', () => {
    const transcript = [row(6, 'Ikke del samtalen'), row(7, 'Greit, vi deler ikke.'), row(8, 'Nå er en mentor her.')];
    expect(ids(withdrawn, transcript)).toEqual([8]);
  });

  test('with consent kept, the same rows are all there', () => {
    expect(ids(active, [row(7, 'Greit.'), row(8, 'Nå er en mentor her.')])).toEqual([7, 8]);
  });
});

describe('which rows a closed handover leaves visible', () => {
  const closed: HandoverRecord = { ...active, status: 'closed', closedAt: at, closedBeforeMessageId: 10 };

  test('a row written in the same millisecond as the close, after it, stays hidden, by id', () => {
    const transcript = [row(8, 'Takk for praten.'), row(9, 'Ha det bra.'), row(10, 'Hei! Hva lurer du på?')];
    expect(ids(closed, transcript)).toEqual([8, 9]);
  });

  test('by id even where the clock says otherwise: a row stamped after the close but written before it stays', () => {
    expect(ids(closed, [row(9, 'Ha det bra.', later), row(10, 'Hei igjen.', at)])).toEqual([9]);
  });

  test('closed before schema 017 recorded the id: by time, the same millisecond counting as before', () => {
    const old: HandoverRecord = { ...closed, closedBeforeMessageId: undefined };
    expect(ids(old, [row(9, 'Ha det bra.'), row(10, 'Hei igjen.', later)])).toEqual([9]);
  });
});
