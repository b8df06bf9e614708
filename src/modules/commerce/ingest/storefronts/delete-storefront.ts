import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { AppError } from '../../../../platform/errors.ts';
import { commerceStorefronts, commerceWebhookDeliveries } from '../schema.ts';

/**
 * Disconnects a storefront: its webhook URL stops answering (the platform then pauses or removes the webhook) and
 * its delivery log goes with it. Orders taken from it stay.
 */
export async function deleteStorefront({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(commerceStorefronts)
      .where(and(eq(commerceStorefronts.workspaceId, workspaceId), eq(commerceStorefronts.id, id)))
      .returning({ id: commerceStorefronts.id });
    if (!gone.length) throw AppError.notFound('Storefront connection');
    await tx
      .delete(commerceWebhookDeliveries)
      .where(
        and(eq(commerceWebhookDeliveries.workspaceId, workspaceId), eq(commerceWebhookDeliveries.storefrontId, id)),
      );
  });
}
