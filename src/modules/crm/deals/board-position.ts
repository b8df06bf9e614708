import { and, asc, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { deals } from '../schema.ts';
import { FractionalIndexError, generateKeyBetween, generateNKeysBetween } from './fractional-index.ts';

const byKey = sql`${deals.position} collate "C"`;

/**
 * The position key for a deal dropped into a stage column: right after `afterId`, right before `beforeId`, between
 * both, or at the end. The caller holds the stage row's lock, so no two moves into one column compute keys at once.
 */
export async function boardPosition(
  db: DbOrTx,
  workspaceId: string,
  stageId: string,
  place: { afterId?: string | undefined; beforeId?: string | undefined; excludeId?: string | undefined },
): Promise<string> {
  try {
    return await computeKey(db, workspaceId, stageId, place);
  } catch (e) {
    if (!(e instanceof FractionalIndexError)) throw e;
    // Equal or malformed keys (older data, a manual edit) leave no room: re-space the column once and retry.
    await respaceColumn(db, workspaceId, stageId);
    return computeKey(db, workspaceId, stageId, place);
  }
}

async function computeKey(
  db: DbOrTx,
  workspaceId: string,
  stageId: string,
  place: { afterId?: string | undefined; beforeId?: string | undefined; excludeId?: string | undefined },
): Promise<string> {
  const inColumn: SQL[] = [eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId)];
  if (place.excludeId) inColumn.push(ne(deals.id, place.excludeId));
  const keyOf = async (field: 'afterId' | 'beforeId', id: string) => {
    if (id === place.excludeId) throw AppError.validation([{ field, message: 'is the deal being moved' }]);
    const [d] = await db
      .select({ position: deals.position })
      .from(deals)
      .where(and(...inColumn, eq(deals.id, id)));
    if (!d) throw AppError.validation([{ field, message: 'is not a deal in the target stage' }]);
    return d.position;
  };
  const neighbour = async (dir: 'next' | 'prev', from: string | null) => {
    const conds = [...inColumn];
    if (from !== null) conds.push(dir === 'next' ? sql`${byKey} > ${from}` : sql`${byKey} < ${from}`);
    const [d] = await db
      .select({ position: deals.position })
      .from(deals)
      .where(and(...conds))
      .orderBy(dir === 'next' ? asc(byKey) : desc(byKey))
      .limit(1);
    return d?.position ?? null;
  };
  let a: string | null;
  let b: string | null;
  if (place.afterId && place.beforeId) {
    a = await keyOf('afterId', place.afterId);
    b = await keyOf('beforeId', place.beforeId);
    if (a > b) throw AppError.validation([{ field: 'afterId', message: 'must come before beforeId in the column' }]);
  } else if (place.afterId) {
    a = await keyOf('afterId', place.afterId);
    b = await neighbour('next', a);
  } else if (place.beforeId) {
    b = await keyOf('beforeId', place.beforeId);
    a = await neighbour('prev', b);
  } else {
    a = await neighbour('prev', null);
    b = null;
  }
  return generateKeyBetween(a, b);
}

async function respaceColumn(db: DbOrTx, workspaceId: string, stageId: string): Promise<void> {
  const rows = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.stageId, stageId)))
    .orderBy(asc(byKey), asc(deals.id));
  const keys = generateNKeysBetween(null, null, rows.length);
  for (const [i, r] of rows.entries())
    await db
      .update(deals)
      .set({ position: keys[i]! })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, r.id)));
}
