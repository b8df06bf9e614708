import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/events/outbox.ts';
import { runWorkspaceInitializers } from '../../platform/events/workspace-init.ts';
import { newId } from '../../platform/ids.ts';
import { workspaceMembers, workspaces } from './schema.ts';
import { randomToken } from './secrets.ts';

export type CreateWorkspaceOptions = {
  db: DbOrTx;
  name: string;
  ownerId: string;
  timezone?: string;
  defaultCurrency?: string;
};

const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'workspace';

export async function createWorkspace({ db, name, ownerId, timezone, defaultCurrency }: CreateWorkspaceOptions) {
  const trimmed = name.trim();
  if (!trimmed) throw AppError.validation([{ field: 'name', message: 'must not be empty' }]);
  return db.transaction(async (tx) => {
    const base = slugify(trimmed);
    let slug = base;
    for (
      let i = 2;
      (await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug))).length;
      i++
    ) {
      slug = `${base}-${i}`;
    }
    const id = newId();
    const [ws] = await tx
      .insert(workspaces)
      .values({
        id,
        name: trimmed,
        slug,
        timezone: timezone ?? 'UTC',
        defaultCurrency: defaultCurrency ?? 'EUR',
        publicKey: `pk_${randomToken(12)}`,
      })
      .returning();
    await tx.insert(workspaceMembers).values({ workspaceId: id, userId: ownerId, role: 'owner' });
    await runWorkspaceInitializers(tx, id);
    await emitEvent(tx, { workspaceId: id, type: 'workspace.created', subjectId: id, payload: { name: trimmed } });
    return ws!;
  });
}

export async function findWorkspaceByName(db: DbOrTx, nameOrSlug: string) {
  const rows = await db.select().from(workspaces);
  const found =
    rows.find((w) => w.slug === nameOrSlug) ?? rows.find((w) => w.name.toLowerCase() === nameOrSlug.toLowerCase());
  if (!found) throw AppError.notFound(`Workspace "${nameOrSlug}"`);
  return found;
}
