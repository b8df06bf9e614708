import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { nodemailerTransport } from '../../../platform/mail/nodemailer-transport.ts';
import { startTestSmtp } from '../../../platform/mail/test-smtp.ts';
import type { MailTransport } from '../../../platform/mail/types.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { timelineEntries } from '../../crm/schema.ts';
import { workspaces } from '../../identity/schema.ts';
import { readLink, verifyLink } from '../links.ts';
import {
  audienceLists,
  contactMailPrefs,
  emailEvents,
  emailMessages,
  listMembers,
  type MembershipStatus,
  sendingAccounts,
} from '../schema.ts';
import { segments } from '../segments/schema.ts';
import { closeTransports } from '../sending/accounts.ts';
import { suppress } from '../sending/suppression.ts';
import { campaigns } from './schema.ts';
import { runCampaignSend, type SendOptions } from './send-campaign.ts';
import { takeTokens } from './throttle.ts';
import { nextLocalTime } from './timing.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-campaigns-'));
const t = await testApp({ dataDir });
const owner = await signUpWorkspace(t.app);
const ws = owner.workspaceId;
const smtp = await startTestSmtp();
afterAll(async () => {
  await closeTransports();
  await smtp.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const r = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: owner.bearer,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: r.statusCode, body: r.body ? r.json() : null };
}

async function ok(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const r = await api(method, url, payload);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let n = 0;
async function person(first: string, extra: { company?: string; email?: string } = {}) {
  const email = extra.email ?? `${first.toLowerCase()}.${++n}@example.org`;
  const c = await createContact({
    db: t.db,
    workspaceId: ws,
    actorId: null,
    input: {
      firstName: first,
      lastName: 'Test',
      emails: [email],
      ...(extra.company ? { companyName: extra.company } : {}),
    },
  });
  return { id: c.id, email };
}

async function list(name: string) {
  const id = newId();
  await t.db.insert(audienceLists).values({ workspaceId: ws, id, name: `${name} ${id.slice(-6)}` });
  return id;
}

async function join(listId: string, contactId: string, status: MembershipStatus = 'subscribed') {
  await t.db.insert(listMembers).values({ workspaceId: ws, listId, contactId, status, subscribedAt: new Date() });
}

async function account(smtpUrl: string, extra: { maxPerMinute?: number } = {}) {
  const id = newId();
  await t.db.insert(sendingAccounts).values({
    workspaceId: ws,
    id,
    name: `Account ${id.slice(-4)}`,
    smtpUrl,
    fromEmail: 'news@shop.example',
    fromName: 'Shop News',
    maxPerMinute: extra.maxPerMinute ?? null,
  });
  return id;
}

const MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hi {{ contact.first_name }} at {{ contact.company }}, read <a href="https://example.com/story?x=1&amp;y=2&amp;q=Grüße">the story</a> — über alles.</mj-text>
  <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ view_url }}">View online</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

async function campaign(accountId: string, audience: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return ok('POST', '/campaigns', {
    name: 'March news',
    subject: 'News for {{ contact.first_name }}',
    mjml: MJML,
    accountId,
    ...audience,
    ...extra,
  }) as Promise<{ id: string }>;
}

const send = (campaignId: string, opts: SendOptions = {}) =>
  runCampaignSend(t.db, t.config, { workspaceId: ws, campaignId }, opts);

const receivedBy = <M extends { to: string[] }>(server: { received: M[] }, emails: string[]) =>
  server.received.filter((m) => m.to.some((to) => emails.includes(to)));

async function messages(campaignId: string) {
  return t.db
    .select()
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.workspaceId, ws),
        eq(emailMessages.sourceId, campaignId),
        eq(emailMessages.sourceType, 'campaign'),
      ),
    );
}

async function campaignRow(id: string) {
  const [row] = await t.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ws), eq(campaigns.id, id)));
  return row!;
}

