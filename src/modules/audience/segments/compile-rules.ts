import { type SQL, sql } from 'drizzle-orm';
import { textArray } from '../../../platform/db/sql.ts';
import type { Condition, ContactField, CustomCondition, EmailCondition, FieldCondition, RuleGroup } from './rules.ts';
import { isGroup } from './rules.ts';

// Rule tree → ONE SQL boolean over the contacts table (alias `c`). This file reads the CRM's contacts and consent
// tables and the audience's own tables directly, for bulk work; nothing here writes.
//
// Safety: every value a person typed — strings, numbers, custom field keys, list and campaign ids — is a bound
// parameter (`${…}` in drizzle's sql template), never spliced into the text. The only SQL text chosen from input is
// picked from fixed tables below by enum values the Zod schema already checked.
//
// Speed: membership tests are correlated EXISTS / NOT EXISTS over indexed (workspace_id, contact_id, type, at) columns.
// At the top level of an AND the planner turns them into semi / anti joins (hash joins over a whole workspace); under
// an OR they are probed per contact through the index; for one contact (`contactMatches`) everything is index probes.
// The rules are assumed validated (validate-rules.ts) — the SQL stays safe either way, only the meaning would not.

const txt = (v: unknown): SQL => sql`${String(v)}::text`;
const days = (n: number | undefined): SQL => sql`(now() - make_interval(days => ${n ?? 0}::int))`;
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Text comparisons, case-insensitive; a missing value is "" for contains/empty and distinct from any value. */
function textOp(expr: SQL, op: string, value: unknown): SQL {
  const v = String(value ?? '').toLowerCase();
  switch (op) {
    case 'is':
      return sql`lower(${expr}) = ${txt(v)}`;
    case 'is_not':
      return sql`lower(${expr}) is distinct from ${txt(v)}`;
    case 'contains':
      return sql`lower(${expr}) like ${txt(`%${likeEscape(v)}%`)}`;
    case 'not_contains':
      return sql`coalesce(lower(${expr}), '') not like ${txt(`%${likeEscape(v)}%`)}`;
    case 'starts_with':
      return sql`lower(${expr}) like ${txt(`${likeEscape(v)}%`)}`;
    case 'ends_with':
      return sql`lower(${expr}) like ${txt(`%${likeEscape(v)}`)}`;
    case 'is_empty':
      return sql`coalesce(${expr}, '') = ''`;
    case 'is_not_empty':
      return sql`coalesce(${expr}, '') <> ''`;
    default:
      return sql`false`;
  }
}

/** Emails are stored lower-case, primary first; a rule matches when ANY of the contact's addresses does. */
function emailOp(op: string, value: unknown): SQL {
  const v = String(value ?? '').toLowerCase();
  const anyLike = (pattern: string) =>
    sql`exists (select 1 from unnest(c.emails) as em(a) where em.a like ${txt(pattern)})`;
  switch (op) {
    case 'is':
      return sql`c.emails @> ${textArray([v])}`;
    case 'is_not':
      return sql`not (c.emails @> ${textArray([v])})`;
    case 'contains':
      return anyLike(`%${likeEscape(v)}%`);
    case 'not_contains':
      return sql`not ${anyLike(`%${likeEscape(v)}%`)}`;
    case 'starts_with':
      return anyLike(`${likeEscape(v)}%`);
    case 'ends_with':
      return anyLike(`%${likeEscape(v)}`);
    case 'is_empty':
      return sql`cardinality(c.emails) = 0`;
    case 'is_not_empty':
      return sql`cardinality(c.emails) > 0`;
    default:
      return sql`false`;
  }
}

/** Exact choices (country, stage, channel, owner, select fields). */
function choiceOp(expr: SQL, op: string, value: unknown, norm: (s: string) => string = (s) => s): SQL {
  const vs = strings(value).map(norm);
  switch (op) {
    case 'is':
      return sql`${expr} = ${txt(vs[0] ?? '')}`;
    case 'is_not':
      return sql`${expr} is distinct from ${txt(vs[0] ?? '')}`;
    case 'in':
      return sql`${expr} = any(${textArray(vs)})`;
    case 'not_in':
      return sql`not coalesce(${expr} = any(${textArray(vs)}), false)`;
    case 'is_empty':
      return sql`coalesce(${expr}, '') = ''`;
    case 'is_not_empty':
      return sql`coalesce(${expr}, '') <> ''`;
    default:
      return sql`false`;
  }
}

const FIELD_EXPR: Record<Exclude<ContactField, 'email' | 'created_at'>, SQL> = {
  first_name: sql`c.first_name`,
  last_name: sql`c.last_name`,
  company: sql`c.company_name`,
  title: sql`c.title`,
  country: sql`c.country`,
  language: sql`lower(c.language)`,
  lifecycle_stage: sql`c.lifecycle_stage`,
  source_channel: sql`c.source_channel`,
  owner: sql`c.owner_id::text`,
};

