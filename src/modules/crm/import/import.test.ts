import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { companies, contacts, timelineEntries } from '../schema.ts';
import { makeXlsx, VCARD3, VCARD4, zipBomb } from './test-fixtures.ts';
import { importClient } from './test-helpers.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-import-'));

describe('contact import: upload, preview, run, report', async () => {
  const { app, db, config } = await testApp({ dataDir, maxUploadBytes: 2 * 1024 * 1024 });
  const c = importClient(app, db, config);
  const storedFiles = (workspaceId: string) => {
    const d = path.join(dataDir, 'imports', workspaceId);
    return fs.existsSync(d) ? fs.readdirSync(d) : [];
  };

  it('detects a semicolon CSV with BOM, previews it and suggests a mapping', async () => {
    const ws = await signUpWorkspace(app);
    const csv =
      '\uFEFFVorname;Nachname;E-mail;Telefon;Firma;Land\nAnna;Schmidt;anna@example.de;030 1234567;Licht GmbH;DE\n';
    const r = await c.upload(ws, 'kontakte.csv', csv);
    expect(r.statusCode, r.body).toBe(201);
    const imp = r.json();
    expect(imp).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', status: 'uploaded' });
    expect(imp.headers).toEqual(['Vorname', 'Nachname', 'E-mail', 'Telefon', 'Firma', 'Land']);
    expect(imp.preview).toEqual([['Anna', 'Schmidt', 'anna@example.de', '030 1234567', 'Licht GmbH', 'DE']]);
    expect(imp.suggestedMapping).toEqual({
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-mail': 'email',
      Telefon: 'phone',
      Firma: 'company',
      Land: 'country',
    });
    expect(storedFiles(ws.workspaceId)).toEqual([imp.id]);
  });

  it('imports rows with E.164 phones, companies, source attribution, timeline and a rejects report', async () => {
    const ws = await signUpWorkspace(app);
    const csv = [
      'Full Name,Email,Phone,Company,Country,Tags,Notes',
      'Anna Schmidt,Anna@Example.de; anna.s@licht.example,030 1234567,Licht GmbH,Germany,vip,Wants samples',
      'Bob Jones,bob@example.com,+44 20 7946 0958,licht gmbh,,"fair, lamps",',
      ',,,,,,',
      'Carl,not-an-email,,,,,',
      'Dora,,12345,,,,',
      ',,,,FR,,only a country',
      '=cmd,eve@example.com,,,Narnia,,',
    ].join('\n');
    const done = await c.importFile(ws, 'fair.csv', csv, { source: 'Trade show: Canton Fair 2026', tags: ['2026'] });
    expect(done).toMatchObject({ status: 'done', rowsDone: 7, rowsTotal: 7, created: 2, skipped: 1, rejected: 4 });
    expect(done.progress).toBe(1);

    const rows = await c.contactsOf(ws.workspaceId);
    expect(rows).toHaveLength(2);
    const anna = rows.find((r) => r.firstName === 'Anna')!;
    expect(anna).toMatchObject({
      lastName: 'Schmidt',
      emails: ['anna@example.de', 'anna.s@licht.example'],
      phones: ['+49301234567'],
      companyName: 'Licht GmbH',
      country: 'DE',
      tags: ['vip', '2026'],
      sourceChannel: 'trade_show',
    });
    for (const r of rows) {
      expect(r.firstSource).toMatchObject({ channel: 'trade_show', name: 'Canton Fair 2026' });
      expect(r.latestSource).toEqual(r.firstSource);
    }
    const bob = rows.find((r) => r.firstName === 'Bob')!;
    expect(bob.companyId).toBe(anna.companyId);
    expect(bob.tags).toEqual(['fair', 'lamps', '2026']);
    const cos = await db.select().from(companies).where(eq(companies.workspaceId, ws.workspaceId));
    expect(cos.map((x) => x.name)).toEqual(['Licht GmbH']);

    const tl = await db.select().from(timelineEntries).where(eq(timelineEntries.workspaceId, ws.workspaceId));
    expect(tl.filter((t) => t.kind === 'import')).toHaveLength(2);
    expect(tl.find((t) => t.kind === 'import' && t.contactId === anna.id)?.data).toEqual({
      importId: done.id,
      filename: 'fair.csv',
      action: 'created',
    });
    expect(tl.find((t) => t.kind === 'note')).toMatchObject({ contactId: anna.id, data: { body: 'Wants samples' } });

    const rep = await app.inject({ url: `/api/v1/imports/${done.id}/rejects.csv`, headers: ws.bearer });
    expect(rep.statusCode).toBe(200);
    expect(rep.headers['content-type']).toContain('text/csv');
    expect(rep.headers['content-disposition']).toContain('fair.rejects.csv');
    const lines = rep.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('row,reason,Full Name,Email,Phone,Company,Country,Tags,Notes');
    expect(lines.slice(1)).toEqual([
      '5,"column ""Email"": ""not-an-email"" is not a valid email address",Carl,not-an-email,,,,,',
      '6,"column ""Phone"": ""12345"" is not a valid phone number (no country code, and the row has no country)",Dora,,12345,,,,',
      '7,"no name, email, phone or company",,,,,FR,,only a country',
      `8,"column ""Country"": ""Narnia"" is not a country we know (use a name or ISO code)",'=cmd,eve@example.com,,,Narnia,,`,
    ]);
    // The file is removed once the import is done.
    expect(storedFiles(ws.workspaceId)).not.toContain(done.id);
  });

  it('reads Windows-1251 and Latin-1 exports, and lets the user override the encoding', async () => {
    const ws = await signUpWorkspace(app);
    const ru = iconv.encode(
      'Имя;Фамилия;Email\nИван;Петров;ivan@example.ru\nМария;Сидорова;maria@example.ru\n',
      'windows-1251',
    );
    const a = await c.importFile(ws, 'ru.csv', ru);
    expect(a).toMatchObject({ encoding: 'windows-1251', delimiter: ';', created: 2 });
    const fr = iconv.encode(
      'Prénom,Nom,Email\nHélène,Müller,helene@example.fr\nJosé,Núñez,jose@example.es\n',
      'latin1',
    );
    const b = await c.importFile(ws, 'fr.csv', fr);
    expect(b).toMatchObject({ encoding: 'windows-1252', created: 2 });
    const names = (await c.contactsOf(ws.workspaceId)).map((r) => `${r.firstName} ${r.lastName}`);
    expect(names).toEqual(['Иван Петров', 'Мария Сидорова', 'Hélène Müller', 'José Núñez']);

    const koi = iconv.encode('Имя,Email\nОльга,olga@example.ru\n', 'koi8-r');
    const up = (await c.upload(ws, 'koi.csv', koi)).json();
    expect(up.preview[0][0]).not.toBe('Ольга');
    const fixed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/imports/${up.id}`,
      headers: ws.bearer,
      payload: { encoding: 'koi8-r' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      encoding: 'koi8-r',
      headers: ['Имя', 'Email'],
      preview: [['Ольга', 'olga@example.ru']],
    });
  });

  it('imports vCard 3 and 4 business cards', async () => {
    const ws = await signUpWorkspace(app);
    expect(await c.importFile(ws, 'cards.vcf', VCARD3)).toMatchObject({ format: 'vcard', created: 2, rejected: 0 });
    expect(await c.importFile(ws, 'card4.vcf', VCARD4)).toMatchObject({ created: 1, rejected: 0 });
    const rows = await c.contactsOf(ws.workspaceId);
    expect(rows.map((r) => [r.firstName, r.lastName])).toEqual([
      ['Zofia', 'Nowak'],
      ['Иван', 'Петров'],
      ['Ana', 'Lima'],
    ]);
    expect(rows[0]).toMatchObject({
      emails: ['zofia@lampy.example', 'zofia.nowak@home.example'],
      phones: ['+48601234567', '+48221234567'],
      title: 'Head of Purchasing',
      companyName: 'Lampy Sp. z o.o.',
      country: 'PL',
      address: { street: 'ul. Marszałkowska 1', city: 'Warszawa', postcode: '00-001', country: 'PL' },
      website: 'https://lampy.example',
    });
    expect(rows[2]).toMatchObject({ phones: ['+5511912345678'], country: 'BR', address: { city: 'São Paulo' } });
  });

  it('imports the first sheet of an XLSX', async () => {
    const ws = await signUpWorkspace(app);
    const xlsx = await makeXlsx([
      ['First name', 'Last name', 'Email', 'Mobile', 'Country'],
      ['Li', 'Wei', 'li.wei@example.cn', 13812345678, 'CN'],
      [null, null, null, null, null],
      ['Sara', 'Cohen', 'sara@example.il', '+972 54-765-4321', 'Israel'],
    ]);
    const done = await c.importFile(ws, 'leads.xlsx', xlsx);
    expect(done).toMatchObject({ format: 'xlsx', created: 2, rejected: 0 });
    const phones = (await c.contactsOf(ws.workspaceId)).map((r) => r.phones[0]);
    expect(phones).toEqual(['+8613812345678', '+972547654321']);
  });

  it('refuses files that are not what they claim, empty files and oversize uploads', async () => {
    const ws = await signUpWorkspace(app);
    const expectRefused = async (name: string, content: Buffer | string, status: number, detail: RegExp) => {
      const r = await c.upload(ws, name, content);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().detail).toMatch(detail);
    };
    await expectRefused('bomb.xlsx', zipBomb(), 415, /zip bomb/);
    await expectRefused('fake.xlsx', 'Name,Email\nA,a@b.cd\n', 415, /not an XLSX workbook/);
    await expectRefused('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), 415, /binary/);
    await expectRefused('cards.vcf', 'Name,Email\n', 415, /not a vCard/);
    await expectRefused('old.xls', 'x', 415, /\.xlsx or CSV/);
    await expectRefused('empty.csv', '', 400, /file: is empty/);
    await expectRefused('huge.csv', `a,b\n${'x,y\n'.repeat(600_000)}`, 413, /upload limit/);
    // Nothing refused stays on disk.
    expect(storedFiles(ws.workspaceId)).toEqual([]);
    const list = await app.inject({ url: '/api/v1/imports', headers: ws.bearer });
    expect(list.json()).toEqual({ data: [], nextCursor: null });
  });

  it('validates the mapping, saves it by name and reuses it', async () => {
    const ws = await signUpWorkspace(app);
    const csv = 'Kontakt,Mail\nJan Novák,jan@example.cz\n';
    const up = (await c.upload(ws, 'a.csv', csv)).json();
    const bad = await c.start(ws, up.id, { mapping: { Kontakt: 'nickname', Nope: 'email' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'mapping.Kontakt', message: '"nickname" is not a contact field to import into' },
      { field: 'mapping.Nope', message: 'is not a column of this file' },
    ]);
    const ok = await c.start(ws, up.id, { mapping: { Kontakt: 'fullName', Mail: 'email' }, saveMappingAs: 'CZ fair' });
    expect(ok.statusCode, ok.body).toBe(202);
    const jobs = await db.execute(
      sql`select count(*)::int as n from graphile_worker.jobs where key = ${`import:${up.id}`}`,
    );
    expect(jobs.rows[0]).toEqual({ n: 1 });
    expect((await c.start(ws, up.id, {})).statusCode).toBe(409);
    await c.runJob(ws, up.id);

    const saved = await app.inject({ url: '/api/v1/import-mappings', headers: ws.bearer });
    expect(saved.json().data).toMatchObject([
      { name: 'CZ fair', entity: 'contact', mapping: { Kontakt: 'fullName', Mail: 'email' } },
    ]);
    const up2 = (await c.upload(ws, 'b.csv', 'Kontakt,Mail\nEva Dvořák,eva@example.cz\n')).json();
    expect((await c.start(ws, up2.id, { mappingName: 'CZ fair' })).json().mapping).toEqual({
      Kontakt: 'fullName',
      Mail: 'email',
    });
    await c.runJob(ws, up2.id);
    expect((await c.contactsOf(ws.workspaceId)).map((r) => r.lastName)).toEqual(['Novák', 'Dvořák']);

    const id = saved.json().data[0].id;
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/import-mappings/${id}`, headers: ws.bearer });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/import-mappings', headers: ws.bearer })).json().data).toEqual([]);
  });

  it('takes overrides in the query string and pages the list', async () => {
    const ws = await signUpWorkspace(app);
    const a = await c.upload(ws, 'a.txt', 'Name;Email\tx\nA;a@example.com\tx\n', {}, '?delimiter=tab&encoding=utf-8');
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ delimiter: '\t', headers: ['Name;Email', 'x'] });
    const bad = await c.upload(ws, 'a.csv', 'a,b\n', {}, '?delimiter=colon');
    expect(bad.statusCode).toBe(400);
    await c.upload(ws, 'b.csv', 'Email\nb@example.com\n');
    const p1 = (await app.inject({ url: '/api/v1/imports?limit=1', headers: ws.bearer })).json();
    expect(p1.data.map((i: { filename: string }) => i.filename)).toEqual(['b.csv']);
    const p2 = (
      await app.inject({ url: `/api/v1/imports?limit=1&cursor=${p1.nextCursor}`, headers: ws.bearer })
    ).json();
    expect(p2).toMatchObject({ data: [{ filename: 'a.txt' }], nextCursor: null });
  });

  it('keeps every import to its workspace', async () => {
    const a = await signUpWorkspace(app);
    const b = await signUpWorkspace(app);
    const up = (await c.upload(a, 'a.csv', 'Email\nx@example.com\n')).json();
    const urls = [
      ['GET', `/api/v1/imports/${up.id}`],
      ['GET', `/api/v1/imports/${up.id}/rejects.csv`],
      ['POST', `/api/v1/imports/${up.id}/start`],
      ['POST', `/api/v1/imports/${up.id}/cancel`],
      ['PATCH', `/api/v1/imports/${up.id}`],
    ] as const;
    for (const [method, url] of urls) {
      const r = await app.inject({ method, url, headers: b.bearer, payload: {} });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await app.inject({ url: '/api/v1/imports', headers: b.bearer })).json().data).toEqual([]);
    expect((await app.inject({ url: '/api/v1/imports', headers: a.bearer })).json().data).toHaveLength(1);
    expect((await app.inject({ url: '/api/v1/imports' })).statusCode).toBe(401);
    const n = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, b.workspaceId)));
    expect(n).toEqual([]);
  });
});
