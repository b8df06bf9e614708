import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { getContactRow } from '../contacts/get-contact.ts';
import { type ContactRow, displayName, toContact } from '../contacts/serialize.ts';
import { consentEvents, contacts, deals, tasks, timelineEntries } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import { MERGED_FIELDS, type MergeSnapshot, mergedValues, pick } from './merge-values.ts';

/** Ids of everything a merge re-pointed, kept in the merge entry so unmerge moves exactly these back. */
export type MovedIds = {
  timeline: string[];
  tasks: string[];
  deals: string[];
  consent: string[];
  tombstones: string[];
};

export type MergeEntryData = {
  otherId: string;
  otherName: string;
  /** The survivor's values of the fields the merge changed, before and after. */
  survivorBefore: MergeSnapshot;
  merged: MergeSnapshot;
  /** The other contact as it was (the tombstone keeps it too; this copy makes the entry self-contained). */
  otherSnapshot: MergeSnapshot;
  moved: MovedIds;
  undoneAt?: string | null;
};

/**
 * Locks both contacts in id order, so two merges of the same pair in opposite directions cannot deadlock. A contact
 * of another workspace is "not found" exactly like a missing one.
 */
export async function lockPair(tx: Tx, workspaceId: string, id: string, otherId: string) {
  if (id === otherId) throw AppError.validation([{ field: 'otherId', message: 'is the contact itself' }]);
  const rows: Record<string, ContactRow> = {};
  for (const x of [id, otherId].sort()) {
    try {
      rows[x] = await getContactRow(tx, workspaceId, x, { forUpdate: true });
    } catch (e) {
      if (x === otherId && e instanceof AppError && e.code === 'NOT_FOUND')
        throw AppError.validation([{ field: 'otherId', message: 'no such contact in this workspace' }]);
      throw e;
    }
  }
  return { survivor: rows[id]!, other: rows[otherId]! };
}

async function repoint(tx: Tx, workspaceId: string, from: string, to: string): Promise<MovedIds> {
  const ids = (r: { id: string }[]) => r.map((x) => x.id);
  return {
    timeline: ids(
      await tx
        .update(timelineEntries)
        .set({ contactId: to })
        .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.contactId, from)))
        .returning({ id: timelineEntries.id }),
    ),
    tasks: ids(
      await tx
        .update(tasks)
        .set({ contactId: to })
        .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.contactId, from)))
        .returning({ id: tasks.id }),
    ),
    deals: ids(
      await tx
        .update(deals)
        .set({ contactId: to })
        .where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, from)))
        .returning({ id: deals.id }),
    ),
    // Consent history is evidence: rows are re-pointed, never rewritten or dropped.
    consent: ids(
      await tx
        .update(consentEvents)
        .set({ contactId: to })
        .where(and(eq(consentEvents.workspaceId, workspaceId), eq(consentEvents.contactId, from)))
        .returning({ id: consentEvents.id }),
    ),
    // Contacts merged into the other earlier now point at the survivor, so every old link resolves in one hop.
    tombstones: ids(
      await tx
        .update(contacts)
        .set({ mergedIntoId: to })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.mergedIntoId, from)))
        .returning({ id: contacts.id }),
    ),
  };
}

/**
 * Merges `otherId` into `id`: the survivor keeps its values and gains what it lacked; the other's timeline, tasks,
 * deals and consent history move over; the other stays as a tombstone (merged_into_id) that lists and search skip
 * but GET still answers. The merge entry on the survivor's timeline holds what unmerge needs to reverse it.
 */
export async function mergeContacts({
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
    for (const [c, field] of [
      [survivor, 'id'],
      [other, 'otherId'],
    ] as const) {
      if (c.mergedIntoId)
        throw new AppError('CONFLICT', `Contact ${c.id} was already merged into ${c.mergedIntoId}.`, [
          { field, message: 'is already merged' },
        ]);
      if (c.erasedAt) throw new AppError('CONFLICT', `Contact ${c.id} was erased.`, [{ field, message: 'was erased' }]);
    }
    const merged = mergedValues(survivor, other);
    const changed = Object.keys(merged) as (keyof MergeSnapshot)[];
    const now = new Date();
    const moved = await repoint(tx, workspaceId, otherId, id);
    await tx
      .update(contacts)
      .set({ mergedIntoId: id, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, otherId)));
    const [after] = await tx
      .update(contacts)
      .set({ ...merged, updatedAt: now })
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
      .returning();
    const data: MergeEntryData = {
      otherId,
      otherName: displayName(other),
      survivorBefore: pick(survivor, changed),
      merged,
      otherSnapshot: pick(other, MERGED_FIELDS),
      moved,
      undoneAt: null,
    };
    await appendTimeline(tx, {
      workspaceId,
      contactId: id,
      companyId: after!.companyId,
      kind: 'merge',
      actorId,
      at: now,
      data,
    });
    await emitEvent(tx, {
      workspaceId,
      type: 'contact.merged',
      subjectId: id,
      payload: { survivorId: id, mergedId: otherId, fields: changed },
    });
    return toContact(after!);
  });
}

/** The newest merge of `otherId` into `id` that was not undone yet. */
export async function findMergeEntry(tx: Tx, workspaceId: string, id: string, otherId: string) {
  const [entry] = await tx
    .select({ id: timelineEntries.id, data: timelineEntries.data })
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, workspaceId),
        eq(timelineEntries.contactId, id),
        eq(timelineEntries.kind, 'merge'),
        sql`${timelineEntries.data}->>'otherId' = ${otherId}`,
        sql`${timelineEntries.data}->>'undoneAt' is null`,
      ),
    )
    .orderBy(sql`${timelineEntries.at} desc`, sql`${timelineEntries.id} desc`)
    .limit(1)
    .for('update');
  return entry ? { id: entry.id, data: entry.data as unknown as MergeEntryData } : undefined;
}
