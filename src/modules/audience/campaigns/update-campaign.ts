import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emailTemplates } from '../schema.ts';
import { campaignRecord, checkReferences, toCampaign } from './campaign-row.ts';
import type { TCampaignUpdate } from './contracts.ts';
import { campaigns } from './schema.ts';

/** Only drafts change: what was scheduled or sent is what people got (unschedule first to edit). */
export async function updateCampaign({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TCampaignUpdate;
}) {
  return db.transaction(async (tx) => {
    const current = await campaignRecord(tx, workspaceId, id, true);
    if (current.status !== 'draft') {
      throw new AppError('CONFLICT', `Only drafts can be edited; this campaign is ${current.status}.`);
    }
    await checkReferences(tx, workspaceId, input);
    const patch: Partial<typeof campaigns.$inferInsert> = { updatedAt: new Date() };
    if (input.templateId) {
      const [t] = await tx
        .select()
        .from(emailTemplates)
        .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, input.templateId)));
      if (!t) throw AppError.validation([{ field: 'templateId', message: 'is not a template of this workspace' }]);
      Object.assign(patch, {
        templateId: t.id,
        subject: t.subject,
        preheader: t.preheader,
        mjml: t.mjml,
        text: t.text,
      });
    }
    if (input.name !== undefined) patch.name = input.name;
    if (input.subject !== undefined) patch.subject = input.subject;
    if (input.preheader !== undefined) patch.preheader = input.preheader;
    if (input.mjml !== undefined) patch.mjml = input.mjml;
    if (input.text !== undefined) patch.text = input.text;
    if (input.accountId !== undefined) patch.accountId = input.accountId;
    if (input.listIds !== undefined) patch.listIds = [...new Set(input.listIds)];
    if (input.segmentId !== undefined) patch.segmentId = input.segmentId;
    if (input.excludeListIds !== undefined) patch.excludeListIds = [...new Set(input.excludeListIds)];
    if (input.excludeSegmentId !== undefined) patch.excludeSegmentId = input.excludeSegmentId;
    if (input.trackOpens !== undefined) patch.trackOpens = input.trackOpens;
    if (input.trackClicks !== undefined) patch.trackClicks = input.trackClicks;
    if (input.archive !== undefined) patch.archive = input.archive;
    if (input.topicTags !== undefined) patch.topicTags = [...new Set(input.topicTags)];
    const [row] = await tx
      .update(campaigns)
      .set(patch)
      .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
      .returning();
    return toCampaign(row!);
  });
}

/** The archive flag and topic tags describe a campaign after the fact: they may change in any state. */
export async function updateCampaignLabels({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: { archive?: boolean | undefined; topicTags?: string[] | undefined };
}) {
  await campaignRecord(db, workspaceId, id);
  const [row] = await db
    .update(campaigns)
    .set({
      ...(input.archive !== undefined ? { archive: input.archive } : {}),
      ...(input.topicTags !== undefined ? { topicTags: [...new Set(input.topicTags)] } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
    .returning();
  return toCampaign(row!);
}
