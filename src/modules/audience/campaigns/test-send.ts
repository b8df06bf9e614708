import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { type CompiledTemplate, compileTemplate, renderCompiled } from '../../../platform/mail/render.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { emailMessages } from '../schema.ts';
import { resolveAccount, transportFor } from '../sending/accounts.ts';
import { liquidVars, listUnsubscribeHeaders, messageLinks } from '../sending/personalise.ts';
import { sendMessage } from '../sending/send-message.ts';
import { suppressionOf } from '../sending/suppression.ts';
import { audienceSettingsFor } from '../settings.ts';
import { type CampaignRecord, campaignRecord } from './campaign-row.ts';

/**
 * Sends the campaign as it stands to a few addresses, marked 'test' (not in the report, not on the recipients list).
 * An address that belongs to a contact is personalised with that contact's data (through sendMessage, on its
 * timeline); another gets sample data and no timeline entry, since it is nobody's history.
 */
export async function testSendCampaign({
  db,
  config,
  workspaceId,
  id,
  emails,
}: {
  db: Db;
  config: Config;
  workspaceId: string;
  id: string;
  emails: string[];
}) {
  const c = await campaignRecord(db, workspaceId, id);
  const compiled = await compileTemplate({
    subject: `[Test] ${c.subject}`,
    mjml: c.mjml,
    text: c.text,
    preheader: c.preheader,
  });
  const known = await db.execute<{
    id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
    company_name: string | null;
    title: string | null;
    country: string | null;
    language: string | null;
    tags: string[];
    custom: Record<string, unknown>;
  }>(sql`select distinct on (e.email) c.id, e.email, c.first_name, c.last_name, c.company_name, c.title, c.country,
      c.language, c.tags, c.custom
    from contacts c cross join lateral unnest(c.emails) as e(email)
    where c.workspace_id = ${workspaceId} and c.merged_into_id is null and c.erased_at is null
      and c.emails && ${textArray(emails)} and e.email = any(${textArray(emails)})
    order by e.email, c.created_at`);
  const byEmail = new Map(known.rows.map((r) => [r.email, r]));
  const results: { email: string; status: 'sent' | 'skipped' | 'failed'; reason: string | null }[] = [];
  for (const email of [...new Set(emails)]) {
    const k = byEmail.get(email);
    if (!k) {
      results.push(await sendSample(db, config, workspaceId, c, compiled, email));
      continue;
    }
    const r = await sendMessage(db, config, {
      workspaceId,
      contact: {
        id: k.id,
        email,
        firstName: k.first_name,
        lastName: k.last_name,
        companyName: k.company_name,
        title: k.title,
        country: k.country,
        language: k.language,
        tags: k.tags,
        custom: k.custom,
      },
      sourceType: 'test',
      sourceId: c.id,
      template: compiled,
      accountId: c.accountId,
      listIds: c.listIds,
      marketing: true,
      track: false,
    });
    results.push({
      email,
      status: r.status,
      reason: r.status === 'sent' ? null : r.reason,
    });
  }
  return { results };
}

/** A test to an address that is no contact's: sample data, a 'test' message row without contact, no timeline. */
async function sendSample(
  db: Db,
  config: Config,
  workspaceId: string,
  c: CampaignRecord,
  compiled: CompiledTemplate,
  email: string,
): Promise<{ email: string; status: 'sent' | 'skipped' | 'failed'; reason: string | null }> {
  const suppressed = await suppressionOf(db, workspaceId, email);
  if (suppressed) return { email, status: 'skipped', reason: `suppressed (${suppressed})` };
  const workspace = await getWorkspaceInfo(db, workspaceId);
  if (!workspace) throw AppError.notFound('Workspace');
  const settings = await audienceSettingsFor(db, workspaceId);
  const account = await resolveAccount(db, config, workspace, c.accountId);
  const id = newId();
  const links = messageLinks({ publicUrl: config.publicUrl, workspaceId, signingKey: settings.signingKey }, id, null);
  const rendered = await renderCompiled(
    compiled,
    liquidVars({
      contact: { id: '', email, firstName: 'Alex', lastName: 'Example', companyName: 'Example Ltd' },
      workspace: { name: workspace.name, postalAddress: settings.postalAddress },
      links,
    }),
  );
  await db.insert(emailMessages).values({
    workspaceId,
    id,
    contactId: null,
    email,
    sourceType: 'test',
    sourceId: c.id,
    status: 'sending',
    subject: rendered.subject,
  });
  const result = await transportFor(db, account).send({
    workspaceId,
    messageId: `${id}@${account.domain}`,
    from: { email: account.fromEmail, name: account.fromName },
    replyTo: account.replyTo,
    to: email,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: listUnsubscribeHeaders(links.unsubscribeUrl),
  });
  await db
    .update(emailMessages)
    .set(
      result.ok
        ? { status: 'sent', sentAt: new Date(), messageId: `${id}@${account.domain}` }
        : { status: 'failed', error: result.response.slice(0, 1000) },
    )
    .where(and(eq(emailMessages.workspaceId, workspaceId), eq(emailMessages.id, id)));
  return result.ok ? { email, status: 'sent', reason: null } : { email, status: 'failed', reason: result.response };
}
