import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline } from '../../crm/index.ts';
import { formSubmissions } from '../forms/schema.ts';
import { emailEvents, emailMessages } from '../schema.ts';
import { deliveryKey } from './deliver-magnet.ts';

/**
 * A download through a signed link: an email event (so reports count downloads beside opens and clicks) and a
 * timeline entry on the contact who asked for the file.
 */
export async function recordDownload(
  db: Db,
  input: { workspaceId: string; magnetId: string; magnetName: string; submissionId: string; userAgent: string | null },
): Promise<void> {
  const [sub] = await db
    .select({ contactId: formSubmissions.contactId, formId: formSubmissions.formId })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.workspaceId, input.workspaceId), eq(formSubmissions.id, input.submissionId)));
  if (!sub) return;
  const [msg] = await db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.workspaceId, input.workspaceId),
        eq(emailMessages.dedupeKey, deliveryKey(input.submissionId)),
      ),
    );
  const at = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(emailEvents).values({
      workspaceId: input.workspaceId,
      id: newId(),
      messageId: msg?.id ?? null,
      contactId: sub.contactId,
      sourceType: 'lead_magnet',
      sourceId: input.magnetId,
      type: 'download',
      data: { submissionId: input.submissionId, formId: sub.formId, userAgent: input.userAgent?.slice(0, 300) ?? null },
      at,
    });
    await appendTimeline(tx, {
      workspaceId: input.workspaceId,
      contactId: sub.contactId,
      kind: 'lead_magnet_downloaded',
      module: 'audience',
      actorId: null,
      at,
      data: { magnetId: input.magnetId, name: input.magnetName, formId: sub.formId },
    });
  });
}
