import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { textArray } from '../../../platform/db/sql.ts';
import { defineJob } from '../../../platform/jobs/queue.ts';
import type { Logger } from '../../../platform/logger.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import { enrolContact } from './enrol-contact.ts';
import { ANNIVERSARY_EVENT, type FlowRow } from './flow-row.ts';
import { flows } from './schema.ts';
import { anniversaryDays, safeZone } from './time.ts';

/**
 * Contacts whose date (created_at or a custom date field) has today's month and day in the workspace's time zone,
 * from an earlier year, and who were not yet enrolled for today. Reads the CRM's contacts table directly: a bulk
 * question no CRM use case answers.
 */
async function contactsWithAnniversary(db: Db, flow: FlowRow, tz: string, now: Date) {
  if (flow.trigger.type !== 'date_anniversary') return { date: '', ids: [] as string[] };
  const { date, monthDays, year } = anniversaryDays(now, tz);
  const field = flow.trigger.config.field;
  const match =
    field === 'created_at'
      ? sql`to_char(c.created_at at time zone ${tz}, 'MM-DD') = any(${textArray(monthDays)})
          and extract(year from c.created_at at time zone ${tz}) < ${year}`
      : sql`c.custom->>${field.slice('custom.'.length)} ~ '^\\d{4}-\\d{2}-\\d{2}'
          and substr(c.custom->>${field.slice('custom.'.length)}, 6, 5) = any(${textArray(monthDays)})
          and substr(c.custom->>${field.slice('custom.'.length)}, 1, 4)::int < ${year}`;
  const rows = await db.execute<{ id: string }>(sql`
    select c.id from contacts c
    where c.workspace_id = ${flow.workspaceId} and c.merged_into_id is null and c.erased_at is null and ${match}
      and not exists (
        select 1 from audience_flow_enrolments e
        where e.workspace_id = c.workspace_id and e.flow_id = ${flow.id}
          and e.trigger_key = ${`anniversary:${date}:`} || c.id::text)
    limit 5000`);
  return { date, ids: rows.rows.map((r) => r.id) };
}

/**
 * Hourly rather than daily: "today" starts at a different hour in every workspace's time zone, and the trigger key
 * (`anniversary:<local date>`) makes every later run of the same local day a no-op for those already enrolled.
 */
export async function enrolAnniversaries(db: Db, logger: Logger, now = new Date()): Promise<number> {
  const due = await db
    .select()
    .from(flows)
    .where(and(eq(flows.triggerEvent, ANNIVERSARY_EVENT), eq(flows.status, 'active')));
  let enrolled = 0;
  for (const flow of due) {
    try {
      const tz = safeZone((await getWorkspaceInfo(db, flow.workspaceId))?.timezone);
      const { date, ids } = await contactsWithAnniversary(db, flow, tz, now);
      for (const contactId of ids) {
        const r = await enrolContact(db, {
          workspaceId: flow.workspaceId,
          flow,
          contactId,
          triggerKey: `anniversary:${date}:${contactId}`,
          triggerData: { event: 'anniversary', date },
          now,
        });
        if (r.enrolled) enrolled++;
      }
    } catch (err) {
      // One workspace's trouble does not stop the others'.
      logger.error({ err, workspaceId: flow.workspaceId, flowId: flow.id }, 'anniversary enrolment failed');
    }
  }
  return enrolled;
}

export const enrolAnniversariesJob = defineJob({
  name: 'audience.flow-anniversaries',
  payload: z.object({}).passthrough(),
  maxAttempts: 1,
  handler: async (_p, ctx) => {
    await enrolAnniversaries(ctx.db, ctx.logger);
  },
});
