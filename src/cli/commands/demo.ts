import type { Command } from 'commander';
import { loadDemoData } from '../../modules/crm/demo/load-demo.ts';
import { createWorkspace, findWorkspaceByName, isSetUp, setupOwner, users } from '../../modules/identity/index.ts';
import { withDatabase } from '../context.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Create a workspace full of realistic demo data (or fill an existing one with --workspace)')
    .option('--workspace <name>', 'fill this existing workspace instead of creating "Brightwell Lamps (demo)"')
    .action(async (o: { workspace?: string }) => {
      await withDatabase(async ({ database }) => {
        const db = database.db;
        let workspaceId: string;
        let ownerId: string | null = null;
        if (o.workspace) {
          workspaceId = (await findWorkspaceByName(db, o.workspace)).id;
        } else if (!(await isSetUp(db))) {
          const r = await setupOwner({
            db,
            email: 'demo@freehold.local',
            password: 'freehold-demo',
            name: 'Demo Owner',
            workspace: 'Brightwell Lamps (demo)',
          });
          workspaceId = r.workspace.id;
          ownerId = r.user.id;
          console.log(
            'Created the owner demo@freehold.local with the password "freehold-demo" — change it after signing in.',
          );
        } else {
          const [owner] = await db.select({ id: users.id }).from(users).orderBy(users.createdAt).limit(1);
          ownerId = owner!.id;
          workspaceId = (await createWorkspace({ db, name: 'Brightwell Lamps (demo)', ownerId })).id;
        }
        const r = await loadDemoData({ db, workspaceId, actorId: ownerId });
        console.log(
          `Demo data loaded: ${r.companies} companies, ${r.contacts} contacts, ${r.deals} deals, ${r.tasks} tasks.`,
        );
      });
    });
}