describe('campaigns', () => {
  it('keeps drafts editable and nothing else; schedules only what can go out', async () => {
    const acc = await account(smtp.url);
    const draft = await ok('POST', '/campaigns', { name: 'Draft one' });
    expect(draft).toMatchObject({ status: 'draft', subject: '', trackOpens: true, progress: { recipients: 0 } });
    expect(draft.mjml).toContain('{{ unsubscribe_url }}');
    const noAudience = await api('POST', `/campaigns/${draft.id}/schedule`, {});
    expect(noAudience.status).toBe(400);
    expect(noAudience.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['listIds', 'subject']);
    const badList = await api('PATCH', `/campaigns/${draft.id}`, { listIds: [newId()] });
    expect(badList.status).toBe(400);
    expect(badList.body.errors[0].field).toBe('listIds.0');

    const l = await list('Edit');
    await ok('PATCH', `/campaigns/${draft.id}`, { subject: 'Hello', listIds: [l], accountId: acc });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await ok('POST', `/campaigns/${draft.id}/schedule`, { at: later });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: later });
    const edit = await api('PATCH', `/campaigns/${draft.id}`, { subject: 'Changed' });
    expect(edit.status).toBe(409);
    // Labels are not content: they may change in any state.
    expect((await ok('PATCH', `/campaigns/${draft.id}`, { archive: true, topicTags: ['export'] })).archive).toBe(true);
    expect((await api('DELETE', `/campaigns/${draft.id}`)).status).toBe(409);
    expect((await ok('POST', `/campaigns/${draft.id}/unschedule`)).status).toBe('draft');
    const copy = await ok('POST', `/campaigns/${draft.id}/duplicate`);
    expect(copy).toMatchObject({ status: 'draft', name: 'Draft one (copy)', subject: 'Hello', listIds: [l] });
    expect((await api('DELETE', `/campaigns/${copy.id}`)).status).toBe(204);
    const listed = await ok('GET', '/campaigns?status=draft');
    expect(listed.data.map((c: { id: string }) => c.id)).toContain(draft.id);
  });

  it('chooses recipients by the audience rules and mails each person and address once', async () => {
    const [l1, l2, l3] = [await list('One'), await list('Two'), await list('Excluded')];
    const ana = await person('Ana', { company: 'Acme' });
    const bo = await person('Bo');
    const twin = await person('Twin', { email: `twin-${n}@example.org` });
    const twin2 = await person('Twin2');
    await t.db.execute(
      sql`update contacts set emails = array[${twin.email}] where workspace_id = ${ws} and id = ${twin2.id}`,
    );
    const pending = await person('Pending');
    const left = await person('Left');
    const suppressed = await person('Suppressed');
    const paused = await person('Paused');
    const optedOut = await person('OptedOut');
    const erased = await person('Erased');
    const excluded = await person('Excluded');
    for (const p of [ana, twin, twin2, suppressed, paused, optedOut, erased, excluded]) await join(l1, p.id);
    await join(l1, bo.id);
    await join(l2, bo.id);
    await join(l1, pending.id, 'pending');
    await join(l1, left.id, 'unsubscribed');
    await join(l3, excluded.id);
    await suppress(t.db, ws, suppressed.email, 'hard_bounce');
    await t.db
      .insert(contactMailPrefs)
      .values({ workspaceId: ws, contactId: paused.id, pausedUntil: new Date(Date.now() + 86_400_000) });
    await ok('POST', `/contacts/${optedOut.id}/consent`, { channel: 'email', status: 'unsubscribed' });
    await t.db.execute(sql`update contacts set erased_at = now() where workspace_id = ${ws} and id = ${erased.id}`);

    const audience = { listIds: [l1, l2], excludeListIds: [l3] };
    expect(await ok('POST', '/campaigns/estimate', audience)).toEqual({ recipients: 3 });

    const acc = await account(smtp.url);
    const c = await campaign(acc, audience);
    await ok('POST', `/campaigns/${c.id}/schedule`, {});
    expect(await send(c.id)).toBe('sent');

    const rows = await messages(c.id);
    expect(rows.map((r) => r.email).sort()).toEqual([ana.email, bo.email, twin.email].sort());
    expect(rows.every((r) => r.status === 'sent' && r.dedupeKey === `campaign:${c.id}:${r.contactId}`)).toBe(true);
    // The unsubscribe of each message leaves the lists it was sent for.
    expect(rows.find((r) => r.email === bo.email)?.listIds.sort()).toEqual([l1, l2].sort());
    expect(rows.find((r) => r.email === ana.email)?.listIds).toEqual([l1]);
    const delivered = receivedBy(smtp, [
      ana.email,
      bo.email,
      twin.email,
      twin2.email,
      pending.email,
      left.email,
      suppressed.email,
      paused.email,
      optedOut.email,
      erased.email,
      excluded.email,
    ]);
    expect(delivered.map((m) => m.to[0]).sort()).toEqual([ana.email, bo.email, twin.email].sort());

    const row = await campaignRow(c.id);
    expect(row).toMatchObject({ status: 'sent', totalRecipients: 3, sentCount: 3, failedCount: 0 });
    const events = await t.db
      .select()
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.sourceId, c.id), eq(emailEvents.type, 'sent')));
    expect(events).toHaveLength(3);
    const timeline = await t.db
      .select()
      .from(timelineEntries)
      .where(
        and(
          eq(timelineEntries.workspaceId, ws),
          eq(timelineEntries.contactId, ana.id),
          eq(timelineEntries.kind, 'email_sent'),
        ),
      );
    expect(timeline[0]?.data).toMatchObject({ source: 'campaign', sourceId: c.id, subject: 'News for Ana' });

    // What Ana got: personalised, tracked, with one-click unsubscribe.
    const mail = smtp.received.find((m) => m.to[0] === ana.email)!;
    const parsed = await smtp.parse(mail);
    expect(parsed.subject).toBe('News for Ana');
    expect(parsed.from?.text).toBe('"Shop News" <news@shop.example>');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const unsub = /^List-Unsubscribe: <([^>]+)>/m.exec(mail.raw)?.[1] ?? '';
    const unsubClaims = await verifyLink(t.db, unsub.split('/p/u/')[1] ?? '', 'unsubscribe');
    const anaMessage = rows.find((r) => r.email === ana.email)!;
    expect(unsubClaims?.subjectId).toBe(anaMessage.id);
    expect(parsed.messageId).toBe(`<${anaMessage.id}@shop.example>`);
    const htmlBody = String(parsed.html);
    expect(htmlBody).toContain('Hi Ana at Acme');
    expect(htmlBody).not.toContain('href="https://example.com/story');
    const click = /href="(http:\/\/localhost:3000\/p\/c\/[^"]+)"/.exec(htmlBody)?.[1] ?? '';
    const clickClaims = await verifyLink(t.db, click.split('/p/c/')[1] ?? '', 'click');
    // The HTML went as it is, with non-ASCII as character references; the tracked target is the URL as written.
    expect(mail.raw).toMatch(/^Content-Transfer-Encoding: 7bit\r?$/m);
    expect(htmlBody).toContain('&#8212; &#252;ber alles');
    expect(String(parsed.text)).toContain('— über alles');
    expect(clickClaims?.extra.toString()).toBe('https://example.com/story?x=1&y=2&q=Grüße');
    expect(clickClaims?.subjectId).toBe(anaMessage.id);
    expect(htmlBody).toContain(`href="${unsub}"`); // the body's unsubscribe link is the header's, not click-tracked
    const pixel = /\/p\/o\/([A-Za-z0-9_-]+)\.gif/.exec(htmlBody)?.[1] ?? '';
    expect(readLink(pixel)?.purpose).toBe('open');
    expect(String(parsed.text)).toContain('Hi Ana at Acme');
    expect(String(parsed.text)).toMatch(/http:\/\/localhost:3000\/p\/c\//);

    // The report and the recipients list read the same rows.
    await t.db.insert(emailEvents).values([
      {
        workspaceId: ws,
        id: newId(),
        messageId: anaMessage.id,
        contactId: ana.id,
        sourceType: 'campaign',
        sourceId: c.id,
        type: 'open',
      },
      {
        workspaceId: ws,
        id: newId(),
        messageId: anaMessage.id,
        contactId: ana.id,
        sourceType: 'campaign',
        sourceId: c.id,
        type: 'open',
      },
      {
        workspaceId: ws,
        id: newId(),
        messageId: anaMessage.id,
        contactId: ana.id,
        sourceType: 'campaign',
        sourceId: c.id,
        type: 'click',
        data: { url: 'https://example.com/story?x=1&y=2' },
      },
    ]);
    const report = await ok('GET', `/campaigns/${c.id}/report`);
    expect(report).toMatchObject({ sent: 3, delivered: 3, bounced: 0, opened: 1, clicked: 1, unsubscribed: 0 });
    expect(report.rates.open).toBeCloseTo(1 / 3, 3);
    expect(report.topLinks).toEqual([{ url: 'https://example.com/story?x=1&y=2', clicks: 1, uniqueClicks: 1 }]);
    expect(report.timeline.reduce((s: number, b: { opens: number }) => s + b.opens, 0)).toBe(2);
    const recipients = await ok('GET', `/campaigns/${c.id}/recipients?limit=2`);
    expect(recipients.data).toHaveLength(2);
    const rest = await ok('GET', `/campaigns/${c.id}/recipients?limit=2&cursor=${recipients.nextCursor}`);
    const all = [...recipients.data, ...rest.data];
    expect(all.find((r: { email: string }) => r.email === ana.email)).toMatchObject({
      status: 'sent',
      opened: true,
      clicked: true,
      name: 'Ana Test',
    });
    expect(rest.nextCursor).toBeNull();
  });

  it('segments reach only people with a reason to get marketing mail', async () => {
    const subscriber = await person('Seg', { company: 'Segco' });
    const consented = await person('Consent', { company: 'Segco' });
    const stranger = await person('Stranger', { company: 'Segco' });
    await join(await list('Any'), subscriber.id);
    await ok('POST', `/contacts/${consented.id}/consent`, { channel: 'email', status: 'subscribed' });
    const segmentId = newId();
    await t.db.insert(segments).values({
      workspaceId: ws,
      id: segmentId,
      name: `Segco ${segmentId.slice(-4)}`,
      rules: { op: 'and', rules: [{ kind: 'field', field: 'company', op: 'is', value: 'Segco' }] },
    });
    expect(await ok('POST', '/campaigns/estimate', { segmentId })).toEqual({ recipients: 2 });
    const c = await campaign(await account(smtp.url), { segmentId });
    await ok('POST', `/campaigns/${c.id}/schedule`, {});
    expect(await send(c.id)).toBe('sent');
    const rows = await messages(c.id);
    expect(rows.map((r) => r.email).sort()).toEqual([subscriber.email, consented.email].sort());
    expect(rows.every((r) => r.listIds.length === 0)).toBe(true);
    expect(receivedBy(smtp, [stranger.email])).toHaveLength(0);
  });

  it('checks suppressions and pauses again at send time, batch by batch', async () => {
    const l = await list('Late');
    const people = [await person('First'), await person('Second'), await person('Third'), await person('Fourth')];
    for (const p of people) await join(l, p.id);
    const c = await campaign(await account(smtp.url), { listIds: [l] });
    await ok('POST', `/campaigns/${c.id}/schedule`, {});
    // While the first message goes out, two others become unmailable.
    const real = nodemailerTransport(smtp.url);
    let first = true;
    const transport: MailTransport = {
      kind: 'smtp',
      async send(m) {
        if (first) {
          first = false;
          const others = people.filter((p) => p.email !== m.to);
          await suppress(t.db, ws, others[0]!.email, 'complaint');
          await t.db
            .insert(contactMailPrefs)
            .values({ workspaceId: ws, contactId: others[1]!.id, pausedUntil: new Date(Date.now() + 3_600_000) });
        }
        return real.send(m);
      },
      close: () => real.close(),
    };
    expect(await send(c.id, { batchSize: 1, transport })).toBe('sent');
    await real.close();
    const rows = await messages(c.id);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    const skipped = rows
      .filter((r) => r.status === 'skipped')
      .map((r) => r.error)
      .sort();
    expect(skipped).toEqual(['mail paused by the contact', 'suppressed (complaint)']);
    const got = receivedBy(
      smtp,
      people.map((p) => p.email),
    ).map((m) => m.to[0]);
    expect(got.sort()).toEqual(
      rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.email)
        .sort(),
    );
    expect(await campaignRow(c.id)).toMatchObject({ status: 'sent', sentCount: 2, skippedCount: 2 });
  });

  it('pauses, resumes where it stopped, and cancels', async () => {
    const l = await list('Pause');
    const people = await Promise.all(['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((x) => person(x)));
    for (const p of people) await join(l, p.id);
    const c = await campaign(await account(smtp.url), { listIds: [l] });
    await ok('POST', `/campaigns/${c.id}/schedule`, {});
    const real = nodemailerTransport(smtp.url);
    let sent = 0;
    const pausing: MailTransport = {
      kind: 'smtp',
      async send(m) {
        if (++sent === 2) await ok('POST', `/campaigns/${c.id}/pause`);
        return real.send(m);
      },
      close: () => real.close(),
    };
    expect(await send(c.id, { batchSize: 2, concurrency: 1, transport: pausing })).toBe('paused');
    const paused = await ok('GET', `/campaigns/${c.id}`);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'Paused by a user.', progress: { sent: 2 } });
    expect(
      receivedBy(
        smtp,
        people.map((p) => p.email),
      ),
    ).toHaveLength(2);
    // A paused campaign sends nothing when its job runs.
    expect(await send(c.id)).toBe('paused');

    await ok('POST', `/campaigns/${c.id}/resume`);
    let more = 0;
    const cancelling: MailTransport = {
      kind: 'smtp',
      async send(m) {
        if (++more === 2) await ok('POST', `/campaigns/${c.id}/cancel`);
        return real.send(m);
      },
      close: () => real.close(),
    };
    expect(await send(c.id, { batchSize: 2, concurrency: 1, transport: cancelling })).toBe('cancelled');
    await real.close();
    const rows = await messages(c.id);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'skipped').map((r) => r.error)).toEqual([
      'campaign cancelled',
      'campaign cancelled',
    ]);
    const got = receivedBy(
      smtp,
      people.map((p) => p.email),
    ).map((m) => m.to[0]!);
    expect(got).toHaveLength(4);
    expect(new Set(got).size).toBe(4);
    expect(await ok('GET', `/campaigns/${c.id}`)).toMatchObject({
      status: 'cancelled',
      progress: { sent: 4, skipped: 2 },
    });
    // The message on the wire when the cancel skipped the queue was folded back to sent by its 250: every sent
    // message, and only those, has its 'sent' event and its timeline entry.
    const sentIds = rows
      .filter((r) => r.status === 'sent')
      .map((r) => r.id)
      .sort();
    const events = await t.db
      .select({ messageId: emailEvents.messageId })
      .from(emailEvents)
      .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.sourceId, c.id), eq(emailEvents.type, 'sent')));
    expect(events.map((e) => e.messageId).sort()).toEqual(sentIds);
    const entries = await t.db
      .select({ data: timelineEntries.data })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, ws), eq(timelineEntries.kind, 'email_sent')));
    expect(
      entries
        .filter((e) => e.data.sourceId === c.id)
        .map((e) => e.data.messageId)
        .sort(),
    ).toEqual(sentIds);
    expect((await api('POST', `/campaigns/${c.id}/resume`)).status).toBe(409);
  });

  describe('a server that refuses or does not answer', () => {
    it('pauses after repeated temporary refusals, with the server’s answer, and resumes cleanly', async () => {
      let refusing = true;
      const flaky = await startTestSmtp({
        onData: () => (refusing ? '451 4.3.0 Mailbox server busy, try later' : null),
      });
      try {
        const l = await list('Flaky');
        const people = await Promise.all(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'].map((x) => person(x)));
        for (const p of people) await join(l, p.id);
        const c = await campaign(await account(flaky.url), { listIds: [l] });
        await ok('POST', `/campaigns/${c.id}/schedule`, {});
        expect(await send(c.id, { concurrency: 1 })).toBe('paused');
        const row = await campaignRow(c.id);
        expect(row.status).toBe('paused');
        expect(row.pauseReason).toContain('5 messages in a row');
        expect(row.pauseReason).toContain('451 4.3.0 Mailbox server busy');
        expect((await messages(c.id)).every((m) => m.status === 'queued')).toBe(true);
        refusing = false;
        await ok('POST', `/campaigns/${c.id}/resume`);
        expect(await send(c.id)).toBe('sent');
        expect(flaky.received.map((m) => m.to[0]).sort()).toEqual(people.map((p) => p.email).sort());
      } finally {
        await closeTransports();
        await flaky.close();
      }
    });

    it('pauses when the server cannot be reached', async () => {
      const port = await freePort();
      const l = await list('Down');
      for (const x of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6']) await join(l, (await person(x)).id);
      const c = await campaign(await account(`smtp://127.0.0.1:${port}`), { listIds: [l] });
      await ok('POST', `/campaigns/${c.id}/schedule`, {});
      expect(await send(c.id, { concurrency: 1 })).toBe('paused');
      expect((await campaignRow(c.id)).pauseReason).toMatch(/in a row.*ECONNREFUSED/);
    });

    it('pauses when the server stops answering', async () => {
      const silent = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream) {
          stream.resume(); // reads the message and never answers
        },
      });
      silent.on('error', () => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      const port = (silent.server.address() as { port: number }).port;
      try {
        const l = await list('Silent');
        for (const x of ['S1', 'S2', 'S3']) await join(l, (await person(x)).id);
        const c = await campaign(await account(`smtp://127.0.0.1:${port}`), { listIds: [l] });
        await ok('POST', `/campaigns/${c.id}/schedule`, {});
        expect(await send(c.id, { sendTimeoutMs: 200, maxConsecutiveFailures: 3 })).toBe('paused');
        const row = await campaignRow(c.id);
        expect(row.pauseReason).toMatch(/did not answer 3 messages in a row .*no answer within/);
        // Unanswered messages were never acknowledged: nothing counts as sent.
        expect(row.sentCount).toBe(0);
      } finally {
        await closeTransports();
        silent.close();
      }
    });

    it('marks a recipient the server refuses permanently as failed and goes on', async () => {
      const picky = await startTestSmtp({
        onRcpt: (to) => (to.startsWith('nobody') ? '550 5.1.1 No such user' : null),
      });
      try {
        const l = await list('Picky');
        const good = await person('Good');
        const bad = await person('Nobody', { email: `nobody-${newId().slice(-6)}@example.org` });
        await join(l, good.id);
        await join(l, bad.id);
        const c = await campaign(await account(picky.url), { listIds: [l] });
        await ok('POST', `/campaigns/${c.id}/schedule`, {});
        expect(await send(c.id)).toBe('sent');
        const rows = await messages(c.id);
        expect(rows.find((r) => r.email === bad.email)).toMatchObject({ status: 'failed' });
        expect(rows.find((r) => r.email === bad.email)?.error).toContain('550');
        expect(rows.find((r) => r.email === good.email)?.status).toBe('sent');
        expect(await campaignRow(c.id)).toMatchObject({ status: 'sent', sentCount: 1, failedCount: 1 });
      } finally {
        await closeTransports();
        await picky.close();
      }
    });
  });

  it('a send killed with kill -9 resumes with nobody mailed twice and nobody skipped', async () => {
    // The server answers the first 6 messages, then holds every reply: the child is killed while it waits.
    const HOLD_FROM = 6;
    const accepted: { to: string; id: string }[] = [];
    let seen = 0;
    let holding = true;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          seen += 1;
          if (holding && seen > HOLD_FROM) return; // no reply: the message is not accepted
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID: <([0-9a-f-]{36})@/im.exec(raw)?.[1] ?? '';
          accepted.push({ to: session.envelope.rcptTo[0]?.address ?? '', id });
          cb();
        });
      },
    });
    // The killed child resets its connections: expected here, and an 'error' event without a listener would throw.
    server.on('error', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as { port: number }).port;
    let child: ChildProcess | null = null;
    try {
      const l = await list('Kill');
      const people = await Promise.all(Array.from({ length: 14 }, (_, i) => person(`K${i}`)));
      for (const p of people) await join(l, p.id);
      const c = await campaign(await account(`smtp://127.0.0.1:${port}`), { listIds: [l] });
      await ok('POST', `/campaigns/${c.id}/schedule`, {});

      const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'send-child.ts');
      child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: {
          ...process.env,
          CAMPAIGN_CHILD: JSON.stringify({
            url: t.url,
            workspaceId: ws,
            campaignId: c.id,
            dataDir,
            publicUrl: t.config.publicUrl,
            batchSize: 4,
            concurrency: 3,
          }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let childOut = '';
      child.stdout?.on('data', (d) => {
        childOut += String(d);
      });
      child.stderr?.on('data', (d) => {
        childOut += String(d);
      });
      // Wait until the server holds a reply, the first batch is folded into the database, and the child has recorded
      // (journal or database) every message the server accepted — the state a crash "between two 250s" leaves — then
      // kill it without warning. (The first batch's fold runs beside the second batch's sending: without waiting for
      // it, the kill could land before it committed.)
      const journalDir = path.join(dataDir, 'mail-journal', `${ws}.${c.id}`);
      const readJournal = () =>
        fs.existsSync(journalDir)
          ? fs
              .readdirSync(journalDir)
              .map((f) => fs.readFileSync(path.join(journalDir, f), 'utf8'))
              .join('')
          : '';
      await waitFor(async () => {
        if (child?.exitCode !== null) throw new Error(`the child ended early: ${childOut}`);
        if (seen <= HOLD_FROM) return false;
        const journal = readJournal();
        const sentRows = (await messages(c.id)).filter((m) => m.status === 'sent').map((m) => m.id);
        return sentRows.length > 0 && accepted.every((a) => journal.includes(a.id) || sentRows.includes(a.id));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));

      // The kill hit mid-batch: some acknowledged messages exist only in the journal (still queued in the database),
      // some were handed to the server and never acknowledged.
      const before = await messages(c.id);
      const journal = readJournal();
      const journalOnly = before.filter((m) => m.status === 'queued' && journal.includes(m.id));
      expect(journalOnly.length).toBeGreaterThan(0);
      expect(before.filter((m) => m.status === 'sent').length).toBeGreaterThan(0);

      holding = false;
      expect(await send(c.id, { lockWaitMs: 15_000 })).toBe('sent');
      const to = accepted.map((a) => a.to).sort();
      expect(to).toEqual(people.map((p) => p.email).sort()); // everyone once: nobody twice, nobody skipped
      const after = await messages(c.id);
      expect(after.every((m) => m.status === 'sent')).toBe(true);
      expect(await campaignRow(c.id)).toMatchObject({ status: 'sent', sentCount: 14, totalRecipients: 14 });
      const sentEvents = await t.db
        .select()
        .from(emailEvents)
        .where(and(eq(emailEvents.workspaceId, ws), eq(emailEvents.sourceId, c.id), eq(emailEvents.type, 'sent')));
      expect(sentEvents).toHaveLength(14);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await closeTransports();
      server.close();
    }
    // A fresh tsx child compiles the app's module graph first (≈15 s on a busy machine): a limit, not a measurement.
  }, 120_000);

  it('sends at a local hour in each recipient’s time zone', async () => {
    const l = await list('Zones');
    const tokyo = await person('Tokyo');
    const ny = await person('Newyork');
    const none = await person('Nozone');
    for (const p of [tokyo, ny, none]) await join(l, p.id);
    await t.db.execute(
      sql`update contacts set timezone = 'Asia/Tokyo' where workspace_id = ${ws} and id = ${tokyo.id}`,
    );
    await t.db.execute(
      sql`update contacts set timezone = 'America/New_York' where workspace_id = ${ws} and id = ${ny.id}`,
    );
    await t.db.update(workspaces).set({ timezone: 'Asia/Tokyo' }).where(eq(workspaces.id, ws));
    const c = await campaign(await account(smtp.url), { listIds: [l] });
    // The local time it was in Tokyo an hour ago, counted from two hours ago: due in Tokyo, 13–14 hours away in New York.
    const now = Date.now();
    const tokyoHourAgo = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(now - 3_600_000));
    await ok('POST', `/campaigns/${c.id}/schedule`, { recipientTimezone: { localTime: tokyoHourAgo } });
    const from = new Date(now - 2 * 3_600_000);
    await t.db
      .update(campaigns)
      .set({ scheduledAt: from })
      .where(and(eq(campaigns.workspaceId, ws), eq(campaigns.id, c.id)));

    expect(await send(c.id)).toBe('waiting');
    const row = await campaignRow(c.id);
    const nyAt = nextLocalTime(from, tokyoHourAgo, 'America/New_York');
    expect(row.waves?.find((w) => w.tz === 'America/New_York')?.at).toBe(nyAt.toISOString());
    expect(row.nextRunAt?.toISOString()).toBe(nyAt.toISOString());
    const rows = await messages(c.id);
    // Tokyo and the contact without a zone (the workspace's zone is Tokyo) are done; New York waits.
    expect(rows.find((r) => r.email === tokyo.email)?.status).toBe('sent');
    expect(rows.find((r) => r.email === none.email)?.status).toBe('sent');
    expect(rows.find((r) => r.email === ny.email)?.status).toBe('queued');
    expect(receivedBy(smtp, [ny.email])).toHaveLength(0);
    await t.db.update(workspaces).set({ timezone: 'UTC' }).where(eq(workspaces.id, ws));
  });

  it('keeps another workspace out: no reading, acting on or referencing this one’s campaigns and lists', async () => {
    const other = await signUpWorkspace(t.app);
    const l = await list('Private');
    const c = await campaign(await account(smtp.url), { listIds: [l] });
    const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: other.bearer,
        ...(payload ? { payload: payload as object } : {}),
      });
    for (const [method, url] of [
      ['GET', `/campaigns/${c.id}`],
      ['GET', `/campaigns/${c.id}/report`],
      ['GET', `/campaigns/${c.id}/recipients`],
      ['POST', `/campaigns/${c.id}/duplicate`],
      ['POST', `/campaigns/${c.id}/pause`],
    ] as const) {
      expect((await as(method, url)).statusCode).toBe(404);
    }
    expect((await as('POST', `/campaigns/${c.id}/schedule`, {})).statusCode).toBe(404);
    expect((await as('POST', `/campaigns/${c.id}/test`, { emails: ['x@example.com'] })).statusCode).toBe(404);
    const est = await as('POST', '/campaigns/estimate', { listIds: [l] });
    expect(est.statusCode).toBe(400);
    expect(est.body).not.toContain(l);
    const theirs = await as('POST', '/campaigns', { name: 'B', listIds: [l] });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.body).not.toContain(l);
    expect((await as('GET', '/campaigns')).json().data).toEqual([]);
  });

  it('shares one token bucket per sending account', async () => {
    const acc = await account(smtp.url, { maxPerMinute: 60 });
    const first = await takeTokens(t.db, ws, acc, 60, 10);
    expect(first.granted).toBe(5); // the five-second burst of a 60/min account
    const other = await takeTokens(t.db, ws, await account(smtp.url, { maxPerMinute: 60 }), 60, 3);
    expect(other.granted).toBe(3); // another account has its own bucket
    const [bucket] = (
      await t.db.execute<{ tokens: number }>(
        sql`select tokens from send_rate_buckets where workspace_id = ${ws} and account_id = ${acc}`,
      )
    ).rows;
    expect(bucket!.tokens).toBeLessThan(1);
  });

  it('test-sends to given addresses, marked test and left out of the report', async () => {
    const l = await list('Test');
    const known = await person('Known', { company: 'Known Co' });
    await join(l, known.id);
    const c = await campaign(await account(smtp.url), { listIds: [l] });
    const stranger = `stranger-${newId().slice(-6)}@example.net`;
    const r = await ok('POST', `/campaigns/${c.id}/test`, { emails: [known.email, stranger] });
    expect(r.results.map((x: { status: string }) => x.status)).toEqual(['sent', 'sent']);
    const mine = await smtp.parse(receivedBy(smtp, [known.email]).at(-1)!);
    expect(mine.subject).toBe('[Test] News for Known');
    const theirs = await smtp.parse(receivedBy(smtp, [stranger]).at(-1)!);
    expect(theirs.subject).toBe('[Test] News for Alex');
    const tests = await t.db
      .select()
      .from(emailMessages)
      .where(
        and(eq(emailMessages.workspaceId, ws), eq(emailMessages.sourceId, c.id), eq(emailMessages.sourceType, 'test')),
      );
    expect(tests).toHaveLength(2);
    expect((await ok('GET', `/campaigns/${c.id}/report`)).sent).toBe(0);
    expect((await ok('GET', `/campaigns/${c.id}`)).status).toBe('draft');
  });

  it('publishes archived issues without personal data, and shows one message in the browser', async () => {
    const l = await list('Archive');
    const reader = await person('Reader', { company: 'Secret Co' });
    await join(l, reader.id);
    const c = await campaign(
      await account(smtp.url),
      { listIds: [l] },
      { archive: true, subject: 'Issue 7 for {{ contact.first_name }}' },
    );
    const hidden = await campaign(await account(smtp.url), { listIds: [l] }, { archive: false, subject: 'Not public' });
    for (const x of [c, hidden]) {
      await ok('POST', `/campaigns/${x.id}/schedule`, {});
      expect(await send(x.id)).toBe('sent');
    }
    const [w] = await t.db.select({ key: workspaces.publicKey }).from(workspaces).where(eq(workspaces.id, ws));
    const index = await t.app.inject({ method: 'GET', url: `/p/archive/${w!.key}` });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`/p/archive/${w!.key}/${c.id}`);
    expect(index.body).toContain('Issue 7 for');
    expect(index.body).not.toContain('Not public');
    const issue = await t.app.inject({ method: 'GET', url: `/p/archive/${w!.key}/${c.id}` });
    expect(issue.statusCode).toBe(200);
    expect(issue.body).toContain('Hi  at ,');
    expect(issue.body).not.toContain('Reader');
    expect(issue.body).not.toContain('/p/o/');
    expect(issue.body).not.toContain('/p/c/');
    expect((await t.app.inject({ method: 'GET', url: `/p/archive/${w!.key}/${hidden.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/p/archive/nope/${c.id}` })).statusCode).toBe(404);

    const mail = receivedBy(smtp, [reader.email]).find((m) => m.raw.includes('Issue 7'))!;
    const parsed = await smtp.parse(mail);
    const view = /http:\/\/localhost:3000(\/p\/v\/[A-Za-z0-9_-]+)/.exec(String(parsed.html))?.[1] ?? '';
    const page = await t.app.inject({ method: 'GET', url: view });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hi Reader at Secret Co');
    expect(page.body).not.toContain('/p/o/'); // viewing is not opening
    expect((await t.app.inject({ method: 'GET', url: `${view.slice(0, -2)}xx` })).statusCode).toBe(404);
  });
});

async function waitFor(check: () => Promise<boolean>, limitMs = 90_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}
