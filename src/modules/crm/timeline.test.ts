import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../platform/testing.ts';
import { createContact } from './contacts/create-contact.ts';
import { timelineEntries } from './schema.ts';
import { appendTimeline, listTimeline } from './timeline.ts';

describe('appendTimeline', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app);

  it('writes more entries at once than one statement can carry (65,535 parameters)', async () => {
    const c = await createContact({ db: t.db, workspaceId: owner.workspaceId, actorId: null, input: { name: 'Busy' } });
    const entries = Array.from({ length: 7001 }, (_, i) => ({
      workspaceId: owner.workspaceId,
      contactId: c.id,
      kind: 'email_opened',
      module: 'audience',
      data: { n: i },
    }));
    await appendTimeline(t.db, entries);
    const [row] = await t.db
      .select({ n: count() })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, owner.workspaceId), eq(timelineEntries.kind, 'email_opened')));
    expect(row?.n).toBe(7001);
  });

  it('keeps every field as given, fills the defaults, and indexes the text for search', async () => {
    const ws = owner.workspaceId;
    const c = await createContact({ db: t.db, workspaceId: ws, actorId: null, input: { name: 'Field Test' } });
    const at = new Date('2025-03-04T05:06:07.890Z');
    const actor = newId();
    const before = Date.now();
    await appendTimeline(t.db, [
      {
        workspaceId: ws,
        contactId: c.id,
        kind: 'note',
        at,
        actorId: actor,
        data: { body: 'Asked about the walnut invoice', nested: { n: 1, list: ['a', null] }, quote: 'it\'s "fine"' },
      },
      { workspaceId: ws, contactId: c.id, companyId: null, kind: 'order_placed', module: 'commerce' },
    ]);
    const { data } = await listTimeline({ db: t.db, workspaceId: ws, subject: { contactId: c.id }, limit: 10 });
    const note = data.find((e) => e.kind === 'note')!;
    expect(note).toMatchObject({
      contactId: c.id,
      companyId: null,
      dealId: null,
      module: 'crm',
      at,
      actorId: actor,
      data: { body: 'Asked about the walnut invoice', nested: { n: 1, list: ['a', null] }, quote: 'it\'s "fine"' },
    });
    const placed = data.find((e) => e.kind === 'order_placed')!;
    expect(placed).toMatchObject({ module: 'commerce', actorId: null, data: {} });
    expect(placed.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const found = await t.db.execute<{ id: string }>(sql`
      select id from timeline_entries where workspace_id = ${ws} and search @@ plainto_tsquery('simple', 'walnut')`);
    expect(found.rows.map((r) => r.id)).toEqual([note.id]);
    await appendTimeline(t.db, []);
  });
});
