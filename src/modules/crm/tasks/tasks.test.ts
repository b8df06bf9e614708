import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startWorkers } from '../../../app.ts';
import { domainEvents } from '../../../platform/events/schema.ts';
import { addJob } from '../../../platform/jobs/queue.ts';
import { createLogger } from '../../../platform/logger.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { workspaces } from '../../identity/index.ts';
import { tasks, timelineEntries } from '../schema.ts';
import { listTasks } from './list-tasks.ts';
import { remindDueTasks, remindDueTasksJob } from './remind-due-tasks.ts';

describe('tasks', async () => {
  const { app, db, url, config } = await testApp();
  const ws = await signUpWorkspace(app, 'Task Co');
  const other = await signUpWorkspace(app, 'Other Co');
  const h = ws.bearer;
  const me = (await app.inject({ url: '/api/v1/me', headers: { cookie: ws.cookie } })).json().user.id as string;
  const otherUser = (await app.inject({ url: '/api/v1/me', headers: { cookie: other.cookie } })).json().user
    .id as string;
  const req = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = h,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const contact = (await req('POST', '/api/v1/contacts', { name: 'Tina Task', emails: ['tina@example.com'] })).json();
  const foreignContact = (await req('POST', '/api/v1/contacts', { name: 'Fred Foreign' }, other.bearer)).json() as {
    id: string;
  };

  it('creates, reads, updates and deletes a task', async () => {
    const r = await req('POST', '/api/v1/tasks', {
      title: 'Send samples',
      dueAt: '2030-05-01T09:00:00+02:00',
      contactId: contact.id,
    });
    expect(r.statusCode).toBe(201);
    const t = r.json();
    expect(t).toMatchObject({ title: 'Send samples', status: 'open', contactId: contact.id, recurrence: null });
    expect(t.dueAt).toBe('2030-05-01T07:00:00.000Z');
    // Created through an API key: no user to default the assignee to.
    expect(t.assigneeId).toBeNull();
    const p = await req('PATCH', `/api/v1/tasks/${t.id}`, { title: 'Send 3 samples', assigneeId: me });
    expect(p.json()).toMatchObject({ title: 'Send 3 samples', assigneeId: me });
    expect((await req('GET', `/api/v1/tasks/${t.id}`)).json().title).toBe('Send 3 samples');
    expect((await req('DELETE', `/api/v1/tasks/${t.id}`)).statusCode).toBe(204);
    expect((await req('GET', `/api/v1/tasks/${t.id}`)).statusCode).toBe(404);
  });

  it('defaults the assignee to the signed-in user', async () => {
    const r = await req('POST', '/api/v1/tasks', { title: 'Mine' }, { cookie: ws.cookie });
    expect(r.json().assigneeId).toBe(me);
  });

  it('names each bad link and never reveals another workspace', async () => {
    const r = await req('POST', '/api/v1/tasks', {
      title: 'Bad links',
      assigneeId: otherUser,
      contactId: foreignContact.id,
      dealId: '00000000-0000-7000-8000-000000000000',
      recurrence: { frequency: 'weekly' },
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['assigneeId', 'contactId', 'dealId', 'recurrence']);
    const mine = (await req('POST', '/api/v1/tasks', { title: 'Private' })).json();
    for (const [method, url] of [
      ['GET', `/api/v1/tasks/${mine.id}`],
      ['PATCH', `/api/v1/tasks/${mine.id}`],
      ['DELETE', `/api/v1/tasks/${mine.id}`],
      ['POST', `/api/v1/tasks/${mine.id}/complete`],
      ['POST', `/api/v1/tasks/${mine.id}/reopen`],
    ] as const) {
      const res = await req(method, url, method === 'PATCH' ? { title: 'x' } : undefined, other.bearer);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await req('GET', '/api/v1/tasks?view=all', undefined, other.bearer);
    expect(list.json().data.some((t: { id: string }) => t.id === mine.id)).toBe(false);
  });

  it('computes today, overdue and upcoming in the workspace time zone', async () => {
    const tz = await signUpWorkspace(app, 'Auckland Co');
    await db.update(workspaces).set({ timezone: 'Pacific/Auckland' }).where(eq(workspaces.id, tz.workspaceId));
    // 23:30Z on Jan 10 is 12:30 on Jan 11 in Auckland (UTC+13).
    const now = new Date('2025-01-10T23:30:00Z');
    const mk = async (title: string, dueAt: string | null) =>
      (await req('POST', '/api/v1/tasks', { title, dueAt }, tz.bearer)).json().id as string;
    const lateYesterday = await mk('23:00 Jan 10 local', '2025-01-10T10:00:00Z'); // same UTC day as now
    const lateToday = await mk('23:30 Jan 11 local', '2025-01-11T10:30:00Z'); // next UTC day
    const earlyToday = await mk('00:30 Jan 11 local', '2025-01-10T11:30:00Z');
    const tomorrow = await mk('00:30 Jan 12 local', '2025-01-11T11:30:00Z');
    const undated = await mk('Someday', null);
    const view = async (v: 'today' | 'overdue' | 'upcoming' | 'all') =>
      (
        await listTasks({
          db,
          workspaceId: tz.workspaceId,
          userId: null,
          now,
          query: { view: v, assignee: 'any', limit: 50 },
        })
      ).data.map((t) => t.id);
    expect(await view('overdue')).toEqual([lateYesterday]);
    expect(await view('today')).toEqual([earlyToday, lateToday]);
    expect(await view('upcoming')).toEqual([tomorrow]);
    expect(await view('all')).toEqual([lateYesterday, earlyToday, lateToday, tomorrow, undated]);
  });

  it('pages with a cursor, undated tasks last', async () => {
    const pg = await signUpWorkspace(app, 'Paging Co');
    for (let i = 0; i < 5; i++)
      await req(
        'POST',
        '/api/v1/tasks',
        { title: `T${i}`, dueAt: i < 3 ? `2031-01-0${i + 1}T00:00:00Z` : null },
        pg.bearer,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = (await req('GET', url, undefined, pg.bearer)).json();
      seen.push(...r.data.map((t: { title: string }) => t.title));
      cursor = r.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual(['T0', 'T1', 'T2']);
    expect(seen.slice(3).sort()).toEqual(['T3', 'T4']);
    const mine = await req('GET', '/api/v1/tasks?assignee=me', undefined, pg.bearer);
    expect(mine.statusCode).toBe(400);
    expect(mine.json().errors[0].field).toBe('query.assignee');
  });

  it('completing records it on the timeline and spawns one next occurrence, skipping the backlog', async () => {
    const due = new Date(Date.now() - 100 * 86_400_000);
    due.setUTCHours(9, 0, 0, 0);
    const t = (
      await req('POST', '/api/v1/tasks', {
        title: 'Daily call',
        dueAt: due.toISOString(),
        contactId: contact.id,
        recurrence: { frequency: 'daily', interval: 1 },
      })
    ).json();
    const done = await req('POST', `/api/v1/tasks/${t.id}/complete`);
    expect(done.statusCode).toBe(200);
    const { task, next } = done.json();
    expect(task.status).toBe('done');
    expect(next).toMatchObject({ title: 'Daily call', status: 'open', previousId: t.id, contactId: contact.id });
    const nextDue = new Date(next.dueAt).getTime();
    expect(nextDue).toBeGreaterThan(Date.now());
    expect(nextDue - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(new Date(next.dueAt).getUTCHours()).toBe(9);
    const spawned = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, ws.workspaceId), eq(tasks.title, 'Daily call')));
    expect(spawned).toHaveLength(2);
    // Completing again, or reopening and completing, spawns nothing more.
    expect((await req('POST', `/api/v1/tasks/${t.id}/complete`)).json().next.id).toBe(next.id);
    expect((await req('POST', `/api/v1/tasks/${t.id}/reopen`)).json().status).toBe('open');
    expect((await req('POST', `/api/v1/tasks/${t.id}/complete`)).json().next.id).toBe(next.id);
    const again = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, ws.workspaceId), eq(tasks.title, 'Daily call')));
    expect(again).toHaveLength(2);
    const entries = await db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, ws.workspaceId), eq(timelineEntries.contactId, contact.id)));
    const taskEntries = entries.filter((e) => e.kind === 'task');
    expect(taskEntries.map((e) => e.data.action).sort()).toEqual(['completed', 'completed', 'reopened']);
    expect(taskEntries[0]!.data.taskId).toBe(t.id);
    const open = await req('GET', `/api/v1/tasks?contactId=${contact.id}&status=open`);
    expect(open.json().data.map((x: { id: string }) => x.id)).toContain(next.id);
  });

  it('announces task.due once per task that became due', async () => {
    const rw = await signUpWorkspace(app, 'Reminder Co');
    const soon = new Date(Date.now() + 60_000).toISOString();
    const t = (await req('POST', '/api/v1/tasks', { title: 'Call back', dueAt: soon }, rw.bearer)).json();
    // Already due when created: nothing to announce.
    await req('POST', '/api/v1/tasks', { title: 'Old', dueAt: '2020-01-01T00:00:00Z' }, rw.bearer);
    const later = new Date(Date.now() + 120_000);
    const first = await remindDueTasks({ db, now: later });
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await remindDueTasks({ db, now: later })).toBe(0);
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.workspaceId, rw.workspaceId), eq(domainEvents.type, 'task.due')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectId: t.id, payload: { taskId: t.id, title: 'Call back' } });
    // Moving the due date re-arms the reminder.
    await req('PATCH', `/api/v1/tasks/${t.id}`, { dueAt: new Date(Date.now() + 180_000).toISOString() }, rw.bearer);
    expect(await remindDueTasks({ db, now: new Date(Date.now() + 240_000) })).toBeGreaterThanOrEqual(1);
  });

  it('runs the reminder as a worker job', async () => {
    const jw = await signUpWorkspace(app, 'Worker Co');
    const t = (
      await req(
        'POST',
        '/api/v1/tasks',
        { title: 'Due soon', dueAt: new Date(Date.now() + 1500).toISOString() },
        jw.bearer,
      )
    ).json();
    await new Promise((r) => setTimeout(r, 1600));
    await addJob(db, remindDueTasksJob, {});
    const runner = await startWorkers({ db, url, close: async () => undefined }, config, createLogger('silent'), 1);
    try {
      const announced = async () =>
        db
          .select()
          .from(domainEvents)
          .where(and(eq(domainEvents.workspaceId, jw.workspaceId), eq(domainEvents.type, 'task.due')));
      for (let i = 0; i < 100 && !(await announced()).length; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await announced()).map((e) => e.subjectId)).toEqual([t.id]);
    } finally {
      await runner.stop();
    }
  });
});
