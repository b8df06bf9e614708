import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { stockReservations } from './schema.ts';

/** An order's reservations, locked (ordered by id, so two calls for the same order queue instead of deadlocking). */
export async function lockReservations(tx: Tx, workspaceId: string, orderId: string, lineIds?: string[]) {
  const rows = await tx
    .select()
    .from(stockReservations)
    .where(
      and(
        eq(stockReservations.workspaceId, workspaceId),
        eq(stockReservations.orderId, orderId),
        lineIds ? inArray(stockReservations.lineId, lineIds.length ? lineIds : ['']) : undefined,
      ),
    )
    .orderBy(stockReservations.id)
    .for('update');
  return rows;
}
