import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../platform/ids.ts';
import { signUpWorkspace, testApp } from '../../../platform/testing.ts';
import { recordContactEvent } from '../events/index.ts';
import { setMembership } from '../lists/index.ts';
import { contactMatches, getSegment, segmentQuery } from './index.ts';
import type { RuleGroup, RuleNode } from './rules.ts';

describe('segments', async () => {
  const { app, db } = await testApp();
  const ws = await signUpWorkspace(app, 'Segments Co');
  const other = await signUpWorkspace(app, 'Other Co');
  const h = ws.bearer;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = h,
  ) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload: payload as object } : {}) });

  const ids: Record<string, string> = {};
  let listId = '';
  let ownerId = '';
  const campaignX = newId();
  const campaignY = newId();
  const webinarA = newId();

  const day = 24 * 3600_000;
  const ago = (d: number) => new Date(Date.now() - d * day);

  beforeAll(async () => {
    ownerId = (await call('GET', '/members')).json().data[0].userId;
    for (const f of [
      { entity: 'contact', label: 'Industry', type: 'select', options: ['lighting', 'textiles', 'furniture'] },
      { entity: 'contact', label: 'Volume', type: 'number' },
      { entity: 'contact', label: 'Met on', type: 'date' },
      { entity: 'contact', label: 'Interests', type: 'multiselect', options: ['led', 'solar', 'smart'] },
      { entity: 'contact', label: 'Distributor', type: 'boolean' },
      { entity: 'contact', label: 'Notes line', type: 'text' },
    ]) {
      const r = await call('POST', '/custom-fields', f, { cookie: ws.cookie });
      expect(r.statusCode).toBe(201);
    }
    const metRecently = new Date(Date.now() - 10 * day).toISOString().slice(0, 10);
    const people = {
      anna: {
        firstName: 'Anna',
        lastName: 'Lamp',
        emails: ['anna@lamps.example', 'anna.private@mail.example'],
        companyName: 'Lamps BV',
        title: 'Head Buyer',
        address: { country: 'NL' },
        language: 'nl',
        tags: ['vip', 'fair'],
        lifecycleStage: 'customer',
        ownerId,
        source: { channel: 'trade_show', name: 'Canton Fair' },
        custom: {
          industry: 'lighting',
          volume: 500,
          met_on: metRecently,
          interests: ['led', 'smart'],
          distributor: true,
          notes_line: 'Wants samples',
        },
      },
      bert: {
        firstName: 'Bert',
        lastName: 'Bulb',
        emails: ['bert@bulbs.example'],
        companyName: 'Bulbs GmbH',
        title: 'CEO',
        address: { country: 'DE' },
        language: 'de',
        tags: ['fair'],
        source: { channel: 'website_form' },
        custom: { industry: 'textiles', volume: 50, met_on: '2025-03-01', interests: ['solar'], distributor: false },
      },
      carla: {
        firstName: 'Carla',
        lastName: 'Light',
        emails: ['carla@gmail.example'],
        address: { country: 'FR' },
        tags: [],
        source: { channel: 'import' },
      },
      dora: { firstName: 'Dora', lastName: 'Dim', tags: ['vip'], source: { channel: 'manual' } },
      zed: { firstName: 'Zed', lastName: 'Gone', emails: ['zed@lamps.example'], tags: ['vip'] },
    };
    for (const [k, p] of Object.entries(people)) {
      const r = await call('POST', '/contacts', p);
      expect(r.statusCode, r.body).toBe(201);
      ids[k] = r.json().id;
    }
    // Zed is erased: a segment never shows erased (or merged) contacts.
    expect((await call('POST', `/contacts/${ids.zed}/erase`, undefined, { cookie: ws.cookie })).statusCode).toBe(200);

    listId = (await call('POST', '/lists', { name: 'Newsletter' })).json().id;
    await db.transaction(async (tx) => {
      const base = { workspaceId: ws.workspaceId, listId };
      await setMembership(tx, { ...base, contactId: ids.anna!, status: 'subscribed' });
      await setMembership(tx, { ...base, contactId: ids.bert!, status: 'pending' });
      await setMembership(tx, { ...base, contactId: ids.carla!, status: 'subscribed' });
      await setMembership(tx, { ...base, contactId: ids.carla!, status: 'unsubscribed' });
    });
    await call('POST', `/contacts/${ids.anna}/consent`, { channel: 'email', status: 'subscribed' });
    await call('POST', `/contacts/${ids.bert}/consent`, { channel: 'email', status: 'subscribed' });
    await call('POST', `/contacts/${ids.bert}/consent`, { channel: 'email', status: 'unsubscribed' });

    // Email activity: anna got 3 emails and opened + clicked campaign X recently; bert got 1 and opened X 100 days
    // ago; carla got 1 (campaign Y) and never opened.
    const ev = (contact: string, type: string, source: string, at: Date) =>
      sql`(${ws.workspaceId}::uuid, ${newId()}::uuid, ${contact}::uuid, 'campaign', ${source}::uuid, ${type}, ${at.toISOString()}::timestamptz)`;
    await db.execute(sql`insert into email_events (workspace_id, id, contact_id, source_type, source_id, type, at) values
      ${sql.join(
        [
          ev(ids.anna!, 'sent', campaignX, ago(5)),
          ev(ids.anna!, 'sent', campaignY, ago(40)),
          ev(ids.anna!, 'sent', campaignY, ago(200)),
          ev(ids.anna!, 'open', campaignX, ago(4)),
          ev(ids.anna!, 'click', campaignX, ago(4)),
          ev(ids.bert!, 'sent', campaignX, ago(101)),
          ev(ids.bert!, 'open', campaignX, ago(100)),
          ev(ids.carla!, 'sent', campaignY, ago(40)),
        ],
        sql`, `,
      )}`);
    // The other workspace's events for the same campaign id never count here.
    await db.execute(sql`insert into email_events (workspace_id, id, contact_id, source_type, source_id, type, at)
      values (${other.workspaceId}, ${newId()}, ${ids.carla}, 'campaign', ${campaignX}, 'open', now())`);

    // Custom events through the API and through recordContactEvent (webinars).
    for (const [email, plan, at] of [
      ['anna@lamps.example', 'pro', ago(2)],
      ['anna@lamps.example', 'pro', ago(1)],
      ['bert@bulbs.example', 'basic', ago(100)],
    ] as const) {
      const r = await call('POST', '/events', {
        email,
        type: 'trial_started',
        properties: { plan },
        occurredAt: at.toISOString(),
      });
      expect(r.statusCode).toBe(201);
    }
    await db.transaction(async (tx) => {
      await recordContactEvent(tx, {
        workspaceId: ws.workspaceId,
        contactId: ids.anna!,
        type: 'webinar.attended',
        properties: { webinarId: webinarA },
      });
      await recordContactEvent(tx, {
        workspaceId: ws.workspaceId,
        contactId: ids.bert!,
        type: 'webinar.no_show',
        properties: { webinarId: webinarA },
      });
    });
  });

  const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
  /** The names matching an unsaved rule set, via the live-preview endpoint (count and sample must agree). */
  async function match(...rules: RuleNode[]): Promise<string[]> {
    return matchGroup({ op: 'and', rules });
  }
  async function matchGroup(group: RuleGroup): Promise<string[]> {
    const r = await call('POST', '/segments/preview', { rules: group });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.sample).toHaveLength(body.count);
    return body.sample.map((c: { id: string }) => nameOf(c.id)).sort();
  }

  it('contact fields: text operators', async () => {
    expect(await match({ kind: 'field', field: 'first_name', op: 'is', value: 'ANNA' })).toEqual(['anna']);
    expect(await match({ kind: 'field', field: 'first_name', op: 'is_not', value: 'anna' })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'field', field: 'last_name', op: 'contains', value: 'l' })).toEqual([
      'anna',
      'bert',
      'carla',
    ]);
    expect(await match({ kind: 'field', field: 'company', op: 'starts_with', value: 'bulbs' })).toEqual(['bert']);
    expect(await match({ kind: 'field', field: 'title', op: 'ends_with', value: 'buyer' })).toEqual(['anna']);
    expect(await match({ kind: 'field', field: 'title', op: 'is_empty' })).toEqual(['carla', 'dora']);
    expect(await match({ kind: 'field', field: 'company', op: 'not_contains', value: 'bv' })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    // LIKE wildcards typed by a person match themselves.
    expect(await match({ kind: 'field', field: 'first_name', op: 'contains', value: '%' })).toEqual([]);
  });

  it('contact fields: email (any address), country, language, owner, created_at', async () => {
    expect(await match({ kind: 'field', field: 'email', op: 'is', value: 'Anna.Private@mail.example' })).toEqual([
      'anna',
    ]);
    expect(await match({ kind: 'field', field: 'email', op: 'ends_with', value: '@gmail.example' })).toEqual(['carla']);
    expect(await match({ kind: 'field', field: 'email', op: 'is_empty' })).toEqual(['dora']);
    expect(await match({ kind: 'field', field: 'country', op: 'in', value: ['nl', 'DE'] })).toEqual(['anna', 'bert']);
    expect(await match({ kind: 'field', field: 'country', op: 'not_in', value: ['NL'] })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'field', field: 'language', op: 'is', value: 'DE' })).toEqual(['bert']);
    expect(await match({ kind: 'field', field: 'owner', op: 'is', value: ownerId })).toEqual(['anna']);
    expect(await match({ kind: 'field', field: 'created_at', op: 'within_last', days: 1 })).toEqual([
      'anna',
      'bert',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'field', field: 'created_at', op: 'before', value: '2020-01-01' })).toEqual([]);
    expect(await match({ kind: 'field', field: 'created_at', op: 'after', value: '2020-01-01' })).toHaveLength(4);
  });

  it('lifecycle stage and source channel', async () => {
    expect(await match({ kind: 'field', field: 'lifecycle_stage', op: 'is', value: 'customer' })).toEqual(['anna']);
    expect(await match({ kind: 'field', field: 'lifecycle_stage', op: 'is_not', value: 'customer' })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    expect(
      await match({ kind: 'field', field: 'source_channel', op: 'in', value: ['trade_show', 'website_form'] }),
    ).toEqual(['anna', 'bert']);
  });

  it('custom fields, by type', async () => {
    expect(await match({ kind: 'custom', key: 'industry', op: 'is', value: 'textiles' })).toEqual(['bert']);
    expect(await match({ kind: 'custom', key: 'industry', op: 'is_not', value: 'textiles' })).toEqual([
      'anna',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'custom', key: 'industry', op: 'in', value: ['lighting', 'textiles'] })).toEqual([
      'anna',
      'bert',
    ]);
    expect(await match({ kind: 'custom', key: 'industry', op: 'is_empty' })).toEqual(['carla', 'dora']);
    expect(await match({ kind: 'custom', key: 'volume', op: 'gte', value: 100 })).toEqual(['anna']);
    expect(await match({ kind: 'custom', key: 'volume', op: 'lt', value: 100 })).toEqual(['bert']);
    expect(await match({ kind: 'custom', key: 'volume', op: 'eq', value: 50 })).toEqual(['bert']);
    expect(await match({ kind: 'custom', key: 'met_on', op: 'within_last', days: 30 })).toEqual(['anna']);
    expect(await match({ kind: 'custom', key: 'met_on', op: 'before', value: '2026-01-01' })).toEqual(['bert']);
    expect(await match({ kind: 'custom', key: 'interests', op: 'has_any', value: ['solar', 'smart'] })).toEqual([
      'anna',
      'bert',
    ]);
    expect(await match({ kind: 'custom', key: 'interests', op: 'has_all', value: ['led', 'smart'] })).toEqual(['anna']);
    expect(await match({ kind: 'custom', key: 'interests', op: 'has_none', value: ['led'] })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'custom', key: 'distributor', op: 'is_true' })).toEqual(['anna']);
    expect(await match({ kind: 'custom', key: 'distributor', op: 'is_false' })).toEqual(['bert']);
    expect(await match({ kind: 'custom', key: 'notes_line', op: 'contains', value: 'SAMPLE' })).toEqual(['anna']);
  });

  it('tags: has any / all / none', async () => {
    expect(await match({ kind: 'tags', op: 'has_any', tags: ['vip'] })).toEqual(['anna', 'dora']);
    expect(await match({ kind: 'tags', op: 'has_all', tags: ['vip', 'fair'] })).toEqual(['anna']);
    expect(await match({ kind: 'tags', op: 'has_none', tags: ['vip', 'fair'] })).toEqual(['carla']);
  });

  it('consent: the latest status per channel, none when never recorded', async () => {
    expect(await match({ kind: 'consent', channel: 'email', op: 'is', status: 'subscribed' })).toEqual(['anna']);
    expect(await match({ kind: 'consent', channel: 'email', op: 'is', status: 'unsubscribed' })).toEqual(['bert']);
    expect(await match({ kind: 'consent', channel: 'email', op: 'is', status: 'none' })).toEqual(['carla', 'dora']);
    expect(await match({ kind: 'consent', channel: 'email', op: 'is_not', status: 'subscribed' })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
  });

  it('list membership', async () => {
    expect(await match({ kind: 'list', op: 'subscribed', listId })).toEqual(['anna']);
    expect(await match({ kind: 'list', op: 'pending', listId })).toEqual(['bert']);
    expect(await match({ kind: 'list', op: 'unsubscribed', listId })).toEqual(['carla']);
    expect(await match({ kind: 'list', op: 'not_subscribed', listId })).toEqual(['bert', 'carla', 'dora']);
  });

  it('email activity: campaign opens and clicks, recency, no open in N days, received at least N', async () => {
    expect(await match({ kind: 'email', op: 'opened', campaignId: campaignX })).toEqual(['anna', 'bert']);
    expect(await match({ kind: 'email', op: 'opened', campaignId: campaignX, withinDays: 30 })).toEqual(['anna']);
    expect(await match({ kind: 'email', op: 'clicked', campaignId: campaignX })).toEqual(['anna']);
    expect(await match({ kind: 'email', op: 'clicked', campaignId: campaignY })).toEqual([]);
    expect(await match({ kind: 'email', op: 'opened', withinDays: 7 })).toEqual(['anna']);
    expect(await match({ kind: 'email', op: 'not_opened', withinDays: 90 })).toEqual(['bert', 'carla', 'dora']);
    expect(await match({ kind: 'email', op: 'not_clicked' })).toEqual(['bert', 'carla', 'dora']);
    expect(await match({ kind: 'email', op: 'received', atLeast: 3 })).toEqual(['anna']);
    expect(await match({ kind: 'email', op: 'received', atLeast: 2, withinDays: 60 })).toEqual(['anna']);
    expect(await match({ kind: 'email', op: 'received' })).toEqual(['anna', 'bert', 'carla']);
    expect(await match({ kind: 'email', op: 'not_received' })).toEqual(['dora']);
  });

  it('custom events: type, at least N, within N days, property equals; webinar attendance', async () => {
    expect(await match({ kind: 'event', op: 'happened', type: 'trial_started' })).toEqual(['anna', 'bert']);
    expect(await match({ kind: 'event', op: 'happened', type: 'trial_started', atLeast: 2 })).toEqual(['anna']);
    expect(await match({ kind: 'event', op: 'happened', type: 'trial_started', withinDays: 30 })).toEqual(['anna']);
    expect(
      await match({ kind: 'event', op: 'happened', type: 'trial_started', property: { key: 'plan', value: 'basic' } }),
    ).toEqual(['bert']);
    expect(await match({ kind: 'event', op: 'not_happened', type: 'trial_started' })).toEqual(['carla', 'dora']);
    expect(await match({ kind: 'webinar', op: 'attended', webinarId: webinarA })).toEqual(['anna']);
    expect(await match({ kind: 'webinar', op: 'no_show' })).toEqual(['bert']);
    expect(await match({ kind: 'webinar', op: 'not_attended', webinarId: webinarA })).toEqual([
      'bert',
      'carla',
      'dora',
    ]);
    expect(await match({ kind: 'webinar', op: 'attended', webinarId: newId() })).toEqual([]);
  });

  it('nests AND / OR groups; an empty group matches everyone live', async () => {
    // (opened X in 30 days AND tag vip) OR (industry = textiles AND country in (DE, AT))
    expect(
      await matchGroup({
        op: 'or',
        rules: [
          {
            op: 'and',
            rules: [
              { kind: 'email', op: 'opened', campaignId: campaignX, withinDays: 30 },
              { kind: 'tags', op: 'has_any', tags: ['vip'] },
            ],
          },
          {
            kind: 'group',
            op: 'and',
            rules: [
              { kind: 'custom', key: 'industry', op: 'is', value: 'textiles' },
              { kind: 'field', field: 'country', op: 'in', value: ['DE', 'AT'] },
            ],
          },
        ],
      }),
    ).toEqual(['anna', 'bert']);
    // NOT EXISTS inside an OR inside an AND.
    expect(
      await matchGroup({
        op: 'and',
        rules: [
          { kind: 'tags', op: 'has_any', tags: ['vip', 'fair'] },
          {
            op: 'or',
            rules: [
              { kind: 'email', op: 'not_opened', withinDays: 90 },
              { kind: 'list', op: 'pending', listId },
            ],
          },
        ],
      }),
    ).toEqual(['bert', 'dora']);
    expect(await matchGroup({ op: 'or', rules: [] })).toEqual(['anna', 'bert', 'carla', 'dora']);
  });

  it('refuses bad rules with errors naming the rule path', async () => {
    const r = await call('POST', '/segments/preview', {
      rules: {
        op: 'and',
        rules: [
          { kind: 'tags', op: 'has_any', tags: ['vip'] },
          {
            op: 'or',
            rules: [
              { kind: 'custom', key: 'nope', op: 'is', value: 'x' },
              { kind: 'custom', key: 'volume', op: 'contains', value: 'x' },
              { kind: 'field', field: 'lifecycle_stage', op: 'is', value: 'galaxy' },
              { kind: 'field', field: 'created_at', op: 'within_last' },
              { kind: 'custom', key: 'industry', op: 'in', value: ['lighting', 'cars'] },
              { kind: 'list', op: 'subscribed', listId: newId() },
              { kind: 'field', field: 'country', op: 'is', value: 'Netherlands' },
            ],
          },
        ],
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION');
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rules.rules.1.rules.0.key',
      'rules.rules.1.rules.1.op',
      'rules.rules.1.rules.2.value',
      'rules.rules.1.rules.3.days',
      'rules.rules.1.rules.4.value',
      'rules.rules.1.rules.5.listId',
      'rules.rules.1.rules.6.value',
    ]);
    expect(r.json().errors[1].message).toMatch(/does not apply to a number field/);

    // Shape errors come from the schema, with the same paths under body.
    const shape = await call('POST', '/segments', {
      name: 'Broken',
      rules: {
        op: 'and',
        rules: [{ op: 'xor', rules: [] }, { kind: 'tags', op: 'has_any', tags: [] }, { kind: 'what' }],
      },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.rules.rules.0.op',
      'body.rules.rules.1.tags',
      'body.rules.rules.2.kind',
    ]);
    // A list id of another workspace is as unknown as a made-up one.
    const otherList = (await call('POST', '/lists', { name: 'Theirs' }, other.bearer)).json().id;
    const foreign = await call('POST', '/segments/preview', {
      rules: { op: 'and', rules: [{ kind: 'list', op: 'subscribed', listId: otherList }] },
    });
    expect(foreign.json().errors).toEqual([
      { field: 'rules.rules.0.listId', message: 'is not a list of this workspace' },
    ]);
  });

  it('saves, counts, pages and evaluates segments (CRUD, count, contacts, contactMatches, segmentQuery)', async () => {
    const rules: RuleGroup = {
      op: 'or',
      rules: [
        { kind: 'tags', op: 'has_any', tags: ['vip'] },
        { kind: 'field', field: 'country', op: 'is', value: 'FR' },
      ],
    };
    const created = await call('POST', '/segments', { name: 'VIP or France', rules });
    expect(created.statusCode).toBe(201);
    const seg = created.json();
    expect(seg.rules).toEqual(rules);
    expect((await call('POST', '/segments', { name: 'vip OR france', rules })).statusCode).toBe(409);

    const count = await call('GET', `/segments/${seg.id}/count`);
    expect(count.statusCode).toBe(200);
    expect(count.json().count).toBe(3);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { data: { id: string }[]; nextCursor: string | null } = (
        await call('GET', `/segments/${seg.id}/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...p.data.map((c) => nameOf(c.id) ?? '?'));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['dora', 'carla', 'anna']); // newest first

    const patched = await call('PATCH', `/segments/${seg.id}`, {
      name: 'VIPs',
      rules: { op: 'and', rules: [{ kind: 'tags', op: 'has_any', tags: ['vip'] }] },
    });
    expect(patched.statusCode).toBe(200);
    expect((await call('GET', `/segments/${seg.id}/count`)).json().count).toBe(2);
    const badPatch = await call('PATCH', `/segments/${seg.id}`, {
      rules: { op: 'and', rules: [{ kind: 'custom', key: 'ghost', op: 'is', value: 'x' }] },
    });
    expect(badPatch.json().errors[0].field).toBe('rules.rules.0.key');
    expect((await call('GET', '/segments')).json().data.map((s: { name: string }) => s.name)).toContain('VIPs');

    const saved = await getSegment(db, ws.workspaceId, seg.id);
    expect(await contactMatches(db, ws.workspaceId, saved.rules, ids.anna!)).toBe(true);
    expect(await contactMatches(db, ws.workspaceId, saved.rules, ids.bert!)).toBe(false);
    expect(await contactMatches(db, ws.workspaceId, saved.rules, ids.zed!)).toBe(false); // erased
    // The fragment embeds in a bigger statement.
    const r = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from list_members where workspace_id = ${ws.workspaceId}
        and contact_id in (${segmentQuery(ws.workspaceId, saved.rules)})`,
    );
    expect(r.rows[0]?.n).toBe(1); // anna is on the list; dora is not

    // Another workspace sees nothing of it.
    expect((await call('GET', `/segments/${seg.id}`, undefined, other.bearer)).statusCode).toBe(404);
    expect((await call('GET', `/segments/${seg.id}/count`, undefined, other.bearer)).statusCode).toBe(404);

    expect((await call('DELETE', `/segments/${seg.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/segments/${seg.id}`)).statusCode).toBe(404);
  });
  it('keeps the per-contact activity summary equal to the events, whatever statements wrote them', async () => {
    const summary = async () =>
      (
        await db.execute(sql`select contact_id::text as c, sent_count as s, open_count as o, click_count as k,
            last_sent_at as ls, last_open_at as lo, last_click_at as lc
          from contact_email_activity where workspace_id = ${ws.workspaceId} order by contact_id`)
      ).rows;
    const fromEvents = async () =>
      (
        await db.execute(sql`select contact_id::text as c,
            count(*) filter (where type = 'sent')::int as s, count(*) filter (where type = 'open')::int as o,
            count(*) filter (where type = 'click')::int as k, max(at) filter (where type = 'sent') as ls,
            max(at) filter (where type = 'open') as lo, max(at) filter (where type = 'click') as lc
          from email_events where workspace_id = ${ws.workspaceId} and contact_id is not null
            and type in ('sent', 'open', 'click')
          group by contact_id order by contact_id`)
      ).rows;
    expect(await summary()).toEqual(await fromEvents());
    // An older open and a bounce (not counted) in one statement, a newer click in another.
    await db.execute(sql`insert into email_events (workspace_id, id, contact_id, type, at) values
      (${ws.workspaceId}, ${newId()}, ${ids.bert}, 'open', now() - interval '300 days'),
      (${ws.workspaceId}, ${newId()}, ${ids.bert}, 'bounce', now())`);
    await db.execute(sql`insert into email_events (workspace_id, id, contact_id, type, at)
      values (${ws.workspaceId}, ${newId()}, ${ids.carla}, 'click', now() - interval '1 day')`);
    expect(await summary()).toEqual(await fromEvents());
    const bert = (await summary()).find((r) => r.c === ids.bert);
    expect(bert).toMatchObject({ s: 1, o: 2, k: 0 });
  });
});
