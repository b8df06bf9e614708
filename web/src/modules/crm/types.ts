// Payload types of the CRM endpoints as the browser receives them (dates as ISO strings). They follow
// src/modules/crm/**/contracts*.ts; optional fields are ones the UI can do without.

export { CHANNELS, type Channel } from '../../../../src/modules/crm/vocabulary.ts';

import type { Channel } from '../../../../src/modules/crm/vocabulary.ts';

export type SourceTouch = { channel: Channel; name?: string | null; campaign?: string | null; at: string };

export type Address = {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postcode?: string | null;
  country?: string | null;
};

export type CustomValue = string | number | boolean | string[] | null;

export type Contact = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  address: Address;
  language: string | null;
  website: string | null;
  social: Record<string, string>;
  tags: string[];
  ownerId: string | null;
  lifecycleStage: string;
  custom: Record<string, CustomValue>;
  source: { first: SourceTouch | null; latest: SourceTouch | null };
  mergedIntoId?: string | null;
  erasedAt?: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Company = {
  id: string;
  name: string;
  domain: string | null;
  website: string | null;
  emails: string[];
  phones: string[];
  industry: string | null;
  address: Address;
  social: Record<string, string>;
  tags: string[];
  ownerId: string | null;
  custom: Record<string, CustomValue>;
  source?: { first: SourceTouch | null; latest: SourceTouch | null };
  contactCount?: number;
  createdAt: string;
  updatedAt: string;
};

export type FieldType = 'text' | 'number' | 'date' | 'select' | 'multiselect' | 'boolean';
export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'select', 'multiselect', 'boolean'];

export type CustomField = {
  id: string;
  entity: 'contact' | 'company';
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  required: boolean;
  position: number;
};

export type LifecycleStage = { key: string; label: string; position: number };

export type ConsentStatus = 'subscribed' | 'pending' | 'unsubscribed' | 'none';
export const CONSENT_STATUSES: readonly ConsentStatus[] = ['subscribed', 'pending', 'unsubscribed', 'none'];
export type ConsentState = {
  channel: string;
  status: ConsentStatus;
  lawfulBasis: string | null;
  source: string | null;
  at: string;
};
export type ConsentEvent = ConsentState & { id: string; evidence: Record<string, unknown> };
export type ConsentResponse = { current: ConsentState[]; history: ConsentEvent[] };

export type TimelineEntry = {
  id: string;
  kind: string;
  at: string;
  data: Record<string, unknown>;
  actorId: string | null;
  module: string;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
};

export type ActivityKind = 'call' | 'meeting' | 'email';

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';
export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekly', 'monthly', 'yearly'];
export type Recurrence = { frequency: Frequency; interval: number };
export type TaskView = 'today' | 'overdue' | 'upcoming' | 'all';

export type Task = {
  id: string;
  title: string;
  notes: string | null;
  dueAt: string | null;
  assigneeId: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  recurrence: Recurrence | null;
  status: 'open' | 'done';
  completedAt: string | null;
  previousId?: string | null;
  createdBy?: string | null;
  createdAt: string;
  updatedAt?: string;
};

export type StageKind = 'open' | 'won' | 'lost';
export type PipelineStage = { id: string; name: string; position: number; kind: StageKind; probability?: number };
export type Pipeline = { id: string; name: string; isDefault: boolean; createdAt?: string; stages: PipelineStage[] };

export type Deal = {
  id: string;
  pipelineId: string;
  stageId: string;
  status: StageKind;
  title: string;
  amountMinor: number;
  currency: string;
  expectedClose: string | null;
  contactId: string | null;
  companyId: string | null;
  ownerId: string | null;
  position: string;
  closeReason: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt?: string;
};

export type SavedView = {
  id: string;
  entity: 'contact' | 'company' | 'deal';
  name: string;
  query: Record<string, unknown>;
};

export type DedupeMode = 'update' | 'skip' | 'create';
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type ImportJob = {
  id: string;
  entity: 'contact' | 'company';
  filename: string;
  format: 'csv' | 'vcard' | 'xlsx';
  encoding?: string | null;
  delimiter?: string | null;
  sizeBytes: number;
  /** 0..1, as the server measures it (bytes read, or rows when known). */
  progress?: number;
  headers: string[];
  /** The first rows, as cells in header order (or keyed by header). */
  preview?: (string[] | Record<string, string>)[];
  suggestedMapping?: Record<string, string>;
  mapping: Record<string, string> | null;
  dedupe: DedupeMode;
  source: SourceTouch | null;
  tags: string[];
  status: ImportStatus;
  rowsDone: number;
  rowsTotal: number | null;
  bytesDone: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The fields a column can map to, when the server lists them. */
  targets?: { key: string; label: string }[];
};

export type ImportMapping = {
  id: string;
  name: string;
  entity: 'contact' | 'company';
  mapping: Record<string, string>;
};

export type DuplicateContact = Pick<
  Contact,
  'id' | 'name' | 'emails' | 'phones' | 'companyId' | 'companyName' | 'createdAt'
>;
export type DuplicateReason = { reason: 'email' | 'phone' | 'name'; value?: string; similarity?: number };
/** The older contact first. */
export type DuplicatePair = { contacts: [DuplicateContact, DuplicateContact]; reasons: DuplicateReason[] };
