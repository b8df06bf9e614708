import { z } from 'zod';

const id = z.string().uuid();
const tag = z.string().trim().min(1).max(80);

export const ZWebinar = z
  .object({
    id,
    title: z.string(),
    description: z.string().nullable(),
    startsAt: z.date(),
    durationMinutes: z.number().int(),
    joinUrl: z.string().nullable().describe('Sent to registrants only; never on the public page'),
    slug: z.string(),
    publicUrl: z.string().describe('The public registration page'),
    listId: id.nullable(),
    consentText: z.string().nullable(),
    reminderOffsets: z.array(z.number().int()).describe('Minutes before the start (1440 = 24 h)'),
    registrationOpen: z.boolean(),
    tags: z.array(z.string()),
    counts: z.object({
      registrations: z.number().int(),
      attended: z.number().int(),
      noShows: z.number().int(),
    }),
    createdBy: id.nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Webinar' });
export type TWebinar = z.infer<typeof ZWebinar>;

const ZOffsets = z
  .array(
    z
      .number()
      .int()
      .min(5)
      .max(14 * 1440),
  )
  .max(5)
  .describe('Minutes before the start; at most 5 reminders, 5 minutes to 14 days ahead');

export const ZWebinarCreate = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().max(20_000).nullish(),
    startsAt: z.string().datetime({ offset: true }),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    joinUrl: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
      .nullish(),
    slug: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes')
      .optional()
      .describe('Default: made from the title'),
    listId: id.nullish().describe('Registrants who tick the consent box join this list'),
    consentText: z.string().trim().max(1000).nullish(),
    reminderOffsets: ZOffsets.optional(),
    registrationOpen: z.boolean().optional(),
    tags: z.array(tag).max(30).optional(),
  })
  .meta({ id: 'WebinarCreate' });
export type TWebinarCreate = z.infer<typeof ZWebinarCreate>;

export const ZWebinarUpdate = ZWebinarCreate.partial().meta({ id: 'WebinarUpdate' });
export type TWebinarUpdate = z.infer<typeof ZWebinarUpdate>;

export const ZWebinarListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('all').describe('upcoming: not yet ended; past: ended'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type TWebinarListQuery = z.infer<typeof ZWebinarListQuery>;

export const ZRegistrant = z
  .object({
    contactId: id,
    name: z.string(),
    email: z.string().nullable(),
    registeredAt: z.date(),
    attended: z.boolean().nullable().describe('null until attendance is imported'),
    minutesAttended: z.number().int().nullable(),
    utmCampaign: z.string().nullable(),
  })
  .meta({ id: 'WebinarRegistrant' });

export const ZRegistrantListQuery = z.object({
  attended: z.enum(['true', 'false', 'unknown']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

export const ZUnmatchedRow = z.object({
  line: z.number().int().describe('Line in the file (1 = first line)'),
  email: z.string().nullable(),
  reason: z.string(),
  raw: z.string().describe('The row as read, for the person fixing it'),
});

export const ZAttendanceImport = z
  .object({
    id,
    webinarId: id,
    fileName: z.string().nullable(),
    rows: z.number().int().describe('Data rows read'),
    attended: z.number().int().describe('Registrants marked attended'),
    noShows: z.number().int().describe('Registrants absent from the file, marked no-show'),
    unmatched: z.array(ZUnmatchedRow).describe('Rows that matched no registrant — none is dropped unseen'),
    columns: z.record(z.string(), z.string().nullable()).describe('Which column was read for what'),
    createdAt: z.date(),
  })
  .meta({ id: 'WebinarAttendanceImport' });
export type TAttendanceImport = z.infer<typeof ZAttendanceImport>;

export const ZAttendanceForm = z
  .object({ file: z.string().meta({ format: 'binary' }).describe('CSV export of Zoom, Teams, Meet…') })
  // The handler reads the multipart stream itself.
  .nullish();

export const ZWebinarIdParams = z.object({ id });
