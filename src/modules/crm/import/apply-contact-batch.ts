import type pg from 'pg';
import { newId } from '../../../platform/ids.ts';
import type { Address, CustomValues, SourceTouch } from '../schema.ts';
import type { PreparedRow } from './prepare-row.ts';
import { type CompanyRef, resolveCompanies } from './resolve-companies.ts';

export type DedupeMode = 'update' | 'skip' | 'create';

export type BatchContext = {
  client: pg.PoolClient;
  workspaceId: string;
  importId: string;
  filename: string;
  dedupe: DedupeMode;
  source: SourceTouch;
  actorId: string | null;
  /**
   * Right after a batch, the new addresses sit in the GIN indexes' pending lists, which every probe scans in full:
   * flushing them first keeps 10,000 probes at milliseconds. Off when the database role may not (it must own them).
   */
  cleanGinPendingLists: boolean;
  /** Companies resolved by earlier committed batches of this run: name as written → company. */
  companyCache: Map<string, CompanyRef>;
  /** Companies this batch resolved; the runner moves them into the cache once the batch commits. */
  companyStaged: Map<string, CompanyRef>;
};

export type BatchResult = { created: number; updated: number; skipped: number };

type Rec = {
  id: string;
  isNew: boolean;
  dirty: boolean;
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  address: Address;
  country: string | null;
  language: string | null;
  website: string | null;
  social: Record<string, string>;
  tags: string[];
  lifecycleStage: string | null;
  custom: CustomValues;
  notes: string[];
};

/**
 * The dedupe lookup, shaped so no plan can degenerate. A single `emails && $keys` lets the planner prefer the
 * workspace index and test the 5,000-key array against every contact (minutes on 100k contacts, measured), so each
 * key gets its own GIN probe: the `offset 0` fences keep the lateral subqueries parameterised, and leaving the
 * workspace out of them leaves the GIN index as their only index. The matches are then fetched and locked one by
 * one through the primary key (the only sensible path whatever the statistics say), in id order, so two writers
 * locking the same contacts cannot deadlock on the order.
 */
const LOOKUP_SQL = `
  with matched as (
    select x.id from unnest($2::text[]) as k(v)
      cross join lateral (select id, workspace_id from contacts where emails @> array[k.v] offset 0) x
     where x.workspace_id = $1
    union
    select x.id from unnest($3::text[]) as k(v)
      cross join lateral (select id, workspace_id from contacts where phones @> array[k.v] offset 0) x
     where x.workspace_id = $1
  )
  select c.* from (select id from matched order by id) m
   cross join lateral (
     select id, first_name as "firstName", last_name as "lastName", emails, phones, title, company_id as "companyId",
            company_name as "companyName", address, country, language, website, social, tags,
            lifecycle_stage as "lifecycleStage", custom
       from contacts
      where workspace_id = $1 and id = m.id and merged_into_id is null and erased_at is null
     offset 0
        for update
   ) c
   order by c.id`;

/** The columns both the insert and the update read from the batch's JSON. */
const RECORD_TYPE = `id uuid, first_name text, last_name text, emails text[], phones text[], title text,
  company_id uuid, company_name text, address jsonb, country text, language text, website text, social jsonb,
  tags text[], lifecycle_stage text, custom jsonb`;

const toJson = (r: Rec) => ({
  id: r.id,
  first_name: r.firstName,
  last_name: r.lastName,
  emails: r.emails,
  phones: r.phones,
  title: r.title,
  company_id: r.companyId,
  company_name: r.companyName,
  address: r.address,
  country: r.country,
  language: r.language,
  website: r.website,
  social: r.social,
  tags: r.tags,
  lifecycle_stage: r.lifecycleStage,
  custom: r.custom,
});

const pushNew = (into: string[], from: readonly string[]) => {
  for (const v of from) if (!into.includes(v)) into.push(v);
};

/**
 * Writes one batch of contacts with a fixed number of statements whatever its size: one dedupe lookup (GIN indexes
 * on emails and phones), one insert, one update, one timeline insert. Duplicates inside the batch resolve in
 * memory against the same index, so "earlier in the file" and "already in the CRM" are the same case.
 */
