import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { createUser } from './create-user.ts';
import { createWorkspace } from './create-workspace.ts';
import { users } from './schema.ts';

export async function isSetUp(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) > 0;
}

/** First start: the owner account and the first workspace, together or not at all. */
export async function setupOwner({
  db,
  email,
  password,
  name,
  workspace,
}: {
  db: Db;
  email: string;
  password: string;
  name?: string;
  workspace: string;
}) {
  return db.transaction(async (tx) => {
    // Serialise concurrent set-ups: only the first may create the owner.
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((row?.n ?? 0) > 0) throw new AppError('CONFLICT', 'Freehold is already set up. Sign in instead.');
    const user = await createUser({ db: tx, email, password, ...(name ? { name } : {}) });
    const ws = await createWorkspace({ db: tx, name: workspace, ownerId: user.id });
    return { user, workspace: ws };
  });
}
