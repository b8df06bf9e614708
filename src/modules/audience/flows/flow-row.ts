import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TFlow } from './contracts.ts';
import { checkGraph, type FlowTrigger } from './graph.ts';
import { flowEnrolments, flows } from './schema.ts';

export type FlowRow = typeof flows.$inferSelect;

/** The date trigger has no domain event: the hourly anniversary job is its source. */
export const ANNIVERSARY_EVENT = 'flow.anniversary';

/** The domain event a trigger listens to (what `audience_flows.trigger_event` holds). */
export function triggerEventOf(trigger: FlowTrigger): string | null {
  switch (trigger.type) {
    case 'list_subscribed':
      return 'audience.subscribed';
    case 'form_submitted':
      return 'audience.form_submitted';
    case 'tag_added':
      return 'contact.tag_added';
    case 'tag_removed':
      return 'contact.tag_removed';
    case 'lifecycle_stage_changed':
      return 'contact.lifecycle_stage_changed';
    case 'deal_stage_changed':
      return 'deal.stage_changed';
    case 'date_anniversary':
      return ANNIVERSARY_EVENT;
    case 'custom_event':
      return 'contact.event';
    case 'domain_event':
      return trigger.config.eventType;
    case 'manual':
      return null;
  }
}

export async function getFlowRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<FlowRow> {
  const q = db
    .select()
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Flow');
  return row;
}

export type EnrolmentCounts = TFlow['enrolments'];
const zero = (): EnrolmentCounts => ({ active: 0, waiting: 0, completed: 0, exited: 0, failed: 0, total: 0 });

export async function enrolmentCounts(
  db: DbOrTx,
  workspaceId: string,
  flowIds: string[],
): Promise<Map<string, EnrolmentCounts>> {
  const out = new Map<string, EnrolmentCounts>(flowIds.map((id) => [id, zero()]));
  if (!flowIds.length) return out;
  const rows = await db
    .select({ flowId: flowEnrolments.flowId, status: flowEnrolments.status, n: sql<number>`count(*)::int` })
    .from(flowEnrolments)
    .where(and(eq(flowEnrolments.workspaceId, workspaceId), inArray(flowEnrolments.flowId, flowIds)))
    .groupBy(flowEnrolments.flowId, flowEnrolments.status);
  for (const r of rows) {
    const c = out.get(r.flowId)!;
    c[r.status] = r.n;
    c.total += r.n;
  }
  return out;
}

export function toFlow(row: FlowRow, counts: EnrolmentCounts = zero()): TFlow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    trigger: row.trigger,
    graph: row.graph,
    reentry: row.reentry,
    reentryDays: row.reentryDays,
    version: row.version,
    templateKey: row.templateKey,
    webhookSecret: row.webhookSecret,
    issues: checkGraph(row.graph),
    enrolments: counts,
    activatedAt: row.activatedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function getFlow({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  const row = await getFlowRow(db, workspaceId, id);
  return toFlow(row, (await enrolmentCounts(db, workspaceId, [id])).get(id));
}
