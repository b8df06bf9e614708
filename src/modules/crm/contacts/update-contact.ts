import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { consentEvents, contacts, deals, type SourceTouch, tasks, timelineEntries } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import type { TContactUpdate } from './contracts.ts';
import { getContactRow } from './get-contact.ts';
import { assertNoIdentityClash, prepareContactFields } from './prepare-contact.ts';
import { type ContactRow, contactColumns, toContact } from './serialize.ts';

const TRACKED: (keyof ContactRow)[] = [
  'firstName',
  'lastName',
  'emails',
  'phones',
  'title',
  'companyName',
  'address',
  'language',
  'timezone',
  'website',
  'social',
  'tags',
  'ownerId',
  'lifecycleStage',
  'custom',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateContact({
  db,
  workspaceId,
  actorId,
  id,
  input,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
  input: TContactUpdate;
}) {
  return db.transaction(async (tx) => {
    const before = await getContactRow(tx, workspaceId, id, { forUpdate: true });
    if (before.mergedIntoId)
      throw new AppError('CONFLICT', `This contact was merged into ${before.mergedIntoId}; edit that one.`);
    if (before.erasedAt) throw new AppError('CONFLICT', 'This contact was erased.');
    const fields = await prepareContactFields(tx, workspaceId, input, {
      partial: true,
      existingCountry: before.country,
      existingCustom: before.custom,
    });
    if (fields.emails) await assertNoIdentityClash(tx, workspaceId, fields, id);
    const set: Record<string, unknown> = { ...fields, updatedAt: new Date() };
    if (input.latestSource) {
      const latest: SourceTouch = {
        channel: input.latestSource.channel,
        name: input.latestSource.name ?? null,
        campaign: input.latestSource.campaign ?? null,
        at: input.latestSource.at ?? new Date().toISOString(),
      };
      set.latestSource = latest;
    }
    const [after] = await tx
      .update(contacts)
      .set(set)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
      .returning(contactColumns);
    const changes = TRACKED.filter((k) => k in fields && !same(before[k], after![k])).map((k) => ({
      field: k,
      from: before[k],
      to: after![k],
    }));
    if (changes.length) {
      await appendTimeline(tx, { workspaceId, contactId: id, kind: 'field_change', actorId, data: { changes } });
      const stage = changes.find((c) => c.field === 'lifecycleStage');
      await emitEvent(tx, {
        workspaceId,
        type: 'contact.updated',
        subjectId: id,
        payload: { fields: changes.map((c) => c.field) },
      });
      if (stage)
        await emitEvent(tx, {
          workspaceId,
          type: 'contact.lifecycle_stage_changed',
          subjectId: id,
          payload: { from: stage.from, to: stage.to },
        });
      const tags = changes.find((c) => c.field === 'tags');
      if (tags) {
        const from = new Set(tags.from as string[]);
        const to = new Set(tags.to as string[]);
        for (const t of to)
          if (!from.has(t))
            await emitEvent(tx, { workspaceId, type: 'contact.tag_added', subjectId: id, payload: { tag: t } });
        for (const t of from)
          if (!to.has(t))
            await emitEvent(tx, { workspaceId, type: 'contact.tag_removed', subjectId: id, payload: { tag: t } });
      }
    }
    return toContact(after!);
  });
}

export async function deleteContact({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return db.transaction(async (tx) => {
    await getContactRow(tx, workspaceId, id, { forUpdate: true });
    await tx
      .delete(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.contactId, id)));
    await tx
      .delete(consentEvents)
      .where(and(eq(consentEvents.workspaceId, workspaceId), eq(consentEvents.contactId, id)));
    // Tasks and deals outlive the person they were about; they lose the link rather than point at nothing.
    await tx
      .update(tasks)
      .set({ contactId: null })
      .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.contactId, id)));
    await tx
      .update(deals)
      .set({ contactId: null })
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, id)));
    await tx.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
    await emitEvent(tx, { workspaceId, type: 'contact.deleted', subjectId: id, payload: {} });
  });
}
