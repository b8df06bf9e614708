import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
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
import { createdAt, tstz, tsvector, updatedAt } from '../../platform/db/columns.ts';
import type { Channel } from './vocabulary.ts';

export { CHANNELS, type Channel } from './vocabulary.ts';

/** Where a person came from. `channel` is a fixed vocabulary so cost per channel can be computed later. */
export type SourceTouch = {
  channel: Channel;
  name?: string | null;
  campaign?: string | null;
  at: string;
};

export type Address = {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  country?: string | null;
};

export type CustomValues = Record<string, string | number | boolean | string[] | null>;

const searchDocument = (cols: SQL): SQL => sql`to_tsvector('simple', f_unaccent(lower(${cols})))`;

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** Normalised (lower-case) addresses; the first is the primary one. */
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    /** E.164; the first is the primary one. */
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    title: text('title'),
    companyId: uuid('company_id'),
    /** Denormalised company name, kept by the use cases, so search and lists need no join. */
    companyName: text('company_name'),
    address: jsonb('address').$type<Address>().notNull().default({}),
    country: text('country'),
    language: text('language'),
    /** IANA time zone ("Europe/Amsterdam"); null: the workspace's. Flows wait for local hours in it. */
    timezone: text('timezone'),
    website: text('website'),
    social: jsonb('social').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ownerId: uuid('owner_id'),
    lifecycleStage: text('lifecycle_stage').notNull().default('lead'),
    custom: jsonb('custom').$type<CustomValues>().notNull().default({}),
    firstSource: jsonb('first_source').$type<SourceTouch>(),
    latestSource: jsonb('latest_source').$type<SourceTouch>(),
    /** Channel of the first touch, copied out of `first_source` for fast grouping and filtering. */
    sourceChannel: text('source_channel'),
    mergedIntoId: uuid('merged_into_id'),
    erasedAt: tstz('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        searchDocument(
          sql`coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(title, '') || ' ' || f_join(emails) || ' ' || replace(f_join(emails), '@', ' ') || ' ' || f_join(phones) || ' ' || f_join(tags)`,
        ),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // No pending list (fastupdate) on the two identity keys: every lookup by email/phone scans the whole pending
    // list once per key, so a few thousand contacts written since the last vacuum made a 500-key order-batch match
    // grow from ~5 ms to ~400 ms. Rows hold one or two keys, where the pending list saves writers next to nothing
    // (100k rows: 1.5 s inserted directly vs 1.3 s + 0.8 s to flush the list).
    index('contacts_emails').using('gin', t.emails).with({ fastupdate: false }),
    index('contacts_phones').using('gin', t.phones).with({ fastupdate: false }),
    index('contacts_search').using('gin', t.search),
    index('contacts_name_trgm').using(
      'gin',
      sql`f_unaccent(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) gin_trgm_ops`,
    ),
    index('contacts_ws_created').on(t.workspaceId, t.createdAt, t.id),
    // The other two list sorts: without them a filtered list sorted by name or by last change sorts every match
    // (measured ~0.3–0.7 s at 1M contacts; 1–50 ms with them, bench/results/search.json).
    index('contacts_ws_updated').on(t.workspaceId, t.updatedAt, t.id),
    index('contacts_ws_name').on(
      t.workspaceId,
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`,
      t.id,
    ),
    index('contacts_ws_company').on(t.workspaceId, t.companyId),
    index('contacts_tags').using('gin', t.tags),
    // Segments and campaign audiences read only live contacts; without it every count reads the whole table
    // (bench/results/segments.json: the floor went from ~0.9 s to ~0.25 s at 1M contacts).
    index('contacts_ws_live').on(t.workspaceId, t.id).where(sql`merged_into_id is null and erased_at is null`),
  ],
);

export const companies = pgTable(
  'companies',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    website: text('website'),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    industry: text('industry'),
    address: jsonb('address').$type<Address>().notNull().default({}),
    country: text('country'),
    social: jsonb('social').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ownerId: uuid('owner_id'),
    custom: jsonb('custom').$type<CustomValues>().notNull().default({}),
    firstSource: jsonb('first_source').$type<SourceTouch>(),
    latestSource: jsonb('latest_source').$type<SourceTouch>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        searchDocument(
          sql`name || ' ' || coalesce(domain, '') || ' ' || f_join(emails) || ' ' || f_join(phones) || ' ' || f_join(tags)`,
        ),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('companies_search').using('gin', t.search),
    index('companies_name_trgm').using('gin', sql`f_unaccent(lower(name)) gin_trgm_ops`),
    index('companies_ws_domain').on(t.workspaceId, t.domain),
  ],
);

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'multiselect', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const customFields = pgTable(
  'custom_fields',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').$type<'contact' | 'company'>().notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<FieldType>().notNull(),
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('custom_fields_key').on(t.workspaceId, t.entity, t.key),
  ],
);

export const lifecycleStages = pgTable(
  'lifecycle_stages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

export const CONSENT_STATUSES = ['subscribed', 'pending', 'unsubscribed', 'none'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Append-only: the current consent of a contact on a channel is its latest row. */
export const consentEvents = pgTable(
  'consent_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').$type<ConsentStatus>().notNull(),
    lawfulBasis: text('lawful_basis'),
    source: text('source'),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('consent_events_contact').on(t.workspaceId, t.contactId, t.channel, t.at),
  ],
);

/** The shared timeline: any module appends `{ subject, kind, at, data }` through the CRM's index. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    kind: text('kind').notNull(),
    module: text('module').notNull().default('crm'),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => searchDocument(sql`coalesce(data->>'body', '') || ' ' || coalesce(data->>'subject', '')`),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('timeline_contact').on(t.workspaceId, t.contactId, t.at),
    // Most entries are a contact's alone (every email sent, opened, clicked): no NULL keys in these two, so such an
    // entry costs two index insertions fewer. `company_id = $1` implies NOT NULL, so look-ups still use them.
    index('timeline_company').on(t.workspaceId, t.companyId, t.at).where(sql`${t.companyId} is not null`),
    index('timeline_deal').on(t.workspaceId, t.dealId, t.at).where(sql`${t.dealId} is not null`),
    index('timeline_search').using('gin', t.search),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    dueAt: tstz('due_at'),
    assigneeId: uuid('assignee_id'),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    /** `daily` | `weekly` | `monthly` | `yearly`, every `recurrenceInterval` periods. */
    recurrence: text('recurrence'),
    recurrenceInterval: integer('recurrence_interval').notNull().default(1),
    /**
     * Due date of the series' first occurrence: later ones are counted from it, so "monthly on the 31st" returns to
     * the 31st after a short month instead of drifting to the 28th.
     */
    recurrenceAnchor: tstz('recurrence_anchor'),
    /** The occurrence this one was spawned from; unique, so completing a task twice never spawns two successors. */
    previousId: uuid('previous_id'),
    completedAt: tstz('completed_at'),
    /** Set when the reminder job announced `task.due`, in the same transaction, so a re-run never repeats it. */
    remindedAt: tstz('reminded_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tasks_open_due').on(t.workspaceId, t.assigneeId, t.dueAt).where(sql`completed_at is null`),
    index('tasks_ws_due').on(t.workspaceId, t.dueAt, t.id),
    index('tasks_to_remind').on(t.dueAt).where(sql`completed_at is null and reminded_at is null`),
    uniqueIndex('tasks_previous').on(t.workspaceId, t.previousId).where(sql`previous_id is not null`),
    index('tasks_contact').on(t.workspaceId, t.contactId).where(sql`contact_id is not null`),
    index('tasks_company').on(t.workspaceId, t.companyId).where(sql`company_id is not null`),
    index('tasks_deal').on(t.workspaceId, t.dealId).where(sql`deal_id is not null`),
  ],
);

export const pipelines = pgTable(
  'pipelines',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    /** `open` stages are the board's columns; `won` and `lost` close the deal. */
    kind: text('kind').$type<'open' | 'won' | 'lost'>().notNull().default('open'),
    probability: integer('probability').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('pipeline_stages_pipeline').on(t.workspaceId, t.pipelineId),
  ],
);

export const deals = pgTable(
  'deals',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    title: text('title').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    expectedClose: date('expected_close', { mode: 'string' }),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    ownerId: uuid('owner_id'),
    /** Order within a board column (drag and drop), a sparse fractional index. */
    position: text('position').notNull().default('a0'),
    closeReason: text('close_reason'),
    closedAt: tstz('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('deals_board').on(t.workspaceId, t.pipelineId, t.stageId),
    // Positions are compared byte-wise (COLLATE "C"), as the fractional-index keys are designed for.
    index('deals_stage_position').on(t.workspaceId, t.stageId, sql`${t.position} collate "C"`, t.id),
    index('deals_contact').on(t.workspaceId, t.contactId).where(sql`contact_id is not null`),
    index('deals_company').on(t.workspaceId, t.companyId).where(sql`company_id is not null`),
  ],
);

export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').$type<'contact' | 'company' | 'deal'>().notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('saved_views_entity').on(t.workspaceId, t.entity)],
);

export const imports = pgTable(
  'imports',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').$type<'contact' | 'company'>().notNull().default('contact'),
    filename: text('filename').notNull(),
    /** Where the uploaded file is kept under the data folder until the import ends. */
    storedPath: text('stored_path').notNull(),
    format: text('format').$type<'csv' | 'vcard' | 'xlsx'>().notNull(),
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    headers: text('headers').array().notNull().default(sql`'{}'::text[]`),
    /** The first rows as read at upload, so the mapping screen needs no second pass over the file. */
    preview: jsonb('preview').$type<string[][]>().notNull().default([]),
    suggestedMapping: jsonb('suggested_mapping').$type<Record<string, string>>().notNull().default({}),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    dedupe: text('dedupe').$type<'update' | 'skip' | 'create'>().notNull().default('update'),
    source: jsonb('source').$type<SourceTouch>(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** uploaded → mapping → queued → running → done | failed | cancelled */
    status: text('status').notNull().default('uploaded'),
    /** Rows fully committed; a resumed run skips exactly these, so no row is written twice. */
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    bytesDone: bigint('bytes_done', { mode: 'number' }).notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const importRejects = pgTable(
  'import_rejects',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    raw: jsonb('raw').$type<Record<string, string> | string[]>().notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.rowNumber] })],
);

export const importMappings = pgTable(
  'import_mappings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    entity: text('entity').$type<'contact' | 'company'>().notNull().default('contact'),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('import_mappings_name').on(t.workspaceId, t.name),
  ],
);

/** What privacy requests did (exports, erasures): kept after the personal data is gone. */
export const privacyLog = pgTable(
  'privacy_log',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    action: text('action').$type<'export' | 'erase'>().notNull(),
    actorId: uuid('actor_id'),
    at: createdAt(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export type DuplicateReason = { reason: 'email' | 'phone' | 'name'; value?: string; similarity?: number };

/**
 * Candidate duplicate pairs found by the last scan (a job). Comparing names inside companies is quadratic in the
 * company's size, too slow to redo for every page on a million contacts; listing the stored pairs is a key lookup.
 * `contact_a` < `contact_b`.
 */
export const duplicatePairs = pgTable(
  'duplicate_pairs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contactA: uuid('contact_a').notNull(),
    contactB: uuid('contact_b').notNull(),
    reasons: jsonb('reasons').$type<DuplicateReason[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contactA, t.contactB] }),
    // One ordered index per reason, so "phone matches only" pages by key even when phone pairs are one in a million.
    ...(['email', 'phone', 'name'] as const).map((r) =>
      index(`duplicate_pairs_${r}`)
        .on(t.workspaceId, t.contactA, t.contactB)
        .where(sql.raw(`reasons @> '[{"reason": "${r}"}]'`)),
    ),
  ],
);

/** One row per workspace: when a duplicate scan was asked for and when the last one finished. */
export const duplicateScans = pgTable('duplicate_scans', {
  workspaceId: uuid('workspace_id').primaryKey(),
  requestedAt: tstz('requested_at'),
  startedAt: tstz('started_at'),
  finishedAt: tstz('finished_at'),
  pairs: integer('pairs').notNull().default(0),
  error: text('error'),
});
