import { z } from 'zod';
import { isCurrency } from '../../../platform/money.ts';
import { ORDER_STATUSES, PAYMENT_STATUSES } from './schema.ts';

// The orders API's contracts. `ZOrderInput` is also the ingest contract: the storefront, CSV and POS mappers build it
// and call createOrders.

const text = (max: number) => z.string().trim().max(max);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDateTime = z.string().datetime({ offset: true });

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
// Region codes Intl names that are not countries one can ship to.
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
/** ISO 3166-1 alpha-2, as the ICU region data knows it. */
export const isCountry = (c: string): boolean =>
  /^[A-Z]{2}$/.test(c) && !NOT_COUNTRIES.has(c) && regionNames.of(c) !== undefined;

const ZCurrency = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCurrency, 'is not an ISO 4217 currency code (e.g. EUR)');

export const ZOrderAddressInput = z.object({
  name: text(200).nullish(),
  company: text(200).nullish(),
  line1: text(300).min(1),
  line2: text(300).nullish(),
  city: text(120).min(1),
  region: text(120).nullish(),
  postcode: text(20).nullish(),
  country: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isCountry, 'is not an ISO 3166 two-letter country code (e.g. NL)'),
  phone: text(40).nullish(),
});

const ZLineInput = z.object({
  variantId: z.string().uuid().nullish(),
  sku: text(100).nullish(),
  title: text(500).nullish(),
  quantity: z.number().int().min(1).max(100_000),
  unitPriceMinor: minor,
  discountMinor: minor.nullish().describe('For the whole line'),
  taxMinor: minor.nullish().describe('For the whole line, added to the price'),
});

export const ZOrderInput = z
  .object({
    externalId: text(200).min(1).nullish().describe('The storefront’s id: a repeated create returns that order'),
    source: text(40).min(1).describe("Where it came from: 'api', 'shopify', 'woocommerce', 'pos', 'csv' …"),
    number: text(60).min(1).nullish().describe('The storefront’s order name ("#1001"); ours when left out'),
    placedAt: isoDateTime.nullish(),
    currency: ZCurrency,
    customer: z.object({
      contactId: z.string().uuid().nullish(),
      email: text(254).nullish(),
      phone: text(40).nullish(),
      firstName: text(120).nullish(),
      lastName: text(120).nullish(),
    }),
    lines: z.array(ZLineInput).min(1).max(500),
    shippingAddress: ZOrderAddressInput.nullish(),
    billingAddress: ZOrderAddressInput.nullish(),
    shipping: z
      .union([
        z.object({ quoteId: z.string().uuid(), optionId: text(200).min(1) }).strict(),
        z.object({ carrier: text(120).min(1), service: text(120).nullish(), priceMinor: minor }).strict(),
      ])
      .nullish()
      .describe('A quoted option ({quoteId, optionId} from POST /shipping/quotes) or a carrier and price'),
    pickupPointId: z.string().uuid().nullish(),
    payment: z
      .object({
        amountMinor: minor,
        method: text(60).nullish(),
        reference: text(200).nullish(),
        paidAt: isoDateTime.nullish(),
      })
      .nullish(),
    status: z
      .enum(['placed', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled'])
      .nullish()
      .describe('For past orders brought in: fulfilled, shipped, delivered and cancelled ones never touch stock'),
    note: text(5000).nullish(),
    tags: z.array(text(80)).max(50).nullish(),
  })
  .meta({ id: 'OrderCreate' });
export type OrderInput = z.input<typeof ZOrderInput>;
export type TOrderInput = z.output<typeof ZOrderInput>;

const ZAddressOut = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  line1: z.string(),
  line2: z.string().nullish(),
  city: z.string(),
  region: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string(),
  phone: z.string().nullish(),
});

export const ZOrderSummary = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    source: z.string(),
    externalId: z.string().nullable(),
    status: z.enum(ORDER_STATUSES),
    paymentStatus: z.enum(PAYMENT_STATUSES),
    currency: z.string(),
    contactId: z.string().uuid().nullable(),
    customer: z.object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    }),
    itemCount: z.number().int().describe('Units over all lines'),
    subtotalMinor: z.number().int(),
    discountMinor: z.number().int(),
    taxMinor: z.number().int(),
    shippingMinor: z.number().int(),
    totalMinor: z.number().int(),
    paidMinor: z.number().int(),
    refundedMinor: z.number().int(),
    pickupPointId: z.string().uuid().nullable(),
    tags: z.array(z.string()),
    imported: z.boolean(),
    placedAt: z.date(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'OrderSummary' });
export type TOrderSummary = z.infer<typeof ZOrderSummary>;

export const ZOrderLine = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  variantId: z.string().uuid().nullable(),
  productId: z.string().uuid().nullable(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  fulfilledQty: z.number().int(),
  shippedQty: z.number().int(),
  returnedQty: z.number().int(),
  allocations: z.array(
    z.object({
      locationId: z.string().uuid(),
      locationKind: z.enum(['warehouse', 'shop', 'dropship']),
      quantity: z.number().int(),
    }),
  ),
});

export const ZOrderPayment = z.object({
  id: z.string().uuid(),
  kind: z.enum(['payment', 'refund']),
  amountMinor: z.number().int(),
  method: z.string().nullable(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.date(),
  actorId: z.string().uuid().nullable(),
});

export const ZOrderShipment = z.object({
  id: z.string().uuid(),
  trackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })),
  purchaseRequestId: z.string().uuid().nullable(),
  reference: z.string().nullable().describe('The storefront’s id of the shipment, when it came from one'),
  shippedAt: z.date(),
  deliveredAt: z.date().nullable(),
});

