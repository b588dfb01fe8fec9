/**
 * The TwiML reply is written directly (src/channels/sms/twiml.ts); it must be exactly what twilio's
 * own MessagingResponse writes for the same messages, for any text, and refuse what it refuses.
 */
import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twimlReply } from '../../../src/channels/sms/twiml.js';

function messagingResponse(messages: string[], statusCallback?: string): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message(statusCallback ? { statusCallback } : {}, message);
  return response.toString();
}

/** text with the characters escaping is about, among ordinary and astral ones */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '&',
      '<',
      '>',
      '"',
      "'",
      '\r',
      '\n',
      '\t',
      ']]>',
      '&amp;',
      'æ',
      'ø',
      'å',
      '€',
      '😀',
      ' ',
      '\u0001',
      '\uD800',
    ),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 40,
});
const statusCallback = fc.option(
  fc.tuple(trickyText).map(([tail]) => `https://helpline.example/api/sms/status?inReplyTo=${tail}`),
  { nil: undefined },
);

describe('twimlReply', () => {
  it('is byte-identical to MessagingResponse for any messages and status callback, and throws when it throws', () => {
    const outcome = (build: () => string) => {
      try {
        return build();
      } catch {
        return 'threw';
      }
    };
    fc.assert(
      fc.property(fc.array(trickyText, { maxLength: 4 }), statusCallback, (messages, callback) => {
        expect(outcome(() => twimlReply(messages, callback))).toBe(
          outcome(() => messagingResponse(messages, callback)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the common reply as Twilio expects, the status callback on each message', () => {
    expect(twimlReply(['Hei & hå <3', ''], 'https://h.test/api/sms/status?inReplyTo=SM1&x="y"')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Message statusCallback="https://h.test/api/sms/status?inReplyTo=SM1&amp;x=&quot;y&quot;">Hei &amp; hå &lt;3</Message>' +
        '<Message statusCallback="https://h.test/api/sms/status?inReplyTo=SM1&amp;x=&quot;y&quot;"/></Response>',
    );
    expect(twimlReply([])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('refuses a character XML cannot hold, as MessagingResponse does, without the text in the error', () => {
    for (const text of ['a\u0001b', 'lone \uD800 surrogate', 'x\uFFFEy', '\uDC00']) {
      expect(() => messagingResponse([text])).toThrow();
      expect(() => twimlReply([text])).toThrow(/^TwiML: a character XML cannot hold, at index \d+$/);
    }
  });
});
