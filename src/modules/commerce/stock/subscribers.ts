import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Subscriber } from '../../../platform/events/outbox.ts';
import { createTask } from '../../crm/index.ts';
import { listMembers } from '../../identity/index.ts';
import { stockLevels } from './schema.ts';

type LowPayload = { variantId: string; locationId: string; locationName: string; available: number; threshold: number };

/**
 * `stock.low` → a reorder task for the workspace owner (the first owner; the task list is where a small shop looks
 * each morning). Marked on the level in the same transaction, so a redelivered event makes no second task; a level
 * that went back above its threshold meanwhile needs no task.
 */
export const reorderTaskOnLowStock: Subscriber = {
  name: 'commerce.stock.reorder-task',
  handle: async (event, ctx) => {
    const p = event.payload as LowPayload;
    await ctx.db.transaction(async (tx) => {
      const marked = await tx
        .update(stockLevels)
        .set({ alertedEventId: event.id })
        .where(
          and(
            eq(stockLevels.workspaceId, event.workspaceId),
            eq(stockLevels.locationId, p.locationId),
            eq(stockLevels.variantId, p.variantId),
            sql`${stockLevels.lowSince} is not null`,
            or(isNull(stockLevels.alertedEventId), sql`${stockLevels.alertedEventId} <> ${event.id}`),
          ),
        )
        .returning({ onHand: stockLevels.onHand, reserved: stockLevels.reserved });
      if (!marked[0]) return;
      const owner = (await listMembers({ db: tx, workspaceId: event.workspaceId })).find((m) => m.role === 'owner');
      const sku = await tx.execute<{ sku: string }>(
        sql`select sku from commerce_variants where workspace_id = ${event.workspaceId} and id = ${p.variantId}`,
      );
      await createTask({
        db: tx,
        workspaceId: event.workspaceId,
        actorId: null,
        input: {
          title: `Reorder ${sku.rows[0]?.sku ?? 'a variant'} for ${p.locationName}`,
          notes: `Low stock: ${marked[0].onHand - marked[0].reserved} available, threshold ${p.threshold}.`,
          assigneeId: owner?.userId ?? null,
        },
      });
    });
  },
};
