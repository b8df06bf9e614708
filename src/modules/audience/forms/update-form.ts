import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { TForm, TFormUpdate } from './contracts.ts';
import { getFormRow, listOptIns, toForm } from './form-row.ts';
import { normalizeTagList } from './form-values.ts';
import { audienceForms } from './schema.ts';
import { validateFormRefs } from './validate-form.ts';

export async function updateForm({
  db,
  workspaceId,
  id,
  input,
  publicUrl,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TFormUpdate;
  publicUrl: string;
}): Promise<TForm> {
  const before = await getFormRow(db, workspaceId, id);
  const checked = await validateFormRefs(db, workspaceId, {
    fields: input.fields,
    listIds: input.listIds,
    leadMagnetId: input.leadMagnetId,
  });
  const set: Partial<typeof audienceForms.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) set.name = input.name;
  if (input.title !== undefined) set.title = input.title || input.name || before.name;
  if (input.description !== undefined) set.description = input.description ?? null;
  if (checked.fields) set.fields = checked.fields;
  if (input.consentText !== undefined) set.consentText = input.consentText ?? null;
  if (input.submitLabel !== undefined) set.submitLabel = input.submitLabel ?? null;
  if (input.listIds !== undefined) set.listIds = [...new Set(input.listIds)];
  if (input.tags !== undefined) set.tags = normalizeTagList(input.tags);
  if (input.source !== undefined)
    set.source = {
      channel: input.source.channel ?? 'website_form',
      name: input.source.name ?? null,
      campaign: input.source.campaign ?? null,
    };
  if (input.leadMagnetId !== undefined) set.leadMagnetId = input.leadMagnetId ?? null;
  if (input.afterSubmit !== undefined) set.afterSubmit = input.afterSubmit;
  if (input.confirmSubject !== undefined) set.confirmSubject = input.confirmSubject ?? null;
  if (input.confirmMessage !== undefined) set.confirmMessage = input.confirmMessage ?? null;
  if (input.language !== undefined) set.language = input.language ?? null;
  if (input.active !== undefined) set.active = input.active;
  const [row] = await db
    .update(audienceForms)
    .set(set)
    .where(and(eq(audienceForms.workspaceId, workspaceId), eq(audienceForms.id, id)))
    .returning();
  return toForm(row!, { publicUrl, optIns: await listOptIns(db, workspaceId, row!.listIds) });
}
