import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { newId } from '../../../platform/ids.ts';
import { addJob, defineJob } from '../../../platform/jobs/queue.ts';
import { sendMessage } from '../../audience/index.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { Allocation } from './allocate.ts';
import { type PurchaseRequestLine, purchaseRequests, stockLocations } from './schema.ts';

export type PurchaseRequestRow = typeof purchaseRequests.$inferSelect;

/**
 * For an order's dropship allocations: one purchase request per supplier location with the lines it is to send, and
 * a job that emails it (after the transaction commits; the job is idempotent). Calling it again for the same order
 * adds no second request for a supplier — the one there is answered.
 */
export async function createPurchaseRequests(
  tx: Tx,
  {
    workspaceId,
    orderId,
    orderNumber,
    allocations,
  }: { workspaceId: string; orderId: string; orderNumber: string; allocations: Allocation[] },
): Promise<PurchaseRequestRow[]> {
  const dropship = allocations.filter((a) => a.locationKind === 'dropship');
  if (!dropship.length) return [];
  const locationIds = [...new Set(dropship.map((a) => a.locationId))];
  const locations = await tx
    .select()
    .from(stockLocations)
    .where(
      and(eq(stockLocations.workspaceId, workspaceId), sql`${stockLocations.id} = any(${uuidArray(locationIds)})`),
    );
  const variants = await tx.execute<{ id: string; sku: string; title: string }>(sql`
    select v.id, v.sku, case when v.title = '' then p.title else p.title || ' — ' || v.title end as title
    from commerce_variants v join commerce_products p on p.workspace_id = v.workspace_id and p.id = v.product_id
    where v.workspace_id = ${workspaceId} and v.id = any(${uuidArray([...new Set(dropship.map((a) => a.variantId))])})`);
  const variant = new Map(variants.rows.map((v) => [v.id, v]));
  const out: PurchaseRequestRow[] = [];
  for (const loc of locations) {
    const lines: PurchaseRequestLine[] = dropship
      .filter((a) => a.locationId === loc.id)
      .map((a) => ({
        lineId: a.lineId,
        variantId: a.variantId,
        sku: variant.get(a.variantId)?.sku ?? '',
        title: variant.get(a.variantId)?.title ?? '',
        quantity: a.quantity,
      }));
    const [created] = await tx
      .insert(purchaseRequests)
      .values({
        workspaceId,
        id: newId(),
        orderId,
        orderNumber,
        locationId: loc.id,
        // A dropship location always has one (the location contract requires it); '' would only fail the send.
        supplierEmail: loc.supplierEmail ?? '',
        lines,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await addJob(
        tx,
        sendPurchaseRequest,
        { workspaceId, purchaseRequestId: created.id },
        { jobKey: `pr:${created.id}` },
      );
      out.push(created);
    } else {
      const [existing] = await tx
        .select()
        .from(purchaseRequests)
        .where(
          and(
            eq(purchaseRequests.workspaceId, workspaceId),
            eq(purchaseRequests.orderId, orderId),
            eq(purchaseRequests.locationId, loc.id),
          ),
        );
      if (existing) out.push(existing);
    }
  }
  return out;
}

const escapeText = (s: string) => s.replaceAll('\r', ' ').replaceAll('\n', ' ');

/** The email a supplier gets. Liquid escapes every value in the HTML part, so a product title cannot inject markup. */
const TEMPLATE = {
  subject: 'Purchase request for order {{ request.orderNumber }} from {{ request.shop }}',
  mjml: `<mjml><mj-body><mj-section><mj-column>
<mj-text font-size="15px" line-height="1.6">Hello,</mj-text>
<mj-text font-size="15px" line-height="1.6">Please send the following to the customer of order {{ request.orderNumber }} and reply with the tracking number.</mj-text>
<mj-text font-size="15px" line-height="1.8">{% for l in request.lines %}{{ l.quantity }} × {{ l.sku }} — {{ l.title }}<br />{% endfor %}</mj-text>
<mj-text font-size="12px" color="#868e96">Purchase request {{ request.id }}, sent by {{ request.shop }} with Freehold.</mj-text>
</mj-column></mj-section></mj-body></mjml>`,
  text: `Hello,

Please send the following to the customer of order {{ request.orderNumber }} and reply with the tracking number.

{% for l in request.lines %}{{ l.quantity }} x {{ l.sku }} - {{ l.title }}
{% endfor %}
Purchase request {{ request.id }}, sent by {{ request.shop }} with Freehold.`,
};

/**
 * Emails one purchase request to its supplier through the workspace's mail layer (SMTP when configured, otherwise
 * the outbox). The send is deduplicated by the request's id, so a re-run sends nothing twice.
 */
export const sendPurchaseRequest = defineJob({
  name: 'commerce.send-purchase-request',
  payload: z.object({ workspaceId: z.string().uuid(), purchaseRequestId: z.string().uuid() }),
  handler: async ({ workspaceId, purchaseRequestId }, ctx) => {
    const pr = await getPurchaseRequestRow(ctx.db, workspaceId, purchaseRequestId);
    if (!pr || pr.status === 'cancelled' || !pr.supplierEmail) return;
    const ws = await getWorkspaceInfo(ctx.db, workspaceId);
    const result = await sendMessage(ctx.db, ctx.config, {
      workspaceId,
      contact: { id: pr.locationId, email: pr.supplierEmail, firstName: null, lastName: null, companyName: null },
      sourceType: 'notification',
      sourceId: pr.id,
      dedupeKey: `purchase-request:${pr.id}`,
      marketing: false,
      template: TEMPLATE,
      vars: {
        request: {
          id: pr.id,
          orderNumber: pr.orderNumber,
          shop: ws?.name ?? '',
          lines: pr.lines.map((l) => ({ ...l, title: escapeText(l.title), sku: escapeText(l.sku) })),
        },
      },
    });
    if (result.status === 'failed') throw new Error(`purchase request ${pr.id}: ${result.reason}`);
    await ctx.db
      .update(purchaseRequests)
      .set({
        sentAt: new Date(),
        updatedAt: new Date(),
        status: sql`case when status = 'pending' then 'sent' else status end`,
      })
      .where(and(eq(purchaseRequests.workspaceId, workspaceId), eq(purchaseRequests.id, pr.id)));
  },
});

export async function getPurchaseRequestRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<PurchaseRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(purchaseRequests)
    .where(and(eq(purchaseRequests.workspaceId, workspaceId), eq(purchaseRequests.id, id)));
  return row;
}
