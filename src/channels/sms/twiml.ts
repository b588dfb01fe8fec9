/**
 * TwiML replies, written directly as the text twilio's MessagingResponse (xmlbuilder) writes for the
 * same messages: the same declaration, escaping (text: & < > CR; the status callback attribute:
 * & < " TAB LF CR) and refusal of characters XML 1.0 cannot hold. A test checks the two are
 * byte-identical for any text. Building the reply this way costs a few string replacements instead
 * of an xmlbuilder document per turn.
 */

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** the characters XML 1.0 cannot hold (xmlbuilder's assertLegalChar): controls, lone surrogates, FFFE/FFFF */
const ILLEGAL_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML 1.0 forbids are what it finds
  /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

function escapeText(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
  const illegal = ILLEGAL_XML_CHAR.exec(escaped);
  // as MessagingResponse does, but without the message text in the error (it would reach the logs)
  if (illegal) throw new Error(`TwiML: a character XML cannot hold, at index ${illegal.index}`);
  return escaped;
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** `statusCallback`: where Twilio reports each reply's sid and delivery (so erasure can reach it) */
export function twimlReply(messages: string[], statusCallback?: string): string {
  if (messages.length === 0) return `${DECLARATION}<Response/>`;
  const open =
    statusCallback === undefined ? '<Message' : `<Message statusCallback="${escapeAttribute(statusCallback)}"`;
  let xml = `${DECLARATION}<Response>`;
  for (const message of messages) xml += message === '' ? `${open}/>` : `${open}>${escapeText(message)}</Message>`;
  return `${xml}</Response>`;
}
