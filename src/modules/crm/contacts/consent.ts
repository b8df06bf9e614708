import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { type ConsentStatus, consentEvents } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';

export type ConsentInput = {
  channel: string;
  status: ConsentStatus;
  lawfulBasis?: string | undefined;
  source?: string | undefined;
  evidence?: Record<string, unknown> | undefined;
};

/** Consent is append-only: a change is a new row; the history is the evidence. */
export async function recordConsent({
  db,
  workspaceId,
  contactId,
  actorId,
  input,
  at,
}: {
  db: DbOrTx;
  workspaceId: string;
  contactId: string;
  actorId: string | null;
  input: ConsentInput;
  at?: Date;
}) {
  const id = newId();
  const when = at ?? new Date();
  await db.insert(consentEvents).values({
    workspaceId,
    id,
    contactId,
    channel: input.channel,
    status: input.status,
    lawfulBasis: input.lawfulBasis ?? null,
    source: input.source ?? null,
    evidence: input.evidence ?? {},
    at: when,
  });
  await appendTimeline(db, {
    workspaceId,
    contactId,
    kind: 'consent',
    actorId,
    at: when,
    data: {
      channel: input.channel,
      status: input.status,
      lawfulBasis: input.lawfulBasis ?? null,
      source: input.source ?? null,
    },
  });
  await emitEvent(db, {
    workspaceId,
    type: 'contact.consent_changed',
    subjectId: contactId,
    payload: { channel: input.channel, status: input.status },
  });
  return id;
}

/** The current consent per channel: the latest row of each. */
export async function currentConsent({
  db,
  workspaceId,
  contactId,
}: {
  db: DbOrTx;
  workspaceId: string;
  contactId: string;
}) {
  const rows = await db.execute<{
    channel: string;
    status: ConsentStatus;
    lawful_basis: string | null;
    source: string | null;
    at: Date;
  }>(sql`
    select distinct on (channel) channel, status, lawful_basis, source, at
    from consent_events
    where workspace_id = ${workspaceId} and contact_id = ${contactId}
    order by channel, at desc, id desc`);
  return rows.rows.map((r) => ({
    channel: r.channel,
    status: r.status,
    lawfulBasis: r.lawful_basis,
    source: r.source,
    at: new Date(r.at),
  }));
}

export async function consentHistory({
  db,
  workspaceId,
  contactId,
}: {
  db: DbOrTx;
  workspaceId: string;
  contactId: string;
}) {
  return db
    .select({
      id: consentEvents.id,
      channel: consentEvents.channel,
      status: consentEvents.status,
      lawfulBasis: consentEvents.lawfulBasis,
      source: consentEvents.source,
      evidence: consentEvents.evidence,
      at: consentEvents.at,
    })
    .from(consentEvents)
    .where(and(eq(consentEvents.workspaceId, workspaceId), eq(consentEvents.contactId, contactId)))
    .orderBy(desc(consentEvents.at), desc(consentEvents.id));
}
