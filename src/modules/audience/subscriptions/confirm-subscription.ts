import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { recordConsent } from '../../crm/index.ts';
import { listOptIns } from '../forms/form-row.ts';
import { bumpFormStat } from '../forms/form-stats.ts';
import { formSubmissions } from '../forms/schema.ts';
import { setMembership } from '../lists/index.ts';
import { deliverLeadMagnetJob } from '../magnets/deliver-magnet.ts';
import { listMembers, suppressions } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { hashIp } from './ip-hash.ts';
import { type SubmissionWithForm, submissionWithForm } from './submission-row.ts';

export type ConfirmResult = { status: 'confirmed' | 'already_confirmed'; submission: SubmissionWithForm } | null;

/**
 * The double opt-in click: the submission's pending lists become subscribed (confirmed), the consent is recorded
 * as granted with the evidence of this click, an earlier "unsubscribed" suppression of the address is lifted (they
 * just proved they want mail again), and the lead magnet goes out. A second click changes nothing.
 */
export async function confirmSubscription({
  db,
  workspaceId,
  submissionId,
  ip,
  userAgent,
}: {
  db: Db;
  workspaceId: string;
  submissionId: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<ConfirmResult> {
  const settings = await audienceSettingsFor(db, workspaceId);
  return db.transaction(async (tx) => {
    const sub = await submissionWithForm(tx, workspaceId, submissionId, { forUpdate: true });
    if (!sub) return null;
    if (sub.confirmedAt) return { status: 'already_confirmed' as const, submission: sub };
    const at = new Date();
    const ipHash = hashIp(settings.signingKey, ip);
    const existing = await listOptIns(tx, workspaceId, sub.pendingListIds);
    const confirmed: string[] = [];
    for (const listId of sub.pendingListIds) {
      if (!existing.has(listId)) continue;
      const [current] = await tx
        .select({ status: listMembers.status })
        .from(listMembers)
        .where(
          and(
            eq(listMembers.workspaceId, workspaceId),
            eq(listMembers.listId, listId),
            eq(listMembers.contactId, sub.contactId),
          ),
        );
      // Left the list since (preference centre): the later choice stands.
      if (current?.status === 'unsubscribed') continue;
      await setMembership(tx, {
        workspaceId,
        listId,
        contactId: sub.contactId,
        status: 'subscribed',
        confirmed: true,
        source: sub.form ? `form: ${sub.form.name}` : 'form',
        formId: sub.formId,
        at,
      });
      confirmed.push(listId);
    }
    await tx
      .delete(suppressions)
      .where(
        and(
          eq(suppressions.workspaceId, workspaceId),
          eq(suppressions.email, sub.email),
          eq(suppressions.reason, 'unsubscribed'),
        ),
      );
    await recordConsent({
      db: tx,
      workspaceId,
      contactId: sub.contactId,
      actorId: null,
      at,
      input: {
        channel: 'email',
        status: 'subscribed',
        lawfulBasis: 'consent',
        source: sub.form ? `double opt-in: ${sub.form.name}` : 'double opt-in',
        evidence: {
          kind: 'double_opt_in',
          formId: sub.formId,
          submissionId,
          text: sub.consentText,
          submittedAt: sub.createdAt.toISOString(),
          at: at.toISOString(),
          ipHash,
          userAgent: userAgent?.slice(0, 500) ?? null,
          pageUrl: sub.pageUrl,
          listIds: confirmed,
        },
      },
    });
    await tx
      .update(formSubmissions)
      .set({ confirmedAt: at })
      .where(and(eq(formSubmissions.workspaceId, workspaceId), eq(formSubmissions.id, submissionId)));
    await bumpFormStat(tx, workspaceId, sub.formId, 'confirmations');
    if (sub.form?.leadMagnetId)
      await addJob(tx, deliverLeadMagnetJob, { workspaceId, submissionId }, { jobKey: `magnet:${submissionId}` });
    return { status: 'confirmed' as const, submission: { ...sub, confirmedAt: at } };
  });
}
