import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

describe('merge and unmerge', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Merge Co');
  const h = { cookie: ws.cookie };
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const r = await app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.statusCode === 204 ? null : r.json() };
  };
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const r = await call(method, url, payload);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const survivor = await ok('POST', '/api/v1/contacts', {
    firstName: 'Sam',
    emails: ['sam@alpha.com'],
    tags: ['vip'],
    source: { channel: 'trade_show', name: 'Canton Fair', at: '2025-03-01T00:00:00Z' },
  });
  const other = await ok('POST', '/api/v1/contacts', {
    firstName: 'Samuel',
    lastName: 'Stone',
    title: 'Buyer',
    emails: ['sam@beta.com'],
    phones: ['+31612345670'],
    tags: ['fair', 'vip'],
    address: { city: 'Utrecht', country: 'NL' },
    source: { channel: 'website_form', at: '2024-01-01T00:00:00Z' },
    consent: { email: { status: 'subscribed', source: 'form' } },
  });
  await ok('PATCH', `/api/v1/contacts/${other.id}`, {
    latestSource: { channel: 'email', name: 'Newsletter', at: '2025-06-01T00:00:00Z' },
  });
  await ok('POST', `/api/v1/contacts/${survivor.id}/notes`, { body: 'Survivor note' });
  await ok('POST', `/api/v1/contacts/${other.id}/notes`, { body: 'Other note' });
  await ok('POST', `/api/v1/contacts/${other.id}/consent`, { channel: 'email', status: 'unsubscribed' });
  const task = await ok('POST', '/api/v1/tasks', { title: 'Call Samuel', contactId: other.id });
  const deal = await ok('POST', '/api/v1/deals', { title: 'Samuel order', contactId: other.id, amountMinor: 500 });

  /** Everything the API shows about a contact, minus the clock it was last touched. */
  const state = async (id: string) => {
    const { updatedAt: _, ...contact } = await ok('GET', `/api/v1/contacts/${id}`);
    const timeline = (await ok('GET', `/api/v1/contacts/${id}/timeline?limit=200`)).data.filter(
      (e: { kind: string }) => e.kind !== 'merge' && e.kind !== 'unmerge',
    );
    const consent = await ok('GET', `/api/v1/contacts/${id}/consent`);
    const tasks = (await ok('GET', `/api/v1/tasks?contactId=${id}`)).data.map((t: { id: string }) => t.id);
    const deals = (await ok('GET', `/api/v1/deals?contactId=${id}`)).data.map((d: { id: string }) => d.id);
    return { contact, timeline, consent, tasks, deals };
  };

  it('merges values, moves history, keeps a tombstone — and unmerge restores both exactly', async () => {
    const beforeS = await state(survivor.id);
    const beforeO = await state(other.id);

    const merged = await ok('POST', `/api/v1/contacts/${survivor.id}/merge`, { otherId: other.id });
    expect(merged).toMatchObject({
      firstName: 'Sam', // the survivor's own value wins
      lastName: 'Stone', // empty fields are filled
      title: 'Buyer',
      emails: ['sam@alpha.com', 'sam@beta.com'],
      phones: ['+31612345670'],
      tags: ['vip', 'fair'],
      address: { city: 'Utrecht', country: 'NL' },
    });
    expect(merged.source.first).toMatchObject({ channel: 'website_form' }); // the earliest first touch
    expect(merged.source.latest).toMatchObject({ channel: 'email', name: 'Newsletter' }); // the latest touch

    const tomb = await ok('GET', `/api/v1/contacts/${other.id}`);
    expect(tomb.mergedIntoId).toBe(survivor.id);
    const list = await ok('GET', '/api/v1/contacts?limit=500');
    expect(list.data.map((c: { id: string }) => c.id)).not.toContain(other.id);

    const afterS = await state(survivor.id);
    expect(afterS.tasks).toContain(task.id);
    expect(afterS.deals).toContain(deal.id);
    expect(afterS.consent.history).toHaveLength(beforeS.consent.history.length + beforeO.consent.history.length);
    expect(afterS.timeline.map((e: { data: { body?: string } }) => e.data.body)).toEqual(
      expect.arrayContaining(['Survivor note', 'Other note']),
    );
    const entries = (await ok('GET', `/api/v1/contacts/${survivor.id}/timeline?kinds=merge`)).data;
    expect(entries).toHaveLength(1);
    expect(entries[0].data).toMatchObject({ otherId: other.id, otherName: 'Samuel Stone' });
    expect(entries[0].data.moved.tasks).toEqual([task.id]);
    const [event] = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws.workspaceId), eq(domainEvents.type, 'contact.merged')));
    expect(event!.payload).toMatchObject({ survivorId: survivor.id, mergedId: other.id });

    const again = await call('POST', `/api/v1/contacts/${survivor.id}/merge`, { otherId: other.id });
    expect(again.status).toBe(409);

    const un = await ok('POST', `/api/v1/contacts/${survivor.id}/unmerge`, { otherId: other.id });
    expect(un.restored.mergedIntoId).toBeNull();
    expect(await state(survivor.id)).toEqual(beforeS);
    expect(await state(other.id)).toEqual(beforeO);
    expect((await call('POST', `/api/v1/contacts/${survivor.id}/unmerge`, { otherId: other.id })).status).toBe(409);
  });

  it('unmerge keeps edits made after the merge but gives back what came from the other', async () => {
    await ok('POST', `/api/v1/contacts/${survivor.id}/merge`, { otherId: other.id });
    await ok('PATCH', `/api/v1/contacts/${survivor.id}`, { title: 'Head of purchasing', tags: ['vip', 'fair', 'new'] });
    const { survivor: s, restored } = await ok('POST', `/api/v1/contacts/${survivor.id}/unmerge`, {
      otherId: other.id,
    });
    expect(s.title).toBe('Head of purchasing');
    expect(s.tags).toEqual(['vip', 'new']);
    expect(s.emails).toEqual(['sam@alpha.com']);
    expect(s.lastName).toBeNull();
    expect(restored).toMatchObject({ id: other.id, emails: ['sam@beta.com'], title: 'Buyer' });
  });

  it('refuses a self-merge and unknown or foreign ids by name', async () => {
    const self = await call('POST', `/api/v1/contacts/${survivor.id}/merge`, { otherId: survivor.id });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('otherId');
    const foreignWs = await signUpWorkspace(app, 'Foreign Co');
    const foreign = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: foreignWs.bearer,
        payload: { name: 'Far Away' },
      })
    ).json();
    const r = await call('POST', `/api/v1/contacts/${survivor.id}/merge`, { otherId: foreign.id });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({ field: 'otherId', message: 'no such contact in this workspace' });
    const missing = await call('POST', `/api/v1/contacts/${foreign.id}/merge`, { otherId: survivor.id });
    expect(missing.status).toBe(404);
  });
});
