/**
 * Mentor password hashes: scrypt (node:crypto) in the PHC string format, so every hash carries its own
 * salt and cost parameters and old hashes keep verifying when the defaults are raised:
 * `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (base64 without padding).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N */
  logN: number;
  blockSize: number;
  parallelism: number;
}

/** OWASP's scrypt option "N=2^15, r=8, p=3": 32 MiB and about a quarter second per hash on one core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { logN: 15, blockSize: 8, parallelism: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, params);
  return `$scrypt$ln=${params.logN},r=${params.blockSize},p=${params.parallelism}$${encode(salt)}$${encode(key)}`;
}

/** false for a wrong password and for anything that is not a hash this module wrote */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parsed = parseHash(storedHash);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

function parseHash(storedHash: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = PHC.exec(storedHash);
  if (!match) return undefined;
  const [, logN, blockSize, parallelism, salt = '', key = ''] = match;
  const params = { logN: Number(logN), blockSize: Number(blockSize), parallelism: Number(parallelism) };
  // bounds keep a damaged row from asking for gigabytes of memory
  if (params.logN < 10 || params.logN > 20 || params.blockSize < 1 || params.parallelism < 1) return undefined;
  const keyBytes = Buffer.from(key, 'base64');
  if (keyBytes.length < 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: keyBytes };
}

function deriveKey(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options = { N, r: params.blockSize, p: params.parallelism, maxmem: 256 * N * params.blockSize };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function encode(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
