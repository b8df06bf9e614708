import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { companies, contacts, importRejects, imports, timelineEntries } from '../schema.ts';
import { cancelImport } from './cancel-import.ts';
import { runImport } from './run-import.ts';
import { importClient } from './test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-import-'));

describe('import dedupe, resume and cancel', async () => {
  const { app, db, config } = await testApp({ dataDir });
  const c = importClient(app, db, config);

  const seed = async (workspaceId: string, fields: Partial<typeof contacts.$inferInsert>) => {
    const id = newId();
    await db.insert(contacts).values({
      workspaceId,
      id,
      firstSource: { channel: 'website_form', name: 'Newsletter', at: '2025-01-01T00:00:00.000Z' },
      sourceChannel: 'website_form',
      ...fields,
    });
    return id;
  };

  const csv = [
    'First name,Last name,Email,Phone,Country,Title,Tags',
    'Anna,,anna@example.com,,,Buyer,fair',
    ',Berg,,+46 70 123 45 67,,,',
    'Cleo,Marsh,cleo@example.com,,,,',
    'Cleo,,CLEO@example.com; cleo.m@example.com,0612345678,NL,CEO,vip',
    'Dan,Ode,dan@example.com,,,,',
  ].join('\n');

  it('update mode merges into existing contacts and earlier rows', async () => {
    const ws = await signUpWorkspace(app);
    const anna = await seed(ws.workspaceId, {
      firstName: 'Anna',
      lastName: 'Alt',
      emails: ['anna@example.com'],
      tags: ['old'],
    });
    const berg = await seed(ws.workspaceId, { firstName: 'Britt', phones: ['+46701234567'] });
    const done = await c.importFile(ws, 'fair.csv', csv, { dedupe: 'update', source: 'Trade show: Expo' });
    expect(done).toMatchObject({ created: 2, updated: 3, skipped: 0, rejected: 0 });

    const rows = await c.contactsOf(ws.workspaceId);
    expect(rows).toHaveLength(4);
    const a = rows.find((r) => r.id === anna)!;
    expect(a).toMatchObject({ firstName: 'Anna', lastName: 'Alt', title: 'Buyer', tags: ['old', 'fair'] });
    expect(a.firstSource).toMatchObject({ channel: 'website_form', name: 'Newsletter' });
    expect(a.latestSource).toMatchObject({ channel: 'trade_show', name: 'Expo' });
    expect(a.sourceChannel).toBe('website_form');
    expect(rows.find((r) => r.id === berg)).toMatchObject({ firstName: 'Britt', lastName: 'Berg' });
    const cleo = rows.filter((r) => r.firstName === 'Cleo');
    expect(cleo).toHaveLength(1);
    expect(cleo[0]).toMatchObject({
      lastName: 'Marsh',
      emails: ['cleo@example.com', 'cleo.m@example.com'],
      phones: ['+31612345678'],
      country: 'NL',
      title: 'CEO',
      tags: ['vip'],
    });
    expect(cleo[0]!.firstSource).toMatchObject({ channel: 'trade_show', name: 'Expo' });
    const tl = await db
      .select({ action: sql<string>`${timelineEntries.data}->>'action'` })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, ws.workspaceId), eq(timelineEntries.kind, 'import')));
    expect(tl.map((t) => t.action).sort()).toEqual(['created', 'created', 'updated', 'updated']);

    // Importing the same file again changes nothing but the counts: every row now matches.
    const again = await c.importFile(ws, 'fair.csv', csv);
    expect(again).toMatchObject({ created: 0, updated: 5 });
    expect(await c.contactsOf(ws.workspaceId)).toHaveLength(4);
  });

  it('skip mode leaves matches alone; create mode always creates', async () => {
    const ws = await signUpWorkspace(app);
    await seed(ws.workspaceId, { firstName: 'Anna', emails: ['anna@example.com'] });
    const skipped = await c.importFile(ws, 'f.csv', csv, { dedupe: 'skip' });
    expect(skipped).toMatchObject({ created: 3, updated: 0, skipped: 2 });
    expect((await c.contactsOf(ws.workspaceId)).find((r) => r.firstName === 'Anna')?.title).toBeNull();
    const created = await c.importFile(ws, 'f.csv', csv, { dedupe: 'create' });
    expect(created).toMatchObject({ created: 5, updated: 0, skipped: 0 });
    expect(await c.contactsOf(ws.workspaceId)).toHaveLength(9);
  });

  it('resumes after a crash between batches and one mid-batch, writing every row exactly once', async () => {
    const ws = await signUpWorkspace(app);
    const lines = ['Name,Email,Company,Phone'];
    for (let i = 1; i <= 95; i++)
      lines.push(
        `Person ${i},p${i}@example.com,Co ${i % 7},${i % 10 === 0 ? 'bad' : `+3161234${String(i).padStart(4, '0')}`}`,
      );
    // Row 96 repeats row 2's person: dedupe across batches goes through the database.
    lines.push('Person 1 again,P1@example.com,,');
    const up = (await c.upload(ws, 'big.csv', lines.join('\n'))).json();
    expect((await c.start(ws, up.id, { dedupe: 'update' })).statusCode).toBe(202);
    const opts = { db, workspaceId: ws.workspaceId, importId: up.id, batchSize: 10 };

    await expect(
      runImport({
        ...opts,
        hooks: {
          afterCommit: (n) => {
            if (n === 2) throw new Error('killed');
          },
        },
      }),
    ).rejects.toThrow('killed');
    let imp = await c.get(ws, up.id);
    expect(imp).toMatchObject({ status: 'failed', rowsDone: 20, error: 'Import stopped: killed' });

    await expect(
      runImport({
        ...opts,
        hooks: {
          beforeCommit: (n) => {
            if (n === 2) throw new Error('killed mid-batch');
          },
        },
      }),
    ).rejects.toThrow('killed mid-batch');
    imp = await c.get(ws, up.id);
    expect(imp.rowsDone).toBe(30);
    // The half-written batch left nothing behind.
    expect(await c.contactsOf(ws.workspaceId)).toHaveLength(30 - 3);

    const done = await runImport(opts);
    expect(done).toMatchObject({ status: 'done', rowsDone: 96, created: 86, updated: 1, rejected: 9, skipped: 0 });
    const rows = await c.contactsOf(ws.workspaceId);
    expect(rows).toHaveLength(86);
    expect(new Set(rows.flatMap((r) => r.emails)).size).toBe(86);
    expect(rows.find((r) => r.emails.includes('p1@example.com'))?.firstName).toBe('Person 1');
    const rejects = await db.select().from(importRejects).where(eq(importRejects.importId, up.id));
    expect(rejects.map((r) => r.rowNumber)).toEqual([11, 21, 31, 41, 51, 61, 71, 81, 91]);
    const cos = await db.select().from(companies).where(eq(companies.workspaceId, ws.workspaceId));
    expect(cos).toHaveLength(7);
    const tl = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(timelineEntries)
      .where(eq(timelineEntries.workspaceId, ws.workspaceId));
    expect(tl[0]!.n).toBe(87);
    // Running the finished import again (a duplicate job) is a no-op.
    expect(await runImport(opts)).toMatchObject({ status: 'done', created: 86 });
    expect(await c.contactsOf(ws.workspaceId)).toHaveLength(86);
  });

  it('cancel stops a running import at the next batch and keeps what was committed', async () => {
    const ws = await signUpWorkspace(app);
    const body = ['Email', ...Array.from({ length: 50 }, (_, i) => `c${i}@example.com`)].join('\n');
    const up = (await c.upload(ws, 'c.csv', body)).json();
    await c.start(ws, up.id);
    const out = await runImport({
      db,
      workspaceId: ws.workspaceId,
      importId: up.id,
      batchSize: 10,
      hooks: {
        afterCommit: async (n) => {
          if (n === 2) await cancelImport({ db, workspaceId: ws.workspaceId, id: up.id });
        },
      },
    });
    // Batch 3 may already have been read ahead, but it is never written.
    expect(out).toMatchObject({ status: 'cancelled', rowsDone: 20, created: 20 });
    expect(await c.contactsOf(ws.workspaceId)).toHaveLength(20);
    expect(fs.existsSync(path.join(dataDir, 'imports', ws.workspaceId, up.id))).toBe(false);
    const again = await app.inject({ method: 'POST', url: `/api/v1/imports/${up.id}/cancel`, headers: ws.bearer });
    expect(again.json().status).toBe('cancelled');

    const up2 = (await c.upload(ws, 'd.csv', body)).json();
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/imports/${up2.id}/cancel`, headers: ws.bearer });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await c.start(ws, up2.id)).statusCode).toBe(409);
    const [row] = await db.select().from(imports).where(eq(imports.id, up2.id));
    expect(fs.existsSync(row!.storedPath)).toBe(false);
  });

  it('imports companies, deduplicating names regardless of case and accents', async () => {
    const ws = await signUpWorkspace(app);
    await db.insert(companies).values({ workspaceId: ws.workspaceId, id: newId(), name: 'Müller GmbH' });
    const file = [
      'Company,Website,Industry,Phone,Country',
      'MULLER GMBH,https://www.mueller.example/de,Lighting,+49 30 1234567,DE',
      'Nordlys AS,nordlys.example,Lighting,,Norway',
      'nordlys as,,Retail,,',
      ',,,,',
      ',no name,,,',
    ].join('\n');
    const done = await c.importFile(ws, 'companies.csv', file, {}, { entity: 'company' });
    expect(done).toMatchObject({ entity: 'company', created: 1, updated: 2, skipped: 1, rejected: 1 });
    const rows = await db
      .select()
      .from(companies)
      .where(eq(companies.workspaceId, ws.workspaceId))
      .orderBy(companies.id);
    expect(rows.map((r) => [r.name, r.domain, r.industry, r.country])).toEqual([
      ['Müller GmbH', 'mueller.example', 'Lighting', 'DE'],
      ['Nordlys AS', 'nordlys.example', 'Retail', 'NO'],
    ]);
    expect(rows[0]!.phones).toEqual(['+49301234567']);
    expect(rows[1]!.firstSource).toMatchObject({ channel: 'import', name: 'companies.csv' });
  });
});
