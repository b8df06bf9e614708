import { eq } from 'drizzle-orm';
import type { Config } from '../../../platform/config.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getWorkspaceInfo } from '../../identity/index.ts';
import type { TBounceMailboxUpdate } from './contracts.ts';
import { type ConnectionTest, testMailboxConnection } from './mailbox.ts';
import { bounceMailboxes, deliverabilitySettings, newWebhookToken } from './schema.ts';

type MailboxRow = typeof bounceMailboxes.$inferSelect;

function toMailbox(r: MailboxRow) {
  return {
    enabled: r.enabled,
    host: r.host,
    port: r.port,
    secure: r.secure,
    username: r.username,
    hasPassword: r.password.length > 0,
    mailbox: r.mailbox,
    afterProcess: r.afterProcess,
    moveTo: r.moveTo,
  };
}

async function mailboxRow(db: DbOrTx, workspaceId: string): Promise<MailboxRow | null> {
  const [row] = await db.select().from(bounceMailboxes).where(eq(bounceMailboxes.workspaceId, workspaceId));
  return row ?? null;
}

export async function getBounceMailbox(db: DbOrTx, workspaceId: string) {
  const row = await mailboxRow(db, workspaceId);
  if (!row) throw AppError.notFound('Bounce mailbox');
  return toMailbox(row);
}

export async function putBounceMailbox(db: DbOrTx, workspaceId: string, input: TBounceMailboxUpdate) {
  const existing = await mailboxRow(db, workspaceId);
  const password = input.password ?? existing?.password;
  if (!password) throw AppError.validation([{ field: 'body.password', message: 'is required the first time' }]);
  if (input.afterProcess === 'move' && !input.moveTo) {
    throw AppError.validation([{ field: 'body.moveTo', message: 'name the folder processed messages go to' }]);
  }
  // A different server or account: forget what was processed there.
  const sameMailbox =
    existing &&
    existing.host === input.host &&
    existing.username === input.username &&
    existing.mailbox === input.mailbox;
  const values = {
    enabled: input.enabled,
    host: input.host,
    port: input.port,
    secure: input.secure,
    username: input.username,
    password,
    mailbox: input.mailbox,
    afterProcess: input.afterProcess,
    moveTo: input.moveTo ?? null,
    ...(sameMailbox ? {} : { uidValidity: null }),
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(bounceMailboxes)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: bounceMailboxes.workspaceId, set: values })
    .returning();
  if (!row) throw new Error('bounce mailbox not saved');
  return toMailbox(row);
}

export async function deleteBounceMailbox(db: DbOrTx, workspaceId: string): Promise<void> {
  const r = await db.delete(bounceMailboxes).where(eq(bounceMailboxes.workspaceId, workspaceId)).returning();
  if (r.length === 0) throw AppError.notFound('Bounce mailbox');
}

export async function testBounceMailbox(db: DbOrTx, workspaceId: string): Promise<ConnectionTest> {
  const row = await mailboxRow(db, workspaceId);
  if (!row) throw AppError.notFound('Bounce mailbox');
  return testMailboxConnection(row);
}

export async function bounceMailboxStatus(db: DbOrTx, workspaceId: string) {
  const row = await mailboxRow(db, workspaceId);
  return {
    configured: !!row,
    enabled: row?.enabled ?? false,
    lastRunAt: row?.lastRunAt ?? null,
    lastStatus: row?.lastStatus ?? null,
    lastError: row?.lastError ?? null,
    lastCounts: row?.lastCounts ?? null,
  };
}

export type DeliverabilitySettings = typeof deliverabilitySettings.$inferSelect;

/** The workspace's webhook settings, made (with a fresh token) on first use. */
export async function webhookSettingsFor(db: DbOrTx, workspaceId: string): Promise<DeliverabilitySettings> {
  await db
    .insert(deliverabilitySettings)
    .values({ workspaceId, webhookToken: newWebhookToken() })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(deliverabilitySettings)
    .where(eq(deliverabilitySettings.workspaceId, workspaceId));
  if (!row) throw new Error('deliverability settings missing');
  return row;
}

export async function webhookView(db: DbOrTx, config: Config, workspaceId: string) {
  const s = await webhookSettingsFor(db, workspaceId);
  const ws = await getWorkspaceInfo(db, workspaceId);
  if (!ws) throw AppError.notFound('Workspace');
  const base = `${config.publicUrl}/p/hooks`;
  const q = `?token=${encodeURIComponent(s.webhookToken)}`;
  return {
    sesUrl: `${base}/ses/${ws.publicKey}${q}`,
    postmarkUrl: `${base}/postmark/${ws.publicKey}${q}`,
    sesVerifySignature: s.sesVerifySignature,
    sesSubscribeUrl: s.sesSubscribeUrl,
    sesTopicArn: s.sesTopicArn,
    sesSubscriptionAt: s.sesSubscriptionAt,
    sesConfirmed: s.sesConfirmed,
  };
}

export async function updateWebhookSettings(
  db: DbOrTx,
  config: Config,
  workspaceId: string,
  input: { sesVerifySignature: boolean },
) {
  await webhookSettingsFor(db, workspaceId);
  await db
    .update(deliverabilitySettings)
    .set({ sesVerifySignature: input.sesVerifySignature, updatedAt: new Date() })
    .where(eq(deliverabilitySettings.workspaceId, workspaceId));
  return webhookView(db, config, workspaceId);
}

/** A new token: the old webhook URLs stop working (after a leak). */
export async function rotateWebhookToken(db: DbOrTx, config: Config, workspaceId: string) {
  await webhookSettingsFor(db, workspaceId);
  await db
    .update(deliverabilitySettings)
    .set({ webhookToken: newWebhookToken(), updatedAt: new Date() })
    .where(eq(deliverabilitySettings.workspaceId, workspaceId));
  return webhookView(db, config, workspaceId);
}
