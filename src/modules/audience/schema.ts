import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../../platform/db/columns.ts';
import { sealedText } from '../../platform/secrets.ts';

// The audience module's shared tables: lists and who is on them, who must never be mailed, what was sent and what
// happened to it. Each area (forms, campaigns, flows, …) keeps its own further tables in its folder's schema.ts.

/** Per workspace settings of the audience module (public pages use the workspace's own public key). */
/** A workspace's link-signing key: 32 random bytes, hex. */
export const newLinkSigningKey = (): string => crypto.randomBytes(32).toString('hex');

export const audienceSettings = pgTable('audience_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  /** The postal address CAN-SPAM and most laws want in every marketing email's footer. */
  postalAddress: text('postal_address'),
  /**
   * HMAC key for tracking, unsubscribe and download links (hex), stored sealed. Per workspace so one leak does not sign
   * for all.
   */
  signingKey: sealedText('audience_settings', 'signing_key', { renew: newLinkSigningKey }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type ListVisibility = 'public' | 'private';

export const audienceLists = pgTable(
  'audience_lists',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Public lists appear in the preference centre; private ones (customers, VIP) are managed by the business. */
    visibility: text('visibility').$type<ListVisibility>().notNull().default('public'),
    doubleOptIn: boolean('double_opt_in').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Two lists called "Newsletter" would be told apart by nobody: names are unique per workspace, case aside.
    uniqueIndex('audience_lists_name').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

export type MembershipStatus = 'pending' | 'subscribed' | 'unsubscribed';

export const listMembers = pgTable(
  'list_members',
  {
    workspaceId: uuid('workspace_id').notNull(),
    listId: uuid('list_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    status: text('status').$type<MembershipStatus>().notNull(),
    /** Where the subscription came from: a form id, an import, the API, a webinar… (free text, for people). */
    source: text('source'),
    formId: uuid('form_id'),
    /** SHA-256 of the double opt-in token while pending; cleared on confirmation. */
    confirmTokenHash: text('confirm_token_hash'),
    subscribedAt: tstz('subscribed_at'),
    confirmedAt: tstz('confirmed_at'),
    unsubscribedAt: tstz('unsubscribed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.listId, t.contactId] }),
    index('list_members_contact').on(t.workspaceId, t.contactId),
    index('list_members_list_status').on(t.workspaceId, t.listId, t.status),
    uniqueIndex('list_members_token').on(t.confirmTokenHash),
  ],
);

export type SuppressionReason = 'hard_bounce' | 'complaint' | 'unsubscribed' | 'manual';

/** Addresses no send may reach, whatever list or flow asks. Keyed by address, not contact: merges and re-imports keep it. */
export const suppressions = pgTable(
  'suppressions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    email: text('email').notNull(),
    reason: text('reason').$type<SuppressionReason>().notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.email] })],
);

/** Per contact mail preferences that are not list memberships (preference centre). */
export const contactMailPrefs = pgTable(
  'contact_mail_prefs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    pausedUntil: tstz('paused_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.contactId] })],
);

/** An SMTP account the workspace sends through; several allowed (transactional vs newsletter, per brand). */
export const sendingAccounts = pgTable(
  'sending_accounts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /**
     * smtp://user:pass@host:port or smtps://…; null means the server's SMTP_URL (or the outbox when unset). Stored
     * sealed, like the DKIM key (platform/secrets.ts).
     */
    smtpUrl: sealedText('sending_accounts', 'smtp_url'),
    fromEmail: text('from_email').notNull(),
    fromName: text('from_name'),
    replyTo: text('reply_to'),
    /** Throttle: at most this many messages per minute through this account (null: as fast as it accepts). */
    maxPerMinute: integer('max_per_minute'),
    dkimDomain: text('dkim_domain'),
    dkimSelector: text('dkim_selector'),
    dkimPrivateKey: sealedText('sending_accounts', 'dkim_private_key'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // At most one default per workspace (the senders use cases keep it at exactly one).
    uniqueIndex('sending_accounts_one_default').on(t.workspaceId).where(sql`${t.isDefault}`),
  ],
);

