/**
 * Ids that sort by when they were made: UUID version 7 (RFC 9562), 48 bits of Unix time in
 * milliseconds, then 74 random bits. The turn's tables are indexed by conversation id (transcript,
 * processed messages); with random ids every turn writes its own index page somewhere in the file,
 * with these the conversations going on now share the last few pages, so a commit writes fewer.
 * The time in an id says no more than the row's created_at does.
 */
import { randomBytes } from 'node:crypto';

export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
