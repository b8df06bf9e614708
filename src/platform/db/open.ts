import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { loadSecretKey } from '../secret-key.ts';
import { sealStoredSecrets, setSecretKey } from '../secrets.ts';
import { createDb, type Db } from './client.ts';
import { ensureEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';

export type Database = { db: Db; url: string; close: () => Promise<void> };

/** Connects to DATABASE_URL, or starts/reuses the embedded cluster; applies migrations unless told not to. */
export async function openDatabase(
  config: Config,
  logger: Logger,
  opts: { migrate?: boolean; poolSize?: number } = {},
): Promise<Database> {
  let url = config.databaseUrl;
  let stopEmbedded: () => Promise<void> = async () => undefined;
  if (!url) {
    const handle = await ensureEmbeddedPostgres(config.dataDir, logger);
    url = handle.url;
    stopEmbedded = handle.stop;
  }
  const db = createDb(url, opts.poolSize ?? 10);
  try {
    await db.$client.query('select 1');
  } catch (err) {
    await stopEmbedded();
    const where = config.databaseUrl ? 'DATABASE_URL' : 'the embedded database';
    throw new Error(`Cannot connect to ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const version = await db.$client.query<{ v: number }>(`select current_setting('server_version_num')::int as v`);
  if ((version.rows[0]?.v ?? 0) < 150000) {
    throw new Error('Freehold needs PostgreSQL 15 or newer.');
  }
  setSecretKey(loadSecretKey(config));
  if (opts.migrate !== false) {
    await migrate(db, url);
    const sealed = await sealStoredSecrets(db);
    if (sealed) logger.info(`sealed ${sealed} stored credential${sealed === 1 ? '' : 's'} (platform/secrets.ts)`);
  }
  return {
    db,
    url,
    close: async () => {
      await db.$client.end();
      await stopEmbedded();
    },
  };
}
