import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline, recordConsent } from '../../crm/index.ts';
import { setMembership } from '../lists/index.ts';
import { audienceLists, emailEvents, emailMessages, listMembers, suppressions } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { lockAddress } from './contact-lookup.ts';
import { hashIp } from './ip-hash.ts';

export type UnsubscribeVia = 'one_click' | 'unsubscribe_page' | 'preference_centre';

const REASONS: Record<UnsubscribeVia, string> = {
  one_click: 'one-click unsubscribe',
  unsubscribe_page: 'unsubscribe link',
  preference_centre: 'preference centre',
};

export type Evidence = { ip: string | null; userAgent: string | null };

/** The lists (id, name) a message was sent for, or none. */
export async function messageForUnsubscribe(db: DbOrTx, workspaceId: string, messageId: string) {
  const [msg] = await db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.workspaceId, workspaceId), eq(emailMessages.id, messageId)));
  if (!msg) return null;
  const lists = msg.listIds.length
    ? await db
        .select({ id: audienceLists.id, name: audienceLists.name })
        .from(audienceLists)
        .where(and(eq(audienceLists.workspaceId, workspaceId), inArray(audienceLists.id, msg.listIds)))
    : [];
  return { msg, lists };
}

/** Lists the contact is still on (subscribed or pending). */
async function activeMemberships(tx: DbOrTx, workspaceId: string, contactId: string): Promise<string[]> {
  const rows = await tx
    .select({ listId: listMembers.listId, status: listMembers.status })
    .from(listMembers)
    .where(and(eq(listMembers.workspaceId, workspaceId), eq(listMembers.contactId, contactId)));
  return rows.filter((r) => r.status !== 'unsubscribed').map((r) => r.listId);
}

/**
 * Stops all marketing mail to an address: an `unsubscribed` suppression (every send checks it), every list left,
 * consent recorded as unsubscribed, `audience.unsubscribed` with `all: true`. False when it was already stopped.
 */
export async function stopAllMarketing(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    contactId: string | null;
    email: string;
    via: UnsubscribeVia;
    evidence: Evidence;
    ipHash: string | null;
    messageId?: string | null;
  },
): Promise<boolean> {
  const { workspaceId, contactId } = input;
  const reason = REASONS[input.via];
  const inserted = await tx
    .insert(suppressions)
    .values({ workspaceId, email: input.email, reason: 'unsubscribed', detail: reason })
    .onConflictDoNothing()
    .returning({ email: suppressions.email });
  const left: string[] = [];
  if (contactId) {
    for (const listId of await activeMemberships(tx, workspaceId, contactId)) {
      await setMembership(tx, { workspaceId, listId, contactId, status: 'unsubscribed', reason });
      left.push(listId);
    }
  }
  if (!inserted.length && !left.length) return false;
  if (contactId) {
    const at = new Date();
    await recordConsent({
      db: tx,
      workspaceId,
      contactId,
      actorId: null,
      at,
      input: {
        channel: 'email',
        status: 'unsubscribed',
        source: reason,
        evidence: {
          kind: 'unsubscribe',
          via: input.via,
          messageId: input.messageId ?? null,
          all: true,
          at: at.toISOString(),
          ipHash: input.ipHash,
          userAgent: input.evidence.userAgent?.slice(0, 500) ?? null,
        },
      },
    });
    await emitEvent(tx, {
      workspaceId,
      type: 'audience.unsubscribed',
      subjectId: contactId,
      payload: { listId: null, contactId, reason, all: true },
    });
  }
  return true;
}

/**
 * An unsubscribe through a message's link (one-click POST or the page's button): leaves the lists the message was
 * sent for, or — when it named none (a flow, a segment campaign) — stops all marketing. Records an `unsubscribe`
 * email event with the message's source (campaign reports count it), the consent and the timeline. Idempotent: a
 * second request changes and records nothing.
 */
export async function unsubscribeFromMessage({
  db,
  workspaceId,
  messageId,
  via,
  evidence,
}: {
  db: Db;
  workspaceId: string;
  messageId: string;
  via: UnsubscribeVia;
  evidence: Evidence;
}): Promise<{ changed: boolean; lists: { id: string; name: string }[]; all: boolean } | null> {
  const settings = await audienceSettingsFor(db, workspaceId);
  const ipHash = hashIp(settings.signingKey, evidence.ip);
  return db.transaction(async (tx) => {
    const found = await messageForUnsubscribe(tx, workspaceId, messageId);
    if (!found) return null;
    const { msg, lists } = found;
    await lockAddress(tx, workspaceId, msg.email);
    const all = lists.length === 0;
    const reason = REASONS[via];
    let changed = false;
    const left: string[] = [];
    if (all) {
      changed = await stopAllMarketing(tx, {
        workspaceId,
        contactId: msg.contactId,
        email: msg.email,
        via,
        evidence,
        ipHash,
        messageId,
      });
    } else if (msg.contactId) {
      for (const list of lists) {
        const r = await setMembership(tx, {
          workspaceId,
          listId: list.id,
          contactId: msg.contactId,
          status: 'unsubscribed',
          reason,
        });
        // A first row created as unsubscribed is no change for the person; a real status change is.
        if (r.changed && r.previous !== null) {
          changed = true;
          left.push(list.id);
        }
      }
      if (changed && (await activeMemberships(tx, workspaceId, msg.contactId)).length === 0) {
        // On no list any more: the email channel's consent is withdrawn as a whole.
        await recordConsent({
          db: tx,
          workspaceId,
          contactId: msg.contactId,
          actorId: null,
          input: {
            channel: 'email',
            status: 'unsubscribed',
            source: reason,
            evidence: {
              kind: 'unsubscribe',
              via,
              messageId,
              listIds: left,
              at: new Date().toISOString(),
              ipHash,
              userAgent: evidence.userAgent?.slice(0, 500) ?? null,
            },
          },
        });
      }
    }
    if (changed) {
      const [seen] = await tx
        .select({ id: emailEvents.id })
        .from(emailEvents)
        .where(
          and(
            eq(emailEvents.workspaceId, workspaceId),
            eq(emailEvents.messageId, messageId),
            eq(emailEvents.type, 'unsubscribe'),
          ),
        )
        .limit(1);
      if (!seen)
        await tx.insert(emailEvents).values({
          workspaceId,
          id: newId(),
          messageId,
          contactId: msg.contactId,
          sourceType: msg.sourceType,
          sourceId: msg.sourceId,
          type: 'unsubscribe',
          data: { via, listIds: left, all },
        });
      if (msg.contactId)
        await appendTimeline(tx, {
          workspaceId,
          contactId: msg.contactId,
          kind: 'email_unsubscribed',
          module: 'audience',
          actorId: null,
          data: {
            via,
            all,
            lists: lists.filter((l) => left.includes(l.id)).map((l) => l.name),
            messageId,
            subject: msg.subject,
            source: msg.sourceType,
            sourceId: msg.sourceId,
          },
        });
    }
    return { changed, lists, all };
  });
}
