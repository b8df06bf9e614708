import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../platform/db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { replaceLifecycleStages } from '../fields/lifecycle-stages.ts';
import { advanceLifecycleStages, lockContacts } from './advance-lifecycle-stages.ts';
import { createContact } from './create-contact.ts';
import { createContactsBulk, type NewContactInput } from './create-contacts-bulk.ts';
import { getContact } from './get-contact.ts';
import { matchContacts } from './match-contacts.ts';

async function eventsOf(db: Db, workspaceId: string, subjectId: string) {
  const r = await db.execute<{ type: string; payload: Record<string, unknown> }>(sql`
    select type, payload from domain_events where workspace_id = ${workspaceId} and subject_id = ${subjectId}
    order by id`);
  return r.rows;
}

async function timelineOf(db: Db, workspaceId: string, contactId: string) {
  const r = await db.execute<{ kind: string; actor_id: string | null; data: Record<string, unknown> }>(sql`
    select kind, actor_id, data from timeline_entries where workspace_id = ${workspaceId} and contact_id = ${contactId}
    order by id`);
  return r.rows;
}

const person = (over: Partial<NewContactInput> = {}): NewContactInput => ({
  id: newId(),
  firstName: 'Nova',
  lastName: 'Buyer',
  email: null,
  phone: null,
  address: { street: 'Keizersgracht 1', city: 'Amsterdam', region: null, postcode: '1015 CJ', country: 'NL' },
  source: { channel: 'other', name: 'shopify order' },
  ...over,
});

