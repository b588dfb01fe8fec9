-- Phone numbers and web chat ids are kept sealed (AES-256-GCM) and found by a keyed hash
-- (HMAC-SHA-256), never in clear. SQL cannot encrypt: this migration renames and adds the columns,
-- and its code step (src/storage/sqlite/sealSqliteAddresses.ts) seals the rows already there, in the
-- same transaction. handovers.contact_phone and conversations.reference keep their names and hold
-- sealed text from now on.
ALTER TABLE conversations RENAME COLUMN address TO address_hash;
ALTER TABLE conversations ADD COLUMN address_sealed TEXT;
ALTER TABLE opt_outs RENAME COLUMN address TO address_hash;
