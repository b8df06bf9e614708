import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { appendTimeline, createContact, normalizeEmail } from '../../crm/index.ts';
import { MAX_PROPERTIES_BYTES, type TContactEventCreate } from './contracts.ts';
import { contactEvents } from './schema.ts';

export type ContactEventInput = {
  workspaceId: string;
  contactId: string;
  type: string;
  properties?: Record<string, unknown>;
  at?: Date;
  actorId?: string | null;
  /** The module recording it, for the timeline (`audience` for the API, `webinars`…). */
  module?: string;
  /** False when the caller writes its own, more telling timeline entry (webinar attendance does). */
  timeline?: boolean;
};

/**
 * Records that something happened to a contact, inside the caller's transaction: the `contact_events` row (segments
 * read it), a timeline entry (kind `event`) and the domain event `contact.event` { type, properties } that flows
 * trigger on. Other modules call it for their own facts: webinars record `webinar.attended` / `webinar.no_show`
 * with `properties.webinarId`.
 */
export async function recordContactEvent(tx: DbOrTx, input: ContactEventInput) {
  const id = newId();
  const at = input.at ?? new Date();
  const properties = input.properties ?? {};
  await tx.insert(contactEvents).values({
    workspaceId: input.workspaceId,
    id,
    contactId: input.contactId,
    type: input.type,
    properties,
    at,
  });
  if (input.timeline !== false) {
    await appendTimeline(tx, {
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      kind: 'event',
      module: input.module ?? 'audience',
      actorId: input.actorId ?? null,
      at,
      data: { eventId: id, type: input.type, properties },
    });
  }
  await emitEvent(tx, {
    workspaceId: input.workspaceId,
    type: 'contact.event',
    subjectId: input.contactId,
    payload: { eventId: id, contactId: input.contactId, type: input.type, properties, at: at.toISOString() },
  });
  return { id, contactId: input.contactId, type: input.type, properties, at };
}

/**
 * `POST /api/v1/events`: the contact named by id or email (an unknown email becomes a contact; a merged id stands for
 * the contact it was merged into), then `recordContactEvent`.
 */
export async function postContactEvent({
  db,
  workspaceId,
  actorId,
  input,
  channel,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  actorId: string | null;
  input: TContactEventCreate;
  channel: 'api' | 'manual';
  now?: Date;
}) {
  const errors: FieldError[] = [];
  if (!input.email && !input.contactId)
    errors.push({ field: 'email', message: 'give the email or the contactId of the person this happened to' });
  const email = input.email ? normalizeEmail(input.email) : null;
  if (input.email && !email) errors.push({ field: 'email', message: 'is not an email address' });
  const properties = input.properties ?? {};
  if (Buffer.byteLength(JSON.stringify(properties)) > MAX_PROPERTIES_BYTES)
    errors.push({ field: 'properties', message: `must be at most ${MAX_PROPERTIES_BYTES / 1024} KB of JSON` });
  const at = input.occurredAt ? new Date(input.occurredAt) : now;
  if (at.getTime() > now.getTime() + 24 * 3600_000)
    errors.push({ field: 'occurredAt', message: 'is more than a day in the future' });
  if (errors.length) throw AppError.validation(errors);

  return db.transaction(async (tx) => {
    let contactId: string | null = null;
    let contactCreated = false;
    if (input.contactId) {
      const r = await tx.execute<{ id: string; merged_into_id: string | null; erased_at: Date | null }>(sql`
        select id, merged_into_id, erased_at from contacts where workspace_id = ${workspaceId} and id = ${input.contactId}`);
      const row = r.rows[0];
      if (!row || row.erased_at)
        throw AppError.validation([{ field: 'contactId', message: 'no such contact in this workspace' }]);
      contactId = row.merged_into_id ?? row.id;
    } else if (email) {
      const r = await tx.execute<{ id: string }>(sql`
        select id from contacts
        where workspace_id = ${workspaceId} and emails @> array[${email}]::text[]
          and merged_into_id is null and erased_at is null
        order by created_at limit 1`);
      contactId = r.rows[0]?.id ?? null;
      if (!contactId) {
        const created = await createContact({
          db: tx,
          workspaceId,
          actorId,
          input: { emails: [email], source: { channel, name: `event: ${input.type}` } },
          defaultChannel: channel,
        });
        contactId = created.id;
        contactCreated = true;
      }
    }
    const ev = await recordContactEvent(tx, {
      workspaceId,
      contactId: contactId!,
      type: input.type,
      properties,
      at,
      actorId,
    });
    return { ...ev, contactCreated };
  });
}

/** The event types this workspace has seen, most recent first (the segment editor offers them). */
export async function listEventTypes(db: DbOrTx, workspaceId: string) {
  const r = await db.execute<{ type: string; count: number; last_at: Date }>(sql`
    select type, count(*)::int as count, max(at) as last_at
    from contact_events where workspace_id = ${workspaceId}
    group by type order by max(at) desc limit 200`);
  return r.rows.map((x) => ({ type: x.type, count: Number(x.count), lastAt: new Date(x.last_at) }));
}
