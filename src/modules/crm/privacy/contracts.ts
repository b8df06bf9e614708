import { z } from 'zod';
import { ZCompany } from '../companies/contracts.ts';
import { ZConsentEvent, ZContact, ZTimelineEntry } from '../contacts/contracts.ts';
import { ZDeal } from '../deals/contracts.ts';
import { ZTask } from '../tasks/contracts.ts';

export const ZContactExport = z
  .object({
    exportedAt: z.date(),
    contact: ZContact,
    company: ZCompany.nullable(),
    consent: z.array(ZConsentEvent).describe('The full consent history, newest first'),
    timeline: z.array(ZTimelineEntry),
    tasks: z.array(ZTask),
    deals: z.array(ZDeal),
    mergedContacts: z.array(ZContact).describe('Records merged into this one: the same person'),
    imports: z.array(
      z.object({
        importId: z.string().uuid(),
        filename: z.string().nullable(),
        at: z.date(),
        action: z.string().nullable(),
      }),
    ),
    importRejects: z
      .array(
        z.object({
          importId: z.string().uuid(),
          rowNumber: z.number().int(),
          raw: z.unknown(),
          reason: z.string(),
        }),
      )
      .describe('Rejected import rows that mention one of their emails or phones'),
    privacyLog: z.array(z.object({ action: z.string(), at: z.date(), actorId: z.string().uuid().nullable() })),
  })
  .meta({ id: 'ContactExport' });

export const ZEraseResult = z
  .object({
    contactId: z.string().uuid(),
    erasedAt: z.date(),
    counts: z.object({
      contacts: z.number().int().describe('The contact and the records merged into it'),
      timelineEntries: z.number().int(),
      consentEvents: z.number().int(),
      importRejects: z.number().int(),
    }),
  })
  .meta({ id: 'EraseResult' });
