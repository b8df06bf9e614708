import type { Command } from 'commander';
import { forgetUnreadableSecrets } from '../../platform/secrets.ts';
import { withDatabase } from '../context.ts';

export function registerSecretsCommands(program: Command): void {
  const secrets = program.command('secrets').description('Stored credentials (sealed with the installation key)');
  secrets
    .command('forget-unreadable')
    .description(
      "Clear the stored credentials this installation's key cannot open (after losing the key), so they can be entered again",
    )
    .action(async () => {
      await withDatabase(async ({ database }) => {
        const cleared = await forgetUnreadableSecrets(database.db);
        for (const c of cleared) {
          console.log(`${c.table}.${c.column}: ${c.cleared} ${c.renewed ? 'replaced by a new secret' : 'cleared'}`);
        }
      });
    });
}
