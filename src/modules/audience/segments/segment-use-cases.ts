import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { escapeLike } from '../lists/list-use-cases.ts';
import type { TSegment, TSegmentCreate, TSegmentUpdate } from './contracts.ts';
import type { RuleGroup } from './rules.ts';
import { segments } from './schema.ts';
import { validateRules } from './validate-rules.ts';

type SegmentRow = typeof segments.$inferSelect;

const toSegment = (r: SegmentRow): TSegment => ({
  id: r.id,
  name: r.name,
  description: r.description,
  rules: r.rules as RuleGroup,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A segment named "${name}" already exists in this workspace.`, [
    { field: 'name', message: 'is already the name of another segment' },
  ]);

/** Throws a validation error naming each offending rule (`rules.rules.2.value`…) when the rules do not fit. */
export async function assertValidRules(db: DbOrTx, workspaceId: string, rules: RuleGroup): Promise<void> {
  const errors = await validateRules(db, workspaceId, rules);
  if (errors.length) throw AppError.validation(errors);
}

export async function listSegments({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: { q?: string | undefined; limit: number; cursor?: string | undefined };
}) {
  const conds: SQL[] = [eq(segments.workspaceId, workspaceId)];
  if (query.q) conds.push(sql`${segments.name} ilike ${`%${escapeLike(query.q)}%`}`);
  const after = decodeCursor(query.cursor, 2);
  if (after) conds.push(sql`(lower(${segments.name}), ${segments.id}) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await db
    .select()
    .from(segments)
    .where(and(...conds))
    .orderBy(asc(sql`lower(${segments.name})`), asc(segments.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map(toSegment),
    nextCursor: more && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}

export async function getSegment(db: DbOrTx, workspaceId: string, id: string): Promise<TSegment> {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
  if (!row) throw AppError.notFound('Segment');
  return toSegment(row);
}

export async function createSegment({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TSegmentCreate;
}) {
  await assertValidRules(db, workspaceId, input.rules);
  try {
    const [row] = await db
      .insert(segments)
      .values({
        workspaceId,
        id: newId(),
        name: input.name,
        description: input.description ?? null,
        rules: input.rules,
      })
      .returning();
    return toSegment(row!);
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateSegment({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TSegmentUpdate;
}) {
  if (input.rules) await assertValidRules(db, workspaceId, input.rules);
  const patch: Partial<typeof segments.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.description !== undefined) patch.description = input.description;
  if (input.rules !== undefined) patch.rules = input.rules;
  try {
    const [row] = await db
      .update(segments)
      .set(patch)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
      .returning();
    if (!row) throw AppError.notFound('Segment');
    return toSegment(row);
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(input.name ?? '');
    throw err;
  }
}

export async function deleteSegment({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const gone = await db
    .delete(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)))
    .returning({ id: segments.id });
  if (!gone.length) throw AppError.notFound('Segment');
}
