import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { listOptIns, toForm } from './form-row.ts';
import { formTotals } from './form-stats.ts';
import { audienceForms } from './schema.ts';

/** Forms, newest first, each with its totals (views, submissions, confirmations, conversion). */
export async function listForms({
  db,
  workspaceId,
  limit,
  cursor,
  publicUrl,
}: {
  db: DbOrTx;
  workspaceId: string;
  limit: number;
  cursor?: string | undefined;
  publicUrl: string;
}) {
  const after = decodeCursor(cursor, 2) as [string, string] | undefined;
  const conds = [eq(audienceForms.workspaceId, workspaceId)];
  if (after) {
    const at = new Date(after[0]);
    conds.push(
      or(lt(audienceForms.createdAt, at), and(eq(audienceForms.createdAt, at), lt(audienceForms.id, after[1])))!,
    );
  }
  const rows = await db
    .select()
    .from(audienceForms)
    .where(and(...conds))
    .orderBy(desc(audienceForms.createdAt), desc(audienceForms.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const optIns = await listOptIns(db, workspaceId, [...new Set(data.flatMap((r) => r.listIds))]);
  const totals = await formTotals(db, workspaceId);
  const last = data[data.length - 1];
  return {
    data: data.map((r) => ({
      ...toForm(r, { publicUrl, optIns }),
      ...(totals.get(r.id) ?? { views: 0, submissions: 0, confirmations: 0, conversionRate: null }),
    })),
    nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
