import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { sendingAccounts } from '../schema.ts';
import { dkimRecord, domainOf, getAccountRow, toAccount } from './account-view.ts';

const generateKeyPair = promisify(crypto.generateKeyPair);

/**
 * A new RSA-2048 key for the account: the private key is stored (and used by the transport to sign), the public key
 * is returned as the DNS record to publish. A new selector each time, so mail signed with the old key keeps
 * verifying while the old record is still published, and pooled transports pick the new key up.
 */
export async function generateDkim({
  db,
  workspaceId,
  id,
  domain,
  selector,
  now = new Date(),
}: {
  db: DbOrTx;
  workspaceId: string;
  id: string;
  domain?: string | undefined;
  selector?: string | undefined;
  now?: Date;
}) {
  const current = await getAccountRow(db, workspaceId, id);
  const d = domain ?? domainOf(current.fromEmail);
  const s =
    selector ?? `fh${now.toISOString().slice(0, 10).replaceAll('-', '')}${crypto.randomBytes(2).toString('hex')}`;
  const { privateKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const [row] = await db
    .update(sendingAccounts)
    .set({ dkimDomain: d, dkimSelector: s, dkimPrivateKey: pem, updatedAt: new Date() })
    .where(and(eq(sendingAccounts.workspaceId, workspaceId), eq(sendingAccounts.id, id)))
    .returning();
  return { account: toAccount(row!), record: dkimRecord(s, d, pem) };
}
