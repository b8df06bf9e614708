import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { consentEvents, contacts, duplicatePairs, importRejects, privacyLog, timelineEntries } from '../schema.ts';
import { identifiers, mentionsAny, personRecords } from './privacy-scope.ts';

/**
 * Timeline data keys that carry no personal data: references and classifications. Everything else in an entry's data
 * (note bodies, subjects, changed values, merge snapshots, deal titles) is dropped.
 */
const KEPT_TIMELINE_KEYS = [
  'action',
  'taskId',
  'dealId',
  'importId',
  'channel',
  'status',
  'lawfulBasis',
  'direction',
  'durationMinutes',
  'from',
  'to',
];

/**
 * Right to erasure (GDPR art. 17): the person's data goes, the row stays as an anonymous stub so counts per lifecycle
 * stage and source channel still add up. Timeline entries keep their kind and date but lose their content; consent
 * rows keep status and date but lose their evidence (IP hashes, user agents). Tasks and deals stay linked to the stub:
 * they are the team's work. The privacy_log row holds who, when and how much — nothing about the person.
 */
export async function eraseContact({
  db,
  workspaceId,
  actorId,
  id,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
}) {
  return db.transaction(async (tx) => {
    const { main, merged, ids } = await personRecords(tx, workspaceId, id, { forUpdate: true });
    if (main.erasedAt) throw new AppError('CONFLICT', 'This contact was already erased.');
    const mine = uuidArray(ids);
    const now = new Date();
    const keys = identifiers([main, ...merged]);
    await tx
      .update(contacts)
      .set({
        firstName: null,
        lastName: null,
        emails: [],
        phones: [],
        title: null,
        companyId: null,
        companyName: null,
        address: {},
        country: null,
        language: null,
        website: null,
        social: {},
        tags: [],
        custom: {},
        // Where they came from stays (channel, fair, campaign: no personal data) so acquisition reports still count.
        erasedAt: now,
        updatedAt: now,
      })
      .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.id} = any(${mine})`));
    const timeline = await tx
      .update(timelineEntries)
      .set({
        data: sql`coalesce((select jsonb_object_agg(k, v) from jsonb_each(${timelineEntries.data}) as e(k, v)
                   where k = any(${textArray(KEPT_TIMELINE_KEYS)})), '{}'::jsonb) || '{"erased": true}'::jsonb`,
      })
      .where(and(eq(timelineEntries.workspaceId, workspaceId), sql`${timelineEntries.contactId} = any(${mine})`))
      .returning({ id: timelineEntries.id });
    // A merge that was undone left the person's old values in the merge entry of the other contact's timeline.
    const mergeCopies = await tx
      .update(timelineEntries)
      .set({
        data: sql`(${timelineEntries.data} - 'otherSnapshot' - 'merged' - 'otherName') || '{"otherErased": true}'::jsonb`,
      })
      .where(
        and(
          eq(timelineEntries.workspaceId, workspaceId),
          eq(timelineEntries.kind, 'merge'),
          sql`${timelineEntries.data}->>'otherId' = any(${textArray(ids)})`,
        ),
      )
      .returning({ id: timelineEntries.id });
    const consent = await tx
      .update(consentEvents)
      .set({ evidence: { erased: true } })
      .where(and(eq(consentEvents.workspaceId, workspaceId), sql`${consentEvents.contactId} = any(${mine})`))
      .returning({ id: consentEvents.id });
    const rejects = await tx
      .delete(importRejects)
      .where(and(eq(importRejects.workspaceId, workspaceId), mentionsAny(keys)))
      .returning({ id: importRejects.importId });
    // Stored duplicate candidates quote the shared email or phone.
    await tx
      .delete(duplicatePairs)
      .where(
        and(
          eq(duplicatePairs.workspaceId, workspaceId),
          sql`(${duplicatePairs.contactA} = any(${mine}) or ${duplicatePairs.contactB} = any(${mine}))`,
        ),
      );
    const counts = {
      contacts: ids.length,
      timelineEntries: timeline.length + mergeCopies.length,
      consentEvents: consent.length,
      importRejects: rejects.length,
    };
    await tx.insert(privacyLog).values({
      workspaceId,
      id: newId(),
      contactId: id,
      action: 'erase',
      actorId,
      at: now,
      details: { counts, mergedContactIds: ids.slice(1) },
    });
    // Other modules (lists, orders, web events) erase their own copies when they hear this.
    await emitEvent(tx, {
      workspaceId,
      type: 'contact.erased',
      subjectId: id,
      payload: { contactId: id, mergedContactIds: ids.slice(1) },
    });
    return { contactId: id, erasedAt: now, counts };
  });
}
