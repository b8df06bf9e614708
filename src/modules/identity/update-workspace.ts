import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { workspaces } from './schema.ts';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export async function getWorkspace({ db, workspaceId }: { db: DbOrTx; workspaceId: string }) {
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!w) throw AppError.notFound('Workspace');
  return w;
}

export async function updateWorkspace({
  db,
  workspaceId,
  patch,
}: {
  db: DbOrTx;
  workspaceId: string;
  patch: { name?: string | undefined; timezone?: string | undefined; defaultCurrency?: string | undefined };
}) {
  if (patch.timezone && !isTimeZone(patch.timezone))
    throw AppError.validation([{ field: 'timezone', message: `"${patch.timezone}" is not an IANA time zone` }]);
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (set.defaultCurrency) set.defaultCurrency = String(set.defaultCurrency).toUpperCase();
  if (!Object.keys(set).length) return getWorkspace({ db, workspaceId });
  const [w] = await db.update(workspaces).set(set).where(eq(workspaces.id, workspaceId)).returning();
  return w!;
}
