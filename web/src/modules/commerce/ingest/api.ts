// Payload types of the ingest endpoints (src/modules/commerce/ingest/*/contracts.ts) as the browser receives them.

export type Platform = 'shopify' | 'woocommerce';

export type Storefront = {
  id: string;
  name: string;
  platform: Platform;
  shopDomain: string | null;
  webhookUrl: string;
  secretHint: string;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type StorefrontWithSecret = Storefront & { secret: string };

export type Delivery = {
  id: string;
  topic: string;
  status: 'queued' | 'processed' | 'ignored' | 'failed';
  externalId: string | null;
  orderId: string | null;
  outcome: string | null;
  error: string | null;
  errorFields: { field: string; message: string }[] | null;
  receivedAt: string;
  processedAt: string | null;
};

export type ImportFormat = 'shopify' | 'woocommerce' | 'csv';
export type OrderImport = {
  id: string;
  filename: string;
  format: ImportFormat;
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  shopDomain: string | null;
  rowsDone: number;
  ordersDone: number;
  created: number;
  existing: number;
  failed: number;
  skipped: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type OrderImportError = {
  kind: 'error' | 'skipped';
  orderRef: string | null;
  rows: number[];
  message: string;
  fields: { field: string; message: string }[];
};

export const ingestKeys = {
  storefronts: ['commerce', 'storefronts'] as const,
  storefront: (id: string) => ['commerce', 'storefronts', id] as const,
  deliveries: (id: string) => ['commerce', 'storefronts', id, 'deliveries'] as const,
  imports: ['commerce', 'order-imports'] as const,
  import: (id: string) => ['commerce', 'order-imports', id] as const,
  importErrors: (id: string) => ['commerce', 'order-imports', id, 'errors'] as const,
};

export const isFinished = (s: OrderImport['status']) => s === 'done' || s === 'failed' || s === 'cancelled';
