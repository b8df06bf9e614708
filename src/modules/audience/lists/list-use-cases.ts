import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { audienceLists, listMembers } from '../schema.ts';
import type { TList, TListCreate, TListQuery, TListUpdate } from './contracts.ts';

type ListRow = typeof audienceLists.$inferSelect;
type Counts = TList['counts'];

const zero = (): Counts => ({ subscribed: 0, pending: 0, unsubscribed: 0 });

/** Members by status for these lists; merged and erased contacts are left out (they can no longer be mailed). */
async function countsOf(db: DbOrTx, workspaceId: string, listIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(listIds.map((id) => [id, zero()]));
  if (!listIds.length) return out;
  const r = await db.execute<{ list_id: string; status: keyof Counts; n: number }>(sql`
    select m.list_id, m.status, count(*)::int as n
    from list_members m
    join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id
    where m.workspace_id = ${workspaceId} and m.list_id = any(${uuidArray(listIds)})
      and c.merged_into_id is null and c.erased_at is null
    group by m.list_id, m.status`);
  for (const row of r.rows) {
    const c = out.get(row.list_id);
    if (c && row.status in c) c[row.status] = Number(row.n);
  }
  return out;
}

const toList = (r: ListRow, counts: Counts): TList => ({
  id: r.id,
  name: r.name,
  description: r.description,
  visibility: r.visibility,
  doubleOptIn: r.doubleOptIn,
  counts,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A list named "${name}" already exists in this workspace.`, [
    { field: 'name', message: 'is already the name of another list' },
  ]);

export async function listLists({ db, workspaceId, query }: { db: DbOrTx; workspaceId: string; query: TListQuery }) {
  const conds: SQL[] = [eq(audienceLists.workspaceId, workspaceId)];
  if (query.q) conds.push(sql`${audienceLists.name} ilike ${`%${escapeLike(query.q)}%`}`);
  const after = decodeCursor(query.cursor, 2);
  if (after) conds.push(sql`(lower(${audienceLists.name}), ${audienceLists.id}) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await db
    .select()
    .from(audienceLists)
    .where(and(...conds))
    .orderBy(asc(sql`lower(${audienceLists.name})`), asc(audienceLists.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const counts = await countsOf(
    db,
    workspaceId,
    data.map((r) => r.id),
  );
  const last = data[data.length - 1];
  return {
    data: data.map((r) => toList(r, counts.get(r.id) ?? zero())),
    nextCursor: more && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}

export async function getList(db: DbOrTx, workspaceId: string, id: string): Promise<TList> {
  const [row] = await db
    .select()
    .from(audienceLists)
    .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, id)));
  if (!row) throw AppError.notFound('List');
  const counts = await countsOf(db, workspaceId, [id]);
  return toList(row, counts.get(id) ?? zero());
}

export async function createList({ db, workspaceId, input }: { db: DbOrTx; workspaceId: string; input: TListCreate }) {
  try {
    const [row] = await db
      .insert(audienceLists)
      .values({
        workspaceId,
        id: newId(),
        name: input.name,
        description: input.description ?? null,
        visibility: input.visibility,
        doubleOptIn: input.doubleOptIn,
      })
      .returning();
    return toList(row!, zero());
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateList({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TListUpdate;
}) {
  const patch: Partial<typeof audienceLists.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.description !== undefined) patch.description = input.description;
  if (input.visibility !== undefined) patch.visibility = input.visibility;
  if (input.doubleOptIn !== undefined) patch.doubleOptIn = input.doubleOptIn;
  try {
    const [row] = await db
      .update(audienceLists)
      .set(patch)
      .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, id)))
      .returning({ id: audienceLists.id });
    if (!row) throw AppError.notFound('List');
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(input.name ?? '');
    throw err;
  }
  return getList(db, workspaceId, id);
}

/**
 * Deletes a list and every membership on it. No `audience.unsubscribed` per member: nobody asked to leave, the list
 * is gone; a flow waiting on the list simply finds no members any more.
 */
export async function deleteList({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(audienceLists)
      .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, id)))
      .returning({ id: audienceLists.id });
    if (!gone.length) throw AppError.notFound('List');
    await tx.delete(listMembers).where(and(eq(listMembers.workspaceId, workspaceId), eq(listMembers.listId, id)));
  });
}

/** `%`, `_` and `\` typed by a person match themselves. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
