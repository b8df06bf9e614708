import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeOptions } from './quote-codec.ts';
import { shippingQuotes } from './schema.ts';

/** A stored quote with its options as they were answered (expired ones too, until the nightly clean-up). */
export async function getQuote({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const [q] = await db
    .select()
    .from(shippingQuotes)
    .where(and(eq(shippingQuotes.workspaceId, workspaceId), eq(shippingQuotes.id, id)));
  if (!q) throw AppError.notFound('Quote');
  return {
    id: q.id,
    source: q.source,
    currency: q.currency,
    destination: q.destination,
    parcels: q.parcels,
    options: decodeOptions(q.options),
    createdAt: q.createdAt.toISOString(),
    expiresAt: q.expiresAt.toISOString(),
    expired: q.expiresAt.getTime() <= Date.now(),
  };
}
