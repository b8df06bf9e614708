import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { subscribe } from '../../../platform/events/outbox.ts';
import { domainEvents } from '../../../platform/events/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { timelineEntries } from '../../crm/schema.ts';
import { clickSigner, readLink, signWithKey } from '../links.ts';
import { emailEvents, emailMessages } from '../schema.ts';
import { sendMessage } from '../sending/send-message.ts';
import { audienceSettingsFor } from '../settings.ts';
import { CLICKED, OPENED, TrackingBuffer } from './buffer.ts';
import { PIXEL, safeTarget, trackingBufferOf } from './routes.ts';
import { classifyUserAgent } from './user-agent.ts';

const template = {
  subject: 'News for {{ contact.first_name }}',
  mjml: `<mjml><mj-body><mj-section><mj-column>
    <mj-text>Hi {{ contact.first_name }}, read <a href="https://example.com/post?id=7&amp;x=1">the post</a>
    or <a href="https://shop.example.com/">the shop</a>.</mj-text>
  </mj-column></mj-section></mj-body></mjml>`,
};

const APPLE_MPP = 'Mozilla/5.0';
const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('tracking endpoints', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const contact = await createContact({
    db: t.db,
    workspaceId: ws,
    actorId: null,
    input: { firstName: 'Noor', lastName: 'Haddad', emails: ['noor@example.org'] },
  });

  /** Sends one real tracked message through the outbox and returns its pixel and click URLs. */
  async function sendOne(key: string) {
    const r = await sendMessage(t.db, t.config, {
      workspaceId: ws,
      contact: { id: contact.id, email: 'noor@example.org', firstName: 'Noor', lastName: 'Haddad', companyName: null },
      sourceType: 'campaign',
      sourceId: newId(),
      dedupeKey: key,
      template,
      marketing: true,
    });
    if (r.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(r)}`);
    const [row] = await t.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.workspaceId, ws))
      .orderBy(sql`${mailOutbox.createdAt} desc`)
      .limit(1);
    const htmlBody = row?.html ?? '';
    const pixel = /src="http:\/\/localhost:3000(\/p\/o\/[^"]+\.gif)"/.exec(htmlBody)?.[1];
    const clicks = [...htmlBody.matchAll(/href="http:\/\/localhost:3000(\/p\/c\/[^"]+)"/g)].map((m) => m[1] as string);
    if (!pixel || clicks.length < 2) throw new Error('tracking links missing');
    return { messageId: r.messageId, pixel, clicks };
  }

  const flush = async () => {
    const b = trackingBufferOf(t.app);
    if (!b) throw new Error('no tracking buffer');
    return b.flush();
  };
  const eventsOf = (messageId: string) =>
    t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.messageId, messageId)))
      .orderBy(emailEvents.at);
  const openedAtOf = async (messageId: string) =>
    (
      await t.db
        .select({ openedAt: emailMessages.openedAt })
        .from(emailMessages)
        .where(and(eq(emailMessages.workspaceId, ws), eq(emailMessages.id, messageId)))
    )[0]?.openedAt;
  const timelineOf = (messageId: string) =>
    t.db
      .select()
      .from(timelineEntries)
      .where(
        and(
          eq(timelineEntries.workspaceId, ws),
          eq(timelineEntries.contactId, contact.id),
          sql`${timelineEntries.data}->>'messageId' = ${messageId}`,
          sql`${timelineEntries.kind} in ('email_opened', 'email_clicked')`,
        ),
      );

  it('answers the pixel with a 43-byte GIF that is never cached, and records the open once flushed', async () => {
    const m = await sendOne('t:open');
    const r = await t.app.inject({ method: 'GET', url: m.pixel, headers: { 'user-agent': GMAIL_PROXY } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/gif');
    expect(r.rawPayload.length).toBe(43);
    expect(r.rawPayload.equals(PIXEL)).toBe(true);
    expect(r.headers['cache-control']).toContain('no-store');
    // Buffered: nothing written yet by the request itself.
    expect((await eventsOf(m.messageId)).filter((e) => e.type === 'open')).toHaveLength(0);
    await flush();
    const opens = (await eventsOf(m.messageId)).filter((e) => e.type === 'open');
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ contactId: contact.id, sourceType: 'campaign' });
    expect(opens[0]?.data).toEqual({ client: 'google_image_proxy', proxy: true });

    // Repeated opens are counted as events but the timeline keeps only the first.
    await t.app.inject({ method: 'GET', url: m.pixel, headers: { 'user-agent': APPLE_MPP } });
    await t.app.inject({ method: 'GET', url: m.pixel, headers: { 'user-agent': BROWSER } });
    await flush();
    const all = (await eventsOf(m.messageId)).filter((e) => e.type === 'open');
    expect(all).toHaveLength(3);
    expect(all.map((e) => e.data.client).sort()).toEqual(['apple_privacy_proxy', 'browser', 'google_image_proxy']);
    const tl = await timelineOf(m.messageId);
    expect(tl.map((e) => e.kind)).toEqual(['email_opened']);
    expect(tl[0]?.module).toBe('audience');
    // The first open came through Gmail's proxy: the entry says so, and which message of which send it was.
    expect(tl[0]?.data).toEqual({
      messageId: m.messageId,
      source: 'campaign',
      sourceId: expect.any(String),
      subject: 'News for Noor',
      proxy: true,
    });
    // The message remembers its first open, not a later one.
    expect((await openedAtOf(m.messageId))?.getTime()).toBe(opens[0]?.at.getTime());
    // Nobody subscribes to opens: email_events holds them, and no domain event copies them.
    const ev = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws), eq(domainEvents.type, OPENED)));
    expect(ev).toHaveLength(0);
  });

  it('redirects a click to the signed target, records it, and a click without an open implies one', async () => {
    // A module that reacts to clicks gets a domain event for each.
    const unsubscribe = subscribe(CLICKED, { name: 'test.clicks', handle: async () => {} });
    onTestFinished(unsubscribe);
    const m = await sendOne('t:click');
    const r = await t.app.inject({ method: 'GET', url: m.clicks[0]!, headers: { 'user-agent': BROWSER } });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('https://example.com/post?id=7&x=1');
    const r2 = await t.app.inject({ method: 'GET', url: m.clicks[1]! });
    expect(r2.headers.location).toBe('https://shop.example.com/');
    await flush();
    const evs = await eventsOf(m.messageId);
    const clicks = evs.filter((e) => e.type === 'click');
    expect(clicks.map((c) => c.data.url).sort()).toEqual([
      'https://example.com/post?id=7&x=1',
      'https://shop.example.com/',
    ]);
    const opens = evs.filter((e) => e.type === 'open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.data.implied).toBe(true);
    expect((await openedAtOf(m.messageId))?.getTime()).toBe(opens[0]?.at.getTime());
    // Timeline: the (implied) first open and each click.
    const tl = await timelineOf(m.messageId);
    expect(tl.map((e) => e.kind).sort()).toEqual(['email_clicked', 'email_clicked', 'email_opened']);
    const shop = tl.find((e) => e.kind === 'email_clicked' && e.data.url === 'https://shop.example.com/');
    expect(shop?.data).toMatchObject({ subject: 'News for Noor', messageId: m.messageId });
    const ev = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws), eq(domainEvents.type, CLICKED)));
    const mine = ev.filter((e) => e.payload.messageId === m.messageId);
    expect(mine).toHaveLength(2);
    expect(mine[0]?.payload).toMatchObject({ sourceType: 'campaign', contactId: contact.id });
    // The implied open has no subscriber: no event for it.
    const opened = await t.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, ws), eq(domainEvents.type, OPENED)));
    expect(opened.filter((e) => e.payload.messageId === m.messageId)).toHaveLength(0);

    // A later open is not a first open any more; a second click on the same message implies nothing new.
    await t.app.inject({ method: 'GET', url: m.pixel });
    await t.app.inject({ method: 'GET', url: m.clicks[0]! });
    await flush();
    const after = await eventsOf(m.messageId);
    expect(after.filter((e) => e.type === 'open')).toHaveLength(2);
    expect(after.filter((e) => e.data.implied)).toHaveLength(1);
    expect((await timelineOf(m.messageId)).filter((e) => e.kind === 'email_opened')).toHaveLength(1);
  });

  it('never redirects on a forged, tampered or foreign token (no open redirect)', async () => {
    const m = await sendOne('t:forged');
    const token = m.clicks[0]!.slice('/p/c/'.length);
    const raw = Buffer.from(token, 'base64url');
    // Flip a byte inside the target URL: the HMAC no longer matches.
    raw[40] = raw[40]! ^ 0x01;
    const tampered = await t.app.inject({ method: 'GET', url: `/p/c/${raw.toString('base64url')}` });
    expect(tampered.statusCode).toBe(404);
    expect(tampered.headers.location).toBeUndefined();
    expect(tampered.headers['content-type']).toContain('text/html');
    // A token signed with another key for the same workspace and message, pointing elsewhere.
    const forged = signWithKey('00'.repeat(32), {
      purpose: 'click',
      workspaceId: ws,
      subjectId: m.messageId,
      extra: Buffer.from('https://evil.example/phish'),
    });
    const f = await t.app.inject({ method: 'GET', url: `/p/c/${forged}` });
    expect(f.statusCode).toBe(404);
    expect(f.headers.location).toBeUndefined();
    // An open token is not a click token.
    const openToken = m.pixel.slice('/p/o/'.length, -'.gif'.length);
    expect((await t.app.inject({ method: 'GET', url: `/p/c/${openToken}` })).statusCode).toBe(404);
    // Garbage and an unknown workspace.
    expect((await t.app.inject({ method: 'GET', url: '/p/c/not-a-token' })).statusCode).toBe(404);
    const stranger = signWithKey('11'.repeat(32), {
      purpose: 'click',
      workspaceId: newId(),
      subjectId: m.messageId,
      extra: Buffer.from('https://evil.example/'),
    });
    expect((await t.app.inject({ method: 'GET', url: `/p/c/${stranger}` })).statusCode).toBe(404);
    // A bad pixel still answers the image, and records nothing.
    const badPixel = await t.app.inject({ method: 'GET', url: '/p/o/AAAA.gif' });
    expect(badPixel.statusCode).toBe(200);
    expect(badPixel.rawPayload.equals(PIXEL)).toBe(true);
    await flush();
    expect(await eventsOf(m.messageId)).toHaveLength(1); // just the 'sent'
  });

  it('click tokens signed in halves: each half checked, halves made with another key refused, old tokens still work', async () => {
    const key = (await audienceSettingsFor(t.db, ws)).signingKey;
    const a = await sendOne('t:halves-a');
    const b = await sendOne('t:halves-b');
    const tokenA = a.clicks[0]!.slice('/p/c/'.length);
    expect(readLink(tokenA)).toMatchObject({ purpose: 'click', subjectId: a.messageId });
    const go = (token: string) => t.app.inject({ method: 'GET', url: `/p/c/${token}` });
    const split = (token: string) => {
      const raw = Buffer.from(token, 'base64url');
      return { head: raw.subarray(0, raw.length - 16), msg: raw.subarray(-16, -8), url: raw.subarray(-8) };
    };
    // B's URL half on A's message and URL: the URL half covers the URL, not the message — accepted, and still only a
    // URL this workspace sent. B's message half on A's message: refused.
    const ha = split(tokenA);
    const hb = split(b.clicks[0]!.slice('/p/c/'.length));
    expect((await go(Buffer.concat([ha.head, ha.msg, hb.url]).toString('base64url'))).statusCode).toBe(302);
    expect((await go(Buffer.concat([ha.head, hb.msg, ha.url]).toString('base64url'))).statusCode).toBe(404);
    // Another URL with A's halves (the URL half does not match), and the halves swapped.
    const evil = Buffer.concat([ha.head.subarray(0, 33), Buffer.from('https://evil.example/x'), ha.msg, ha.url]);
    expect((await go(evil.toString('base64url'))).statusCode).toBe(404);
    expect((await go(Buffer.concat([ha.head, ha.url, ha.msg]).toString('base64url'))).statusCode).toBe(404);
    // A's URL half verified above, so it is remembered: one bit off in it, or in the URL it covers, is still refused.
    const flipped = Buffer.from(ha.url);
    flipped[7] = flipped[7]! ^ 0x01;
    expect((await go(Buffer.concat([ha.head, ha.msg, flipped]).toString('base64url'))).statusCode).toBe(404);
    const otherUrl = Buffer.from(ha.head);
    otherUrl[otherUrl.length - 1] = otherUrl[otherUrl.length - 1]! ^ 0x01;
    expect((await go(Buffer.concat([otherUrl, ha.msg, ha.url]).toString('base64url'))).statusCode).toBe(404);
    expect((await go(tokenA)).statusCode).toBe(302);
    // Halves made with another key for this workspace, and a token cut short.
    const foreign = clickSigner('00'.repeat(32), ws).forMessage(a.messageId)('https://evil.example/');
    expect((await go(foreign)).statusCode).toBe(404);
    expect((await go(Buffer.from(tokenA, 'base64url').subarray(0, 40).toString('base64url'))).statusCode).toBe(404);
    // Links in emails sent before the halves (one HMAC over the whole token) keep working.
    const legacy = signWithKey(key, {
      purpose: 'click',
      workspaceId: ws,
      subjectId: a.messageId,
      extra: Buffer.from('https://example.com/old-link'),
    });
    const old = await go(legacy);
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe('https://example.com/old-link');
  });

  it('refuses javascript:, data: and other non-http targets even when validly signed', async () => {
    const key = (await audienceSettingsFor(t.db, ws)).signingKey;
    const m = await sendOne('t:js');
    for (const target of [
      'javascript:alert(document.cookie)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/',
      '/relative',
      'ftp://example.com/file',
    ]) {
      const token = signWithKey(key, {
        purpose: 'click',
        workspaceId: ws,
        subjectId: m.messageId,
        extra: Buffer.from(target),
      });
      const r = await t.app.inject({ method: 'GET', url: `/p/c/${token}` });
      expect(r.statusCode, target).toBe(404);
      expect(r.headers.location, target).toBeUndefined();
    }
    expect(safeTarget('https://example.com/a b\r\nSet-Cookie: x=1')).toBe('https://example.com/a%20bSet-Cookie:%20x=1');
    await flush();
    expect((await eventsOf(m.messageId)).filter((e) => e.type === 'click')).toHaveLength(0);
  });

  it('classifies mailbox-provider proxies', () => {
    expect(classifyUserAgent(APPLE_MPP)).toEqual({ client: 'apple_privacy_proxy', proxy: true });
    expect(
      classifyUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)'),
    ).toEqual({
      client: 'apple_privacy_proxy',
      proxy: true,
    });
    expect(classifyUserAgent(GMAIL_PROXY).client).toBe('google_image_proxy');
    expect(classifyUserAgent('YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html').client).toBe(
      'yahoo_image_proxy',
    );
    expect(classifyUserAgent(BROWSER)).toEqual({ client: 'browser', proxy: false });
    expect(classifyUserAgent(undefined).client).toBe('unknown');
  });
});

describe('TrackingBuffer', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;

  async function messages(n: number) {
    const ids = Array.from({ length: n }, () => newId());
    await t.db.insert(emailMessages).values(
      ids.map((id, i) => ({
        workspaceId: ws,
        id,
        email: `m${i}@example.org`,
        sourceType: 'campaign' as const,
        status: 'sent' as const,
      })),
    );
    return ids;
  }
  const count = async (type: string) =>
    Number(
      (
        await t.db.execute<{ n: string }>(
          sql`select count(*) as n from email_events where workspace_id = ${ws} and type = ${type}`,
        )
      ).rows[0]?.n,
    );

  it('holds hits in memory and writes them in one flush; hits on unknown messages insert nothing', async () => {
    const ids = await messages(300);
    const buffer = new TrackingBuffer(t.db, console, { intervalMs: 60_000, maxRows: 10_000 });
    for (const id of ids) buffer.add({ workspaceId: ws, messageId: id, type: 'open' });
    buffer.add({ workspaceId: ws, messageId: newId(), type: 'open' });
    expect(buffer.size).toBe(301);
    expect(await count('open')).toBe(0);
    const stats = await buffer.flush();
    expect(stats).toMatchObject({ hits: 301, recorded: 300, impliedOpens: 0 });
    expect(buffer.size).toBe(0);
    expect(await count('open')).toBe(300);
    await buffer.close();
  });

  it('flushes by itself on the timer, when maxRows are waiting, and on close', async () => {
    const ids = await messages(30);
    const timed = new TrackingBuffer(t.db, console, { intervalMs: 50, maxRows: 10_000 });
    timed.add({
      workspaceId: ws,
      messageId: ids[0]!,
      type: 'click',
      url: 'https://a.example/',
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(timed.size).toBe(0);
    expect(await count('click')).toBe(1);

    const bySize = new TrackingBuffer(t.db, console, { intervalMs: 60_000, maxRows: 10 });
    for (const id of ids.slice(1, 11)) bySize.add({ workspaceId: ws, messageId: id, type: 'click' });
    await bySize.flush(); // waits for the flush maxRows started
    expect(await count('click')).toBe(11);

    const onClose = new TrackingBuffer(t.db, console, { intervalMs: 60_000, maxRows: 10_000 });
    for (const id of ids.slice(11, 20)) onClose.add({ workspaceId: ws, messageId: id, type: 'click' });
    await onClose.close();
    expect(await count('click')).toBe(20);
    // Every click here had no open: each message got exactly one implied open.
    expect(await count('open')).toBe(300 + 20);
    await timed.close();
    await bySize.close();
  });

  it('keeps the hits of a failed flush and writes them, with those that came meanwhile, on the next one', async () => {
    const ids = await messages(3);
    let down = true;
    // The database going away for one flush (a restart): its execute fails once.
    const flaky = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === 'execute' && down) {
          down = false;
          return async () => {
            throw new Error('the database system is starting up');
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const errors: unknown[] = [];
    const buffer = new TrackingBuffer(
      flaky,
      { error: (e: unknown) => errors.push(e), warn: () => {} },
      {
        intervalMs: 60_000,
        maxRows: 10_000,
      },
    );
    const before = await count('click');
    buffer.add({ workspaceId: ws, messageId: ids[0]!, type: 'click', url: 'https://a.example/1' });
    buffer.add({ workspaceId: ws, messageId: ids[1]!, type: 'click', url: 'https://a.example/2' });
    await expect(buffer.flush()).rejects.toThrow('starting up');
    expect(errors).toHaveLength(1);
    expect(buffer.size).toBe(2);
    buffer.add({ workspaceId: ws, messageId: ids[2]!, type: 'click', url: 'https://a.example/3' });
    expect(await buffer.flush()).toMatchObject({ hits: 3, recorded: 6 }); // three clicks, three implied opens
    expect(await count('click')).toBe(before + 3);
    await buffer.close();
  });

  it('the server flushes its buffer when it closes', async () => {
    const t2 = await testApp();
    const o2 = await signUpWorkspace(t2.app);
    const key = (await audienceSettingsFor(t2.db, o2.workspaceId)).signingKey;
    const id = newId();
    await t2.db
      .insert(emailMessages)
      .values({ workspaceId: o2.workspaceId, id, email: 'x@example.org', sourceType: 'campaign', status: 'sent' });
    const token = signWithKey(key, { purpose: 'open', workspaceId: o2.workspaceId, subjectId: id });
    await t2.app.inject({ method: 'GET', url: `/p/o/${token}.gif` });
    expect(trackingBufferOf(t2.app)?.size).toBe(1);
    await t2.app.close();
    const rows = await t2.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, o2.workspaceId), eq(emailEvents.messageId, id)));
    expect(rows.map((r) => r.type)).toEqual(['open']);
  });
});
