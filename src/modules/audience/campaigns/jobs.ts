import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { addJob, defineJob } from '../../../platform/jobs/queue.ts';
import { runCampaignSend } from './send-campaign.ts';

export const sendCampaignJob = defineJob({
  name: 'audience.campaign-send',
  payload: z.object({ workspaceId: z.string().uuid(), campaignId: z.string().uuid() }),
  maxAttempts: 5,
  async handler(p, ctx) {
    const outcome = await runCampaignSend(ctx.db, ctx.config, p);
    ctx.logger.info({ campaignId: p.campaignId, outcome }, 'campaign send run ended');
  },
});

/**
 * Every minute: start scheduled campaigns that are due (in case their job was lost), and restart sends whose runner
 * died (a 'sending' campaign whose heartbeat is older than two minutes: a killed worker's job stays locked in the
 * queue for hours, so waiting for it is no option). A second runner for a live send just finds the lock taken.
 */
export const campaignTickJob = defineJob({
  name: 'audience.campaign-tick',
  payload: z.object({}).passthrough(),
  maxAttempts: 1,
  async handler(_p, ctx) {
    const r = await ctx.db.execute<{ workspace_id: string; id: string }>(sql`
      select workspace_id, id from campaigns
      where (status = 'scheduled' and coalesce(scheduled_at, now()) <= now())
         or (status = 'sending' and coalesce(next_run_at, now()) <= now()
             and coalesce(heartbeat_at, 'epoch') < now() - interval '2 minutes')
      limit 100`);
    for (const row of r.rows) {
      await addJob(
        ctx.db,
        sendCampaignJob,
        { workspaceId: row.workspace_id, campaignId: row.id },
        { jobKey: `campaign-send:${row.id}` },
      );
    }
  },
});
