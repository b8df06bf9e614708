import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { bucketCapacity, drawTokens } from './timing.ts';

/**
 * `max_per_minute` of a sending account, shared by every campaign and every worker that sends through it: a token
 * bucket row in PostgreSQL, drawn `for update` (one short transaction per draw, a draw covers many messages). The
 * database's clock is the one clock, so workers on several machines agree.
 */
export async function takeTokens(
  db: Db,
  workspaceId: string,
  accountId: string,
  perMinute: number,
  want: number,
): Promise<{ granted: number; waitMs: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into send_rate_buckets (workspace_id, account_id, tokens, refilled_at)
      values (${workspaceId}, ${accountId}, ${bucketCapacity(perMinute)}, clock_timestamp())
      on conflict do nothing`);
    const r = await tx.execute<{ tokens: number; refilled: number; now: number }>(sql`
      select tokens, extract(epoch from refilled_at) * 1000 as refilled, extract(epoch from clock_timestamp()) * 1000 as now
      from send_rate_buckets where workspace_id = ${workspaceId} and account_id = ${accountId} for update`);
    const row = r.rows[0];
    if (!row) return { granted: want, waitMs: 0 };
    const now = Number(row.now);
    const out = drawTokens({ tokens: Number(row.tokens), refilledAt: Number(row.refilled) }, perMinute, want, now);
    await tx.execute(sql`update send_rate_buckets set tokens = ${out.bucket.tokens},
      refilled_at = to_timestamp(${now / 1000}) where workspace_id = ${workspaceId} and account_id = ${accountId}`);
    return { granted: out.granted, waitMs: out.waitMs };
  });
}
