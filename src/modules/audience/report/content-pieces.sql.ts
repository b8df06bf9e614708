import { type SQL, sql } from 'drizzle-orm';
import { ATTRIBUTION_DAYS } from '../calendar/figures-sql.ts';

/**
 * The content performance report's one source of rows: every "piece" of content of the period, with its channel,
 * topic tags and figures. Three kinds, each counted once:
 *   campaign — a campaign whose sending started in the period. Channel: that of the calendar item linked to it, else
 *              newsletter. Tags: its topic tags ∪ the tags of linked calendar items. sent / unique opens / unique
 *              clicks / unsubscribes: distinct messages per event type in email_events (source_id = the campaign).
 *              Sign-ups: contacts whose first touch carried a utm_campaign of a linked calendar item, created from the
 *              start of sending for ATTRIBUTION_DAYS days.
 *   item     — a calendar item dated in the period and not linked to one of those campaigns (blog, LinkedIn, video…).
 *              Sign-ups by its utm_campaign from its day (local midnight) for ATTRIBUTION_DAYS days; a linked webinar
 *              adds its registrations and attendance.
 *   webinar  — a webinar that started in the period and no item of the period links to. Sign-ups: registrants who
 *              became contacts through it (first touch = this event).
 * `from`/`to` are days in the workspace's zone, inclusive. Every statement filters on workspace_id first.
 */
