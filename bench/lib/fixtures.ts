// Generates realistic CRM data fast, inside PostgreSQL (INSERT … SELECT FROM generate_series): companies, contacts
// with names across languages, e-mails, E.164 phones, titles, tags, lifecycle stages and sources, and timeline
// notes. Deterministic: row i always gets the same values (hashes of i, no random()), so runs are comparable.
import type pg from 'pg';
import {
  asciiSlug,
  CHANNEL_SHARES,
  COMPANY_PREFIXES,
  COMPANY_WORDS,
  LOCALES,
  NOTE_DETAILS,
  NOTE_OPENERS,
  NOTE_PRODUCTS,
  NOTE_TOPICS,
  nameParts,
  STAGES,
  TAGS,
  TITLES,
} from './names.ts';

export type FixtureOptions = {
  workspaceId: string;
  contacts: number;
  companies: number;
  /** Average timeline notes per contact (a third of that share of contacts gets two, as many get one). */
  notesPerContact: number;
  /** Contacts are spread over this many days before now. */
  spanDays?: number;
};

export type FixtureStats = {
  contacts: number;
  companies: number;
  notes: number;
  seconds: { companies: number; contacts: number; notes: number; indexes: number; vacuum: number };
};

/** A uniform number in [0, 1) from `expr` (an int4 SQL expression) and a seed. */
const u = (expr: string, seed: number) =>
  `((hashint4extended(${expr}, ${seed}) & 2147483647) % 1000003)::float8 / 1000003`;
/** A uniform number in [0, 1) from a text SQL expression and a seed. */
const ut = (expr: string, seed: number) =>
  `((hashtext(${expr} || ':${seed}') & 2147483647) % 1000003)::float8 / 1000003`;
/** Element of array `arr` chosen by uniform `uExpr`; skew > 1 favours the front of the array. */
const pick = (arr: string, uExpr: string, skew = 1) =>
  `${arr}[1 + floor(cardinality(${arr}) * power(${uExpr}, ${skew}))::int]`;
/** A UUIDv7 (what the app makes) from a timestamp and a text that makes the random bits unique. */
const v7 = (ts: string, uniq: string) =>
  `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${uniq}), 1, 3) || substr('89ab', 1 + (hashtext(${uniq}) & 3), 1) || substr(md5(${uniq}), 4, 15))::uuid`;

