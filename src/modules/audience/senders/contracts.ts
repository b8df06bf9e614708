import { z } from 'zod';

const id = z.string().uuid();

export const ZDnsRecord = z
  .object({
    type: z.literal('TXT'),
    name: z.string().describe('Host name to publish the record at'),
    value: z.string(),
    note: z.string(),
  })
  .meta({ id: 'DnsRecord' });
export type TDnsRecord = z.infer<typeof ZDnsRecord>;

export const ZSendingAccount = z
  .object({
    id,
    name: z.string(),
    smtpUrl: z
      .string()
      .nullable()
      .describe("smtp(s)://user:****@host:port — the password is never returned; null: the server's SMTP_URL"),
    fromEmail: z.string(),
    fromName: z.string().nullable(),
    replyTo: z.string().nullable(),
    maxPerMinute: z.number().int().nullable().describe('Throttle: at most this many messages a minute'),
    isDefault: z.boolean(),
    domain: z.string().describe("The From address's domain"),
    dkim: z
      .object({ domain: z.string(), selector: z.string(), record: ZDnsRecord })
      .nullable()
      .describe('The DKIM key in use (its public half, as the DNS record to publish); the private key stays here'),
    dns: z.object({ spf: ZDnsRecord, dmarc: ZDnsRecord }).describe('What to publish for SPF and DMARC'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'SendingAccount' });
export type TSendingAccount = z.infer<typeof ZSendingAccount>;

const smtpUrl = z
  .string()
  .trim()
  .max(2000)
  .describe('smtp://user:pass@host:587 or smtps://user:pass@host:465; a masked password (****) keeps the stored one');

export const ZSendingAccountCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    smtpUrl: smtpUrl.nullish(),
    fromEmail: z.string().trim().toLowerCase().email().max(320),
    fromName: z.string().trim().max(200).nullish(),
    replyTo: z.string().trim().toLowerCase().email().max(320).nullish(),
    maxPerMinute: z.number().int().min(1).max(100_000).nullish(),
    isDefault: z.boolean().optional().describe('The first account is the default whatever this says'),
  })
  .meta({ id: 'SendingAccountCreate' });
export type TSendingAccountCreate = z.infer<typeof ZSendingAccountCreate>;

export const ZSendingAccountUpdate = ZSendingAccountCreate.partial().meta({ id: 'SendingAccountUpdate' });
export type TSendingAccountUpdate = z.infer<typeof ZSendingAccountUpdate>;

export const ZConnectionTest = z
  .object({
    ok: z.boolean(),
    mode: z.enum(['smtp', 'outbox']),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    secure: z.boolean(),
    message: z.string(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'SendingAccountTest' });
export type TConnectionTest = z.infer<typeof ZConnectionTest>;

export const ZDkimRequest = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'is not a domain name')
      .optional()
      .describe("Defaults to the From address's domain"),
    selector: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'is not a DNS label')
      .optional()
      .describe('Defaults to a new one (fh + date), so the old key keeps verifying mail already sent'),
  })
  .meta({ id: 'DkimRequest' });

export const ZDkimGenerated = z.object({ account: ZSendingAccount, record: ZDnsRecord }).meta({ id: 'DkimGenerated' });
