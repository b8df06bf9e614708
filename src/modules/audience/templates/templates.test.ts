import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp } from '../../../platform/mail/test-smtp.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { closeTransports } from '../sending/accounts.ts';
import { suppress } from '../sending/suppression.ts';

const minimal = (body: string) =>
  `<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        ${body}\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>`;

describe('email templates', async () => {
  const t = await testApp();
  const a = await signUpWorkspace(t.app, 'Acme Exports');
  const b = await signUpWorkspace(t.app, 'Other Co');
  const inject = (who: typeof a, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who.bearer,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const contact = async (ws: typeof a, input: Parameters<typeof createContact>[0]['input']) =>
    createContact({ db: t.db, workspaceId: ws.workspaceId, actorId: null, input });

  const nameless = await contact(a, { emails: ['nameless@example.org'] });
  const html = await contact(a, {
    firstName: '<img src=x onerror=alert(1)>',
    lastName: 'O\'Brien & "Sons"',
    emails: ['html@example.org'],
    companyName: '<b>Bold</b> Ltd',
  });
  const ana = await contact(a, { firstName: 'Ana', lastName: 'Silva', emails: ['ana@example.org'] });
  const foreign = await contact(b, { firstName: 'Foreign', emails: ['foreign@example.org'] });

  it('offers three starters that compile and render for a contact without a first name and with HTML in it', async () => {
    const r = await inject(a, 'GET', '/api/v1/template-starters');
    expect(r.statusCode).toBe(200);
    const starters = r.json().data as { key: string; html: string }[];
    expect(starters.map((s) => s.key)).toEqual(['newsletter', 'welcome', 'product-news']);
    for (const s of starters) {
      expect(s.html).toContain('<!doctype html>');
      const created = await inject(a, 'POST', '/api/v1/templates', { fromStarter: s.key });
      expect(created.statusCode).toBe(201);
      const tpl = created.json();
      expect(tpl.marketingReady).toBe(true);
      // The postal address is not set yet: that is worth a warning, not a refusal.
      expect(tpl.warnings.map((w: { message: string }) => w.message).join()).toMatch(/no postal address/);

      const plain = (await inject(a, 'POST', `/api/v1/templates/${tpl.id}/preview`, { contactId: nameless.id })).json();
      expect(plain.contact).toMatchObject({ id: nameless.id, sample: false });
      const greeting =
        s.key === 'newsletter' ? 'Hello there,' : s.key === 'welcome' ? 'Welcome, there!' : 'Hello, you told us';
      expect(plain.html).toContain(greeting);
      expect(plain.text).toContain(greeting);
      if (s.key === 'welcome') expect(plain.subject).toBe('Welcome to Acme Exports, friend');
      expect(plain.html).toContain('href="http://localhost:3000/p/u/preview"');
      expect(plain.html).toContain('href="http://localhost:3000/p/prefs/preview"');

      const nasty = (await inject(a, 'POST', `/api/v1/templates/${tpl.id}/preview`, { contactId: html.id })).json();
      expect(nasty.html).not.toContain('<img src=x');
      expect(nasty.html).not.toContain('<b>Bold</b>');
      if (s.key !== 'product-news') expect(nasty.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      else expect(nasty.html).toContain('&lt;b&gt;Bold&lt;/b&gt; Ltd');
    }
  });

  it('serves the starter pictures', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/p/template-assets/hero-green.png' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await t.app.inject({ method: 'GET', url: '/p/template-assets/nope.png' })).statusCode).toBe(404);
  });

  it('creates, lists, changes and deletes templates; warns about a missing unsubscribe link', async () => {
    const created = await inject(a, 'POST', '/api/v1/templates', {
      name: 'Bare',
      subject: 'Hi {{ contact.first_name }}',
      mjml: minimal('<mj-text>Hello</mj-text>'),
    });
    expect(created.statusCode).toBe(201);
    const tpl = created.json();
    expect(tpl.marketingReady).toBe(false);
    expect(tpl.warnings.some((w: { message: string }) => w.message.includes('unsubscribe_url'))).toBe(true);

    const changed = await inject(a, 'PATCH', `/api/v1/templates/${tpl.id}`, {
      mjml: minimal('<mj-text>Hello <a href="{{ unsubscribe_url }}">leave</a> {{ workspace.address }}</mj-text>'),
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().marketingReady).toBe(true);
    expect(changed.json().subject).toBe('Hi {{ contact.first_name }}');

    const list = await inject(a, 'GET', '/api/v1/templates?limit=2');
    expect(list.statusCode).toBe(200);
    expect(list.json().data[0].id).toBe(tpl.id);
    const next = await inject(a, 'GET', `/api/v1/templates?limit=2&cursor=${list.json().nextCursor}`);
    const ids = [...list.json().data, ...next.json().data].map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(4);
    expect((await inject(a, 'GET', '/api/v1/templates?q=bare')).json().data).toHaveLength(1);

    expect((await inject(b, 'GET', `/api/v1/templates/${tpl.id}`)).statusCode).toBe(404);
    expect((await inject(b, 'PATCH', `/api/v1/templates/${tpl.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await inject(b, 'DELETE', `/api/v1/templates/${tpl.id}`)).statusCode).toBe(404);
    const copy = await inject(a, 'POST', `/api/v1/templates/${tpl.id}/duplicate`);
    expect(copy.json().name).toBe('Bare (copy)');
    expect((await inject(a, 'DELETE', `/api/v1/templates/${copy.json().id}`)).statusCode).toBe(204);
    expect((await inject(a, 'GET', `/api/v1/templates/${copy.json().id}`)).statusCode).toBe(404);
  });

  it('refuses MJML that does not compile, naming the line', async () => {
    const unknown = await inject(a, 'POST', '/api/v1/templates', {
      name: 'Typo',
      subject: 's',
      mjml: minimal('<mj-txt>Hello</mj-txt>'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION');
    expect(unknown.json().errors).toEqual([
      { field: 'mjml', message: expect.stringMatching(/^line 5: Element mj-txt doesn't exist/) },
    ]);
    const nesting = await inject(a, 'POST', '/api/v1/templates/preview', {
      subject: 's',
      mjml: '<mjml>\n<mj-body>\n<mj-section>\n<mj-text>x</mj-text>\n</mj-section>\n</mj-body>\n</mjml>',
    });
    expect(nesting.statusCode).toBe(400);
    expect(nesting.json().errors[0].message).toMatch(/^line 4: mj-text cannot be used inside mj-section/);
    const liquid = await inject(a, 'POST', '/api/v1/templates/preview', {
      subject: 'Hi {{ contact.first_name | shout }}',
      mjml: minimal('<mj-text>\n{% if %}x{% endif %}</mj-text>'),
    });
    expect(liquid.statusCode).toBe(400);
    expect(liquid.json().errors).toEqual([
      { field: 'subject', message: expect.stringMatching(/^line 1, column \d+: undefined filter: shout/) },
      { field: 'mjml', message: expect.stringMatching(/^line 6, column \d+:/) },
    ]);
    const notMjml = await inject(a, 'POST', '/api/v1/templates/preview', { subject: 's', mjml: 'hello' });
    expect(notMjml.statusCode).toBe(400);
    expect(notMjml.json().errors[0].field).toBe('mjml');
  });

  it("refuses Liquid tags that would read the server's files", async () => {
    for (const body of [
      "<mj-text>{% include 'package.json' %}</mj-text>",
      "<mj-text>{% liquid\n  render '/etc/passwd' %}</mj-text>",
      "<mj-text>&#123;% layout 'x' %&#125;</mj-text>",
    ]) {
      const r = await inject(a, 'POST', '/api/v1/templates/preview', { subject: 's', mjml: minimal(body) });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].message).toMatch(/is not allowed in email templates/);
      expect(r.body).not.toContain('"name": "freehold"');
    }
  });

  it("previews per contact of the workspace, and refuses another workspace's contact", async () => {
    const src = {
      subject: 'For {{ contact.name }}',
      mjml: minimal('<mj-text>Dear {{ contact.first_name }}</mj-text>'),
    };
    const asAna = (await inject(a, 'POST', '/api/v1/templates/preview', { ...src, contactId: ana.id })).json();
    expect(asAna.subject).toBe('For Ana Silva');
    expect(asAna.html).toContain('Dear Ana');
    expect(asAna.contact).toEqual({ id: ana.id, name: 'Ana Silva', email: 'ana@example.org', sample: false });
    const sample = (await inject(a, 'POST', '/api/v1/templates/preview', src)).json();
    expect(sample.contact.sample).toBe(true);
    expect(sample.html).toContain('Dear Alex');
    const leak = await inject(a, 'POST', '/api/v1/templates/preview', { ...src, contactId: foreign.id });
    expect(leak.statusCode).toBe(404);
    expect(leak.body).not.toContain('Foreign');
    const tpl = (await inject(a, 'POST', '/api/v1/templates', { name: 'p', ...src })).json();
    expect((await inject(a, 'POST', `/api/v1/templates/${tpl.id}/preview`, { contactId: foreign.id })).statusCode).toBe(
      404,
    );
    expect((await inject(b, 'POST', `/api/v1/templates/${tpl.id}/preview`, {})).statusCode).toBe(404);
  });

  describe('test sends over SMTP', () => {
    let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
    beforeAll(async () => {
      smtp = await startTestSmtp();
    });
    afterAll(async () => {
      await closeTransports();
      await smtp.close();
    });

    it('arrives with List-Unsubscribe and a DKIM signature that verifies, personalised as the contact', async () => {
      const acc = await inject(a, 'POST', '/api/v1/sending-accounts', {
        name: 'News',
        smtpUrl: smtp.url,
        fromEmail: 'news@acme.example',
        fromName: 'Acme News',
      });
      expect(acc.statusCode).toBe(201);
      const dkim = await inject(a, 'POST', `/api/v1/sending-accounts/${acc.json().id}/dkim`, {});
      expect(dkim.statusCode).toBe(200);
      const record = dkim.json().record as { name: string; value: string };
      expect(record.name).toMatch(/^fh\d{8}[0-9a-f]{4}\._domainkey\.acme\.example$/);
      expect(dkim.body).not.toContain('PRIVATE KEY');

      const tpl = (await inject(a, 'POST', '/api/v1/templates', { fromStarter: 'newsletter' })).json();
      const r = await inject(a, 'POST', `/api/v1/templates/${tpl.id}/test-send`, {
        emails: [a.email, 'colleague@elsewhere.example'],
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().results).toEqual([
        { email: a.email, status: 'sent', reason: null },
        { email: 'colleague@elsewhere.example', status: 'sent', reason: null },
      ]);
      expect(smtp.received).toHaveLength(2);
      const raw = smtp.received[0]!.raw;
      expect(smtp.received[0]!.to).toEqual([a.email]);
      const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
      expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/p\/u\/[A-Za-z0-9_-]+>\r?$/m);
      expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      const verdict = await dkimVerify(raw, {
        resolver: async (name: string, type: string) => {
          if (type === 'TXT' && name === record.name) return [[record.value]];
          throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
        },
      });
      expect(verdict.results[0]?.status.result).toBe('pass');
      expect(verdict.results[0]?.signingDomain).toBe('acme.example');
      const parsed = await smtp.parse(smtp.received[0]!);
      expect(parsed.html || '').toContain('Hello Alex,');

      // Personalised as a contact: only to members of the workspace or that contact.
      const refused = await inject(a, 'POST', `/api/v1/templates/${tpl.id}/test-send`, {
        emails: ['stranger@elsewhere.example'],
        contactId: ana.id,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('emails.0');
      await suppress(t.db, a.workspaceId, 'ana@example.org', 'unsubscribed');
      const asAna = await inject(a, 'POST', '/api/v1/templates/test-send', {
        subject: 'Test for {{ contact.first_name }}',
        mjml: minimal('<mj-text>Hi {{ contact.first_name }} <a href="{{ unsubscribe_url }}">x</a></mj-text>'),
        emails: [a.email, 'ana@example.org'],
        contactId: ana.id,
      });
      expect(asAna.json().results).toEqual([
        { email: a.email, status: 'sent', reason: null },
        { email: 'ana@example.org', status: 'skipped', reason: 'suppressed (unsubscribed)' },
      ]);
      expect(smtp.received).toHaveLength(3);
      expect((await smtp.parse(smtp.received[2]!)).subject).toBe('Test for Ana');
      expect((await inject(b, 'POST', `/api/v1/templates/${tpl.id}/test-send`, { emails: [b.email] })).statusCode).toBe(
        404,
      );
      expect(
        (
          await inject(a, 'POST', `/api/v1/templates/${tpl.id}/test-send`, {
            emails: ['1@x.example', '2@x.example', '3@x.example', '4@x.example', '5@x.example', '6@x.example'],
          })
        ).statusCode,
      ).toBe(400);
    });
  });
});
