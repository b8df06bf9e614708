import { newId } from '../../../platform/ids.ts';
import type { Address, CustomValues } from '../schema.ts';
import type { BatchContext, BatchResult } from './apply-contact-batch.ts';
import type { PreparedRow } from './prepare-row.ts';

type Rec = {
  id: string;
  key: string;
  isNew: boolean;
  name: string;
  domain: string | null;
  website: string | null;
  emails: string[];
  phones: string[];
  industry: string | null;
  address: Address;
  country: string | null;
  social: Record<string, string>;
  tags: string[];
  custom: CustomValues;
  notes: string[];
};

const RECORD_TYPE = `id uuid, name text, domain text, website text, emails text[], phones text[], industry text,
  address jsonb, country text, social jsonb, tags text[], custom jsonb`;

const toJson = (r: Rec) => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  website: r.website,
  emails: r.emails,
  phones: r.phones,
  industry: r.industry,
  address: r.address,
  country: r.country,
  social: r.social,
  tags: r.tags,
  custom: r.custom,
});

const union = (a: string[], b: readonly string[]) => [...a, ...b.filter((v) => !a.includes(v))];

/**
 * Companies dedupe by name, compared the way PostgreSQL compares them everywhere else (`f_unaccent(lower(name))`),
 * against the CRM and against earlier rows of the file alike. Same statement budget as the contact batch.
 */
export async function applyCompanyBatch(ctx: BatchContext, rows: PreparedRow[]): Promise<BatchResult> {
  const { client, workspaceId } = ctx;
  const result: BatchResult = { created: 0, updated: 0, skipped: 0 };
  const names = [...new Set(rows.map((r) => r.name ?? ''))];
  const keys = await client.query<{ name: string; key: string }>(
    'select distinct n as name, f_unaccent(lower(n)) as key from unnest($1::text[]) as n',
    [names],
  );
  const keyOf = new Map(keys.rows.map((r) => [r.name, r.key]));
  const byKey = new Map<string, Rec>();
  if (ctx.dedupe !== 'create') {
    const existing = await client.query<Omit<Rec, 'isNew' | 'notes'>>(
      `select id, f_unaccent(lower(name)) as key, name, domain, website, emails, phones, industry, address, country,
              social, tags, custom
         from companies
        where workspace_id = $1 and f_unaccent(lower(name)) = any($2::text[])
        order by id
        for update`,
      [workspaceId, [...new Set(keyOf.values())]],
    );
    for (const e of existing.rows) if (!byKey.has(e.key)) byKey.set(e.key, { ...e, isNew: false, notes: [] });
  }

  const created: Rec[] = [];
  const updated = new Set<Rec>();
  for (const row of rows) {
    const name = row.name ?? '';
    const key = keyOf.get(name) ?? name.toLowerCase();
    const match = ctx.dedupe === 'create' ? undefined : byKey.get(key);
    if (match && ctx.dedupe === 'skip') {
      result.skipped++;
      continue;
    }
    if (!match) {
      const rec: Rec = {
        id: newId(),
        key,
        isNew: true,
        name,
        domain: row.domain,
        website: row.website,
        emails: row.emails,
        phones: row.phones,
        industry: row.industry,
        address: row.address,
        country: row.country,
        social: row.social,
        tags: row.tags,
        custom: row.custom,
        notes: row.notes ? [row.notes] : [],
      };
      created.push(rec);
      byKey.set(key, rec);
      result.created++;
      continue;
    }
    match.domain = row.domain ?? match.domain;
    match.website = row.website ?? match.website;
    match.emails = union(match.emails, row.emails);
    match.phones = union(match.phones, row.phones);
    match.industry = row.industry ?? match.industry;
    match.address = { ...match.address, ...row.address };
    match.country = row.country ?? match.country;
    match.social = { ...match.social, ...row.social };
    match.tags = union(match.tags, row.tags);
    match.custom = { ...match.custom, ...row.custom };
    if (row.notes) match.notes.push(row.notes);
    if (!match.isNew) updated.add(match);
    result.updated++;
  }

  const source = JSON.stringify(ctx.source);
  if (created.length)
    await client.query(
      `insert into companies (workspace_id, id, name, domain, website, emails, phones, industry, address, country,
         social, tags, custom, first_source, latest_source)
       select $1, r.id, r.name, r.domain, r.website, r.emails, r.phones, r.industry, r.address, r.country, r.social,
         r.tags, r.custom, $3::jsonb, $3::jsonb
         from json_to_recordset($2::json) as r(${RECORD_TYPE})`,
      [workspaceId, JSON.stringify(created.map(toJson)), source],
    );
  if (updated.size)
    await client.query(
      `update companies c set domain = r.domain, website = r.website, emails = r.emails, phones = r.phones,
         industry = r.industry, address = r.address, country = r.country, social = r.social, tags = r.tags,
         custom = r.custom, latest_source = $3::jsonb, first_source = coalesce(c.first_source, $3::jsonb),
         updated_at = now()
         from json_to_recordset($2::json) as r(${RECORD_TYPE})
        where c.workspace_id = $1 and c.id = r.id`,
      [workspaceId, JSON.stringify([...updated].map(toJson)), source],
    );

  const entries: { id: string; company_id: string; kind: string; data: Record<string, unknown> }[] = [];
  const touched = [
    ...created.map((rec) => ({ rec, action: 'created' })),
    ...[...updated].map((rec) => ({ rec, action: 'updated' })),
  ];
  for (const { rec, action } of touched) {
    entries.push({
      id: newId(),
      company_id: rec.id,
      kind: 'import',
      data: { importId: ctx.importId, filename: ctx.filename, action },
    });
    if (rec.notes.length)
      entries.push({ id: newId(), company_id: rec.id, kind: 'note', data: { body: rec.notes.join('\n\n') } });
  }
  if (entries.length)
    await client.query(
      `insert into timeline_entries (workspace_id, id, company_id, kind, module, actor_id, data)
       select $1, e.id, e.company_id, e.kind, 'crm', $3, e.data
         from json_to_recordset($2::json) as e(id uuid, company_id uuid, kind text, data jsonb)`,
      [workspaceId, JSON.stringify(entries), ctx.actorId],
    );
  return result;
}