export const emailTemplates = pgTable(
  'email_templates',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull().default(''),
    preheader: text('preheader'),
    /** MJML with Liquid inside it; compiled once per send, personalised per recipient. */
    mjml: text('mjml').notNull(),
    /** Optional hand-written plain-text part (Liquid); generated from the HTML when absent. */
    text: text('text'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export type MessageSource = 'campaign' | 'flow' | 'confirmation' | 'lead_magnet' | 'webinar' | 'test' | 'notification';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

/** One email to one person. The row exists before the send, so a resumed send knows who is still due. */
export const emailMessages = pgTable(
  'email_messages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id'),
    email: text('email').notNull(),
    sourceType: text('source_type').$type<MessageSource>().notNull(),
    /** The campaign, flow, form… that sent it. */
    sourceId: uuid('source_id'),
    /**
     * The lists this message went out for: an unsubscribe from it leaves these lists. Empty (a flow, a segment
     * campaign) means the unsubscribe stops all marketing mail.
     */
    listIds: uuid('list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Idempotency: `campaign:<id>:<contact>`, `flow:<enrolment>:<step>`… a second insert is a no-op. */
    dedupeKey: text('dedupe_key'),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    /** RFC 5322 Message-ID, to match bounces and replies. */
    messageId: text('message_id'),
    subject: text('subject'),
    error: text('error'),
    sentAt: tstz('sent_at'),
    /**
     * Its first open (set by the tracking flush): "opened before?" is then a column of the row the flush reads anyway,
     * not a probe of email_events per message, whose plan PostgreSQL could get wrong while the table grew.
     */
    openedAt: tstz('opened_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('email_messages_dedupe').on(t.workspaceId, t.dedupeKey),
    // The send job walks a campaign's due messages by id: (source, status, id) keeps that a range scan at any size.
    index('email_messages_source').on(t.workspaceId, t.sourceId, t.status, t.id),
    index('email_messages_contact').on(t.workspaceId, t.contactId, t.createdAt),
    index('email_messages_message_id').on(t.messageId),
  ],
);

export type EmailEventType =
  | 'sent'
  | 'delivered'
  | 'open'
  | 'click'
  | 'bounce'
  | 'complaint'
  | 'unsubscribe'
  | 'download';

/**
 * Append-only: what happened to messages. `source_id` is copied from the message so segments ("opened campaign X",
 * "no open in 30 days") read one table. High volume; see ADR 0006 for retention.
 */
export const emailEvents = pgTable(
  'email_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    messageId: uuid('message_id'),
    contactId: uuid('contact_id'),
    sourceType: text('source_type').$type<MessageSource>(),
    sourceId: uuid('source_id'),
    type: text('type').$type<EmailEventType>().notNull(),
    /** Clicked URL, bounce diagnostic, user agent… */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('email_events_contact').on(t.workspaceId, t.contactId, t.type, t.at),
    index('email_events_source').on(t.workspaceId, t.sourceId, t.type, t.contactId),
    index('email_events_message').on(t.workspaceId, t.messageId, t.type),
    // Segments over recent activity across all contacts ("no open in 90 days", "clicked any email in 30 days"): a
    // range of one type by time, contact ids read from the index alone (bench/results/segments.json).
    index('email_events_type_at').on(t.workspaceId, t.type, t.at, t.contactId),
  ],
);

/**
 * One row per contact ever mailed: how many emails were sent, opened and clicked, and when last. Segments ask "no
 * open in 90 days" or "received at least 5" of every contact at once; answering from here is one row per contact
 * instead of counting its events. Kept by a statement trigger on `email_events` (drizzle/0005_audience_activity_trigger.sql),
 * so every writer of events — sends, tracking, imports — keeps it exact in the same transaction. Events are never
 * updated or deleted, so the trigger handles inserts only.
 */
export const contactEmailActivity = pgTable(
  'contact_email_activity',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    sentCount: integer('sent_count').notNull().default(0),
    lastSentAt: tstz('last_sent_at'),
    openCount: integer('open_count').notNull().default(0),
    lastOpenAt: tstz('last_open_at'),
    clickCount: integer('click_count').notNull().default(0),
    lastClickAt: tstz('last_click_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contactId] }),
    index('contact_email_activity_open').on(t.workspaceId, t.lastOpenAt, t.contactId),
    index('contact_email_activity_click').on(t.workspaceId, t.lastClickAt, t.contactId),
    index('contact_email_activity_sent').on(t.workspaceId, t.sentCount, t.contactId),
  ],
);
