import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import {
  createApiKey,
  createUser,
  createWorkspace,
  findWorkspaceByName,
  setupOwner,
  users,
} from '../../modules/identity/index.ts';
import { withDatabase } from '../context.ts';

export function registerSetupCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations (also done at every start)')
    .action(async () => {
      await withDatabase(async () => undefined);
      console.log('Database is up to date.');
    });

  program
    .command('init')
    .description('Create the owner account and the first workspace (non-interactive set-up)')
    .requiredOption('--email <email>', 'owner email')
    .requiredOption('--password <password>', 'owner password (8+ characters)')
    .requiredOption('--workspace <name>', 'first workspace name')
    .option('--name <name>', 'owner display name')
    .action(async (o: { email: string; password: string; workspace: string; name?: string }) => {
      await withDatabase(async ({ database }) => {
        const r = await setupOwner({ db: database.db, ...o });
        console.log(`Created owner ${r.user.email} and workspace "${r.workspace.name}".`);
      });
    });

  const ws = program.command('workspace').description('Manage workspaces');
  ws.command('create <name>')
    .description('Add a workspace (and its owner, if the user is new)')
    .requiredOption('--owner <email>', 'owner email')
    .option('--password <password>', 'password, when the owner is a new user')
    .action(async (name: string, o: { owner: string; password?: string }) => {
      await withDatabase(async ({ database }) => {
        const db = database.db;
        let [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, o.owner));
        if (!user) {
          if (!o.password) throw new Error(`No user ${o.owner} yet: give --password to create one.`);
          user = await createUser({ db, email: o.owner, password: o.password });
        }
        const w = await createWorkspace({ db, name, ownerId: user.id });
        console.log(`Created workspace "${w.name}" (${w.slug}) owned by ${o.owner}.`);
      });
    });

  const keys = program.command('api-key').description('Manage API keys');
  keys
    .command('create')
    .description('Create an API key for a workspace and print it (shown once)')
    .requiredOption('--workspace <name>', 'workspace name or slug')
    .option('--name <name>', 'a label for the key', 'CLI')
    .action(async (o: { workspace: string; name: string }) => {
      await withDatabase(async ({ database }) => {
        const w = await findWorkspaceByName(database.db, o.workspace);
        const k = await createApiKey({ db: database.db, workspaceId: w.id, name: o.name, createdBy: null });
        console.log(k.key);
      });
    });
}
