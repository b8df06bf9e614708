import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { TPickupPoint, TPickupPointCreate } from './contracts.ts';
import { toPickupPoint } from './point-row.ts';
import { preparePoint } from './prepare-point.ts';
import { pickupPoints } from './schema.ts';

export const codeTaken = (code: string | null | undefined) =>
  new AppError('CONFLICT', `Another pickup point already has the code "${code}".`, [
    { field: 'code', message: 'is already used by another pickup point' },
  ]);

export async function workspaceCurrency(db: DbOrTx, workspaceId: string): Promise<string> {
  return (await getWorkspaceInfo(db, workspaceId))?.defaultCurrency ?? 'EUR';
}

export async function createPickupPoint({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TPickupPointCreate;
}): Promise<TPickupPoint> {
  const prepared = preparePoint(input, { currency: await workspaceCurrency(db, workspaceId) });
  if (!prepared.ok) throw AppError.validation(prepared.errors);
  try {
    const [row] = await db
      .insert(pickupPoints)
      .values({ workspaceId, id: newId(), ...prepared.values })
      .returning();
    return toPickupPoint(row!);
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw codeTaken(input.code);
    throw err;
  }
}
