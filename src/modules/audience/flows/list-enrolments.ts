import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { TEnrolment } from './contracts.ts';
import { getFlowRow } from './flow-row.ts';
import type { EnrolmentStatus } from './schema.ts';

type Row = {
  id: string;
  flow_id: string;
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  status: EnrolmentStatus;
  current_step_id: string | null;
  next_run_at: string | Date | null;
  flow_version: number;
  exit_reason: string | null;
  trigger_data: Record<string, unknown>;
  started_at: string | Date;
  finished_at: string | Date | null;
};

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

function toEnrolment(r: Row): TEnrolment {
  const name = [r.first_name, r.last_name].filter(Boolean).join(' ').trim();
  return {
    id: r.id,
    flowId: r.flow_id,
    contactId: r.contact_id,
    contactName: name || r.email || null,
    contactEmail: r.email,
    status: r.status,
    currentStepId: r.current_step_id,
    nextRunAt: date(r.next_run_at),
    flowVersion: r.flow_version,
    exitReason: r.exit_reason,
    trigger: r.trigger_data,
    startedAt: new Date(r.started_at),
    finishedAt: date(r.finished_at),
  };
}

/**
 * Enrolments with the contact's name and address, newest first. Joins the CRM's contacts table for display only
 * (a contact deleted since shows without a name).
 */
async function selectEnrolments(db: DbOrTx, where: SQL[], limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor, 1);
  if (after) where.push(sql`e.id < ${String(after[0])}`);
  const rows = await db.execute<Row>(sql`
    select e.id, e.flow_id, e.contact_id, c.first_name, c.last_name, c.emails[1] as email, e.status, e.current_step_id,
      e.next_run_at, e.flow_version, e.exit_reason, e.trigger_data, e.started_at, e.finished_at
    from audience_flow_enrolments e
    left join contacts c on c.workspace_id = e.workspace_id and c.id = e.contact_id
    where ${sql.join(where, sql` and `)}
    order by e.id desc
    limit ${limit + 1}`);
  const more = rows.rows.length > limit;
  const page = (more ? rows.rows.slice(0, limit) : rows.rows).map(toEnrolment);
  return { data: page, nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null };
}

export async function listEnrolments({
  db,
  workspaceId,
  flowId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  flowId: string;
  query: {
    status?: EnrolmentStatus | undefined;
    contactId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  };
}) {
  await getFlowRow(db, workspaceId, flowId);
  const where = [sql`e.workspace_id = ${workspaceId}`, sql`e.flow_id = ${flowId}`];
  if (query.status) where.push(sql`e.status = ${query.status}`);
  if (query.contactId) where.push(sql`e.contact_id = ${query.contactId}`);
  return selectEnrolments(db, where, query.limit, query.cursor);
}

/** Every flow a contact is or was in (for the contact's page). */
export async function listContactEnrolments({
  db,
  workspaceId,
  query,
}: {
  db: DbOrTx;
  workspaceId: string;
  query: { contactId: string; limit: number; cursor?: string | undefined };
}) {
  return selectEnrolments(
    db,
    [sql`e.workspace_id = ${workspaceId}`, sql`e.contact_id = ${query.contactId}`],
    query.limit,
    query.cursor,
  );
}

/** One enrolment and what happened at each step, in order, with the step names of the version it walks. */
export async function getEnrolment({
  db,
  workspaceId,
  flowId,
  enrolmentId,
}: {
  db: DbOrTx;
  workspaceId: string;
  flowId: string;
  enrolmentId: string;
}) {
  const { data } = await selectEnrolments(
    db,
    [sql`e.workspace_id = ${workspaceId}`, sql`e.flow_id = ${flowId}`, sql`e.id = ${enrolmentId}`],
    1,
    undefined,
  );
  const enrolment = data[0];
  if (!enrolment) throw AppError.notFound('Enrolment');
  const history = await db.execute<{
    step_id: string;
    step_type: string;
    entered_at: string | Date;
    finished_at: string | Date | null;
    outcome: string;
    details: Record<string, unknown>;
    step_name: string | null;
  }>(sql`
    select h.step_id, h.step_type, h.entered_at, h.finished_at, h.outcome, h.details,
      (select n->>'name' from jsonb_array_elements(v.graph->'nodes') n where n->>'id' = h.step_id limit 1) as step_name
    from audience_flow_history h
    left join audience_flow_versions v
      on v.workspace_id = h.workspace_id and v.flow_id = h.flow_id and v.version = ${enrolment.flowVersion}
    where h.workspace_id = ${workspaceId} and h.enrolment_id = ${enrolmentId}
    order by h.seq`);
  return {
    ...enrolment,
    history: history.rows.map((h) => ({
      stepId: h.step_id,
      stepType: h.step_type,
      stepName: h.step_name,
      enteredAt: new Date(h.entered_at),
      finishedAt: date(h.finished_at),
      outcome: h.outcome,
      details: h.details,
    })),
  };
}