export const ZOrderHistoryEntry = z.object({
  id: z.string().uuid(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actorId: z.string().uuid().nullable(),
  at: z.date(),
});

export const ZOrderShipping = z.object({
  quoteId: z.string().nullable(),
  optionId: z.string().nullable(),
  carrierId: z.string().nullable(),
  carrierName: z.string(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  serviceKind: z.enum(['home', 'pickup_point', 'locker']).nullable(),
  priceMinor: z.number().int(),
  breakdown: z.array(z.object({ code: z.string(), label: z.string(), amountMinor: z.number().int() })),
  eta: z.object({ earliest: z.string(), latest: z.string() }).nullable(),
});

export const ZOrder = ZOrderSummary.extend({
  shippingAddress: ZAddressOut.nullable(),
  billingAddress: ZAddressOut.nullable(),
  shipping: ZOrderShipping.nullable(),
  note: z.string().nullable(),
  dueMinor: z.number().int().describe('Still to pay: total − paid (refunds do not make it due again)'),
  paidAt: z.date().nullable(),
  fulfilledAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  lines: z.array(ZOrderLine),
  payments: z.array(ZOrderPayment),
  shipments: z.array(ZOrderShipment),
  history: z.array(ZOrderHistoryEntry),
}).meta({ id: 'Order' });
export type TOrder = z.infer<typeof ZOrder>;

export const MAX_BATCH = 1000;

export const ZOrderBatchRequest = z
  .object({
    orders: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH)
      .describe(
        'Up to 1,000 OrderInput objects (see POST /orders). Each is validated on its own: a bad one fails alone',
      ),
  })
  .meta({ id: 'OrderBatchRequest' });

export const ZOrderError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })),
});

export const ZOrderBatchResult = z.discriminatedUnion('status', [
  z.object({ index: z.number().int(), status: z.enum(['created', 'existing']), order: ZOrderSummary }),
  z.object({ index: z.number().int(), status: z.literal('error'), error: ZOrderError }),
]);

export const ZOrderBatchResponse = z
  .object({
    created: z.number().int(),
    existing: z.number().int(),
    failed: z.number().int(),
    results: z.array(ZOrderBatchResult).describe('One per order sent, in the same order'),
  })
  .meta({ id: 'OrderBatchResponse' });

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ZOrderListQuery = z.object({
  status: csvOf(ORDER_STATUSES).optional().describe('One status or several, comma-separated'),
  paymentStatus: csvOf(PAYMENT_STATUSES).optional(),
  source: text(40).optional(),
  contactId: z.string().uuid().optional(),
  from: isoDateTime.optional().describe('Placed at or after'),
  to: isoDateTime.optional().describe('Placed before'),
  q: text(254).optional().describe('An order number ("#1001", "F-1001") or the customer’s email (or its start)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TOrderListQuery = z.infer<typeof ZOrderListQuery>;

const ZLineQty = z.object({ lineId: z.string().uuid(), quantity: z.number().int().min(1).max(100_000) });

export const ZPaymentCreate = z
  .object({
    amountMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    method: text(60).optional(),
    reference: text(200).optional(),
    paidAt: isoDateTime.optional(),
  })
  .meta({ id: 'OrderPaymentCreate' });
export type TPaymentCreate = z.infer<typeof ZPaymentCreate>;

export const ZFulfilRequest = z
  .object({
    lines: z.array(ZLineQty).min(1).max(500).optional().describe('Left out: everything still open'),
    locationId: z.string().uuid().optional().describe('Only the lines allocated to this location (a pick list)'),
  })
  .meta({ id: 'OrderFulfil' });
export type TFulfilRequest = z.infer<typeof ZFulfilRequest>;

export const ZShipmentCreate = z
  .object({
    trackingNumber: text(100).optional(),
    carrier: text(100).optional(),
    lines: z.array(ZLineQty).min(1).max(500).optional().describe('Left out: everything fulfilled and not shipped'),
    reference: text(200)
      .optional()
      .describe('Your id of this shipment: sending the same one again records nothing new'),
  })
  .meta({ id: 'OrderShipmentCreate' });
export type TShipmentCreate = z.infer<typeof ZShipmentCreate>;

export const ZDeliverRequest = z
  .object({ shipmentId: z.string().uuid().optional().describe('Left out: every shipment not yet delivered') })
  .meta({ id: 'OrderDeliver' });
export type TDeliverRequest = z.infer<typeof ZDeliverRequest>;

export const ZCancelRequest = z.object({ reason: text(500).optional() }).meta({ id: 'OrderCancel' });
export type TCancelRequest = z.infer<typeof ZCancelRequest>;

export const ZRefundCreate = z
  .object({
    amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    reason: text(500).optional(),
    restock: z
      .array(ZLineQty.extend({ locationId: z.string().uuid().optional() }))
      .max(500)
      .optional()
      .describe('Units coming back into stock (returned goods)'),
  })
  .meta({ id: 'OrderRefundCreate' });
export type TRefundCreate = z.infer<typeof ZRefundCreate>;

export const ZPickListQuery = z.object({ locationId: z.string().uuid().optional() });

const ZPickLine = z.object({
  orderId: z.string().uuid(),
  orderNumber: z.string(),
  placedAt: z.date(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  customerName: z.string().nullable(),
  lineId: z.string().uuid(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int().describe('Units still to pick here'),
});

export const ZPickList = z
  .object({
    locations: z.array(
      z.object({
        locationId: z.string().uuid().nullable().describe('Null: lines without a stock location (not in the catalog)'),
        locationKind: z.enum(['warehouse', 'shop']).nullable(),
        units: z.number().int(),
        lines: z.array(ZPickLine),
      }),
    ),
  })
  .meta({ id: 'PickList' });
