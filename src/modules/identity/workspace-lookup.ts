import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { workspaces } from './schema.ts';

export type WorkspaceInfo = { id: string; name: string; timezone: string; publicKey: string; defaultCurrency: string };

const columns = {
  id: workspaces.id,
  name: workspaces.name,
  timezone: workspaces.timezone,
  publicKey: workspaces.publicKey,
  defaultCurrency: workspaces.defaultCurrency,
};

/** For other modules: the workspace's name, time zone and public key. */
export async function getWorkspaceInfo(db: DbOrTx, id: string): Promise<WorkspaceInfo | null> {
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.id, id));
  return row ?? null;
}

/** Public pages name a workspace by its public key, never by its id. */
export async function workspaceByPublicKey(db: DbOrTx, publicKey: string): Promise<WorkspaceInfo | null> {
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.publicKey, publicKey));
  return row ?? null;
}
