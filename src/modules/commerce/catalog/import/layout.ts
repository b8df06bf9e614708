import type { FieldError } from '../../../../platform/errors.ts';
import { PRODUCT_STATUSES, type ProductStatus } from '../schema.ts';
import { isCurrency, parseMajor } from './money.ts';

/**
 * The two CSV layouts a product import reads, one row per variant: Freehold's own (documented in
 * docs/commerce/catalog.md) and Shopify's product export. Headers are matched case-insensitively, with spaces,
 * dashes and underscores alike; columns neither layout knows are ignored (Shopify's export has many).
 */
export type Layout = 'freehold' | 'shopify';

export type ParsedPrice = { currency: string; amountMinor: number; compareAtMinor: number | null };

export type ParsedRow = {
  rowNumber: number;
  handle: string;
  title: string | null;
  description: string | null;
  vendor: string | null;
  productType: string | null;
  status: ProductStatus | null;
  category: string | null;
  tags: string[] | null;
  images: { url: string; alt: string | null }[];
  optionNames: (string | null)[];
  /** Null: the row only adds to its product (a Shopify image row), it names no variant. */
  variant: {
    sku: string;
    title: string | null;
    optionValues: string[];
    barcode: string | null;
    weightGrams: number | null;
    lengthMm: number | null;
    widthMm: number | null;
    heightMm: number | null;
    imageUrl: string | null;
    prices: ParsedPrice[];
    quantity: number | null;
  } | null;
};

export const normHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

/** Shopify's export is recognised by its variant columns. */
export function detectLayout(headers: string[]): Layout {
  const n = new Set(headers.map(normHeader));
  return n.has('variant_sku') && n.has('handle') ? 'shopify' : 'freehold';
}

/** Columns each layout needs; a file without them is refused at upload, naming them. */
export function missingColumns(layout: Layout, headers: string[]): string[] {
  const n = new Set(headers.map(normHeader));
  if (layout === 'shopify') return ['handle', 'title'].filter((c) => !n.has(c));
  const missing = ['sku'].filter((c) => !n.has(c));
  if (!n.has('handle') && !n.has('title')) missing.push('handle or title');
  return missing;
}

// Layout column → the field it fills. Freehold names first, Shopify's beside them.
const ALIASES: Record<Layout, Record<string, string>> = {
  freehold: {
    handle: 'handle',
    title: 'title',
    description: 'description',
    vendor: 'vendor',
    type: 'productType',
    product_type: 'productType',
    status: 'status',
    category: 'category',
    tags: 'tags',
    images: 'images',
    sku: 'sku',
    variant_title: 'variantTitle',
    barcode: 'barcode',
    weight_g: 'weight',
    length_mm: 'length',
    width_mm: 'width',
    height_mm: 'height',
    variant_image: 'variantImage',
    price: 'price',
    compare_at_price: 'compareAt',
    currency: 'currency',
    quantity: 'quantity',
  },
  shopify: {
    handle: 'handle',
    title: 'title',
    'body_(html)': 'description',
    vendor: 'vendor',
    type: 'productType',
    status: 'status',
    product_category: 'category',
    tags: 'tags',
    image_src: 'imageSrc',
    image_alt_text: 'imageAlt',
    variant_sku: 'sku',
    variant_barcode: 'barcode',
    variant_grams: 'weight',
    variant_image: 'variantImage',
    variant_price: 'price',
    variant_compare_at_price: 'compareAt',
    variant_inventory_qty: 'quantity',
  },
};

const URL_RE = /^https?:\/\/\S+$/i;

