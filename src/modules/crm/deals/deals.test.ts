import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { timelineEntries } from '../schema.ts';

type Stage = { id: string; name: string; kind: string; probability: number; position: number };
type Pipeline = { id: string; name: string; isDefault: boolean; stages: Stage[] };

describe('deals and pipelines', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Deal Co');
  const other = await signUpWorkspace(app, 'Rival Co');
  const req = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = { cookie: ws.cookie },
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const pipelines = async (headers?: Record<string, string>) =>
    (await req('GET', '/api/v1/pipelines', undefined, headers)).json().data as Pipeline[];
  const sales = (await pipelines())[0]!;
  const stage = (name: string) => sales.stages.find((s) => s.name === name)!.id;
  const contact = (await req('POST', '/api/v1/contacts', { name: 'Dora Deal', emails: ['dora@example.com'] })).json();
  const boardOrder = async (stageId: string) =>
    (await req('GET', `/api/v1/deals?stageId=${stageId}`)).json().data.map((d: { title: string }) => d.title);

  it('gives every new workspace the default Sales pipeline', async () => {
    expect(sales).toMatchObject({ name: 'Sales', isDefault: true });
    expect(sales.stages.map((s) => [s.name, s.kind, s.probability])).toEqual([
      ['Inquiry', 'open', 10],
      ['Quote', 'open', 25],
      ['Sample', 'open', 40],
      ['Negotiation', 'open', 60],
      ['Won', 'won', 100],
      ['Lost', 'lost', 0],
    ]);
    expect((await pipelines(other.bearer))[0]!.id).not.toBe(sales.id);
  });

  it('creates deals in the first stage by default and names each invalid field', async () => {
    const r = await req('POST', '/api/v1/deals', {
      title: 'Lamps for Lyon',
      amountMinor: 125000,
      contactId: contact.id,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      pipelineId: sales.id,
      stageId: stage('Inquiry'),
      status: 'open',
      currency: 'EUR',
      amountMinor: 125000,
      position: expect.any(String),
    });
    const bad = await req('POST', '/api/v1/deals', { title: 'Bad', amountMinor: 12.5, currency: 'EURO' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.amountMinor', 'body.currency']);
    const foreignStage = (await pipelines(other.bearer))[0]!.stages[0]!.id;
    const links = await req('POST', '/api/v1/deals', {
      title: 'Bad links',
      stageId: foreignStage,
      contactId: '00000000-0000-7000-8000-000000000000',
    });
    expect(links.statusCode).toBe(400);
    expect(
      links
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['contactId', 'stageId']);
  });

  it('orders a column by fractional keys when dragging', async () => {
    const s = stage('Quote');
    const mk = async (title: string) =>
      (await req('POST', '/api/v1/deals', { title, stageId: s, amountMinor: 100 })).json().id as string;
    const a = await mk('A');
    const b = await mk('B');
    const c = await mk('C');
    expect(await boardOrder(s)).toEqual(['A', 'B', 'C']);
    await req('PATCH', `/api/v1/deals/${c}/move`, { stageId: s, beforeId: a });
    expect(await boardOrder(s)).toEqual(['C', 'A', 'B']);
    await req('PATCH', `/api/v1/deals/${c}/move`, { stageId: s, afterId: a, beforeId: b });
    expect(await boardOrder(s)).toEqual(['A', 'C', 'B']);
    await req('PATCH', `/api/v1/deals/${a}/move`, { stageId: s, afterId: b });
    expect(await boardOrder(s)).toEqual(['C', 'B', 'A']);
    const self = await req('PATCH', `/api/v1/deals/${a}/move`, { stageId: s, afterId: a });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0].field).toBe('afterId');
    // No stage change: no timeline entry for a reorder.
    const entries = await db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.dealId, c), eq(timelineEntries.kind, 'deal_stage')));
    expect(entries).toHaveLength(0);
  });

  it('needs a reason to win or lose, records the change and reopens cleanly', async () => {
    const d = (
      await req('POST', '/api/v1/deals', { title: 'Big order', amountMinor: 990000, contactId: contact.id })
    ).json();
    const noReason = await req('PATCH', `/api/v1/deals/${d.id}/move`, { stageId: stage('Won') });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: 'is required when a deal is marked won' }]);
    const won = await req('PATCH', `/api/v1/deals/${d.id}/move`, { stageId: stage('Won'), reason: 'Best price' });
    expect(won.json()).toMatchObject({ status: 'won', closeReason: 'Best price', closedAt: expect.any(String) });
    const reopened = await req('PATCH', `/api/v1/deals/${d.id}/move`, { stageId: stage('Negotiation') });
    expect(reopened.json()).toMatchObject({ status: 'open', closeReason: null, closedAt: null });
    const entries = await db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.dealId, d.id), eq(timelineEntries.kind, 'deal_stage')))
      .orderBy(timelineEntries.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      contactId: contact.id,
      data: { from: { name: 'Inquiry', kind: 'open' }, to: { name: 'Won', kind: 'won' }, reason: 'Best price' },
    });
    expect(entries[1]!.data).toMatchObject({ from: { name: 'Won' }, to: { name: 'Negotiation' }, reason: null });
    // The contact's timeline shows the deal's stage changes.
    const tl = await req('GET', `/api/v1/contacts/${contact.id}/timeline?kinds=deal_stage`);
    expect(tl.json().data.filter((e: { dealId: string }) => e.dealId === d.id)).toHaveLength(2);
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, d.id), eq(domainEvents.type, 'deal.stage_changed')));
    expect(events.map((e) => e.payload.status).sort()).toEqual(['open', 'won']);
    const wonList = await req('GET', `/api/v1/deals?status=open&q=big%20ORD&contactId=${contact.id}`);
    expect(wonList.json().data.map((x: { id: string }) => x.id)).toEqual([d.id]);
  });

  it('manages stages: add, rename, reorder, and refuses to drop one that holds deals', async () => {
    const p: Pipeline = (
      await req('POST', '/api/v1/pipelines', {
        name: 'Distributors',
        stages: [{ name: 'Contacted' }, { name: 'Signed', kind: 'won' }, { name: 'Dropped', kind: 'lost' }],
      })
    ).json();
    expect(p.isDefault).toBe(false);
    const added: Pipeline = (
      await req('POST', `/api/v1/pipelines/${p.id}/stages`, { name: 'Visit', probability: 50 })
    ).json();
    expect(added.stages.map((s) => s.name)).toEqual(['Contacted', 'Visit', 'Signed', 'Dropped']);
    const visit = added.stages[1]!.id;
    const contacted = added.stages[0]!.id;
    const renamed = await req('PATCH', `/api/v1/pipelines/${p.id}/stages/${visit}`, { name: 'Showroom visit' });
    expect(renamed.json().stages[1].name).toBe('Showroom visit');
    const ids = added.stages.map((s) => s.id);
    const reordered = await req('PUT', `/api/v1/pipelines/${p.id}/stages/order`, {
      stageIds: [ids[1], ids[0], ids[2], ids[3]],
    });
    expect(reordered.json().stages.map((s: Stage) => s.name)).toEqual([
      'Showroom visit',
      'Contacted',
      'Signed',
      'Dropped',
    ]);
    const partial = await req('PUT', `/api/v1/pipelines/${p.id}/stages/order`, { stageIds: [ids[0]] });
    expect(partial.statusCode).toBe(400);
    const deal = (
      await req('POST', '/api/v1/deals', { title: 'Dealer X', stageId: visit, contactId: contact.id })
    ).json();
    const refused = await req('DELETE', `/api/v1/pipelines/${p.id}/stages/${visit}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('holds 1 deals');
    expect(refused.json().errors[0].field).toBe('moveDealsTo');
    const kind = await req('PATCH', `/api/v1/pipelines/${p.id}/stages/${visit}`, { kind: 'won' });
    expect(kind.statusCode).toBe(409);
    const moved = await req('DELETE', `/api/v1/pipelines/${p.id}/stages/${visit}?moveDealsTo=${contacted}`);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stages.map((s: Stage) => [s.name, s.position])).toEqual([
      ['Contacted', 0],
      ['Signed', 1],
      ['Dropped', 2],
    ]);
    expect((await req('GET', `/api/v1/deals/${deal.id}`)).json().stageId).toBe(contacted);
    const entries = await db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.dealId, deal.id), eq(timelineEntries.kind, 'deal_stage')));
    expect(entries[0]!.data).toMatchObject({ from: { name: 'Showroom visit' }, to: { name: 'Contacted' } });
    expect((await req('DELETE', `/api/v1/pipelines/${p.id}`)).statusCode).toBe(409);
    await req('DELETE', `/api/v1/deals/${deal.id}`);
    expect((await req('DELETE', `/api/v1/pipelines/${p.id}`)).statusCode).toBe(204);
    expect((await req('DELETE', `/api/v1/pipelines/${sales.id}`)).statusCode).toBe(409);
  });

  it('summarises a pipeline per stage and currency', async () => {
    const sw = await signUpWorkspace(app, 'Summary Co');
    const h = { cookie: sw.cookie };
    const p = (await pipelines(h))[0]!;
    const [inquiry, quote] = p.stages;
    for (const [title, amountMinor, currency, stageId] of [
      ['a', 1000, 'EUR', inquiry!.id],
      ['b', 2500, 'EUR', inquiry!.id],
      ['c', 700, 'USD', inquiry!.id],
      ['d', 4000, 'EUR', quote!.id],
    ] as const)
      await req('POST', '/api/v1/deals', { title, amountMinor, currency, stageId }, h);
    const s = (await req('GET', `/api/v1/pipelines/${p.id}/summary`, undefined, h)).json();
    expect(s.stages[0]).toMatchObject({
      name: 'Inquiry',
      count: 3,
      amounts: [
        { currency: 'EUR', amountMinor: 3500, weightedMinor: 350 },
        { currency: 'USD', amountMinor: 700, weightedMinor: 70 },
      ],
    });
    expect(s.stages[1]).toMatchObject({ count: 1, amounts: [{ currency: 'EUR', amountMinor: 4000 }] });
    expect(s.stages[5]).toMatchObject({ name: 'Lost', count: 0, amounts: [] });
  });

  it('answers 404 for another workspace exactly like a missing id', async () => {
    const d = (await req('POST', '/api/v1/deals', { title: 'Secret' })).json();
    const h = other.bearer;
    for (const [method, url, body] of [
      ['GET', `/api/v1/deals/${d.id}`],
      ['PATCH', `/api/v1/deals/${d.id}`, { title: 'x' }],
      ['PATCH', `/api/v1/deals/${d.id}/move`, { stageId: stage('Quote') }],
      ['DELETE', `/api/v1/deals/${d.id}`],
      ['GET', `/api/v1/pipelines/${sales.id}`],
      ['GET', `/api/v1/pipelines/${sales.id}/summary`],
      ['PATCH', `/api/v1/pipelines/${sales.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/pipelines/${sales.id}/stages/${stage('Quote')}`],
    ] as const) {
      const r = await req(method, url, body, h);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = (await req('GET', '/api/v1/deals', undefined, h)).json();
    expect(list.data.some((x: { id: string }) => x.id === d.id)).toBe(false);
  });
});
