/** One fixed data encryption key for tests that open a PostgreSQL store and a server on it. */
import { AddressSealer } from '../../src/storage/sealing/addressSealer.js';

export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export function testDataEncryptionKey(): Buffer {
  return Buffer.from(TEST_DATA_ENCRYPTION_KEY, 'base64');
}

export function testSealer(): AddressSealer {
  return new AddressSealer(testDataEncryptionKey());
}
