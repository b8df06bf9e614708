import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import type { Product } from '../catalog/api.ts';

// Payloads of /api/v1/stock-locations, /stock-levels, /stock-movements and /purchase-requests
// (src/modules/commerce/stock/contracts.ts), dates as strings.

export type LocationKind = 'warehouse' | 'shop' | 'dropship';
export const LOCATION_KINDS: readonly LocationKind[] = ['warehouse', 'shop', 'dropship'];
export const KIND_COLORS: Record<LocationKind, string> = { warehouse: 'blue', shop: 'grape', dropship: 'orange' };

export type StockLocation = {
  id: string;
  name: string;
  kind: LocationKind;
  code: string | null;
  address: Record<string, string | null | undefined>;
  supplierEmail: string | null;
  tracksLevels: boolean;
  priority: number;
  active: boolean;
  variantCount: number;
  onHand: number;
  lowCount: number;
};

export type StockLevel = {
  locationId: string;
  locationName: string;
  locationKind: LocationKind;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  onHand: number;
  reserved: number;
  available: number | null;
  lowStockThreshold: number | null;
  low: boolean;
  lowSince: string | null;
  updatedAt: string;
};

export type MovementKind = 'received' | 'reserved' | 'released' | 'shipped' | 'adjusted' | 'returned';
export const MOVEMENT_KINDS: readonly MovementKind[] = [
  'received',
  'reserved',
  'released',
  'shipped',
  'adjusted',
  'returned',
];

export type StockMovement = {
  id: string;
  locationId: string;
  locationName: string;
  variantId: string;
  sku: string | null;
  kind: MovementKind;
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
  orderId: string | null;
  lineId: string | null;
  reason: string | null;
  createdAt: string;
};

export type PurchaseRequest = {
  id: string;
  orderId: string;
  orderNumber: string;
  locationId: string;
  supplierName: string;
  supplierEmail: string;
  status: 'pending' | 'sent' | 'shipped' | 'cancelled';
  lines: { lineId: string; variantId: string; sku: string; title: string; quantity: number }[];
  sentAt: string | null;
  shippedAt: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  createdAt: string;
};

export const PR_COLORS: Record<PurchaseRequest['status'], string> = {
  pending: 'yellow',
  sent: 'blue',
  shipped: 'teal',
  cancelled: 'gray',
};

export const stockKeys = {
  all: ['commerce-stock'] as const,
  locations: ['commerce-stock', 'locations'] as const,
  levels: ['commerce-stock', 'levels'] as const,
  movements: ['commerce-stock', 'movements'] as const,
  purchaseRequests: ['commerce-stock', 'purchase-requests'] as const,
};

export function useLocations() {
  return useQuery({
    queryKey: stockKeys.locations,
    queryFn: () => api.get<Page<StockLocation>>('/stock-locations', { limit: 500 }),
    select: (r) => r.data,
  });
}

/** Variants matching a search (SKU prefix, barcode or product words), for the receive and adjust dialogs. */
export function useVariantSearch(q: string) {
  return useQuery({
    queryKey: ['commerce-products', 'variant-search', q],
    queryFn: () => api.get<Page<Product>>('/products', { q, limit: 20 }),
    select: (r) =>
      r.data.flatMap((p) =>
        p.variants.map((v) => ({ value: v.id, label: `${v.sku} — ${v.title ? `${p.title} — ${v.title}` : p.title}` })),
      ),
  });
}
