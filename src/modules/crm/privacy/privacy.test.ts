import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { scanDuplicates } from '../duplicates/scan-duplicates.ts';
import { contacts, duplicatePairs, importRejects, privacyLog, tasks, timelineEntries } from '../schema.ts';

describe('privacy: export and erase', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Privacy Co');
  const h = { cookie: ws.cookie };
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = h) => {
    const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  await ok('POST', '/api/v1/custom-fields', { entity: 'contact', label: 'Shoe size', type: 'number' });
  const person = await ok('POST', '/api/v1/contacts', {
    name: 'Petra Privé',
    emails: ['petra@prive.example'],
    phones: ['+31612340000'],
    companyName: 'Privé Imports',
    address: { street: 'Kerkstraat 1', city: 'Delft', country: 'NL' },
    social: { linkedin: 'https://linkedin.com/in/petra' },
    custom: { shoe_size: 39 },
    lifecycleStage: 'customer',
    source: { channel: 'trade_show', name: 'Canton Fair 2026' },
    consent: { email: { status: 'subscribed', source: 'fair badge scan', evidence: { ipHash: 'a1b2c3' } } },
  });
  const twin = await ok('POST', '/api/v1/contacts', { name: 'P. Privé', emails: ['p.prive@home.example'] });
  await ok('POST', `/api/v1/contacts/${twin.id}/notes`, { body: 'Twin note: lives above the bakery' });
  await ok('POST', `/api/v1/contacts/${person.id}/merge`, { otherId: twin.id });
  await ok('POST', `/api/v1/contacts/${person.id}/notes`, { body: 'Petra prefers calls after 5pm' });
  const task = await ok('POST', '/api/v1/tasks', {
    title: 'Send Petra the catalogue',
    notes: 'Ask Petra',
    contactId: person.id,
  });
  const deal = await ok('POST', '/api/v1/deals', { title: 'Petra order', contactId: person.id, amountMinor: 4200 });
  const importId = newId();
  await db.insert(importRejects).values({
    workspaceId: ws.workspaceId,
    importId,
    rowNumber: 7,
    raw: { name: 'Petra', email: 'PETRA@prive.example', phone: 'bad' },
    reason: 'phone: not a number',
  });
  await db.insert(importRejects).values({
    workspaceId: ws.workspaceId,
    importId,
    rowNumber: 8,
    raw: { name: 'Someone else', email: 'else@example.com' },
    reason: 'x',
  });

  it('exports everything held about the person and logs the request', async () => {
    const r = await app.inject({ url: `/api/v1/contacts/${person.id}/export`, headers: h });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(`contact-${person.id}.json`);
    const doc = r.json();
    expect(doc.contact).toMatchObject({
      id: person.id,
      firstName: 'Petra',
      emails: ['petra@prive.example', 'p.prive@home.example'],
      custom: { shoe_size: 39 },
    });
    expect(doc.company).toMatchObject({ name: 'Privé Imports' });
    expect(doc.consent[0]).toMatchObject({ status: 'subscribed', evidence: { ipHash: 'a1b2c3' } });
    const bodies = doc.timeline.map((e: { data: { body?: string } }) => e.data.body).filter(Boolean);
    expect(bodies).toEqual(
      expect.arrayContaining(['Petra prefers calls after 5pm', 'Twin note: lives above the bakery']),
    );
    expect(doc.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['merge', 'consent']));
    expect(doc.tasks.map((t: { id: string }) => t.id)).toEqual([task.id]);
    expect(doc.deals.map((d: { id: string }) => d.id)).toEqual([deal.id]);
    expect(doc.mergedContacts.map((c: { id: string }) => c.id)).toEqual([twin.id]);
    expect(doc.importRejects).toEqual([
      {
        importId,
        rowNumber: 7,
        raw: { name: 'Petra', email: 'PETRA@prive.example', phone: 'bad' },
        reason: expect.any(String),
      },
    ]);
    const log = await db
      .select()
      .from(privacyLog)
      .where(and(eq(privacyLog.workspaceId, ws.workspaceId), eq(privacyLog.contactId, person.id)));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'export', details: { counts: { tasks: 1, deals: 1, contacts: 2 } } });
  });

  it('erases personal data, keeps an anonymous stub that still counts, and logs no personal data', async () => {
    const inv = await ok('POST', '/api/v1/invitations', { email: 'member.privacy@example.com', role: 'member' });
    const accept = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: inv.acceptUrl.split('/').pop(), password: 'a good password' },
    });
    const member = { cookie: String(accept.headers['set-cookie']).split(';')[0]! };
    const denied = await app.inject({ method: 'POST', url: `/api/v1/contacts/${person.id}/erase`, headers: member });
    expect(denied.statusCode).toBe(403);
    const tomb = await app.inject({ method: 'POST', url: `/api/v1/contacts/${twin.id}/erase`, headers: h });
    expect(tomb.statusCode).toBe(409);

    // A stored duplicate candidate quotes her phone number.
    await ok('POST', '/api/v1/contacts', { name: 'Desk Phone', phones: ['+31612340000'] });
    expect(await scanDuplicates({ db, workspaceId: ws.workspaceId })).toBe(1);

    const res = await ok('POST', `/api/v1/contacts/${person.id}/erase`);
    expect(res).toMatchObject({ contactId: person.id, counts: { contacts: 2, importRejects: 1 } });
    expect(res.counts.timelineEntries).toBeGreaterThanOrEqual(4);

    const stub = await ok('GET', `/api/v1/contacts/${person.id}`);
    expect(stub).toMatchObject({
      firstName: null,
      lastName: null,
      emails: [],
      phones: [],
      companyId: null,
      address: {},
      social: {},
      custom: {},
      lifecycleStage: 'customer',
      erasedAt: expect.any(String),
    });
    expect(stub.source.first).toMatchObject({ channel: 'trade_show', name: 'Canton Fair 2026' });
    const twinStub = await ok('GET', `/api/v1/contacts/${twin.id}`);
    expect(twinStub).toMatchObject({ emails: [], firstName: null, erasedAt: expect.any(String) });

    // Nothing personal is left in the database rows that belonged to her.
    const stubRows = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws.workspaceId), sql`${contacts.erasedAt} is not null`));
    const leftovers = JSON.stringify([
      await db.select().from(contacts).where(eq(contacts.workspaceId, ws.workspaceId)),
      await db.select().from(timelineEntries).where(eq(timelineEntries.workspaceId, ws.workspaceId)),
      await db.select().from(importRejects).where(eq(importRejects.workspaceId, ws.workspaceId)),
      await app.inject({ url: `/api/v1/contacts/${person.id}/consent`, headers: h }).then((r) => r.json()),
      await db.select().from(privacyLog).where(eq(privacyLog.workspaceId, ws.workspaceId)),
    ]);
    expect(await db.select().from(duplicatePairs).where(eq(duplicatePairs.workspaceId, ws.workspaceId))).toEqual([]);
    // The desk phone contact still holds the number (someone else's record): look for it only in her rows.
    expect(JSON.stringify(stubRows)).not.toContain('+31612340000');
    for (const secret of ['Petra', 'petra@prive', 'p.prive@home', 'Kerkstraat', 'a1b2c3', 'bakery', '5pm'])
      expect(leftovers, secret).not.toContain(secret);
    expect(leftovers).toContain('Someone else');

    // Hidden from lists and search, but aggregates still count the stub.
    const list = await ok('GET', '/api/v1/contacts?limit=500');
    expect(list.data.map((c: { id: string }) => c.id)).not.toContain(person.id);
    expect((await ok('GET', '/api/v1/contacts?q=Petra')).data).toHaveLength(0);
    const customers = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws.workspaceId), eq(contacts.lifecycleStage, 'customer')));
    expect(customers.map((c) => c.id)).toContain(person.id);

    // The team's work stays linked to the stub.
    const [t] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(t).toMatchObject({ contactId: person.id, notes: 'Ask Petra' });
    expect((await ok('GET', `/api/v1/deals/${deal.id}`)).contactId).toBe(person.id);

    const [erase] = await db
      .select()
      .from(privacyLog)
      .where(and(eq(privacyLog.contactId, person.id), eq(privacyLog.action, 'erase')));
    expect(erase!.actorId).toBeTruthy();
    const [event] = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws.workspaceId), eq(domainEvents.type, 'contact.erased')));
    expect(event!.payload).toMatchObject({ contactId: person.id, mergedContactIds: [twin.id] });
    const again = await app.inject({ method: 'POST', url: `/api/v1/contacts/${person.id}/erase`, headers: h });
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 for another workspace', async () => {
    const other = await signUpWorkspace(app, 'Nosy Co');
    for (const [method, url] of [
      ['GET', `/api/v1/contacts/${person.id}/export`],
      ['POST', `/api/v1/contacts/${person.id}/erase`],
    ] as const) {
      const r = await app.inject({ method, url, headers: { cookie: other.cookie } });
      expect(r.statusCode, url).toBe(404);
    }
  });
});
