import { and, eq } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { TemplateSource } from '../../../platform/mail/render.ts';
import { getContact } from '../../crm/index.ts';
import { listMembers } from '../../identity/index.ts';
import { sendingAccounts } from '../schema.ts';
import { liquidVars, type MailContact } from '../sending/personalise.ts';
import { sendMessage } from '../sending/send-message.ts';
import type { TTestSendResult } from './contracts.ts';
import { contactIdByEmail, mailContactOf, SAMPLE_CONTACT } from './mail-contact.ts';
import { previewLinks } from './preview-template.ts';
import { validateTemplateSource } from './validate-template.ts';

/**
 * Sends the template to a few addresses through the real pipeline (sendMessage: suppression list, List-Unsubscribe,
 * DKIM, tracking), so the test shows what recipients will get. The text is personalised as the chosen contact; the
 * links (unsubscribe, preferences) belong to the test address, never to that contact. A contact's data goes only to
 * members of the workspace or to the contact's own addresses.
 */
export async function testSendTemplate({
  db,
  config,
  workspaceId,
  source,
  sourceId,
  emails,
  contactId,
  accountId,
}: {
  db: Db;
  config: Config;
  workspaceId: string;
  source: TemplateSource;
  sourceId?: string | null;
  emails: string[];
  contactId?: string | undefined;
  accountId?: string | undefined;
}): Promise<TTestSendResult> {
  const { compiled } = await validateTemplateSource(source);
  const persona = contactId ? await mailContactOf(db, workspaceId, contactId) : SAMPLE_CONTACT;
  const targets = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (contactId) {
    const members = new Set((await listMembers({ db, workspaceId })).map((m) => m.email.toLowerCase()));
    const own = new Set((await getContact({ db, workspaceId, id: contactId })).emails.map((e) => e.toLowerCase()));
    const errors: FieldError[] = targets
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => !members.has(e) && !own.has(e))
      .map(({ i }) => ({
        field: `emails.${i}`,
        message: "a test personalised as a contact goes only to this workspace's members or to that contact",
      }));
    if (errors.length) throw AppError.validation(errors);
  }
  if (accountId) {
    const [acc] = await db
      .select({ id: sendingAccounts.id })
      .from(sendingAccounts)
      .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, accountId)));
    if (!acc) throw AppError.notFound('Sending account');
  }
  const personaVars = liquidVars({
    contact: persona,
    workspace: { name: '', postalAddress: null },
    links: previewLinks(config.publicUrl),
  }).contact as Record<string, unknown>;

  const results: TTestSendResult['results'] = [];
  for (const email of targets) {
    const recipientId = await contactIdByEmail(db, workspaceId, email);
    // The message belongs to the test address: its contact when it has one (then the test is on their timeline).
    // sendMessage types the id as a string; a test to an address no contact has carries none.
    const recipient = {
      ...persona,
      id: recipientId as string,
      email,
    } satisfies MailContact;
    const r = await sendMessage(db, config, {
      workspaceId,
      contact: recipient,
      sourceType: 'test',
      sourceId: sourceId ?? null,
      template: compiled,
      vars: {
        contact: { ...personaVars, email },
        ...(recipientId ? {} : { preferences_url: previewLinks(config.publicUrl).preferencesUrl }),
      },
      accountId: accountId ?? null,
      marketing: true,
    });
    results.push({
      email,
      status: r.status,
      reason: r.status === 'sent' ? null : r.reason,
    });
  }
  return { results };
}
