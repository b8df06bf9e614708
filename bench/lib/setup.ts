// A migrated database with one owner, one workspace, one API key and generated CRM data: the common start of the
// benchmarks.
import { createApiKey, setupOwner } from '../../src/modules/identity/index.ts';
// The module registry registers what every new workspace gets (lifecycle stages, the default pipeline), as in the app.
import '../../src/modules/registry.ts';
import { createDb, type Db } from '../../src/platform/db/client.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { type BenchDatabase, benchDatabase, log } from './common.ts';
import { type FixtureOptions, type FixtureStats, generateFixtures } from './fixtures.ts';

export type Prepared = {
  database: BenchDatabase;
  db: Db;
  workspaceId: string;
  userId: string;
  apiKey: string;
  fixtures: FixtureStats;
};

export async function prepare(
  label: string,
  fixtures: Omit<FixtureOptions, 'workspaceId'>,
  poolSize = 10,
): Promise<Prepared> {
  const database = await benchDatabase(label);
  log(`database ready (${database.kind})`);
  const db = createDb(database.url, poolSize);
  await migrate(db, database.url);
  const { user, workspace } = await setupOwner({
    db,
    email: 'owner@bench.example',
    password: 'correct horse battery staple',
    workspace: 'Bench Lighting Co',
  });
  const key = await createApiKey({ db, workspaceId: workspace.id, name: 'bench', createdBy: user.id });
  const client = await db.$client.connect();
  let stats: FixtureStats;
  try {
    stats = await generateFixtures(client, { ...fixtures, workspaceId: workspace.id }, (m) => log(m));
  } finally {
    client.release(true); // its session settings (work_mem …) must not leak into the measured pool
  }
  return { database, db, workspaceId: workspace.id, userId: user.id, apiKey: key.key, fixtures: stats };
}
