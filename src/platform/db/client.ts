import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { schema } from './schema.ts';

// bigint (int8) comes back as string by default; our int8 columns are money in minor units and counts, all far below
// 2^53, so numbers are safe and far more convenient.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'freehold' });
  // An idle client losing its connection (server restart, shutdown) must not crash the process; the pool replaces it.
  pool.on('error', (err) => {
    // 57P01: the server is shutting down (the embedded cluster stops with the process) — expected, not news.
    if ((err as { code?: string }).code !== '57P01') process.emitWarning(`PostgreSQL pool: ${err.message}`);
  });
  return drizzle(pool, { schema }) as Db;
}
