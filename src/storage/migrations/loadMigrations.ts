/** Reads the numbered plain-SQL migrations of one dialect (`NNN_name.sql`), in order. */
import { readdir, readFile } from 'node:fs/promises';

export type SqlDialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export async function loadMigrations(dialect: SqlDialect): Promise<Migration[]> {
  const directory = new URL(`./${dialect}/`, import.meta.url);
  const files = (await readdir(directory)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match?.[1] || !match[2])
      throw new Error(`migration file name must look like 001_name.sql: ${dialect}/${file}`);
    const version = Number(match[1]);
    // a gap or a duplicate means two branches numbered a migration the same way
    if (version !== migrations.length + 1)
      throw new Error(`migration ${dialect}/${file} should be number ${migrations.length + 1}`);
    migrations.push({ version, name: match[2], sql: await readFile(new URL(file, directory), 'utf8') });
  }
  return migrations;
}
