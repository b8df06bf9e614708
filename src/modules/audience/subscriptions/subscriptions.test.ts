import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainEvents } from '../../../platform/events/schema.ts';
import { createLogger } from '../../../platform/logger.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { consentEvents, contacts, timelineEntries } from '../../crm/schema.ts';
import { formSubmissions } from '../forms/schema.ts';
import { makeList } from '../forms/test-helpers.ts';
import { signLink } from '../links.ts';
import { setMembership } from '../lists/index.ts';
import { contactMailPrefs, emailEvents, listMembers, suppressions } from '../schema.ts';
import { sendMessage } from '../sending/send-message.ts';
import { eraseCaptureData, moveSubmissionsOnMerge } from './on-contact-changes.ts';

const template = {
  subject: 'News for {{ contact.first_name }}',
  mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi <a href="{{ unsubscribe_url }}">unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>',
};

describe('unsubscribe and preference centre', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const news = await makeList(t.db, ws, 'Newsletter');
  const offers = await makeList(t.db, ws, 'Offers');
  const vip = await makeList(t.db, ws, 'VIP', { visibility: 'private' });

  async function person(email: string) {
    const c = await createContact({
      db: t.db,
      workspaceId: ws,
      actorId: null,
      input: { firstName: 'Ana', emails: [email] },
    });
    await t.db.transaction(async (tx) => {
      for (const listId of [news, offers, vip])
        await setMembership(tx, { workspaceId: ws, listId, contactId: c.id, status: 'subscribed' });
    });
    return c.id;
  }

  /** Sends a campaign-like message through the outbox and returns its unsubscribe path and message id. */
  async function mail(contactId: string, email: string, listIds: string[], sourceId: string) {
    const r = await sendMessage(t.db, t.config, {
      workspaceId: ws,
      contact: { id: contactId, email, firstName: 'Ana', lastName: null, companyName: null },
      sourceType: 'campaign',
      sourceId,
      listIds,
      template,
      marketing: true,
    });
    if (r.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(r)}`);
    const [row] = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, ws), eq(mailOutbox.toEmail, email)))
      .orderBy(mailOutbox.createdAt);
    const header = row!.headers['List-Unsubscribe'] ?? '';
    return { path: /<http:\/\/localhost:3000(\/p\/u\/[A-Za-z0-9_-]+)>/.exec(header)![1]!, messageId: r.messageId };
  }

  const statuses = async (contactId: string) =>
    Object.fromEntries(
      (await t.db.select().from(listMembers).where(eq(listMembers.contactId, contactId))).map((m) => [
        m.listId,
        m.status,
      ]),
    );

  it('does not unsubscribe on GET (scanners prefetch), and does on the one-click POST, once', async () => {
    const id = await person('ana@example.org');
    const campaign = crypto.randomUUID();
    const { path, messageId } = await mail(id, 'ana@example.org', [news], campaign);

    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Newsletter');
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toMatch(/href="\/p\/prefs\/[A-Za-z0-9_-]+"/);
    expect((await statuses(id))[news]).toBe('subscribed');

    const post = () =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
    const r = await post();
    expect(r.statusCode).toBe(200);
    expect(r.headers.location).toBeUndefined();
    expect(await statuses(id)).toEqual({ [news]: 'unsubscribed', [offers]: 'subscribed', [vip]: 'subscribed' });
    const again = await post();
    expect(again.statusCode).toBe(200);

    const events = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.type, 'unsubscribe')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ messageId, contactId: id, sourceType: 'campaign', sourceId: campaign });
    expect(events[0]!.data).toMatchObject({ via: 'one_click', listIds: [news] });
    const unsubs = await t.db.select().from(domainEvents).where(eq(domainEvents.type, 'audience.unsubscribed'));
    expect(unsubs.map((e) => e.payload)).toEqual([{ listId: news, contactId: id, reason: 'one-click unsubscribe' }]);
    const tl = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, id), eq(timelineEntries.kind, 'email_unsubscribed')));
    expect(tl).toHaveLength(1);
    // Still on other lists: the email channel's consent is not withdrawn as a whole.
    const consent = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, id));
    expect(consent).toHaveLength(0);
    // No suppression: other lists still get their mail.
    expect(await t.db.select().from(suppressions).where(eq(suppressions.workspaceId, ws))).toEqual([]);
  });

  it('stops all marketing when the message named no list, with consent and suppression', async () => {
    const id = await person('bo@example.net');
    const { path } = await mail(id, 'bo@example.net', [], crypto.randomUUID());
    const r = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('You will not receive marketing emails from us any more.');
    const [s] = await t.db.select().from(suppressions).where(eq(suppressions.email, 'bo@example.net'));
    expect(s).toMatchObject({ reason: 'unsubscribed' });
    expect(Object.values(await statuses(id))).toEqual(['unsubscribed', 'unsubscribed', 'unsubscribed']);
    const [consent] = await t.db.select().from(consentEvents).where(eq(consentEvents.contactId, id));
    expect(consent).toMatchObject({ status: 'unsubscribed', channel: 'email' });
    expect(consent!.evidence).toMatchObject({ kind: 'unsubscribe', via: 'one_click', all: true });
    // Marketing mail now skips the address.
    const blocked = await sendMessage(t.db, t.config, {
      workspaceId: ws,
      contact: { id, email: 'bo@example.net', firstName: 'Bo', lastName: null, companyName: null },
      sourceType: 'campaign',
      template,
      marketing: true,
    });
    expect(blocked.status).toBe('skipped');
  });

  it('refuses a forged unsubscribe token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/p/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(r.statusCode).toBe(404);
  });

  it('shows and saves preferences: public lists, language, pause, unsubscribe from all', async () => {
    const id = await person('cy@example.com');
    const token = await signLink(t.db, { purpose: 'preferences', workspaceId: ws, subjectId: id });
    const page = await t.app.inject({ url: `/p/prefs/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Newsletter');
    expect(page.body).toContain('Offers');
    expect(page.body).not.toContain('VIP');
    expect(page.body).toContain(`name="lists" value="${news}" checked`);

    const save = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/p/prefs/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    const r = await save(`action=save&lists=${news}&language=de&pause=30`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Your preferences are saved.');
    expect(r.body).toContain('lang="de"');
    expect(await statuses(id)).toEqual({ [news]: 'subscribed', [offers]: 'unsubscribed', [vip]: 'subscribed' });
    const [c] = await t.db.select().from(contacts).where(eq(contacts.id, id));
    expect(c!.language).toBe('de');
    const [prefs] = await t.db.select().from(contactMailPrefs).where(eq(contactMailPrefs.contactId, id));
    const days = (prefs!.pausedUntil!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const all = await save('action=unsubscribe_all');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('You are unsubscribed from all our emails.');
    const [s] = await t.db.select().from(suppressions).where(eq(suppressions.email, 'cy@example.com'));
    expect(s).toMatchObject({ reason: 'unsubscribed' });
    expect(Object.values(await statuses(id)).every((x) => x === 'unsubscribed')).toBe(true);

    // Ticking a list again brings them back, lifting the suppression they set themselves.
    await save(`action=save&lists=${offers}&language=de&pause=0`);
    expect((await statuses(id))[offers]).toBe('subscribed');
    expect(await t.db.select().from(suppressions).where(eq(suppressions.email, 'cy@example.com'))).toEqual([]);
    const [p2] = await t.db.select().from(contactMailPrefs).where(eq(contactMailPrefs.contactId, id));
    expect(p2!.pausedUntil).toBeNull();
  });

  it('moves submissions on merge and scrubs them on erasure', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: owner.bearer,
      payload: { name: 'F' },
    });
    const sub = await t.app.inject({
      method: 'POST',
      url: `/p/f/${form.json().publicId}`,
      headers: { 'user-agent': 'UA/1' },
      payload: { email: 'dee@example.com', page_url: 'https://shop.example/?utm_source=x' },
    });
    expect(sub.statusCode).toBe(200);
    const [row] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.email, 'dee@example.com'));
    const survivor = await person('dee-2@example.com');
    const ctx = { db: t.db, config: t.config, logger: createLogger('silent') };
    const event = (type: string, payload: Record<string, unknown>) => ({
      workspaceId: ws,
      id: crypto.randomUUID(),
      type,
      subjectId: null,
      payload,
      occurredAt: new Date(),
    });
    await moveSubmissionsOnMerge.handle(
      event('contact.merged', { survivorId: survivor, mergedId: row!.contactId }),
      ctx,
    );
    const [moved] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.id, row!.id));
    expect(moved!.contactId).toBe(survivor);
    await eraseCaptureData.handle(event('contact.erased', { contactId: survivor, mergedContactIds: [] }), ctx);
    const [erased] = await t.db.select().from(formSubmissions).where(eq(formSubmissions.id, row!.id));
    expect(erased).toMatchObject({
      email: 'erased',
      values: {},
      pageUrl: null,
      utm: {},
      userAgent: null,
      ipHash: null,
    });
  });
});
