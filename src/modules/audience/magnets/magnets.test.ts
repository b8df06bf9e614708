import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { multipart } from '../../crm/import/test-fixtures.ts';
import { magnetPath } from './storage.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-magnets-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('lead magnets', async () => {
  const t = await testApp({ dataDir, maxUploadBytes: 100_000 });
  const owner = await signUpWorkspace(t.app);
  const upload = (name: string, content: Buffer | string, fields: Record<string, string> = {}) => {
    const mp = multipart(fields, { name, content });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/lead-magnets',
      payload: mp.payload,
      headers: { ...mp.headers, ...owner.bearer },
    });
  };

  it('stores an upload under the data folder and serves it back only as an attachment', async () => {
    const r = await upload('Price list 2026.pdf', '%PDF-1.7 prices', { description: 'All prices' });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json();
    expect(m).toMatchObject({
      name: 'Price list 2026',
      fileName: 'Price list 2026.pdf',
      contentType: 'application/pdf',
      sizeBytes: 15,
      description: 'All prices',
    });
    expect(fs.readFileSync(magnetPath(dataDir, owner.workspaceId, m.id), 'utf8')).toBe('%PDF-1.7 prices');
    const file = await t.app.inject({ url: `/api/v1/lead-magnets/${m.id}/file`, headers: owner.bearer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.body).toBe('%PDF-1.7 prices');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/lead-magnets/${m.id}`,
      headers: owner.bearer,
      payload: { name: 'Prices', emailSubject: 'Your prices' },
    });
    expect(patched.json()).toMatchObject({ name: 'Prices', emailSubject: 'Your prices' });
    const list = await t.app.inject({ url: '/api/v1/lead-magnets', headers: owner.bearer });
    expect(list.json().data.map((x: { id: string }) => x.id)).toEqual([m.id]);

    const other = await signUpWorkspace(t.app, 'Other');
    expect((await t.app.inject({ url: `/api/v1/lead-magnets/${m.id}/file`, headers: other.bearer })).statusCode).toBe(
      404,
    );

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/lead-magnets/${m.id}`, headers: owner.bearer });
    expect(del.statusCode).toBe(204);
    expect(fs.existsSync(magnetPath(dataDir, owner.workspaceId, m.id))).toBe(false);
  });

  it('serves unknown and risky types as octet-stream, and refuses programs and pages', async () => {
    const odd = await upload('notes.weird', 'text');
    expect(odd.json().contentType).toBe('application/octet-stream');
    for (const name of ['setup.exe', 'page.html', 'logo.svg']) {
      const r = await upload(name, 'x');
      expect(r.statusCode, name).toBe(400);
      expect(r.json().errors[0].field).toBe('file');
    }
  });

  it('refuses a file over the size limit, leaving nothing behind', async () => {
    const r = await upload('big.pdf', Buffer.alloc(150_000, 1));
    expect(r.statusCode).toBe(413);
    const dir = path.join(dataDir, 'magnets', owner.workspaceId);
    const left = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.part')) : [];
    expect(left).toEqual([]);
  });
});
