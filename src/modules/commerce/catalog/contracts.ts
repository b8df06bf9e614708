import { z } from 'zod';
import { PRODUCT_STATUSES } from './schema.ts';

const text = (max: number) => z.string().trim().max(max);
/** Millimetres and grams: whole, not negative, and below what any parcel service would take (100 t, 100 m). */
const measure = (max: number) => z.number().int().min(0).max(max);

export const ZCurrency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as EUR')
  .transform((s) => s.toUpperCase());

export const ZPrice = z.object({
  currency: ZCurrency,
  amountMinor: z.number().int().min(0).max(1e12).describe('In minor units (cents): 1999 = 19.99'),
  compareAtMinor: z.number().int().min(0).max(1e12).nullish().describe('The struck-through "was" price'),
});

const ZPriceOut = z.object({ currency: z.string(), amountMinor: z.number(), compareAtMinor: z.number().nullable() });

const ZHttpUrl = text(2000)
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const ZVariantInput = z.object({
  sku: text(100).min(1, 'is required'),
  title: text(300).optional().describe('"Brass / Large"; made from optionValues when left out'),
  optionValues: z.array(text(120)).max(3).optional(),
  barcode: text(64).nullish().describe('EAN, UPC or ISBN'),
  weightGrams: measure(100_000_000).nullish(),
  lengthMm: measure(100_000).nullish(),
  widthMm: measure(100_000).nullish(),
  heightMm: measure(100_000).nullish(),
  imageUrl: ZHttpUrl.nullish(),
  position: z.number().int().min(0).max(10_000).optional(),
  prices: z.array(ZPrice).max(50).optional().describe('One per currency; on update the list replaces the old one'),
});
export type TVariantInput = z.infer<typeof ZVariantInput>;

export const ZVariantUpdate = ZVariantInput.partial();
export type TVariantUpdate = z.infer<typeof ZVariantUpdate>;

export const ZVariant = z
  .object({
    id: z.string().uuid(),
    productId: z.string().uuid(),
    sku: z.string(),
    title: z.string(),
    optionValues: z.array(z.string()),
    barcode: z.string().nullable(),
    weightGrams: z.number().nullable(),
    lengthMm: z.number().nullable(),
    widthMm: z.number().nullable(),
    heightMm: z.number().nullable(),
    imageUrl: z.string().nullable(),
    position: z.number(),
    prices: z.array(ZPriceOut),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Variant' });
export type TVariant = z.infer<typeof ZVariant>;

const ZImage = z.object({ url: ZHttpUrl, alt: text(300).nullish() });

const productFields = {
  title: text(300).min(1, 'is required'),
  handle: text(200)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and dashes')
    .optional()
    .describe('Made from the title when left out'),
  description: text(20_000).nullish(),
  vendor: text(200).nullish(),
  productType: text(200).nullish(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  categoryId: z.string().uuid().nullish(),
  tags: z.array(text(80)).max(100).optional(),
  images: z.array(ZImage).max(50).optional(),
  options: z.array(text(80)).max(3).optional().describe('Option names, e.g. ["Size", "Colour"]'),
};

export const ZProductCreate = z.object({
  ...productFields,
  variants: z.array(ZVariantInput).min(1, 'a product needs a variant').max(250),
});
export type TProductCreate = z.infer<typeof ZProductCreate>;

export const ZProductUpdate = z
  .object({ ...productFields, title: productFields.title.optional() })
  .meta({ id: 'ProductUpdate' });
export type TProductUpdate = z.infer<typeof ZProductUpdate>;

export const ZProduct = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    handle: z.string(),
    description: z.string().nullable(),
    vendor: z.string().nullable(),
    productType: z.string().nullable(),
    status: z.enum(PRODUCT_STATUSES),
    categoryId: z.string().uuid().nullable(),
    tags: z.array(z.string()),
    images: z.array(z.object({ url: z.string(), alt: z.string().nullable() })),
    options: z.array(z.string()),
    variants: z.array(ZVariant),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Product' });
export type TProduct = z.infer<typeof ZProduct>;

export const PRODUCT_SORTS = ['createdAt', '-createdAt', 'title', '-title'] as const;

export const ZProductListQuery = z.object({
  q: text(200).optional().describe('Words of the title, handle, vendor, type or tags; or a SKU prefix or barcode'),
  categoryId: z.string().uuid().optional().describe('This category and everything below it'),
  status: z.enum(PRODUCT_STATUSES).optional(),
  tag: text(80).optional(),
  sort: z.enum(PRODUCT_SORTS).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TProductListQuery = z.infer<typeof ZProductListQuery>;

export const ZCategoryCreate = z
  .object({
    name: text(120).min(1, 'is required'),
    parentId: z.string().uuid().nullish(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .meta({ id: 'CategoryCreate' });
export type TCategoryCreate = z.infer<typeof ZCategoryCreate>;

export const ZCategoryUpdate = ZCategoryCreate.partial().meta({ id: 'CategoryUpdate' });
export type TCategoryUpdate = z.infer<typeof ZCategoryUpdate>;

export const ZCategory = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    parentId: z.string().uuid().nullable(),
    position: z.number(),
    path: z.string().describe('Names from the top, joined by " > "'),
    productCount: z.number().describe('Products directly in this category'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Category' });
export type TCategory = z.infer<typeof ZCategory>;

export const ZCategoryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(500),
  cursor: z.string().optional(),
});
