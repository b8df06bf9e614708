import { z } from 'zod';
import { CALENDAR_CHANNELS, CALENDAR_STATUSES } from './schema.ts';

const id = z.string().uuid();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real date',
    },
  );
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h)');
const tag = z.string().trim().min(1).max(80);

export const ZCalendarChannel = z.enum(CALENDAR_CHANNELS);
export const ZCalendarStatus = z.enum(CALENDAR_STATUSES);

export const ZCalendarFigures = z
  .object({
    campaign: z
      .object({
        sent: z.number().int(),
        opens: z.number().int().describe('Unique: recipients who opened at least once'),
        clicks: z.number().int().describe('Unique: recipients who clicked at least once'),
      })
      .nullable()
      .describe('For an item linked to a campaign'),
    webinar: z
      .object({
        registrations: z.number().int(),
        attended: z.number().int(),
        noShows: z.number().int(),
      })
      .nullable()
      .describe('For an item linked to a webinar'),
    signups: z
      .number()
      .int()
      .nullable()
      .describe('Contacts whose first touch carried this utm_campaign, created within the attribution window'),
    signupWindow: z
      .object({ from: z.date(), to: z.date() })
      .nullable()
      .describe('From the item day (00:00, workspace time zone) for 30 days'),
  })
  .meta({ id: 'CalendarFigures' });

export const ZCalendarItem = z
  .object({
    id,
    channel: ZCalendarChannel,
    status: ZCalendarStatus,
    title: z.string(),
    notes: z.string().nullable(),
    ownerId: id.nullable(),
    date: z.string().nullable().describe("Day in the workspace's time zone, YYYY-MM-DD; null for an undated idea"),
    time: z.string().nullable().describe('HH:MM local time, or null'),
    tags: z.array(z.string()),
    campaignId: id.nullable(),
    webinarId: id.nullable(),
    url: z.string().nullable(),
    utmCampaign: z.string().nullable(),
    figures: ZCalendarFigures,
    createdBy: id.nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'CalendarItem' });
export type TCalendarItem = z.infer<typeof ZCalendarItem>;
export type TCalendarFigures = z.infer<typeof ZCalendarFigures>;

export const ZCalendarItemCreate = z
  .object({
    channel: ZCalendarChannel,
    status: ZCalendarStatus.default('idea'),
    title: z.string().trim().min(1).max(300),
    notes: z.string().max(20_000).nullish(),
    ownerId: id.nullish().describe('A member of the workspace; defaults to the signed-in user'),
    date: day.nullish(),
    time: time.nullish().describe('Needs a date'),
    tags: z.array(tag).max(30).optional(),
    campaignId: id.nullish(),
    webinarId: id.nullish(),
    url: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
      .nullish(),
    utmCampaign: z.string().trim().min(1).max(200).nullish(),
  })
  .meta({ id: 'CalendarItemCreate' });
export type TCalendarItemCreate = z.infer<typeof ZCalendarItemCreate>;

export const ZCalendarItemUpdate = ZCalendarItemCreate.extend({ status: ZCalendarStatus.optional() })
  .partial()
  .meta({ id: 'CalendarItemUpdate' });
export type TCalendarItemUpdate = z.infer<typeof ZCalendarItemUpdate>;

const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

export const ZCalendarListQuery = z.object({
  from: day.optional().describe('First day shown (inclusive); with `to`, the month or week on screen'),
  to: day.optional().describe('Last day shown (inclusive)'),
  undated: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only items without a date (the ideas backlog); ignores from/to'),
  channels: csv.pipe(z.array(ZCalendarChannel)).optional().describe('Comma-separated channels'),
  status: ZCalendarStatus.optional(),
  ownerId: id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: z.string().optional(),
});
export type TCalendarListQuery = z.infer<typeof ZCalendarListQuery>;
