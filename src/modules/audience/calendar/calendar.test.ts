import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { campaigns } from '../campaigns/schema.ts';
import { emailEvents, emailMessages } from '../schema.ts';

describe('content calendar', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  await t.db.execute(sql`update workspaces set timezone = 'Europe/Amsterdam' where id = ${ws}`);
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = owner) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.bearer, ...(payload ? { payload } : {}) });

  it('creates, lists by range and backlog, moves, edits and deletes items', async () => {
    const idea = await api('POST', '/calendar', {
      channel: 'blog',
      title: 'Why lamps matter',
      tags: ['Lighting', 'lighting '],
    });
    expect(idea.statusCode).toBe(201);
    expect(idea.json()).toMatchObject({ status: 'idea', date: null, tags: ['lighting'], ownerId: null });
    const post = await api('POST', '/calendar', {
      channel: 'linkedin',
      title: 'Trade fair recap',
      status: 'draft',
      date: '2026-03-10',
      time: '09:30',
    });
    expect(post.statusCode).toBe(201);
    const march = await api('GET', '/calendar?from=2026-03-01&to=2026-03-31');
    expect(march.json().data.map((i: { title: string }) => i.title)).toEqual(['Trade fair recap']);
    const backlog = await api('GET', '/calendar?undated=true');
    expect(backlog.json().data.map((i: { id: string }) => i.id)).toEqual([idea.json().id]);

    // Drag to another day: the time chosen for the old day is kept only when the day stays set.
    const moved = await api('PATCH', `/calendar/${post.json().id}`, { date: '2026-03-12' });
    expect(moved.json()).toMatchObject({ date: '2026-03-12', time: '09:30' });
    expect((await api('GET', '/calendar?from=2026-03-11&to=2026-03-11')).json().data).toHaveLength(0);
    expect((await api('GET', '/calendar?from=2026-03-12&to=2026-03-12&channels=linkedin')).json().data).toHaveLength(1);
    expect((await api('GET', '/calendar?from=2026-03-12&to=2026-03-12&channels=blog')).json().data).toHaveLength(0);

    const bad = await api('POST', '/calendar', { channel: 'podcast', title: 'x', time: '25:00' });
    expect(bad.statusCode).toBe(400);
    const noDate = await api('POST', '/calendar', { channel: 'video', title: 'x', status: 'scheduled' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().errors).toEqual([{ field: 'date', message: 'a scheduled item needs a date' }]);

    // Another workspace sees nothing and can change nothing.
    expect((await api('GET', `/calendar/${post.json().id}`, undefined, other)).statusCode).toBe(404);
    expect((await api('DELETE', `/calendar/${post.json().id}`, undefined, other)).statusCode).toBe(404);
    expect((await api('DELETE', `/calendar/${post.json().id}`)).statusCode).toBe(204);
    expect((await api('GET', `/calendar/${post.json().id}`)).statusCode).toBe(404);
  });

  it('moves status one step at a time: idea → draft → scheduled → published, and published is final', async () => {
    const item = (await api('POST', '/calendar', { channel: 'newsletter', title: 'March issue' })).json();
    const skip = await api('PATCH', `/calendar/${item.id}`, { status: 'published', date: '2026-03-05' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().errors[0]).toEqual({
      field: 'status',
      message: 'cannot go from idea to published; next may be draft',
    });
    expect((await api('PATCH', `/calendar/${item.id}`, { status: 'draft' })).json().status).toBe('draft');
    const undated = await api('PATCH', `/calendar/${item.id}`, { status: 'scheduled' });
    expect(undated.json().errors[0].field).toBe('date');
    expect((await api('PATCH', `/calendar/${item.id}`, { status: 'scheduled', date: '2026-03-05' })).statusCode).toBe(
      200,
    );
    // A scheduled item cannot lose its day.
    expect((await api('PATCH', `/calendar/${item.id}`, { date: null })).statusCode).toBe(400);
    expect((await api('PATCH', `/calendar/${item.id}`, { status: 'published' })).json().status).toBe('published');
    const back = await api('PATCH', `/calendar/${item.id}`, { status: 'draft' });
    expect(back.json().errors[0].message).toBe('a published item cannot change status');
  });

  it('shows a linked campaign’s sent, unique opens and clicks, and the sign-ups its utm_campaign brought', async () => {
    const campaignId = crypto.randomUUID();
    await t.db.insert(campaigns).values({ workspaceId: ws, id: campaignId, name: 'March news', mjml: '<mjml/>' });
    const people = await Promise.all(
      ['a', 'b', 'c'].map((n) =>
        createContact({ db: t.db, workspaceId: ws, actorId: null, input: { emails: [`${n}@example.org`] } }),
      ),
    );
    const messages = people.map((p) => ({ id: crypto.randomUUID(), contactId: p.id }));
    await t.db.insert(emailMessages).values(
      messages.map((m, i) => ({
        workspaceId: ws,
        id: m.id,
        contactId: m.contactId,
        email: `${'abc'[i]}@example.org`,
        sourceType: 'campaign' as const,
        sourceId: campaignId,
        status: 'sent' as const,
      })),
    );
    const ev = (m: (typeof messages)[number], type: 'sent' | 'open' | 'click') => ({
      workspaceId: ws,
      id: crypto.randomUUID(),
      messageId: m.id,
      contactId: m.contactId,
      sourceType: 'campaign' as const,
      sourceId: campaignId,
      type,
    });
    const [m1, m2, m3] = messages as [(typeof messages)[0], (typeof messages)[0], (typeof messages)[0]];
    // 3 sent; m1 opened three times and clicked twice, m2 opened once: 2 unique opens, 1 unique click.
    await t.db
      .insert(emailEvents)
      .values([ev(m1, 'sent'), ev(m2, 'sent'), ev(m3, 'sent'), ev(m1, 'open'), ev(m1, 'open'), ev(m1, 'open')])
      .then(() => t.db.insert(emailEvents).values([ev(m2, 'open'), ev(m1, 'click'), ev(m1, 'click')]));

    // Sign-ups: first touch carried the utm (any case), inside the 30 days from the item's day (Amsterdam midnight).
    const signup = async (email: string, campaign: string, createdAt: string, firstTouch = true) => {
      const c = await createContact({
        db: t.db,
        workspaceId: ws,
        actorId: null,
        input: {
          emails: [email],
          source: { channel: 'website_form', campaign: firstTouch ? campaign : 'other', at: createdAt },
        },
      });
      await t.db.execute(sql`update contacts set created_at = ${createdAt}::timestamptz where id = ${c.id}`);
    };
    await signup('in1@example.org', 'march-news', '2026-03-04T23:30:00Z'); // 00:30 on 5 March in Amsterdam
    await signup('in2@example.org', 'MARCH-NEWS', '2026-04-03T21:00:00Z'); // 23:00 on 3 April: day 30
    await signup('early@example.org', 'march-news', '2026-03-04T22:30:00Z'); // 23:30 on 4 March: before
    await signup('late@example.org', 'march-news', '2026-04-03T22:30:00Z'); // 00:30 on 4 April: after
    await signup('else@example.org', 'april-news', '2026-03-10T10:00:00Z');
    await t.db.execute(
      sql`update contacts set first_source = jsonb_set(first_source, '{campaign}', '"march-news"') where workspace_id = ${other.workspaceId}`,
    );

    const item = await api('POST', '/calendar', {
      channel: 'newsletter',
      title: 'March newsletter',
      status: 'scheduled',
      date: '2026-03-05',
      campaignId,
      utmCampaign: 'march-news',
    });
    expect(item.statusCode).toBe(201);
    expect(item.json().figures).toMatchObject({
      campaign: { sent: 3, opens: 2, clicks: 1 },
      webinar: null,
      signups: 2,
      signupWindow: { from: '2026-03-04T23:00:00.000Z', to: '2026-04-03T22:00:00.000Z' },
    });
    const listed = (await api('GET', '/calendar?from=2026-03-05&to=2026-03-05')).json().data;
    const mine = listed.find((i: { id: string }) => i.id === item.json().id);
    expect(mine.figures.campaign).toEqual({ sent: 3, opens: 2, clicks: 1 });
    expect(listed.find((i: { id: string }) => i.id !== item.json().id).figures).toMatchObject({
      campaign: null,
      signups: null,
    });

    // A campaign of another workspace cannot be linked.
    const foreign = await api('POST', '/calendar', { channel: 'newsletter', title: 'x', campaignId }, other);
    expect(foreign.json().errors).toEqual([{ field: 'campaignId', message: 'no such campaign in this workspace' }]);
  });
});
