import { shippingRateCards } from './schema.ts';

type CardRow = typeof shippingRateCards.$inferSelect;
type SummaryRow = Omit<CardRow, 'definition' | 'source'>;

export const toRateCardSummary = (r: SummaryRow) => ({
  id: r.id,
  carrierId: r.carrierId,
  version: r.version,
  active: r.active,
  currency: r.currency,
  filename: r.filename,
  rowCount: r.rowCount,
  zoneCount: r.zoneCount,
  serviceCount: r.serviceCount,
  warnings: r.warnings,
  createdAt: r.createdAt.toISOString(),
  activatedAt: r.activatedAt?.toISOString() ?? null,
});

export const summaryColumns = {
  workspaceId: shippingRateCards.workspaceId,
  id: shippingRateCards.id,
  carrierId: shippingRateCards.carrierId,
  version: shippingRateCards.version,
  active: shippingRateCards.active,
  currency: shippingRateCards.currency,
  filename: shippingRateCards.filename,
  rowCount: shippingRateCards.rowCount,
  zoneCount: shippingRateCards.zoneCount,
  serviceCount: shippingRateCards.serviceCount,
  warnings: shippingRateCards.warnings,
  createdBy: shippingRateCards.createdBy,
  createdAt: shippingRateCards.createdAt,
  activatedAt: shippingRateCards.activatedAt,
};
