import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { audienceForms, formSubmissions } from '../forms/schema.ts';

export type SubmissionRow = typeof formSubmissions.$inferSelect;
export type SubmissionWithForm = SubmissionRow & { form: typeof audienceForms.$inferSelect | null };

/** A submission and its form (null when the form was deleted since: the submission still confirms). */
export async function submissionWithForm(
  db: DbOrTx,
  workspaceId: string,
  submissionId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<SubmissionWithForm | null> {
  const q = db
    .select()
    .from(formSubmissions)
    .where(and(eq(formSubmissions.workspaceId, workspaceId), eq(formSubmissions.id, submissionId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) return null;
  const [form] = await db
    .select()
    .from(audienceForms)
    .where(and(eq(audienceForms.workspaceId, workspaceId), eq(audienceForms.id, row.formId)));
  return { ...row, form: form ?? null };
}
