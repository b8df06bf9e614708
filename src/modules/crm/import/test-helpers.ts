// Test-only: drives the import API the way the web UI does, and runs the job in-process (no worker).
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { createLogger } from '../../../platform/logger.ts';
import { contacts } from '../schema.ts';
import { importJob } from './jobs.ts';
import { multipart } from './test-fixtures.ts';

export type Caller = { workspaceId: string; bearer: Record<string, string> };

export function importClient(app: FastifyInstance, db: Db, config: Config) {
  const logger = createLogger('silent');
  const upload = (
    who: Caller,
    name: string,
    content: Buffer | string,
    fields: Record<string, string> = {},
    query = '',
  ) => {
    const mp = multipart(fields, { name, content });
    return app.inject({
      method: 'POST',
      url: `/api/v1/imports${query}`,
      payload: mp.payload,
      headers: { ...mp.headers, ...who.bearer },
    });
  };
  const start = (who: Caller, id: string, body: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: who.bearer, payload: body });
  const get = async (who: Caller, id: string) =>
    (await app.inject({ url: `/api/v1/imports/${id}`, headers: who.bearer })).json();
  const runJob = (who: Caller, id: string) =>
    importJob.handler({ workspaceId: who.workspaceId, importId: id }, { db, config, logger });

  /** Upload → start → run the job → the finished import. */
  const importFile = async (
    who: Caller,
    name: string,
    content: Buffer | string,
    body: Record<string, unknown> = {},
    fields: Record<string, string> = {},
  ) => {
    const up = await upload(who, name, content, fields);
    expect(up.statusCode, up.body).toBe(201);
    const st = await start(who, up.json().id, body);
    expect(st.statusCode, st.body).toBe(202);
    await runJob(who, up.json().id);
    return get(who, up.json().id);
  };

  const contactsOf = (workspaceId: string) =>
    db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(contacts.id);

  return { upload, start, get, runJob, importFile, contactsOf };
}
