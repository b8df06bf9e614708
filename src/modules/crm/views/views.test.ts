import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

describe('saved views', async () => {
  const { app } = await testApp();
  const ws = await signUpWorkspace(app, 'View Co');
  const other = await signUpWorkspace(app, 'Other View Co');
  const owner = { cookie: ws.cookie };
  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = owner) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('saves, lists, renames and deletes views per entity', async () => {
    const c = await req('POST', '/api/v1/views', {
      entity: 'contact',
      name: 'VIP leads',
      query: { tags: 'vip', lifecycleStage: 'lead', sort: '-createdAt' },
    });
    expect(c.statusCode).toBe(201);
    const d = await req('POST', '/api/v1/views', {
      entity: 'deal',
      name: 'Won this pipeline',
      query: { status: 'won', sort: 'board' },
    });
    expect(d.statusCode).toBe(201);
    await req('POST', '/api/v1/views', { entity: 'company', name: 'By name', query: { sort: 'name' } });
    const deals = (await req('GET', '/api/v1/views?entity=deal')).json().data;
    expect(deals.map((v: { name: string }) => v.name)).toEqual(['Won this pipeline']);
    expect((await req('GET', '/api/v1/views')).json().data).toHaveLength(3);
    const renamed = await req('PATCH', `/api/v1/views/${c.json().id}`, { name: 'VIPs', query: { tags: 'vip' } });
    expect(renamed.json()).toMatchObject({ name: 'VIPs', query: { tags: 'vip' } });
    expect((await req('DELETE', `/api/v1/views/${d.json().id}`)).statusCode).toBe(204);
    expect((await req('GET', `/api/v1/views/${d.json().id}`)).statusCode).toBe(404);
  });

  it('checks the query against the list it belongs to', async () => {
    const r = await req('POST', '/api/v1/views', {
      entity: 'deal',
      name: 'Broken',
      query: { status: 'maybe', colour: 'red', limit: 10 },
    });
    expect(r.statusCode).toBe(400);
    const fields = r.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('query.status');
    expect(fields.some((f: string) => f.includes('colour'))).toBe(true);
  });

  it('keeps views inside their workspace and lets only the author or an admin change them', async () => {
    const v = (await req('POST', '/api/v1/views', { entity: 'contact', name: 'Mine', query: {} })).json();
    expect((await req('GET', `/api/v1/views/${v.id}`, undefined, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await req('DELETE', `/api/v1/views/${v.id}`, undefined, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await req('GET', '/api/v1/views', undefined, { cookie: other.cookie })).json().data).toHaveLength(0);
    const inv = await req('POST', '/api/v1/invitations', { email: 'member.views@example.com', role: 'member' });
    const token = inv.json().acceptUrl.split('/').pop();
    const accept = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'a good password' },
    });
    const member = { cookie: String(accept.headers['set-cookie']).split(';')[0]! };
    expect((await req('GET', `/api/v1/views/${v.id}`, undefined, member)).statusCode).toBe(200);
    expect((await req('PATCH', `/api/v1/views/${v.id}`, { name: 'Hijack' }, member)).statusCode).toBe(403);
    const own = (
      await req('POST', '/api/v1/views', { entity: 'contact', name: 'Member view', query: {} }, member)
    ).json();
    expect((await req('PATCH', `/api/v1/views/${own.id}`, { name: 'Renamed' }, member)).statusCode).toBe(200);
  });
});
