import { z } from 'zod';

const id = z.string().uuid();
const MJML_MAX = 200_000;

export const ZFieldIssue = z
  .object({ field: z.string(), message: z.string() })
  .meta({ id: 'FieldIssue', description: 'A field and what is wrong with it' });

export const ZEmailTemplate = z
  .object({
    id,
    name: z.string(),
    subject: z.string(),
    preheader: z.string().nullable(),
    mjml: z.string(),
    text: z.string().nullable().describe('Hand-written plain-text part (Liquid); null: generated from the HTML'),
    warnings: z
      .array(ZFieldIssue)
      .describe('Saved anyway, but worth fixing: no unsubscribe link, no postal address, empty subject'),
    marketingReady: z.boolean().describe('Has an {{ unsubscribe_url }} or {{ preferences_url }} link'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'EmailTemplate' });
export type TEmailTemplate = z.infer<typeof ZEmailTemplate>;

const source = {
  subject: z.string().max(500),
  preheader: z.string().max(500).nullish(),
  mjml: z.string().min(1).max(MJML_MAX),
  text: z.string().max(MJML_MAX).nullish(),
};

export const ZEmailTemplateCreate = z
  .object({
    name: z.string().trim().min(1).max(200).optional().describe('Defaults to the starter name'),
    fromStarter: z
      .string()
      .max(50)
      .optional()
      .describe('A starter key (GET /template-starters); fills what is not given'),
    subject: source.subject.optional(),
    preheader: source.preheader,
    mjml: source.mjml.optional(),
    text: source.text,
  })
  .meta({ id: 'EmailTemplateCreate', description: 'Either fromStarter, or name + mjml (subject defaults to empty)' });
export type TEmailTemplateCreate = z.infer<typeof ZEmailTemplateCreate>;

export const ZEmailTemplateUpdate = z
  .object({
    name: z.string().trim().min(1).max(200),
    subject: source.subject,
    preheader: source.preheader,
    mjml: source.mjml,
    text: source.text,
  })
  .partial()
  .meta({ id: 'EmailTemplateUpdate' });
export type TEmailTemplateUpdate = z.infer<typeof ZEmailTemplateUpdate>;

export const ZTemplateListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Part of the name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZTemplateStarter = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    subject: z.string(),
    preheader: z.string(),
    mjml: z.string(),
    html: z.string().describe('Rendered for a sample contact (gallery thumbnail)'),
  })
  .meta({ id: 'TemplateStarter' });

export const ZPreviewOptions = z
  .object({
    contactId: id.optional().describe('A contact of the workspace to personalise for; else a sample contact'),
  })
  .meta({ id: 'TemplatePreviewOptions' });

export const ZPreviewSource = z
  .object({ ...source, contactId: id.optional() })
  .meta({ id: 'TemplatePreviewSource', description: 'An unsaved template, previewed as it is' });

export const ZTemplatePreview = z
  .object({
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    contact: z.object({ id: id.nullable(), name: z.string(), email: z.string(), sample: z.boolean() }),
    warnings: z.array(ZFieldIssue),
  })
  .meta({ id: 'TemplatePreview' });

const testTargets = {
  emails: z.array(z.string().trim().toLowerCase().email()).min(1).max(5).describe('Up to five addresses'),
  contactId: id.optional().describe('Personalise as this contact of the workspace; else a sample contact'),
  accountId: id.optional().describe('Sending account; else the default'),
};

export const ZTestSend = z.object(testTargets).meta({ id: 'TemplateTestSend' });
export const ZTestSendSource = z
  .object({ ...source, ...testTargets })
  .meta({ id: 'TemplateTestSendSource', description: 'Test-send an unsaved template' });

export const ZTestSendResult = z
  .object({
    results: z.array(
      z.object({
        email: z.string(),
        status: z.enum(['sent', 'skipped', 'failed']),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'TemplateTestSendResult' });
export type TTestSendResult = z.infer<typeof ZTestSendResult>;
