import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, hasDovecot, startDovecot, type TestDovecot } from '../../../../test/support/dovecot.ts';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact, currentConsent } from '../../crm/index.ts';
import { emailEvents, emailMessages, suppressions } from '../schema.ts';
import { readBounceMailbox } from './mailbox.ts';
import { bounceMailboxes } from './schema.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

if (!hasDovecot()) {
  // Say why, loudly, instead of passing silently.
  console.warn(`[imap.test] SKIPPED: ${DOVECOT_MISSING}`);
}

describe.skipIf(!hasDovecot())('bounce mailbox over IMAP (real Dovecot)', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const dovecot: TestDovecot = await startDovecot();
  afterAll(() => dovecot.stop());

  // Our sent messages that the fixtures bounce (their Message-IDs are the fixtures' originals).
  const sent: Record<string, { id: string; contactId: string }> = {};
  for (const [n, email] of [
    ['01', 'nobody@example.net'],
    ['02', 'no.such.user.xyz@gmail.com'],
    ['05', 'full@example.net'],
    ['08', 'angry@yahoo.example'],
  ] as const) {
    const c = await createContact({
      db: t.db,
      workspaceId: ws,
      actorId: null,
      input: { firstName: `C${n}`, emails: [email] },
    });
    const id = newId();
    await t.db.insert(emailMessages).values({
      workspaceId: ws,
      id,
      contactId: c.id,
      email,
      sourceType: 'campaign',
      sourceId: null,
      status: 'sent',
      messageId: `0190f5a2-7c3e-7d41-9a55-3b2c1d0e9f${n}@news.example.com`,
      sentAt: new Date(),
    });
    sent[email] = { id, contactId: c.id };
  }

  it('reads UNSEEN reports, records bounces and complaints, suppresses, and marks them seen', async () => {
    for (const f of [
      'postfix-hard.eml',
      'gmail-hard.eml',
      'postfix-mailbox-full.eml',
      'arf-complaint.eml',
      'auto-reply.eml',
    ]) {
      dovecot.deliver(fixture(f));
    }
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: owner.bearer,
      payload: {
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        username: dovecot.user,
        password: dovecot.password,
        mailbox: 'INBOX',
        afterProcess: 'mark_seen',
        enabled: true,
      },
    });
    const test = await t.app.inject({ method: 'POST', url: '/api/v1/bounce-mailbox/test', headers: owner.bearer });
    expect(test.json()).toEqual({ ok: true, mailbox: 'INBOX', messages: 5, unseen: 5 });

    const run = await readBounceMailbox(t.db, ws);
    expect(run).toMatchObject({ fetched: 5, bounces: 3, complaints: 1, ignored: 1, duplicates: 0, suppressed: 3 });

    const sup = await t.db.select().from(suppressions).where(eq(suppressions.workspaceId, ws));
    expect(Object.fromEntries(sup.map((s) => [s.email, s.reason]))).toEqual({
      'nobody@example.net': 'hard_bounce',
      'no.such.user.xyz@gmail.com': 'hard_bounce',
      'angry@yahoo.example': 'complaint',
    });
    // The soft bounce (mailbox full) is recorded, not suppressed.
    const events = await t.db.select().from(emailEvents).where(eq(emailEvents.workspaceId, ws));
    const full = events.find((e) => e.type === 'bounce' && e.data.email === 'full@example.net');
    expect(full).toMatchObject({
      messageId: sent['full@example.net']?.id,
      contactId: sent['full@example.net']?.contactId,
    });
    expect(full?.data).toMatchObject({ kind: 'soft', status: '5.2.2', source: 'imap' });
    const hard = events.find((e) => e.type === 'bounce' && e.data.email === 'nobody@example.net');
    expect(hard?.messageId).toBe(sent['nobody@example.net']?.id);
    expect(hard?.data).toMatchObject({ kind: 'hard', status: '5.1.1' });
    const complaint = events.find((e) => e.type === 'complaint');
    expect(complaint?.messageId).toBe(sent['angry@yahoo.example']?.id);
    // A complaint withdraws e-mail consent (the evidence says why).
    const consent = await currentConsent({
      db: t.db,
      workspaceId: ws,
      contactId: sent['angry@yahoo.example']!.contactId,
    });
    expect(JSON.stringify(consent)).toContain('unsubscribed');

    // Everything was marked \Seen: the maildir files moved to cur/ with the S flag.
    const cur = fs.readdirSync(path.join(dovecot.maildir(), 'cur'));
    expect(cur).toHaveLength(5);
    expect(cur.every((f) => /:2,[A-Z]*S/.test(f))).toBe(true);

    const status = await t.app.inject({ method: 'GET', url: '/api/v1/bounce-mailbox/status', headers: owner.bearer });
    expect(status.json()).toMatchObject({ lastStatus: 'ok', lastCounts: { fetched: 5, bounces: 3, complaints: 1 } });
  });

  it('processes nothing twice: a second run finds nothing; the same report redelivered is a duplicate', async () => {
    const again = await readBounceMailbox(t.db, ws);
    expect(again).toMatchObject({ fetched: 0, bounces: 0 });
    dovecot.deliver(fixture('postfix-hard.eml'));
    const dup = await readBounceMailbox(t.db, ws);
    expect(dup).toMatchObject({ fetched: 1, bounces: 0, duplicates: 1 });
    const n = await t.db.execute<{ n: string }>(
      sql`select count(*) as n from email_events where workspace_id = ${ws} and type = 'bounce' and data->>'email' = 'nobody@example.net'`,
    );
    expect(Number(n.rows[0]?.n)).toBe(1);
  });

  it('moves processed messages to a folder when told to, and matches by recipient without headers', async () => {
    await t.db
      .update(bounceMailboxes)
      .set({ afterProcess: 'move', moveTo: 'Processed' })
      .where(eq(bounceMailboxes.workspaceId, ws));
    dovecot.deliver(fixture('qmail-no-headers.eml'));
    const run = await readBounceMailbox(t.db, ws);
    expect(run).toMatchObject({ fetched: 1, bounces: 1, suppressed: 1 });
    expect(fs.readdirSync(path.join(dovecot.maildir(), 'new'))).toHaveLength(0);
    const moved = [
      ...fs.readdirSync(path.join(dovecot.maildir('Processed'), 'cur')),
      ...fs.readdirSync(path.join(dovecot.maildir('Processed'), 'new')),
    ];
    expect(moved).toHaveLength(1);
    const [s] = await t.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.email, 'closed.account@old-isp.example')));
    expect(s?.reason).toBe('hard_bounce');
  });

  it('records a wrong password as the run status, readable in the UI', async () => {
    await t.db.update(bounceMailboxes).set({ password: 'wrong' }).where(eq(bounceMailboxes.workspaceId, ws));
    await expect(readBounceMailbox(t.db, ws)).rejects.toBeTruthy();
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/bounce-mailbox/status', headers: owner.bearer });
    expect(status.json().lastStatus).toBe('error');
    expect(status.json().lastError).toMatch(/Authentication failed/);
  });
});
