import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emailTemplates } from '../schema.ts';
import type { TEmailTemplate } from './contracts.ts';
import { marketingReady, templateWarnings } from './safety.ts';

export type TemplateRow = typeof emailTemplates.$inferSelect;

export function toTemplate(r: TemplateRow, ctx: { postalAddress: string | null }): TEmailTemplate {
  return {
    id: r.id,
    name: r.name,
    subject: r.subject,
    preheader: r.preheader,
    mjml: r.mjml,
    text: r.text,
    warnings: templateWarnings(r, ctx),
    marketingReady: marketingReady(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getTemplateRow(db: DbOrTx, workspaceId: string, id: string): Promise<TemplateRow> {
  const [row] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)));
  if (!row) throw AppError.notFound('Template');
  return row;
}
