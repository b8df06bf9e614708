import { z } from 'zod';

export const EVENT_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export const ZEventType = z
  .string()
  .trim()
  .regex(EVENT_TYPE_RE, 'must be 1–100 letters, digits, _ . : - (starting with a letter or digit)');

/** At most this much JSON in `properties`: events are facts to trigger and filter on, not documents. */
export const MAX_PROPERTIES_BYTES = 16_384;

export const ZContactEventCreate = z
  .object({
    email: z.string().trim().max(254).optional().describe('Finds the contact; an unknown address creates one'),
    contactId: z.string().uuid().optional(),
    type: ZEventType.describe('e.g. "trial_started", "viewed_pricing", "webinar.attended"'),
    properties: z
      .record(z.string().max(100), z.unknown())
      .optional()
      .describe('Flat facts about the event, e.g. {"plan":"pro","value":49}; at most 16 KB of JSON'),
    occurredAt: z.string().datetime({ offset: true }).optional().describe('Defaults to now'),
  })
  .meta({ id: 'ContactEventCreate' });
export type TContactEventCreate = z.infer<typeof ZContactEventCreate>;

export const ZContactEvent = z
  .object({
    id: z.string().uuid(),
    contactId: z.string().uuid(),
    type: z.string(),
    properties: z.record(z.string(), z.unknown()),
    at: z.date(),
    contactCreated: z.boolean().describe('True when the email named nobody and a contact was made for it'),
  })
  .meta({ id: 'ContactEvent' });

export const ZEventTypeSummary = z
  .object({ type: z.string(), count: z.number().int(), lastAt: z.date() })
  .meta({ id: 'ContactEventTypeSummary' });
