import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { sendingAccounts } from '../schema.ts';
import { checkSmtpUrl, getAccountRow, toAccount, unmaskSmtpUrl } from './account-view.ts';
import type { TSendingAccountCreate, TSendingAccountUpdate } from './contracts.ts';

// Sending accounts: one use case each, kept together as they share the "exactly one default" rule. A partial unique
// index (sending_accounts_one_default) makes two defaults impossible; these keep one whenever any account exists.

export async function listAccounts({ db, workspaceId }: { db: Db; workspaceId: string }) {
  const rows = await db
    .select()
    .from(sendingAccounts)
    .where(eq(sendingAccounts.workspaceId, workspaceId))
    .orderBy(asc(sendingAccounts.createdAt), asc(sendingAccounts.id));
  return { data: rows.map(toAccount) };
}

export async function createAccount({
  db,
  workspaceId,
  input,
}: {
  db: Db;
  workspaceId: string;
  input: TSendingAccountCreate;
}) {
  if (input.smtpUrl) checkSmtpUrl(input.smtpUrl);
  return db.transaction(async (tx) => {
    // Serialise default changes within the workspace.
    const existing = await tx
      .select({ id: sendingAccounts.id })
      .from(sendingAccounts)
      .where(eq(sendingAccounts.workspaceId, workspaceId))
      .for('update');
    const isDefault = existing.length === 0 || input.isDefault === true;
    if (isDefault && existing.length) {
      await tx
        .update(sendingAccounts)
        .set({ isDefault: false, updatedAt: new Date() })
        .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.isDefault, true)));
    }
    const [row] = await tx
      .insert(sendingAccounts)
      .values({
        workspaceId,
        id: newId(),
        name: input.name,
        smtpUrl: input.smtpUrl || null,
        fromEmail: input.fromEmail,
        fromName: input.fromName || null,
        replyTo: input.replyTo || null,
        maxPerMinute: input.maxPerMinute ?? null,
        isDefault,
      })
      .returning();
    return toAccount(row!);
  });
}

export async function updateAccount({
  db,
  workspaceId,
  id,
  input,
}: {
  db: Db;
  workspaceId: string;
  id: string;
  input: TSendingAccountUpdate;
}) {
  return db.transaction(async (tx) => {
    const current = await getAccountRow(tx, workspaceId, id, { forUpdate: true });
    let smtpUrl = current.smtpUrl;
    if (input.smtpUrl !== undefined) {
      smtpUrl = input.smtpUrl ? unmaskSmtpUrl(input.smtpUrl, current.smtpUrl) : null;
      if (smtpUrl) checkSmtpUrl(smtpUrl);
    }
    if (input.isDefault === false && current.isDefault) {
      throw AppError.validation([
        { field: 'isDefault', message: 'make another account the default instead: one account is always the default' },
      ]);
    }
    if (input.isDefault === true && !current.isDefault) {
      await tx
        .update(sendingAccounts)
        .set({ isDefault: false, updatedAt: new Date() })
        .where(
          and(
            eq(sendingAccounts.workspaceId, workspaceId),
            eq(sendingAccounts.isDefault, true),
            ne(sendingAccounts.id, id),
          ),
        );
    }
    const fromEmail = input.fromEmail ?? current.fromEmail;
    const [row] = await tx
      .update(sendingAccounts)
      .set({
        name: input.name ?? current.name,
        smtpUrl,
        fromEmail,
        fromName: input.fromName === undefined ? current.fromName : input.fromName || null,
        replyTo: input.replyTo === undefined ? current.replyTo : input.replyTo || null,
        maxPerMinute: input.maxPerMinute === undefined ? current.maxPerMinute : input.maxPerMinute,
        isDefault: input.isDefault ?? current.isDefault,
        updatedAt: new Date(),
      })
      .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, id)))
      .returning();
    return toAccount(row!);
  });
}

/** Deleting the default makes the oldest remaining account the default. */
export async function deleteAccount({ db, workspaceId, id }: { db: Db; workspaceId: string; id: string }) {
  await db.transaction(async (tx) => {
    const current = await getAccountRow(tx, workspaceId, id, { forUpdate: true });
    await tx
      .delete(sendingAccounts)
      .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, id)));
    if (!current.isDefault) return;
    const [next] = await tx
      .select({ id: sendingAccounts.id })
      .from(sendingAccounts)
      .where(eq(sendingAccounts.workspaceId, workspaceId))
      .orderBy(asc(sendingAccounts.createdAt), asc(sendingAccounts.id))
      .limit(1);
    if (next) {
      await tx
        .update(sendingAccounts)
        .set({ isDefault: true, updatedAt: new Date() })
        .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, next.id)));
    }
  });
}
