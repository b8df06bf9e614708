import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** In recipient-time-zone mode: when each zone's recipients are due (computed once, when sending starts). */
export type CampaignWave = { tz: string; at: string };

/**
 * A newsletter: its content, its audience and its send state. Recipients are materialised into `email_messages`
 * (source_type 'campaign', dedupe_key `campaign:<id>:<contact>`) when sending starts, so a resumed send knows exactly
 * who is still due; the counters here are the progress the UI shows.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull().default(''),
    preheader: text('preheader'),
    mjml: text('mjml').notNull(),
    /** Optional hand-written plain-text part (Liquid); generated from the HTML when absent. */
    text: text('text'),
    /** The template it started from (for people; the content is copied, later template edits do not change it). */
    templateId: uuid('template_id'),
    /** The sending account; null = the workspace's default account. */
    accountId: uuid('account_id'),
    listIds: uuid('list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    segmentId: uuid('segment_id'),
    excludeListIds: uuid('exclude_list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    excludeSegmentId: uuid('exclude_segment_id'),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    /** When sending starts (workspace mode), or the moment from which each zone's next `local_time` is counted. */
    scheduledAt: tstz('scheduled_at'),
    sendInRecipientTimezone: boolean('send_in_recipient_timezone').notNull().default(false),
    /** 'HH:MM', recipient-time-zone mode only. */
    localTime: text('local_time'),
    waves: jsonb('waves').$type<CampaignWave[]>(),
    trackOpens: boolean('track_opens').notNull().default(true),
    trackClicks: boolean('track_clicks').notNull().default(true),
    /** Shown on the workspace's public archive page once sent. */
    archive: boolean('archive').notNull().default(false),
    /** Topic tags for the content performance report. */
    topicTags: text('topic_tags').array().notNull().default(sql`'{}'::text[]`),
    totalRecipients: integer('total_recipients').notNull().default(0),
    sentCount: integer('sent_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    pauseReason: text('pause_reason'),
    /** Set in the transaction that materialised the recipients: a resumed send never selects them again. */
    materializedAt: tstz('materialized_at'),
    /** The next moment the sender has work (a later time-zone wave); the watchdog starts it then. */
    nextRunAt: tstz('next_run_at'),
    /** Touched by the running sender every batch; a stale heartbeat on a 'sending' campaign means it died. */
    heartbeatAt: tstz('heartbeat_at'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('campaigns_ws_created').on(t.workspaceId, t.createdAt, t.id),
    index('campaigns_status').on(t.status, t.nextRunAt),
  ],
);

/**
 * Token buckets for `sending_accounts.max_per_minute`, shared by every campaign sending through the account (and by
 * every worker process): a row per account, taken `for update` when tokens are drawn.
 */
export const sendRateBuckets = pgTable(
  'send_rate_buckets',
  {
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    tokens: doublePrecision('tokens').notNull(),
    refilledAt: tstz('refilled_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] })],
);
