import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../platform/testing.ts';
import { createContact } from './contacts/create-contact.ts';
import { timelineEntries } from './schema.ts';
import { appendTimeline } from './timeline.ts';

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
});
