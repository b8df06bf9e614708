import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { emailEvents, suppressions } from '../schema.ts';
import { recordReport, storedReportKey } from './record.ts';

describe('suppressions and deliverability API', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const h = owner.bearer;

  it('adds, searches, pages, exports and lifts suppressions', async () => {
    for (const email of ['a@example.com', 'b@example.com', 'c@other.example']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/suppressions',
        headers: h,
        payload: { email, detail: 'asked by phone' },
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ email, reason: 'manual', detail: 'asked by phone' });
    }
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/suppressions',
      headers: h,
      payload: { email: 'A@example.com' },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/suppressions',
      headers: h,
      payload: { email: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('email');

    const search = await t.app.inject({ method: 'GET', url: '/api/v1/suppressions?q=example.com', headers: h });
    expect(
      search
        .json()
        .data.map((s: { email: string }) => s.email)
        .sort(),
    ).toEqual(['a@example.com', 'b@example.com']);
    const p1 = (await t.app.inject({ method: 'GET', url: '/api/v1/suppressions?limit=2', headers: h })).json();
    expect(p1.data).toHaveLength(2);
    const p2 = (
      await t.app.inject({ method: 'GET', url: `/api/v1/suppressions?limit=2&cursor=${p1.nextCursor}`, headers: h })
    ).json();
    expect(p2.data).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/suppressions/export.csv', headers: h });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('email,reason,detail,created_at');
    expect(csv.body).toContain('b@example.com,manual,asked by phone,');

    // Another workspace sees none of it, and cannot lift it.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/suppressions', headers: other.bearer })).json().data,
    ).toEqual([]);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/suppressions/a%40example.com', headers: other.bearer }))
        .statusCode,
    ).toBe(404);

    const lift = await t.app.inject({ method: 'DELETE', url: '/api/v1/suppressions/a%40example.com', headers: h });
    expect(lift.statusCode).toBe(204);
    const left = await t.db.select().from(suppressions).where(eq(suppressions.workspaceId, ws));
    expect(left.map((s) => s.email).sort()).toEqual(['b@example.com', 'c@other.example']);
  });

  it('suppresses after the third soft bounce within 30 days, not before', async () => {
    const email = 'flaky@example.com';
    for (let i = 1; i <= 3; i++) {
      const out = await recordReport(t.db, {
        workspaceId: ws,
        source: 'imap',
        kind: 'soft',
        email,
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
        dedupeKey: `soft-${i}`,
        at: new Date(Date.now() - (3 - i) * 86_400_000),
      });
      expect(out).toMatchObject({ recorded: true, suppressed: i === 3 });
    }
    const [s] = await t.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.email, email)));
    expect(s?.reason).toBe('hard_bounce');
    expect(s?.detail).toContain('3 soft bounces within 30 days');
    // Old soft bounces do not count.
    const old = 'old@example.com';
    for (let i = 1; i <= 3; i++) {
      const out = await recordReport(t.db, {
        workspaceId: ws,
        source: 'imap',
        kind: 'soft',
        email: old,
        dedupeKey: `old-${i}`,
        at: new Date(Date.now() - (i === 3 ? 0 : 40 + i) * 86_400_000),
      });
      expect(out.suppressed).toBe(false);
    }
  });

  it('summarises sends, bounces and complaints by day', async () => {
    const now = new Date();
    await t.db
      .insert(emailEvents)
      .values(Array.from({ length: 40 }, () => ({ workspaceId: ws, id: newId(), type: 'sent' as const, at: now })));
    await recordReport(t.db, {
      workspaceId: ws,
      source: 'ses',
      kind: 'hard',
      email: 'gone@example.com',
      dedupeKey: 'h1',
    });
    await recordReport(t.db, {
      workspaceId: ws,
      source: 'ses',
      kind: 'complaint',
      email: 'mad@example.com',
      dedupeKey: 'c1',
    });
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/deliverability?days=7', headers: h });
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.byDay).toHaveLength(7);
    expect(s.sent).toBe(40);
    expect(s.hardBounces).toBe(1);
    expect(s.complaints).toBe(1);
    expect(s.softBounces).toBe(4); // 3 flaky + the latest "old" one within the window
    expect(s.complaintRate).toBeCloseTo(1 / 40, 5);
    expect(s.bounceRate).toBeCloseTo(5 / 40, 5);
    expect(s.suppressed).toMatchObject({ manual: 2, hard_bounce: 2, complaint: 1 });
    const today = s.byDay[s.byDay.length - 1];
    expect(today).toMatchObject({ sent: 40, hardBounces: 1, complaints: 1 });
  });

  it('keeps a hash of the report key (the keys quote the address), the same hash migration 0010 made of old keys', async () => {
    const key = 'dsn-7@mx.example:Zoë.Brand@example.com';
    const inSql = await t.db.execute<{ h: string }>(sql`select encode(sha256(convert_to(${key}, 'UTF8')), 'hex') as h`);
    expect(storedReportKey(key)).toBe(inSql.rows[0]?.h);
    const report = { workspaceId: other.workspaceId, source: 'imap' as const, kind: 'hard' as const, dedupeKey: key };
    const first = await recordReport(t.db, { ...report, email: 'zoë.brand@example.com' });
    const again = await recordReport(t.db, { ...report, email: 'zoë.brand@example.com' });
    expect([first.recorded, again.recorded]).toEqual([true, false]);
    const stored = await t.db.execute<{ dedupe_key: string }>(
      sql`select dedupe_key from bounce_reports where workspace_id = ${other.workspaceId}`,
    );
    expect(stored.rows).toEqual([{ dedupe_key: storedReportKey(key) }]);
  });

  it('bounce mailbox settings never return the password; validation names the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/bounce-mailbox', headers: h })).statusCode).toBe(404);
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/bounce-mailbox/status', headers: h });
    expect(status.json()).toMatchObject({ configured: false, lastStatus: null });
    const noPass = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: h,
      payload: { host: 'imap.example.com', username: 'bounces@example.com' },
    });
    expect(noPass.statusCode).toBe(400);
    expect(noPass.json().errors[0].field).toBe('body.password');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: h,
      payload: { host: 'imap.example.com', username: 'bounces@example.com', password: 's3cret' },
    });
    expect(put.json()).toMatchObject({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      hasPassword: true,
      mailbox: 'INBOX',
    });
    expect(put.body).not.toContain('s3cret');
    // Keeping the password when it is left out.
    const again = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: h,
      payload: { host: 'imap.example.com', username: 'bounces@example.com', afterProcess: 'move', moveTo: 'Done' },
    });
    expect(again.json()).toMatchObject({ hasPassword: true, afterProcess: 'move', moveTo: 'Done' });
    // A port nobody listens on: the test answers with a readable error, not a 500.
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/bounce-mailbox',
      headers: h,
      payload: { host: '127.0.0.1', port: 1, secure: false, username: 'x', password: 'y' },
    });
    const test = await t.app.inject({ method: 'POST', url: '/api/v1/bounce-mailbox/test', headers: h });
    expect(test.statusCode).toBe(200);
    expect(test.json().ok).toBe(false);
    expect(test.json().error).toMatch(/ECONNREFUSED|refused/i);
  });
});
