import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';

describe('demo data', async () => {
  const { app } = await testApp();
  const ws = await signUpWorkspace(app, 'Demo Test');

  it('fills a workspace once with contacts, companies, deals and tasks', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie: ws.cookie } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ companies: 10, contacts: 48, deals: 8, tasks: 5 });
    const list = (await app.inject({ url: '/api/v1/contacts?limit=100', headers: ws.bearer })).json();
    expect(list.data).toHaveLength(48);
    expect(
      new Set(list.data.map((c: { source: { first: { channel: string } } }) => c.source.first.channel)).size,
    ).toBeGreaterThan(3);
    const again = await app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie: ws.cookie } });
    expect(again.statusCode).toBe(409);
  });
});
