import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, PG, pgCode } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { TLocation, TLocationCreate } from './contracts.ts';
import { checkLocation, getLocation } from './locations.ts';
import { stockLocations } from './schema.ts';

export const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A stock location named ${name} already exists`, [
    { field: 'name', message: 'is already used by another location' },
  ]);

export async function createLocation({
  db,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TLocationCreate;
}): Promise<TLocation> {
  const values = {
    workspaceId,
    id: newId(),
    name: input.name,
    kind: input.kind,
    code: input.code ?? null,
    address: input.address ?? {},
    supplierEmail: input.supplierEmail?.toLowerCase() ?? null,
    tracksLevels: input.tracksLevels ?? true,
    priority: input.priority ?? 0,
    active: input.active ?? true,
  };
  checkLocation(values);
  return db.transaction(async (tx) => {
    try {
      await tx.insert(stockLocations).values(values);
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw nameTaken(input.name);
      throw err;
    }
    return getLocation({ db: tx, workspaceId, id: values.id });
  });
}
