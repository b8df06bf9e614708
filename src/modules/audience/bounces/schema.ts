import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../../platform/db/columns.ts';
import { sealedText } from '../../../platform/secrets.ts';

// Deliverability: what came back from the mail system (bounces, complaints, deliveries) and where it is read from
// (a bounce mailbox over IMAP, provider webhooks).

export type BounceKind = 'hard' | 'soft' | 'complaint';
export type ReportSource = 'imap' | 'ses' | 'postmark' | 'manual';

/**
 * One bounce or complaint per recipient as it came in. `dedupe_key` makes processing idempotent: the same DSN read
 * twice from the mailbox, or a webhook the provider retries, is recorded once. It holds a hash of the source's key
 * (`storedReportKey`), because those keys quote the address. Erasing a contact blanks its reports' address and
 * diagnostic (`anonymiseBounceReports`): the kind, status, source and date stay for the deliverability figures.
 */
export const bounceReports = pgTable(
  'bounce_reports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** Lower-case recipient address the report is about. */
    email: text('email').notNull(),
    kind: text('kind').$type<BounceKind>().notNull(),
    /** RFC 3463 enhanced status (5.1.1) when known. */
    status: text('status'),
    diagnostic: text('diagnostic'),
    source: text('source').$type<ReportSource>().notNull(),
    /** Our email_messages row when the report could be matched to it. */
    messageId: uuid('message_id'),
    contactId: uuid('contact_id'),
    dedupeKey: text('dedupe_key').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('bounce_reports_dedupe').on(t.workspaceId, t.dedupeKey),
    // Soft-bounce counting (3 within 30 days) and the per-address history.
    index('bounce_reports_email').on(t.workspaceId, t.email, t.kind, t.at),
    // The deliverability summary by day.
    index('bounce_reports_at').on(t.workspaceId, t.at),
  ],
);

export type AfterProcess = 'mark_seen' | 'move' | 'delete';

/** The workspace's bounce mailbox (the Return-Path address's inbox), read over IMAP by a cron job. */
export const bounceMailboxes = pgTable('bounce_mailboxes', {
  workspaceId: uuid('workspace_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  host: text('host').notNull(),
  port: integer('port').notNull().default(993),
  /** Implicit TLS (993). False: plain connection, upgraded with STARTTLS when the server offers it. */
  secure: boolean('secure').notNull().default(true),
  username: text('username').notNull(),
  password: sealedText('bounce_mailboxes', 'password').notNull(),
  mailbox: text('mailbox').notNull().default('INBOX'),
  afterProcess: text('after_process').$type<AfterProcess>().notNull().default('mark_seen'),
  /** The folder processed messages are moved to when afterProcess = move. */
  moveTo: text('move_to'),
  /** The mailbox's UIDVALIDITY when processed UIDs were remembered: a change invalidates them. */
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastRunAt: tstz('last_run_at'),
  lastStatus: text('last_status').$type<'ok' | 'error'>(),
  lastError: text('last_error'),
  /** What the last run did: {fetched, bounces, complaints, ignored}. */
  lastCounts: jsonb('last_counts').$type<Record<string, number>>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * UIDs of the bounce mailbox already processed (under `uid_validity`): a run that died between recording and marking
 * the message seen/moving it does not process the message twice.
 */
export const bounceMailboxSeen = pgTable(
  'bounce_mailbox_seen',
  {
    workspaceId: uuid('workspace_id').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.uidValidity, t.uid] })],
);

/** The token in a workspace's provider webhook URLs: 24 random bytes, base64url. */
export const newWebhookToken = (): string => crypto.randomBytes(24).toString('base64url');

/** Provider webhooks: the secret in their URLs, and Amazon SNS's subscription handshake. */
export const deliverabilitySettings = pgTable('deliverability_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  /** Part of the webhook URLs (`?token=`, or the password of HTTP basic auth for Postmark). */
  webhookToken: sealedText('deliverability_settings', 'webhook_token', { renew: newWebhookToken }).notNull(),
  /**
   * Check Amazon SNS message signatures (needs the signing certificate from *.amazonaws.com over HTTPS). A server
   * that cannot reach AWS may turn it off; the token in the URL still guards the endpoint.
   */
  sesVerifySignature: boolean('ses_verify_signature').notNull().default(true),
  /** The last SNS subscription request: the URL a person can open to confirm it. */
  sesSubscribeUrl: text('ses_subscribe_url'),
  sesTopicArn: text('ses_topic_arn'),
  sesSubscriptionAt: tstz('ses_subscription_at'),
  sesConfirmed: boolean('ses_confirmed').notNull().default(false),
  extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
