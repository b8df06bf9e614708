import { z } from 'zod';
import { ZAddress, ZAddressInput, ZChannel, ZCustomValues, ZSourceInput, ZSourceTouch } from '../contracts/common.ts';
import { CONSENT_STATUSES } from '../schema.ts';

const text = (max: number) => z.string().trim().max(max);

export const ZContact = z
  .object({
    id: z.string().uuid(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    name: z.string().describe('Display name: first + last, else the primary email, else the phone'),
    emails: z.array(z.string()),
    phones: z.array(z.string()).describe('E.164'),
    title: z.string().nullable(),
    companyId: z.string().uuid().nullable(),
    companyName: z.string().nullable(),
    address: ZAddress,
    language: z.string().nullable(),
    timezone: z.string().nullable().describe("IANA time zone, e.g. Europe/Amsterdam; null means the workspace's"),
    website: z.string().nullable(),
    social: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    ownerId: z.string().uuid().nullable(),
    lifecycleStage: z.string(),
    custom: ZCustomValues,
    source: z.object({ first: ZSourceTouch.nullable(), latest: ZSourceTouch.nullable() }),
    mergedIntoId: z.string().uuid().nullable(),
    erasedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Contact' });

const ZConsentInput = z.object({
  status: z.enum(CONSENT_STATUSES),
  lawfulBasis: text(60).optional(),
  source: text(200).optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
});

export const ZContactCreate = z
  .object({
    firstName: text(120).nullish(),
    lastName: text(120).nullish(),
    name: text(240).optional().describe('Full name, split into first and last when those are not given'),
    emails: z.array(text(254)).max(20).optional(),
    phones: z.array(text(40)).max(20).optional(),
    title: text(200).nullish(),
    companyId: z.string().uuid().nullish(),
    companyName: text(200).nullish().describe('Links the company of this name, creating it when new'),
    address: ZAddressInput.optional(),
    language: text(20).nullish(),
    timezone: text(64).nullish().describe('IANA time zone, e.g. Europe/Amsterdam'),
    website: text(500).nullish(),
    social: z.record(z.string(), text(500)).optional(),
    tags: z.array(text(80)).max(100).optional(),
    ownerId: z.string().uuid().nullish(),
    lifecycleStage: text(60).optional(),
    custom: ZCustomValues.optional(),
    source: ZSourceInput.optional(),
    consent: z.object({ email: ZConsentInput.optional() }).optional(),
  })
  .meta({ id: 'ContactCreate' });
export type TContactCreate = z.infer<typeof ZContactCreate>;

export const ZContactUpdate = ZContactCreate.omit({ consent: true, source: true })
  .extend({ latestSource: ZSourceInput.optional() })
  .meta({ id: 'ContactUpdate' });
export type TContactUpdate = z.infer<typeof ZContactUpdate>;

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'name', '-name'] as const;

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

export const ZContactListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Full-text and fuzzy search over names, emails, phones, company, notes'),
  tags: csv.optional().describe('Comma-separated; contacts having all of them'),
  lifecycleStage: z.string().optional(),
  ownerId: z.string().uuid().optional(),
  sourceChannel: ZChannel.optional(),
  sourceName: z.string().optional(),
  companyId: z.string().uuid().optional(),
  custom: z
    .string()
    .optional()
    .describe('JSON object of custom field values to match exactly, e.g. {"industry":"lighting"}'),
  sort: z.enum(CONTACT_SORTS).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TContactListQuery = z.infer<typeof ZContactListQuery>;

export const ZNoteCreate = z.object({
  body: z.string().trim().min(1).max(50_000),
  at: z.string().datetime({ offset: true }).optional(),
});

export const ZActivityCreate = z.object({
  kind: z.enum(['call', 'meeting', 'email']),
  subject: text(300).optional(),
  body: z.string().max(50_000).optional(),
  outcome: text(120).optional().describe('For calls: reached, voicemail, no answer…'),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  at: z.string().datetime({ offset: true }).optional(),
});

export const ZTimelineEntry = z
  .object({
    id: z.string().uuid(),
    contactId: z.string().uuid().nullable(),
    companyId: z.string().uuid().nullable(),
    dealId: z.string().uuid().nullable(),
    kind: z.string(),
    module: z.string(),
    at: z.date(),
    actorId: z.string().uuid().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });

export const ZTimelineQuery = z.object({
  kinds: csv.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZConsentRecord = ZConsentInput.extend({ channel: z.string().trim().min(1).max(40).default('email') });
export const ZConsentState = z.object({
  channel: z.string(),
  status: z.enum(CONSENT_STATUSES),
  lawfulBasis: z.string().nullable(),
  source: z.string().nullable(),
  at: z.date(),
});
export const ZConsentEvent = ZConsentState.extend({
  id: z.string().uuid(),
  evidence: z.record(z.string(), z.unknown()),
});
