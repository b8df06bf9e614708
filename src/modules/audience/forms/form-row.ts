import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { audienceLists } from '../schema.ts';
import type { TForm } from './contracts.ts';
import { audienceForms } from './schema.ts';

export type FormRow = typeof audienceForms.$inferSelect;

export async function getFormRow(db: DbOrTx, workspaceId: string, id: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(audienceForms)
    .where(and(eq(audienceForms.workspaceId, workspaceId), eq(audienceForms.id, id)));
  if (!row) throw AppError.notFound('Form');
  return row;
}

/** Public pages find a form by its public id only; the workspace comes with it. */
export async function formByPublicId(db: DbOrTx, publicId: string): Promise<FormRow | null> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(publicId)) return null;
  const [row] = await db.select().from(audienceForms).where(eq(audienceForms.publicId, publicId));
  return row ?? null;
}

/** The double opt-in setting of each of the given lists that exists in the workspace. */
export async function listOptIns(db: DbOrTx, workspaceId: string, listIds: string[]): Promise<Map<string, boolean>> {
  if (!listIds.length) return new Map();
  const rows = await db
    .select({ id: audienceLists.id, doubleOptIn: audienceLists.doubleOptIn })
    .from(audienceLists)
    .where(and(eq(audienceLists.workspaceId, workspaceId), inArray(audienceLists.id, listIds)));
  return new Map(rows.map((r) => [r.id, r.doubleOptIn]));
}

export function hostedUrl(publicUrl: string, publicId: string): string {
  return `${publicUrl}/p/f/${publicId}`;
}

export function embedCode(publicUrl: string, publicId: string): string {
  return `<div data-freehold-form="${publicId}"></div>\n<script src="${publicUrl}/p/forms/embed.js" async></script>`;
}

export function toForm(row: FormRow, opts: { publicUrl: string; optIns: Map<string, boolean> }): TForm {
  return {
    id: row.id,
    publicId: row.publicId,
    name: row.name,
    title: row.title,
    description: row.description,
    fields: row.fields.map((f) => ({ ...f, placeholder: f.placeholder ?? null })),
    consentText: row.consentText,
    submitLabel: row.submitLabel,
    listIds: row.listIds,
    tags: row.tags,
    source: { channel: row.source.channel, name: row.source.name ?? null, campaign: row.source.campaign ?? null },
    leadMagnetId: row.leadMagnetId,
    afterSubmit: row.afterSubmit,
    confirmSubject: row.confirmSubject,
    confirmMessage: row.confirmMessage,
    language: row.language,
    active: row.active,
    doubleOptIn: row.listIds.some((l) => opts.optIns.get(l) ?? true),
    hostedUrl: hostedUrl(opts.publicUrl, row.publicId),
    embedCode: embedCode(opts.publicUrl, row.publicId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function getForm({
  db,
  workspaceId,
  id,
  publicUrl,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  publicUrl: string;
}): Promise<TForm> {
  const row = await getFormRow(db, workspaceId, id);
  return toForm(row, { publicUrl, optIns: await listOptIns(db, workspaceId, row.listIds) });
}
