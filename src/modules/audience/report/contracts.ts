import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const ZReportQuery = z
  .object({
    from: day.describe('First day (workspace time zone), inclusive; default: 90 days ago'),
    to: day.describe('Last day, inclusive; default: today'),
  })
  .partial();
export type TReportQuery = z.infer<typeof ZReportQuery>;

const totals = {
  pieces: z.number().int().describe('Pieces of content counted'),
  sent: z.number().int(),
  opens: z.number().int().describe('Unique: messages opened at least once'),
  clicks: z.number().int().describe('Unique: messages clicked at least once'),
  unsubscribes: z.number().int(),
  signups: z.number().int().describe('New contacts attributed (first touch)'),
  registrations: z.number().int().describe('Webinar registrations'),
  attended: z.number().int(),
  openRate: z.number().nullable().describe('opens / sent, 0..1; null when nothing was sent'),
  clickRate: z.number().nullable().describe('clicks / sent, 0..1'),
  unsubscribeRate: z.number().nullable().describe('unsubscribes / sent, 0..1'),
};

export const ZReportGroup = z.object({ key: z.string(), ...totals }).meta({ id: 'AudienceReportGroup' });

export const ZReportPiece = z
  .object({
    kind: z.enum(['campaign', 'item', 'webinar']),
    id: z.string().uuid(),
    title: z.string(),
    channel: z.string(),
    tags: z.array(z.string()),
    at: z.date(),
    ...totals,
  })
  .omit({ pieces: true })
  .meta({ id: 'AudienceReportPiece' });

export const ZAudienceReport = z
  .object({
    from: z.string(),
    to: z.string(),
    timezone: z.string(),
    attributionDays: z.number().int(),
    totals: z.object(totals),
    byChannel: z.array(ZReportGroup),
    byTag: z.array(ZReportGroup),
    pieces: z.array(ZReportPiece).describe('Campaigns, calendar items and webinars of the period, newest first'),
  })
  .meta({ id: 'AudienceReport' });
export type TAudienceReport = z.infer<typeof ZAudienceReport>;