function fieldCondition(c: FieldCondition): SQL {
  switch (c.field) {
    case 'email':
      return emailOp(c.op, c.value);
    case 'created_at':
      switch (c.op) {
        case 'before':
          return sql`c.created_at < ${txt(c.value)}::date`;
        case 'after':
          return sql`c.created_at >= (${txt(c.value)}::date + 1)`;
        case 'within_last':
          return sql`c.created_at >= ${days(c.days)}`;
        case 'not_within_last':
          return sql`c.created_at < ${days(c.days)}`;
        default:
          return sql`false`;
      }
    case 'first_name':
    case 'last_name':
    case 'company':
    case 'title':
      return textOp(FIELD_EXPR[c.field], c.op, c.value);
    case 'country':
      return choiceOp(FIELD_EXPR.country, c.op, c.value, (s) => s.toUpperCase());
    case 'language':
      return choiceOp(FIELD_EXPR.language, c.op, c.value, (s) => s.toLowerCase());
    default:
      return choiceOp(FIELD_EXPR[c.field], c.op, c.value);
  }
}

/**
 * Custom fields live in `c.custom` (jsonb), keyed by the field's key (a bound parameter). The SQL is robust to the
 * stored type (a number compare only reads JSON numbers); which operators a field accepts follows its definition.
 */
function customCondition(c: CustomCondition): SQL {
  const k = txt(c.key);
  const j = sql`(c.custom -> ${k})`;
  const s = sql`(c.custom ->> ${k})`;
  const num = sql`(case when jsonb_typeof(${j}) = 'number' then (${s})::numeric end)`;
  const empty = sql`(${j} is null or jsonb_typeof(${j}) = 'null' or ${s} = '' or ${j} = '[]'::jsonb)`;
  const n = sql`${Number(c.value)}::numeric`;
  switch (c.op) {
    case 'is':
      // Containment (`@>`) rather than ->>: same meaning for text and choices, and a GIN index on custom can serve it.
      return sql`c.custom @> ${JSON.stringify({ [c.key]: String(c.value) })}::jsonb`;
    case 'is_not':
      return sql`not (c.custom @> ${JSON.stringify({ [c.key]: String(c.value) })}::jsonb)`;
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return textOp(s, c.op, c.value);
    case 'in':
    case 'not_in':
      return choiceOp(s, c.op, c.value);
    case 'is_empty':
      return empty;
    case 'is_not_empty':
      return sql`not ${empty}`;
    case 'eq':
      return sql`${num} = ${n}`;
    case 'neq':
      return sql`${num} is distinct from ${n}`;
    case 'gt':
      return sql`${num} > ${n}`;
    case 'gte':
      return sql`${num} >= ${n}`;
    case 'lt':
      return sql`${num} < ${n}`;
    case 'lte':
      return sql`${num} <= ${n}`;
    // Dates are stored as YYYY-MM-DD strings, which sort as the dates do.
    case 'before':
      return sql`${s} < ${txt(c.value)}`;
    case 'after':
      return sql`${s} > ${txt(c.value)}`;
    case 'within_last':
      return sql`(${s} >= to_char(current_date - ${c.days ?? 0}::int, 'YYYY-MM-DD') and ${s} <= to_char(current_date, 'YYYY-MM-DD'))`;
    case 'not_within_last':
      return sql`${s} < to_char(current_date - ${c.days ?? 0}::int, 'YYYY-MM-DD')`;
    case 'has_any':
      return sql`coalesce(jsonb_exists_any(${j}, ${textArray(strings(c.value))}), false)`;
    case 'has_all':
      return sql`coalesce(jsonb_exists_all(${j}, ${textArray(strings(c.value))}), false)`;
    case 'has_none':
      return sql`not coalesce(jsonb_exists_any(${j}, ${textArray(strings(c.value))}), false)`;
    case 'is_true':
      return sql`${j} = 'true'::jsonb`;
    case 'is_false':
      return sql`${j} = 'false'::jsonb`;
    default:
      return sql`false`;
  }
}

/** "At least N" of a correlated row set: EXISTS for 1 (becomes a semi-join), a bounded count above. */
function atLeast(from: SQL, n: number | undefined): SQL {
  if (!n || n <= 1) return sql`exists (select 1 ${from})`;
  return sql`(select count(*) from (select 1 ${from} limit ${n}::int) as n_) >= ${n}::int`;
}

const ACTIVITY = {
  sent: { count: sql`a.sent_count`, last: sql`a.last_sent_at` },
  open: { count: sql`a.open_count`, last: sql`a.last_open_at` },
  click: { count: sql`a.click_count`, last: sql`a.last_click_at` },
} as const;

/**
 * Activity over any email ("no open in 90 days", "received at least 5") is answered from the per-contact summary
 * (contact_email_activity), one row per contact, instead of counting events. Rules about one campaign, or "at least
 * N within M days", need the events themselves: null sends them there.
 */
