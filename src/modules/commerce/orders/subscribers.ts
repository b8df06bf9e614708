import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Subscriber } from '../../../platform/events/outbox.ts';
import { recordSupplierShipment } from './record-supplier-shipment.ts';

const ZShipped = z.object({
  orderId: z.string().uuid(),
  purchaseRequestId: z.string().uuid(),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number().int().min(1) })),
  trackingNumber: z.string().nullish(),
  carrier: z.string().nullish(),
});

/** stock's `purchase_request.shipped`: the supplier's parcel becomes a shipment of the order. */
export const onPurchaseRequestShipped: Subscriber = {
  name: 'commerce.orders.supplier-shipment',
  handle: async (event, ctx) => {
    const p = ZShipped.safeParse(event.payload);
    if (!p.success) {
      ctx.logger.warn(
        { eventId: event.id, issues: p.error.issues },
        'purchase_request.shipped with an unreadable payload',
      );
      return;
    }
    await recordSupplierShipment(ctx.db, event.workspaceId, {
      orderId: p.data.orderId,
      purchaseRequestId: p.data.purchaseRequestId,
      lines: p.data.lines,
      trackingNumber: p.data.trackingNumber ?? null,
      carrier: p.data.carrier ?? null,
    });
  },
};

/**
 * When the CRM merges contact B into A, B's orders become A's (the customer is one person). Idempotent. An unmerge
 * leaves them with A: which orders were B's is not recorded on the order.
 */
export const moveOrdersOnMerge: Subscriber = {
  name: 'commerce.orders.merge',
  handle: async (event, ctx) => {
    const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
    if (!survivorId || !mergedId) return;
    await ctx.db.execute(sql`
      update commerce_orders set contact_id = ${survivorId}, updated_at = now()
      where workspace_id = ${event.workspaceId} and contact_id = ${mergedId}`);
  },
};
