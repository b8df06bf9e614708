import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { contactEvents } from '../events/schema.ts';
import { audienceLists, listMembers } from '../schema.ts';
import { audienceSettingsFor } from '../settings.ts';
import { webinarConfirmationJob } from './confirmation.ts';
import { sendReminders } from './reminders.ts';

const HOUR = 3_600_000;

describe('webinars', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);
  const other = await signUpWorkspace(t.app);
  const ws = owner.workspaceId;
  const jobCtx = { db: t.db, config: t.config, logger: createLogger('silent') };
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = owner) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.bearer, ...(payload ? { payload } : {}) });
  const form = (url: string, fields: Record<string, string>, ip = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const jobs = async (task: string) =>
    // The public view has no payload column; the tests read the queue's own table.
    (
      await t.db.execute<{ id: string; key: string | null; run_at: Date; payload: Record<string, unknown> }>(
        sql`select j.id, j.key, j.run_at, j.payload from graphile_worker._private_jobs j
            join graphile_worker._private_tasks k on k.id = j.task_id
            where k.identifier = ${task} order by j.run_at`,
      )
    ).rows;
  const reminderJobs = async (id: string) =>
    (await jobs('audience.webinar-reminder'))
      .filter((j) => j.key?.includes(id))
      .map((j) => ({ key: j.key, runAt: new Date(j.run_at).toISOString() }));
  const runConfirmations = async () => {
    for (const j of await jobs('audience.webinar-confirmation')) {
      await webinarConfirmationJob.handler(webinarConfirmationJob.payload.parse(j.payload), jobCtx);
      await t.db.execute(sql`select graphile_worker.complete_jobs(array[${j.id}]::bigint[])`);
    }
  };
  const outboxTo = (email: string) =>
    t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, ws), eq(mailOutbox.toEmail, email)))
      .orderBy(mailOutbox.createdAt);

  const startsAt = new Date(Math.ceil((Date.now() + 3 * 24 * HOUR) / HOUR) * HOUR);
  const created = await api('POST', '/webinars', {
    title: 'Exporting to Japan',
    description: 'Tariffs, partners & paperwork.',
    startsAt: startsAt.toISOString(),
    durationMinutes: 45,
    joinUrl: 'https://zoom.example/j/123?pwd=s3cret',
    tags: ['Export'],
  });
  const w = created.json();
  const key = w.publicUrl.split('/p/w/')[1].split('/')[0];

  it('creates a webinar with a public page and schedules its reminders 24 h and 1 h before', async () => {
    expect(created.statusCode).toBe(201);
    expect(w).toMatchObject({ slug: 'exporting-to-japan', reminderOffsets: [1440, 60], tags: ['export'] });
    expect(await reminderJobs(w.id)).toEqual([
      { key: `audience.webinar-reminder:${w.id}:1440`, runAt: new Date(startsAt.getTime() - 24 * HOUR).toISOString() },
      { key: `audience.webinar-reminder:${w.id}:60`, runAt: new Date(startsAt.getTime() - HOUR).toISOString() },
    ]);
    const again = await api('POST', '/webinars', { title: 'Exporting to Japan', startsAt: startsAt.toISOString() });
    expect(again.json().slug).toBe('exporting-to-japan-2');
    const page = await t.app.inject({ method: 'GET', url: `/p/w/${key}/exporting-to-japan?utm_campaign=jp-invite` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Exporting to Japan');
    expect(page.body).toContain('Tariffs, partners &amp; paperwork.');
    expect(page.body).toContain('name="utm_campaign" value="jp-invite"');
    expect(page.body).not.toContain('zoom.example');
    expect((await api('GET', `/webinars/${w.id}`, undefined, other)).statusCode).toBe(404);
  });

  it('registers from the public page: contact, source, consent evidence with an IP hash, confirmation mail', async () => {
    const r = await form(`/p/w/${key}/exporting-to-japan`, {
      email: 'Ana@Example.org',
      first_name: 'Ana',
      last_name: 'Silva',
      consent: 'yes',
      utm_campaign: 'jp-invite',
      website: '',
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('ana@example.org');
    const [c] = (
      await t.db.execute<{ id: string; first_name: string; first_source: Record<string, unknown> }>(
        sql`select id, first_name, first_source from contacts where workspace_id = ${ws} and 'ana@example.org' = any(emails)`,
      )
    ).rows;
    expect(c).toMatchObject({
      first_name: 'Ana',
      first_source: { channel: 'event', name: 'Exporting to Japan', campaign: 'jp-invite' },
    });
    const consent = (
      await t.db.execute<{ status: string; evidence: Record<string, unknown> }>(
        sql`select status, evidence from consent_events where workspace_id = ${ws} and contact_id = ${c!.id}`,
      )
    ).rows;
    const key_ = (await audienceSettingsFor(t.db, ws)).signingKey;
    const expectedHash = crypto.createHmac('sha256', Buffer.from(key_, 'hex')).update('203.0.113.7').digest('hex');
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({
      status: 'subscribed',
      evidence: { kind: 'webinar_registration', webinarId: w.id, ipHash: expectedHash, text: expect.any(String) },
    });
    expect(JSON.stringify(consent[0]!.evidence)).not.toContain('203.0.113.7');
    const timeline = await t.db.execute<{ kind: string }>(
      sql`select kind from timeline_entries where workspace_id = ${ws} and contact_id = ${c!.id} and kind = 'webinar_registered'`,
    );
    expect(timeline.rows).toHaveLength(1);

    await runConfirmations();
    const [mail] = await outboxTo('ana@example.org');
    expect(mail?.subject).toBe("You're registered: Exporting to Japan");
    expect(mail?.html).toContain('https://zoom.example/j/123?pwd=s3cret');
    expect(mail?.headers['List-Unsubscribe']).toBeUndefined();
    const ics = /href="(http:\/\/localhost:3000\/p\/w\/[^"]+\/calendar\.ics\?t=[^"]+)"/.exec(mail?.html ?? '')?.[1];
    expect(ics).toBeDefined();
    const personal = await t.app.inject({ method: 'GET', url: ics!.replace('http://localhost:3000', '') });
    expect(personal.headers['content-type']).toContain('text/calendar');
    expect(personal.body).toContain('zoom.example/j/123');
    const bare = await t.app.inject({ method: 'GET', url: `/p/w/${key}/exporting-to-japan/calendar.ics` });
    expect(bare.body).toContain('SUMMARY:Exporting to Japan');
    expect(bare.body).not.toContain('zoom.example');

    // Registering again changes nothing twice; a bot filling the honeypot is thanked and ignored.
    await form(`/p/w/${key}/exporting-to-japan`, { email: 'ana@example.org' });
    expect((await api('GET', `/webinars/${w.id}`)).json().counts.registrations).toBe(1);
    const bot = await form(`/p/w/${key}/exporting-to-japan`, { email: 'bot@spam.example', website: 'http://spam' });
    expect(bot.statusCode).toBe(200);
    expect((await t.db.execute(sql`select 1 from contacts where 'bot@spam.example' = any(emails)`)).rows).toHaveLength(
      0,
    );
    const invalid = await form(`/p/w/${key}/exporting-to-japan`, { email: 'not-an-email' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('does not look like an email address');
  });

  it('sends each reminder once per registrant, and rescheduling moves the reminder jobs', async () => {
    const due = new Date(startsAt.getTime() - HOUR);
    expect(await sendReminders(t.db, jobCtx, { workspaceId: ws, webinarId: w.id, offsetMinutes: 60 }, due)).toEqual({
      sent: 1,
      skipped: 0,
      failed: 0,
      retriable: 0,
    });
    expect(await sendReminders(t.db, jobCtx, { workspaceId: ws, webinarId: w.id, offsetMinutes: 60 }, due)).toEqual({
      sent: 0,
      skipped: 1,
      failed: 0,
      retriable: 0,
    });
    const mails = await outboxTo('ana@example.org');
    expect(mails.map((m) => m.subject)).toContain('Starting in 1 hour: Exporting to Japan');
    const dedupe = await t.db.execute<{ dedupe_key: string }>(
      sql`select dedupe_key from email_messages where workspace_id = ${ws} and dedupe_key like ${`webinar:${w.id}:60:%`}`,
    );
    expect(dedupe.rows).toHaveLength(1);

    const later = new Date(startsAt.getTime() + 2 * 24 * HOUR);
    const moved = await api('PATCH', `/webinars/${w.id}`, {
      startsAt: later.toISOString(),
      reminderOffsets: [60, 120],
    });
    expect(moved.statusCode).toBe(200);
    expect(await reminderJobs(w.id)).toEqual([
      { key: `audience.webinar-reminder:${w.id}:120`, runAt: new Date(later.getTime() - 2 * HOUR).toISOString() },
      { key: `audience.webinar-reminder:${w.id}:60`, runAt: new Date(later.getTime() - HOUR).toISOString() },
    ]);
  });

  it('subscribes to the webinar list only after the emailed confirmation when the list wants double opt-in', async () => {
    const listId = crypto.randomUUID();
    await t.db.insert(audienceLists).values({ workspaceId: ws, id: listId, name: 'Events', doubleOptIn: true });
    const web = await api('POST', '/webinars', {
      title: 'Packaging',
      startsAt: startsAt.toISOString(),
      listId,
      slug: 'pack',
    });
    expect(web.json()).toMatchObject({ slug: 'pack', listId });
    expect(
      (await api('POST', '/webinars', { title: 'x', startsAt: startsAt.toISOString(), listId }, other)).statusCode,
    ).toBe(400);
    await form(`/p/w/${key}/pack`, { email: 'bo@example.net', consent: 'yes' });
    const member = async () =>
      (
        await t.db
          .select()
          .from(listMembers)
          .where(and(eq(listMembers.workspaceId, ws), eq(listMembers.listId, listId)))
      )[0];
    expect((await member())?.status).toBe('pending');
    await runConfirmations();
    const [mail] = await outboxTo('bo@example.net');
    const link = /href="http:\/\/localhost:3000(\/p\/w\/[^"]+\/subscribe\?t=[^"]+)"/.exec(mail?.html ?? '')?.[1];
    expect(link).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: link! })).statusCode).toBe(200);
    expect((await member())?.status).toBe('pending'); // a scanner's GET subscribes nobody
    const done = await t.app.inject({ method: 'POST', url: link!, remoteAddress: '198.51.100.2' });
    expect(done.statusCode).toBe(200);
    expect((await member())?.status).toBe('subscribed');
    const forged = await t.app.inject({ method: 'POST', url: `${link!.slice(0, -4)}AAAA` });
    expect(forged.statusCode).toBe(400);
  });

  it('imports attendance: attended with minutes, no-shows, unmatched rows reported, events for segments', async () => {
    const web = (
      await api('POST', '/webinars', { title: 'Trade fairs', startsAt: startsAt.toISOString(), slug: 'fairs' })
    ).json();
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org'])
      expect((await form(`/p/w/${key}/fairs`, { email })).statusCode).toBe(200);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webinars/${web.id}/attendance`,
      headers: { ...owner.bearer, 'content-type': 'multipart/form-data; boundary=X' },
      payload: '--X\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nEmail\r\n--X--\r\n',
    });
    expect(early.statusCode).toBe(409);
    // It took place: move it to yesterday (its reminders go, being past).
    await api('PATCH', `/webinars/${web.id}`, { startsAt: new Date(Date.now() - 24 * HOUR).toISOString() });
    expect(await reminderJobs(web.id)).toEqual([]);

    const csv =
      '\uFEFFName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n' +
      'A,A@example.org,03/15/2026 10:00:00 AM,03/15/2026 10:20:00 AM,20,No\r\n' +
      'A,a@example.org,03/15/2026 10:25:00 AM,03/15/2026 10:40:00 AM,15,No\r\n' +
      'Dee,dee@example.org,03/15/2026 10:00:00 AM,03/15/2026 10:30:00 AM,30,Yes\r\n' +
      'Phone user,,03/15/2026 10:00:00 AM,03/15/2026 10:10:00 AM,10,Yes\r\n';
    const upload = (body: string, who = owner) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/webinars/${web.id}/attendance`,
        headers: { ...who.bearer, 'content-type': 'multipart/form-data; boundary=X' },
        payload: `--X\r\nContent-Disposition: form-data; name="file"; filename="zoom.csv"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--X--\r\n`,
      });
    const r = await upload(csv);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      rows: 4,
      attended: 1,
      noShows: 2,
      columns: { email: 'User Email', minutes: 'Duration (Minutes)' },
      unmatched: [
        { line: 4, email: 'dee@example.org', reason: 'nobody registered with this address' },
        { line: 5, email: null, reason: 'no email address in this row' },
      ],
    });
    const regs = (await api('GET', `/webinars/${web.id}/registrants`)).json().data;
    expect(
      regs.map((x: { email: string; attended: boolean; minutesAttended: number | null }) => [
        x.email,
        x.attended,
        x.minutesAttended,
      ]),
    ).toEqual([
      ['a@example.org', true, 35],
      ['b@example.org', false, null],
      ['c@example.org', false, null],
    ]);
    const events = await t.db
      .select({ type: contactEvents.type, properties: contactEvents.properties })
      .from(contactEvents)
      .where(eq(contactEvents.workspaceId, ws));
    expect(events.filter((e) => e.type === 'webinar.attended')).toEqual([
      { type: 'webinar.attended', properties: { webinarId: web.id, title: 'Trade fairs', minutes: 35 } },
    ]);
    expect(events.filter((e) => e.type === 'webinar.no_show')).toHaveLength(2);
    const kinds = await t.db.execute<{ kind: string; n: number }>(
      sql`select kind, count(*)::int as n from timeline_entries where workspace_id = ${ws} and kind like 'webinar_%' and kind <> 'webinar_registered' group by kind order by kind`,
    );
    expect(kinds.rows).toEqual([
      { kind: 'webinar_attended', n: 1 },
      { kind: 'webinar_no_show', n: 2 },
    ]);
    // The same file again: same outcome, nothing recorded twice.
    expect((await upload(csv)).json()).toMatchObject({ attended: 1, noShows: 2 });
    expect(await t.db.select().from(contactEvents).where(eq(contactEvents.workspaceId, ws))).toHaveLength(3);
    // A file without an email column says so; another workspace cannot import into this webinar.
    const noEmail = await upload('Name,Duration\r\nA,10\r\n');
    expect(noEmail.json().errors[0].field).toBe('file');
    expect((await upload(csv, other)).statusCode).toBe(404);
    const history = (await api('GET', `/webinars/${web.id}/attendance`)).json().data;
    expect(history).toHaveLength(2);
    expect((await api('GET', '/webinars?when=past')).json().data.map((x: { id: string }) => x.id)).toEqual([web.id]);
  });
});
