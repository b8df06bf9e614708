import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { startTestSmtp } from '../../../platform/mail/test-smtp.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { multipart } from '../../crm/import/test-fixtures.ts';
import { consentEvents, contacts, timelineEntries } from '../../crm/schema.ts';
import { signWithKey } from '../links.ts';
import { deliverLeadMagnetJob } from '../magnets/deliver-magnet.ts';
import { emailEvents, listMembers, sendingAccounts } from '../schema.ts';
import { closeTransports } from '../sending/accounts.ts';
import { audienceSettingsFor } from '../settings.ts';
import { sendConfirmationJob } from '../subscriptions/send-confirmation.ts';
import { formSubmissions } from './schema.ts';
import { makeList, runQueued } from './test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-forms-'));

describe('subscribe forms', async () => {
  const t = await testApp({ dataDir });
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: owner.bearer, ...(payload ? { payload: payload as object } : {}) });
  const news = await makeList(t.db, ws, 'Newsletter', { doubleOptIn: true });
  const updates = await makeList(t.db, ws, 'Product updates', { doubleOptIn: false });

  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    await t.db.insert(sendingAccounts).values({
      workspaceId: ws,
      id: crypto.randomUUID(),
      name: 'Main',
      smtpUrl: smtp.url,
      fromEmail: 'hello@shop.example',
      isDefault: true,
    });
  });
  afterAll(async () => {
    await closeTransports();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const mailTo = async (to: string) => {
    const m = smtp.received.filter((r) => r.to.includes(to));
    return Promise.all(m.map((r) => smtp.parse(r)));
  };

  let magnetId = '';
  let form: { id: string; publicId: string; hostedUrl: string; embedCode: string; doubleOptIn: boolean };

  it('creates a form, refusing a javascript: redirect, a form without email and lists of elsewhere', async () => {
    const bad = await api('POST', '/api/v1/forms', {
      name: 'Bad',
      afterSubmit: { kind: 'redirect', url: 'javascript:alert(1)' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.afterSubmit.url');
    const noEmail = await api('POST', '/api/v1/forms', {
      name: 'No email',
      fields: [{ key: 'firstName', label: 'Name' }],
      listIds: [crypto.randomUUID()],
    });
    expect(noEmail.statusCode).toBe(400);
    const fields = noEmail.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['fields', 'listIds.0']));

    const up = multipart(
      { name: 'Export guide 2026' },
      { name: 'guide.pdf', content: '%PDF-1.4 the guide', type: 'application/pdf' },
    );
    const m = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lead-magnets',
      payload: up.payload,
      headers: { ...up.headers, ...owner.bearer },
    });
    expect(m.statusCode, m.body).toBe(201);
    magnetId = m.json().id;

    const r = await api('POST', '/api/v1/forms', {
      name: 'Guide download',
      title: 'Get the export guide',
      fields: [
        { key: 'email', label: 'Email', required: false },
        { key: 'firstName', label: 'First name', required: true },
        { key: 'country', label: 'Country' },
      ],
      consentText: 'I agree to receive the newsletter. Unsubscribe any time.',
      listIds: [news, updates],
      tags: ['guide', 'lead'],
      source: { channel: 'website_form', name: 'Guide page', campaign: 'spring' },
      leadMagnetId: magnetId,
      afterSubmit: { kind: 'message', message: 'Thanks! Check your inbox.' },
    });
    expect(r.statusCode, r.body).toBe(201);
    form = r.json();
    expect(form.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(form.doubleOptIn).toBe(true);
    expect(form.hostedUrl).toBe(`http://localhost:3000/p/f/${form.publicId}`);
    expect(form.embedCode).toContain(`data-freehold-form="${form.publicId}"`);
    expect(r.json().fields[0]).toMatchObject({ key: 'email', required: true });
  });

  it('serves the hosted page with labelled fields and a honeypot, and the JSON definition with CORS', async () => {
    const page = await t.app.inject({ url: `/p/f/${form.publicId}?utm_source=linkedin` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<label for="f-email">Email');
    expect(page.body).toMatch(/<input type="email" id="f-email" name="email"[^>]* required aria-required="true"/);
    expect(page.body).toContain('name="fh_hp"');
    expect(page.body).toContain('<input type="hidden" name="utm_source" value="linkedin">');
    expect(page.body).toContain('I agree to receive the newsletter.');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();

    const def = await t.app.inject({ url: `/p/f/${form.publicId}.json` });
    expect(def.statusCode).toBe(200);
    expect(def.headers['access-control-allow-origin']).toBe('*');
    expect(def.json().fields.map((f: { name: string }) => f.name)).toEqual(['email', 'firstName', 'country']);
    expect(def.json().fields[2].options.length).toBeGreaterThan(200);

    const pre = await t.app.inject({ method: 'OPTIONS', url: `/p/f/${form.publicId}` });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-headers']).toContain('content-type');

    expect((await t.app.inject({ url: '/p/f/doesNotExist123' })).statusCode).toBe(404);
  });

  it('answers a bad submission with errors beside the fields, keeping what was typed', async () => {
    const html = await t.app.inject({
      method: 'POST',
      url: `/p/f/${form.publicId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.0.0.1' },
      payload: 'email=not-an-email&firstName=Ana%20%3Cb%3E&country=',
    });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Enter a valid email address');
    expect(html.body).toContain('aria-invalid="true" aria-describedby="f-email-error"');
    expect(html.body).toContain('value="not-an-email"');
    expect(html.body).toContain('value="Ana &lt;b&gt;"');

    const json = await t.app.inject({
      method: 'POST',
      url: `/p/f/${form.publicId}`,
      headers: { 'x-forwarded-for': '10.0.0.1' },
      payload: { email: 'x@', firstName: '' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.json().errors).toEqual([
      { field: 'email', message: 'Enter a valid email address, like name@example.com' },
      { field: 'firstName', message: 'First name is required' },
    ]);
  });

  const ip = '203.0.113.77';
  let submissionId = '';
  let contactId = '';

  it('creates the contact, records consent evidence with an IP hash, and mails a confirmation', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/p/f/${form.publicId}`,
      headers: { 'x-forwarded-for': ip, 'user-agent': 'TestBrowser/1.0' },
      payload: {
        email: 'Ana@Example.org',
        firstName: 'Ana',
        country: 'pt',
        page_url: 'https://shop.example/guide?utm_source=news&utm_campaign=autumn',
        referrer: 'https://google.com/',
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, doubleOptIn: true, message: 'Thanks! Check your inbox.' });

    const [c] = await t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws), sql`${contacts.emails} @> array['ana@example.org']`));
    expect(c).toBeDefined();
    contactId = c!.id;
    expect(c!.tags).toEqual(['guide', 'lead']);
    expect(c!.country).toBe('PT');
    expect(c!.firstSource).toMatchObject({ channel: 'website_form', name: 'Guide page', campaign: 'autumn' });

    const members = await t.db.select().from(listMembers).where(eq(listMembers.contactId, contactId));
    expect(Object.fromEntries(members.map((m) => [m.listId, m.status]))).toEqual({
      [news]: 'pending',
      [updates]: 'subscribed',
    });

    const [sub] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.contactId, contactId));
    submissionId = sub!.id;
    expect(sub!.pendingListIds).toEqual([news]);
    expect(sub!.utm).toEqual({ utm_source: 'news', utm_campaign: 'autumn' });

    const [consent] = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, contactId));
    const key = (await audienceSettingsFor(t.db, ws)).signingKey;
    const expectedHash = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(ip).digest('hex');
    expect(consent).toMatchObject({ channel: 'email', status: 'pending', lawfulBasis: 'consent' });
    expect(consent!.evidence).toMatchObject({
      formId: form.id,
      text: 'I agree to receive the newsletter. Unsubscribe any time.',
      ipHash: expectedHash,
      userAgent: 'TestBrowser/1.0',
      pageUrl: 'https://shop.example/guide?utm_source=news&utm_campaign=autumn',
    });
    // The raw address is nowhere: not in the evidence, not in the submission.
    expect(JSON.stringify(consent)).not.toContain(ip);
    expect(JSON.stringify(sub)).not.toContain(ip);

    const events = await t.db.select().from(domainEvents).where(eq(domainEvents.type, 'audience.form_submitted'));
    expect(events.map((e) => e.payload)).toEqual([
      { formId: form.id, contactId, listIds: [news, updates], submissionId },
    ]);
    // Single opt-in list: subscribed at once, and said so.
    const subscribed = await t.db.select().from(domainEvents).where(eq(domainEvents.type, 'audience.subscribed'));
    expect(subscribed.map((e) => e.payload.listId)).toEqual([updates]);

    // The confirmation goes out from its job, over SMTP, once.
    await runQueued(t.db, t.config, sendConfirmationJob);
    await runQueued(t.db, t.config, sendConfirmationJob);
    const mails = await mailTo('ana@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Please confirm your subscription');
    expect(mails[0]!.headers.get('list-unsubscribe')).toBeUndefined();
    expect(mails[0]!.text).toMatch(/http:\/\/localhost:3000\/p\/confirm\/[A-Za-z0-9_-]+/);
    // Nothing to download before the confirmation.
    expect(await runQueued(t.db, t.config, deliverLeadMagnetJob)).toEqual([]);
  });

  it('subscribes when the emailed link is followed, then delivers the lead magnet', async () => {
    const [mail] = await mailTo('ana@example.org');
    const link = /http:\/\/localhost:3000(\/p\/confirm\/[A-Za-z0-9_-]+)/.exec(mail!.text ?? '')![1]!;
    const r = await t.app.inject({ url: link, headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('You are subscribed');
    const [m] = await t.db
      .select()
      .from(listMembers)
      .where(and(eq(listMembers.contactId, contactId), eq(listMembers.listId, news)));
    expect(m).toMatchObject({ status: 'subscribed' });
    expect(m!.confirmedAt).toBeInstanceOf(Date);
    const consents = await t.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.contactId, contactId))
      .orderBy(consentEvents.at);
    expect(consents.map((c) => c.status)).toEqual(['pending', 'subscribed']);
    expect(consents[1]!.evidence).toMatchObject({ kind: 'double_opt_in', submissionId, formId: form.id });
    expect(JSON.stringify(consents[1])).not.toContain('198.51.100.9');
    const subscribed = await t.db.select().from(domainEvents).where(eq(domainEvents.type, 'audience.subscribed'));
    expect(subscribed.map((e) => e.payload.listId).sort()).toEqual([news, updates].sort());

    // A second click changes nothing.
    const again = await t.app.inject({ url: link });
    expect(again.body).toContain('Already confirmed');

    await runQueued(t.db, t.config, deliverLeadMagnetJob);
    const mails = await mailTo('ana@example.org');
    expect(mails).toHaveLength(2);
    const dl = /http:\/\/localhost:3000(\/p\/d\/[A-Za-z0-9_-]+)/.exec(mails[1]!.text ?? '')![1]!;
    const file = await t.app.inject({ url: dl, headers: { 'user-agent': 'Reader/2' } });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('%PDF-1.4 the guide');
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="guide.pdf"/);
    const [ev] = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.type, 'download')));
    expect(ev).toMatchObject({ contactId, sourceType: 'lead_magnet', sourceId: magnetId });
    expect(ev!.messageId).not.toBeNull();
    const timeline = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, contactId), eq(timelineEntries.kind, 'lead_magnet_downloaded')));
    expect(timeline).toHaveLength(1);
  });

  it('refuses expired and forged confirmation and download links', async () => {
    const key = (await audienceSettingsFor(t.db, ws)).signingKey;
    const past = new Date(Date.now() - 60_000);
    const expired = signWithKey(key, { purpose: 'confirm', workspaceId: ws, subjectId: submissionId, expiresAt: past });
    const r = await t.app.inject({ url: `/p/confirm/${expired}` });
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('expired');
    const forged = signWithKey('00'.repeat(32), { purpose: 'confirm', workspaceId: ws, subjectId: submissionId });
    expect((await t.app.inject({ url: `/p/confirm/${forged}` })).statusCode).toBe(404);
    const extra = Buffer.from(submissionId.replace(/-/g, ''), 'hex');
    const oldDl = signWithKey(key, {
      purpose: 'download',
      workspaceId: ws,
      subjectId: magnetId,
      extra,
      expiresAt: past,
    });
    const d = await t.app.inject({ url: `/p/d/${oldDl}` });
    expect(d.statusCode).toBe(410);
    expect(d.headers['content-type']).toContain('text/html');
    // A confirm token is no download token.
    const wrong = signWithKey(key, { purpose: 'confirm', workspaceId: ws, subjectId: magnetId, extra });
    expect((await t.app.inject({ url: `/p/d/${wrong}` })).statusCode).toBe(404);
  });

  it('drops a honeypot submission silently', async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(formSubmissions);
    const r = await t.app.inject({
      method: 'POST',
      url: `/p/f/${form.publicId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9' },
      payload: 'email=bot%40spam.example&firstName=Bot&fh_hp=http%3A%2F%2Fspam.example',
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Thanks! Check your inbox.');
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(formSubmissions);
    expect(after[0]!.n).toBe(before[0]!.n);
    const bot = await t.db.select().from(contacts).where(sql`${contacts.emails} @> array['bot@spam.example']`);
    expect(bot).toHaveLength(0);
  });

  it('redirects a hosted-page submission to an http(s) page when the form says so', async () => {
    const f = await api('POST', '/api/v1/forms', {
      name: 'Redirecting',
      afterSubmit: { kind: 'redirect', url: 'https://shop.example/thanks' },
    });
    expect(f.statusCode).toBe(201);
    const page = await t.app.inject({ url: `/p/f/${f.json().publicId}` });
    expect(page.headers['content-security-policy']).toContain('form-action');
    expect(page.headers['content-security-policy']).toContain('https://shop.example');
    const r = await t.app.inject({
      method: 'POST',
      url: `/p/f/${f.json().publicId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.1.1.1' },
      payload: 'email=bo%40example.net&firstName=Bo',
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('https://shop.example/thanks');
    const patch = await api('PATCH', `/api/v1/forms/${f.json().id}`, {
      afterSubmit: { kind: 'redirect', url: 'data:text/html,hi' },
    });
    expect(patch.statusCode).toBe(400);
  });

  it('counts views, submissions and confirmations, and lists submissions page by page', async () => {
    const s = await api('GET', `/api/v1/forms/${form.id}/stats?days=7`);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ views: 2, submissions: 1, confirmations: 1, conversionRate: 0.5 });
    expect(s.json().daily).toHaveLength(7);
    expect(s.json().daily[6]).toMatchObject({ views: 2, submissions: 1, confirmations: 1 });

    for (const e of ['c1@example.com', 'c2@example.com']) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/p/f/${form.publicId}`,
        headers: { 'x-forwarded-for': '10.2.2.2' },
        payload: { email: e, firstName: 'C' },
      });
      expect(r.statusCode).toBe(200);
    }
    const p1 = await api('GET', `/api/v1/forms/${form.id}/submissions?limit=2`);
    expect(p1.json().data.map((d: { email: string }) => d.email)).toEqual(['c2@example.com', 'c1@example.com']);
    const p2 = await api('GET', `/api/v1/forms/${form.id}/submissions?limit=2&cursor=${p1.json().nextCursor}`);
    expect(p2.json().data).toMatchObject([{ email: 'ana@example.org', status: 'confirmed' }]);
    expect(p2.json().nextCursor).toBeNull();
    expect(p1.json().data[0]).not.toHaveProperty('ipHash');

    const list = await api('GET', '/api/v1/forms');
    const item = list.json().data.find((d: { id: string }) => d.id === form.id);
    expect(item).toMatchObject({ submissions: 3, views: 2, confirmations: 1 });
  });

  it('keeps other workspaces out', async () => {
    const other = await signUpWorkspace(t.app, 'Other Co');
    for (const url of [
      `/api/v1/forms/${form.id}`,
      `/api/v1/forms/${form.id}/stats`,
      `/api/v1/forms/${form.id}/submissions`,
    ])
      expect((await t.app.inject({ url, headers: other.bearer })).statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v1/forms', headers: other.bearer });
    expect(list.json().data).toEqual([]);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: other.bearer,
      payload: { name: 'Steal', listIds: [news] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('form rate limit', async () => {
  const t = await testApp({}, { rateLimit: true });
  const owner = await signUpWorkspace(t.app);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/forms',
    headers: owner.bearer,
    payload: { name: 'Limited' },
  });
  const publicId = r.json().publicId as string;

  it('answers 429 after ten submissions a minute from one address to one form', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const s = await t.app.inject({
        method: 'POST',
        url: `/p/f/${publicId}`,
        headers: { 'x-forwarded-for': '192.0.2.5' },
        payload: { email: `p${i}@example.com` },
      });
      codes.push(s.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/p/f/${publicId}`,
      headers: { 'x-forwarded-for': '192.0.2.6' },
      payload: { email: 'q@example.com' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
