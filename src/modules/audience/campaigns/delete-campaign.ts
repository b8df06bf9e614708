import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { campaignRecord } from './campaign-row.ts';
import { campaigns } from './schema.ts';

/** Drafts only: a campaign that went out is part of people's history (their timeline, the reports). */
export async function deleteCampaign({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const c = await campaignRecord(tx, workspaceId, id, true);
    if (c.status !== 'draft')
      throw new AppError('CONFLICT', `Only drafts can be deleted; this campaign is ${c.status}.`);
    await tx.delete(campaigns).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
  });
}
