import type { Command } from 'commander';
import { type Config, loadConfig } from '../platform/config.ts';
import { type Database, openDatabase } from '../platform/db/open.ts';
import { createLogger, type Logger } from '../platform/logger.ts';

export type CliContext = { config: Config; logger: Logger; database: Database };

/**
 * Runs a command against the database: DATABASE_URL, or the embedded cluster — reused when the server is running
 * (its port is in the data folder), otherwise started for the duration of the command.
 */
export async function withDatabase<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config, logger, { poolSize: 4 });
  try {
    return await fn({ config, logger, database });
  } finally {
    await database.close();
  }
}

export type RegisterCommands = (program: Command) => void;
