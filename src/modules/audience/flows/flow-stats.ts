import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { enrolmentCounts, getFlowRow } from './flow-row.ts';

/**
 * Per step, over all versions (step ids are stable): how many reached it, finished it, were skipped or failed, are
 * there now, and for email steps how many messages went out and were opened or clicked (by distinct message).
 */
export async function flowStats({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const flow = await getFlowRow(db, workspaceId, id);
  const history = await db.execute<{ step_id: string; outcome: string; n: number }>(sql`
    select step_id, outcome, count(*)::int as n from audience_flow_history
    where workspace_id = ${workspaceId} and flow_id = ${id}
    group by step_id, outcome`);
  const here = await db.execute<{ step_id: string; n: number }>(sql`
    select current_step_id as step_id, count(*)::int as n from audience_flow_enrolments
    where workspace_id = ${workspaceId} and flow_id = ${id} and status in ('active', 'waiting')
    group by current_step_id`);
  // The step is the third part of the dedupe key flow:<enrolment>:<step>.
  const emails = await db.execute<{ step_id: string; sent: number; opened: number; clicked: number }>(sql`
    select split_part(m.dedupe_key, ':', 3) as step_id,
      count(*) filter (where m.status = 'sent')::int as sent,
      count(*) filter (where exists (select 1 from email_events ev where ev.workspace_id = m.workspace_id
        and ev.message_id = m.id and ev.type in ('open', 'click')))::int as opened,
      count(*) filter (where exists (select 1 from email_events ev where ev.workspace_id = m.workspace_id
        and ev.message_id = m.id and ev.type = 'click'))::int as clicked
    from email_messages m
    where m.workspace_id = ${workspaceId} and m.source_id = ${id} and m.source_type = 'flow'
      and m.dedupe_key like 'flow:%'
    group by 1`);
  const count = (step: string, outcomes: string[]) =>
    history.rows.filter((r) => r.step_id === step && outcomes.includes(r.outcome)).reduce((a, r) => a + r.n, 0);
  const counts = (await enrolmentCounts(db, workspaceId, [id])).get(id)!;
  return {
    enrolments: counts,
    steps: flow.graph.nodes.map((n) => {
      const e = emails.rows.find((r) => r.step_id === n.id);
      return {
        stepId: n.id,
        type: n.type,
        name: n.name ?? null,
        entered: history.rows.filter((r) => r.step_id === n.id).reduce((a, r) => a + r.n, 0),
        completed: count(n.id, ['done', 'sent', 'yes', 'no', 'exited']),
        waitingNow: here.rows.find((r) => r.step_id === n.id)?.n ?? 0,
        skipped: count(n.id, ['skipped']),
        failed: count(n.id, ['failed']),
        yes: n.type === 'branch' ? count(n.id, ['yes']) : null,
        no: n.type === 'branch' ? count(n.id, ['no']) : null,
        emails:
          n.type === 'send_email' ? { sent: e?.sent ?? 0, opened: e?.opened ?? 0, clicked: e?.clicked ?? 0 } : null,
      };
    }),
  };
}
