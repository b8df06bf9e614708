import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import {
  appendTimeline,
  createContact,
  getContact,
  listCustomFields,
  recordConsent,
  updateContact,
} from '../../crm/index.ts';
import { setMembership } from '../lists/index.ts';
import { deliverLeadMagnetJob } from '../magnets/deliver-magnet.ts';
import { listMembers } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { findContactIdByEmail, lockAddress } from '../subscriptions/contact-lookup.ts';
import { hashIp } from '../subscriptions/ip-hash.ts';
import { sendConfirmationJob } from '../subscriptions/send-confirmation.ts';
import type { FormRow } from './form-row.ts';
import { listOptIns } from './form-row.ts';
import { bumpFormStat } from './form-stats.ts';
import { type ReadSubmission, readSubmission, resolveFields } from './form-values.ts';
import { formSubmissions } from './schema.ts';

export type SubmitMeta = {
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  referrer: string | null;
  utm: Record<string, string>;
};

export type SubmitResult =
  | { ok: true; submissionId: string; contactId: string; doubleOptIn: boolean }
  | { ok: false; errors: FieldError[] };

/** CRM field errors named after the contact's fields, renamed to the form's inputs. */
function formFieldOf(field: string): string {
  if (field.startsWith('emails')) return 'email';
  if (field.startsWith('phones')) return 'phone';
  if (field === 'address.country') return 'country';
  if (field === 'companyName') return 'company';
  return field;
}

/**
 * A visitor's submission: find or create the contact by email, record the consent with its evidence, add the
 * form's tags and source touch, put the contact on the form's lists — pending (plus a confirmation email) for lists
 * with double opt-in, subscribed at once for the others — and tell flows (`audience.form_submitted`). All in one
 * transaction; the emails go out from jobs queued in it.
 */
