import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { recordContactEvent } from './index.ts';

describe('custom contact events', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Events Co');
  const post = (payload: unknown, headers: Record<string, string> = ws.bearer) =>
    app.inject({ method: 'POST', url: '/api/v1/events', headers, payload: payload as object });

  it('records an event for a new email: creates the contact, the row, a timeline entry and contact.event', async () => {
    const r = await post({
      email: ' Trial.User@Example.com ',
      type: 'trial_started',
      properties: { plan: 'pro', seats: 5 },
      occurredAt: '2026-11-01T10:00:00Z',
    });
    expect(r.statusCode).toBe(201);
    const ev = r.json();
    expect(ev).toMatchObject({ type: 'trial_started', properties: { plan: 'pro', seats: 5 }, contactCreated: true });
    expect(new Date(ev.at).toISOString()).toBe('2026-11-01T10:00:00.000Z');

    const contact = (await app.inject({ url: `/api/v1/contacts/${ev.contactId}`, headers: ws.bearer })).json();
    expect(contact.emails).toEqual(['trial.user@example.com']);
    expect(contact.source.first).toMatchObject({ channel: 'api', name: 'event: trial_started' });

    const row = await db.execute<{ type: string; properties: unknown }>(
      sql`select type, properties from contact_events where workspace_id = ${ws.workspaceId} and id = ${ev.id}`,
    );
    expect(row.rows).toEqual([{ type: 'trial_started', properties: { plan: 'pro', seats: 5 } }]);
    const tl = await db.execute<{ kind: string; module: string; data: Record<string, unknown> }>(sql`
      select kind, module, data from timeline_entries where workspace_id = ${ws.workspaceId}
        and contact_id = ${ev.contactId} and kind = 'event'`);
    expect(tl.rows).toEqual([
      {
        kind: 'event',
        module: 'audience',
        data: { eventId: ev.id, type: 'trial_started', properties: { plan: 'pro', seats: 5 } },
      },
    ]);
    const de = await db.execute<{ payload: Record<string, unknown> }>(sql`
      select payload from domain_events where workspace_id = ${ws.workspaceId} and type = 'contact.event'
        and subject_id = ${ev.contactId}`);
    expect(de.rows).toHaveLength(1);
    expect(de.rows[0]?.payload).toMatchObject({ type: 'trial_started', properties: { plan: 'pro', seats: 5 } });

    // The same address again finds that contact.
    const again = await post({ email: 'trial.user@example.com', type: 'viewed_pricing' });
    expect(again.json()).toMatchObject({ contactId: ev.contactId, contactCreated: false, properties: {} });
  });

  it('accepts a contact id, following a merge to the survivor', async () => {
    const mk = async (name: string, email: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/contacts',
          headers: ws.bearer,
          payload: { name, emails: [email] },
        })
      ).json().id as string;
    const keep = await mk('Keep Er', 'keep@example.com');
    const gone = await mk('Gone Er', 'gone@example.com');
    const m = await app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${keep}/merge`,
      headers: { cookie: ws.cookie },
      payload: { otherId: gone },
    });
    expect(m.statusCode).toBeLessThan(300);
    const r = await post({ contactId: gone, type: 'demo_booked' });
    expect(r.statusCode).toBe(201);
    expect(r.json().contactId).toBe(keep);
  });

  it('says clearly what is missing or wrong', async () => {
    const neither = await post({ type: 'x' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().code).toBe('VALIDATION');
    expect(neither.json().errors).toEqual([
      { field: 'email', message: 'give the email or the contactId of the person this happened to' },
    ]);
    const badType = await post({ email: 'a@example.com', type: 'has spaces!' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().errors[0].field).toBe('body.type');
    const unknownId = await post({ contactId: '00000000-0000-7000-8000-000000000009', type: 'x' });
    expect(unknownId.statusCode).toBe(400);
    expect(unknownId.json().errors).toEqual([{ field: 'contactId', message: 'no such contact in this workspace' }]);
    const big = await post({ email: 'big@example.com', type: 'x', properties: { blob: 'x'.repeat(20_000) } });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].field).toBe('properties');
    const future = await post({ email: 'f@example.com', type: 'x', occurredAt: '2999-01-01T00:00:00Z' });
    expect(future.json().errors[0].field).toBe('occurredAt');
  });

  it('recordContactEvent is usable by other modules inside their transaction; types are listed', async () => {
    const c = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: ws.bearer,
        payload: { name: 'Web Inar', emails: ['webinar@example.com'] },
      })
    ).json();
    const webinarId = '01900000-0000-7000-8000-000000000001';
    await db.transaction((tx) =>
      recordContactEvent(tx, {
        workspaceId: ws.workspaceId,
        contactId: c.id,
        type: 'webinar.attended',
        properties: { webinarId, minutes: 42 },
        module: 'webinars',
      }),
    );
    const types = await app.inject({ url: '/api/v1/events/types', headers: ws.bearer });
    expect(types.statusCode).toBe(200);
    const byType = Object.fromEntries(types.json().data.map((t: { type: string; count: number }) => [t.type, t.count]));
    expect(byType).toMatchObject({ 'webinar.attended': 1, trial_started: 1, viewed_pricing: 1 });
  });
});
