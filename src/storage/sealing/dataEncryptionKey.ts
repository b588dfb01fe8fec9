/**
 * Where the key that seals numbers at rest comes from: DATA_ENCRYPTION_KEY, or, for the embedded
 * default, a key file made in DATA_DIR at first start (readable by this user only). A generated key
 * lies next to the data it protects, so it guards a copied database file, not a copied DATA_DIR:
 * production sets its own key, kept elsewhere (README, privacy).
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_ENCRYPTION_KEY_BYTES } from './addressSealer.js';

export const KEY_FILE_NAME = 'data-encryption.key';

/** the key from its base64 text; undefined when it is not base64 of exactly 32 bytes */
export function parseDataEncryptionKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === DATA_ENCRYPTION_KEY_BYTES && key.toString('base64') === trimmed ? key : undefined;
}

/** the key file in `dataDir`, made (mode 0600) when there is none; several processes agree on one */
export async function loadOrCreateKeyFile(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, KEY_FILE_NAME);
  await mkdir(dataDir, { recursive: true });
  // written whole under a private name, then linked into place: link fails when the file exists, so
  // processes starting at once agree on the first one's key and never read a half-written file
  const candidate = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(candidate, `${randomBytes(DATA_ENCRYPTION_KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  try {
    await link(candidate, file);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  } finally {
    await unlink(candidate);
  }
  const key = parseDataEncryptionKey(await readFile(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a base64 key of ${DATA_ENCRYPTION_KEY_BYTES} bytes`);
  return key;
}
