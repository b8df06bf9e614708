import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emailTemplates } from '../schema.ts';

/** Campaigns and flows keep their own copy of what they send, so deleting a template breaks nothing already sent. */
export async function deleteTemplate({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const gone = await db
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)))
    .returning({ id: emailTemplates.id });
  if (!gone.length) throw AppError.notFound('Template');
}
