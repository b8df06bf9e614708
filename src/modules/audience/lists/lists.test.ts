import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { createLogger } from '../../../platform/logger.ts';
import { signUpWorkspace, testApp, testConfig } from '../../../platform/testing.ts';
import { recordReport } from '../bounces/record.ts';
import { listsOfContact, setMembership } from './index.ts';
import { deleteAudienceDataOnErase, moveAudienceDataOnMerge } from './on-contact-merged.ts';

describe('lists', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Lists Co');
  const h = ws.bearer;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers: h, ...(payload ? { payload: payload as object } : {}) });

  const events = async (type: string, contactId: string) =>
    (
      await db.execute<{ payload: Record<string, unknown> }>(sql`
        select payload from domain_events where workspace_id = ${ws.workspaceId} and type = ${type}
          and subject_id = ${contactId} order by created_at, id`)
    ).rows.map((r) => r.payload);
  const timeline = async (contactId: string, kind: string) =>
    (
      await db.execute<{ data: Record<string, unknown>; module: string }>(sql`
        select data, module from timeline_entries where workspace_id = ${ws.workspaceId} and contact_id = ${contactId}
          and kind = ${kind} order by at, id`)
    ).rows;

  it('creates, renames, lists and refuses a second list of the same name (409 naming the field)', async () => {
    const a = await call('POST', '/lists', { name: 'Newsletter', description: 'Monthly industry news' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      name: 'Newsletter',
      visibility: 'public',
      doubleOptIn: true,
      counts: { subscribed: 0, pending: 0, unsubscribed: 0 },
    });
    const dup = await call('POST', '/lists', { name: ' newsletter ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('CONFLICT');
    expect(dup.json().errors).toEqual([{ field: 'name', message: 'is already the name of another list' }]);

    const b = await call('POST', '/lists', { name: 'VIP customers', visibility: 'private', doubleOptIn: false });
    expect(b.statusCode).toBe(201);
    const renameClash = await call('PATCH', `/lists/${b.json().id}`, { name: 'NEWSLETTER' });
    expect(renameClash.statusCode).toBe(409);
    const renamed = await call('PATCH', `/lists/${b.json().id}`, { name: 'Key accounts', description: null });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Key accounts', visibility: 'private', doubleOptIn: false });

    const all = await call('GET', '/lists');
    expect(all.json().data.map((l: { name: string }) => l.name)).toEqual(['Key accounts', 'Newsletter']);
    const found = await call('GET', '/lists?q=news');
    expect(found.json().data.map((l: { name: string }) => l.name)).toEqual(['Newsletter']);
    expect((await call('GET', '/lists/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('adds members by email (creating unknown contacts) and by id, with consent evidence and events', async () => {
    const list = (await call('POST', '/lists', { name: 'Trade show' })).json();
    const known = (await call('POST', '/contacts', { name: 'Known Person', emails: ['known@example.com'] })).json();

    const noConsent = await call('POST', `/lists/${list.id}/members`, { emails: ['a@example.com'] });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors.map((e: { field: string }) => e.field)).toEqual(['consent']);

    const badEmail = await call('POST', `/lists/${list.id}/members`, {
      emails: ['fine@example.com', 'not an email'],
      consent: { note: 'Met at the booth' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors).toEqual([{ field: 'emails.1', message: 'is not an email address' }]);
    // Nothing was written by the refused request.
    const nobody = await db.execute(sql`select 1 from contacts where workspace_id = ${ws.workspaceId}
      and emails @> array['fine@example.com']::text[]`);
    expect(nobody.rows).toHaveLength(0);

    const r = await call('POST', `/lists/${list.id}/members`, {
      contactIds: [known.id],
      emails: ['New.Person@Example.com', 'KNOWN@example.com'],
      consent: { note: 'Signed up at our booth, Canton Fair 2026' },
      source: 'Canton Fair 2026',
    });
    expect(r.statusCode).toBe(200);
    const added = r.json();
    expect(added).toMatchObject({ changed: 2, unchanged: 0, contactsCreated: 1 });
    expect(added.contactIds[0]).toBe(known.id);
    expect(added.contactIds[2]).toBe(known.id);
    const newId = added.contactIds[1];

    const again = await call('POST', `/lists/${list.id}/members`, {
      contactIds: [known.id],
      consent: { note: 'again' },
    });
    expect(again.json()).toMatchObject({ changed: 0, unchanged: 1, contactsCreated: 0 });

    // Consent evidence on the contact, with the note.
    const rows = await db.execute<{ status: string; evidence: Record<string, unknown> }>(sql`
      select status, evidence from consent_events where workspace_id = ${ws.workspaceId} and contact_id = ${newId}`);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({
      status: 'subscribed',
      evidence: { method: 'admin_add', note: 'Signed up at our booth, Canton Fair 2026', listId: list.id },
    });

    // One domain event and one timeline entry per subscription, none for the repeated add.
    expect(await events('audience.subscribed', known.id)).toEqual([
      { listId: list.id, contactId: known.id, source: 'Canton Fair 2026' },
    ]);
    const tl = await timeline(known.id, 'list_subscribed');
    expect(tl).toHaveLength(1);
    expect(tl[0]).toMatchObject({ module: 'audience', data: { listId: list.id, listName: 'Trade show' } });

    const got = (await call('GET', `/lists/${list.id}`)).json();
    expect(got.counts).toEqual({ subscribed: 2, pending: 0, unsubscribed: 0 });
    const members = (await call('GET', `/lists/${list.id}/members`)).json();
    expect(members.data).toHaveLength(2);
    expect(members.data.map((m: { email: string }) => m.email).sort()).toEqual([
      'known@example.com',
      'new.person@example.com',
    ]);
    expect(members.data[0]).toMatchObject({ status: 'subscribed', source: 'Canton Fair 2026' });
  });

  it('refuses unknown contact ids by position', async () => {
    const list = (await call('POST', '/lists', { name: 'Ids' })).json();
    const c = (await call('POST', '/contacts', { name: 'Ida Id' })).json();
    const r = await call('POST', `/lists/${list.id}/members`, {
      contactIds: [c.id, '00000000-0000-7000-8000-000000000001'],
      consent: { note: 'phone call' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'contactIds.1', message: 'no such contact in this workspace' }]);
    const none = await call('POST', `/lists/${list.id}/members`, { consent: { note: 'nothing' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('contactIds');
  });

  it('filters and searches members, unsubscribes and removes them with events', async () => {
    const list = (await call('POST', '/lists', { name: 'Monthly' })).json();
    const ids: string[] = [];
    for (const [name, email] of [
      ['Anna Lamp', 'anna@lamps.example'],
      ['Bert Bulb', 'bert@bulbs.example'],
      ['Carla Light', 'carla@lights.example'],
    ]) {
      ids.push((await call('POST', '/contacts', { name, emails: [email] })).json().id);
    }
    const add = await call('POST', `/lists/${list.id}/members`, {
      contactIds: ids,
      consent: { note: 'Customers who asked for the newsletter by phone' },
    });
    expect(add.json().changed).toBe(3);

    const un = await call('POST', `/lists/${list.id}/members/${ids[1]}/unsubscribe`, { reason: 'asked by phone' });
    expect(un.statusCode).toBe(200);
    expect(un.json()).toMatchObject({ contactId: ids[1], status: 'unsubscribed' });
    expect(un.json().unsubscribedAt).not.toBeNull();
    expect(await events('audience.unsubscribed', ids[1]!)).toEqual([
      { listId: list.id, contactId: ids[1], reason: 'asked by phone' },
    ]);
    expect(await timeline(ids[1]!, 'list_unsubscribed')).toHaveLength(1);

    const subscribed = (await call('GET', `/lists/${list.id}/members?status=subscribed`)).json();
    expect(subscribed.data.map((m: { contactId: string }) => m.contactId).sort()).toEqual([ids[0], ids[2]].sort());
    const byName = (await call('GET', `/lists/${list.id}/members?q=carla`)).json();
    expect(byName.data.map((m: { name: string }) => m.name)).toEqual(['Carla Light']);
    const byEmail = (await call('GET', `/lists/${list.id}/members?q=bulbs.ex`)).json();
    expect(byEmail.data.map((m: { name: string }) => m.name)).toEqual(['Bert Bulb']);
    const wild = (await call('GET', `/lists/${list.id}/members?q=%25`)).json();
    expect(wild.data).toHaveLength(0);

    // Paging: one at a time, newest first, every member once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { data: { contactId: string }[]; nextCursor: string | null } = (
        await call('GET', `/lists/${list.id}/members?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...p.data.map((m) => m.contactId));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const del = await call('DELETE', `/lists/${list.id}/members/${ids[0]}`);
    expect(del.statusCode).toBe(204);
    expect(await events('audience.unsubscribed', ids[0]!)).toEqual([
      { listId: list.id, contactId: ids[0], reason: 'removed by an admin' },
    ]);
    expect((await call('DELETE', `/lists/${list.id}/members/${ids[0]}`)).statusCode).toBe(404);
    expect((await call('GET', `/lists/${list.id}`)).json().counts).toEqual({
      subscribed: 1,
      pending: 0,
      unsubscribed: 1,
    });

    // Deleting the list removes its memberships; the contacts stay.
    expect((await call('DELETE', `/lists/${list.id}`)).statusCode).toBe(204);
    const left = await db.execute(sql`select 1 from list_members where workspace_id = ${ws.workspaceId}
      and list_id = ${list.id}`);
    expect(left.rows).toHaveLength(0);
    expect((await call('GET', `/contacts/${ids[2]}`)).statusCode).toBe(200);
    expect((await call('GET', `/lists/${list.id}`)).statusCode).toBe(404);
  });

  it('setMembership: pending → subscribed (confirmed) emits once; repeating a status changes nothing', async () => {
    const list = (await call('POST', '/lists', { name: 'Double opt-in' })).json();
    const c = (await call('POST', '/contacts', { name: 'Pia Pending', emails: ['pia@example.com'] })).json();
    const first = await db.transaction((tx) =>
      setMembership(tx, {
        workspaceId: ws.workspaceId,
        listId: list.id,
        contactId: c.id,
        status: 'pending',
        source: 'form: footer',
        confirmTokenHash: 'a'.repeat(64),
      }),
    );
    expect(first).toEqual({ previous: null, status: 'pending', changed: true });
    expect(await events('audience.subscribed', c.id)).toEqual([]);
    const resent = await db.transaction((tx) =>
      setMembership(tx, {
        workspaceId: ws.workspaceId,
        listId: list.id,
        contactId: c.id,
        status: 'pending',
        confirmTokenHash: 'b'.repeat(64),
      }),
    );
    expect(resent.changed).toBe(false);
    const tok = await db.execute<{ confirm_token_hash: string }>(sql`select confirm_token_hash from list_members
      where workspace_id = ${ws.workspaceId} and list_id = ${list.id} and contact_id = ${c.id}`);
    expect(tok.rows[0]?.confirm_token_hash).toBe('b'.repeat(64));

    for (let i = 0; i < 2; i++) {
      await db.transaction((tx) =>
        setMembership(tx, {
          workspaceId: ws.workspaceId,
          listId: list.id,
          contactId: c.id,
          status: 'subscribed',
          confirmed: true,
        }),
      );
    }
    expect(await events('audience.subscribed', c.id)).toEqual([{ listId: list.id, contactId: c.id, source: null }]);
    const row = await db.execute<{
      status: string;
      source: string;
      confirmed_at: Date | null;
      confirm_token_hash: string | null;
    }>(sql`select status, source, confirmed_at, confirm_token_hash from list_members
      where workspace_id = ${ws.workspaceId} and list_id = ${list.id} and contact_id = ${c.id}`);
    expect(row.rows[0]).toMatchObject({ status: 'subscribed', source: 'form: footer', confirm_token_hash: null });
    expect(row.rows[0]?.confirmed_at).not.toBeNull();
    expect((await listsOfContact(db, ws.workspaceId, c.id)).map((l) => [l.name, l.status])).toEqual([
      ['Double opt-in', 'subscribed'],
    ]);

    // A failing transaction leaves neither the membership change nor its event behind.
    await expect(
      db.transaction(async (tx) => {
        await setMembership(tx, {
          workspaceId: ws.workspaceId,
          listId: list.id,
          contactId: c.id,
          status: 'unsubscribed',
          reason: 'test',
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await events('audience.unsubscribed', c.id)).toEqual([]);
    expect((await listsOfContact(db, ws.workspaceId, c.id))[0]?.status).toBe('subscribed');
  });

  it('does not count merged or erased contacts', async () => {
    const list = (await call('POST', '/lists', { name: 'Counting' })).json();
    const a = (await call('POST', '/contacts', { name: 'Era Sed', emails: ['erased@example.com'] })).json();
    const b = (await call('POST', '/contacts', { name: 'Stay Here', emails: ['stay@example.com'] })).json();
    await call('POST', `/lists/${list.id}/members`, { contactIds: [a.id, b.id], consent: { note: 'by phone' } });
    expect((await call('GET', `/lists/${list.id}`)).json().counts.subscribed).toBe(2);
    const erase = await app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${a.id}/erase`,
      headers: { cookie: ws.cookie },
    });
    expect(erase.statusCode).toBeLessThan(300);
    expect((await call('GET', `/lists/${list.id}`)).json().counts.subscribed).toBe(1);

    // The erase event's subscriber deletes the erased person's memberships (and custom events).
    const ev = await db.execute<{ id: string; payload: Record<string, unknown>; created_at: Date }>(sql`
      select id, payload, created_at from domain_events
      where workspace_id = ${ws.workspaceId} and type = 'contact.erased' and subject_id = ${a.id}`);
    const row = ev.rows[0]!;
    expect(await listsOfContact(db, ws.workspaceId, a.id)).toHaveLength(1); // the CRM's erase left it
    // Email they were sent, its events and their activity summary (as a send and the tracking flush leave them).
    const mid = newId();
    await db.execute(sql`insert into email_messages (workspace_id, id, contact_id, email, source_type, status, subject,
        error, sent_at) values (${ws.workspaceId}, ${mid}, ${a.id}, 'erased@example.com', 'campaign', 'sent',
        'Era, your guide', '550 erased@example.com: mailbox full', now())`);
    await db.execute(sql`insert into email_events (workspace_id, id, message_id, contact_id, source_type, type, data)
      values (${ws.workspaceId}, ${newId()}, ${mid}, ${a.id}, 'campaign', 'click',
              ${JSON.stringify({ url: 'https://shop.example/', client: 'browser' })}::jsonb),
             (${ws.workspaceId}, ${newId()}, ${mid}, ${a.id}, 'campaign', 'bounce',
              ${JSON.stringify({ diagnostic: 'erased@example.com unknown' })}::jsonb)`);
    await db.execute(sql`insert into contact_email_activity (workspace_id, contact_id, sent_count)
      values (${ws.workspaceId}, ${a.id}, 1) on conflict do nothing`);
    // Their bounce reports: one naming them, one naming only a message they were sent (the report came without a
    // contact match); a report about someone else stays as it is.
    const report = (contactId: string | null, messageId: string | null, email: string) =>
      recordReport(db, {
        workspaceId: ws.workspaceId,
        source: 'manual',
        kind: 'soft',
        email,
        diagnostic: `452 ${email}: mailbox full`,
        originalMessageId: null,
        dedupeKey: `erase-test:${email}:${contactId ?? messageId}`,
      }).then(async () => {
        // As the match would have linked it (a live contact is matched by address; this one is already erased).
        await db.execute(sql`update bounce_reports set contact_id = ${contactId}, message_id = ${messageId}
          where workspace_id = ${ws.workspaceId} and email = ${email}`);
      });
    await report(a.id, null, 'old.era@example.com');
    await report(null, mid, 'era.sed@work.example');
    await report(b.id, null, 'stay@example.com');
    const activity = sql`select 1 from contact_email_activity
      where workspace_id = ${ws.workspaceId} and contact_id = ${a.id}`;
    expect((await db.execute(activity)).rows).toHaveLength(1);
    await deleteAudienceDataOnErase.handle(
      {
        workspaceId: ws.workspaceId,
        id: row.id,
        type: 'contact.erased',
        subjectId: a.id,
        payload: row.payload,
        occurredAt: new Date(row.created_at),
      },
      { db, config: testConfig(), logger: createLogger('silent') },
    );
    expect(await listsOfContact(db, ws.workspaceId, a.id)).toEqual([]);
    expect((await listsOfContact(db, ws.workspaceId, b.id)).map((l) => l.status)).toEqual(['subscribed']);
    const msg = await db.execute(sql`select contact_id, email, subject, error, status from email_messages
      where workspace_id = ${ws.workspaceId} and id = ${mid}`);
    expect(msg.rows).toEqual([{ contact_id: null, email: 'erased', subject: null, error: null, status: 'sent' }]);
    const evs = await db.execute<{ contact_id: string | null; type: string; data: unknown }>(sql`
      select contact_id, type, data from email_events where workspace_id = ${ws.workspaceId} and message_id = ${mid}
      order by type`);
    expect(evs.rows).toEqual([
      { contact_id: null, type: 'bounce', data: {} },
      { contact_id: null, type: 'click', data: { url: 'https://shop.example/' } },
    ]);
    expect((await db.execute(activity)).rows).toEqual([]);
    const reports = await db.execute<{ email: string; diagnostic: string | null; contact_id: string | null }>(sql`
      select email, diagnostic, contact_id, dedupe_key from bounce_reports where workspace_id = ${ws.workspaceId}
      order by email`);
    expect(reports.rows.map(({ dedupe_key: _k, ...r }: Record<string, unknown>) => r)).toEqual([
      { email: 'erased', diagnostic: null, contact_id: null },
      { email: 'erased', diagnostic: null, contact_id: null },
      { email: 'stay@example.com', diagnostic: '452 stay@example.com: mailbox full', contact_id: b.id },
    ]);
    // No address survives in the dedupe keys either.
    expect(JSON.stringify(reports.rows)).not.toMatch(/era@example|era\.sed@/);
  });
  it('a merge moves memberships to the survivor; an unsubscription on either side wins', async () => {
    const a = (await call('POST', '/lists', { name: 'Merge A' })).json();
    const b = (await call('POST', '/lists', { name: 'Merge B' })).json();
    const keep = (await call('POST', '/contacts', { name: 'Keep Me', emails: ['keep.me@example.com'] })).json();
    const gone = (await call('POST', '/contacts', { name: 'Merge Me', emails: ['merge.me@example.com'] })).json();
    const set = (listId: string, contactId: string, status: 'subscribed' | 'unsubscribed') =>
      db.transaction((tx) => setMembership(tx, { workspaceId: ws.workspaceId, listId, contactId, status }));
    await set(a.id, keep.id, 'subscribed');
    await set(a.id, gone.id, 'subscribed');
    await set(a.id, gone.id, 'unsubscribed');
    await set(b.id, gone.id, 'subscribed');
    // Email history on both: a message each, opened; the one to the merged contact clicked too.
    const wsId = ws.workspaceId;
    const mail = async (contactId: string, types: string[], at: string) => {
      const messageId = newId();
      await db.execute(sql`insert into email_messages (workspace_id, id, contact_id, email, source_type, status, sent_at)
        values (${wsId}, ${messageId}, ${contactId}, 'x@example.com', 'campaign', 'sent', ${at}::timestamptz)`);
      for (const type of types) {
        await db.execute(sql`insert into email_events (workspace_id, id, message_id, contact_id, source_type, type, at)
          values (${wsId}, ${newId()}, ${messageId}, ${contactId}, 'campaign', ${type}, ${at}::timestamptz)`);
      }
    };
    await mail(keep.id, ['sent', 'open'], '2026-03-01T10:00:00Z');
    await mail(gone.id, ['sent', 'open', 'click'], '2026-04-01T10:00:00Z');
    const m = await app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${keep.id}/merge`,
      headers: { cookie: ws.cookie },
      payload: { otherId: gone.id },
    });
    expect(m.statusCode).toBeLessThan(300);
    const ev = await db.execute<{
      id: string;
      payload: Record<string, unknown>;
      created_at: Date;
      subject_id: string;
    }>(sql`
      select id, payload, created_at, subject_id from domain_events
      where workspace_id = ${ws.workspaceId} and type = 'contact.merged' and subject_id = ${keep.id}`);
    const row = ev.rows[0]!;
    const event = {
      workspaceId: ws.workspaceId,
      id: row.id,
      type: 'contact.merged',
      subjectId: row.subject_id,
      payload: row.payload,
      occurredAt: new Date(row.created_at),
    };
    const ctx = { db, config: testConfig(), logger: createLogger('silent') };
    await moveAudienceDataOnMerge.handle(event, ctx);
    await moveAudienceDataOnMerge.handle(event, ctx); // delivered twice: same outcome
    expect((await listsOfContact(db, ws.workspaceId, keep.id)).map((l) => [l.name, l.status])).toEqual([
      ['Merge A', 'unsubscribed'],
      ['Merge B', 'subscribed'],
    ]);
    expect(await listsOfContact(db, ws.workspaceId, gone.id)).toEqual([]);
    const owners = await db.execute<{ t: string; contact_id: string; n: number }>(sql`
      select 'message' as t, contact_id, count(*)::int as n from email_messages
        where workspace_id = ${wsId} and contact_id in (${keep.id}, ${gone.id}) group by contact_id
      union all
      select 'event', contact_id, count(*)::int from email_events
        where workspace_id = ${wsId} and contact_id in (${keep.id}, ${gone.id}) group by contact_id
      order by 1`);
    expect(owners.rows).toEqual([
      { t: 'event', contact_id: keep.id, n: 5 },
      { t: 'message', contact_id: keep.id, n: 2 },
    ]);
    // The summary adds both up, once, though the event was delivered twice.
    const activity = await db.execute<Record<string, unknown>>(sql`
      select contact_id, sent_count, open_count, click_count, extract(epoch from last_open_at)::int as last_open,
             extract(epoch from last_click_at)::int as last_click
      from contact_email_activity
      where workspace_id = ${wsId} and contact_id in (${keep.id}, ${gone.id})`);
    expect(activity.rows).toEqual([
      {
        contact_id: keep.id,
        sent_count: 2,
        open_count: 2,
        click_count: 1,
        last_open: Date.parse('2026-04-01T10:00:00Z') / 1000,
        last_click: Date.parse('2026-04-01T10:00:00Z') / 1000,
      },
    ]);
  });
});
