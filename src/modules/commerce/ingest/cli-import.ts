import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { crmImport } from '../../crm/index.ts';
import { cancelOrderImport } from './csv/cancel-order-import.ts';
import { listOrderImportErrors } from './csv/list-order-imports.ts';
import { type OrderImportProgress, runOrderImport } from './csv/run-order-import.ts';
import { startOrderImport } from './csv/start-order-import.ts';
import { uploadOrderImport } from './csv/upload-order-import.ts';
import { commerceStorefronts, ORDER_IMPORT_FORMATS, type OrderImportFormat } from './schema.ts';

export type ImportOrdersCliOptions = {
  db: Db;
  dataDir: string;
  workspaceId: string;
  file: string;
  format?: string | undefined;
  shopDomain?: string | undefined;
  /** A WooCommerce connection's name, whose shop host scopes the order ids. */
  storefront?: string | undefined;
  encoding?: string | undefined;
  delimiter?: string | undefined;
};

/**
 * `freehold import orders FILE --format shopify|woocommerce|csv`: the API's use cases run in this process (no
 * worker), a progress bar on stderr, the summary and the orders not taken (with their rows) on stdout. Returns the
 * lines to print; throws when the import did not finish.
 */
export async function importOrdersFile(o: ImportOrdersCliOptions): Promise<string[]> {
  if (!fs.existsSync(o.file)) throw new Error(`No such file: ${o.file}`);
  if (o.format && !(ORDER_IMPORT_FORMATS as readonly string[]).includes(o.format))
    throw new Error(`--format must be one of ${ORDER_IMPORT_FORMATS.join(', ')}`);
  const { db, workspaceId } = o;
  let storefrontId: string | undefined;
  if (o.storefront) {
    const [sf] = await db
      .select({ id: commerceStorefronts.id })
      .from(commerceStorefronts)
      .where(and(eq(commerceStorefronts.workspaceId, workspaceId), eq(commerceStorefronts.name, o.storefront)));
    if (!sf) throw new Error(`No storefront connection named "${o.storefront}" in this workspace.`);
    storefrontId = sf.id;
  }
  const uploaded = await uploadOrderImport({
    db,
    dataDir: o.dataDir,
    workspaceId,
    userId: null,
    filename: path.basename(o.file),
    stream: fs.createReadStream(o.file),
    format: o.format as OrderImportFormat | undefined,
    encoding: o.encoding ? crmImport.ZEncoding.parse(o.encoding) : undefined,
    delimiter: o.delimiter ? crmImport.ZDelimiter.parse(o.delimiter) : undefined,
  });
  process.stderr.write(
    `Reading ${uploaded.filename} as ${uploaded.format} (${uploaded.encoding}, ${uploaded.delimiter === '\t' ? 'tab' : uploaded.delimiter})\n`,
  );
  try {
    await startOrderImport({
      db,
      workspaceId,
      id: uploaded.id,
      shopDomain: o.shopDomain,
      storefrontId,
      enqueue: false,
    });
  } catch (err) {
    // Not started: the stored upload goes, so a failed command leaves nothing behind.
    await cancelOrderImport({ db, workspaceId, id: uploaded.id });
    if (err instanceof AppError && err.fields.some((f) => f.field === 'shopDomain'))
      throw new Error('A WooCommerce file needs --shop-domain shop.example.com (or --storefront "Connection name").');
    throw err;
  }

  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: ' {bar} {percentage}% | {orders} orders | {rate} orders/s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  bar.start(uploaded.sizeBytes, 0, { orders: 0, rate: 0 });
  const onProgress = (p: OrderImportProgress) =>
    bar.update(p.bytesDone, {
      orders: p.ordersDone,
      rate: Math.round(p.ordersDone / Math.max(0.001, (performance.now() - t0) / 1000)),
    });
  let outcome: Awaited<ReturnType<typeof runOrderImport>>;
  try {
    outcome = await runOrderImport({ db, workspaceId, importId: uploaded.id, onProgress });
    onProgress(outcome);
  } finally {
    bar.stop();
  }
  const lines = [
    `orders ${outcome.ordersDone}: created ${outcome.created}, already there ${outcome.existing}, not taken ${outcome.failed}, skipped ${outcome.skipped}`,
  ];
  let cursor: string | undefined;
  do {
    const page = await listOrderImportErrors({ db, workspaceId, id: uploaded.id, limit: 500, cursor });
    for (const e of page.data)
      lines.push(
        `  rows ${e.rows.join(', ')}${e.orderRef ? ` (${e.orderRef})` : ''}: ${e.message}${e.fields.length ? ` — ${e.fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : ''}`,
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (outcome.status !== 'done') throw new Error(outcome.error ?? `The import ended ${outcome.status}.`);
  return lines;
}
