import { describe, expect, it } from 'vitest';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { createContact } from '../../crm/index.ts';
import { sendMessage } from '../sending/send-message.ts';

describe('outbox', async () => {
  const t = await testApp();
  const a = await signUpWorkspace(t.app);
  const b = await signUpWorkspace(t.app);
  const contact = await createContact({
    db: t.db,
    workspaceId: a.workspaceId,
    actorId: null,
    input: { firstName: 'Lea', emails: ['lea@example.org'] },
  });
  for (const subject of ['First {{ contact.first_name }}', 'Second news']) {
    await sendMessage(t.db, t.config, {
      workspaceId: a.workspaceId,
      contact: { id: contact.id, email: 'lea@example.org', firstName: 'Lea', lastName: null, companyName: null },
      sourceType: 'test',
      template: { subject, mjml: '<mjml><mj-body><mj-text>Hi</mj-text></mj-body></mjml>' },
      marketing: false,
    });
  }

  it('lists kept messages newest first, pages and filters, and shows one whole', async () => {
    const first = await t.app.inject({ url: '/api/v1/outbox?limit=1', headers: { cookie: a.cookie } });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((m: { subject: string }) => m.subject)).toEqual(['Second news']);
    const next = await t.app.inject({
      url: `/api/v1/outbox?limit=1&cursor=${first.json().nextCursor}`,
      headers: { cookie: a.cookie },
    });
    expect(next.json().data.map((m: { subject: string }) => m.subject)).toEqual(['First Lea']);
    expect(next.json().nextCursor).toBeNull();
    const search = await t.app.inject({ url: '/api/v1/outbox?q=first', headers: { cookie: a.cookie } });
    expect(search.json().data).toHaveLength(1);
    const one = await t.app.inject({
      url: `/api/v1/outbox/${search.json().data[0].id}`,
      headers: { cookie: a.cookie },
    });
    expect(one.json()).toMatchObject({ to: 'lea@example.org', subject: 'First Lea' });
    expect(one.json().html).toContain('Hi');
  });

  it("never shows another workspace's messages", async () => {
    const mine = await t.app.inject({ url: '/api/v1/outbox', headers: { cookie: a.cookie } });
    const id = mine.json().data[0].id;
    const list = await t.app.inject({ url: '/api/v1/outbox', headers: { cookie: b.cookie } });
    expect(list.json().data).toEqual([]);
    const other = await t.app.inject({ url: `/api/v1/outbox/${id}`, headers: { cookie: b.cookie } });
    expect(other.statusCode).toBe(404);
  });
});
