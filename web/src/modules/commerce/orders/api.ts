// Payload types of the orders API (src/modules/commerce/orders/contracts.ts), as the browser receives them: dates
// arrive as ISO strings.

import type { OrderStatus, PaymentStatus } from '../../../../../src/modules/commerce/orders/vocabulary.ts';

export {
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
} from '../../../../../src/modules/commerce/orders/vocabulary.ts';

export const STATUS_COLORS: Record<OrderStatus, string> = {
  placed: 'gray',
  paid: 'blue',
  partially_fulfilled: 'yellow',
  fulfilled: 'cyan',
  partially_shipped: 'grape',
  shipped: 'violet',
  delivered: 'teal',
  cancelled: 'red',
};

export const PAYMENT_COLORS: Record<PaymentStatus, string> = {
  unpaid: 'orange',
  partially_paid: 'yellow',
  paid: 'teal',
  partially_refunded: 'grape',
  refunded: 'red',
};

export type OrderCustomer = {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
};

export type OrderSummary = {
  id: string;
  number: string;
  source: string;
  externalId: string | null;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  currency: string;
  contactId: string | null;
  customer: OrderCustomer;
  itemCount: number;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  pickupPointId: string | null;
  tags: string[];
  imported: boolean;
  placedAt: string;
  createdAt: string;
  updatedAt: string;
};

export type OrderLine = {
  id: string;
  position: number;
  variantId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  fulfilledQty: number;
  shippedQty: number;
  returnedQty: number;
  allocations: { locationId: string; locationKind: 'warehouse' | 'shop' | 'dropship'; quantity: number }[];
};

export type OrderAddress = {
  name?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string;
  phone?: string | null;
};

export type Order = OrderSummary & {
  shippingAddress: OrderAddress | null;
  billingAddress: OrderAddress | null;
  shipping: {
    carrierName: string;
    serviceName: string | null;
    serviceKind: string | null;
    priceMinor: number;
    breakdown: { code: string; label: string; amountMinor: number }[];
    eta: { earliest: string; latest: string } | null;
  } | null;
  note: string | null;
  dueMinor: number;
  lines: OrderLine[];
  payments: {
    id: string;
    kind: 'payment' | 'refund';
    amountMinor: number;
    method: string | null;
    reference: string | null;
    reason: string | null;
    at: string;
  }[];
  shipments: {
    id: string;
    trackingNumber: string | null;
    carrier: string | null;
    lines: { lineId: string; quantity: number }[];
    purchaseRequestId: string | null;
    shippedAt: string;
    deliveredAt: string | null;
  }[];
  history: {
    id: string;
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    data: Record<string, unknown>;
    at: string;
  }[];
};

export type PickList = {
  locations: {
    locationId: string | null;
    locationKind: 'warehouse' | 'shop' | null;
    units: number;
    lines: {
      orderId: string;
      orderNumber: string;
      placedAt: string;
      paymentStatus: PaymentStatus;
      customerName: string | null;
      lineId: string;
      sku: string | null;
      title: string;
      quantity: number;
    }[];
  }[];
};

export type StockLocation = { id: string; name: string; kind: string; code: string | null };

export const orderKeys = {
  all: ['commerce', 'orders'] as const,
  list: (filters: Record<string, unknown>) => ['commerce', 'orders', 'list', filters] as const,
  one: (id: string) => ['commerce', 'orders', 'one', id] as const,
  pickList: ['commerce', 'orders', 'pick-list'] as const,
  locations: ['commerce', 'stock-locations'] as const,
};

export const customerName = (c: OrderCustomer): string =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '';

/** What each step allows, mirroring the server's rules (the server still decides). */
export function allowed(o: Order) {
  const open = o.lines.some((l) => l.fulfilledQty < l.quantity);
  const waiting = o.lines.some((l) => l.fulfilledQty > l.shippedQty);
  const live = o.status !== 'cancelled' && o.status !== 'delivered';
  return {
    pay: o.status !== 'cancelled' && o.dueMinor > 0,
    fulfil: live && open,
    ship: live && waiting,
    deliver: live && o.shipments.some((s) => !s.deliveredAt),
    cancel: o.status === 'placed' || o.status === 'paid',
    refund: o.paidMinor - o.refundedMinor > 0 || o.lines.some((l) => l.fulfilledQty > l.returnedQty),
  };
}