export function contentPiecesCte(workspaceId: string, from: string, to: string, timezone: string): SQL {
  return sql`
with period as (
  select (${from}::date::timestamp at time zone ${timezone}) as p_from,
         ((${to}::date + 1)::timestamp at time zone ${timezone}) as p_to
),
camp as (
  select c.id, c.name, c.started_at as at, c.topic_tags
  from campaigns c cross join period p
  where c.workspace_id = ${workspaceId} and c.started_at >= p.p_from and c.started_at < p.p_to
),
camp_items as (
  select i.campaign_id,
         (array_agg(i.channel order by i.day nulls last, i.id))[1] as channel,
         array_agg(distinct lower(i.utm_campaign)) filter (where i.utm_campaign is not null) as utms
  from calendar_items i
  where i.workspace_id = ${workspaceId} and i.campaign_id in (select id from camp)
  group by i.campaign_id
),
camp_item_tags as (
  select i.campaign_id, array_agg(distinct lower(t)) as tags
  from calendar_items i cross join unnest(i.tags) as t
  where i.workspace_id = ${workspaceId} and i.campaign_id in (select id from camp)
  group by i.campaign_id
),
camp_events as (
  select e.source_id,
         count(distinct e.message_id) filter (where e.type = 'sent') as sent,
         count(distinct e.message_id) filter (where e.type = 'open') as opens,
         count(distinct e.message_id) filter (where e.type = 'click') as clicks,
         count(distinct e.message_id) filter (where e.type = 'unsubscribe') as unsubscribes
  from email_events e
  where e.workspace_id = ${workspaceId} and e.source_id in (select id from camp)
  group by e.source_id
),
camp_signups as (
  select c.id, count(distinct ct.id) as signups
  from camp c
  join camp_items ci on ci.campaign_id = c.id
  join contacts ct on ct.workspace_id = ${workspaceId} and ct.merged_into_id is null
   and lower(ct.first_source->>'campaign') = any(ci.utms)
   and ct.created_at >= c.at and ct.created_at < c.at + make_interval(days => ${ATTRIBUTION_DAYS}::int)
  group by c.id
),
items as (
  select i.id, i.title, i.channel, i.tags, i.utm_campaign, i.webinar_id,
         (i.day::timestamp at time zone ${timezone}) as at
  from calendar_items i
  where i.workspace_id = ${workspaceId} and i.day between ${from}::date and ${to}::date
    and (i.campaign_id is null or i.campaign_id not in (select id from camp))
),
item_signups as (
  select i.id, count(distinct ct.id) as signups
  from items i
  join contacts ct on ct.workspace_id = ${workspaceId} and ct.merged_into_id is null
   and lower(ct.first_source->>'campaign') = lower(i.utm_campaign)
   and ct.created_at >= i.at and ct.created_at < i.at + make_interval(days => ${ATTRIBUTION_DAYS}::int)
  group by i.id
),
item_regs as (
  select i.id, count(*) as registrations, count(*) filter (where r.attended) as attended
  from items i
  join webinar_registrants r on r.workspace_id = ${workspaceId} and r.webinar_id = i.webinar_id
  group by i.id
),
webs as (
  select w.id, w.title, w.tags, w.starts_at as at
  from webinars w cross join period p
  where w.workspace_id = ${workspaceId} and w.starts_at >= p.p_from and w.starts_at < p.p_to
    and w.id not in (select webinar_id from items where webinar_id is not null)
),
web_figures as (
  select r.webinar_id as id, count(*) as registrations, count(*) filter (where r.attended) as attended,
         count(*) filter (where ct.first_source->>'channel' = 'event' and ct.first_source->>'name' = w.title) as signups
  from webs w
  join webinar_registrants r on r.workspace_id = ${workspaceId} and r.webinar_id = w.id
  left join contacts ct on ct.workspace_id = ${workspaceId} and ct.id = r.contact_id
  group by r.webinar_id
),
pieces as (
  select 'campaign'::text as kind, c.id, c.name as title, coalesce(ci.channel, 'newsletter') as channel,
         array(select distinct lower(x) from unnest(c.topic_tags || coalesce(cit.tags, '{}'::text[])) as x order by 1)
           as tags,
         c.at,
         coalesce(ce.sent, 0)::int as sent, coalesce(ce.opens, 0)::int as opens,
         coalesce(ce.clicks, 0)::int as clicks, coalesce(ce.unsubscribes, 0)::int as unsubscribes,
         coalesce(cs.signups, 0)::int as signups, 0 as registrations, 0 as attended
  from camp c
  left join camp_items ci on ci.campaign_id = c.id
  left join camp_item_tags cit on cit.campaign_id = c.id
  left join camp_events ce on ce.source_id = c.id
  left join camp_signups cs on cs.id = c.id
  union all
  select 'item', i.id, i.title, i.channel, i.tags, i.at, 0, 0, 0, 0,
         coalesce(s.signups, 0)::int, coalesce(r.registrations, 0)::int, coalesce(r.attended, 0)::int
  from items i
  left join item_signups s on s.id = i.id
  left join item_regs r on r.id = i.id
  union all
  select 'webinar', w.id, w.title, 'webinar', w.tags, w.at, 0, 0, 0, 0,
         coalesce(f.signups, 0)::int, coalesce(f.registrations, 0)::int, coalesce(f.attended, 0)::int
  from webs w
  left join web_figures f on f.id = w.id
)`;
}

/** Every piece, newest first. */
export const piecesQuery = (cte: SQL) => sql`${cte}
select kind, id, title, channel, tags, at, sent, opens, clicks, unsubscribes, signups, registrations, attended
from pieces order by at desc, id`;

const sums = sql`count(*)::int as pieces, sum(sent)::int as sent, sum(opens)::int as opens, sum(clicks)::int as clicks,
  sum(unsubscribes)::int as unsubscribes, sum(signups)::int as signups, sum(registrations)::int as registrations,
  sum(attended)::int as attended`;

/** Totals per channel. */
export const byChannelQuery = (cte: SQL) => sql`${cte}
select channel as key, ${sums} from pieces group by channel order by sum(signups) desc, sum(opens) desc, channel`;

/** Totals per topic tag: a piece with three tags counts once under each. */
export const byTagQuery = (cte: SQL) => sql`${cte}
select t as key, ${sums} from pieces cross join unnest(tags) as t group by t
order by sum(signups) desc, sum(opens) desc, t`;
