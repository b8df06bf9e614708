import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { campaigns } from '../campaigns/schema.ts';
import { emailEvents, emailMessages } from '../schema.ts';
import { webinarRegistrants, webinars } from '../webinars/schema.ts';

describe('content performance report', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const api = (url: string, who = owner) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.bearer });
  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: owner.bearer, payload });

  /** A sent campaign with `n` recipients, of whom the first `opened` opened (twice) and the first `clicked` clicked. */
  async function campaign(
    name: string,
    startedAt: string,
    topicTags: string[],
    n: number,
    opened: number,
    clicked: number,
    unsub = 0,
  ) {
    const id = crypto.randomUUID();
    await t.db.insert(campaigns).values({
      workspaceId: ws,
      id,
      name,
      mjml: '<mjml/>',
      topicTags,
      status: 'sent',
      startedAt: new Date(startedAt),
    });
    const msgs = Array.from({ length: n }, () => ({ id: crypto.randomUUID(), contactId: crypto.randomUUID() }));
    await t.db.insert(emailMessages).values(
      msgs.map((m, i) => ({
        workspaceId: ws,
        id: m.id,
        contactId: m.contactId,
        email: `${name}-${i}@x.example`,
        sourceType: 'campaign' as const,
        sourceId: id,
        status: 'sent' as const,
      })),
    );
    const ev = (m: (typeof msgs)[number], type: 'sent' | 'open' | 'click' | 'unsubscribe') => ({
      workspaceId: ws,
      id: crypto.randomUUID(),
      messageId: m.id,
      contactId: m.contactId,
      sourceType: 'campaign' as const,
      sourceId: id,
      type,
    });
    await t.db
      .insert(emailEvents)
      .values([
        ...msgs.map((m) => ev(m, 'sent')),
        ...msgs.slice(0, opened).flatMap((m) => [ev(m, 'open'), ev(m, 'open')]),
        ...msgs.slice(0, clicked).map((m) => ev(m, 'click')),
        ...msgs.slice(0, unsub).map((m) => ev(m, 'unsubscribe')),
      ]);
    return id;
  }
  async function signups(utm: string, at: string, count: number) {
    for (let i = 0; i < count; i++) {
      const c = await createContact({
        db: t.db,
        workspaceId: ws,
        actorId: null,
        input: {
          emails: [`${utm}-${i}-${crypto.randomUUID().slice(0, 6)}@y.example`],
          source: { channel: 'website_form', campaign: utm, at },
        },
      });
      await t.db.execute(sql`update contacts set created_at = ${at}::timestamptz where id = ${c.id}`);
    }
  }

  // Workspace zone is UTC (the default). Period: March 2026.
  const march = await campaign('march', '2026-03-05T08:00:00Z', ['Export', 'tariffs'], 10, 6, 3, 1);
  await campaign('fair', '2026-03-20T08:00:00Z', ['fairs'], 4, 1, 0);
  await campaign('february', '2026-02-10T08:00:00Z', ['export'], 5, 5, 5); // outside the period
  await post('/calendar', {
    channel: 'newsletter',
    title: 'March issue',
    date: '2026-03-05',
    status: 'scheduled',
    campaignId: march,
    utmCampaign: 'march-news',
    tags: ['japan'],
  });
  await post('/calendar', {
    channel: 'linkedin',
    title: 'Fair teaser',
    date: '2026-03-18',
    status: 'scheduled',
    utmCampaign: 'li-fair',
    tags: ['fairs'],
  });
  await post('/calendar', {
    channel: 'blog',
    title: 'Tariff guide',
    date: '2026-03-25',
    status: 'scheduled',
    utmCampaign: 'blog-tariffs',
    tags: ['tariffs'],
  });
  await signups('march-news', '2026-03-06T10:00:00Z', 3);
  await signups('march-news', '2026-05-01T10:00:00Z', 1); // after the 30-day window
  await signups('li-fair', '2026-03-19T10:00:00Z', 2);
  await signups('blog-tariffs', '2026-03-26T10:00:00Z', 1);
  // A webinar of the period that no calendar item links: its registrations, attendance, and the contacts it brought.
  const webinarId = crypto.randomUUID();
  await t.db.insert(webinars).values({
    workspaceId: ws,
    id: webinarId,
    title: 'Japan live',
    slug: 'japan-live',
    startsAt: new Date('2026-03-12T15:00:00Z'),
    tags: ['export'],
  });
  const regs = await Promise.all(
    [0, 1, 2].map((i) =>
      createContact({
        db: t.db,
        workspaceId: ws,
        actorId: null,
        input: { emails: [`w${i}@z.example`], source: { channel: i < 2 ? 'event' : 'manual', name: 'Japan live' } },
      }),
    ),
  );
  await t.db
    .insert(webinarRegistrants)
    .values(regs.map((c, i) => ({ workspaceId: ws, webinarId, contactId: c.id, attended: i === 0 })));

  it('reports each piece with sent, unique open and click rates, unsubscribes and sign-ups', async () => {
    const r = await api('/audience-report?from=2026-03-01&to=2026-03-31');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-31', attributionDays: 30 });
    const byTitle = Object.fromEntries(body.pieces.map((p: { title: string }) => [p.title, p]));
    expect(Object.keys(byTitle).sort()).toEqual(['Fair teaser', 'Japan live', 'Tariff guide', 'fair', 'march']);
    expect(byTitle.march).toMatchObject({
      kind: 'campaign',
      channel: 'newsletter',
      tags: ['export', 'japan', 'tariffs'],
      sent: 10,
      opens: 6,
      clicks: 3,
      unsubscribes: 1,
      signups: 3,
      openRate: 0.6,
      clickRate: 0.3,
      unsubscribeRate: 0.1,
    });
    expect(byTitle.fair).toMatchObject({
      channel: 'newsletter',
      sent: 4,
      opens: 1,
      clicks: 0,
      signups: 0,
      openRate: 0.25,
    });
    expect(byTitle['Fair teaser']).toMatchObject({
      kind: 'item',
      channel: 'linkedin',
      signups: 2,
      sent: 0,
      openRate: null,
    });
    expect(byTitle['Japan live']).toMatchObject({
      kind: 'webinar',
      channel: 'webinar',
      registrations: 3,
      attended: 1,
      signups: 2,
    });
    expect(body.totals).toMatchObject({ pieces: 5, sent: 14, opens: 7, clicks: 3, signups: 8, registrations: 3 });
    expect(body.totals.openRate).toBe(0.5);
  });

  it('aggregates by channel and by topic tag, weighting rates by recipients', async () => {
    const body = (await api('/audience-report?from=2026-03-01&to=2026-03-31')).json();
    const ch = Object.fromEntries(body.byChannel.map((g: { key: string }) => [g.key, g]));
    expect(ch.newsletter).toMatchObject({
      pieces: 2,
      sent: 14,
      opens: 7,
      clicks: 3,
      unsubscribes: 1,
      signups: 3,
      openRate: 0.5,
    });
    expect(ch.linkedin).toMatchObject({ pieces: 1, signups: 2, openRate: null });
    expect(ch.blog).toMatchObject({ pieces: 1, signups: 1 });
    expect(ch.webinar).toMatchObject({ pieces: 1, registrations: 3, attended: 1, signups: 2 });
    const tag = Object.fromEntries(body.byTag.map((g: { key: string }) => [g.key, g]));
    expect(tag.export).toMatchObject({ pieces: 2, sent: 10, signups: 5, registrations: 3 });
    expect(tag.tariffs).toMatchObject({ pieces: 2, sent: 10, opens: 6, signups: 4 });
    expect(tag.fairs).toMatchObject({ pieces: 2, sent: 4, opens: 1, signups: 2 });
    expect(tag.japan).toMatchObject({ pieces: 1, signups: 3 });
    // Ranked by sign-ups first.
    expect(body.byTag[0].key).toBe('export');
  });

  it('keeps to the period and to the workspace', async () => {
    const feb = (await api('/audience-report?from=2026-02-01&to=2026-02-28')).json();
    expect(feb.pieces.map((p: { title: string }) => p.title)).toEqual(['february']);
    expect(feb.byTag).toEqual([expect.objectContaining({ key: 'export', openRate: 1, clickRate: 1 })]);
    const theirs = (await api('/audience-report?from=2026-03-01&to=2026-03-31', other)).json();
    expect(theirs.pieces).toEqual([]);
    expect(theirs.totals).toMatchObject({ pieces: 0, sent: 0, openRate: null });
    expect((await api('/audience-report?from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
  });
});
