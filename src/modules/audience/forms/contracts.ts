import { z } from 'zod';
import { ZChannel } from '../../crm/contracts/common.ts';

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

/** The contact fields a form can ask for; CRM custom fields are named `custom.<key>`. */
export const STANDARD_FIELDS = ['email', 'firstName', 'lastName', 'company', 'phone', 'country'] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

export const ZFormField = z
  .object({
    key: z
      .string()
      .trim()
      .regex(
        /^(email|firstName|lastName|company|phone|country|custom\.[a-z][a-z0-9_]{0,62})$/,
        'must be email, firstName, lastName, company, phone, country or custom.<key>',
      ),
    label: text(200).min(1),
    required: z.boolean().default(false),
    placeholder: text(200).nullish(),
  })
  .meta({ id: 'FormField' });

/** http(s) only: a `javascript:` or `data:` "redirect" would run in the visitor's page. */
export const ZRedirectUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address');

export const ZAfterSubmit = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), message: text(2000).min(1) }),
    z.object({ kind: z.literal('redirect'), url: ZRedirectUrl }),
  ])
  .meta({ id: 'FormAfterSubmit', description: 'Show a message, or send the visitor to a page of yours' });

export const ZFormSource = z
  .object({
    channel: ZChannel.default('website_form'),
    name: text(200).nullish().describe('Named source, e.g. "Pricing page"; defaults to the form name'),
    campaign: text(200).nullish().describe('Campaign; a utm_campaign in the page URL wins'),
  })
  .meta({ id: 'FormSource' });

export const ZForm = z
  .object({
    id,
    publicId: z.string().describe('Names the form in public URLs; random and unguessable'),
    name: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    fields: z.array(ZFormField),
    consentText: z.string().nullable(),
    submitLabel: z.string().nullable(),
    listIds: z.array(id),
    tags: z.array(z.string()),
    source: z.object({ channel: ZChannel, name: z.string().nullable(), campaign: z.string().nullable() }),
    leadMagnetId: id.nullable(),
    afterSubmit: ZAfterSubmit,
    confirmSubject: z.string().nullable(),
    confirmMessage: z.string().nullable(),
    language: z.string().nullable(),
    active: z.boolean(),
    doubleOptIn: z.boolean().describe('True when any of its lists asks for double opt-in (the lists decide)'),
    hostedUrl: z.string(),
    embedCode: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Form' });
export type TForm = z.infer<typeof ZForm>;

export const ZFormCreate = z
  .object({
    name: text(200).min(1),
    title: text(300).optional().describe('Heading on the form; defaults to the name'),
    description: text(2000).nullish(),
    fields: z
      .array(ZFormField)
      .max(30)
      .optional()
      .describe('In display order; must include email (always required). Defaults to email + first name'),
    consentText: text(2000).nullish(),
    submitLabel: text(80).nullish(),
    listIds: z.array(id).max(50).optional(),
    tags: z.array(text(80)).max(50).optional(),
    source: ZFormSource.optional(),
    leadMagnetId: id.nullish(),
    afterSubmit: ZAfterSubmit.optional(),
    confirmSubject: text(300).nullish(),
    confirmMessage: text(5000).nullish(),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or pt-BR')
      .nullish(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'FormCreate' });
export type TFormCreate = z.infer<typeof ZFormCreate>;

export const ZFormUpdate = ZFormCreate.partial().meta({ id: 'FormUpdate' });
export type TFormUpdate = z.infer<typeof ZFormUpdate>;

export const ZFormListItem = ZForm.extend({
  views: z.number().int(),
  submissions: z.number().int(),
  confirmations: z.number().int(),
  conversionRate: z.number().nullable().describe('Submissions per view, 0–1; null before the first view'),
}).meta({ id: 'FormListItem' });

export const ZFormStats = z
  .object({
    views: z.number().int(),
    submissions: z.number().int(),
    confirmations: z.number().int(),
    conversionRate: z.number().nullable().describe('Submissions per view, 0–1'),
    confirmationRate: z.number().nullable().describe('Confirmed submissions per submission needing it, 0–1'),
    daily: z.array(
      z.object({
        day: z.string().describe('YYYY-MM-DD (UTC)'),
        views: z.number().int(),
        submissions: z.number().int(),
        confirmations: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'FormStats' });

export const ZFormStatsQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30).describe('Days of the daily series, ending today'),
});

export const ZFormSubmission = z
  .object({
    id,
    formId: id,
    contactId: id,
    email: z.string(),
    values: z.record(z.string(), z.unknown()),
    listIds: z.array(id),
    pendingListIds: z.array(id),
    status: z.enum(['pending', 'confirmed', 'subscribed']),
    pageUrl: z.string().nullable(),
    referrer: z.string().nullable(),
    utm: z.record(z.string(), z.string()),
    confirmedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'FormSubmission' });

export const ZSubmissionListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
