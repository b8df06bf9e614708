import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../platform/testing.ts';

describe('accounts, sessions and workspaces', async () => {
  const { app } = await testApp();

  it('sets up the owner once, then refuses a second set-up', async () => {
    expect((await app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
    const first = await signUpWorkspace(app, 'Lamp Shop');
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().workspaces.map((w: { name: string }) => w.name)).toEqual(['Lamp Shop']);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'x@example.com', password: 'long enough', workspace: 'Other' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('names each invalid field', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'a@b.c' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION');
    expect(r.json().errors).toEqual([{ field: 'body.password', message: 'is required' }]);
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const { email } = await signUpWorkspace(app);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: 'nope nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'ghost@example.com', password: 'nope nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('lets one user hold and switch between workspaces', async () => {
    const { cookie } = await signUpWorkspace(app, 'Agency');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { cookie },
      payload: { name: 'Client B' },
    });
    expect(created.statusCode).toBe(201);
    let me = (await app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.workspaces).toHaveLength(2);
    expect(me.activeWorkspaceId).toBe(created.json().id);
    const agency = me.workspaces.find((w: { name: string }) => w.name === 'Agency');
    await app.inject({
      method: 'POST',
      url: '/api/v1/me/workspace',
      headers: { cookie },
      payload: { workspaceId: agency.id },
    });
    me = (await app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.activeWorkspaceId).toBe(agency.id);
  });

  it('API keys act in their own workspace only and stop working when revoked', async () => {
    const a = await signUpWorkspace(app);
    const members = await app.inject({ url: '/api/v1/members', headers: a.bearer });
    expect(members.statusCode).toBe(200);
    expect(members.json().data.map((m: { email: string }) => m.email)).toEqual([a.email]);
    const keys = (await app.inject({ url: '/api/v1/api-keys', headers: { cookie: a.cookie } })).json().data;
    await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${keys[0].id}`, headers: { cookie: a.cookie } });
    expect((await app.inject({ url: '/api/v1/members', headers: a.bearer })).statusCode).toBe(401);
  });

  it('invites a member who creates an account and joins', async () => {
    const a = await signUpWorkspace(app);
    const inv = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie: a.cookie },
      payload: { email: 'new.member@example.com', role: 'member' },
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().acceptUrl.split('/').pop();
    const accept = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'a good password' },
    });
    expect(accept.statusCode).toBe(204);
    const cookie = String(accept.headers['set-cookie']).split(';')[0]!;
    const me = (await app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.role).toBe('member');
    // A member cannot manage API keys.
    expect((await app.inject({ url: '/api/v1/api-keys', headers: { cookie } })).statusCode).toBe(403);
    // The link works once.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'x'.repeat(10) },
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('sign-in rate limit', async () => {
  const { testApp: makeApp } = await import('../../platform/testing.ts');
  const { app } = await makeApp({}, { rateLimit: true });

  it('answers 429 after ten attempts a minute from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'who@example.com', password: 'wrong password' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});