export async function submitForm({
  db,
  form,
  raw,
  meta,
}: {
  db: Db;
  form: FormRow;
  raw: Record<string, unknown>;
  meta: SubmitMeta;
}): Promise<SubmitResult> {
  const workspaceId = form.workspaceId;
  if (!form.active) return { ok: false, errors: [{ field: 'form', message: 'This form is closed.' }] };
  const defs = await listCustomFields({ db, workspaceId, entity: 'contact' });
  const read = readSubmission(resolveFields(form.fields, defs, form.language), raw);
  if (!read.ok) return read;
  const data = read.data;
  const settings = await audienceSettingsFor(db, workspaceId);
  const optIns = await listOptIns(db, workspaceId, form.listIds);
  const at = new Date();
  try {
    return await db.transaction(async (tx) => {
      await lockAddress(tx, workspaceId, data.email);
      const contactId = await upsertContact(tx, form, data, meta);
      const pendingListIds: string[] = [];
      const listIds: string[] = [];
      for (const listId of form.listIds) {
        const doubleOptIn = optIns.get(listId);
        if (doubleOptIn === undefined) continue; // the list was deleted since the form was saved
        listIds.push(listId);
        const [current] = await tx
          .select({ status: listMembers.status })
          .from(listMembers)
          .where(
            and(
              eq(listMembers.workspaceId, workspaceId),
              eq(listMembers.listId, listId),
              eq(listMembers.contactId, contactId),
            ),
          );
        if (current?.status === 'subscribed') continue; // never downgrade a confirmed member to pending
        if (doubleOptIn) pendingListIds.push(listId);
        await setMembership(tx, {
          workspaceId,
          listId,
          contactId,
          status: doubleOptIn ? 'pending' : 'subscribed',
          source: `form: ${form.name}`,
          formId: form.id,
          at,
        });
      }
      const submissionId = newId();
      const ipHash = hashIp(settings.signingKey, meta.ip);
      await tx.insert(formSubmissions).values({
        workspaceId,
        id: submissionId,
        formId: form.id,
        contactId,
        email: data.email,
        values: data.values,
        listIds,
        pendingListIds,
        consentText: form.consentText,
        pageUrl: meta.pageUrl,
        referrer: meta.referrer,
        utm: meta.utm,
        ipHash,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        createdAt: at,
      });
      if (listIds.length) {
        await recordConsent({
          db: tx,
          workspaceId,
          contactId,
          actorId: null,
          at,
          input: {
            channel: 'email',
            status: pendingListIds.length ? 'pending' : 'subscribed',
            lawfulBasis: 'consent',
            source: `form: ${form.name}`,
            evidence: {
              kind: 'form_submission',
              formId: form.id,
              submissionId,
              text: form.consentText,
              at: at.toISOString(),
              ipHash,
              userAgent: meta.userAgent?.slice(0, 500) ?? null,
              pageUrl: meta.pageUrl,
              listIds,
            },
          },
        });
      }
      await appendTimeline(tx, {
        workspaceId,
        contactId,
        kind: 'form_submitted',
        module: 'audience',
        actorId: null,
        at,
        data: { formId: form.id, formName: form.name, submissionId, pageUrl: meta.pageUrl },
      });
      await bumpFormStat(tx, workspaceId, form.id, 'submissions');
      await emitEvent(tx, {
        workspaceId,
        type: 'audience.form_submitted',
        subjectId: contactId,
        payload: { formId: form.id, contactId, listIds, submissionId },
      });
      const job = { workspaceId, submissionId };
      if (pendingListIds.length) await addJob(tx, sendConfirmationJob, job, { jobKey: `confirm:${submissionId}` });
      else if (form.leadMagnetId) await addJob(tx, deliverLeadMagnetJob, job, { jobKey: `magnet:${submissionId}` });
      return { ok: true as const, submissionId, contactId, doubleOptIn: pendingListIds.length > 0 };
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION' && e.fields.length)
      return { ok: false, errors: e.fields.map((f) => ({ field: formFieldOf(f.field), message: f.message })) };
    throw e;
  }
}

/** Creates the contact, or brings the existing one up to date with what the person just typed. */
async function upsertContact(tx: DbOrTx, form: FormRow, data: ReadSubmission, meta: SubmitMeta): Promise<string> {
  const workspaceId = form.workspaceId;
  const source = {
    channel: form.source.channel,
    name: form.source.name || form.name,
    campaign: meta.utm.utm_campaign || form.source.campaign || null,
  };
  const custom = Object.keys(data.custom).length ? data.custom : undefined;
  const existingId = await findContactIdByEmail(tx, workspaceId, data.email);
  if (!existingId) {
    const c = await createContact({
      db: tx,
      workspaceId,
      actorId: null,
      defaultChannel: 'website_form',
      input: {
        emails: [data.email],
        firstName: data.firstName,
        lastName: data.lastName,
        ...(data.company ? { companyName: data.company } : {}),
        ...(data.phone ? { phones: [data.phone] } : {}),
        ...(data.country ? { address: { country: data.country } } : {}),
        ...(form.language ? { language: form.language } : {}),
        ...(form.tags.length ? { tags: form.tags } : {}),
        ...(custom ? { custom } : {}),
        source,
      },
    });
    return c.id;
  }
  const before = await getContact({ db: tx, workspaceId, id: existingId });
  const tags = form.tags.filter((t) => !before.tags.includes(t));
  await updateContact({
    db: tx,
    workspaceId,
    actorId: null,
    id: existingId,
    input: {
      ...(data.firstName ? { firstName: data.firstName } : {}),
      ...(data.lastName ? { lastName: data.lastName } : {}),
      ...(data.company && !before.companyName ? { companyName: data.company } : {}),
      ...(data.phone && !before.phones.includes(data.phone) ? { phones: [...before.phones, data.phone] } : {}),
      ...(data.country && !before.address.country ? { address: { ...before.address, country: data.country } } : {}),
      ...(form.language && !before.language ? { language: form.language } : {}),
      ...(tags.length ? { tags: [...before.tags, ...tags] } : {}),
      ...(custom ? { custom } : {}),
      latestSource: source,
    },
  });
  return existingId;
}
