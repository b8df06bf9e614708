import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { toContact } from '../contacts/serialize.ts';
import { consentEvents, contacts, deals, tasks, timelineEntries } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { findMergeEntry, lockPair, type MovedIds } from './merge-contacts.ts';
import { unmergedValues } from './merge-values.ts';

/**
 * Moves back exactly the rows the merge moved, and only those still on the survivor (nothing re-linked since). The
 * ids travel as one array parameter: a contact with a long history must not hit the bind-parameter cap.
 */
async function moveBack(tx: Tx, workspaceId: string, survivorId: string, otherId: string, moved: MovedIds) {
  if (moved.timeline.length)
    await tx
      .update(timelineEntries)
      .set({ contactId: otherId })
      .where(
        and(
          eq(timelineEntries.workspaceId, workspaceId),
          eq(timelineEntries.contactId, survivorId),
          sql`${timelineEntries.id} = any(${uuidArray(moved.timeline)})`,
        ),
      );
  if (moved.tasks.length)
    await tx
      .update(tasks)
      .set({ contactId: otherId })
      .where(
        and(
          eq(tasks.workspaceId, workspaceId),
          eq(tasks.contactId, survivorId),
          sql`${tasks.id} = any(${uuidArray(moved.tasks)})`,
        ),
      );
  if (moved.deals.length)
    await tx
      .update(deals)
      .set({ contactId: otherId })
      .where(
        and(
          eq(deals.workspaceId, workspaceId),
          eq(deals.contactId, survivorId),
          sql`${deals.id} = any(${uuidArray(moved.deals)})`,
        ),
      );
  if (moved.consent.length)
    await tx
      .update(consentEvents)
      .set({ contactId: otherId })
      .where(
        and(
          eq(consentEvents.workspaceId, workspaceId),
          eq(consentEvents.contactId, survivorId),
          sql`${consentEvents.id} = any(${uuidArray(moved.consent)})`,
        ),
      );
  if (moved.tombstones.length)
    await tx
      .update(contacts)
      .set({ mergedIntoId: otherId })
      .where(
        and(
          eq(contacts.workspaceId, workspaceId),
          eq(contacts.mergedIntoId, survivorId),
          sql`${contacts.id} = any(${uuidArray(moved.tombstones)})`,
        ),
      );
}

/**
 * Reverses a merge: the tombstone comes back as it was, with its timeline, tasks, deals and consent history; the
 * survivor loses what the merge gave it, except where someone changed a field since (their edit is kept, but emails,
 * phones, tags and custom values that came from the other go back with it).
 */
export async function unmergeContacts({
  db,
  workspaceId,
  actorId,
  id,
  otherId,
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  id: string;
  otherId: string;
}) {
  return db.transaction(async (tx) => {
    const { survivor, other } = await lockPair(tx, workspaceId, id, otherId);
    if (other.mergedIntoId !== id)
      throw new AppError('CONFLICT', `Contact ${otherId} is not merged into ${id}.`, [
        { field: 'otherId', message: 'is not merged into this contact' },
      ]);
    if (survivor.erasedAt) throw new AppError('CONFLICT', 'This contact was erased; the merge cannot be undone.');
    const entry = await findMergeEntry(tx, workspaceId, id, otherId);
    if (!entry)
      throw new AppError('CONFLICT', 'No record of this merge was found, so it cannot be undone.', [
        { field: 'otherId', message: 'has no merge to undo' },
      ]);
    const { data } = entry;
    const restore = unmergedValues(survivor, data.survivorBefore, data.merged);
    const now = new Date();
    await moveBack(tx, workspaceId, id, otherId, data.moved);
    const [after] = await tx
      .update(contacts)
      .set({ ...restore, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
      .returning();
    const [restored] = await tx
      .update(contacts)
      .set({ mergedIntoId: null, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, otherId)))
      .returning();
    await tx
      .update(timelineEntries)
      .set({ data: sql`${timelineEntries.data} || ${JSON.stringify({ undoneAt: now.toISOString() })}::jsonb` })
      .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.id, entry.id)));
    await appendTimeline(tx, [
      { workspaceId, contactId: id, kind: 'unmerge', actorId, at: now, data: { otherId, mergeEntryId: entry.id } },
    ]);
    await emitEvent(tx, {
      workspaceId,
      type: 'contact.unmerged',
      subjectId: id,
      payload: { survivorId: id, restoredId: otherId },
    });
    return { survivor: toContact(after!), restored: toContact(restored!) };
  });
}
