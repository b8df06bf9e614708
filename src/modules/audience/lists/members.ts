import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { textArray, uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { createContact, normalizeEmail, recordConsent } from '../../crm/index.ts';
import type { MembershipStatus } from '../schema.ts';
import type { TMember, TMemberQuery, TMembersAdd } from './contracts.ts';
import { escapeLike, getList } from './list-use-cases.ts';
import { removeMembership, setMembership } from './membership.ts';

type MemberRow = {
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  emails: string[];
  phones: string[];
  status: MembershipStatus;
  source: string | null;
  form_id: string | null;
  subscribed_at: Date | null;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function toMember(r: MemberRow): TMember {
  const name = [r.first_name, r.last_name].filter(Boolean).join(' ').trim();
  return {
    contactId: r.contact_id,
    name: name || r.emails[0] || r.phones[0] || '(no name)',
    email: r.emails[0] ?? null,
    status: r.status,
    source: r.source,
    formId: r.form_id,
    subscribedAt: d(r.subscribed_at),
    confirmedAt: d(r.confirmed_at),
    unsubscribedAt: d(r.unsubscribed_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Members of a list, newest first; filter by status, search by part of an email or the name. */
export async function listListMembers({
  db,
  workspaceId,
  listId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  listId: string;
  query: TMemberQuery;
}) {
  await getList(db, workspaceId, listId);
  const where: SQL[] = [
    sql`m.workspace_id = ${workspaceId}`,
    sql`m.list_id = ${listId}`,
    sql`c.merged_into_id is null`,
    sql`c.erased_at is null`,
  ];
  if (query.status) where.push(sql`m.status = ${query.status}`);
  if (query.q) {
    const like = `%${escapeLike(query.q.toLowerCase())}%`;
    where.push(sql`(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) like ${like}
      or array_to_string(c.emails, ' ') like ${like})`);
  }
  const after = decodeCursor(query.cursor, 2);
  if (after) where.push(sql`(m.created_at, m.contact_id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const r = await db.execute<MemberRow>(sql`
    select m.contact_id, c.first_name, c.last_name, c.emails, c.phones, m.status, m.source, m.form_id,
      m.subscribed_at, m.confirmed_at, m.unsubscribed_at, m.created_at, m.updated_at
    from list_members m
    join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id
    where ${sql.join(where, sql` and `)}
    order by m.created_at desc, m.contact_id desc
    limit ${query.limit + 1}`);
  const more = r.rows.length > query.limit;
  const data = (more ? r.rows.slice(0, query.limit) : r.rows).map(toMember);
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.contactId]) : null };
}

/**
 * An admin (or an API client) puts people on a list: existing contacts by id, anybody by email (unknown addresses
 * become contacts). Subscribing this way skips double opt-in, so it needs a consent note — who agreed, how — which is
 * recorded as consent evidence on every contact it subscribes. Everything is checked before anything is written; one
 * bad id or address refuses the whole request, naming it.
 */
export async function addListMembers({
  db,
  workspaceId,
  listId,
  actorId,
  input,
  channel,
}: {
  db: DbOrTx;
  workspaceId: string;
  listId: string;
  actorId: string | null;
  input: TMembersAdd;
  /** Source channel of contacts created for unknown emails. */
  channel: 'manual' | 'api';
}) {
  const list = await getList(db, workspaceId, listId);
  const errors: FieldError[] = [];
  const contactIds = input.contactIds ?? [];
  const emailsIn = input.emails ?? [];
  if (!contactIds.length && !emailsIn.length)
    errors.push({ field: 'contactIds', message: 'give contactIds or emails (at least one)' });
  if (input.status === 'subscribed' && !input.consent)
    errors.push({
      field: 'consent',
      message: 'subscribing without double opt-in needs a consent note: who agreed, and how',
    });
  const emails = emailsIn.map((raw, i) => {
    const e = normalizeEmail(raw);
    if (!e) errors.push({ field: `emails.${i}`, message: 'is not an email address' });
    return e;
  });
  if (errors.length) throw AppError.validation(errors);

  return db.transaction(async (tx) => {
    // Contacts by id; a merged one stands for the contact it was merged into.
    const byId = new Map<string, { id: string; merged: string | null; erased: boolean }>();
    if (contactIds.length) {
      const r = await tx.execute<{ id: string; merged_into_id: string | null; erased_at: Date | null }>(sql`
        select id, merged_into_id, erased_at from contacts
        where workspace_id = ${workspaceId} and id = any(${uuidArray(contactIds)})`);
      for (const row of r.rows)
        byId.set(row.id, { id: row.id, merged: row.merged_into_id, erased: row.erased_at !== null });
    }
    const resolved: string[] = [];
    contactIds.forEach((id, i) => {
      const c = byId.get(id);
      if (!c) errors.push({ field: `contactIds.${i}`, message: 'no such contact in this workspace' });
      else if (c.erased) errors.push({ field: `contactIds.${i}`, message: 'this contact was erased' });
      else resolved.push(c.merged ?? c.id);
    });
    const wanted = emails.filter((e): e is string => e !== null);
    const byEmail = new Map<string, string>();
    if (wanted.length) {
      const r = await tx.execute<{ id: string; emails: string[] }>(sql`
        select id, emails from contacts
        where workspace_id = ${workspaceId} and emails && ${textArray(wanted)}
          and merged_into_id is null and erased_at is null`);
      for (const row of r.rows) for (const e of row.emails) if (!byEmail.has(e)) byEmail.set(e, row.id);
    }
    if (errors.length) throw AppError.validation(errors);

    let contactsCreated = 0;
    for (const e of wanted) {
      if (byEmail.has(e)) continue;
      const created = await createContact({
        db: tx,
        workspaceId,
        actorId,
        input: { emails: [e], ...(input.source ? { source: { channel, name: input.source } } : {}) },
        defaultChannel: channel,
      });
      byEmail.set(e, created.id);
      contactsCreated++;
    }
    for (const e of wanted) resolved.push(byEmail.get(e)!);

    const source = input.source ?? (channel === 'api' ? 'api' : 'admin');
    let changed = 0;
    let unchanged = 0;
    for (const contactId of new Set(resolved)) {
      const r = await setMembership(tx, {
        workspaceId,
        listId,
        contactId,
        status: input.status,
        source,
        actorId,
        reason: input.status === 'unsubscribed' ? 'set by an admin' : null,
      });
      if (!r.changed) {
        unchanged++;
        continue;
      }
      changed++;
      if (input.status === 'subscribed' && input.consent) {
        await recordConsent({
          db: tx,
          workspaceId,
          contactId,
          actorId,
          input: {
            channel: 'email',
            status: 'subscribed',
            lawfulBasis: input.consent.lawfulBasis ?? 'consent',
            source: `list: ${list.name}`,
            evidence: {
              method: 'admin_add',
              note: input.consent.note,
              listId,
              listName: list.name,
              addedBy: actorId,
              via: channel,
            },
          },
        });
      }
    }
    return { changed, unchanged, contactsCreated, contactIds: resolved };
  });
}

export async function unsubscribeMember({
  db,
  workspaceId,
  listId,
  contactId,
  actorId,
  reason,
}: {
  db: DbOrTx;
  workspaceId: string;
  listId: string;
  contactId: string;
  actorId: string | null;
  reason?: string | undefined;
}) {
  return db.transaction(async (tx) => {
    const exists = await tx.execute(sql`select 1 from list_members
      where workspace_id = ${workspaceId} and list_id = ${listId} and contact_id = ${contactId}`);
    if (!exists.rows.length) {
      await getList(tx, workspaceId, listId); // a missing list says so, rather than "member"
      throw AppError.notFound('Member');
    }
    await setMembership(tx, {
      workspaceId,
      listId,
      contactId,
      status: 'unsubscribed',
      actorId,
      reason: reason ?? 'unsubscribed by an admin',
    });
    return memberOf(tx, workspaceId, listId, contactId);
  });
}

export async function deleteMember({
  db,
  workspaceId,
  listId,
  contactId,
  actorId,
}: {
  db: DbOrTx;
  workspaceId: string;
  listId: string;
  contactId: string;
  actorId: string | null;
}) {
  await db.transaction(async (tx) => {
    const gone = await removeMembership(tx, { workspaceId, listId, contactId, actorId, reason: 'removed by an admin' });
    if (!gone) throw AppError.notFound('Member');
  });
}

async function memberOf(db: DbOrTx, workspaceId: string, listId: string, contactId: string): Promise<TMember> {
  const r = await db.execute<MemberRow>(sql`
    select m.contact_id, c.first_name, c.last_name, c.emails, c.phones, m.status, m.source, m.form_id,
      m.subscribed_at, m.confirmed_at, m.unsubscribed_at, m.created_at, m.updated_at
    from list_members m
    join contacts c on c.workspace_id = m.workspace_id and c.id = m.contact_id
    where m.workspace_id = ${workspaceId} and m.list_id = ${listId} and m.contact_id = ${contactId}`);
  const row = r.rows[0];
  if (!row) throw AppError.notFound('Member');
  return toMember(row);
}
