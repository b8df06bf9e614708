import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { addJob } from '../../../../platform/jobs/queue.ts';
import { commerceOrderImports } from '../schema.ts';
import { findStorefront } from '../storefronts/storefront-row.ts';
import { orderImportJob } from './jobs.ts';
import { importWhere, toOrderImportView } from './order-import-view.ts';

/**
 * Starts an uploaded import and queues its job in the same transaction (the job exists exactly when the import says
 * `queued`; the job key makes a double click queue one). A WooCommerce file needs its shop's host, given or taken
 * from a WooCommerce connection, so its orders get the ids that shop's webhooks use.
 */
export async function startOrderImport(opts: {
  db: Db;
  workspaceId: string;
  id: string;
  shopDomain?: string | undefined;
  storefrontId?: string | undefined;
  /** The CLI runs the import in its own process instead of queueing a job. */
  enqueue?: boolean;
}) {
  const { db, workspaceId, id } = opts;
  return db.transaction(async (tx) => {
    const [imp] = await tx.select().from(commerceOrderImports).where(importWhere(workspaceId, id)).for('update');
    if (!imp) throw AppError.notFound('Order import');
    if (imp.status !== 'uploaded') throw new AppError('CONFLICT', `This import is already ${imp.status}.`);
    let shopDomain = opts.shopDomain ?? null;
    if (opts.storefrontId) {
      const sf = await findStorefront(tx, workspaceId, opts.storefrontId);
      if (sf.platform !== imp.format)
        throw AppError.validation([
          { field: 'storefrontId', message: `is a ${sf.platform} connection, this file is ${imp.format}` },
        ]);
      shopDomain = sf.shopDomain;
    }
    if (imp.format === 'woocommerce' && !shopDomain)
      throw AppError.validation([
        { field: 'shopDomain', message: 'is required for a WooCommerce file (its order ids are per shop)' },
      ]);
    const [row] = await tx
      .update(commerceOrderImports)
      .set({ status: 'queued', shopDomain: imp.format === 'woocommerce' ? shopDomain : null })
      .where(importWhere(workspaceId, id))
      .returning();
    if (opts.enqueue !== false)
      await addJob(tx, orderImportJob, { workspaceId, importId: id }, { jobKey: `order-import:${id}` });
    return toOrderImportView(row!);
  });
}
