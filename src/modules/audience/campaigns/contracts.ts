import { z } from 'zod';
import { CAMPAIGN_STATUSES } from './schema.ts';
import { LOCAL_TIME } from './timing.ts';

const id = z.string().uuid();

export const ZCampaignStatus = z.enum(CAMPAIGN_STATUSES);

export const ZCampaign = z
  .object({
    id,
    name: z.string(),
    subject: z.string(),
    preheader: z.string().nullable(),
    mjml: z.string(),
    text: z.string().nullable(),
    templateId: id.nullable(),
    accountId: id.nullable().describe('Sending account; null = the workspace default'),
    listIds: z.array(id),
    segmentId: id.nullable(),
    excludeListIds: z.array(id),
    excludeSegmentId: id.nullable(),
    status: ZCampaignStatus,
    scheduledAt: z.date().nullable(),
    sendInRecipientTimezone: z.boolean(),
    localTime: z.string().nullable().describe("'HH:MM' in each recipient's time zone"),
    trackOpens: z.boolean(),
    trackClicks: z.boolean(),
    archive: z.boolean().describe('Listed on the public archive page once sent'),
    topicTags: z.array(z.string()),
    progress: z
      .object({
        recipients: z.number().int(),
        sent: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int(),
      })
      .describe('Recipients are counted when sending starts'),
    pauseReason: z.string().nullable(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    nextRunAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Campaign' });
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZCampaignListItem = ZCampaign.extend({
  stats: z
    .object({ opened: z.number().int(), clicked: z.number().int() })
    .describe('Unique opens and clicks so far (campaigns that started)'),
}).meta({ id: 'CampaignListItem' });

const ZTags = z.array(z.string().trim().min(1).max(60)).max(20);

export const ZCampaignCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    subject: z.string().max(300).optional(),
    preheader: z.string().max(300).nullish(),
    mjml: z.string().max(500_000).optional().describe('Defaults to the template’s, else a simple starter layout'),
    text: z.string().max(200_000).nullish(),
    templateId: id.nullish().describe('Copy subject, preheader and content from this template'),
    accountId: id.nullish(),
    listIds: z.array(id).max(50).optional(),
    segmentId: id.nullish(),
    excludeListIds: z.array(id).max(50).optional(),
    excludeSegmentId: id.nullish(),
    trackOpens: z.boolean().optional(),
    trackClicks: z.boolean().optional(),
    archive: z.boolean().optional(),
    topicTags: ZTags.optional(),
  })
  .meta({ id: 'CampaignCreate' });
export type TCampaignCreate = z.infer<typeof ZCampaignCreate>;

export const ZCampaignUpdate = ZCampaignCreate.partial().meta({ id: 'CampaignUpdate' });
export type TCampaignUpdate = z.infer<typeof ZCampaignUpdate>;

export const ZCampaignListQuery = z.object({
  status: ZCampaignStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export const ZSchedule = z
  .object({
    at: z
      .string()
      .datetime({ offset: true })
      .nullish()
      .describe('When to start; absent = now. In recipient time-zone mode, the moment from which each zone counts'),
    recipientTimezone: z
      .object({ localTime: z.string().regex(LOCAL_TIME, 'must be HH:MM (24 h)') })
      .nullish()
      .describe("Send at this local time in each recipient's time zone (the workspace's when a contact has none)"),
  })
  .meta({ id: 'CampaignSchedule' });
export type TSchedule = z.infer<typeof ZSchedule>;

export const ZTestSend = z
  .object({ emails: z.array(z.string().trim().toLowerCase().email()).min(1).max(10) })
  .meta({ id: 'CampaignTestSend' });

export const ZTestSendResult = z
  .object({
    results: z.array(
      z.object({ email: z.string(), status: z.enum(['sent', 'skipped', 'failed']), reason: z.string().nullable() }),
    ),
  })
  .meta({ id: 'CampaignTestSendResult' });

export const ZAudienceInput = z
  .object({
    listIds: z.array(id).max(50).default([]),
    segmentId: id.nullish(),
    excludeListIds: z.array(id).max(50).default([]),
    excludeSegmentId: id.nullish(),
  })
  .meta({ id: 'CampaignAudience' });

export const ZEstimate = z.object({ recipients: z.number().int() }).meta({ id: 'CampaignEstimate' });

export const ZCampaignReport = z
  .object({
    status: ZCampaignStatus,
    recipients: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    queued: z.number().int(),
    delivered: z.number().int().describe('Sent minus bounced (or delivery events, when the provider reports them)'),
    bounced: z.number().int(),
    opened: z.number().int().describe('Unique: people who opened at least once'),
    clicked: z.number().int().describe('Unique: people who clicked at least once'),
    unsubscribed: z.number().int(),
    complaints: z.number().int(),
    rates: z.object({
      delivery: z.number(),
      open: z.number().describe('opened / delivered'),
      click: z.number().describe('clicked / delivered'),
      clickToOpen: z.number().describe('clicked / opened'),
      bounce: z.number(),
      unsubscribe: z.number(),
      complaint: z.number(),
    }),
    topLinks: z.array(z.object({ url: z.string(), clicks: z.number().int(), uniqueClicks: z.number().int() })),
    timeline: z
      .array(z.object({ at: z.date(), opens: z.number().int(), clicks: z.number().int() }))
      .describe('Opens and clicks per hour (per day after the first three days)'),
    bucket: z.enum(['hour', 'day']),
  })
  .meta({ id: 'CampaignReport' });
export type TCampaignReport = z.infer<typeof ZCampaignReport>;

export const ZRecipient = z
  .object({
    messageId: id,
    contactId: id.nullable(),
    email: z.string(),
    name: z.string().nullable(),
    status: z.enum(['queued', 'sending', 'sent', 'failed', 'skipped']),
    error: z.string().nullable(),
    sentAt: z.date().nullable(),
    opened: z.boolean(),
    clicked: z.boolean(),
    bounced: z.boolean(),
    unsubscribed: z.boolean(),
  })
  .meta({ id: 'CampaignRecipient' });

export const ZRecipientQuery = z.object({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'skipped']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
