import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/queue.ts';

/**
 * Removes quotes a day after they expired (the extra day lets GET /shipping/quotes/{id} still explain "expired").
 * Deletes in slices so one run never holds a long lock on a busy table; safe to run twice.
 */
export const purgeQuotesJob = defineJob({
  name: 'commerce.shipping.purge-quotes',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    let total = 0;
    for (;;) {
      const r = await ctx.db.execute(sql`
        delete from shipping_quotes where ctid in (
          select ctid from shipping_quotes where expires_at < now() - interval '1 day' limit 5000)`);
      total += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 5000) break;
    }
    if (total) ctx.logger.info({ deleted: total }, 'expired shipping quotes removed');
  },
});
