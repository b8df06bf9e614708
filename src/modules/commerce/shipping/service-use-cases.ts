import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { ServiceKind } from './card-types.ts';
import { carrierRow } from './carrier-use-cases.ts';
import { bumpQuoteVersion, forgetQuoteIndex } from './quote-index.ts';
import { shippingServices } from './schema.ts';

type ServiceInput = { code: string; name: string; kind: ServiceKind; active?: boolean | undefined };
const view = (s: typeof shippingServices.$inferSelect) => ({
  id: s.id,
  carrierId: s.carrierId,
  code: s.code,
  name: s.name,
  kind: s.kind,
  active: s.active,
});

/** A service of a carrier. Rate cards price it by its code; for API carriers the code is the API's service token. */
export async function createService({
  db,
  workspaceId,
  carrierId,
  input,
}: {
  db: Db;
  workspaceId: string;
  carrierId: string;
  input: ServiceInput;
}) {
  try {
    const row = await db.transaction(async (tx) => {
      await carrierRow(tx, workspaceId, carrierId, { forUpdate: true });
      const [r] = await tx
        .insert(shippingServices)
        .values({
          workspaceId,
          id: newId(),
          carrierId,
          code: input.code,
          name: input.name,
          kind: input.kind,
          active: input.active ?? true,
        })
        .returning();
      await bumpQuoteVersion(tx, workspaceId);
      return r!;
    });
    forgetQuoteIndex(workspaceId);
    return view(row);
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION)
      throw AppError.validation([{ field: 'body.code', message: 'the carrier already has a service with this code' }]);
    throw err;
  }
}

export async function updateService(opts: {
  db: Db;
  workspaceId: string;
  carrierId: string;
  id: string;
  input: { name?: string | undefined; kind?: ServiceKind | undefined; active?: boolean | undefined };
}) {
  const { db, workspaceId, carrierId, id, input } = opts;
  const row = await db.transaction(async (tx) => {
    await carrierRow(tx, workspaceId, carrierId);
    const [r] = await tx
      .update(shippingServices)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(shippingServices.workspaceId, workspaceId),
          eq(shippingServices.carrierId, carrierId),
          eq(shippingServices.id, id),
        ),
      )
      .returning();
    if (!r) throw AppError.notFound('Service');
    await bumpQuoteVersion(tx, workspaceId);
    return r;
  });
  forgetQuoteIndex(workspaceId);
  return view(row);
}
