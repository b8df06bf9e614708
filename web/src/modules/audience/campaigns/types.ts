// Payloads of /api/v1/campaigns (src/modules/audience/campaigns/contracts.ts), as the browser receives them.

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled' | 'failed';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'sent',
  'cancelled',
  'failed',
];

export type Campaign = {
  id: string;
  name: string;
  subject: string;
  preheader: string | null;
  mjml: string;
  text: string | null;
  templateId: string | null;
  accountId: string | null;
  listIds: string[];
  segmentId: string | null;
  excludeListIds: string[];
  excludeSegmentId: string | null;
  status: CampaignStatus;
  scheduledAt: string | null;
  sendInRecipientTimezone: boolean;
  localTime: string | null;
  trackOpens: boolean;
  trackClicks: boolean;
  archive: boolean;
  topicTags: string[];
  progress: { recipients: number; sent: number; failed: number; skipped: number };
  pauseReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  nextRunAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CampaignReport = {
  status: CampaignStatus;
  recipients: number;
  sent: number;
  failed: number;
  skipped: number;
  queued: number;
  delivered: number;
  bounced: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  complaints: number;
  rates: {
    delivery: number;
    open: number;
    click: number;
    clickToOpen: number;
    bounce: number;
    unsubscribe: number;
    complaint: number;
  };
  topLinks: { url: string; clicks: number; uniqueClicks: number }[];
  timeline: { at: string; opens: number; clicks: number }[];
  bucket: 'hour' | 'day';
};

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

export type CampaignRecipient = {
  messageId: string;
  contactId: string | null;
  email: string;
  name: string | null;
  status: MessageStatus;
  error: string | null;
  sentAt: string | null;
  opened: boolean;
  clicked: boolean;
  bounced: boolean;
  unsubscribed: boolean;
};

export const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'freehold',
  paused: 'yellow',
  sent: 'teal',
  cancelled: 'gray',
  failed: 'red',
};

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (status: string) => ['campaigns', 'list', status] as const,
  one: (id: string) => ['campaigns', 'one', id] as const,
  report: (id: string) => ['campaigns', 'report', id] as const,
  recipients: (id: string) => ['campaigns', 'recipients', id] as const,
  estimate: (key: string) => ['campaigns', 'estimate', key] as const,
};

/** Live states poll; finished ones do not. */
export const isLive = (s: CampaignStatus) => s === 'sending' || s === 'scheduled';
