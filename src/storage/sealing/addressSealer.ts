/**
 * Seals what identifies a person (phone numbers, web chat ids) before it is stored: AES-256-GCM, so a
 * copy of the database shows no number and a changed byte fails to open, and a keyed HMAC-SHA-256
 * hash of the same value, so the store can still look rows up by it (equality only). Both keys are
 * derived from the one DATA_ENCRYPTION_KEY with HKDF, so neither use weakens the other.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const DATA_ENCRYPTION_KEY_BYTES = 32;

/** the migration whose code step seals the rows stored in clear before it (both dialects) */
export const SEALING_MIGRATION_NAME = 'sealed_addresses';

/** the format of a sealed value: version, then base64url(iv | tag | ciphertext) */
const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class AddressSealer {
  private readonly sealKey: Buffer;
  private readonly lookupKey: Buffer;
  /** the last value hashed: a turn looks its address up two or three times (conversation, opt-out) */
  private lastLookup: { value: string; hash: string } | undefined;

  constructor(dataEncryptionKey: Buffer) {
    if (dataEncryptionKey.length !== DATA_ENCRYPTION_KEY_BYTES) {
      throw new Error(`the data encryption key must be ${DATA_ENCRYPTION_KEY_BYTES} bytes`);
    }
    this.sealKey = deriveKey(dataEncryptionKey, 'helpline address seal v1');
    this.lookupKey = deriveKey(dataEncryptionKey, 'helpline address lookup v1');
  }

  /** the same value always gives the same hash (under this key): what lookups compare */
  lookupHash(value: string): string {
    if (this.lastLookup?.value === value) return this.lastLookup.hash;
    const hash = createHmac('sha256', this.lookupKey).update(value, 'utf8').digest('base64url');
    this.lastLookup = { value, hash };
    return hash;
  }

  seal(value: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  /** throws when the value was not sealed with this key or was changed */
  open(sealed: string): string {
    if (!isSealed(sealed)) throw new Error('not a sealed value');
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** a JSON value (a Bot Framework conversation reference, which names the user) as one sealed string */
  sealJson(value: unknown): string | null {
    return value === null ? null : this.seal(JSON.stringify(value));
  }

  openJson(sealed: unknown): unknown {
    return typeof sealed === 'string' && isSealed(sealed) ? JSON.parse(this.open(sealed)) : null;
  }
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

function deriveKey(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}
