import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emailTemplates } from '../schema.ts';
import { checkReferences, STARTER_MJML, toCampaign } from './campaign-row.ts';
import type { TCampaignCreate } from './contracts.ts';
import { campaigns } from './schema.ts';

export async function createCampaign({
  db,
  workspaceId,
  actorId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TCampaignCreate;
}) {
  await checkReferences(db, workspaceId, input);
  let fromTemplate: typeof emailTemplates.$inferSelect | undefined;
  if (input.templateId) {
    [fromTemplate] = await db
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, input.templateId)));
    if (!fromTemplate)
      throw AppError.validation([{ field: 'templateId', message: 'is not a template of this workspace' }]);
  }
  const [row] = await db
    .insert(campaigns)
    .values({
      workspaceId,
      id: newId(),
      name: input.name,
      subject: input.subject ?? fromTemplate?.subject ?? '',
      preheader: input.preheader ?? fromTemplate?.preheader ?? null,
      mjml: input.mjml ?? fromTemplate?.mjml ?? STARTER_MJML,
      text: input.text ?? fromTemplate?.text ?? null,
      templateId: input.templateId ?? null,
      accountId: input.accountId ?? null,
      listIds: [...new Set(input.listIds ?? [])],
      segmentId: input.segmentId ?? null,
      excludeListIds: [...new Set(input.excludeListIds ?? [])],
      excludeSegmentId: input.excludeSegmentId ?? null,
      trackOpens: input.trackOpens ?? true,
      trackClicks: input.trackClicks ?? true,
      archive: input.archive ?? false,
      topicTags: [...new Set(input.topicTags ?? [])],
      createdBy: actorId,
    })
    .returning();
  return toCampaign(row!);
}
