import type { Config } from '../../../platform/config.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emailTemplates } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import type { TEmailTemplateCreate } from './contracts.ts';
import { starterByKey } from './starters.ts';
import { toTemplate } from './template-row.ts';
import { validateTemplateSource } from './validate-template.ts';

export async function createTemplate({
  db,
  config,
  workspaceId,
  input,
}: {
  db: DbOrTx;
  config: Config;
  workspaceId: string;
  input: TEmailTemplateCreate;
}) {
  const starter = input.fromStarter ? starterByKey(config.publicUrl, input.fromStarter) : null;
  if (input.fromStarter && !starter) {
    throw AppError.validation([{ field: 'fromStarter', message: 'is not a starter template' }]);
  }
  const mjml = input.mjml ?? starter?.mjml;
  const name = input.name ?? starter?.name;
  const missing = [
    ...(name ? [] : [{ field: 'name', message: 'is required (or start from a starter)' }]),
    ...(mjml ? [] : [{ field: 'mjml', message: 'is required (or start from a starter)' }]),
  ];
  if (missing.length) throw AppError.validation(missing);
  const src = {
    subject: input.subject ?? starter?.subject ?? '',
    preheader: input.preheader === undefined ? (starter?.preheader ?? null) : input.preheader,
    mjml: mjml!,
    text: input.text ?? null,
  };
  await validateTemplateSource(src);
  // Times set here (millisecond precision), so the list's cursor on updatedAt is exact.
  const now = new Date();
  const [row] = await db
    .insert(emailTemplates)
    .values({ workspaceId, id: newId(), name: name!, ...src, createdAt: now, updatedAt: now })
    .returning();
  const settings = await audienceSettingsFor(db, workspaceId);
  return toTemplate(row!, settings);
}
