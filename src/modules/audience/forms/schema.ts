import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import type { Channel } from '../../crm/vocabulary.ts';

// Subscribe forms: what a form asks and where its people go, each submission kept as evidence, and cheap daily
// counters for the form's conversion chart.

/**
 * One field of a form. `key` names what it fills: a contact field (email, firstName, lastName, company, phone,
 * country) or a CRM custom field (`custom.<key>`).
 */
export type FormField = { key: string; label: string; required: boolean; placeholder?: string | null };

export type FormSource = { channel: Channel; name: string | null; campaign: string | null };

export type AfterSubmit = { kind: 'message'; message: string } | { kind: 'redirect'; url: string };

export const audienceForms = pgTable(
  'audience_forms',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    /** Random and unguessable: the hosted page and the embed name the form (and so the workspace) by it. */
    publicId: text('public_id').notNull(),
    name: text('name').notNull(),
    /** Heading and intro shown to visitors. */
    title: text('title').notNull(),
    description: text('description'),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    /** Shown beside the button and copied into each submission's consent evidence. */
    consentText: text('consent_text'),
    submitLabel: text('submit_label'),
    listIds: uuid('list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: jsonb('source').$type<FormSource>().notNull(),
    leadMagnetId: uuid('lead_magnet_id'),
    afterSubmit: jsonb('after_submit').$type<AfterSubmit>().notNull(),
    /** Confirmation email text (Liquid); null: the built-in wording. */
    confirmSubject: text('confirm_subject'),
    confirmMessage: text('confirm_message'),
    /** Page language of the hosted form (BCP 47), also stored on new contacts. */
    language: text('language'),
    /** A closed form shows its page but takes no submissions. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('audience_forms_public_id').on(t.publicId)],
);

/** One accepted submission: what was typed, what was shown, where it came from. Never holds the raw IP. */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    formId: uuid('form_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    email: text('email').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    /** Every list the form subscribes to … */
    listIds: uuid('list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** … and those of them waiting for the double opt-in confirmation. */
    pendingListIds: uuid('pending_list_ids').array().notNull().default(sql`'{}'::uuid[]`),
    consentText: text('consent_text'),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** SHA-256 of the IP and the workspace's signing key: proves "same address" without keeping the address. */
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    confirmedAt: tstz('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('form_submissions_form').on(t.workspaceId, t.formId, t.createdAt),
    index('form_submissions_contact').on(t.workspaceId, t.contactId),
  ],
);

/** Per form and UTC day: one upsert per page view keeps the stats cheap to write and to chart. */
export const formDailyStats = pgTable(
  'form_daily_stats',
  {
    workspaceId: uuid('workspace_id').notNull(),
    formId: uuid('form_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
    submissions: integer('submissions').notNull().default(0),
    confirmations: integer('confirmations').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.formId, t.day] })],
);
