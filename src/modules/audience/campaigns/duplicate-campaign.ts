import type { DbOrTx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { campaignRecord, toCampaign } from './campaign-row.ts';
import { campaigns } from './schema.ts';

/** A new draft with the same content and audience (any state can be copied: "send last month's again"). */
export async function duplicateCampaign({
  db,
  workspaceId,
  actorId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
}) {
  const c = await campaignRecord(db, workspaceId, id);
  const [row] = await db
    .insert(campaigns)
    .values({
      workspaceId,
      id: newId(),
      name: `${c.name} (copy)`.slice(0, 200),
      subject: c.subject,
      preheader: c.preheader,
      mjml: c.mjml,
      text: c.text,
      templateId: c.templateId,
      accountId: c.accountId,
      listIds: c.listIds,
      segmentId: c.segmentId,
      excludeListIds: c.excludeListIds,
      excludeSegmentId: c.excludeSegmentId,
      sendInRecipientTimezone: c.sendInRecipientTimezone,
      localTime: c.localTime,
      trackOpens: c.trackOpens,
      trackClicks: c.trackClicks,
      archive: c.archive,
      topicTags: c.topicTags,
      createdBy: actorId,
    })
    .returning();
  return toCampaign(row!);
}
