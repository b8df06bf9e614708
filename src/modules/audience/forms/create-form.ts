import crypto from 'node:crypto';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { TForm, TFormCreate } from './contracts.ts';
import { listOptIns, toForm } from './form-row.ts';
import { normalizeTagList } from './form-values.ts';
import { audienceForms, type FormField } from './schema.ts';
import { validateFormRefs } from './validate-form.ts';

const DEFAULT_FIELDS: FormField[] = [
  { key: 'email', label: 'Email', required: true, placeholder: null },
  { key: 'firstName', label: 'First name', required: false, placeholder: null },
];

/** 16 random bytes: unguessable, so a form's URL does not reveal or enumerate the others. */
export function newPublicId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export async function createForm({
  db,
  workspaceId,
  input,
  publicUrl,
}: {
  db: DbOrTx;
  workspaceId: string;
  input: TFormCreate;
  publicUrl: string;
}): Promise<TForm> {
  const checked = await validateFormRefs(db, workspaceId, {
    fields: input.fields ?? DEFAULT_FIELDS,
    listIds: input.listIds,
    leadMagnetId: input.leadMagnetId,
  });
  const [row] = await db
    .insert(audienceForms)
    .values({
      workspaceId,
      id: newId(),
      publicId: newPublicId(),
      name: input.name,
      title: input.title || input.name,
      description: input.description ?? null,
      fields: checked.fields ?? DEFAULT_FIELDS,
      consentText: input.consentText ?? null,
      submitLabel: input.submitLabel ?? null,
      listIds: [...new Set(input.listIds ?? [])],
      tags: normalizeTagList(input.tags ?? []),
      source: {
        channel: input.source?.channel ?? 'website_form',
        name: input.source?.name ?? null,
        campaign: input.source?.campaign ?? null,
      },
      leadMagnetId: input.leadMagnetId ?? null,
      afterSubmit: input.afterSubmit ?? { kind: 'message', message: 'Thank you!' },
      confirmSubject: input.confirmSubject ?? null,
      confirmMessage: input.confirmMessage ?? null,
      language: input.language ?? null,
      active: input.active ?? true,
    })
    .returning();
  return toForm(row!, { publicUrl, optIns: await listOptIns(db, workspaceId, row!.listIds) });
}
