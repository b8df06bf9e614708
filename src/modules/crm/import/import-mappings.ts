import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { listCustomFields } from '../fields/custom-fields.ts';
import { importMappings } from '../schema.ts';
import { type ImportEntity, type Mapping, validateMapping } from './mapping.ts';

/** Saved mappings let a recurring export (the same CRM, the same scanner app) import in one step. */
const columns = {
  id: importMappings.id,
  name: importMappings.name,
  entity: importMappings.entity,
  mapping: importMappings.mapping,
  createdAt: importMappings.createdAt,
};

export async function listImportMappings({
  db,
  workspaceId,
  entity,
}: {
  db: DbOrTx;
  workspaceId: string;
  entity?: ImportEntity | undefined;
}) {
  const conds = [eq(importMappings.workspaceId, workspaceId)];
  if (entity) conds.push(eq(importMappings.entity, entity));
  return db
    .select(columns)
    .from(importMappings)
    .where(and(...conds))
    .orderBy(asc(importMappings.name));
}

/** Saving under an existing name replaces that mapping: names are how people and the CLI refer to them. */
export async function saveImportMapping({
  db,
  workspaceId,
  name,
  entity,
  mapping,
}: {
  db: DbOrTx;
  workspaceId: string;
  name: string;
  entity: ImportEntity;
  mapping: Mapping;
}) {
  const custom = await listCustomFields({ db, workspaceId, entity });
  const valid = validateMapping(mapping, Object.keys(mapping), entity, custom, { strict: true });
  const [row] = await db
    .insert(importMappings)
    .values({ workspaceId, id: newId(), name: name.trim(), entity, mapping: valid })
    .onConflictDoUpdate({
      target: [importMappings.workspaceId, importMappings.name],
      set: { entity, mapping: valid },
    })
    .returning(columns);
  return row!;
}

export async function findImportMapping({ db, workspaceId, name }: { db: DbOrTx; workspaceId: string; name: string }) {
  const [row] = await db
    .select(columns)
    .from(importMappings)
    .where(and(eq(importMappings.workspaceId, workspaceId), eq(importMappings.name, name.trim())));
  if (!row) throw AppError.notFound(`Saved mapping "${name}"`);
  return row;
}

export async function deleteImportMapping({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const r = await db
    .delete(importMappings)
    .where(and(eq(importMappings.workspaceId, workspaceId), eq(importMappings.id, id)))
    .returning({ id: importMappings.id });
  if (!r.length) throw AppError.notFound('Saved mapping');
}
