// Payload types of the template and sending-account endpoints (src/modules/audience/templates/contracts.ts and
// senders/contracts.ts), as the browser receives them: dates arrive as ISO strings.

export type FieldIssue = { field: string; message: string };

export type EmailTemplate = {
  id: string;
  name: string;
  subject: string;
  preheader: string | null;
  mjml: string;
  text: string | null;
  /** Saved anyway, but worth fixing (no unsubscribe link, no postal address, MJML the validator frowned on). */
  warnings: FieldIssue[];
  /** Has an unsubscribe or preferences link: may be used for marketing email. */
  marketingReady: boolean;
  createdAt: string;
  updatedAt: string;
};

export type TemplateStarter = {
  key: string;
  name: string;
  description: string;
  subject: string;
  preheader: string;
  mjml: string;
  /** Rendered for a sample contact, for the gallery thumbnail. */
  html: string;
};

export type TemplatePreview = {
  subject: string;
  html: string;
  text: string;
  contact: { id: string | null; name: string; email: string; sample: boolean };
  warnings: FieldIssue[];
};

export type TestSendResult = {
  results: { email: string; status: 'sent' | 'skipped' | 'failed'; reason: string | null }[];
};

export type DnsRecord = { type: 'TXT'; name: string; value: string; note: string };

export type SendingAccount = {
  id: string;
  name: string;
  /** The SMTP URL with its password masked; null: the server's SMTP_URL (or the outbox). */
  smtpUrl: string | null;
  fromEmail: string;
  fromName: string | null;
  replyTo: string | null;
  maxPerMinute: number | null;
  isDefault: boolean;
  domain: string;
  dkim: { domain: string; selector: string; record: DnsRecord } | null;
  dns: { spf: DnsRecord; dmarc: DnsRecord };
  createdAt: string;
  updatedAt: string;
};

export type ConnectionTest = {
  ok: boolean;
  mode: 'smtp' | 'outbox';
  host: string | null;
  port: number | null;
  secure: boolean;
  message: string;
  durationMs: number;
};

export type DkimGenerated = { account: SendingAccount; record: DnsRecord };
