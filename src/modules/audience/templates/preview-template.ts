import type { Config } from '../../../platform/config.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { renderCompiled, type TemplateSource } from '../../../platform/mail/render.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { liquidVars } from '../sending/personalise.ts';
import { audienceSettingsFor } from '../settings.ts';
import { mailContactOf, SAMPLE_CONTACT } from './mail-contact.ts';
import { templateWarnings } from './safety.ts';
import { validateTemplateSource } from './validate-template.ts';

/** Links in a preview go nowhere real: a preview is no message, and must not unsubscribe anybody. */
export function previewLinks(publicUrl: string) {
  return {
    unsubscribeUrl: `${publicUrl}/p/u/preview`,
    preferencesUrl: `${publicUrl}/p/prefs/preview`,
    viewUrl: `${publicUrl}/p/v/preview`,
  };
}

/** The template rendered as it would reach one contact of the workspace (or a sample contact). */
export async function previewTemplate({
  db,
  config,
  workspaceId,
  source,
  contactId,
}: {
  db: DbOrTx;
  config: Config;
  workspaceId: string;
  source: TemplateSource;
  contactId?: string | undefined;
}) {
  const { compiled, warnings: mjmlWarnings } = await validateTemplateSource(source);
  const contact = contactId ? await mailContactOf(db, workspaceId, contactId) : SAMPLE_CONTACT;
  const workspace = await getWorkspaceInfo(db, workspaceId);
  if (!workspace) throw AppError.notFound('Workspace');
  const settings = await audienceSettingsFor(db, workspaceId);
  const rendered = await renderCompiled(
    compiled,
    liquidVars({
      contact,
      workspace: { name: workspace.name, postalAddress: settings.postalAddress },
      links: previewLinks(config.publicUrl),
    }),
  );
  return {
    ...rendered,
    contact: {
      id: contactId ? contact.id : null,
      name: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
      email: contact.email,
      sample: !contactId,
    },
    warnings: [...templateWarnings(source, settings), ...mjmlWarnings],
  };
}
