import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';

/** Our numbers start here, so the first order reads like a shop's, not like a test ("F-1001"). */
const FIRST = 1001;

export const formatOrderNumber = (n: number): string => `F-${n}`;

/**
 * Takes `count` consecutive numbers for the workspace in one statement. Call it outside the order's transaction (as a
 * sequence is used): the counter row is then locked for a moment, not until a 1,000-order batch commits; a batch that
 * fails afterwards leaves a gap, as storefronts' numbers have.
 */
export async function allocateOrderNumbers(db: DbOrTx, workspaceId: string, count: number): Promise<string[]> {
  if (count < 1) return [];
  const r = await db.execute<{ last: number }>(sql`
    insert into commerce_order_number_counters as c (workspace_id, last)
    values (${workspaceId}, ${FIRST - 1 + count})
    on conflict (workspace_id) do update set last = c.last + ${count}::bigint
    returning last`);
  const last = Number(r.rows[0]!.last);
  return Array.from({ length: count }, (_, i) => formatOrderNumber(last - count + 1 + i));
}
