import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { emailTemplates } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import type { TEmailTemplateUpdate } from './contracts.ts';
import { getTemplateRow, toTemplate } from './template-row.ts';
import { validateTemplateSource } from './validate-template.ts';

export async function updateTemplate({
  db,
  workspaceId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  input: TEmailTemplateUpdate;
}) {
  const current = await getTemplateRow(db, workspaceId, id);
  const next = {
    subject: input.subject ?? current.subject,
    preheader: input.preheader === undefined ? current.preheader : input.preheader,
    mjml: input.mjml ?? current.mjml,
    text: input.text === undefined ? current.text : input.text,
  };
  await validateTemplateSource(next);
  const [row] = await db
    .update(emailTemplates)
    .set({ ...next, name: input.name ?? current.name, updatedAt: new Date() })
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, id)))
    .returning();
  return toTemplate(row!, await audienceSettingsFor(db, workspaceId));
}
