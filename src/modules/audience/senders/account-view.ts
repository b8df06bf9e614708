import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { sendingAccounts } from '../schema.ts';
import type { TDnsRecord, TSendingAccount } from './contracts.ts';

export type AccountRow = typeof sendingAccounts.$inferSelect;

export const MASK = '****';

/** The URL with its password replaced by ****: who can read the account can see where it sends, not how to log in. */
export function maskSmtpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    for (const k of [...u.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(k)) u.searchParams.set(k, MASK);
    }
    return u.toString();
  } catch {
    return 'smtp://(unreadable URL)';
  }
}

/** A URL sent back with the masked password means "keep the stored one". */
export function unmaskSmtpUrl(next: string, stored: string | null): string {
  if (!next.includes(MASK) || !stored) return next;
  try {
    const u = new URL(next);
    const s = new URL(stored);
    if (decodeURIComponent(u.password) === MASK) u.password = s.password;
    for (const [k, v] of u.searchParams) if (v === MASK) u.searchParams.set(k, s.searchParams.get(k) ?? '');
    return u.toString();
  } catch {
    return next;
  }
}

export function checkSmtpUrl(url: string, field = 'smtpUrl'): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw AppError.validation([{ field, message: 'is not a URL like smtp://user:password@smtp.example.com:587' }]);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw AppError.validation([{ field, message: 'must start with smtp:// or smtps://' }]);
  }
  if (!u.hostname) throw AppError.validation([{ field, message: 'has no host name' }]);
  if (u.password.includes(MASK)) {
    throw AppError.validation([{ field, message: 'has a masked password: type the real one' }]);
  }
}

export function domainOf(email: string): string {
  return email.split('@')[1]?.toLowerCase() ?? '';
}

/** The public half of the stored private key, as the `p=` of the DKIM record. */
export function dkimRecord(selector: string, domain: string, privateKeyPem: string): TDnsRecord {
  const der = crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  return {
    type: 'TXT',
    name: `${selector}._domainkey.${domain}`,
    value: `v=DKIM1; k=rsa; p=${der.toString('base64')}`,
    note: 'Publish as one TXT record. Most DNS providers split long values by themselves; if yours asks, split it into 255-character strings.',
  };
}

// Well-known providers' SPF includes, by SMTP host suffix.
const SPF_INCLUDES: [RegExp, string][] = [
  [/amazonaws\.com$/, 'amazonses.com'],
  [/postmarkapp\.com$/, 'spf.mtasv.net'],
  [/sendgrid\.net$/, 'sendgrid.net'],
  [/mailgun\.org$/, 'mailgun.org'],
  [/(sendinblue|brevo)\.com$/, 'spf.brevo.com'],
  [/mailjet\.com$/, 'spf.mailjet.com'],
  [/(gmail|google|googlemail)\.com$/, '_spf.google.com'],
  [/(office365|outlook)\.com$/, 'spf.protection.outlook.com'],
  [/zoho\.(com|eu)$/, 'zoho.eu'],
  [/fastmail\.com$/, 'spf.messagingengine.com'],
];

export function dnsHints(domain: string, smtpUrl: string | null): { spf: TDnsRecord; dmarc: TDnsRecord } {
  let host = '';
  try {
    host = smtpUrl ? new URL(smtpUrl).hostname.toLowerCase() : '';
  } catch {
    host = '';
  }
  const include = SPF_INCLUDES.find(([re]) => re.test(host))?.[1];
  return {
    spf: {
      type: 'TXT',
      name: domain,
      value: include ? `v=spf1 include:${include} ~all` : 'v=spf1 a mx ~all',
      note: include
        ? `Lets ${host} send for ${domain}. If ${domain} already has an SPF record, add "include:${include}" to it instead: a domain may have only one.`
        : `Lets your own servers send for ${domain}. If you send through a provider, add the "include:" its documentation gives. One SPF record per domain.`,
    },
    dmarc: {
      type: 'TXT',
      name: `_dmarc.${domain}`,
      value: `v=DMARC1; p=none; rua=mailto:dmarc@${domain}; adkim=r; aspf=r`,
      note: 'Start with p=none and read the reports; once SPF and DKIM pass, move to p=quarantine, then p=reject.',
    },
  };
}

export function toAccount(r: AccountRow): TSendingAccount {
  const domain = domainOf(r.fromEmail);
  return {
    id: r.id,
    name: r.name,
    smtpUrl: maskSmtpUrl(r.smtpUrl),
    fromEmail: r.fromEmail,
    fromName: r.fromName,
    replyTo: r.replyTo,
    maxPerMinute: r.maxPerMinute,
    isDefault: r.isDefault,
    domain,
    dkim:
      r.dkimDomain && r.dkimSelector && r.dkimPrivateKey
        ? {
            domain: r.dkimDomain,
            selector: r.dkimSelector,
            record: dkimRecord(r.dkimSelector, r.dkimDomain, r.dkimPrivateKey),
          }
        : null,
    dns: dnsHints(r.dkimDomain ?? domain, r.smtpUrl),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function getAccountRow(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<AccountRow> {
  const q = db
    .select()
    .from(sendingAccounts)
    .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.notFound('Sending account');
  return row;
}
