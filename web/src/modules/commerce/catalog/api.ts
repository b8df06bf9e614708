import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';

// Payloads of /api/v1/products, /variants, /categories and /product-imports
// (src/modules/commerce/catalog/contracts.ts), dates as strings.

export type ProductStatus = 'active' | 'draft' | 'archived';
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['active', 'draft', 'archived'];
export const STATUS_COLORS: Record<ProductStatus, string> = { active: 'teal', draft: 'yellow', archived: 'gray' };

export type Price = { currency: string; amountMinor: number; compareAtMinor: number | null };

export type Variant = {
  id: string;
  productId: string;
  sku: string;
  title: string;
  optionValues: string[];
  barcode: string | null;
  weightGrams: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  imageUrl: string | null;
  position: number;
  prices: Price[];
  createdAt: string;
  updatedAt: string;
};

export type Product = {
  id: string;
  title: string;
  handle: string;
  description: string | null;
  vendor: string | null;
  productType: string | null;
  status: ProductStatus;
  categoryId: string | null;
  tags: string[];
  images: { url: string; alt: string | null }[];
  options: string[];
  variants: Variant[];
  createdAt: string;
  updatedAt: string;
};

export type Category = {
  id: string;
  name: string;
  parentId: string | null;
  position: number;
  path: string;
  productCount: number;
};

export type ProductImport = {
  id: string;
  filename: string;
  layout: 'freehold' | 'shopify';
  currency: string;
  locationId: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  rowsTotal: number;
  rowsDone: number;
  productsCreated: number;
  variantsCreated: number;
  variantsUpdated: number;
  rejected: number;
  errors: { row: number; field: string | null; message: string }[];
  error: string | null;
  createdAt: string;
};

export type VariantInput = {
  sku: string;
  title?: string;
  optionValues?: string[];
  barcode?: string | null;
  weightGrams?: number | null;
  lengthMm?: number | null;
  widthMm?: number | null;
  heightMm?: number | null;
  imageUrl?: string | null;
  prices?: { currency: string; amountMinor: number; compareAtMinor?: number | null }[];
};

export const catalogKeys = {
  products: ['commerce-products'] as const,
  list: (filters: object) => ['commerce-products', 'list', filters] as const,
  product: (id: string) => ['commerce-products', 'one', id] as const,
  categories: ['commerce-categories'] as const,
  imports: ['commerce-product-imports'] as const,
  variantSearch: (q: string) => ['commerce-products', 'variant-search', q] as const,
};

/** Every category in tree order (catalogs have few: one page of 500). */
export function useCategories() {
  return useQuery({
    queryKey: catalogKeys.categories,
    queryFn: () => api.get<Page<Category>>('/categories', { limit: 500 }),
    select: (r) => r.data,
  });
}

/** "Brass desk lamp — Large", as orders and stock name a variant. */
export const variantName = (p: Pick<Product, 'title'>, v: Pick<Variant, 'title'>) =>
  v.title ? `${p.title} — ${v.title}` : p.title;
