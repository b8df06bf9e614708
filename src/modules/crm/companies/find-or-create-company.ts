import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { companies } from '../schema.ts';

/** Company names match case- and accent-insensitively ("Müller GmbH" = "muller gmbh"). */
export async function findOrCreateCompany(db: DbOrTx, workspaceId: string, name: string) {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const [found] = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, workspaceId),
        sql`f_unaccent(lower(${companies.name})) = f_unaccent(lower(${trimmed}))`,
      ),
    )
    .limit(1);
  if (found) return found;
  const [created] = await db
    .insert(companies)
    .values({ workspaceId, id: newId(), name: trimmed })
    .returning({ id: companies.id, name: companies.name });
  return created!;
}
