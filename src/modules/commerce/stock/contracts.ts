import { z } from 'zod';
import { LOCATION_KINDS, MOVEMENT_KINDS, PURCHASE_REQUEST_STATUSES } from './schema.ts';

const text = (max: number) => z.string().trim().max(max);
const qty = z.number().int().min(1).max(1_000_000_000);

const ZAddress = z.object({
  line1: text(200).nullish(),
  line2: text(200).nullish(),
  city: text(120).nullish(),
  region: text(120).nullish(),
  postcode: text(20).nullish(),
  country: text(2)
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 code such as NL')
    .transform((s) => s.toUpperCase())
    .nullish(),
});

const locationFields = {
  name: text(120).min(1, 'is required'),
  kind: z.enum(LOCATION_KINDS),
  code: text(20).nullish(),
  address: ZAddress.optional(),
  supplierEmail: text(254).email('must be an email address').nullish().describe('Required for dropship suppliers'),
  tracksLevels: z
    .boolean()
    .optional()
    .describe('Dropship only: false when the supplier does not report stock, so it can fill any quantity'),
  priority: z.number().int().min(0).max(10_000).optional().describe('Within a kind, lower is used first'),
  active: z.boolean().optional(),
};

export const ZLocationCreate = z.object(locationFields);
export type TLocationCreate = z.infer<typeof ZLocationCreate>;
export const ZLocationUpdate = z
  .object({ ...locationFields, name: locationFields.name.optional() })
  .omit({ kind: true });
export type TLocationUpdate = z.infer<typeof ZLocationUpdate>;

export const ZLocation = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(LOCATION_KINDS),
    code: z.string().nullable(),
    address: z.record(z.string(), z.string().nullable().optional()),
    supplierEmail: z.string().nullable(),
    tracksLevels: z.boolean(),
    priority: z.number(),
    active: z.boolean(),
    variantCount: z.number().describe('Variants this location carries'),
    onHand: z.number().describe('Units on hand, all variants'),
    lowCount: z.number().describe('Levels at or below their low-stock threshold'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'StockLocation' });
export type TLocation = z.infer<typeof ZLocation>;

export const ZLocationListQuery = z.object({
  kind: z.enum(LOCATION_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

export const ZReceive = z
  .object({
    lines: z
      .array(z.object({ variantId: z.string().uuid(), quantity: qty }))
      .min(1)
      .max(1000),
    reason: text(300).optional().describe('Delivery note, supplier invoice…'),
  })
  .meta({ id: 'StockReceive' });
export type TReceive = z.infer<typeof ZReceive>;

export const ZAdjust = z
  .object({
    lines: z
      .array(
        z
          .object({
            variantId: z.string().uuid(),
            onHand: z.number().int().min(0).max(1_000_000_000).optional().describe('The counted quantity'),
            delta: z.number().int().min(-1_000_000_000).max(1_000_000_000).optional().describe('Or a change'),
          })
          .refine((l) => (l.onHand === undefined) !== (l.delta === undefined), 'give either onHand or delta'),
      )
      .min(1)
      .max(1000),
    reason: text(300).min(1, 'say why (count, damage, theft…)'),
  })
  .meta({ id: 'StockAdjust' });
export type TAdjust = z.infer<typeof ZAdjust>;

export const ZLevelSettings = z
  .object({
    lowStockThreshold: z.number().int().min(0).max(1_000_000_000).nullable(),
  })
  .meta({ id: 'StockLevelSettings' });

export const ZLevelParams = z.object({ id: z.string().uuid(), variantId: z.string().uuid() });

export const ZLevel = z
  .object({
    locationId: z.string().uuid(),
    locationName: z.string(),
    locationKind: z.enum(LOCATION_KINDS),
    variantId: z.string().uuid(),
    productId: z.string().uuid(),
    sku: z.string(),
    title: z.string(),
    onHand: z.number(),
    reserved: z.number(),
    available: z.number().nullable().describe('on hand − reserved; null: unlimited (dropship without levels)'),
    lowStockThreshold: z.number().nullable(),
    low: z.boolean(),
    lowSince: z.date().nullable(),
    updatedAt: z.date(),
  })
  .meta({ id: 'StockLevel' });
export type TLevel = z.infer<typeof ZLevel>;

export const ZLevelListQuery = z.object({
  locationId: z.string().uuid().optional(),
  variantId: z.string().uuid().optional(),
  productId: z.string().uuid().optional(),
  q: text(100).optional().describe('SKU prefix or words of the product title'),
  low: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only levels at or below their threshold'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});
export type TLevelListQuery = z.infer<typeof ZLevelListQuery>;

export const ZMovement = z
  .object({
    id: z.string().uuid(),
    locationId: z.string().uuid(),
    locationName: z.string(),
    variantId: z.string().uuid(),
    sku: z.string().nullable(),
    kind: z.enum(MOVEMENT_KINDS),
    quantity: z.number(),
    onHandDelta: z.number(),
    reservedDelta: z.number(),
    orderId: z.string().uuid().nullable(),
    lineId: z.string().nullable(),
    reason: z.string().nullable(),
    actorId: z.string().uuid().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'StockMovement' });
export type TMovement = z.infer<typeof ZMovement>;

export const ZMovementListQuery = z.object({
  locationId: z.string().uuid().optional(),
  variantId: z.string().uuid().optional(),
  orderId: z.string().uuid().optional(),
  kind: z.enum(MOVEMENT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});
export type TMovementListQuery = z.infer<typeof ZMovementListQuery>;

export const ZPurchaseRequest = z
  .object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    orderNumber: z.string(),
    locationId: z.string().uuid(),
    supplierName: z.string(),
    supplierEmail: z.string(),
    status: z.enum(PURCHASE_REQUEST_STATUSES),
    lines: z.array(
      z.object({ lineId: z.string(), variantId: z.string(), sku: z.string(), title: z.string(), quantity: z.number() }),
    ),
    sentAt: z.date().nullable(),
    shippedAt: z.date().nullable(),
    trackingNumber: z.string().nullable(),
    carrier: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'PurchaseRequest' });
export type TPurchaseRequest = z.infer<typeof ZPurchaseRequest>;

export const ZPurchaseRequestListQuery = z.object({
  status: z.enum(PURCHASE_REQUEST_STATUSES).optional(),
  orderId: z.string().uuid().optional(),
  locationId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TPurchaseRequestListQuery = z.infer<typeof ZPurchaseRequestListQuery>;

export const ZPurchaseRequestShipped = z
  .object({ trackingNumber: text(100).optional(), carrier: text(100).optional() })
  .meta({ id: 'PurchaseRequestShipped' });
