import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations as workerMigrations } from 'graphile-worker';
import type { Db } from './client.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR = path.resolve(here, '../../../drizzle');

/** Brings a database to the current schema: extensions, Drizzle migrations, the job queue's own schema. */
export async function migrate(db: Db, databaseUrl: string): Promise<void> {
  const bootstrap = fs.readFileSync(path.join(here, 'bootstrap.sql'), 'utf8');
  // Two processes starting at once (server + CLI) must not race on CREATE EXTENSION: one advisory lock serialises them.
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock(727274)');
    await client.query(bootstrap);
    await drizzleMigrate(db, { migrationsFolder: MIGRATIONS_DIR });
    await workerMigrations({ connectionString: databaseUrl });
  } finally {
    await client.query('select pg_advisory_unlock(727274)').catch(() => undefined);
    client.release();
  }
}
