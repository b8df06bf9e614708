import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { uuidArray } from '../../../platform/db/sql.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { TCampaign } from './contracts.ts';
import { campaigns } from './schema.ts';

export type CampaignRecord = typeof campaigns.$inferSelect;

export function toCampaign(r: CampaignRecord): TCampaign {
  return {
    id: r.id,
    name: r.name,
    subject: r.subject,
    preheader: r.preheader,
    mjml: r.mjml,
    text: r.text,
    templateId: r.templateId,
    accountId: r.accountId,
    listIds: r.listIds,
    segmentId: r.segmentId,
    excludeListIds: r.excludeListIds,
    excludeSegmentId: r.excludeSegmentId,
    status: r.status,
    scheduledAt: r.scheduledAt,
    sendInRecipientTimezone: r.sendInRecipientTimezone,
    localTime: r.localTime,
    trackOpens: r.trackOpens,
    trackClicks: r.trackClicks,
    archive: r.archive,
    topicTags: r.topicTags,
    progress: { recipients: r.totalRecipients, sent: r.sentCount, failed: r.failedCount, skipped: r.skippedCount },
    pauseReason: r.pauseReason,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    nextRunAt: r.nextRunAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function campaignRecord(db: DbOrTx, workspaceId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Campaign');
  return row;
}

export async function getCampaign({ db, workspaceId, id }: { db: DbOrTx; workspaceId: string; id: string }) {
  return toCampaign(await campaignRecord(db, workspaceId, id));
}

/** Lists, segments and the sending account named by a campaign must be this workspace's. */
export async function checkReferences(
  db: DbOrTx,
  workspaceId: string,
  refs: {
    listIds?: string[] | undefined;
    excludeListIds?: string[] | undefined;
    segmentId?: string | null | undefined;
    excludeSegmentId?: string | null | undefined;
    accountId?: string | null | undefined;
  },
): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of ['listIds', 'excludeListIds'] as const) {
    const ids = refs[field] ?? [];
    if (!ids.length) continue;
    const r = await db.execute<{ id: string }>(
      sql`select id from audience_lists where workspace_id = ${workspaceId} and id = any(${uuidArray(ids)})`,
    );
    const found = new Set(r.rows.map((x) => x.id));
    // The message names the position, never the id: an id of another workspace is not echoed back.
    ids.forEach((id, i) => {
      if (!found.has(id)) errors.push({ field: `${field}.${i}`, message: 'is not a list of this workspace' });
    });
  }
  for (const field of ['segmentId', 'excludeSegmentId'] as const) {
    const id = refs[field];
    if (!id) continue;
    const r = await db.execute(sql`select 1 from segments where workspace_id = ${workspaceId} and id = ${id}`);
    if (!r.rows.length) errors.push({ field, message: 'is not a segment of this workspace' });
  }
  if (refs.accountId) {
    const r = await db.execute(
      sql`select 1 from sending_accounts where workspace_id = ${workspaceId} and id = ${refs.accountId}`,
    );
    if (!r.rows.length) errors.push({ field: 'accountId', message: 'is not a sending account of this workspace' });
  }
  if (errors.length) throw AppError.validation(errors);
}

export const STARTER_MJML = `<mjml>
  <mj-body background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700">Hello {{ contact.first_name | default: "there" }},</mj-text>
        <mj-text font-size="16px" line-height="1.6">Write your news here.</mj-text>
        <mj-button href="https://example.com">Read more</mj-button>
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-text font-size="12px" color="#6b7280" align="center">
          {{ workspace.name }} · {{ workspace.address }}<br />
          <a href="{{ view_url }}">View in your browser</a> · <a href="{{ preferences_url }}">Preferences</a> ·
          <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