function fromActivity(ws: string, type: keyof typeof ACTIVITY, c: EmailCondition): SQL | null {
  if (c.campaignId) return null;
  const n = Math.max(c.atLeast ?? 1, 1);
  if (c.withinDays && n > 1) return null;
  const col = ACTIVITY[type];
  const test = c.withinDays ? sql`${col.last} >= ${days(c.withinDays)}` : sql`${col.count} >= ${n}::int`;
  const q = sql`exists (select 1 from contact_email_activity a where a.workspace_id = ${ws} and a.contact_id = c.id
    and ${test})`;
  return c.op.startsWith('not_') ? sql`not ${q}` : q;
}

function condition(ws: string, c: Condition): SQL {
  switch (c.kind) {
    case 'field':
      return fieldCondition(c);
    case 'custom':
      return customCondition(c);
    case 'tags': {
      const tags = textArray(c.tags);
      if (c.op === 'has_any') return sql`c.tags && ${tags}`;
      if (c.op === 'has_all') return sql`c.tags @> ${tags}`;
      return sql`not (c.tags && ${tags})`;
    }
    case 'consent': {
      const current = sql`coalesce((select ce.status from consent_events ce
        where ce.workspace_id = ${ws} and ce.contact_id = c.id and ce.channel = ${txt(c.channel)}
        order by ce.at desc, ce.id desc limit 1), 'none')`;
      return c.op === 'is' ? sql`${current} = ${txt(c.status)}` : sql`${current} <> ${txt(c.status)}`;
    }
    case 'list': {
      const status = c.op === 'not_subscribed' ? 'subscribed' : c.op;
      const q = sql`exists (select 1 from list_members m where m.workspace_id = ${ws} and m.list_id = ${c.listId}::uuid
        and m.contact_id = c.id and m.status = ${txt(status)})`;
      return c.op === 'not_subscribed' ? sql`not ${q}` : q;
    }
    case 'email': {
      const type = c.op.endsWith('opened') ? 'open' : c.op.endsWith('clicked') ? 'click' : 'sent';
      const summary = fromActivity(ws, type, c);
      if (summary) return summary;
      const from = sql`from email_events e where e.workspace_id = ${ws} and e.contact_id = c.id and e.type = ${txt(type)}
        ${c.campaignId ? sql`and e.source_id = ${c.campaignId}::uuid` : sql``}
        ${c.withinDays ? sql`and e.at >= ${days(c.withinDays)}` : sql``}`;
      return c.op.startsWith('not_') ? sql`not exists (select 1 ${from})` : atLeast(from, c.atLeast);
    }
    case 'event': {
      const from = sql`from contact_events ev where ev.workspace_id = ${ws} and ev.contact_id = c.id
        and ev.type = ${txt(c.type)}
        ${c.withinDays ? sql`and ev.at >= ${days(c.withinDays)}` : sql``}
        ${c.property ? sql`and ev.properties -> ${txt(c.property.key)} = ${JSON.stringify(c.property.value)}::jsonb` : sql``}`;
      return c.op === 'not_happened' ? sql`not exists (select 1 ${from})` : atLeast(from, c.atLeast);
    }
    case 'webinar': {
      const type = c.op === 'no_show' ? 'webinar.no_show' : 'webinar.attended';
      const q = sql`exists (select 1 from contact_events ev where ev.workspace_id = ${ws} and ev.contact_id = c.id
        and ev.type = ${txt(type)}
        ${c.webinarId ? sql`and ev.properties -> 'webinarId' = ${JSON.stringify(c.webinarId)}::jsonb` : sql``}
        ${c.withinDays ? sql`and ev.at >= ${days(c.withinDays)}` : sql``})`;
      return c.op === 'not_attended' ? sql`not ${q}` : q;
    }
  }
}

/** The rule tree as one SQL boolean over `contacts c`. An empty group matches every contact. */
export function compileRules(workspaceId: string, group: RuleGroup): SQL {
  const parts = group.rules.map((n) => (isGroup(n) ? compileRules(workspaceId, n) : condition(workspaceId, n)));
  if (!parts.length) return sql`true`;
  if (parts.length === 1) return parts[0]!;
  return sql`(${sql.join(parts, group.op === 'and' ? sql` and ` : sql` or `)})`;
}

/** Contacts a segment may contain: this workspace's, not merged into another, not erased. */
export const liveContacts = (workspaceId: string): SQL =>
  sql`c.workspace_id = ${workspaceId} and c.merged_into_id is null and c.erased_at is null`;

/**
 * A SQL query selecting the ids (`id`) of the contacts matching `rules`, to embed in a larger statement
 * (`… where contact_id in (${segmentQuery(ws, rules)})`, `insert into … select …`). Pure: validate rules first
 * (`validateRules`, done when a segment is saved).
 */
export function segmentQuery(workspaceId: string, rules: RuleGroup): SQL {
  return sql`select c.id from contacts c where ${liveContacts(workspaceId)} and ${compileRules(workspaceId, rules)}`;
}
