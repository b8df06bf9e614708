import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { addJob } from '../../../../platform/jobs/queue.ts';
import { commerceWebhookDeliveries } from '../schema.ts';
import { DELIVERY_PRIORITY } from '../webhooks/policy.ts';
import { processDeliveryJob } from '../webhooks/process-delivery.ts';
import { findStorefront } from './storefront-row.ts';

/**
 * Processes a failed delivery again (after adding the missing stock or SKU): the platform will not send it again,
 * having had its 200. The job is queued in the same transaction as the status change.
 */
export async function retryDelivery({
  db,
  workspaceId,
  storefrontId,
  deliveryId,
}: {
  db: Db;
  workspaceId: string;
  storefrontId: string;
  deliveryId: string;
}) {
  await findStorefront(db, workspaceId, storefrontId);
  const d = commerceWebhookDeliveries;
  return db.transaction(async (tx) => {
    const where = and(eq(d.workspaceId, workspaceId), eq(d.storefrontId, storefrontId), eq(d.id, deliveryId));
    const [cur] = await tx.select().from(d).where(where).for('update');
    if (!cur) throw AppError.notFound('Delivery');
    // Failed, or still queued after its job gave up on a passing error (the database was away): both keep the body.
    const stuck = cur.status === 'queued' && cur.error !== null;
    if ((cur.status !== 'failed' && !stuck) || cur.payload === null)
      throw new AppError('CONFLICT', `Only a failed delivery can be retried; this one is ${cur.status}.`, [
        { field: 'status', message: `is ${cur.status}` },
      ]);
    const [row] = await tx
      .update(d)
      .set({ status: 'queued', error: null, errorFields: null, outcome: null, processedAt: null })
      .where(where)
      .returning();
    await addJob(
      tx,
      processDeliveryJob,
      { workspaceId, deliveryId },
      { jobKey: `ingest:${deliveryId}:retry:${Date.now()}`, priority: DELIVERY_PRIORITY },
    );
    const { payload: _payload, dedupeKey: _key, workspaceId: _ws, storefrontId: _sf, ...view } = row!;
    return view;
  });
}
