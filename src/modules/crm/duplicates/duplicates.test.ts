import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startWorkers } from '../../../app.ts';
import { newId } from '../../../platform/ids.ts';
import { createLogger } from '../../../platform/logger.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { contacts, duplicateScans } from '../schema.ts';
import { scanDuplicates } from './scan-duplicates.ts';

type Pair = { contacts: { id: string; name: string }[]; reasons: { reason: string; value?: string }[] };

describe('duplicate detection', async () => {
  const { app, db, url, config } = await testApp();
  const ws = await signUpWorkspace(app, 'Dupe Co');
  const h = ws.bearer;
  const create = async (payload: object) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: h, payload });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json().id as string;
  };
  const lumen = (
    await app.inject({ method: 'POST', url: '/api/v1/companies', headers: h, payload: { name: 'Lumen BV' } })
  ).json().id as string;

  const anna = await create({ name: 'Anna Berg', emails: ['anna@lumen.nl'] });
  // The API refuses a second holder of an address, but older data, races and imports can still produce one.
  const annaTwin = newId();
  await db.insert(contacts).values({
    workspaceId: ws.workspaceId,
    id: annaTwin,
    firstName: 'A.',
    lastName: 'Berg',
    emails: ['a.berg@home.nl', 'anna@lumen.nl'],
  });
  const piet = await create({ name: 'Piet Jansen', phones: ['+31612345678'] });
  const pietDesk = await create({ name: 'Reception Desk', phones: ['+31 6 12345678'] });
  const jurgen = await create({ name: 'Jürgen Müller', companyId: lumen });
  const jurgen2 = await create({ name: 'Jurgen Muller', companyId: lumen });
  await create({ name: 'Jurgen Muller' }); // no company, no email: nothing to tie him to the others
  const maria = await create({ name: 'Maria Lopez', emails: ['maria@acme-export.com'] });
  const maria2 = await create({ name: 'María López', emails: ['m.lopez@acme-export.com'] });
  await create({ name: 'Tom Hanks', emails: ['tom1@gmail.com'] });
  await create({ name: 'Tom Hanks', emails: ['tom2@gmail.com'] });
  await create({ name: 'Unrelated Person', emails: ['someone@acme-export.com'] });

  const all = async (query = '') => {
    const out: Pair[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/duplicates?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await app.inject({ url, headers: h });
      expect(r.statusCode).toBe(200);
      out.push(...r.json().data);
      cursor = r.json().nextCursor;
    } while (cursor);
    return out;
  };
  const key = (p: Pair) => p.contacts.map((c) => c.id).join('+');
  const pairOf = (x: string, y: string) => [x, y].sort().join('+');

  it('queues a scan on first look, then lists what the scan found', async () => {
    const first = (await app.inject({ url: '/api/v1/duplicates', headers: h })).json();
    expect(first).toMatchObject({ data: [], scan: { status: 'queued', finishedAt: null } });
    expect(await scanDuplicates({ db, workspaceId: ws.workspaceId })).toBe(4);
    // Scanning again replaces the pairs rather than adding to them.
    expect(await scanDuplicates({ db, workspaceId: ws.workspaceId })).toBe(4);
    const after = (await app.inject({ url: '/api/v1/duplicates', headers: h })).json();
    expect(after.scan).toMatchObject({ status: 'done', pairs: 4 });
    const again = await app.inject({ method: 'POST', url: '/api/v1/duplicates/scan', headers: h });
    expect(again.statusCode).toBe(202);
    expect(again.json().status).toBe('queued');
  });

  it('finds pairs by shared email, shared phone, and similar name at one company or domain', async () => {
    const pairs = await all();
    const byKey = new Map(pairs.map((p) => [key(p), p]));
    expect([...byKey.keys()].sort()).toEqual(
      [pairOf(anna, annaTwin), pairOf(piet, pietDesk), pairOf(jurgen, jurgen2), pairOf(maria, maria2)].sort(),
    );
    expect(byKey.get(pairOf(anna, annaTwin))!.reasons).toEqual([{ reason: 'email', value: 'anna@lumen.nl' }]);
    expect(byKey.get(pairOf(piet, pietDesk))!.reasons).toEqual([{ reason: 'phone', value: '+31612345678' }]);
    const names = byKey.get(pairOf(jurgen, jurgen2))!;
    expect(names.reasons).toEqual([{ reason: 'name', similarity: 1 }]);
    expect(names.contacts.map((c) => c.name).sort()).toEqual(['Jurgen Muller', 'Jürgen Müller']);
    expect(byKey.get(pairOf(maria, maria2))!.reasons[0]!.reason).toBe('name');
  });

  it('pages with a stable cursor and filters by reason', async () => {
    const oneShot = (await app.inject({ url: '/api/v1/duplicates?limit=100', headers: h })).json().data as Pair[];
    expect((await all()).map(key)).toEqual(oneShot.map(key));
    expect((await all('&reason=phone')).map(key)).toEqual([pairOf(piet, pietDesk)]);
  });

  it('forgets pairs once merged, and never shows another workspace', async () => {
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${anna}/merge`,
      headers: h,
      payload: { otherId: annaTwin },
    });
    expect(r.statusCode).toBe(200);
    // Gone at once, without waiting for the next scan.
    expect((await all()).map(key)).not.toContain(pairOf(anna, annaTwin));
    expect((await all()).length).toBe(3);
    const other = await signUpWorkspace(app, 'Empty Co');
    await scanDuplicates({ db, workspaceId: other.workspaceId });
    expect((await app.inject({ url: '/api/v1/duplicates', headers: other.bearer })).json().data).toEqual([]);
  });

  it('runs the queued scan in the worker', async () => {
    const jw = await signUpWorkspace(app, 'Scan Job Co');
    for (const name of ['Kim Lee', 'Kim Lee'])
      await app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: jw.bearer,
        payload: { name, phones: ['+31612349999'] },
      });
    expect((await app.inject({ method: 'POST', url: '/api/v1/duplicates/scan', headers: jw.bearer })).statusCode).toBe(
      202,
    );
    const runner = await startWorkers({ db, url, close: async () => undefined }, config, createLogger('silent'), 1);
    try {
      const done = async () =>
        (await db.select().from(duplicateScans).where(eq(duplicateScans.workspaceId, jw.workspaceId)))[0]?.finishedAt;
      for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await runner.stop();
    }
    const list = (await app.inject({ url: '/api/v1/duplicates', headers: jw.bearer })).json();
    expect(list.scan).toMatchObject({ status: 'done', pairs: 1 });
    expect(list.data[0].reasons).toEqual([{ reason: 'phone', value: '+31612349999' }]);
  });
});