export async function applyContactBatch(ctx: BatchContext, rows: PreparedRow[]): Promise<BatchResult> {
  const { client, workspaceId } = ctx;
  const result: BatchResult = { created: 0, updated: 0, skipped: 0 };
  const byEmail = new Map<string, Rec[]>();
  const byPhone = new Map<string, Rec[]>();
  const index = (rec: Rec, emails: readonly string[], phones: readonly string[]) => {
    for (const e of emails) byEmail.set(e, [...(byEmail.get(e) ?? []), rec]);
    for (const p of phones) byPhone.set(p, [...(byPhone.get(p) ?? []), rec]);
  };

  let candidateRows = rows;
  if (ctx.dedupe !== 'create') {
    const emails = [...new Set(rows.flatMap((r) => r.emails))];
    const phones = [...new Set(rows.flatMap((r) => r.phones))];
    if (emails.length || phones.length) {
      if (ctx.cleanGinPendingLists)
        await client.query(
          `select gin_clean_pending_list('contacts_emails'::regclass), gin_clean_pending_list('contacts_phones'::regclass)`,
        );
      const existing = await client.query<Omit<Rec, 'isNew' | 'dirty' | 'notes'>>(LOOKUP_SQL, [
        workspaceId,
        emails,
        phones,
      ]);
      for (const e of existing.rows) index({ ...e, isNew: false, dirty: false, notes: [] }, e.emails, e.phones);
    }
    // In skip mode a row that matches needs no company either.
    if (ctx.dedupe === 'skip') candidateRows = rows.filter((r) => !findMatch(r, byEmail, byPhone));
  }

  const companyNames = [...new Set(candidateRows.flatMap((r) => (r.companyName ? [r.companyName] : [])))];
  const companies = await resolveCompanies(client, workspaceId, companyNames, ctx);

  const created: Rec[] = [];
  const updated = new Set<Rec>();
  for (const row of rows) {
    const match = ctx.dedupe === 'create' ? null : findMatch(row, byEmail, byPhone);
    if (match && ctx.dedupe === 'skip') {
      result.skipped++;
      continue;
    }
    const company = row.companyName ? companies.get(row.companyName) : undefined;
    if (!match) {
      const rec: Rec = {
        id: newId(),
        isNew: true,
        dirty: false,
        firstName: row.firstName,
        lastName: row.lastName,
        emails: row.emails,
        phones: row.phones,
        title: row.title,
        companyId: company?.id ?? null,
        companyName: company?.name ?? null,
        address: row.address,
        country: row.country,
        language: row.language,
        website: row.website,
        social: row.social,
        tags: row.tags,
        lifecycleStage: row.lifecycleStage,
        custom: row.custom,
        notes: row.notes ? [row.notes] : [],
      };
      created.push(rec);
      index(rec, rec.emails, rec.phones);
      result.created++;
      continue;
    }
    // An address another contact already holds stays with that contact: emails identify exactly one person.
    const freeEmails = row.emails.filter((e) => (byEmail.get(e) ?? []).every((r) => r === match));
    const newEmails = freeEmails.filter((e) => !match.emails.includes(e));
    const newPhones = row.phones.filter((p) => !match.phones.includes(p));
    pushNew(match.emails, newEmails);
    pushNew(match.phones, newPhones);
    index(match, newEmails, newPhones);
    match.firstName = row.firstName ?? match.firstName;
    match.lastName = row.lastName ?? match.lastName;
    match.title = row.title ?? match.title;
    if (company) {
      match.companyId = company.id;
      match.companyName = company.name;
    }
    match.address = { ...match.address, ...row.address };
    match.country = row.country ?? match.country;
    match.language = row.language ?? match.language;
    match.website = row.website ?? match.website;
    match.social = { ...match.social, ...row.social };
    match.tags = [...match.tags];
    pushNew(match.tags, row.tags);
    match.lifecycleStage = row.lifecycleStage ?? match.lifecycleStage;
    match.custom = { ...match.custom, ...row.custom };
    if (row.notes) match.notes.push(row.notes);
    if (!match.isNew) {
      match.dirty = true;
      updated.add(match);
    }
    result.updated++;
  }

  const source = JSON.stringify(ctx.source);
  if (created.length) {
    await client.query(
      `insert into contacts (workspace_id, id, first_name, last_name, emails, phones, title, company_id, company_name,
         address, country, language, website, social, tags, lifecycle_stage, custom, first_source, latest_source,
         source_channel)
       select $1, r.id, r.first_name, r.last_name, r.emails, r.phones, r.title, r.company_id, r.company_name,
         r.address, r.country, r.language, r.website, r.social, r.tags, coalesce(r.lifecycle_stage, 'lead'), r.custom,
         $3::jsonb, $3::jsonb, $4
         from json_to_recordset($2::json) as r(${RECORD_TYPE})`,
      [workspaceId, JSON.stringify(created.map(toJson)), source, ctx.source.channel],
    );
  }
  if (updated.size) {
    await client.query(
      `update contacts c set first_name = r.first_name, last_name = r.last_name, emails = r.emails, phones = r.phones,
         title = r.title, company_id = r.company_id, company_name = r.company_name, address = r.address,
         country = r.country, language = r.language, website = r.website, social = r.social, tags = r.tags,
         lifecycle_stage = coalesce(r.lifecycle_stage, c.lifecycle_stage), custom = r.custom,
         latest_source = $3::jsonb, first_source = coalesce(c.first_source, $3::jsonb),
         source_channel = coalesce(c.source_channel, $4), updated_at = now()
         from json_to_recordset($2::json) as r(${RECORD_TYPE})
        where c.workspace_id = $1 and c.id = r.id`,
      [workspaceId, JSON.stringify([...updated].map(toJson)), source, ctx.source.channel],
    );
  }
  await insertTimeline(ctx, [
    ...created.map((r) => ({ rec: r, action: 'created' as const })),
    ...[...updated].map((r) => ({ rec: r, action: 'updated' as const })),
  ]);
  return result;
}

