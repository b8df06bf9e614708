import { Command } from 'commander';
import { startApp, startWorkers } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/open.ts';
import { createLogger } from '../platform/logger.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerSecretsCommands } from './commands/secrets.ts';
import { registerSetupCommands } from './commands/setup.ts';

const program = new Command('freehold').description('Freehold: own your customers.');

program
  .command('serve')
  .description('Run the API, the web UI and the workers (default for npm start)')
  .option('--no-worker', 'do not run background workers in this process')
  .action(async (opts: { worker: boolean }) => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const app = await startApp(config, logger, { worker: opts.worker });
    logger.info(`Freehold is running at ${config.publicUrl}`);
    const stop = async () => {
      logger.info('shutting down');
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

registerSetupCommands(program);
registerImportCommands(program);
registerDemoCommand(program);
registerExportCommands(program);
registerSecretsCommands(program);

program
  .command('worker')
  .description('Run background workers only (scale them apart from the web servers)')
  .option('--concurrency <n>', 'jobs at once', '4')
  .action(async (o: { concurrency: string }) => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const database = await openDatabase(config, logger);
    const runner = await startWorkers(database, config, logger, Number(o.concurrency));
    logger.info('worker running');
    const stop = async () => {
      await runner.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

export async function main(argv: string[]): Promise<void> {
  await program.parseAsync(argv);
}
