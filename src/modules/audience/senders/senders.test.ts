import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from '../../../platform/mail/test-smtp.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { sendingAccounts } from '../schema.ts';

describe('sending accounts', async () => {
  const t = await testApp();
  const a = await signUpWorkspace(t.app, 'Acme');
  const b = await signUpWorkspace(t.app, 'Other');
  const inject = (who: typeof a, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who.bearer,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const stored = async (id: string) =>
    (
      await t.db
        .select()
        .from(sendingAccounts)
        .where(and(eq(sendingAccounts.workspaceId, a.workspaceId), eq(sendingAccounts.id, id)))
    )[0]!;

  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  beforeAll(async () => {
    smtp = await startTestSmtp({
      authOptional: false,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth(auth, _session, cb) {
        if (auth.username === 'mailer' && auth.password === 's3cr:et/pw') return cb(null, { user: 'mailer' });
        return cb(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      },
    });
  });
  afterAll(() => smtp.close());

  it('never answers the SMTP password, and keeps it when the masked URL comes back', async () => {
    const url = `smtp://mailer:${encodeURIComponent('s3cr:et/pw')}@127.0.0.1:${smtp.port}`;
    const r = await inject(a, 'POST', '/api/v1/sending-accounts', {
      name: 'Newsletter',
      smtpUrl: url,
      fromEmail: 'News@Acme.example',
      replyTo: 'hello@acme.example',
      maxPerMinute: 120,
    });
    expect(r.statusCode).toBe(201);
    const acc = r.json();
    expect(acc).toMatchObject({
      smtpUrl: `smtp://mailer:****@127.0.0.1:${smtp.port}`,
      fromEmail: 'news@acme.example',
      maxPerMinute: 120,
      isDefault: true,
      domain: 'acme.example',
      dkim: null,
    });
    expect(acc.dns.spf).toMatchObject({ name: 'acme.example', value: 'v=spf1 a mx ~all' });
    expect(acc.dns.dmarc).toMatchObject({ name: '_dmarc.acme.example' });
    for (const body of [
      r.body,
      (await inject(a, 'GET', '/api/v1/sending-accounts')).body,
      (await inject(a, 'GET', `/api/v1/sending-accounts/${acc.id}`)).body,
    ]) {
      expect(body).not.toContain('s3cr');
      expect(body).not.toContain(encodeURIComponent('s3cr:et/pw'));
    }
    // The form sends the masked URL back with another port: the stored password stays.
    const edited = await inject(a, 'PATCH', `/api/v1/sending-accounts/${acc.id}`, {
      smtpUrl: `smtp://mailer:****@127.0.0.1:${smtp.port}`,
      name: 'Newsletter (main)',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.body).not.toContain('s3cr');
    expect((await stored(acc.id)).smtpUrl).toBe(url);

    const test = await inject(a, 'POST', `/api/v1/sending-accounts/${acc.id}/test`);
    expect(test.json()).toMatchObject({ ok: true, mode: 'smtp', host: '127.0.0.1', port: smtp.port });
    expect(test.json().message).toContain('signed in as mailer');
  });

  it('explains a failed connection test in words', async () => {
    const wrong = (
      await inject(a, 'POST', '/api/v1/sending-accounts', {
        name: 'Wrong password',
        smtpUrl: `smtp://mailer:nope@127.0.0.1:${smtp.port}`,
        fromEmail: 'x@acme.example',
      })
    ).json();
    const auth = (await inject(a, 'POST', `/api/v1/sending-accounts/${wrong.id}/test`)).json();
    expect(auth.ok).toBe(false);
    expect(auth.message).toMatch(/^Signing in failed: check the user name and password\. The server said: 535/);

    // A port nobody listens on.
    const probe = await startTestSmtp();
    const closedPort = probe.port;
    await probe.close();
    const closed = (
      await inject(a, 'POST', '/api/v1/sending-accounts', {
        name: 'Closed',
        smtpUrl: `smtp://127.0.0.1:${closedPort}`,
        fromEmail: 'y@acme.example',
      })
    ).json();
    const refused = (await inject(a, 'POST', `/api/v1/sending-accounts/${closed.id}/test`)).json();
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(`127.0.0.1:${closedPort} refused the connection`);

    const outbox = (
      await inject(a, 'POST', '/api/v1/sending-accounts', { name: 'Outbox', fromEmail: 'z@acme.example' })
    ).json();
    expect((await inject(a, 'POST', `/api/v1/sending-accounts/${outbox.id}/test`)).json()).toMatchObject({
      ok: true,
      mode: 'outbox',
    });
    for (const id of [wrong.id, closed.id, outbox.id]) {
      expect((await inject(a, 'DELETE', `/api/v1/sending-accounts/${id}`)).statusCode).toBe(204);
    }
  });

  it('refuses URLs that are not SMTP', async () => {
    for (const smtpUrl of ['http://example.com', 'not a url', 'smtp://u:****@h:25']) {
      const r = await inject(a, 'POST', '/api/v1/sending-accounts', { name: 'x', smtpUrl, fromEmail: 'a@b.example' });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].field).toBe('smtpUrl');
    }
  });

  it('keeps exactly one default', async () => {
    const list = async () =>
      (await inject(a, 'GET', '/api/v1/sending-accounts')).json().data as { id: string; isDefault: boolean }[];
    const first = (await list())[0]!;
    const second = (
      await inject(a, 'POST', '/api/v1/sending-accounts', {
        name: 'Transactional',
        fromEmail: 'orders@acme.example',
        isDefault: true,
      })
    ).json();
    expect((await list()).filter((x) => x.isDefault).map((x) => x.id)).toEqual([second.id]);
    const unset = await inject(a, 'PATCH', `/api/v1/sending-accounts/${second.id}`, { isDefault: false });
    expect(unset.statusCode).toBe(400);
    expect(unset.json().errors[0].field).toBe('isDefault');
    await inject(a, 'PATCH', `/api/v1/sending-accounts/${first.id}`, { isDefault: true });
    expect((await list()).filter((x) => x.isDefault).map((x) => x.id)).toEqual([first.id]);
    expect((await inject(a, 'DELETE', `/api/v1/sending-accounts/${first.id}`)).statusCode).toBe(204);
    expect((await list()).map((x) => [x.id, x.isDefault])).toEqual([[second.id, true]]);
  });

  it('makes a DKIM key whose public half is the DNS record, and keeps the private key to itself', async () => {
    const [acc] = (await inject(a, 'GET', '/api/v1/sending-accounts')).json().data;
    const r = await inject(a, 'POST', `/api/v1/sending-accounts/${acc.id}/dkim`, {
      domain: 'mail.acme.example',
      selector: 'news2026',
    });
    expect(r.statusCode).toBe(200);
    const { record, account } = r.json();
    expect(record.name).toBe('news2026._domainkey.mail.acme.example');
    expect(record.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$/);
    expect(account.dkim).toMatchObject({ domain: 'mail.acme.example', selector: 'news2026', record });
    expect(account.dns.spf.name).toBe('mail.acme.example');
    expect(r.body).not.toContain('PRIVATE');
    const row = await stored(acc.id);
    const key = crypto.createPrivateKey(row.dkimPrivateKey!);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const pub = crypto.createPublicKey(
      `-----BEGIN PUBLIC KEY-----\n${record.value.split('p=')[1]}\n-----END PUBLIC KEY-----`,
    );
    const sig = crypto.sign('sha256', Buffer.from('hello'), key);
    expect(crypto.verify('sha256', Buffer.from('hello'), pub, sig)).toBe(true);
    expect(
      (await inject(a, 'POST', `/api/v1/sending-accounts/${acc.id}/dkim`, { domain: 'not a domain' })).statusCode,
    ).toBe(400);
  });

  it("does not show or touch another workspace's accounts", async () => {
    const [acc] = (await inject(a, 'GET', '/api/v1/sending-accounts')).json().data;
    expect((await inject(b, 'GET', '/api/v1/sending-accounts')).json().data).toEqual([]);
    expect((await inject(b, 'GET', `/api/v1/sending-accounts/${acc.id}`)).statusCode).toBe(404);
    expect((await inject(b, 'PATCH', `/api/v1/sending-accounts/${acc.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await inject(b, 'POST', `/api/v1/sending-accounts/${acc.id}/test`)).statusCode).toBe(404);
    expect((await inject(b, 'POST', `/api/v1/sending-accounts/${acc.id}/dkim`, {})).statusCode).toBe(404);
    expect((await inject(b, 'DELETE', `/api/v1/sending-accounts/${acc.id}`)).statusCode).toBe(404);
  });
});