describe('bulk contact use cases', async () => {
  const t = await testApp();
  const owner = await signUpWorkspace(t.app, 'Bulk Co');
  const ws = owner.workspaceId;
  const mk = (input: Parameters<typeof createContact>[0]['input']) =>
    createContact({ db: t.db, workspaceId: ws, actorId: null, input });

  it('matches by contact id, then email, then phone; names one new contact per new address', async () => {
    const old = await mk({ name: 'Old Holder', emails: ['shared@example.com'] });
    await mk({ name: 'Young Holder', emails: ['other@example.com'] });
    // A second holder of the same address, made behind createContact's clash check: the oldest one wins.
    const young = newId();
    await t.db.execute(sql`insert into contacts (workspace_id, id, first_name, emails)
      values (${ws}, ${young}, 'Late', array['shared@example.com'])`);
    const phoneOnly = await mk({ name: 'Phone Only', phones: ['+31611111111'] });
    const both = await mk({ name: 'Email Wins', emails: ['wins@example.com'] });
    await mk({ name: 'Phone Loses', phones: ['+31622222222'] });
    const merged = await mk({ name: 'Merged Away', emails: ['merged@example.com'] });
    await t.db.execute(
      sql`update contacts set merged_into_id = ${old.id} where workspace_id = ${ws} and id = ${merged.id}`,
    );
    const erased = await mk({ name: 'Erased', emails: ['erased@example.com'] });
    await t.db.execute(sql`update contacts set erased_at = now() where workspace_id = ${ws} and id = ${erased.id}`);

    const { results, named } = await t.db.transaction((tx) =>
      matchContacts(tx, {
        workspaceId: ws,
        refs: [
          { contactId: merged.id, email: 'ignored@example.com' },
          { email: 'shared@example.com' },
          { phone: '+31611111111' },
          { email: 'wins@example.com', phone: '+31622222222' },
          { contactId: erased.id },
          { contactId: newId() },
          { email: 'fresh@example.com' },
          { email: 'fresh@example.com', phone: '+31699999999' },
          { phone: '+31688888888' },
          {},
          // Merged and erased contacts hold their addresses no more: a new contact is named.
          { email: 'erased@example.com' },
        ],
      }),
    );
    expect(results.slice(0, 6)).toEqual([
      { contactId: old.id, isNew: false },
      { contactId: old.id, isNew: false },
      { contactId: phoneOnly.id, isNew: false },
      { contactId: both.id, isNew: false },
      { error: { field: 'contactId', message: 'no such contact in this workspace' } },
      { error: { field: 'contactId', message: 'no such contact in this workspace' } },
    ]);
    const fresh = results.slice(6);
    expect(fresh.map((r) => ('isNew' in r ? r.isNew : 'error'))).toEqual([true, true, true, false, true]);
    expect(fresh[3]).toEqual({ contactId: null, isNew: false });
    const id = (i: number) => {
      const r = results[i];
      return r && 'contactId' in r ? r.contactId : undefined;
    };
    expect(id(6)).toBe(id(7));
    expect(named.map((n) => n.first)).toEqual([6, 8, 10]);
    expect(named.map((n) => n.id)).toEqual([id(6), id(8), id(10)]);
  });

  it('creates contacts as createContact does, at the first stage asked for that the workspace lists', async () => {
    const actor = newId();
    const [a, b, c] = [
      person({ email: 'ann@example.com', lifecycleStages: ['repeat_customer', 'customer'] }),
      person({ firstName: null, lastName: null, phone: '+31633333333', address: null, lifecycleStages: [] }),
      person({
        firstName: 'Cassia',
        email: 'cas@example.com',
        source: { channel: 'api', name: 'api order' },
        lifecycleStages: ['nope'],
      }),
    ];
    const out = await t.db.transaction((tx) =>
      createContactsBulk(tx, { workspaceId: ws, actorId: actor, contacts: [a!, b!, c!] }),
    );
    expect(out).toEqual([
      { contactId: a!.id, lifecycleStage: 'repeat_customer' },
      { contactId: b!.id, lifecycleStage: 'lead' },
      { contactId: c!.id, lifecycleStage: 'lead' },
    ]);
    const ann = await getContact({ db: t.db, workspaceId: ws, id: a!.id });
    expect(ann).toMatchObject({
      firstName: 'Nova',
      lastName: 'Buyer',
      emails: ['ann@example.com'],
      phones: [],
      address: { street: 'Keizersgracht 1', city: 'Amsterdam', postcode: '1015 CJ', country: 'NL' },
      lifecycleStage: 'repeat_customer',
      mergedIntoId: null,
    });
    expect(ann.source.first).toMatchObject({ channel: 'other', name: 'shopify order', campaign: null });
    expect(ann.source.latest).toEqual(ann.source.first);
    const row = await t.db.execute<{ country: string; source_channel: string }>(
      sql`select country, source_channel from contacts where workspace_id = ${ws} and id = ${a!.id}`,
    );
    expect(row.rows[0]).toEqual({ country: 'NL', source_channel: 'other' });
    expect(await getContact({ db: t.db, workspaceId: ws, id: b!.id })).toMatchObject({
      phones: ['+31633333333'],
      address: {},
      lifecycleStage: 'lead',
    });
    expect(await timelineOf(t.db, ws, a!.id)).toEqual([
      { kind: 'created', actor_id: actor, data: { source: ann.source.first } },
    ]);
    expect(await eventsOf(t.db, ws, a!.id)).toEqual([
      { type: 'contact.created', payload: { source: ann.source.first } },
      { type: 'contact.lifecycle_stage_changed', payload: { from: null, to: 'repeat_customer' } },
    ]);
    expect((await eventsOf(t.db, ws, b!.id)).map((e) => e.type)).toEqual(['contact.created']);
    // Found by the contact search like any other contact (its generated search column).
    const found = await t.app.inject({ url: '/api/v1/contacts?q=Cassia', headers: owner.bearer });
    expect(found.json().data.map((x: { id: string }) => x.id)).toEqual([c!.id]);
  });

  it('refuses a contact with no name, email or phone, writing none of the batch', async () => {
    const good = person({ email: 'good@example.com' });
    const bad = person({ firstName: null, lastName: null });
    const err = await t.db
      .transaction((tx) => createContactsBulk(tx, { workspaceId: ws, actorId: null, contacts: [good, bad] }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'contacts.1' }] });
    const n = await t.db.execute(sql`select 1 from contacts where workspace_id = ${ws} and id = ${good.id}`);
    expect(n.rows).toHaveLength(0);
  });

  it('moves stages forward only, writing what updateContact writes for a stage change', async () => {
    const lead = await mk({ name: 'Lee Lead' });
    const customer = await mk({ name: 'Cus Tomer', lifecycleStage: 'customer' });
    const advocate = await mk({ name: 'Ada Vocate', lifecycleStage: 'advocate' });
    const gone = await mk({ name: 'Old Stage' });
    await t.db.execute(
      sql`update contacts set lifecycle_stage = 'retired' where workspace_id = ${ws} and id = ${gone.id}`,
    );
    const actor = newId();
    const changes = await t.db.transaction(async (tx) => {
      await lockContacts(tx, ws, [advocate.id, lead.id, customer.id, gone.id]);
      return advanceLifecycleStages(tx, {
        workspaceId: ws,
        actorId: actor,
        by: 'order',
        moves: [
          { contactId: lead.id, to: ['customer'] },
          { contactId: customer.id, to: ['repeat_customer', 'customer'] },
          { contactId: advocate.id, to: ['repeat_customer', 'customer'] },
          { contactId: gone.id, to: ['customer'] },
          { contactId: newId(), to: ['customer'] },
          { contactId: lead.id, to: ['not-a-stage'] },
        ],
      });
    });
    expect(changes).toEqual([
      { contactId: lead.id, from: 'lead', to: 'customer' },
      { contactId: customer.id, from: 'customer', to: 'repeat_customer' },
      { contactId: gone.id, from: 'retired', to: 'customer' },
    ]);
    expect((await getContact({ db: t.db, workspaceId: ws, id: advocate.id })).lifecycleStage).toBe('advocate');
    expect((await getContact({ db: t.db, workspaceId: ws, id: customer.id })).lifecycleStage).toBe('repeat_customer');
    expect((await timelineOf(t.db, ws, customer.id)).at(-1)).toEqual({
      kind: 'field_change',
      actor_id: actor,
      data: { changes: [{ field: 'lifecycleStage', from: 'customer', to: 'repeat_customer' }], by: 'order' },
    });
    expect((await eventsOf(t.db, ws, customer.id)).slice(-2)).toEqual([
      { type: 'contact.updated', payload: { fields: ['lifecycleStage'] } },
      { type: 'contact.lifecycle_stage_changed', payload: { from: 'customer', to: 'repeat_customer' } },
    ]);
    expect((await eventsOf(t.db, ws, advocate.id)).map((e) => e.type)).toEqual(['contact.created']);
  });

  it("uses the workspace's own ladder: a missing stage falls to the next one asked for", async () => {
    const other = await signUpWorkspace(t.app, 'Short Ladder');
    await replaceLifecycleStages({
      db: t.db,
      workspaceId: other.workspaceId,
      stages: [
        { key: 'lead', label: 'Lead' },
        { key: 'customer', label: 'Customer' },
      ],
    });
    const c = await createContact({ db: t.db, workspaceId: other.workspaceId, actorId: null, input: { name: 'X' } });
    const fresh = person({ email: 'ladder@example.com', lifecycleStages: ['repeat_customer', 'customer'] });
    await t.db.transaction(async (tx) => {
      await createContactsBulk(tx, { workspaceId: other.workspaceId, actorId: null, contacts: [fresh] });
      await advanceLifecycleStages(tx, {
        workspaceId: other.workspaceId,
        actorId: null,
        moves: [{ contactId: c.id, to: ['repeat_customer', 'customer'] }],
      });
    });
    for (const id of [c.id, fresh.id])
      expect((await getContact({ db: t.db, workspaceId: other.workspaceId, id })).lifecycleStage).toBe('customer');
  });

  describe('two transactions bringing the same new person', async () => {
    const pool = createDb(t.url, 3);
    afterAll(() => pool.$client.end());

    it('name one contact: the second waits for the first and finds its contact', async () => {
      const email = 'race@example.com';
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let firstNamed!: () => void;
      const named = new Promise<void>((r) => {
        firstNamed = r;
      });
      const first = pool.transaction(async (tx) => {
        const m = await matchContacts(tx, { workspaceId: ws, refs: [{ email }] });
        firstNamed();
        await gate;
        await createContactsBulk(tx, {
          workspaceId: ws,
          actorId: null,
          contacts: m.named.map((n) => person({ id: n.id, email })),
        });
        return m.results[0];
      });
      await named;
      const second = pool.transaction((tx) => matchContacts(tx, { workspaceId: ws, refs: [{ email }] }));
      // Commit the first only once the second is queued on the address's lock.
      for (let i = 0; i < 200; i++) {
        const w = await t.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
            and database = (select oid from pg_database where datname = current_database())`,
        );
        if (w.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      release();
      const a = await first;
      const b = await second;
      expect(a).toMatchObject({ isNew: true });
      expect(b.results[0]).toEqual({ contactId: a && 'contactId' in a ? a.contactId : null, isNew: false });
      expect(b.named).toEqual([]);
      const n = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from contacts where workspace_id = ${ws} and emails @> array[${email}]`,
      );
      expect(n.rows[0]!.n).toBe(1);
    });
  });
});