function findMatch(row: PreparedRow, byEmail: Map<string, Rec[]>, byPhone: Map<string, Rec[]>): Rec | null {
  let best: Rec | null = null;
  // Email is the stronger identity: phone decides only when no address matches. Among several, the oldest wins.
  for (const e of row.emails) for (const r of byEmail.get(e) ?? []) if (!best || r.id < best.id) best = r;
  if (best) return best;
  for (const p of row.phones) for (const r of byPhone.get(p) ?? []) if (!best || r.id < best.id) best = r;
  return best;
}

/**
 * One statement for the batch's timeline (an `import` entry per touched contact, a `note` per imported note):
 * `appendTimeline` binds ten parameters per entry and would hit PostgreSQL's 65,535-parameter cap on a full batch.
 */
async function insertTimeline(ctx: BatchContext, touched: { rec: Rec; action: 'created' | 'updated' }[]) {
  if (!touched.length) return;
  const entries: { id: string; contact_id: string; kind: string; data: Record<string, unknown> }[] = [];
  for (const { rec, action } of touched) {
    entries.push({
      id: newId(),
      contact_id: rec.id,
      kind: 'import',
      data: { importId: ctx.importId, filename: ctx.filename, action },
    });
    if (rec.notes.length)
      entries.push({
        id: newId(),
        contact_id: rec.id,
        kind: 'note',
        data: { body: rec.notes.join('\n\n'), importId: ctx.importId },
      });
  }
  await ctx.client.query(
    `insert into timeline_entries (workspace_id, id, contact_id, kind, module, actor_id, data)
     select $1, e.id, e.contact_id, e.kind, 'crm', $3, e.data
       from json_to_recordset($2::json) as e(id uuid, contact_id uuid, kind text, data jsonb)`,
    [ctx.workspaceId, JSON.stringify(entries), ctx.actorId],
  );
}
