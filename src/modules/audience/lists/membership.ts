import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { appendTimeline } from '../../crm/index.ts';
import { audienceLists, listMembers, type MembershipStatus } from '../schema.ts';

export type SetMembershipInput = {
  workspaceId: string;
  listId: string;
  contactId: string;
  status: MembershipStatus;
  /** Where it came from, for people: a form's name, "import", "api", "admin"… Kept from the first subscription. */
  source?: string | null;
  formId?: string | null;
  /** SHA-256 of the double opt-in token, while `pending`. Cleared when the membership becomes subscribed. */
  confirmTokenHash?: string | null;
  /** Why an unsubscription happened ("one-click unsubscribe", "preference centre", "admin: asked by phone"…). */
  reason?: string | null;
  actorId?: string | null;
  /** pending → subscribed through the confirmation link: sets `confirmedAt`. */
  confirmed?: boolean;
  at?: Date;
};

export type MembershipChange = {
  previous: MembershipStatus | null;
  status: MembershipStatus;
  /** False when the membership already had this status (nothing emitted, nothing appended). */
  changed: boolean;
};

async function listName(db: DbOrTx, workspaceId: string, listId: string): Promise<string> {
  const [list] = await db
    .select({ name: audienceLists.name })
    .from(audienceLists)
    .where(and(eq(audienceLists.workspaceId, workspaceId), eq(audienceLists.id, listId)));
  if (!list) throw AppError.notFound('List');
  return list.name;
}

/**
 * THE one place a list membership changes. Call it inside the business transaction: the row, the timeline entry
 * (`list_subscribed` / `list_unsubscribed`) and the domain event (`audience.subscribed` { listId, contactId, source } /
 * `audience.unsubscribed` { listId, contactId, reason }) are written together or not at all. Setting the status a
 * membership already has changes nothing (a repeated confirmation click, a re-submitted form) except, for `pending`,
 * the confirmation token, so a re-sent confirmation email carries a working link.
 */
export async function setMembership(tx: DbOrTx, input: SetMembershipInput): Promise<MembershipChange> {
  const { workspaceId, listId, contactId, status } = input;
  const at = input.at ?? new Date();
  const name = await listName(tx, workspaceId, listId);
  const where = and(
    eq(listMembers.workspaceId, workspaceId),
    eq(listMembers.listId, listId),
    eq(listMembers.contactId, contactId),
  );
  let [prev] = await tx.select().from(listMembers).where(where).for('update');
  if (!prev) {
    const inserted = await tx
      .insert(listMembers)
      .values({
        workspaceId,
        listId,
        contactId,
        status,
        source: input.source ?? null,
        formId: input.formId ?? null,
        confirmTokenHash: status === 'pending' ? (input.confirmTokenHash ?? null) : null,
        subscribedAt: status === 'subscribed' ? at : null,
        confirmedAt: status === 'subscribed' && input.confirmed ? at : null,
        unsubscribedAt: status === 'unsubscribed' ? at : null,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing()
      .returning({ status: listMembers.status });
    if (inserted.length) {
      await announce(tx, input, null, name, at);
      return { previous: null, status, changed: true };
    }
    // Someone else inserted it between our read and our insert: continue as an update of their row.
    [prev] = await tx.select().from(listMembers).where(where).for('update');
    if (!prev) throw new AppError('CONFLICT', 'The membership changed while it was being saved; try again.');
  }
  if (prev.status === status) {
    if (status === 'pending' && input.confirmTokenHash !== undefined) {
      await tx.update(listMembers).set({ confirmTokenHash: input.confirmTokenHash, updatedAt: at }).where(where);
    }
    return { previous: prev.status, status, changed: false };
  }
  await tx
    .update(listMembers)
    .set({
      status,
      source: prev.source ?? input.source ?? null,
      formId: prev.formId ?? input.formId ?? null,
      confirmTokenHash: status === 'pending' ? (input.confirmTokenHash ?? null) : null,
      subscribedAt: status === 'subscribed' ? at : prev.subscribedAt,
      confirmedAt: status === 'subscribed' && input.confirmed ? at : prev.confirmedAt,
      unsubscribedAt: status === 'unsubscribed' ? at : status === 'subscribed' ? null : prev.unsubscribedAt,
      updatedAt: at,
    })
    .where(where);
  await announce(tx, input, prev.status, name, at);
  return { previous: prev.status, status, changed: true };
}

/** Timeline entry + domain event for a status change (none for a first row that is already `unsubscribed`). */
async function announce(
  tx: DbOrTx,
  input: SetMembershipInput,
  previous: MembershipStatus | null,
  name: string,
  at: Date,
): Promise<void> {
  const { workspaceId, listId, contactId, status } = input;
  if (status === 'subscribed') {
    const source = input.source ?? null;
    await appendTimeline(tx, {
      workspaceId,
      contactId,
      kind: 'list_subscribed',
      module: 'audience',
      actorId: input.actorId ?? null,
      at,
      data: { listId, listName: name, source, confirmed: Boolean(input.confirmed), previous },
    });
    await emitEvent(tx, {
      workspaceId,
      type: 'audience.subscribed',
      subjectId: contactId,
      payload: { listId, contactId, source },
    });
  } else if (status === 'unsubscribed' && previous !== null) {
    const reason = input.reason ?? null;
    await appendTimeline(tx, {
      workspaceId,
      contactId,
      kind: 'list_unsubscribed',
      module: 'audience',
      actorId: input.actorId ?? null,
      at,
      data: { listId, listName: name, reason, previous },
    });
    await emitEvent(tx, {
      workspaceId,
      type: 'audience.unsubscribed',
      subjectId: contactId,
      payload: { listId, contactId, reason },
    });
  }
}

/**
 * Takes a contact off a list entirely (no row left). A subscribed or pending member counts as an unsubscription:
 * timeline entry and `audience.unsubscribed` with the reason (default "removed").
 */
export async function removeMembership(
  tx: DbOrTx,
  input: { workspaceId: string; listId: string; contactId: string; reason?: string | null; actorId?: string | null },
): Promise<boolean> {
  const name = await listName(tx, input.workspaceId, input.listId);
  const [gone] = await tx
    .delete(listMembers)
    .where(
      and(
        eq(listMembers.workspaceId, input.workspaceId),
        eq(listMembers.listId, input.listId),
        eq(listMembers.contactId, input.contactId),
      ),
    )
    .returning({ status: listMembers.status });
  if (!gone) return false;
  if (gone.status !== 'unsubscribed') {
    await announce(
      tx,
      { ...input, status: 'unsubscribed', reason: input.reason ?? 'removed' },
      gone.status,
      name,
      new Date(),
    );
  }
  return true;
}

/** The lists a contact is on (any status), by list name. */
export async function listsOfContact(db: DbOrTx, workspaceId: string, contactId: string) {
  return db
    .select({
      listId: listMembers.listId,
      name: audienceLists.name,
      visibility: audienceLists.visibility,
      status: listMembers.status,
      updatedAt: listMembers.updatedAt,
    })
    .from(listMembers)
    .innerJoin(
      audienceLists,
      and(eq(audienceLists.workspaceId, listMembers.workspaceId), eq(audienceLists.id, listMembers.listId)),
    )
    .where(and(eq(listMembers.workspaceId, workspaceId), eq(listMembers.contactId, contactId)))
    .orderBy(asc(sql`lower(${audienceLists.name})`), asc(audienceLists.id));
}
