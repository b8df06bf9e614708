// Payloads of /api/v1/suppressions, /bounce-mailbox and /deliverability (src/modules/audience/bounces/contracts.ts),
// as the browser receives them (dates as ISO strings).

export type SuppressionReason = 'hard_bounce' | 'complaint' | 'unsubscribed' | 'manual';
export const REASONS: SuppressionReason[] = ['hard_bounce', 'complaint', 'unsubscribed', 'manual'];

export type Suppression = { email: string; reason: SuppressionReason; detail: string | null; createdAt: string };

export type DeliverabilityDay = {
  day: string;
  sent: number;
  delivered: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
};

export type DeliverabilitySummary = {
  days: number;
  sent: number;
  delivered: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  bounceRate: number;
  hardBounceRate: number;
  complaintRate: number;
  suppressed: Partial<Record<SuppressionReason, number>>;
  byDay: DeliverabilityDay[];
};

export type AfterProcess = 'mark_seen' | 'move' | 'delete';

export type BounceMailbox = {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  hasPassword: boolean;
  mailbox: string;
  afterProcess: AfterProcess;
  moveTo: string | null;
};

export type BounceMailboxStatus = {
  configured: boolean;
  enabled: boolean;
  lastRunAt: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  lastCounts: Record<string, number> | null;
};

export type ConnectionTest =
  | { ok: true; mailbox: string; messages: number; unseen: number }
  | { ok: false; error: string };

export type WebhookSettings = {
  sesUrl: string;
  postmarkUrl: string;
  sesVerifySignature: boolean;
  sesSubscribeUrl: string | null;
  sesTopicArn: string | null;
  sesSubscriptionAt: string | null;
  sesConfirmed: boolean;
};

export const deliverabilityKeys = {
  all: ['audience', 'deliverability'] as const,
  summary: ['audience', 'deliverability', 'summary'] as const,
  suppressions: ['audience', 'deliverability', 'suppressions'] as const,
  mailbox: ['audience', 'deliverability', 'mailbox'] as const,
  webhooks: ['audience', 'deliverability', 'webhooks'] as const,
};
