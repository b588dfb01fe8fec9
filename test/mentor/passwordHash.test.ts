import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from '../../src/mentor/passwordHash.js';
import { CHEAP_SCRYPT } from './mentorTestKit.js';

describe('password hashes', () => {
  it('writes a self-describing scrypt hash with the default cost', async () => {
    const hash = await hashPassword('et langt passord');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ logN: 15, blockSize: 8, parallelism: 3 });
    expect(await verifyPassword('et langt passord', hash)).toBe(true);
    expect(await verifyPassword('et langt Passord', hash)).toBe(false);
  });

  it('salts every hash, so one password gives different hashes', async () => {
    const first = await hashPassword('samme passord her', CHEAP_SCRYPT);
    const second = await hashPassword('samme passord her', CHEAP_SCRYPT);
    expect(first).not.toBe(second);
    expect(await verifyPassword('samme passord her', first)).toBe(true);
    expect(await verifyPassword('samme passord her', second)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const cheap = await hashPassword('gammelt passord', CHEAP_SCRYPT);
    expect(cheap.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('gammelt passord', cheap)).toBe(true);
  });

  it('treats the same letters typed composed or decomposed as one password', async () => {
    const hash = await hashPassword('blåbærsyltetøy', CHEAP_SCRYPT);
    expect(await verifyPassword('bla\u030abærsyltetøy', hash)).toBe(true);
  });

  it('refuses tampered, foreign and absurd hashes without throwing', async () => {
    const hash = await hashPassword('et langt passord', CHEAP_SCRYPT);
    const parts = hash.split('$');
    const key = parts[5] ?? '';
    const flipped = `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`;
    expect(await verifyPassword('et langt passord', [...parts.slice(0, 5), flipped].join('$'))).toBe(false);
    expect(await verifyPassword('et langt passord', hash.replace('ln=10', 'ln=11'))).toBe(false);
    expect(await verifyPassword('et langt passord', '')).toBe(false);
    expect(await verifyPassword('et langt passord', 'et langt passord')).toBe(false);
    expect(await verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
    expect(await verifyPassword('x', hash.replace('ln=10', 'ln=40'))).toBe(false);
  });
});
