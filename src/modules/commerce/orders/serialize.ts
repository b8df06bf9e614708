import type { TOrder, TOrderSummary } from './contracts.ts';
import type { orderHistory, orderLines, orderPayments, orderShipments, orders } from './schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type LineRow = typeof orderLines.$inferSelect;

export function toSummary(r: OrderRow): TOrderSummary {
  return {
    id: r.id,
    number: r.number,
    source: r.source,
    externalId: r.externalId,
    status: r.status,
    paymentStatus: r.paymentStatus,
    currency: r.currency,
    contactId: r.contactId,
    customer: {
      email: r.customer.email ?? null,
      phone: r.customer.phone ?? null,
      firstName: r.customer.firstName ?? null,
      lastName: r.customer.lastName ?? null,
    },
    itemCount: r.itemCount,
    subtotalMinor: r.subtotalMinor,
    discountMinor: r.discountMinor,
    taxMinor: r.taxMinor,
    shippingMinor: r.shippingMinor,
    totalMinor: r.totalMinor,
    paidMinor: r.paidMinor,
    refundedMinor: r.refundedMinor,
    pickupPointId: r.pickupPointId,
    tags: r.tags,
    imported: r.imported,
    placedAt: r.placedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toOrder(
  r: OrderRow,
  parts: {
    lines: LineRow[];
    payments: (typeof orderPayments.$inferSelect)[];
    shipments: (typeof orderShipments.$inferSelect)[];
    history: (typeof orderHistory.$inferSelect)[];
  },
): TOrder {
  return {
    ...toSummary(r),
    shippingAddress: r.shippingAddress,
    billingAddress: r.billingAddress,
    shipping: r.shipping,
    note: r.note,
    dueMinor: Math.max(0, r.totalMinor - r.paidMinor),
    paidAt: r.paidAt,
    fulfilledAt: r.fulfilledAt,
    shippedAt: r.shippedAt,
    deliveredAt: r.deliveredAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    lines: parts.lines.map((l) => ({
      id: l.id,
      position: l.position,
      variantId: l.variantId,
      productId: l.productId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
      fulfilledQty: l.fulfilledQty,
      shippedQty: l.shippedQty,
      returnedQty: l.returnedQty,
      allocations: l.allocations,
    })),
    payments: parts.payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      amountMinor: p.amountMinor,
      method: p.method,
      reference: p.reference,
      reason: p.reason,
      at: p.at,
      actorId: p.actorId,
    })),
    shipments: parts.shipments.map((s) => ({
      id: s.id,
      trackingNumber: s.trackingNumber,
      carrier: s.carrier,
      lines: s.lines,
      purchaseRequestId: s.purchaseRequestId,
      reference: s.reference,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
    })),
    history: parts.history.map((h) => ({
      id: h.id,
      type: h.type,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      data: h.data,
      actorId: h.actorId,
      at: h.at,
    })),
  };
}
