import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { runOnce, Logger as WorkerLogger } from 'graphile-worker';
import { afterAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import { createLogger } from '../../../platform/logger.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { jobDefinitions } from '../../registry.ts';
import { emailEvents, emailMessages } from '../schema.ts';
import { suppress } from '../sending/suppression.ts';
import { enrolAnniversaries } from './anniversaries.ts';
import { enrolContact } from './enrol-contact.ts';
import { getFlowRow } from './flow-row.ts';
import type { FlowGraph } from './graph.ts';
import { runFlowStep } from './run-step.ts';
import { flowEnrolments } from './schema.ts';
import { queuedSteps, runDueJobs } from './test-helpers.ts';
import { isPrivateAddress } from './webhook.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('flows', async () => {
  const { app, db, config } = await testApp();
  const ws = await signUpWorkspace(app, 'Flow Co');
  const h = ws.bearer;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const r = await call(method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? null : r.json();
  };
  let n = 0;
  const newContact = (extra: Record<string, unknown> = {}) =>
    ok('POST', '/api/v1/contacts', { firstName: `Person${++n}`, emails: [`p${n}-${newId()}@example.com`], ...extra });
  const newFlow = (body: Record<string, unknown>) => ok('POST', '/api/v1/flows', body);
  const run = (opts: { now?: Date; allowPrivateWebhooks?: boolean } = {}) => runDueJobs(db, config, opts);
  const enrolmentsOf = async (flowId: string) => (await ok('GET', `/api/v1/flows/${flowId}/enrolments`)).data;
  const outboxTo = (email: string) =>
    db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, ws.workspaceId), eq(mailOutbox.toEmail, email)));
  const messageOf = async (enrolmentId: string, stepId: string) => {
    const [m] = await db
      .select()
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.workspaceId, ws.workspaceId),
          eq(emailMessages.dedupeKey, `flow:${enrolmentId}:${stepId}`),
        ),
      );
    return m;
  };
  const recordEmailEvent = async (messageId: string, contactId: string, type: 'open' | 'click') =>
    db.insert(emailEvents).values({
      workspaceId: ws.workspaceId,
      id: newId(),
      messageId,
      contactId,
      sourceType: 'flow',
      type,
    });
  const inline = (subject: string) => ({
    subject,
    mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ contact.first_name }}</mj-text></mj-column></mj-section></mj-body></mjml>',
  });

  it('runs the ready-made welcome sequence end to end: first email in the outbox, then wait, click, tag', async () => {
    const templates = await ok('GET', '/api/v1/flow-templates');
    expect(templates.data.map((t: { key: string }) => t.key)).toEqual(['welcome', 'lead_magnet']);
    const list = await ok('POST', '/api/v1/lists', { name: 'Newsletter' });
    const flow = await newFlow({
      fromTemplate: 'welcome',
      trigger: { type: 'list_subscribed', config: { listId: list.id } },
      activate: true,
    });
    expect(flow).toMatchObject({ status: 'active', name: 'Welcome sequence for new subscribers', issues: [] });

    const start = Date.now();
    const added = await ok('POST', `/api/v1/lists/${list.id}/members`, {
      emails: ['ada@example.com', 'bob@example.com'],
      consent: { note: 'signed up at our stand' },
    });
    const [ada, bob] = added.contactIds as string[];
    // A real graphile-worker run: event delivery → enrolment → first step, as in production.
    const logger = createLogger('silent');
    await runOnce({
      pgPool: db.$client,
      logger: new WorkerLogger(() => () => undefined),
      taskList: Object.fromEntries(
        jobDefinitions.map((j) => [
          j.name,
          async (raw: unknown) => j.handler(j.payload.parse(raw), { db, config, logger }),
        ]),
      ),
    });
    const first = await outboxTo('ada@example.com');
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toBe('Welcome to Flow Co');
    expect(first[0]!.html).toContain('/p/u/');
    expect(first[0]!.headers['List-Unsubscribe'] ?? first[0]!.headers['list-unsubscribe']).toBeTruthy();

    const enrolments = await enrolmentsOf(flow.id);
    expect(enrolments).toHaveLength(2);
    for (const e of enrolments) {
      expect(e).toMatchObject({ status: 'waiting', currentStepId: 'wait-1', trigger: { listId: list.id } });
      // Two calendar days later, at the same time of day (the workspace is in UTC).
      expect(Math.abs(new Date(e.nextRunAt).getTime() - (start + 2 * DAY))).toBeLessThan(60_000);
    }

    await run({ now: new Date(start + 2 * DAY + 60_000) });
    const adaEnrolment = enrolments.find((e: { contactId: string }) => e.contactId === ada);
    const intro = await messageOf(adaEnrolment.id, 'welcome-2');
    expect(intro?.status).toBe('sent');
    await recordEmailEvent(intro!.id, ada!, 'click');

    await run({ now: new Date(start + 5 * DAY + 120_000) });
    const [after] = await Promise.all([enrolmentsOf(flow.id)]);
    expect(after.map((e: { status: string }) => e.status)).toEqual(['completed', 'completed']);
    expect((await ok('GET', `/api/v1/contacts/${ada}`)).tags).toContain('engaged');
    expect((await ok('GET', `/api/v1/contacts/${bob}`)).tags).not.toContain('engaged');
    expect((await outboxTo('bob@example.com')).map((m) => m.subject)).toEqual([
      'Welcome to Flow Co',
      'What Flow Co can do for you',
      'Did you see this, friend?',
    ]);
    expect(await outboxTo('ada@example.com')).toHaveLength(2);

    const detail = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${adaEnrolment.id}`);
    expect(detail.history.map((s: { stepId: string; outcome: string }) => `${s.stepId}:${s.outcome}`)).toEqual([
      '$trigger:enrolled',
      'welcome-1:sent',
      'wait-1:done',
      'welcome-2:sent',
      'wait-2:done',
      'clicked-2:yes',
      'tag-engaged:done',
    ]);
    expect(detail.history[1].stepName).toBe('Welcome email');

    const stats = await ok('GET', `/api/v1/flows/${flow.id}/stats`);
    const step = (id: string) => stats.steps.find((s: { stepId: string }) => s.stepId === id);
    expect(stats.enrolments).toMatchObject({ completed: 2, total: 2 });
    expect(step('welcome-1')).toMatchObject({ entered: 2, completed: 2, emails: { sent: 2, opened: 0, clicked: 0 } });
    expect(step('welcome-2').emails).toEqual({ sent: 2, opened: 1, clicked: 1 });
    expect(step('clicked-2')).toMatchObject({ yes: 1, no: 1 });
    expect(step('welcome-3').emails.sent).toBe(1);
  });

  it('enrols on every kind of trigger, and only on a matching one', async () => {
    const exitOnly: FlowGraph = { nodes: [{ id: 'end', type: 'exit', config: {} }], edges: [] };
    const make = async (trigger: unknown) =>
      (await newFlow({ name: 'T', trigger, graph: exitOnly, activate: true })).id;
    const formId = newId();
    const flows = {
      tagAdded: await make({ type: 'tag_added', config: { tag: 'VIP' } }),
      tagRemoved: await make({ type: 'tag_removed', config: { tag: 'vip' } }),
      stage: await make({ type: 'lifecycle_stage_changed', config: { to: 'customer' } }),
      deal: await make({ type: 'deal_stage_changed', config: {} }),
      custom: await make({ type: 'custom_event', config: { eventType: 'demo_booked' } }),
      order: await make({ type: 'domain_event', config: { eventType: 'order.fulfilled' } }),
      form: await make({ type: 'form_submitted', config: { formId } }),
      otherTag: await make({ type: 'tag_added', config: { tag: 'other' } }),
    };
    const c = await newContact();
    await ok('PATCH', `/api/v1/contacts/${c.id}`, { tags: ['vip'] });
    await ok('PATCH', `/api/v1/contacts/${c.id}`, { tags: [] });
    await ok('PATCH', `/api/v1/contacts/${c.id}`, { lifecycleStage: 'customer' });
    await ok('POST', '/api/v1/events', { contactId: c.id, type: 'demo_booked', properties: { when: 'tomorrow' } });
    await db.transaction(async (tx) => {
      const workspaceId = ws.workspaceId;
      const dealId = newId();
      await emitEvent(tx, {
        workspaceId,
        type: 'deal.stage_changed',
        subjectId: dealId,
        payload: { dealId, toStageId: newId(), contactId: c.id },
      });
      await emitEvent(tx, { workspaceId, type: 'order.fulfilled', subjectId: newId(), payload: { contactId: c.id } });
      await emitEvent(tx, {
        workspaceId,
        type: 'audience.form_submitted',
        subjectId: c.id,
        payload: { formId, contactId: c.id, listIds: [] },
      });
      await emitEvent(tx, {
        workspaceId,
        type: 'audience.form_submitted',
        subjectId: c.id,
        payload: { formId: newId(), contactId: c.id, listIds: [] },
      });
    });
    await run();
    for (const [key, id] of Object.entries(flows)) {
      const e = await enrolmentsOf(id);
      expect({ key, n: e.length }).toEqual({ key, n: key === 'otherTag' ? 0 : 1 });
      if (key !== 'otherTag') expect(e[0]).toMatchObject({ contactId: c.id, status: 'exited' });
    }
    const custom = (await enrolmentsOf(flows.custom))[0];
    expect(custom.trigger).toMatchObject({ type: 'demo_booked', properties: { when: 'tomorrow' } });
  });

  it('enrols contacts on the anniversary of a date field, once per local day', async () => {
    await ok('POST', '/api/v1/custom-fields', { entity: 'contact', label: 'Birthday', type: 'date' });
    const now = new Date('2026-06-15T10:00:00Z');
    const born = await newContact({ custom: { birthday: '1990-06-15' } });
    await newContact({ custom: { birthday: '1990-06-16' } });
    const flow = await newFlow({
      name: 'Birthday',
      trigger: { type: 'date_anniversary', config: { field: 'custom.birthday' } },
      reentry: 'after',
      reentryDays: 300,
      graph: { nodes: [{ id: 'end', type: 'exit', config: {} }], edges: [] },
      activate: true,
    });
    const logger = createLogger('silent');
    expect(await enrolAnniversaries(db, logger, now)).toBe(1);
    expect(await enrolAnniversaries(db, logger, new Date(now.getTime() + HOUR))).toBe(0);
    expect((await enrolmentsOf(flow.id)).map((e: { contactId: string }) => e.contactId)).toEqual([born.id]);
    await run();
    // The next year it comes round again.
    expect(await enrolAnniversaries(db, logger, new Date('2027-06-15T10:00:00Z'))).toBe(1);
  });

  it('applies the re-entry rule: once, every time, again after N days; an event delivered twice enrols once', async () => {
    const graph: FlowGraph = {
      nodes: [{ id: 'w', type: 'wait', config: { mode: 'duration', amount: 1, unit: 'hours' } }],
      edges: [],
    };
    const once = await newFlow({ name: 'Once', trigger: { type: 'manual', config: {} }, graph, activate: true });
    const always = await newFlow({
      name: 'Always',
      trigger: { type: 'manual', config: {} },
      graph,
      reentry: 'always',
      activate: true,
    });
    const c = await newContact();
    for (const f of [once, always]) {
      expect((await call('POST', `/api/v1/flows/${f.id}/enrolments`, { contactId: c.id })).statusCode).toBe(201);
      const again = await call('POST', `/api/v1/flows/${f.id}/enrolments`, { contactId: c.id });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(/already in this flow/);
    }
    await run({ now: new Date(Date.now() + 2 * HOUR) });
    await run({ now: new Date(Date.now() + 3 * HOUR) });
    const second = await call('POST', `/api/v1/flows/${once.id}/enrolments`, { contactId: c.id });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toMatch(/enters once/);
    expect((await call('POST', `/api/v1/flows/${always.id}/enrolments`, { contactId: c.id })).statusCode).toBe(201);

    const after = await newFlow({
      name: 'After',
      trigger: { type: 'tag_added', config: { tag: 'again' } },
      graph: { nodes: [{ id: 'end', type: 'exit', config: {} }], edges: [] },
      reentry: 'after',
      reentryDays: 30,
      activate: true,
    });
    const row = await getFlowRow(db, ws.workspaceId, after.id);
    const t0 = new Date();
    const enrol = (days: number, key: string) =>
      enrolContact(db, {
        workspaceId: ws.workspaceId,
        flow: row,
        contactId: c.id,
        triggerKey: key,
        now: new Date(t0.getTime() + days * DAY),
      });
    expect(await enrol(0, 'k0')).toMatchObject({ enrolled: true });
    await run();
    expect(await enrol(10, 'k1')).toEqual({ enrolled: false, reason: 'entered less than 30 days ago' });
    expect(await enrol(31, 'k2')).toMatchObject({ enrolled: true });
    await run();
    expect(await enrol(70, 'k2')).toEqual({ enrolled: false, reason: 'already enrolled by this event' });
  });

  it('branches on whether the email of an earlier step was opened', async () => {
    const flow = await newFlow({
      name: 'Opened?',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'm', type: 'send_email', config: inline('Hello') },
          { id: 'w', type: 'wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
          { id: 'b', type: 'branch', config: { condition: { kind: 'email_opened', stepId: 'm' } } },
          { id: 'y', type: 'add_tag', config: { tag: 'opened' } },
          { id: 'n', type: 'add_tag', config: { tag: 'not-opened' } },
        ],
        edges: [
          { from: 'm', to: 'w' },
          { from: 'w', to: 'b' },
          { from: 'b', to: 'y', branch: 'yes' },
          { from: 'b', to: 'n', branch: 'no' },
        ],
      },
      activate: true,
    });
    const reader = await newContact();
    const ignorer = await newContact();
    const er = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: reader.id });
    await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: ignorer.id });
    await run();
    const m = await messageOf(er.id, 'm');
    expect(m?.status).toBe('sent');
    await recordEmailEvent(m!.id, reader.id, 'open');
    await run({ now: new Date(Date.now() + 2 * HOUR) });
    expect((await ok('GET', `/api/v1/contacts/${reader.id}`)).tags).toEqual(['opened']);
    expect((await ok('GET', `/api/v1/contacts/${ignorer.id}`)).tags).toEqual(['not-opened']);
  });

  it('sends once when a step job runs twice, even after a crash between the send and the record', async () => {
    const flow = await newFlow({
      name: 'Dedupe',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'm', type: 'send_email', config: inline('Only once') },
          { id: 't', type: 'create_task', config: { title: 'Call', assignee: 'unassigned', dueInDays: 2 } },
        ],
        edges: [{ from: 'm', to: 't' }],
      },
      activate: true,
    });
    const c = await newContact();
    const e = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c.id });
    const p = { workspaceId: ws.workspaceId, enrolmentId: e.id, stepId: 'm' };
    const results = await Promise.all([runFlowStep(db, config, p), runFlowStep(db, config, p)]);
    expect(results.filter((r) => r === 'stale')).toHaveLength(1);
    // The crash: the email went out but the move to the next step was lost. The job runs again.
    await db.update(flowEnrolments).set({ currentStepId: 'm', status: 'active' }).where(eq(flowEnrolments.id, e.id));
    expect(await runFlowStep(db, config, p)).toBe('sent → t');
    expect(await outboxTo(c.emails[0])).toHaveLength(1);
    // The task step, run twice (its database work commits with the move), creates one task.
    const t = { ...p, stepId: 't' };
    await Promise.all([runFlowStep(db, config, t), runFlowStep(db, config, t)]);
    const tasksForContact = await ok('GET', `/api/v1/tasks?contactId=${c.id}`);
    expect(tasksForContact.data).toHaveLength(1);
    expect(tasksForContact.data[0]).toMatchObject({ title: 'Call', assigneeId: null });
  });

  it('skips email steps for a suppressed contact, records why, and carries on', async () => {
    const flow = await newFlow({
      name: 'Suppressed',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'm', type: 'send_email', config: inline('Not for you') },
          { id: 'f', type: 'set_field', config: { field: 'title', value: 'Reached the end' } },
        ],
        edges: [{ from: 'm', to: 'f' }],
      },
      activate: true,
    });
    const c = await newContact();
    await suppress(db, ws.workspaceId, c.emails[0], 'unsubscribed');
    const e = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c.id });
    await run();
    const detail = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${e.id}`);
    expect(detail.status).toBe('completed');
    expect(detail.history[1]).toMatchObject({
      stepId: 'm',
      outcome: 'skipped',
      details: { reason: 'suppressed (unsubscribed)' },
    });
    expect(detail.history[2]).toMatchObject({ stepId: 'f', outcome: 'done' });
    expect((await ok('GET', `/api/v1/contacts/${c.id}`)).title).toBe('Reached the end');
    expect(await outboxTo(c.emails[0])).toHaveLength(0);

    // Nor does anyone whose double opt-in is still pending get marketing mail from a flow.
    const pending = await newContact({ consent: { email: { status: 'pending', source: 'form' } } });
    const ep = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: pending.id });
    await run();
    const dp = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${ep.id}`);
    expect(dp.history[1]).toMatchObject({
      outcome: 'skipped',
      details: { reason: 'has not confirmed the subscription yet' },
    });
    expect(await outboxTo(pending.emails[0])).toHaveLength(0);
  });

  it('waits until a weekday and hour in the contact’s own time zone, else the workspace’s', async () => {
    const bad = await call('PATCH', `/api/v1/contacts/${(await newContact()).id}`, { timezone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('timezone');
    const ny = await newContact({ timezone: 'america/new_york' });
    expect(ny.timezone).toBe('America/New_York');
    const utc = await newContact();
    const flow = await newFlow({
      name: 'Monday 9am',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [{ id: 'w', type: 'wait', config: { mode: 'weekday', weekdays: [1], hour: 9 } }],
        edges: [],
      },
      activate: true,
    });
    for (const c of [ny, utc]) await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c.id });
    // Reached on Wednesday 4 March 2026: the next Monday 09:00 is 9 March, summer time in New York by then (13:00Z).
    for (const job of await queuedSteps(db))
      await runFlowStep(
        db,
        config,
        { workspaceId: ws.workspaceId, enrolmentId: job.enrolmentId, stepId: job.stepId },
        {
          now: new Date('2026-03-04T15:00:00Z'),
        },
      );
    const byContact = new Map(
      (await enrolmentsOf(flow.id)).map((e: { contactId: string; nextRunAt: string }) => [e.contactId, e.nextRunAt]),
    );
    expect(byContact.get(ny.id)).toBe('2026-03-09T13:00:00.000Z');
    expect(byContact.get(utc.id)).toBe('2026-03-09T09:00:00.000Z');
    const queued = (await queuedSteps(db)).filter((j) => j.stepId === 'w');
    expect(queued.map((j) => j.runAt.toISOString()).sort()).toEqual([
      '2026-03-09T09:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('calls webhooks with an HMAC-SHA256 signature, retries, and refuses private addresses', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let failFirst = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failFirst ? 503 : 204;
        failFirst = false;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    afterAll(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const flow = await newFlow({
      name: 'Hook',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'hook', type: 'webhook', config: { url: `http://127.0.0.1:${port}/hook` } },
          { id: 'end', type: 'exit', config: {} },
        ],
        edges: [{ from: 'hook', to: 'end' }],
      },
      activate: true,
    });
    const c = await newContact();
    const e = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c.id });
    const now = Date.now();
    // Loopback is allowed explicitly here (the server refuses it in production and whenever told to).
    await run({ now: new Date(now), allowPrivateWebhooks: true });
    expect(received).toHaveLength(1);
    let detail = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${e.id}`);
    expect(detail.history[1]).toMatchObject({ stepId: 'hook', outcome: 'retrying', details: { status: 503 } });
    await run({ now: new Date(now + 31_000), allowPrivateWebhooks: true });
    expect(received).toHaveLength(2);
    detail = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${e.id}`);
    expect(detail.status).toBe('exited');
    expect(detail.history[1]).toMatchObject({ outcome: 'done', details: { status: 204 } });

    const { headers, body } = received[1]!;
    const sig = String(headers['x-freehold-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig)!;
    const expected = createHmac('sha256', flow.webhookSecret).update(`${t}.${body}`).digest('hex');
    expect(v1).toBe(expected);
    expect(headers['x-freehold-delivery']).toBe(`${e.id}:hook`);
    expect(JSON.parse(body)).toMatchObject({ type: 'flow.webhook', contact: { id: c.id, emails: c.emails } });

    // Without the explicit permission, loopback (by IP or by name) is refused at once, with no retry.
    const c2 = await newContact();
    const e2 = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c2.id });
    await run({ allowPrivateWebhooks: false });
    const d2 = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${e2.id}`);
    expect(d2.history[1]).toMatchObject({ outcome: 'failed' });
    expect(d2.history[1].details.error).toMatch(/private or loopback/);
    await ok('PATCH', `/api/v1/flows/${flow.id}`, {
      graph: {
        nodes: [{ id: 'hook', type: 'webhook', config: { url: `http://localhost:${port}/hook` } }],
        edges: [],
      },
    });
    const c3 = await newContact();
    const e3 = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: c3.id });
    await run({ allowPrivateWebhooks: false });
    const d3 = await ok('GET', `/api/v1/flows/${flow.id}/enrolments/${e3.id}`);
    expect(d3.history[1].details.error).toMatch(/localhost resolves to a private or loopback address/);
    expect(received).toHaveLength(2);
    expect(
      ['10.1.2.3', '192.168.0.9', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fd12::1'].map(isPrivateAddress),
    ).toEqual([true, true, true, true, true, true]);
    expect(['8.8.8.8', '2a00:1450:4001:81b::200e'].map(isPrivateAddress)).toEqual([false, false]);
  });

  it('refuses to activate an incomplete flow, naming each step at fault', async () => {
    const draft = await newFlow({
      name: 'Incomplete',
      graph: {
        nodes: [
          { id: 'm', name: 'Promo', type: 'send_email', config: { subject: 'Hi', mjml: 'not mjml at all' } },
          { id: 'b', name: 'Clicked?', type: 'branch', config: { condition: { kind: 'email_clicked', stepId: 'm' } } },
          { id: 'y', type: 'exit', config: {} },
        ],
        edges: [
          { from: 'm', to: 'b' },
          { from: 'b', to: 'y', branch: 'yes' },
        ],
      },
    });
    expect(draft.status).toBe('draft');
    expect(draft.issues).toEqual([
      { field: 'graph.nodes.b', message: 'Step "Clicked?" (b): has no "no" path', stepId: 'b' },
    ]);
    const r = await call('POST', `/api/v1/flows/${draft.id}/activate`);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual(
      expect.arrayContaining([{ field: 'graph.nodes.b', message: 'Step "Clicked?" (b): has no "no" path' }]),
    );
    // Inline MJML is compiled on activation; the error names the step.
    expect(r.json().errors.find((e: { field: string }) => e.field === 'graph.nodes.m.config.mjml')?.message).toMatch(
      /^Step "Promo" \(m\): /,
    );
    // What a flow names must exist in the workspace, draft or not (and the error does not repeat the id).
    const missing = newId();
    const bad = await call('PATCH', `/api/v1/flows/${draft.id}`, {
      graph: { nodes: [{ id: 'm', name: 'Promo', type: 'send_email', config: { templateId: missing } }], edges: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'graph.nodes.m.config.templateId', message: 'Step "Promo" (m): the template does not exist (any more)' },
    ]);
    expect(bad.body.replaceAll(`/api/v1/flows/${draft.id}`, '')).not.toContain(missing);
    const list = await call('POST', '/api/v1/flows', {
      name: 'Bad list',
      trigger: { type: 'list_subscribed', config: { listId: newId() } },
      graph: { nodes: [{ id: 'end', type: 'exit', config: {} }], edges: [] },
      activate: true,
    });
    expect(list.statusCode).toBe(400);
    expect(list.json().errors[0].field).toBe('trigger.config.listId');
  });

  it('pauses (contacts hold), resumes, exits by hand and deletes', async () => {
    const flow = await newFlow({
      name: 'Pausable',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'w', type: 'wait', config: { mode: 'duration', amount: 10, unit: 'minutes' } },
          { id: 'm', type: 'send_email', config: inline('After the pause') },
        ],
        edges: [{ from: 'w', to: 'm' }],
      },
      activate: true,
    });
    const a = await newContact();
    const b = await newContact();
    await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: a.id });
    const eb = await ok('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: b.id });
    await run();
    expect((await ok('POST', `/api/v1/flows/${flow.id}/pause`)).status).toBe('paused');
    expect((await call('POST', `/api/v1/flows/${flow.id}/enrolments`, { contactId: a.id })).statusCode).toBe(409);
    await run({ now: new Date(Date.now() + HOUR) });
    expect(await outboxTo(a.emails[0])).toHaveLength(0);
    expect((await call('DELETE', `/api/v1/flows/${flow.id}/enrolments/${eb.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/flows/${flow.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/flows/${flow.id}`)).statusCode).toBe(404);

    const again = await newFlow({
      name: 'Resumable',
      trigger: { type: 'manual', config: {} },
      graph: {
        nodes: [
          { id: 'w', type: 'wait', config: { mode: 'duration', amount: 10, unit: 'minutes' } },
          { id: 'm', type: 'send_email', config: inline('After the pause') },
        ],
        edges: [{ from: 'w', to: 'm' }],
      },
      activate: true,
    });
    const c = await newContact();
    const d = await newContact();
    await ok('POST', `/api/v1/flows/${again.id}/enrolments`, { contactId: c.id });
    const ed = await ok('POST', `/api/v1/flows/${again.id}/enrolments`, { contactId: d.id });
    await run();
    await ok('POST', `/api/v1/flows/${again.id}/pause`);
    await run({ now: new Date(Date.now() + HOUR) });
    expect(await outboxTo(c.emails[0])).toHaveLength(0);
    await ok('DELETE', `/api/v1/flows/${again.id}/enrolments/${ed.id}`);
    expect((await ok('POST', `/api/v1/flows/${again.id}/activate`)).status).toBe('active');
    await run({ now: new Date(Date.now() + HOUR) });
    expect(await outboxTo(c.emails[0])).toHaveLength(1);
    expect(await outboxTo(d.emails[0])).toHaveLength(0);
    const exited = await ok('GET', `/api/v1/flows/${again.id}/enrolments?status=exited`);
    expect(exited.data.map((e: { contactId: string }) => e.contactId)).toEqual([d.id]);
    const mine = await ok('GET', `/api/v1/flow-enrolments?contactId=${c.id}`);
    expect(mine.data).toMatchObject([{ flowId: again.id, status: 'completed' }]);
    const left = await db.execute(
      sql`select count(*)::int as n from graphile_worker.jobs where key = ${`flow-enrolment:${ed.id}`}`,
    );
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});
