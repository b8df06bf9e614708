import { and, eq } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import {
  type CompiledTemplate,
  compileTemplate,
  renderCompiled,
  type TemplateSource,
} from '../../../platform/mail/render.ts';
import type { OutgoingMessage } from '../../../platform/mail/types.ts';
import { appendTimeline } from '../../crm/index.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { emailEvents, emailMessages, type MessageSource } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { resolveAccount, transportFor } from './accounts.ts';
import {
  addTextTracking,
  addTracking,
  liquidVars,
  listUnsubscribeHeaders,
  type MailContact,
  messageLinks,
} from './personalise.ts';
import { suppressionOf } from './suppression.ts';

export type SendMessageInput = {
  workspaceId: string;
  contact: MailContact;
  sourceType: MessageSource;
  sourceId?: string | null;
  /** A second call with the same key sends nothing (jobs may run twice). */
  dedupeKey?: string | null;
  template: TemplateSource | CompiledTemplate;
  vars?: Record<string, unknown>;
  accountId?: string | null;
  /** Lists this message is sent for (its unsubscribe link leaves them); none: unsubscribing stops all marketing. */
  listIds?: string[];
  /**
   * Marketing mail carries List-Unsubscribe and tracking and goes to nobody suppressed. Transactional mail (a
   * confirmation someone just asked for) skips the tracking and is stopped only by a hard bounce or a complaint.
   */
  marketing: boolean;
  track?: boolean;
};

export type SendMessageResult =
  | { status: 'sent'; messageId: string; rfcMessageId: string }
  | { status: 'skipped'; messageId: string | null; reason: string }
  | { status: 'failed'; messageId: string; reason: string; permanent: boolean };

/**
 * One email to one person, now: render, record, send, record the outcome. Bulk campaigns build on the same pieces
 * (personalise.ts) but batch them; this is for confirmations, flows, notifications and test sends.
 */
export async function sendMessage(db: Db, config: Config, input: SendMessageInput): Promise<SendMessageResult> {
  const email = input.contact.email.toLowerCase();
  const suppressed = await suppressionOf(db, input.workspaceId, email);
  if (suppressed && (input.marketing || suppressed === 'hard_bounce' || suppressed === 'complaint')) {
    return { status: 'skipped', messageId: null, reason: `suppressed (${suppressed})` };
  }
  let id = newId();
  const inserted = await db
    .insert(emailMessages)
    .values({
      workspaceId: input.workspaceId,
      id,
      contactId: input.contact.id,
      email,
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      listIds: input.listIds ?? [],
      status: 'sending',
    })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  if (inserted.length === 0) {
    // The key was used before. A failed attempt sent nothing, so its row is taken over and the send tried again: every
    // caller that retries (a flow step, a confirmation job, webinar reminders) gets that from here. Anything else
    // under the key (sent, or being sent right now) must not go out twice.
    const retry = input.dedupeKey ? await claimFailed(db, input.workspaceId, input.dedupeKey) : null;
    if (!retry) return { status: 'skipped', messageId: null, reason: 'already sent' };
    id = retry;
  }

  const workspace = await getWorkspaceInfo(db, input.workspaceId);
  if (!workspace) throw new Error(`workspace ${input.workspaceId} not found`);
  const settings = await audienceSettingsFor(db, input.workspaceId);
  const account = await resolveAccount(db, config, workspace, input.accountId);
  const links = messageLinks(
    { publicUrl: config.publicUrl, workspaceId: input.workspaceId, signingKey: settings.signingKey },
    id,
    input.contact.id,
  );
  const compiled = 'html' in input.template ? input.template : await compileTemplate(input.template);
  const rendered = await renderCompiled(
    compiled,
    liquidVars({
      contact: { ...input.contact, email },
      workspace: { name: workspace.name, postalAddress: settings.postalAddress },
      links,
      ...(input.vars ? { extra: input.vars } : {}),
    }),
  );
  const track = input.marketing && input.track !== false;
  const rfcMessageId = `${id}@${account.domain}`;
  const message: OutgoingMessage = {
    workspaceId: input.workspaceId,
    messageId: rfcMessageId,
    from: { email: account.fromEmail, name: account.fromName },
    replyTo: account.replyTo,
    to: email,
    subject: rendered.subject,
    html: track
      ? addTracking(rendered.html, links, { clicks: true, opens: true, publicUrl: config.publicUrl })
      : rendered.html,
    text: track ? addTextTracking(rendered.text, links, config.publicUrl) : rendered.text,
    headers: input.marketing ? listUnsubscribeHeaders(links.unsubscribeUrl) : {},
  };
  const result = await transportFor(db, account).send(message);
  const where = and(eq(emailMessages.workspaceId, input.workspaceId), eq(emailMessages.id, id));
  if (!result.ok) {
    await db
      .update(emailMessages)
      .set({ status: 'failed', error: result.response.slice(0, 1000) })
      .where(where);
    return { status: 'failed', messageId: id, reason: result.response, permanent: result.permanent };
  }
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(emailMessages)
      .set({ status: 'sent', sentAt: now, messageId: rfcMessageId, subject: rendered.subject })
      .where(where);
    await tx.insert(emailEvents).values({
      workspaceId: input.workspaceId,
      id: newId(),
      messageId: id,
      contactId: input.contact.id,
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      type: 'sent',
      at: now,
    });
    // A test send to an address no contact has, or a notification to a workspace member (a user, not a contact),
    // leaves no timeline entry: there is no contact to put it on.
    if (input.contact.id && input.sourceType !== 'notification') {
      await appendTimeline(tx, {
        workspaceId: input.workspaceId,
        contactId: input.contact.id,
        kind: 'email_sent',
        module: 'audience',
        actorId: null,
        at: now,
        data: { subject: rendered.subject, source: input.sourceType, sourceId: input.sourceId ?? null, messageId: id },
      });
    }
  });
  return { status: 'sent', messageId: id, rfcMessageId };
}

async function claimFailed(db: Db, workspaceId: string, dedupeKey: string): Promise<string | null> {
  const [row] = await db
    .update(emailMessages)
    .set({ status: 'sending', error: null })
    .where(
      and(
        eq(emailMessages.workspaceId, workspaceId),
        eq(emailMessages.dedupeKey, dedupeKey),
        eq(emailMessages.status, 'failed'),
      ),
    )
    .returning({ id: emailMessages.id });
  return row?.id ?? null;
}