/** An int[] of 1000 entries where each index appears in proportion to its weight: a weighted pick by one lookup. */
function weighted(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  weights.forEach((w, i) => {
    const n = Math.round((w / total) * 1000);
    for (let k = 0; k < n; k++) out.push(i);
  });
  while (out.length < 1000) out.push(0);
  return out.slice(0, 1000);
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

type IndexDef = { name: string; def: string };

/** Secondary indexes of the tables we bulk-load: dropped before, rebuilt after (far faster than row-by-row upkeep). */
async function secondaryIndexes(client: pg.ClientBase, tables: string[]): Promise<IndexDef[]> {
  const r = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def
       from pg_indexes i
       join pg_class c on c.relname = i.indexname
       join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename = any($1::text[]) and not x.indisprimary and not x.indisunique`,
    [tables],
  );
  return r.rows;
}

export async function generateFixtures(
  client: pg.ClientBase,
  opts: FixtureOptions,
  progress: (msg: string) => void = () => undefined,
): Promise<FixtureStats> {
  const span = opts.spanDays ?? 1095;
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`set work_mem = '256MB'`);

  const tables = ['contacts', 'companies', 'timeline_entries'];
  const indexes = await secondaryIndexes(client, tables);
  for (const ix of indexes) await client.query(`drop index if exists "${ix.name}"`);

  // Locales as a small temp table: names, cities, phone shapes.
  await client.query(`drop table if exists bench_loc, bench_co`);
  await client.query(`create temp table bench_loc (
    l int primary key, country text, language text, firsts text[], firsts_ascii text[], lasts text[], lasts_ascii text[],
    cities text[], phone_prefixes text[], digits int, tld text, legal text, freemail text[])`);
  for (const [l, loc] of LOCALES.entries()) {
    const f = loc.firsts.map(nameParts);
    const s = loc.lasts.map(nameParts);
    await client.query(`insert into bench_loc values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
      l,
      loc.country,
      loc.language,
      f.map((x) => x.display),
      f.map((x) => x.ascii),
      s.map((x) => x.display),
      s.map((x) => x.ascii),
      loc.cities,
      loc.phonePrefixes,
      loc.digits,
      loc.tld,
      loc.legal,
      loc.freemail,
    ]);
  }
  const localePick = weighted(LOCALES.map((l) => l.weight));

  // Companies.
  let t0 = performance.now();
  await client.query(
    `create temp table bench_co as
     select k, l, name, domain, created, ${v7('created', `'co' || k`)} as id
     from (
       select k, L.l,
         ($1::text[])[1 + k % cardinality($1::text[])] || ' ' || ($2::text[])[1 + (k / cardinality($1::text[])) % cardinality($2::text[])] || ' ' || L.legal as name,
         ($3::text[])[1 + k % cardinality($1::text[])] || ($4::text[])[1 + (k / cardinality($1::text[])) % cardinality($2::text[])]
           || case when k >= cardinality($1::text[]) * cardinality($2::text[]) then (k / (cardinality($1::text[]) * cardinality($2::text[])))::text else '' end
           || L.tld as domain,
         now() - interval '1 day' * (${span} + 400) * ${u('k', 31)} as created
       from generate_series(0, $5::int - 1) k
       join bench_loc L on L.l = ($6::int[])[1 + floor(1000 * ${u('k', 32)})::int]
     ) x`,
    [
      COMPANY_PREFIXES,
      COMPANY_WORDS,
      COMPANY_PREFIXES.map(asciiSlug),
      COMPANY_WORDS.map(asciiSlug),
      opts.companies,
      localePick,
    ],
  );
  await client.query(`alter table bench_co add primary key (k)`);
  await client.query(`analyze bench_co`);
  await client.query(
    `insert into companies (workspace_id, id, name, domain, website, country, created_at, updated_at)
     select $1::uuid, co.id, co.name, co.domain, 'https://www.' || co.domain, L.country, co.created, co.created
     from bench_co co join bench_loc L using (l)`,
    [opts.workspaceId],
  );
  const tCompanies = seconds(t0);
  progress(`${opts.companies.toLocaleString('en')} companies in ${tCompanies} s`);

  // Contacts: 70 % work at a company (and share its locale); the rest use free-mail addresses.
  t0 = performance.now();
  const stagePick = weighted(STAGES.map(([, w]) => w)).map((i) => STAGES[i]?.[0] ?? 'lead');
  const channelPick = weighted(CHANNEL_SHARES.map(([, w]) => w)).map((i) => CHANNEL_SHARES[i]?.[0] ?? 'import');
  const ins = await client.query(
    `insert into contacts (workspace_id, id, first_name, last_name, emails, phones, title, company_id, company_name,
       address, country, language, tags, lifecycle_stage, first_source, latest_source, source_channel, created_at, updated_at)
     select $1::uuid, ${v7('b.created', `'c' || b.i`)}, b.fn, b.ln,
       case when b.u_mail < 0.92 then array[b.local || '@' || b.domain]
              || case when b.u_mail < 0.06 then array[b.fa || '.' || b.la || '@' || b.free] else '{}'::text[] end
            else '{}'::text[] end,
       case when b.u_phone < 0.7 then array[b.phone] else '{}'::text[] end,
       b.title, b.co_id, b.co_name,
       jsonb_strip_nulls(jsonb_build_object('city', b.city, 'country', b.country)),
       b.country, b.language,
       array_remove(array[b.t1,
         case when b.t2 is distinct from b.t1 then b.t2 end,
         case when b.t3 is distinct from b.t1 and b.t3 is distinct from b.t2 then b.t3 end], null),
       b.stage,
       jsonb_build_object('channel', b.channel, 'name', null, 'campaign', null, 'at', b.created),
       jsonb_build_object('channel', b.channel, 'name', null, 'campaign', null, 'at', b.created),
       b.channel, b.created, least(now(), b.created + interval '1 day' * 400 * b.u_upd)
     from (
       select a.i, a.created, a.u_mail, a.u_phone, a.u_upd, co.id as co_id, co.name as co_name,
         L.country, L.language,
         L.firsts[ix.fi] as fn, L.firsts_ascii[ix.fi] as fa,
         L.lasts[ix.li] as ln, L.lasts_ascii[ix.li] as la,
         case
           when a.u_local < 0.45 then L.firsts_ascii[ix.fi] || '.' || L.lasts_ascii[ix.li]
           when a.u_local < 0.65 then left(L.firsts_ascii[ix.fi], 1) || L.lasts_ascii[ix.li]
           when a.u_local < 0.85 then L.firsts_ascii[ix.fi] || '.' || L.lasts_ascii[ix.li] || (a.i % 97)
           else L.firsts_ascii[ix.fi] || L.lasts_ascii[ix.li] || (1950 + a.i % 56)
         end as local,
         coalesce(co.domain, ${pick('L.freemail', 'a.u_free', 1.5)}) as domain,
         ${pick('L.freemail', 'a.u_free2')} as free,
         ${pick('L.phone_prefixes', 'a.u_pp')}
           || (2 * 10 ^ (L.digits - 1) + (a.i::bigint * 7919 + 13) % (8 * 10 ^ (L.digits - 1))::bigint)::bigint::text as phone,
         case when co.id is not null and a.u_title < 0.8 then ${pick('($4::text[])', 'a.u_title2', 1.3)} end as title,
         ${pick('L.cities', 'a.u_city', 1.5)} as city,
         case when a.u_ntags >= 0.35 then ${pick('($5::text[])', 'a.u_t1', 1.8)} end as t1,
         case when a.u_ntags >= 0.7 then ${pick('($5::text[])', 'a.u_t2', 1.5)} end as t2,
         case when a.u_ntags >= 0.9 then ${pick('($5::text[])', 'a.u_t3', 1.2)} end as t3,
         ($6::text[])[1 + floor(1000 * a.u_stage)::int] as stage,
         ($7::text[])[1 + floor(1000 * a.u_chan)::int] as channel
       from (
         select i,
           now() - interval '1 day' * ${span} * (1 - i::float8 / $2::int) as created,
           case when ${u('i', 2)} < 0.7 then floor($3::int * power(${u('i', 3)}, 1.4))::int end as co_k,
           ${u('i', 1)} as u_loc, ${u('i', 4)} as u_mail, ${u('i', 5)} as u_phone, ${u('i', 6)} as u_upd,
           ${u('i', 7)} as u_local, ${u('i', 8)} as u_free, ${u('i', 9)} as u_free2, ${u('i', 10)} as u_pp,
           ${u('i', 11)} as u_title, ${u('i', 12)} as u_title2, ${u('i', 13)} as u_city, ${u('i', 14)} as u_ntags,
           ${u('i', 15)} as u_t1, ${u('i', 16)} as u_t2, ${u('i', 17)} as u_t3, ${u('i', 18)} as u_stage,
           ${u('i', 19)} as u_chan, ${u('i', 20)} as u_first, ${u('i', 21)} as u_last
         from generate_series(1, $2::int) i
       ) a
       left join bench_co co on co.k = a.co_k
       join bench_loc L on L.l = coalesce(co.l, ($8::int[])[1 + floor(1000 * a.u_loc)::int])
       cross join lateral (select
         1 + floor(cardinality(L.firsts) * power(a.u_first, 1.5))::int as fi,
         1 + floor(cardinality(L.lasts) * power(a.u_last, 1.5))::int as li) ix
     ) b`,
    [opts.workspaceId, opts.contacts, opts.companies, TITLES, TAGS, stagePick, channelPick, localePick],
  );
  const tContacts = seconds(t0);
  progress(`${(ins.rowCount ?? 0).toLocaleString('en')} contacts in ${tContacts} s`);

  // Timeline notes on a share of the contacts, written some time after the contact arrived.
  t0 = performance.now();
  const two = Math.round((opts.notesPerContact / 3) * 1000);
  const one = two * 2;
  const key = `c.id::text || ':' || k`;
  const notes = await client.query(
    `insert into timeline_entries (workspace_id, id, contact_id, company_id, kind, module, at, data)
     select c.workspace_id, ${v7('n.at', key)}, c.id, c.company_id, 'note', 'crm', n.at,
       jsonb_build_object('body', n.body)
     from contacts c
     cross join lateral generate_series(1, case
       when (hashtext(c.id::text) & 1048575) % 1000 < ${two} then 2
       when (hashtext(c.id::text) & 1048575) % 1000 < ${one} then 1
       else 0 end) k
     cross join lateral (select
       c.created_at + (now() - c.created_at) * ${ut(key, 41)} as at,
       ${pick('($1::text[])', ut(key, 42))} || ' ' || coalesce(c.first_name, 'them') || ': '
         || ${pick('($2::text[])', ut(key, 43))} || ' ' || ${pick('($3::text[])', ut(key, 44), 1.3)} || ', '
         || ${pick('($4::text[])', ut(key, 45))}
         || case when ${ut(key, 46)} < 0.35 then ' (PO-' || (100000 + (hashtext(${key}) & 1048575) % 900000) || ')' else '' end
         || '.' as body) n
     where c.workspace_id = $5::uuid`,
    [NOTE_OPENERS, NOTE_TOPICS, NOTE_PRODUCTS, NOTE_DETAILS, opts.workspaceId],
  );
  const tNotes = seconds(t0);
  progress(`${(notes.rowCount ?? 0).toLocaleString('en')} notes in ${tNotes} s`);

  t0 = performance.now();
  for (const ix of indexes) {
    const t1 = performance.now();
    await client.query(ix.def);
    progress(`  index ${ix.name}: ${seconds(t1)} s`);
  }
  const tIndexes = seconds(t0);
  progress(`${indexes.length} secondary indexes rebuilt in ${tIndexes} s`);

  t0 = performance.now();
  await client.query(`drop table if exists bench_loc, bench_co`);
  for (const t of tables) await client.query(`vacuum (analyze) ${t}`);
  const tVacuum = seconds(t0);
  progress(`vacuum analyze in ${tVacuum} s`);

  return {
    contacts: ins.rowCount ?? 0,
    companies: opts.companies,
    notes: notes.rowCount ?? 0,
    seconds: { companies: tCompanies, contacts: tContacts, notes: tNotes, indexes: tIndexes, vacuum: tVacuum },
  };
}
