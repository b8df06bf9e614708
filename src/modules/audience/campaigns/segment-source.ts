import { and, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { type RuleGroup, segmentQuery } from '../segments/index.ts';
import { segments } from '../segments/schema.ts';

/**
 * The one place campaigns touch segments: a segment's members as a SQL sub-query of contact ids (`c.id in (…)`),
 * evaluated when it runs (a segment is a rule, not a stored list). A VALIDATION error names `field` when the segment
 * is not this workspace's.
 */
export async function segmentContactIds(
  db: DbOrTx,
  workspaceId: string,
  segmentId: string,
  field: string,
): Promise<SQL> {
  const [row] = await db
    .select({ rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)));
  if (!row) throw AppError.validation([{ field, message: 'is not a segment of this workspace' }]);
  return segmentQuery(workspaceId, row.rules as RuleGroup);
}
