import { and, desc, eq } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { nodemailerTransport } from '../../../platform/mail/nodemailer-transport.ts';
import { outboxTransport } from '../../../platform/mail/outbox-transport.ts';
import { createPipelinedTransport, defaultBuildWorkers } from '../../../platform/mail/smtp/transport.ts';
import type { DkimKey, MailTransport } from '../../../platform/mail/types.ts';
import { sendingAccounts } from '../schema.ts';

export type SendingAccount = typeof sendingAccounts.$inferSelect;

/** What a send needs to know about the account it goes through. */
export type ResolvedAccount = {
  id: string | null;
  fromEmail: string;
  fromName: string | null;
  replyTo: string | null;
  smtpUrl: string | null;
  maxPerMinute: number | null;
  dkim: DkimKey | null;
  /** Domain for Message-IDs: the From address's. */
  domain: string;
};

/** The named account, else the workspace's default, else the server's SMTP_URL (or the outbox) with a made-up From. */
export async function resolveAccount(
  db: DbOrTx,
  config: Config,
  workspace: { id: string; name: string },
  accountId?: string | null,
): Promise<ResolvedAccount> {
  const where = accountId
    ? and(eq(sendingAccounts.workspaceId, workspace.id), eq(sendingAccounts.id, accountId))
    : eq(sendingAccounts.workspaceId, workspace.id);
  const [row] = await db
    .select()
    .from(sendingAccounts)
    .where(where)
    .orderBy(desc(sendingAccounts.isDefault), sendingAccounts.createdAt)
    .limit(1);
  if (row) {
    return {
      id: row.id,
      fromEmail: row.fromEmail,
      fromName: row.fromName ?? workspace.name,
      replyTo: row.replyTo,
      smtpUrl: row.smtpUrl ?? config.smtpUrl ?? null,
      maxPerMinute: row.maxPerMinute,
      dkim:
        row.dkimDomain && row.dkimSelector && row.dkimPrivateKey
          ? { domainName: row.dkimDomain, keySelector: row.dkimSelector, privateKey: row.dkimPrivateKey }
          : null,
      domain: domainOf(row.fromEmail),
    };
  }
  const host = new URL(config.publicUrl).hostname;
  const domain = host.includes('.') ? host : 'freehold.localhost';
  return {
    id: null,
    fromEmail: `hello@${domain}`,
    fromName: workspace.name,
    replyTo: null,
    smtpUrl: config.smtpUrl ?? null,
    maxPerMinute: null,
    dkim: null,
    domain,
  };
}

// One pooled transport per account and settings, kept for the process: opening SMTP connections per message is slow.
const pool = new Map<string, MailTransport>();

export function transportFor(db: DbOrTx, account: ResolvedAccount): MailTransport {
  if (!account.smtpUrl) return outboxTransport(db);
  const key = `${account.id ?? 'server'}|${account.smtpUrl}|${account.dkim?.keySelector ?? ''}|${account.dkim?.domainName ?? ''}`;
  let t = pool.get(key);
  if (!t) {
    t = nodemailerTransport(account.smtpUrl, { dkim: account.dkim });
    pool.set(key, t);
  }
  return t;
}

/**
 * The transport for bulk sends (campaigns): our pipelining client (platform/mail/smtp, ADR 0006). The account's SMTP
 * URL may say `connections=` (default 4) and `build_workers=` (threads that build and sign; default: one per core, up
 * to 4, none on a single core). Kept in the same pool, so closeTransports() closes it too.
 */
export function bulkTransportFor(db: DbOrTx, account: ResolvedAccount): MailTransport {
  if (!account.smtpUrl) return outboxTransport(db);
  const key = `bulk|${account.id ?? 'server'}|${account.smtpUrl}|${account.dkim?.keySelector ?? ''}|${account.dkim?.domainName ?? ''}`;
  let t = pool.get(key);
  if (!t) {
    const q = new URL(account.smtpUrl).searchParams;
    const connections = Number(q.get('connections') ?? 4) || 4;
    const buildWorkers = q.has('build_workers') ? Number(q.get('build_workers')) || 0 : defaultBuildWorkers();
    t = createPipelinedTransport({ smtpUrl: account.smtpUrl, dkim: account.dkim, connections, buildWorkers });
    pool.set(key, t);
  }
  return t;
}

/** Tests and shutdown: close every pooled SMTP connection. */
export async function closeTransports(): Promise<void> {
  const all = [...pool.values()];
  pool.clear();
  await Promise.all(all.map((t) => t.close()));
}

function domainOf(email: string): string {
  return email.split('@')[1]?.toLowerCase() ?? 'localhost';
}