/** Reads one data row. Errors name the row and the column as the file spells it. */
export function parseRow(
  layout: Layout,
  headers: string[],
  cells: string[],
  rowNumber: number,
  defaultCurrency: string,
): { row: ParsedRow } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f: Record<string, string> = {};
  const header: Record<string, string> = {};
  const priceCols: { currency: string; kind: 'price' | 'compareAt'; value: string; header: string }[] = [];
  const options: { n: number; name?: string; value?: string }[] = [1, 2, 3].map((n) => ({ n }));
  headers.forEach((h, i) => {
    const key = normHeader(h);
    const value = (cells[i] ?? '').trim();
    const alias = ALIASES[layout][key];
    if (alias) {
      f[alias] = value;
      header[alias] = h;
      return;
    }
    const opt = /^option([123])_(name|value)$/.exec(key);
    if (opt) {
      const o = options[Number(opt[1]) - 1]!;
      if (opt[2] === 'name') o.name = value;
      else o.value = value;
      return;
    }
    const priced = layout === 'freehold' ? /^(price|compare_at_price)_([a-z]{3})$/.exec(key) : null;
    if (priced)
      priceCols.push({
        currency: priced[2]!.toUpperCase(),
        kind: priced[1] === 'price' ? 'price' : 'compareAt',
        value,
        header: h,
      });
  });
  const col = (alias: string) => header[alias] ?? alias;
  const str = (alias: string, max: number): string | null => {
    const v = f[alias];
    if (!v) return null;
    if (v.length > max) errors.push({ field: col(alias), message: `is longer than ${max} characters` });
    return v.slice(0, max);
  };
  const whole = (alias: string, max: number): number | null => {
    const v = f[alias];
    if (!v) return null;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > max) {
      errors.push({ field: col(alias), message: `must be a number from 0 to ${max}` });
      return null;
    }
    return Math.round(n);
  };

  const title = str('title', 300);
  const handleRaw = str('handle', 200);
  const handle = slugHandle(handleRaw ?? title ?? '');
  if (!handle) errors.push({ field: col('handle'), message: 'a row needs a handle or a title' });

  const statusRaw = f.status?.toLowerCase();
  let status: ProductStatus | null = null;
  if (statusRaw) {
    if ((PRODUCT_STATUSES as readonly string[]).includes(statusRaw)) status = statusRaw as ProductStatus;
    else errors.push({ field: col('status'), message: `must be one of ${PRODUCT_STATUSES.join(', ')}` });
  }

  const images: { url: string; alt: string | null }[] = [];
  const addImage = (url: string, alt: string | null, field: string) => {
    if (URL_RE.test(url)) images.push({ url, alt });
    else errors.push({ field, message: `${url.slice(0, 80)} is not an http(s) URL` });
  };
  if (layout === 'shopify' && f.imageSrc) addImage(f.imageSrc, f.imageAlt || null, col('imageSrc'));
  if (layout === 'freehold' && f.images)
    for (const url of f.images.split(/[\s|,]+/).filter(Boolean)) addImage(url, null, col('images'));
  const variantImage = str('variantImage', 2000);
  if (variantImage && !URL_RE.test(variantImage))
    errors.push({ field: col('variantImage'), message: 'is not an http(s) URL' });

  // Shopify writes "Title / Default Title" for a product without options.
  const realOptions = options.filter((o) => !(o.name === 'Title' && o.value === 'Default Title'));
  const optionValues = realOptions.map((o) => o.value ?? '').filter(Boolean);
  const optionNames = options.map((o) => (o.name === 'Title' && o.value === 'Default Title' ? null : o.name || null));

  const prices: ParsedPrice[] = [];
  const addPrice = (currency: string, kind: 'price' | 'compareAt', value: string, field: string) => {
    if (!value) return;
    if (!isCurrency(currency)) {
      errors.push({ field, message: `${currency} is not an ISO 4217 currency` });
      return;
    }
    const minor = parseMajor(value, currency);
    if (minor === null) {
      errors.push({ field, message: `${value} is not a price in ${currency}` });
      return;
    }
    let p = prices.find((x) => x.currency === currency);
    if (!p) {
      p = { currency, amountMinor: -1, compareAtMinor: null };
      prices.push(p);
    }
    if (kind === 'price') p.amountMinor = minor;
    else p.compareAtMinor = minor;
  };
  const rowCurrency = (f.currency || defaultCurrency).toUpperCase();
  addPrice(rowCurrency, 'price', f.price ?? '', col('price'));
  addPrice(rowCurrency, 'compareAt', f.compareAt ?? '', col('compareAt'));
  for (const p of priceCols) addPrice(p.currency, p.kind, p.value, p.header);
  const orphan = prices.find((p) => p.amountMinor < 0);
  if (orphan) errors.push({ field: col('price'), message: `a compare-at price in ${orphan.currency} needs a price` });

  let sku = str('sku', 100);
  const isImageRow = layout === 'shopify' && !sku && !title && !optionValues.length && !f.price;
  // Shopify leaves the SKU blank for many products; the handle (and option values) stand in, so the row can still
  // be found again by a later import.
  if (!sku && layout === 'shopify' && !isImageRow) sku = [handle, ...optionValues.map(slugHandle)].join('-');
  if (!sku && !isImageRow) errors.push({ field: col('sku'), message: 'is required' });

  const quantity = f.quantity ? whole('quantity', 1_000_000_000) : null;
  const variant = isImageRow
    ? null
    : {
        sku: sku ?? '',
        title: str('variantTitle', 300),
        optionValues,
        barcode: str('barcode', 64),
        weightGrams: whole('weight', 100_000_000),
        lengthMm: whole('length', 100_000),
        widthMm: whole('width', 100_000),
        heightMm: whole('height', 100_000),
        imageUrl: variantImage,
        prices,
        quantity,
      };
  if (errors.length) return { errors };
  return {
    row: {
      rowNumber,
      handle,
      title,
      description: str('description', 20_000),
      vendor: str('vendor', 200),
      productType: str('productType', 200),
      status,
      category: str('category', 500),
      tags: f.tags
        ? [
            ...new Set(
              f.tags
                .split(',')
                .map((t) => t.trim().slice(0, 80))
                .filter(Boolean),
            ),
          ]
        : null,
      images,
      optionNames,
      variant,
    },
  };
}

const slugHandle = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
