import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

describe('contacts', async () => {
  const { app } = await testApp();
  const ws = await signUpWorkspace(app, 'Export Co');
  const h = ws.bearer;
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: h, payload: payload as object });

  it('creates a contact with normalised emails and E.164 phones and a source', async () => {
    const r = await post('/api/v1/contacts', {
      name: 'Anna van der Berg',
      emails: [' Anna@Example.COM '],
      phones: ['06 12345678'],
      address: { country: 'nl', city: 'Utrecht' },
      companyName: 'Lumen BV',
      tags: ['fair', ' fair ', 'vip'],
      source: { channel: 'trade_show', name: 'Canton Fair 2026' },
    });
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({
      firstName: 'Anna van der',
      lastName: 'Berg',
      emails: ['anna@example.com'],
      phones: ['+31612345678'],
      companyName: 'Lumen BV',
      tags: ['fair', 'vip'],
      lifecycleStage: 'lead',
      address: { country: 'NL', city: 'Utrecht' },
    });
    expect(c.source.first).toMatchObject({ channel: 'trade_show', name: 'Canton Fair 2026' });
    expect(c.source.latest).toEqual(c.source.first);
    const company = await app.inject({ url: `/api/v1/companies/${c.companyId}`, headers: h });
    expect(company.json()).toMatchObject({ name: 'Lumen BV', contactCount: 1 });
  });

  it('reports every invalid field at once', async () => {
    const r = await post('/api/v1/contacts', {
      name: 'Bad Data',
      emails: ['ok@example.com', 'not-an-email'],
      phones: ['12', '+31612345679'],
      lifecycleStage: 'galaxy',
      custom: { nope: 1 },
    });
    expect(r.statusCode).toBe(400);
    const fields = r
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['custom.nope', 'emails.1', 'lifecycleStage', 'phones.0']);
    const list = await app.inject({ url: '/api/v1/contacts?q=Bad', headers: h });
    expect(list.json().data).toHaveLength(0);
  });

  it('refuses an email another contact already holds', async () => {
    await post('/api/v1/contacts', { name: 'First Holder', emails: ['same@example.com'] });
    const r = await post('/api/v1/contacts', { name: 'Second Holder', emails: ['SAME@example.com'] });
    expect(r.statusCode).toBe(409);
    expect(r.json().errors[0].field).toBe('emails.0');
  });

  it('validates custom fields by type on every write', async () => {
    const admin = { cookie: ws.cookie };
    for (const f of [
      { entity: 'contact', label: 'Annual volume', type: 'number' },
      { entity: 'contact', label: 'Industry', type: 'select', options: ['lighting', 'textiles'] },
      { entity: 'contact', label: 'Met on', type: 'date' },
    ]) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: admin, payload: f });
      expect(r.statusCode).toBe(201);
    }
    const bad = await post('/api/v1/contacts', {
      name: 'Custom Person',
      custom: { annual_volume: 'lots', industry: 'cars', met_on: '2026-02-30x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toHaveLength(3);
    const good = await post('/api/v1/contacts', {
      name: 'Custom Person',
      custom: { annual_volume: '1200,5', industry: 'lighting', met_on: '2026-04-15' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json().custom).toEqual({ annual_volume: 1200.5, industry: 'lighting', met_on: '2026-04-15' });
    const filtered = await app.inject({
      url: `/api/v1/contacts?custom=${encodeURIComponent('{"industry":"lighting"}')}`,
      headers: h,
    });
    expect(filtered.json().data.map((c: { id: string }) => c.id)).toEqual([good.json().id]);
  });

  it('records field changes and notes on one timeline', async () => {
    const c = (await post('/api/v1/contacts', { name: 'Timeline Tom', emails: ['tom@example.org'] })).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${c.id}`,
      headers: h,
      payload: { lifecycleStage: 'customer', title: 'Buyer' },
    });
    expect(patched.statusCode).toBe(200);
    await post(`/api/v1/contacts/${c.id}/notes`, { body: 'Wants the brass lamp samples' });
    await post(`/api/v1/contacts/${c.id}/activities`, { kind: 'call', outcome: 'reached', durationMinutes: 12 });
    const tl = (await app.inject({ url: `/api/v1/contacts/${c.id}/timeline`, headers: h })).json().data;
    expect(tl.map((e: { kind: string }) => e.kind)).toEqual(['call', 'note', 'field_change', 'created']);
    const change = tl.find((e: { kind: string }) => e.kind === 'field_change');
    expect(change.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'lifecycleStage', from: 'lead', to: 'customer' },
        { field: 'title', from: null, to: 'Buyer' },
      ]),
    );
  });

  it('finds contacts by typo, by email part, by phone and by note text', async () => {
    const john = (
      await post('/api/v1/contacts', {
        name: 'John Smith',
        emails: ['j.smith@brasslamps.co.uk'],
        phones: ['+44 20 7946 0958'],
      })
    ).json();
    await post(`/api/v1/contacts/${john.id}/notes`, { body: 'Asked about chandelier pricing' });
    const ids = async (q: string) =>
      (await app.inject({ url: `/api/v1/contacts?q=${encodeURIComponent(q)}`, headers: h }))
        .json()
        .data.map((c: { id: string }) => c.id);
    expect(await ids('Jonh Smiht')).toContain(john.id);
    expect(await ids('brasslamps')).toContain(john.id);
    expect(await ids('+44 20 7946 0958')).toContain(john.id);
    expect(await ids('chandelier')).toContain(john.id);
    expect(await ids('zzzz qqqq')).toEqual([]);
  });

  it('pages through a list with cursors without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/contacts?limit=2&sort=name${cursor ? `&cursor=${cursor}` : ''}`;
      const r = (await app.inject({ url, headers: h })).json();
      for (const c of r.data) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = r.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const all = (await app.inject({ url: '/api/v1/contacts?limit=500', headers: h })).json().data;
    expect(seen.size).toBe(all.length);
    expect((await app.inject({ url: '/api/v1/contacts?cursor=garbage', headers: h })).statusCode).toBe(400);
  });

  it('exports CSV with formula-like cells neutralised', async () => {
    await post('/api/v1/contacts', {
      firstName: '=HYPERLINK("http://evil")',
      lastName: '+Plus',
      emails: ['formula@example.com'],
    });
    const r = await app.inject({ url: '/api/v1/contacts/export.csv?q=formula', headers: h });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const line = r.body.split('\r\n')[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain("'+Plus");
  });

  it('keeps consent as an append-only history', async () => {
    const c = (
      await post('/api/v1/contacts', {
        name: 'Consent Carla',
        emails: ['carla@example.com'],
        consent: {
          email: { status: 'pending', lawfulBasis: 'consent', source: 'form:newsletter', evidence: { ipHash: 'abc' } },
        },
      })
    ).json();
    await post(`/api/v1/contacts/${c.id}/consent`, { channel: 'email', status: 'subscribed', source: 'double opt-in' });
    const r = (await app.inject({ url: `/api/v1/contacts/${c.id}/consent`, headers: h })).json();
    expect(r.current).toEqual([expect.objectContaining({ channel: 'email', status: 'subscribed' })]);
    expect(r.history.map((e: { status: string }) => e.status)).toEqual(['subscribed', 'pending']);
    expect(r.history[1].evidence).toEqual({ ipHash: 'abc' });
  });

  it('deletes a contact and unlinks its tasks and deals instead of leaving them dangling', async () => {
    const c = (await post('/api/v1/contacts', { name: 'Short Lived', emails: ['short@example.com'] })).json();
    const task = (await post('/api/v1/tasks', { title: 'Call Short Lived', contactId: c.id })).json();
    const deal = (await post('/api/v1/deals', { title: 'Short deal', contactId: c.id })).json();
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/contacts/${c.id}`, headers: { cookie: ws.cookie } });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/contacts/${c.id}`, headers: h })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/tasks/${task.id}`, headers: h })).json().contactId).toBeNull();
    expect((await app.inject({ url: `/api/v1/deals/${deal.id}`, headers: h })).json().contactId).toBeNull();
  });
});
