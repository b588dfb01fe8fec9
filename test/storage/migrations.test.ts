import { expect, test } from 'vitest';
import { loadMigrations } from '../../src/storage/migrations/loadMigrations.js';

const createdTables = (sql: string) => [...sql.matchAll(/CREATE TABLE (\w+)/gi)].map((match) => match[1]).sort();

test('both dialects have the same numbered migrations, creating the same tables', async () => {
  const [sqlite, postgres] = await Promise.all([loadMigrations('sqlite'), loadMigrations('postgres')]);
  expect(sqlite.length).toBeGreaterThan(0);
  expect(sqlite.map(({ version, name }) => ({ version, name }))).toEqual(
    postgres.map(({ version, name }) => ({ version, name })),
  );
  sqlite.forEach((migration, index) => {
    expect(migration.version).toBe(index + 1);
    expect(createdTables(migration.sql)).toEqual(createdTables(postgres[index]?.sql ?? ''));
  });
});
