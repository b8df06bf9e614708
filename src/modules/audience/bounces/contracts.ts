import { z } from 'zod';

export const SUPPRESSION_REASONS = ['hard_bounce', 'complaint', 'unsubscribed', 'manual'] as const;

export const ZSuppression = z
  .object({
    email: z.string(),
    reason: z.enum(SUPPRESSION_REASONS),
    detail: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'Suppression' });

export const ZSuppressionListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Part of the address'),
  reason: z.enum(SUPPRESSION_REASONS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TSuppressionListQuery = z.infer<typeof ZSuppressionListQuery>;

export const ZSuppressionCreate = z
  .object({
    email: z.string().trim().toLowerCase().email().max(320),
    detail: z.string().trim().max(500).nullish().describe('Why (shown in the list)'),
  })
  .meta({ id: 'SuppressionCreate' });

export const ZSuppressionParams = z.object({ email: z.string().min(3).max(320) });

export const AFTER_PROCESS = ['mark_seen', 'move', 'delete'] as const;

export const ZBounceMailbox = z
  .object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    username: z.string(),
    hasPassword: z.boolean().describe('The password is never sent back'),
    mailbox: z.string(),
    afterProcess: z.enum(AFTER_PROCESS),
    moveTo: z.string().nullable(),
  })
  .meta({ id: 'BounceMailbox' });

export const ZBounceMailboxUpdate = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(993),
    secure: z
      .boolean()
      .default(true)
      .describe('Implicit TLS (port 993); false: plain, upgraded with STARTTLS if offered'),
    username: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(500).optional().describe('Leave out to keep the stored one'),
    mailbox: z.string().trim().min(1).max(200).default('INBOX'),
    afterProcess: z.enum(AFTER_PROCESS).default('mark_seen'),
    moveTo: z.string().trim().min(1).max(200).nullish(),
  })
  .meta({ id: 'BounceMailboxUpdate' });
export type TBounceMailboxUpdate = z.infer<typeof ZBounceMailboxUpdate>;

export const ZConnectionTest = z
  .union([
    z.object({ ok: z.literal(true), mailbox: z.string(), messages: z.number().int(), unseen: z.number().int() }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ])
  .meta({ id: 'BounceMailboxTest' });

export const ZBounceMailboxStatus = z
  .object({
    configured: z.boolean(),
    enabled: z.boolean(),
    lastRunAt: z.date().nullable(),
    lastStatus: z.enum(['ok', 'error']).nullable(),
    lastError: z.string().nullable(),
    lastCounts: z.record(z.string(), z.number()).nullable(),
  })
  .meta({ id: 'BounceMailboxStatus' });

export const ZDeliverabilityDay = z.object({
  day: z.string().describe('YYYY-MM-DD (UTC)'),
  sent: z.number().int(),
  delivered: z.number().int(),
  hardBounces: z.number().int(),
  softBounces: z.number().int(),
  complaints: z.number().int(),
});

export const ZDeliverabilitySummary = z
  .object({
    days: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    hardBounces: z.number().int(),
    softBounces: z.number().int(),
    complaints: z.number().int(),
    bounceRate: z.number().describe('(hard + soft bounces) / sent, 0..1'),
    hardBounceRate: z.number(),
    complaintRate: z.number().describe('complaints / sent, 0..1'),
    suppressed: z.record(z.string(), z.number().int()).describe('Suppressed addresses by reason'),
    byDay: z.array(ZDeliverabilityDay),
  })
  .meta({ id: 'DeliverabilitySummary' });

export const ZDeliverabilityQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

export const ZWebhookSettings = z
  .object({
    sesUrl: z.string(),
    postmarkUrl: z.string(),
    sesVerifySignature: z.boolean(),
    sesSubscribeUrl: z.string().nullable().describe('Open it to confirm the SNS subscription, if it was not confirmed'),
    sesTopicArn: z.string().nullable(),
    sesSubscriptionAt: z.date().nullable(),
    sesConfirmed: z.boolean(),
  })
  .meta({ id: 'DeliverabilityWebhooks' });

export const ZWebhookSettingsUpdate = z
  .object({ sesVerifySignature: z.boolean() })
  .meta({ id: 'DeliverabilityWebhooksUpdate' });
